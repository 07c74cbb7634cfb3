"""The page kinds of the site, as one registry, and the plan of every page.

A page kind says where its pages live in each language (`path`), which
builder fills its data (`fill`), which template renders it, and whether it
is listed in the sitemap and indexed for search. `plan_pages` walks the
registry; the language switch (`alternates`), the sitemap and `check`'s
known paths all derive from it. A new page kind is one entry here, one
filler and one template.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from generator.content.model import Model
from generator.site.context import Context
from generator.site.dataset import fill_data
from generator.site.fill_dossier import fill_dossier
from generator.site.fill_site import (
    fill_home,
    fill_list,
    fill_not_found,
    fill_search,
    fill_timeline,
)
from generator.site.fill_status import fill_status
from generator.site.spec import PageSpec
from generator.site.urls import HOME_PAGE_SLUG, NOT_FOUND_PATH, Urls
from generator.vocabulary import LISTED_SECTIONS, PAGES_SECTION, SECTION_BY_NAME

Filler = Callable[[Context, dict[str, Any], dict[str, Any]], None]
# (urls, lang, section, slug) → the page's site path in that language.
PathOf = Callable[[Urls, str, str | None, str | None], str]


def _fill_root(ctx: Context, page: dict[str, Any], data: dict[str, Any]) -> None:
    """The root redirects to the default language's home, its canonical URL."""
    page["target"] = ctx.urls.home(ctx.graph.model.config.default_language)
    page["canonical"] = ctx.urls.absolute(page["target"])


def fill_redirect(ctx: Context, page: dict[str, Any], data: dict[str, Any]) -> None:
    dossier = ctx.dossier(page["slug"])
    target = ctx.urls.dossier(ctx.lang, dossier)
    page["title"] = ctx.text_version(dossier).title
    page["target"] = target
    page["canonical"] = ctx.urls.absolute(target)


@dataclass(frozen=True)
class PageKind:
    name: str
    path: PathOf
    fill: Filler
    template: str | None  # None: the dossier's section decides (actor.html, …)
    per_language: bool = True  # one page per language, or one for the whole site
    listed: bool = True  # in the sitemap
    indexed: bool = False  # in the search index
    lists_site: bool = False  # shows every dossier of a kind: its cost grows with the site


KINDS: tuple[PageKind, ...] = (
    PageKind("root", lambda u, lang, s, g: u.home(lang), _fill_root, "root.html", False, False),
    PageKind(
        "notfound", lambda u, lang, s, g: NOT_FOUND_PATH, fill_not_found, "404.html", False, False
    ),
    PageKind("home", lambda u, lang, s, g: u.home(lang), fill_home, "home.html", lists_site=True),
    PageKind(
        "list",
        lambda u, lang, s, g: u.section(lang, s or ""),
        fill_list,
        "list.html",
        lists_site=True,
    ),
    PageKind(
        "timeline",
        lambda u, lang, s, g: u.special(lang, "timeline"),
        fill_timeline,
        "timeline.html",
        indexed=True,  # its year headings: "2015" finds the timeline's 2015
        lists_site=True,
    ),
    PageKind(
        "search",
        lambda u, lang, s, g: u.special(lang, "search"),
        fill_search,
        "search.html",
        lists_site=True,
    ),
    # The open data: what each file under /data/ holds, its licence, how to cite it.
    PageKind("data", lambda u, lang, s, g: u.special(lang, "data"), fill_data, "data.html"),
    PageKind(
        "status",
        lambda u, lang, s, g: u.special(lang, "status"),
        fill_status,
        "status.html",
        listed=False,
        lists_site=True,
    ),
    PageKind(
        "dossier",
        lambda u, lang, s, g: u.slug(lang, s or "", g or ""),
        fill_dossier,
        None,
        indexed=True,
    ),
    # An old URL of a renamed dossier (`redirect_from`), sending readers to the new one.
    PageKind(
        "redirect",
        lambda u, lang, s, g: u.slug(lang, s or "", g or ""),
        fill_redirect,
        "redirect.html",
        listed=False,
    ),
)
KIND_BY_NAME: dict[str, PageKind] = {kind.name: kind for kind in KINDS}
ROOT_PATH = "/"


def plan_pages(model: Model) -> list[PageSpec]:
    """Every page of the site, in a stable order: site-wide pages, then each language's.

    Planned once per model (the build, its search index, the sitemap and the
    link check all ask); the list is shared, so callers never change it.
    """
    return model.derive("pages", _plan)


def _plan(model: Model) -> list[PageSpec]:
    config = model.config
    urls = Urls(config)
    specs = [
        PageSpec("root", None, ROOT_PATH, "root.html"),
        PageSpec("notfound", None, NOT_FOUND_PATH, "404.html"),
    ]
    for lang in config.language_codes:
        for kind in KINDS:
            if kind.per_language:
                specs.extend(_pages_of(kind, model, urls, lang))
    return specs


def _pages_of(kind: PageKind, model: Model, urls: Urls, lang: str) -> Iterator[PageSpec]:
    if kind.name == "list":
        for section in LISTED_SECTIONS:
            yield PageSpec(
                kind.name, lang, kind.path(urls, lang, section, None), "list.html", section
            )
    elif kind.name == "dossier":
        for slug, dossier in sorted(model.dossiers.items()):
            if dossier.section == PAGES_SECTION and slug == HOME_PAGE_SLUG:
                continue  # the home page dossier is the text of the home page kind
            path = kind.path(urls, lang, dossier.section, slug)
            template = SECTION_BY_NAME[dossier.section].template
            yield PageSpec(kind.name, lang, path, template, dossier.section, slug)
    elif kind.name == "redirect":
        for slug, dossier in sorted(model.dossiers.items()):
            old_slugs = sorted({old for v in dossier.versions.values() for old in v.redirect_from})
            for old in old_slugs:
                if old not in model.dossiers:  # a live dossier of that slug wins
                    path = urls.slug(lang, dossier.section, old)
                    yield PageSpec(kind.name, lang, path, "redirect.html", dossier.section, slug)
    else:
        yield PageSpec(kind.name, lang, kind.path(urls, lang, None, None), kind.template or "")


def alternates(urls: Urls, spec: PageSpec) -> list[dict[str, Any]]:
    """The page in every language (hreflang); missing translations still have a page."""
    kind = KIND_BY_NAME[spec.kind]
    out = []
    for language in urls.config.languages:
        # The root's alternates are the homes it links to.
        path = kind.path(urls, language.code, spec.section, spec.slug)
        out.append(
            {
                "lang": language.code,
                "name": language.name,
                "url": path,
                "absolute": urls.absolute(path),
                "current": language.code == spec.lang,
            }
        )
    return out
