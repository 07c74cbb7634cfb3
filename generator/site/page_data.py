"""The data one page's template receives, and the dossiers it read.

`page_context` sets what every page has (`records.Page`: language, URLs,
alternates, the site's title as a default), calls its kind's filler, which
returns the kind's record and sets the page's own title and text, then adds
the citations and what every page shows of the site (`records.SiteView`:
the menu, the UI strings). The `Context` records every dossier read: those
are the page's dependencies, which incremental rebuilds use to know what a
change affects. Templates get only this data, never loaders.
"""

from __future__ import annotations

from collections.abc import Mapping

from generator.content.model import Model, SourceData
from generator.graph.build_graph import Graph
from generator.graph.evidence import WEIGHTY_EVENTS, WEIGHTY_YEARS
from generator.site.chart import as_of, fade_text
from generator.site.context import Context
from generator.site.dependencies import MENU, Dependency
from generator.site.kinds import KIND_BY_NAME, alternates, menu
from generator.site.map.place import PlacementMemo
from generator.site.records import Citation, NavItem, Page, SiteView, TermView
from generator.site.spec import PageSpec
from generator.vocabulary import VOCABULARY_GROUPS

# What a template receives: `page`, `site`, `citations`, and its kind's record's keys.
TemplateData = Mapping[str, object]


def page_context(
    graph: Graph, spec: PageSpec, placements: PlacementMemo | None = None
) -> tuple[TemplateData, set[Dependency]]:
    """The template data of one page, and what it depends on (`site.dependencies`)."""
    config = graph.model.config
    lang = spec.lang or config.default_language
    kind = KIND_BY_NAME[spec.kind]
    ctx = Context(graph, spec, lang, placements=placements)
    page: Page = {
        "kind": spec.kind,
        "lang": lang,
        "url": spec.path,
        "canonical": ctx.urls.absolute(spec.path),
        "translated": True,
        "text_lang": lang,
        "section": spec.section,
        "slug": spec.slug,
        "indexed": kind.indexed,
        # A page served at any missing path (404): its links start at the site root.
        "link_base": _base_path(config.base_url) if kind.anywhere else None,
        "feed": ctx.urls.feed(lang),
        "extra": {},
        "title": config.title[lang],  # the filler gives the page's own
        "description": config.description[lang],
        "alternates": alternates(ctx.urls, spec),
        "as_of": None,  # the newest date its kind's record shows; its citations' are added
        "jsonld": None,
    }
    filled = kind.fill(ctx, page)
    citations = [_citation(ctx, n, slug) for n, slug in enumerate(ctx.citations.order, 1)]
    page["as_of"] = as_of(ctx) if ctx.shows_everything else _newest(page["as_of"], citations)
    site = _site(ctx)
    return {**filled, "page": page, "citations": citations, "site": site}, ctx.used


def _newest(shown: str | None, citations: list[Citation]) -> str | None:
    """The newest date a page that does not show everything shows: its own (events, a
    source's date) and its sources'."""
    dates = [date for c in citations if (date := c.get("date"))]
    return max([*dates, *([shown] if shown else [])], default=None)


def _base_path(base_url: str) -> str:
    """'https://example.org/atlas/' → '/atlas/'."""
    rest = base_url.split("://", 1)[-1]
    return "/" + rest.split("/", 1)[1] if "/" in rest else "/"


def _site(ctx: Context) -> SiteView:
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
        "nav": [_nav_item(ctx, spec) for spec in menu(ctx.graph.model, lang)],
        "strings": config.strings[lang],
        # The site's words, in its order (labels are UI strings): the about page lists them.
        # The same for every page: made once per model and shared, like `strings`.
        "vocabulary": ctx.graph.model.derive("vocabulary view", _vocabulary),
        # How the charts weigh evidence, stated on the about page with the site's numbers.
        "method": {
            "fade": fade_text(ctx),
            "events": str(WEIGHTY_EVENTS),
            "months": str(round(WEIGHTY_YEARS * 12)),
        },
    }


def _vocabulary(model: Model) -> dict[str, list[TermView]]:
    return {
        group: [
            {"code": t.code, "stance": t.stance, "tie": t.tie, "membership": t.membership}
            for t in model.config.vocabulary.terms(group)
        ]
        for group in VOCABULARY_GROUPS
    }


def _nav_item(ctx: Context, spec: PageSpec) -> NavItem:
    """A menu entry: a list page or the timeline by its name, a page by its title."""
    if spec.slug is None:
        return {"section": spec.section or spec.kind, "url": spec.path}
    title = ctx.shown_version(ctx.graph.dossier(spec.slug)).title
    return {"section": spec.section, "title": title, "url": spec.path}


def _citation(ctx: Context, number: int, slug: str) -> Citation:
    source = ctx.dossier(slug)
    item: Citation = {**ctx.ref(slug), "number": number}
    if isinstance(source.data, SourceData):
        item["publisher"] = source.data.publisher
        item["date"] = source.data.date
        item["kind"] = source.data.kind
        item["url_original"] = source.data.url
        item["language"] = source.data.language
    return item
