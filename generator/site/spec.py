"""`PageSpec`: one page of the site to render, as the plan lists it.

A leaf of the site layer, so the page-kind registry, the page-data builders
and the outputs can all name a page without importing each other.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.site.urls import output_file


@dataclass(frozen=True)
class PageSpec:
    """One page to render: its kind, language, site path and template."""

    kind: str  # a name in `site.kinds.KINDS`
    lang: str | None  # None for the language-neutral pages (root, 404)
    path: str  # site path, e.g. /en/actors/taliban/
    template: str
    section: str | None = None
    slug: str | None = None
    nav: bool = False  # listed in the navigation menu (`PageKind.nav`)

    @property
    def output(self) -> str:
        return output_file(self.path)
