"""The data one page's template receives, and the dossiers it read.

`page_context` sets what every page has (language, URLs, alternates, site
navigation, citations), then calls its kind's filler. The `Context` records
every dossier read: those are the page's dependencies, which incremental
rebuilds use to know what a change affects. Templates get only this data,
never loaders.
"""

from __future__ import annotations

from typing import Any

from generator.content.model import SourceData
from generator.graph.build_graph import Graph
from generator.graph.evidence import WEIGHTY_EVENTS, WEIGHTY_YEARS
from generator.site.chart import as_of, fade_text
from generator.site.context import Context
from generator.site.dependencies import MENU, Dependency
from generator.site.jsonld import page_jsonld
from generator.site.kinds import KIND_BY_NAME, alternates
from generator.site.mapplace import PlacementMemo
from generator.site.spec import PageSpec
from generator.site.urls import HOME_PAGE_SLUG
from generator.vocabulary import LISTED_SECTIONS, PAGES_SECTION, VOCABULARY_GROUPS


def page_context(
    graph: Graph, spec: PageSpec, placements: PlacementMemo | None = None
) -> tuple[dict[str, Any], set[Dependency]]:
    """The template data of one page, and what it depends on (`site.dependencies`)."""
    config = graph.model.config
    lang = spec.lang or config.default_language
    kind = KIND_BY_NAME[spec.kind]
    ctx = Context(graph, spec, lang, placements=placements)
    page: dict[str, Any] = {
        "kind": spec.kind,
        "lang": lang,
        "url": spec.path,
        "canonical": ctx.urls.absolute(spec.path),
        "translated": True,
        "text_lang": lang,
        "section": spec.section,
        "slug": spec.slug,
        "indexed": kind.indexed,  # what the search index holds
        # The 404 page is served at any missing path: its links start at the site root.
        "link_base": _base_path(config.base_url) if kind.name == "notfound" else None,
        "feed": ctx.urls.feed(lang),
        "extra": {},  # a dossier's `extra:` front-matter, for themes
    }
    data: dict[str, Any] = {"page": page}
    kind.fill(ctx, page, data)
    page["alternates"] = alternates(ctx.urls, spec)
    page.setdefault("title", config.title[lang])
    page.setdefault("description", config.description[lang])
    data["citations"] = [_citation(ctx, n, slug) for n, slug in enumerate(ctx.citations.order, 1)]
    page["as_of"] = _as_of(ctx, data)
    page["jsonld"] = page_jsonld(ctx, page, data)
    data["site"] = _site(ctx)
    return data, ctx.used


def _as_of(ctx: Context, data: dict[str, Any]) -> str | None:
    """The newest date the page shows, from content (never the clock): the site's
    newest for pages that show everything, else the newest of its events and sources."""
    if ctx.shows_everything:
        return as_of(ctx)
    dates = [c["date"] for c in data["citations"] if c.get("date")]
    for key in ("relationship", "actor", "source"):
        item = data.get(key) or {}
        dates.extend(e["date"] for e in item.get("timeline", ()) if e.get("date"))
        if item.get("date"):
            dates.append(item["date"])
    return max(dates) if dates else None


def _base_path(base_url: str) -> str:
    """'https://example.org/atlas/' → '/atlas/'."""
    rest = base_url.split("://", 1)[-1]
    return "/" + rest.split("/", 1)[1] if "/" in rest else "/"


def _site(ctx: Context) -> dict[str, Any]:
    config = ctx.graph.model.config
    ctx.used.add(MENU)  # the menu lists the pages: a page added or removed shows on every page
    lang = ctx.lang
    return {
        "title": config.title[lang],
        "description": config.description[lang],
        "lang": lang,
        "home": ctx.urls.home(lang),
        "search": ctx.urls.special(lang, "search"),
        "data": ctx.urls.special(lang, "data"),
        "languages": [{"code": lg.code, "name": lg.name} for lg in config.languages],
        "nav": [
            {"section": section, "url": ctx.urls.section(lang, section)}
            for section in LISTED_SECTIONS
        ]
        + [{"section": "timeline", "url": ctx.urls.special(lang, "timeline")}]
        + [
            {
                "section": PAGES_SECTION,
                "title": ctx.shown_version(d).title,
                "url": ctx.urls.dossier(lang, d),
            }
            for d in ctx.graph.model.in_section(PAGES_SECTION)
            if d.slug != HOME_PAGE_SLUG
        ],
        "strings": config.strings[lang],
        # The site's words, in its order (labels are UI strings): the about page lists them.
        "vocabulary": {
            group: [
                {"code": t.code, "stance": t.stance, "tie": t.tie, "membership": t.membership}
                for t in getattr(config.vocabulary, group)
            ]
            for group in VOCABULARY_GROUPS
        },
        # How the charts weigh evidence, stated on the about page with the site's numbers.
        "method": {
            "fade": fade_text(ctx),
            "events": str(WEIGHTY_EVENTS),
            "months": str(round(WEIGHTY_YEARS * 12)),
        },
    }


def _citation(ctx: Context, number: int, slug: str) -> dict[str, Any]:
    source = ctx.dossier(slug)
    item = ctx.ref(slug)
    item["number"] = number
    if isinstance(source.data, SourceData):
        item["publisher"] = source.data.publisher
        item["date"] = source.data.date
        item["kind"] = source.data.kind
        item["url_original"] = source.data.url
        item["language"] = source.data.language
    return item
