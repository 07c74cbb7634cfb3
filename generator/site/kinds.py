"""The plan of pages, and the plain data each page's template receives.

`plan_pages` lists every page (root, homes, section lists, the timeline, the
search page, the 404 page, dossiers) as a `PageSpec`; `page_context` builds
one page's data from the graph. The builder records which dossiers it read
(`Context.used`): those are the page's dependencies, which incremental
rebuilds use to know what a change affects. Templates get only this data,
never loaders. The builders live in `context_site` (site-wide pages) and
`context_dossiers` (one dossier each).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from generator.content.config import SiteConfig
from generator.content.model import Model, SourceData
from generator.graph.build_graph import Graph
from generator.site.context import ALL, Context
from generator.site.fill_dossier import fill_dossier
from generator.site.fill_site import (
    SPECIAL_PAGES,
    feed_path,
    fill_home,
    fill_list,
    fill_not_found,
    fill_search,
    fill_timeline,
    special_path,
)
from generator.site.fill_status import fill_status, status_path
from generator.site.urls import HOME_PAGE_SLUG, Urls, output_file

__all__ = ["ALL", "LIST_SECTIONS", "Context", "PageSpec", "page_context", "plan_pages"]

LIST_SECTIONS = ("actors", "relationships", "sources")
NOT_FOUND_PATH = "/404.html"
# Pages that only point elsewhere: kept out of the search index and sitemap.
UNLISTED = ("root", "notfound", "status")


# Each page kind's data builder; dossier pages are the default.
PAGE_FILLERS: Mapping[str, Callable[[Context, dict[str, Any], dict[str, Any]], None]] = {
    "home": fill_home,
    "list": fill_list,
    "timeline": fill_timeline,
    "search": fill_search,
    "notfound": fill_not_found,
    "status": fill_status,
}


@dataclass(frozen=True)
class PageSpec:
    kind: str  # root, home, list, timeline, search, notfound, dossier
    lang: str | None
    path: str  # site path, e.g. /en/actors/taliban/
    template: str
    section: str | None = None
    slug: str | None = None

    @property
    def output(self) -> str:
        return output_file(self.path)


def plan_pages(model: Model) -> list[PageSpec]:
    """Every page of the site, in a stable order."""
    config = model.config
    urls = Urls(config)
    specs = [
        PageSpec("root", None, "/", "root.html"),
        PageSpec("notfound", None, NOT_FOUND_PATH, "404.html"),
    ]
    for lang in config.language_codes:
        specs.append(PageSpec("home", lang, urls.home(lang), "home.html"))
        for section in LIST_SECTIONS:
            specs.append(
                PageSpec("list", lang, urls.section(lang, section), "list.html", section=section)
            )
        for name in SPECIAL_PAGES:
            specs.append(PageSpec(name, lang, special_path(config, lang, name), f"{name}.html"))
        specs.append(PageSpec("status", lang, status_path(config, lang), "status.html"))
        for slug, dossier in sorted(model.dossiers.items()):
            if dossier.section == "pages" and slug == HOME_PAGE_SLUG:
                continue
            specs.append(
                PageSpec(
                    "dossier",
                    lang,
                    urls.dossier(lang, dossier),
                    f"{dossier.section.removesuffix('s')}.html",
                    section=dossier.section,
                    slug=slug,
                )
            )
    return specs


def page_context(graph: Graph, spec: PageSpec) -> tuple[dict[str, Any], set[str]]:
    """The template data of one page, and the dossier slugs it depends on."""
    config = graph.model.config
    lang = spec.lang or config.default_language
    ctx = Context(graph, spec, lang)
    page: dict[str, Any] = {
        "kind": spec.kind,
        "lang": lang,
        "url": spec.path,
        "canonical": ctx.urls.absolute(spec.path),
        "translated": True,
        "text_lang": lang,
        "section": spec.section,
        "slug": spec.slug,
        "indexed": spec.kind == "dossier",  # what the search index holds
        # The 404 page is served at any missing path: its links start at the site root.
        "link_base": _base_path(config.base_url) if spec.kind == "notfound" else None,
        "feed": feed_path(lang),
    }
    data: dict[str, Any] = {"page": page}
    if spec.kind == "root":
        ctx.used.add(ALL)
    else:
        PAGE_FILLERS.get(spec.kind, fill_dossier)(ctx, page, data)
    page["alternates"] = alternates(config, spec)
    page.setdefault("title", config.title[lang])
    page.setdefault("description", config.description[lang])
    data["citations"] = [_citation(ctx, n, slug) for n, slug in enumerate(ctx.citations.order, 1)]
    data["site"] = _site(ctx)
    return data, ctx.used


def _base_path(base_url: str) -> str:
    """'https://example.org/atlas/' → '/atlas/'."""
    rest = base_url.split("://", 1)[-1]
    return "/" + rest.split("/", 1)[1] if "/" in rest else "/"


def _site(ctx: Context) -> dict[str, Any]:
    config = ctx.graph.model.config
    lang = ctx.lang
    return {
        "title": config.title[lang],
        "description": config.description[lang],
        "lang": lang,
        "home": ctx.urls.home(lang),
        "search": special_path(config, lang, "search"),
        "languages": [{"code": lg.code, "name": lg.name} for lg in config.languages],
        "nav": [
            {"section": section, "url": ctx.urls.section(lang, section)}
            for section in LIST_SECTIONS
        ]
        + [{"section": "timeline", "url": special_path(config, lang, "timeline")}]
        + [
            {
                "section": "pages",
                "title": ctx.text_version(d).title,
                "url": ctx.urls.dossier(lang, d),
            }
            for d in ctx.graph.model.in_section("pages")
            if d.slug != HOME_PAGE_SLUG
        ],
        "strings": config.strings[lang],
    }


def alternates(config: SiteConfig, spec: PageSpec) -> list[dict[str, Any]]:
    """The page in every language (hreflang); missing translations still have a page."""
    urls = Urls(config)
    out = []
    for language in config.languages:
        lang = language.code
        if spec.kind in ("root", "home"):
            path = urls.home(lang)
        elif spec.kind == "notfound":
            path = NOT_FOUND_PATH
        elif spec.kind == "list":
            path = urls.section(lang, spec.section or "")
        elif spec.kind in SPECIAL_PAGES:
            path = special_path(config, lang, spec.kind)
        elif spec.kind == "status":
            path = status_path(config, lang)
        else:
            path = urls.slug(lang, spec.section or "", spec.slug or "")
        out.append(
            {
                "lang": lang,
                "name": language.name,
                "url": path,
                "absolute": urls.absolute(path),
                "current": lang == spec.lang,
            }
        )
    return out


def _citation(ctx: Context, number: int, slug: str) -> dict[str, Any]:
    source = ctx.dossier(slug)
    item = ctx.ref(slug)
    item["number"] = number
    if isinstance(source.data, SourceData):
        item["publisher"] = source.data.publisher
        item["date"] = source.data.date
    return item
