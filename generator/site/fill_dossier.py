"""The data of a dossier page: an actor, a relationship, a source or a page.

Each builder reads the graph through a `Context`, so every dossier a page
shows is recorded as one of its dependencies. `fill_dossier` returns the
page's `DossierData`: the record of its section (`actor`, `relationship` or
`source`, which templates test with `is defined`) and its backlinks.
"""

from __future__ import annotations

from typing import NotRequired, TypedDict

from generator.content.markup import Citations, plain_text, render_markdown
from generator.content.model import ActorData, Dossier, RelationshipData, SourceData, Version
from generator.content.schemes import IMAGE_SCHEMES, scheme_of
from generator.graph.build_graph import PlacedEvent, PlacedQuote
from generator.graph.dates import last_updated
from generator.site.answer import AnswerView, stance_view
from generator.site.chart import Chart, chart
from generator.site.context import Context
from generator.site.dependencies import text_key
from generator.site.jsonld import dossier_jsonld
from generator.site.membership import MembershipView, membership_view
from generator.site.records import DossierLink, ImageView, Localised, Page
from generator.site.urls import event_id


class EventItem(TypedDict):
    """A timeline event as a list shows it: its relationship, what happened, its sources."""

    date: str | None
    type: str
    stance: str  # its category
    relationship: DossierLink
    claim_by: list[DossierLink]
    denied_by: list[DossierLink]
    text_html: str
    text_lang: str
    date_note_html: str
    date_note_lang: str
    citations: list[int]
    id: str  # its anchor on its relationship's page


class QuoteItem(TypedDict):
    speaker: DossierLink | None
    speaker_label: Localised | None
    note: Localised | None
    text: str
    text_lang: str
    translation: str | None
    said_in: str | None
    chain: list[str]  # the languages from the speaker's words to what is shown
    citation: int
    source: DossierLink


class ActorRelationship(DossierLink):
    other: DossierLink  # the relationship's other actor


ActiveView = TypedDict(
    "ActiveView", {"from": str | None, "until": str | None, "citations": list[int]}
)


class ActorView(TypedDict):
    kind: str
    aliases: list[str]
    affiliation: DossierLink | None
    role: Localised | None
    people: list[DossierLink]
    relationships: list[ActorRelationship]
    timeline: list[EventItem]
    first: str | None
    latest: str | None
    mentioned_in: list[DossierLink]
    sources: list[int]
    quotes: list[QuoteItem]
    chart: Chart | None
    active: ActiveView | None
    members: MembershipView | None


class OtherRelationships(TypedDict):
    actor: DossierLink
    relationships: list[DossierLink]


class RelationshipView(TypedDict):
    actors: list[DossierLink]
    stance: str | None
    since: str | None
    answer: AnswerView | None
    answer_sources: list[int]  # the answer cites the sources of the current run's links
    key_quote: QuoteItem | None
    chart: Chart | None
    timeline: list[EventItem]
    quotes: list[QuoteItem]
    other_relationships: list[OtherRelationships]
    sources: list[int]


class SourceView(TypedDict):
    kind: str | None
    publisher: str | None
    date: str | None
    author: str | None
    url: str | None
    language: str
    quotes: list[QuoteItem]
    actors: list[DossierLink]
    cited_by: list[DossierLink]
    text_html: str  # the article, when the site publishes it (`publish_source_text`)


class DossierData(TypedDict):
    actor: NotRequired[ActorView]
    relationship: NotRequired[RelationshipView]
    source: NotRequired[SourceView]
    backlinks: list[DossierLink]


def fill_text(ctx: Context, dossier: Dossier, page: Page) -> Version:
    version = ctx.text_version(dossier)
    page["title"] = version.title
    page["text_lang"] = version.lang
    page["translated"] = version.lang == ctx.lang
    page["summary_html"] = ctx.inline(version.summary)
    page["body_html"] = ctx.markdown(version.body)
    own = dossier.versions.get(ctx.lang)
    page["extra"] = {**version.extra, **(own.extra if own else {})}
    if version.summary:
        page["description"] = plain_text(version.summary)
    page["image"] = _image(ctx, dossier, version)
    page["updated"] = last_updated(ctx.graph.model, dossier)
    return version


def _image(ctx: Context, dossier: Dossier, version: Version) -> ImageView | None:
    """The front-matter image of this text, else of any language's (the picture is shared)."""
    image = version.image or next((v.image for v in dossier.versions.values() if v.image), None)
    if image is None:
        return None
    scheme = scheme_of(image.src)
    if scheme is not None and scheme not in IMAGE_SCHEMES:
        return None  # refused at load (content.images): never an <img src> or og:image
    external = scheme is not None
    path = "/" + image.src.lstrip("/")
    return {
        "src": image.src if external else ctx.image_url(image.src),
        "absolute": image.src if external else ctx.urls.absolute(path),
        "alt": image.alt,
        "caption": image.caption,
        "credit": image.credit,
    }


def fill_dossier(ctx: Context, page: Page) -> DossierData:
    dossier = ctx.dossier(page["slug"] or "")
    graph = ctx.graph
    fill_text(ctx, dossier, page)
    filled: DossierData = {"backlinks": []}
    dates: list[str] = []  # what the page shows is as of the newest of these
    if isinstance(dossier.data, ActorData):
        filled["actor"] = actor = _actor(ctx, dossier, dossier.data)
        dates = [e["date"] for e in actor["timeline"] if e["date"]]
    elif isinstance(dossier.data, RelationshipData):
        filled["relationship"] = relationship = _relationship(ctx, dossier, dossier.data)
        dates = [e["date"] for e in relationship["timeline"] if e["date"]]
    elif isinstance(dossier.data, SourceData):
        filled["source"] = source = _source(ctx, dossier, dossier.data)
        dates = [source["date"]] if source["date"] else []
        # A source's body is the publisher's article: shown only when opted in.
        page["body_html"] = ""
    filled["backlinks"] = ctx.refs(graph.backlinks.get(dossier.slug, ()))
    page["as_of"] = max(dates, default=None)
    page["jsonld"] = dossier_jsonld(ctx, page, dossier)
    return filled


def _actor(ctx: Context, dossier: Dossier, data: ActorData) -> ActorView:
    graph = ctx.graph
    relationships: list[ActorRelationship] = []
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
        "timeline": [event_item(ctx, e) for e in events],
        "first": dates[0] if dates else None,
        "latest": dates[-1] if dates else None,
        "mentioned_in": ctx.refs(mentioned),
        "sources": ctx.cite(data.sources),
        "quotes": [quote_item(ctx, q) for q in graph.quotes_by.get(dossier.slug, ())],
        "chart": chart(ctx, graph.relationships_of.get(dossier.slug, ()), actor=dossier.slug),
        "active": _active(ctx, data),
        "members": membership_view(ctx, [dossier.slug]),
    }


def _active(ctx: Context, data: ActorData) -> ActiveView | None:
    """When the actor began and ended, with the sources that say so."""
    if data.active is None:
        return None
    return {
        "from": data.active.start,
        "until": data.active.until,
        "citations": ctx.cite(data.active.sources),
    }


def _relationship(ctx: Context, dossier: Dossier, data: RelationshipData) -> RelationshipView:
    graph = ctx.graph
    stance = graph.stance_of.get(dossier.slug)
    others = {
        actor: ctx.refs(s for s in graph.relationships_of.get(actor, ()) if s != dossier.slug)
        for actor in data.actors
    }
    events = [PlacedEvent(dossier.slug, e, i) for i, e in enumerate(data.timeline)]
    quotes = [quote_item(ctx, q) for q in graph.quotes_about.get(dossier.slug, ())]
    latest_run = stance.runs[-1].events if stance and stance.runs else ()
    return {
        "actors": ctx.refs(data.actors),
        "stance": stance.stance if stance else None,
        "since": stance.since if stance else None,
        "answer": stance_view(stance),
        # The answer cites the sources of the current run's links.
        "answer_sources": ctx.cite(
            dict.fromkeys(s for i in latest_run for s in data.timeline[i].sources)
        ),
        "key_quote": quotes[0] if quotes else None,
        "chart": chart(ctx, [dossier.slug], own=True),
        "timeline": [event_item(ctx, e) for e in sorted(events, key=lambda e: e.sort_key)],
        "quotes": quotes[1:],
        "other_relationships": [
            {"actor": ctx.ref(actor), "relationships": others[actor]} for actor in data.actors
        ],
        "sources": ctx.cite(data.sources),
    }


def _source(ctx: Context, dossier: Dossier, data: SourceData) -> SourceView:
    graph = ctx.graph
    config = graph.model.config
    original = dossier.versions.get(data.language)
    text_html = ""
    if config.publish_source_text and original is not None:
        ctx.used.add(text_key(dossier.slug, original.lang))
        text_html = render_markdown(original.body, ctx.target, Citations())
    return {
        "kind": data.kind,
        "publisher": data.publisher,
        "date": data.date,
        "author": data.author,
        "url": data.url,
        "language": data.language,
        "quotes": [
            quote_item(ctx, PlacedQuote(dossier.slug, q, i)) for i, q in enumerate(data.quotes)
        ],
        "actors": ctx.refs(
            sorted(set(data.actors) | {q.speaker for q in data.quotes if q.speaker})
        ),
        "cited_by": ctx.refs(graph.cited_by.get(dossier.slug, ())),
        "text_html": text_html,
    }


def event_item(ctx: Context, placed: PlacedEvent) -> EventItem:
    event = placed.event
    text = ctx.local(event.text)
    note = ctx.local(event.date_note)
    return {
        "date": event.date,
        "type": event.type,
        "stance": event.category,
        "relationship": ctx.ref(placed.relationship),
        "claim_by": ctx.refs(event.claim_by),
        "denied_by": ctx.refs(event.denied_by),
        "text_html": ctx.inline(text["text"]) if text else "",
        "text_lang": text["lang"] if text else ctx.lang,
        "date_note_html": ctx.inline(note["text"]) if note else "",
        "date_note_lang": note["lang"] if note else ctx.lang,
        "citations": ctx.cite(event.sources),
        "id": event_id(placed.relationship, placed.index),
    }


def quote_item(ctx: Context, placed: PlacedQuote) -> QuoteItem:
    quote = placed.quote
    source = ctx.dossier(placed.source)
    assert isinstance(source.data, SourceData)
    translation = quote.translation.get(ctx.lang) if ctx.lang != source.data.language else None
    return {
        "speaker": ctx.ref(quote.speaker) if quote.speaker else None,
        "speaker_label": ctx.local(quote.speaker_label),
        "note": ctx.local(quote.note),
        "text": quote.text,
        "text_lang": source.data.language,
        "translation": translation,
        # The chain from the speaker's words to what is shown: spoken language,
        # the article's language, then this site's translation when shown.
        "said_in": quote.language,
        "chain": list(
            dict.fromkeys(
                [
                    *([quote.language] if quote.language else []),
                    source.data.language,
                    *([ctx.lang] if translation else []),
                ]
            )
        ),
        "citation": ctx.cite([placed.source])[0],
        "source": ctx.ref(placed.source),
    }
