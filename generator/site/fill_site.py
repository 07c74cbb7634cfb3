"""The data of the site-wide pages: home, lists, the timeline, search, 404.

Each of these pages shows every dossier of a kind. Home and search show them
all and depend on all of them (`ALL`); a list and the timeline depend on the
sections they read (`Context.section`) and on the titles they show, so a
renamed actor leaves the sources list and the timeline as they are. The URL segment of the timeline and search pages is a UI
string (`paths` in templates/i18n/<lang>.yaml), so a language stays a
configuration change.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from generator.content.model import ActorData, RelationshipData, SourceData, TimelineEvent
from generator.graph.build_graph import PlacedEvent
from generator.site.answer import ENDED, NO_REPORTS, period_cell, stance_view
from generator.site.chart import as_of, chart, fade_text, period_view, periods
from generator.site.context import Context
from generator.site.dependencies import ALL
from generator.site.fill_dossier import event_item, fill_text
from generator.site.membership import membership_view
from generator.site.svgmap import MapActor, MapLayout, MapLink, layout
from generator.site.urls import HOME_PAGE_SLUG
from generator.vocabulary import PAGES_SECTION, SECTION_NAMES

# The map and the actor × actor matrix grow with the square of what they show:
# the home page draws at most this many actors, the most connected ones.
MAP_LIMIT = 24
STORY_ANSWERS = 2  # the home page opens with the answers of the story's first relationships
CHANGELOG_ITEMS = 5


def all_events(ctx: Context) -> list[PlacedEvent]:
    """Every timeline event of every relationship, newest first (stable order)."""
    events = [
        PlacedEvent(d.slug, event, index)
        for d in ctx.section("relationships")
        if isinstance(d.data, RelationshipData)
        for index, event in enumerate(d.data.timeline)
    ]
    return sorted(events, key=lambda e: e.sort_key, reverse=True)


def fill_home(ctx: Context, page: dict[str, Any], data: dict[str, Any]) -> None:
    ctx.used.add(ALL)
    ctx.shows_everything = True
    model = ctx.graph.model
    home = model.dossiers.get(HOME_PAGE_SLUG)
    if home is not None and home.section == PAGES_SECTION:
        fill_text(ctx, home, page)
        page["title"] = model.config.title[ctx.lang]
    story = story_relationships(ctx)
    data["answers"] = [
        {**ctx.ref(slug), "answer": stance_view(ctx.graph.stance_of.get(slug))}
        for slug in story[:STORY_ANSWERS]
    ]
    data["chart"] = chart(ctx, (d.slug for d in model.in_section("relationships")), story)
    data["members"] = membership_view(ctx, (d.slug for d in model.in_section("actors")))
    data["map"] = relationship_map(ctx)
    data["changelog"] = changelog(ctx)
    data["timeline_url"] = ctx.urls.special(ctx.lang, "timeline")
    data["actors"] = grouped_actors(ctx)
    data["relationships"] = _by_title(ctx.refs(d.slug for d in model.in_section("relationships")))
    data["sources"] = sources_newest_first(ctx)


def story_relationships(ctx: Context) -> list[str]:
    """The relationships the home page's text links, in the order it names them."""
    home = ctx.graph.model.dossiers.get(HOME_PAGE_SLUG)
    if home is None:
        return []
    slugs = [ref.slug for ref in home.refs if ref.kind == "link"]
    dossiers = ctx.graph.model.dossiers
    return list(
        dict.fromkeys(s for s in slugs if s in dossiers and dossiers[s].section == "relationships")
    )


def changelog(ctx: Context) -> list[dict[str, Any]]:
    """The newest dated events and sources, newest first: what changed in the content."""
    items: list[tuple[str, int, dict[str, Any]]] = []
    for placed in all_events(ctx)[:CHANGELOG_ITEMS]:
        if placed.event.date:
            item = event_item(ctx, placed)
            items.append((placed.event.date, 1, {"event": item, "date": placed.event.date}))
    for source in sources_newest_first(ctx)[:CHANGELOG_ITEMS]:
        if source.get("date"):
            items.append((source["date"], 0, {"source": source, "date": source["date"]}))
    items.sort(key=lambda item: (item[0], item[1]), reverse=True)
    return [item for _, _, item in items[:CHANGELOG_ITEMS]]


def relationship_map(ctx: Context) -> dict[str, Any] | None:
    """The map of the present (non-person actors), the same places at each period, the matrix.

    Every relationship between drawn actors is placed; the map of the present
    leaves out those that ended with an actor or a membership left, and draws
    those whose last report is older than the fade time as "no reports"."""
    actors = [  # titled below: only the drawn actors' titles are this page's dependencies
        MapActor(d.slug, d.data.kind, "")
        for d in ctx.section("actors")
        if isinstance(d.data, ActorData) and d.data.kind != "person"
    ]
    if not actors:
        return None
    shown = {actor.slug for actor in actors}
    links = []
    timelines = {}
    for dossier in ctx.section("relationships"):
        if isinstance(dossier.data, RelationshipData):
            stance = ctx.graph.stance_of.get(dossier.slug)
            a, b = dossier.data.actors
            if a in shown and b in shown:  # people are not drawn
                state = stance.state if stance else "current"
                links.append(MapLink(dossier.slug, a, b, stance.stance if stance else None, state))
                timelines[dossier.slug] = dossier.data.timeline
    actors = [
        replace(actor, title=ctx.ref(actor.slug)["title"])
        for actor in most_connected(actors, links, MAP_LIMIT)
    ]
    shown = {actor.slug for actor in actors}
    links = [link for link in links if link.a in shown and link.b in shown]
    geometry = layout(actors, links, ctx.placements)
    refs = {slug: ctx.ref(slug) for slug in sorted(shown | {link.slug for link in links})}
    order = [node.slug for node in geometry.nodes]  # the matrix follows the map's order
    pair = {frozenset((e.a, e.b)): e for e in geometry.edges}
    rows = []
    for a in order:
        cells = []
        for b in order:
            edge = pair.get(frozenset((a, b))) if a != b else None
            rel = refs[edge.slug] if edge and edge.now else None
            cells.append({"self": a == b, "rel": rel, "css": edge.css if edge else ""})
        rows.append({"actor": refs[a], "cells": cells})
    ended = {slug: _lifespan(ctx, slug) for slug in order}
    now = [e for e in geometry.edges if e.now]
    categories = ctx.graph.model.config.vocabulary.categories
    drawn = {e.stance for e in now if e.state == "current"}
    small = period_maps(ctx, geometry, timelines)
    reported = {e["stance"] for p in small for e in p["edges"]}
    return {
        "layout": geometry,
        "refs": refs,
        "actors": [refs[a] for a in order],
        "ended": {slug: end for slug, end in ended.items() if end},
        "rows": rows,
        "legend": {
            "categories": [c for c in categories if c in drawn] + sorted(drawn - set(categories)),
            "none": any(e.state != "current" for e in now),
            "held": False,
        },
        "periods": small,
        "period_legend": {
            "categories": [c for c in categories if c in reported]
            + sorted(reported - set(categories)),
            "held": any(e["held"] for p in small for e in p["edges"]),
            "none": False,
            "new": any(e["new"] for p in small for e in p["edges"]),
            "gone": any(p["gone"] for p in small),
        },
        "fade": fade_text(ctx),
    }


def _lifespan(ctx: Context, slug: str) -> str | None:
    """When an actor ended, if its dossier says so (`active.until`)."""
    data = ctx.dossier(slug).data
    return data.active.until if isinstance(data, ActorData) and data.active else None


def period_maps(
    ctx: Context, geometry: MapLayout, timelines: dict[str, tuple[TimelineEvent, ...]]
) -> list[dict[str, Any]]:
    """The map at each period: each tie the period's events report, by their category
    (marked when first reported then), a tie that still holds lighter, and, faint, those
    reported in the period before but not in this one."""
    out = []
    before: dict[str, bool] = {}
    for period in periods(ctx):
        edges, gone = [], []
        reported: dict[str, bool] = {}
        for edge in geometry.edges:
            timeline = timelines[edge.slug]
            stance = ctx.graph.stance_of.get(edge.slug)
            cell = period_cell(timeline, period, stance.ended if stance else None)
            reported[edge.slug] = cell["value"] not in (NO_REPORTS, ENDED)
            if reported[edge.slug]:
                first = min((e.date for e in timeline if e.date), default="0")
                new = not cell["held"] and period.start <= int(first[:4])
                edges.append(
                    {"edge": edge, "stance": cell["value"], "new": new, "held": cell["held"]}
                )
            elif before.get(edge.slug):
                gone.append(edge)
        before = reported
        out.append({**period_view(ctx, period), "edges": edges, "gone": gone})
    return out


def most_connected(actors: list[MapActor], links: list[MapLink], limit: int) -> list[MapActor]:
    """The `limit` actors with the most relationships (ties by slug), in their given order."""
    if len(actors) <= limit:
        return actors
    degree: dict[str, int] = {}
    for link in links:
        degree[link.a] = degree.get(link.a, 0) + 1
        degree[link.b] = degree.get(link.b, 0) + 1
    ranked = sorted(actors, key=lambda actor: (-degree.get(actor.slug, 0), actor.slug))
    keep = {actor.slug for actor in ranked[:limit]}
    return [actor for actor in actors if actor.slug in keep]


def grouped_actors(ctx: Context) -> list[dict[str, Any]]:
    """Actors grouped by kind (in the vocabulary's order), each group by title."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for dossier in ctx.section("actors"):
        kind = dossier.data.kind if isinstance(dossier.data, ActorData) else "organisation"
        groups.setdefault(kind, []).append(ctx.ref(dossier.slug))
    kinds = ctx.graph.model.config.vocabulary.codes("actor_kinds")
    order = [k for k in kinds if k in groups] + sorted(set(groups) - set(kinds))
    return [{"kind": kind, "members": _by_title(groups[kind])} for kind in order]


def sources_newest_first(ctx: Context) -> list[dict[str, Any]]:
    items = []
    for dossier in ctx.section("sources"):
        item = ctx.ref(dossier.slug)
        if isinstance(dossier.data, SourceData):
            item["publisher"] = dossier.data.publisher
            item["date"] = dossier.data.date
        items.append(item)
    items.sort(key=lambda item: item["sort_key"])
    items.sort(key=lambda item: item.get("date") or "", reverse=True)
    return items


def relationships_with_actors(ctx: Context) -> list[dict[str, Any]]:
    items = []
    for dossier in ctx.section("relationships"):
        item = ctx.ref(dossier.slug)
        stance = ctx.graph.stance_of.get(dossier.slug)
        item["since"] = stance.since if stance else None
        item["answer"] = stance_view(stance)
        if isinstance(dossier.data, RelationshipData):
            item["actors"] = ctx.refs(dossier.data.actors)
        items.append(item)
    return _by_title(items)


def fill_list(ctx: Context, page: dict[str, Any], data: dict[str, Any]) -> None:
    ctx.shows_everything = True
    page["as_of"] = as_of(ctx)
    section = page["section"]
    strings = ctx.graph.model.config.strings[ctx.lang]
    page["title"] = strings[f"section_{section}"]
    page["description"] = strings.get("list_descriptions", {}).get(section, page["title"])
    data["groups"] = []
    data["items"] = []
    data["map"] = relationship_map(ctx) if section == "relationships" else None
    if section == "actors":
        data["groups"] = grouped_actors(ctx)
    elif section == "sources":
        data["items"] = sources_newest_first(ctx)
    elif section == "relationships":
        data["items"] = relationships_with_actors(ctx)
    else:
        data["items"] = _by_title(ctx.refs(d.slug for d in ctx.section(section)))


def fill_timeline(ctx: Context, page: dict[str, Any], data: dict[str, Any]) -> None:
    """Every dated link of every relationship, newest first, grouped by year."""
    ctx.shows_everything = True
    page["as_of"] = as_of(ctx)
    strings = ctx.graph.model.config.strings[ctx.lang]
    page["title"] = strings["timeline_title"]
    page["description"] = strings["timeline_description"]
    years: list[dict[str, Any]] = []
    for placed in all_events(ctx):
        year = (placed.event.date or "")[:4] or None
        if not years or years[-1]["year"] != year:
            years.append({"year": year, "events": []})
        years[-1]["events"].append(event_item(ctx, placed))
    data["years"] = years
    data["map"] = relationship_map(ctx)


def fill_search(ctx: Context, page: dict[str, Any], data: dict[str, Any]) -> None:
    """The search page: without JavaScript, every dossier by title."""
    ctx.used.add(ALL)
    ctx.shows_everything = True
    strings = ctx.graph.model.config.strings[ctx.lang]
    page["title"] = strings["search_title"]
    page["description"] = strings["search_description"]
    data["groups"] = [
        {
            "section": section,
            "members": _by_title(
                ctx.refs(d.slug for d in ctx.graph.model.in_section(section))
                if section != PAGES_SECTION
                else ctx.refs(
                    d.slug for d in ctx.graph.model.in_section(section) if d.slug != HOME_PAGE_SLUG
                )
            ),
        }
        for section in SECTION_NAMES
    ]
    data["groups"] = [group for group in data["groups"] if group["members"]]


def fill_not_found(ctx: Context, page: dict[str, Any], data: dict[str, Any]) -> None:
    """One 404 page for every language: it is served at any missing path."""
    config = ctx.graph.model.config
    page["title"] = config.strings[ctx.lang]["not_found_title"]
    data["languages"] = [
        {
            "lang": language.code,
            "name": language.name,
            "strings": config.strings[language.code],
            "home": ctx.urls.home(language.code),
            "search": ctx.urls.special(language.code, "search"),
        }
        for language in config.languages
    ]


def _by_title(items: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(items, key=lambda item: (item["sort_key"], item["slug"]))
