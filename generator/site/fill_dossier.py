"""The data of a dossier page: an actor, a relationship, a source or a page.

Each builder reads the graph through a `Context`, so every dossier a page
shows is recorded as one of its dependencies.
"""

from __future__ import annotations

from typing import Any

from generator.content.markup import Citations, plain_text, render_markdown
from generator.content.model import ActorData, Dossier, RelationshipData, SourceData, Version
from generator.content.schemes import IMAGE_SCHEMES, scheme_of
from generator.graph.build_graph import PlacedEvent, PlacedQuote
from generator.graph.dates import last_updated
from generator.site.answer import stance_view
from generator.site.chart import chart
from generator.site.context import Context
from generator.site.dependencies import text_key
from generator.site.membership import membership_view


def fill_text(ctx: Context, dossier: Dossier, page: dict[str, Any]) -> Version:
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


def _image(ctx: Context, dossier: Dossier, version: Version) -> dict[str, Any] | None:
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


def fill_dossier(ctx: Context, page: dict[str, Any], data: dict[str, Any]) -> None:
    dossier = ctx.dossier(page["slug"])
    graph = ctx.graph
    fill_text(ctx, dossier, page)
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


def _active(ctx: Context, data: ActorData) -> dict[str, Any] | None:
    """When the actor began and ended, with the sources that say so."""
    if data.active is None:
        return None
    return {
        "from": data.active.start,
        "until": data.active.until,
        "citations": ctx.cite(data.active.sources),
    }


def _relationship(ctx: Context, dossier: Dossier, data: RelationshipData) -> dict[str, Any]:
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


def _source(ctx: Context, dossier: Dossier, data: SourceData) -> dict[str, Any]:
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


def event_item(ctx: Context, placed: PlacedEvent) -> dict[str, Any]:
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
        "id": f"{placed.relationship}-{placed.index + 1}",
    }


def quote_item(ctx: Context, placed: PlacedQuote) -> dict[str, Any]:
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
