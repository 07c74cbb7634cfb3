"""The page kinds of the site, as one registry, and the plan of every page.

A page kind says which pages it has (`plan`: one, one per listed section,
one per dossier, …; the root and the 404 page are kinds in no language),
where each lives in every language (`path`), which builder fills its data
(`fill`), which template renders it, and whether its pages are in the
sitemap, the search index and the navigation menu. `plan_pages` walks the
registry; the language switch (`alternates`), the menu, the sitemap and
`check`'s known paths all derive from it. A new page kind is one entry
here, one filler and one template.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from importlib import import_module
from typing import TYPE_CHECKING, TypeAlias

from generator.content.model import Model
from generator.site.context import Context
from generator.site.fill_dossier import DossierData, fill_dossier
from generator.site.records import Alternate, NoData, Page
from generator.site.spec import PageSpec
from generator.site.urls import HOME_PAGE_SLUG, NOT_FOUND_PATH, Urls
from generator.vocabulary import LISTED_SECTIONS, PAGES_SECTION, SECTION_BY_NAME

if TYPE_CHECKING:
    from generator.site.fill_data import DataPageData
    from generator.site.fill_site import (
        HomeData,
        ListData,
        NotFoundData,
        SearchData,
        TimelineData,
    )
    from generator.site.fill_status import StatusData

# The record a kind's filler returns: what its template gets beside `page` and `site`.
KindData: TypeAlias = (
    "NoData | HomeData | ListData | TimelineData | SearchData | NotFoundData | DataPageData"
    " | StatusData | DossierData"
)
# (context, page) → the kind's record; the filler also sets the page's title and the
# fields its text gives (`records.Page`).
Filler = Callable[[Context, Page], KindData]
# (urls, lang, section, slug) → the page's site path in that language.
PathOf = Callable[[Urls, str, str | None, str | None], str]
# (the kind, model, urls, lang) → the kind's pages in `lang` (None: its site-wide pages).
Planner = Callable[["PageKind", Model, Urls, str | None], Iterator[PageSpec]]
ROOT_PATH = "/"


def _fill_root(ctx: Context, page: Page) -> NoData:
    """The root redirects to the default language's home, its canonical URL."""
    target = ctx.urls.home(ctx.graph.model.config.default_language)
    page["target"] = target
    page["canonical"] = ctx.urls.absolute(target)
    return {}


def fill_redirect(ctx: Context, page: Page) -> NoData:
    dossier = ctx.dossier(page["slug"] or "")
    target = ctx.urls.dossier(ctx.lang, dossier)
    page["title"] = ctx.text_version(dossier).title
    page["target"] = target
    page["canonical"] = ctx.urls.absolute(target)
    return {}


@dataclass(frozen=True)
class LazyFiller:
    """A filler imported when a page of its kind is first filled. The pages that list the
    site are filled with the map, a chart per relationship and the open data's tables: a
    rebuild of dossier pages alone, the commonest edit, never imports them."""

    module: str
    name: str

    def __call__(self, ctx: Context, page: Page) -> KindData:
        return self.load()(ctx, page)

    def load(self) -> Filler:
        filler: Filler = getattr(import_module(self.module), self.name)
        return filler


def import_fillers(kinds: Iterable[str]) -> None:
    """Import the fillers of these kinds now: a build about to fork its render workers
    imports them once, not once in each worker."""
    for name in sorted(set(kinds)):
        fill = KIND_BY_NAME[name].fill
        if isinstance(fill, LazyFiller):
            fill.load()


_SITE_PAGES = "generator.site.fill_site"


def one_page(kind: PageKind, model: Model, urls: Urls, lang: str | None) -> Iterator[PageSpec]:
    """A kind with one page (in each language, or for the whole site)."""
    path = kind.path(urls, lang or "", None, None)
    yield PageSpec(kind.name, lang, path, kind.template or "", nav=kind.nav)


def root_page(kind: PageKind, model: Model, urls: Urls, lang: str | None) -> Iterator[PageSpec]:
    """The site's root: one page, in no language, that sends readers to a home."""
    yield PageSpec(kind.name, None, ROOT_PATH, kind.template or "")


def list_pages(kind: PageKind, model: Model, urls: Urls, lang: str | None) -> Iterator[PageSpec]:
    """A list page per listed section."""
    for section in LISTED_SECTIONS:
        path = kind.path(urls, lang or "", section, None)
        yield PageSpec(kind.name, lang, path, kind.template or "", section, nav=kind.nav)


def dossier_pages(kind: PageKind, model: Model, urls: Urls, lang: str | None) -> Iterator[PageSpec]:
    """A page per dossier, with its section's template; the pages section's are in the menu."""
    for slug, dossier in sorted(model.dossiers.items()):
        if dossier.section == PAGES_SECTION and slug == HOME_PAGE_SLUG:
            continue  # the home page dossier is the text of the home page kind
        section = SECTION_BY_NAME[dossier.section]
        path = kind.path(urls, lang or "", dossier.section, slug)
        nav = kind.nav and section.menu
        yield PageSpec(kind.name, lang, path, section.template, dossier.section, slug, nav)


def redirect_pages(
    kind: PageKind, model: Model, urls: Urls, lang: str | None
) -> Iterator[PageSpec]:
    """A page at each old slug of a renamed dossier (unless a live dossier took it)."""
    for slug, dossier in sorted(model.dossiers.items()):
        old_slugs = sorted({old for v in dossier.versions.values() for old in v.redirect_from})
        for old in old_slugs:
            if old not in model.dossiers:
                path = kind.path(urls, lang or "", dossier.section, old)
                yield PageSpec(kind.name, lang, path, kind.template or "", dossier.section, slug)


@dataclass(frozen=True)
class PageKind:
    """A kind of page: where it is in each language, what fills it, its template."""

    name: str
    path: PathOf  # where a page of this kind is in each language (its alternates)
    fill: Filler
    template: str | None  # None: the dossier's section decides (actor.html, …)
    plan: Planner = one_page
    per_language: bool = True  # one page per language, or one for the whole site
    listed: bool = True  # in the sitemap
    indexed: bool = False  # in the search index
    lists_site: bool = False  # shows every dossier of a kind: its cost grows with the site
    nav: bool = False  # its pages are in the navigation menu
    anywhere: bool = False  # served at any missing path (404): its links start at the root

    def pages(self, model: Model, urls: Urls, lang: str | None) -> Iterator[PageSpec]:
        """This kind's pages in `lang` (None: the site-wide ones), in a stable order."""
        return self.plan(self, model, urls, lang)


KINDS: tuple[PageKind, ...] = (
    # The root redirects to a home; its alternates are the homes it links to.
    PageKind(
        "root",
        lambda u, lang, s, g: u.home(lang),
        _fill_root,
        "root.html",
        root_page,
        per_language=False,
        listed=False,
    ),
    # One 404 page for every language: it is served at any missing path.
    PageKind(
        "notfound",
        lambda u, lang, s, g: NOT_FOUND_PATH,
        LazyFiller(_SITE_PAGES, "fill_not_found"),
        "404.html",
        per_language=False,
        listed=False,
        anywhere=True,
    ),
    PageKind(
        "home",
        lambda u, lang, s, g: u.home(lang),
        LazyFiller(_SITE_PAGES, "fill_home"),
        "home.html",
        lists_site=True,
    ),
    PageKind(
        "list",
        lambda u, lang, s, g: u.section(lang, s or ""),
        LazyFiller(_SITE_PAGES, "fill_list"),
        "list.html",
        list_pages,
        lists_site=True,
        nav=True,
    ),
    PageKind(
        "timeline",
        lambda u, lang, s, g: u.special(lang, "timeline"),
        LazyFiller(_SITE_PAGES, "fill_timeline"),
        "timeline.html",
        indexed=True,  # its year headings: "2015" finds the timeline's 2015
        lists_site=True,
        nav=True,
    ),
    PageKind(
        "search",
        lambda u, lang, s, g: u.special(lang, "search"),
        LazyFiller(_SITE_PAGES, "fill_search"),
        "search.html",
        lists_site=True,
    ),
    # The open data: what each file under /data/ holds, its licence, how to cite it.
    PageKind(
        "data",
        lambda u, lang, s, g: u.special(lang, "data"),
        LazyFiller("generator.site.fill_data", "fill_data"),
        "data.html",
    ),
    PageKind(
        "status",
        lambda u, lang, s, g: u.special(lang, "status"),
        LazyFiller("generator.site.fill_status", "fill_status"),
        "status.html",
        listed=False,
        lists_site=True,
    ),
    PageKind(
        "dossier",
        lambda u, lang, s, g: u.slug(lang, s or "", g or ""),
        fill_dossier,
        None,
        dossier_pages,
        indexed=True,
        nav=True,  # where its section says so (`Section.menu`: the pages)
    ),
    # An old URL of a renamed dossier (`redirect_from`), sending readers to the new one.
    PageKind(
        "redirect",
        lambda u, lang, s, g: u.slug(lang, s or "", g or ""),
        fill_redirect,
        "redirect.html",
        redirect_pages,
        listed=False,
    ),
)
KIND_BY_NAME: dict[str, PageKind] = {kind.name: kind for kind in KINDS}


def plan_pages(model: Model) -> list[PageSpec]:
    """Every page of the site, in a stable order: site-wide pages, then each language's.

    Planned once per model (the build, its search index, the sitemap, the menu and the
    link check all ask); the list is shared, so callers never change it.
    """
    return model.derive("pages", _plan)


def _plan(model: Model) -> list[PageSpec]:
    urls = Urls(model.config)
    specs = [
        spec for kind in KINDS if not kind.per_language for spec in kind.pages(model, urls, None)
    ]
    for lang in model.config.language_codes:
        for kind in KINDS:
            if kind.per_language:
                specs.extend(kind.pages(model, urls, lang))
    return specs


def menu(model: Model, lang: str) -> list[PageSpec]:
    """The pages the navigation lists in `lang`, in the plan's order.

    Every page shows the menu: it is picked from the plan once per model and
    language (picking it per page made a build quadratic in its pages).
    """
    return model.derive(f"menu:{lang}", partial(_menu, lang=lang))


def _menu(model: Model, lang: str) -> list[PageSpec]:
    return [spec for spec in plan_pages(model) if spec.nav and spec.lang == lang]


def alternates(urls: Urls, spec: PageSpec) -> list[Alternate]:
    """The page in every language (hreflang); missing translations still have a page."""
    kind = KIND_BY_NAME[spec.kind]
    out: list[Alternate] = []
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
