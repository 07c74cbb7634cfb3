"""The plan of pages, and the plain data each page's template receives.

`plan_pages` lists every page (root, homes, section lists, dossiers) as a
`PageSpec`; `page_context` builds one page's data from the graph. The
builder records which dossiers it read (`Context.used`): those are the page's
dependencies, which incremental rebuilds use to know what a change affects.
Templates get only this data, never loaders.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from generator.link import Graph, PlacedEvent, PlacedQuote
from generator.markup import Citations, Target, plain_text, render_inline, render_markdown
from generator.model import ActorData, Dossier, RelationshipData, SourceData, Version
from generator.urls import HOME_PAGE_SLUG, Urls, output_file

LIST_SECTIONS = ("actors", "relationships", "sources")
ALL = "*"  # a dependency on every dossier (lists, home)


@dataclass(frozen=True)
class PageSpec:
    kind: str  # root, home, list, dossier
    lang: str | None
    path: str  # site path, e.g. /en/actors/taliban/
    template: str
    section: str | None = None
    slug: str | None = None

    @property
    def output(self) -> str:
        return output_file(self.path)


def plan_pages(graph: Graph) -> list[PageSpec]:
    """Every page of the site, in a stable order."""
    config = graph.model.config
    urls = Urls(config)
    specs = [PageSpec("root", None, "/", "root.html")]
    for lang in config.language_codes:
        specs.append(PageSpec("home", lang, urls.home(lang), "home.html"))
        for section in LIST_SECTIONS:
            specs.append(
                PageSpec("list", lang, urls.section(lang, section), "list.html", section=section)
            )
        for slug, dossier in sorted(graph.model.dossiers.items()):
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


@dataclass
class Context:
    """Builds one page's data, remembering which dossiers it used."""

    graph: Graph
    spec: PageSpec
    lang: str
    citations: Citations = field(default_factory=Citations)
    used: set[str] = field(default_factory=set)

    @property
    def urls(self) -> Urls:
        return Urls(self.graph.model.config)

    def dossier(self, slug: str) -> Dossier:
        self.used.add(slug)
        return self.graph.dossier(slug)

    def text_version(self, dossier: Dossier) -> Version:
        """This language's text, or the first language that has it."""
        self.used.add(dossier.slug)
        version = dossier.published_version(self.lang)
        if version is not None:
            return version
        for lang in self.graph.model.config.language_codes:
            version = dossier.published_version(lang)
            if version is not None:
                return version
        return next(iter(dossier.versions.values()))

    def target(self, slug: str) -> Target | None:
        if slug not in self.graph.model.dossiers:
            return None
        dossier = self.dossier(slug)
        return Target(self.text_version(dossier).title, self.urls.dossier(self.lang, dossier))

    def ref(self, slug: str) -> dict[str, Any]:
        """What a template needs to show a link to a dossier."""
        dossier = self.dossier(slug)
        version = self.text_version(dossier)
        item: dict[str, Any] = {
            "slug": slug,
            "title": version.title,
            "title_lang": version.lang,
            "url": self.urls.dossier(self.lang, dossier),
            "section": dossier.section,
            "kind": dossier.data.kind if isinstance(dossier.data, ActorData) else None,
            "stance": None,
        }
        stance = self.graph.stance_of.get(slug)
        if stance is not None:
            item["stance"] = stance.stance
        return item

    def refs(self, slugs: Iterable[str]) -> list[dict[str, Any]]:
        return [self.ref(slug) for slug in slugs]

    def markdown(self, text: str) -> str:
        return render_markdown(text, self.target, self.citations)

    def inline(self, text: str) -> str:
        return render_inline(text, self.target, self.citations)

    def local(self, text: dict[str, str] | Any) -> dict[str, str] | None:
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
            self.used.add(slug)
            numbers.append(self.citations.number(slug))
        return numbers


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
    }
    data: dict[str, Any] = {"page": page}
    if spec.kind == "root":
        ctx.used.add(ALL)
    elif spec.kind == "home":
        _home(ctx, page, data)
    elif spec.kind == "list":
        _list(ctx, page, data)
    else:
        _dossier(ctx, page, data)
    page["alternates"] = _alternates(ctx, spec)
    page.setdefault("title", config.title[lang])
    page.setdefault("description", config.description[lang])
    data["citations"] = [_citation(ctx, n, slug) for n, slug in enumerate(ctx.citations.order, 1)]
    data["site"] = _site(ctx)
    return data, ctx.used


def _site(ctx: Context) -> dict[str, Any]:
    config = ctx.graph.model.config
    lang = ctx.lang
    return {
        "title": config.title[lang],
        "description": config.description[lang],
        "lang": lang,
        "home": ctx.urls.home(lang),
        "languages": [{"code": lg.code, "name": lg.name} for lg in config.languages],
        "nav": [
            {"section": section, "url": ctx.urls.section(lang, section)}
            for section in LIST_SECTIONS
        ]
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


def _alternates(ctx: Context, spec: PageSpec) -> list[dict[str, Any]]:
    """The page in every language (hreflang); missing translations still have a page."""
    config = ctx.graph.model.config
    urls = ctx.urls
    out = []
    for language in config.languages:
        lang = language.code
        if spec.kind == "root" or spec.kind == "home":
            path = urls.home(lang)
        elif spec.kind == "list":
            path = urls.section(lang, spec.section or "")
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


def _home(ctx: Context, page: dict[str, Any], data: dict[str, Any]) -> None:
    ctx.used.add(ALL)
    model = ctx.graph.model
    home = model.dossiers.get(HOME_PAGE_SLUG)
    if home is not None and home.section == "pages":
        _text(ctx, home, page)
        page["title"] = model.config.title[ctx.lang]
    data["actors"] = ctx.refs(d.slug for d in model.in_section("actors"))
    data["relationships"] = ctx.refs(d.slug for d in model.in_section("relationships"))
    data["sources"] = ctx.refs(d.slug for d in model.in_section("sources"))


def _list(ctx: Context, page: dict[str, Any], data: dict[str, Any]) -> None:
    ctx.used.add(ALL)
    section = page["section"]
    items = ctx.refs(d.slug for d in ctx.graph.model.in_section(section))
    data["items"] = sorted(items, key=lambda item: item["title"].casefold())
    page["title"] = ctx.graph.model.config.strings[ctx.lang][f"section_{section}"]


def _text(ctx: Context, dossier: Dossier, page: dict[str, Any]) -> Version:
    version = ctx.text_version(dossier)
    page["title"] = version.title
    page["text_lang"] = version.lang
    page["translated"] = version.lang == ctx.lang
    page["summary_html"] = ctx.inline(version.summary)
    page["body_html"] = ctx.markdown(version.body)
    if version.summary:
        page["description"] = plain_text(version.summary)
    return version


def _dossier(ctx: Context, page: dict[str, Any], data: dict[str, Any]) -> None:
    dossier = ctx.dossier(page["slug"])
    graph = ctx.graph
    _text(ctx, dossier, page)
    if isinstance(dossier.data, ActorData):
        data["actor"] = _actor(ctx, dossier, dossier.data)
    elif isinstance(dossier.data, RelationshipData):
        data["relationship"] = _relationship(ctx, dossier, dossier.data)
    elif isinstance(dossier.data, SourceData):
        data["source"] = _source(ctx, dossier, dossier.data)
        # A source's body is the publisher's article: shown only when opted in.
        page["body_html"] = ""
    data["backlinks"] = ctx.refs(graph.backlinks.get(dossier.slug, ()))


def _actor(ctx: Context, dossier: Dossier, data: ActorData) -> dict[str, Any]:
    graph = ctx.graph
    relationships = []
    for slug in graph.relationships_of.get(dossier.slug, ()):
        rel = ctx.dossier(slug).data
        assert isinstance(rel, RelationshipData)
        other = next(a for a in rel.actors if a != dossier.slug)
        relationships.append({**ctx.ref(slug), "other": ctx.ref(other)})
    events = graph.timeline_of.get(dossier.slug, ())
    dates = sorted(e.event.date for e in events if e.event.date)
    mentioned = graph.mentioned_in.get(dossier.slug, ())
    aliases = [*data.aliases.get("*", ()), *data.aliases.get(ctx.lang, ())]
    return {
        "kind": data.kind,
        "aliases": list(dict.fromkeys(aliases)),
        "affiliation": ctx.ref(data.affiliation) if data.affiliation else None,
        "role": ctx.local(data.role),
        "people": ctx.refs(graph.people_of.get(dossier.slug, ())),
        "relationships": relationships,
        "timeline": [_event(ctx, e) for e in events],
        "first": dates[0] if dates else None,
        "latest": dates[-1] if dates else None,
        "mentioned_in": ctx.refs(mentioned),
        "sources": ctx.cite(data.sources),
        "quotes": [_quote(ctx, q) for q in graph.quotes_by.get(dossier.slug, ())],
    }


def _relationship(ctx: Context, dossier: Dossier, data: RelationshipData) -> dict[str, Any]:
    graph = ctx.graph
    stance = graph.stance_of.get(dossier.slug)
    others = {
        actor: ctx.refs(s for s in graph.relationships_of.get(actor, ()) if s != dossier.slug)
        for actor in data.actors
    }
    events = [PlacedEvent(dossier.slug, e, i) for i, e in enumerate(data.timeline)]
    return {
        "actors": ctx.refs(data.actors),
        "stance": stance.stance if stance else None,
        "since": stance.since if stance else None,
        "timeline": [_event(ctx, e) for e in sorted(events, key=lambda e: e.sort_key)],
        "quotes": [_quote(ctx, q) for q in graph.quotes_about.get(dossier.slug, ())],
        "other_relationships": [
            {"actor": ctx.ref(actor), "relationships": others[actor]} for actor in data.actors
        ],
        "sources": ctx.cite(data.sources),
    }


def _source(ctx: Context, dossier: Dossier, data: SourceData) -> dict[str, Any]:
    graph = ctx.graph
    config = graph.model.config
    original = dossier.versions.get(data.language)
    text_html = ""
    if config.publish_source_text and original is not None:
        text_html = render_markdown(original.body, ctx.target, Citations())
    return {
        "publisher": data.publisher,
        "date": data.date,
        "author": data.author,
        "url": data.url,
        "language": data.language,
        "quotes": [_quote(ctx, PlacedQuote(dossier.slug, q, i)) for i, q in enumerate(data.quotes)],
        "actors": ctx.refs(
            sorted(set(data.actors) | {q.speaker for q in data.quotes if q.speaker})
        ),
        "cited_by": ctx.refs(graph.cited_by.get(dossier.slug, ())),
        "text_html": text_html,
    }


def _event(ctx: Context, placed: PlacedEvent) -> dict[str, Any]:
    event = placed.event
    text = ctx.local(event.text)
    note = ctx.local(event.date_note)
    return {
        "date": event.date,
        "type": event.type,
        "stance": event.stance,
        "relationship": ctx.ref(placed.relationship),
        "claim_by": ctx.refs(event.claim_by),
        "denied_by": ctx.refs(event.denied_by),
        "text_html": ctx.inline(text["text"]) if text else "",
        "text_lang": text["lang"] if text else ctx.lang,
        "date_note_html": ctx.inline(note["text"]) if note else "",
        "date_note_lang": note["lang"] if note else ctx.lang,
        "citations": ctx.cite(event.sources),
        "id": f"{placed.relationship}-{placed.index + 1}",
    }


def _quote(ctx: Context, placed: PlacedQuote) -> dict[str, Any]:
    quote = placed.quote
    source = ctx.dossier(placed.source)
    assert isinstance(source.data, SourceData)
    translation = quote.translation.get(ctx.lang) if ctx.lang != source.data.language else None
    return {
        "speaker": ctx.ref(quote.speaker) if quote.speaker else None,
        "text": quote.text,
        "text_lang": source.data.language,
        "translation": translation,
        "citation": ctx.cite([placed.source])[0],
        "source": ctx.ref(placed.source),
    }
