"""The page-data builder every page kind shares.

`Context` builds one page's data from the graph and records what it read
(`used`, typed keys of `site.dependencies`): a dossier's data as it is read
(`dossier`), which dossiers a section holds (`section`), a link's face
(`shown_version`), where a labelled link goes (`target`) and a text
(`text_version`). Incremental rebuilds compare
them with what a change touches.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property

from generator.content.markup import Citations, Target, render_inline, render_markdown
from generator.content.model import ActorData, Dossier, Version
from generator.graph.build_graph import Graph
from generator.site.dependencies import (
    Dependency,
    address_key,
    dossier_key,
    link_key,
    section_key,
    text_key,
)
from generator.site.map.place import PlacementMemo
from generator.site.records import DossierLink, Localised
from generator.site.spec import PageSpec
from generator.site.urls import Urls, relative_url


@dataclass
class Context:
    """Builds one page's data, remembering which dossiers it used."""

    graph: Graph
    spec: PageSpec
    lang: str
    citations: Citations = field(default_factory=Citations)
    used: set[Dependency] = field(default_factory=set)
    shows_everything: bool = False  # a list, the timeline, home: "as of" the site's newest date
    placements: PlacementMemo | None = None  # the map's last placements (see `map.place`)

    @cached_property
    def urls(self) -> Urls:
        return Urls(self.graph.model.config)

    def section(self, name: str) -> list[Dossier]:
        """The section's dossiers: a dependency on which they are and on their data."""
        self.used.add(section_key(name))
        return self.graph.model.in_section(name)

    def dossier(self, slug: str) -> Dossier:
        """The dossier's data (not its texts): a dependency on `slug`."""
        self.used.add(dossier_key(slug))
        return self.graph.dossier(slug)

    def text_version(self, dossier: Dossier) -> Version:
        """This language's text, or the first language that has it."""
        version = self.shown_version(dossier)
        self.used.add(text_key(dossier.slug, version.lang))
        return version

    def shown_version(self, dossier: Dossier) -> Version:
        """The version whose title a link shows: a dependency on the link only."""
        self.used.add(link_key(dossier.slug))
        version = dossier.published_version(self.lang)
        if version is not None:
            return version
        for lang in self.graph.model.config.language_codes:
            version = dossier.published_version(lang)
            if version is not None:
                return version
        return next(iter(dossier.versions.values()))

    def target(self, slug: str, titled: bool = True) -> Target | None:
        """Where a `[[slug]]` link goes and, when `titled`, the title it shows. A link
        with its own label depends only on where its target is (`address_key`), so a
        renamed target leaves its page be."""
        self.used.add(address_key(slug))
        if slug not in self.graph.model.dossiers:
            return None
        dossier = self.graph.dossier(slug)
        title = self.shown_version(dossier).title if titled else ""
        return Target(title, self.urls.dossier(self.lang, dossier))

    def ref(self, slug: str) -> DossierLink:
        """What a template needs to show a link to a dossier: a dependency on the link.

        A link's face is the same on every page of a language, and a page lists
        many: it is made once per model and language, and each page gets its own copy.
        """
        self.used.add(link_key(slug))
        links = self._links
        item = links.get(slug)
        if item is None:
            item = links[slug] = self._link(slug)
        return item.copy()

    @cached_property
    def _links(self) -> dict[str, DossierLink]:
        """The model's faces of links in this language (a page asks for ~35)."""
        links: dict[str, DossierLink] = self.graph.model.derive(f"links:{self.lang}", _no_links)
        return links

    def _link(self, slug: str) -> DossierLink:
        dossier = self.graph.dossier(slug)
        version = self.shown_version(dossier)
        item: DossierLink = {
            "slug": slug,
            "title": version.title,
            "title_lang": version.lang,
            "url": self.urls.dossier(self.lang, dossier),
            "section": dossier.section,
            "kind": dossier.data.kind if isinstance(dossier.data, ActorData) else None,
            "stance": None,
            "state": None,
            "latest": None,
            "ended": None,
            "sort_key": self.sort_key(version.title, version.lang),
        }
        stance = self.graph.stance_of.get(slug)
        if stance is not None:  # a relationship: its category, and how far its evidence goes
            item["stance"] = stance.stance
            item["state"] = stance.state
            item["latest"] = stance.latest
            item["ended"] = stance.ended or (stance.runs[-1].closed if stance.runs else None)
        return item

    def sort_key(self, title: str, lang: str) -> str:
        """A title as lists sort it: case-folded, without a leading article of its language
        (`sort_ignore` in templates/i18n/<lang>.yaml), so "The Taliban" sorts under T."""
        strings = self.graph.model.config.strings.get(lang, {})
        words = title.split(" ", 1)
        articles = {str(a).casefold() for a in strings.get("sort_ignore", ())}
        if len(words) == 2 and words[0].casefold() in articles:
            title = words[1]
        return title.casefold()

    def refs(self, slugs: Iterable[str]) -> list[DossierLink]:
        return [self.ref(slug) for slug in slugs]

    def markdown(self, text: str) -> str:
        return render_markdown(text, self.target, self.citations, self.image_url)

    def image_url(self, src: str) -> str:
        """A local image (a path relative to content/, published as is), linked from this page."""
        return relative_url(self.spec.path, "/" + src.lstrip("/"))

    def inline(self, text: str) -> str:
        return render_inline(text, self.target, self.citations, self.image_url)

    def local(self, text: Mapping[str, str] | None) -> Localised | None:
        """Per-language text in this language, or the first available, with its lang."""
        if not text:
            return None
        for lang in (self.lang, *self.graph.model.config.language_codes):
            if lang in text:
                return {"text": text[lang], "lang": lang}
        return None

    def cite(self, slugs: Iterable[str]) -> list[int]:
        numbers = []
        for slug in slugs:
            self.used.add(dossier_key(slug))
            numbers.append(self.citations.number(slug))
        return numbers


def _no_links(model: object) -> dict[str, DossierLink]:
    return {}
