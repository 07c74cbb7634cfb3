"""The relationship map's page data: the map of the present, the same places at each
period, and the actor × actor matrix beside it (drawn by `site.map`).

The home, the relationships list and the timeline show it. Every relationship
between drawn actors is placed (`layout`); the map of the present leaves out
those that ended with an actor or a membership left and draws those whose last
report is older than the fade time as "no reports"; the map of each period
draws the ties that period's events report. The map and the matrix grow with
the square of what they show, so at most MAP_LIMIT actors are drawn, the most
connected ones.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TypedDict

from generator.content.model import ActorData, RelationshipData, TimelineEvent
from generator.graph.build_graph import Graph
from generator.site.answer import ENDED, NO_REPORTS, period_cell
from generator.site.chart import Legend, PeriodView, fade_text, in_order, period_view, periods
from generator.site.context import Context
from generator.site.map.layout import Edge, MapActor, MapLayout, MapLink, layout, placed
from generator.site.map.place import PlacementMemo
from generator.site.records import DossierLink
from generator.site.spec import PageSpec

MAP_LIMIT = 24  # actors drawn at most: the most connected ones


class MatrixCell(TypedDict):
    self: bool
    rel: DossierLink | None
    css: str


class MatrixRow(TypedDict):
    actor: DossierLink
    cells: list[MatrixCell]


class PeriodEdge(TypedDict):
    edge: Edge
    stance: str  # the category the period's events report
    new: bool  # first reported in this period
    held: bool  # a tie reported before, still holding


class PeriodMap(PeriodView):
    edges: list[PeriodEdge]
    gone: list[Edge]  # reported in the period before, not in this one


class PeriodLegend(Legend):
    new: bool
    gone: bool


class MapView(TypedDict):
    layout: MapLayout
    refs: dict[str, DossierLink]
    actors: list[DossierLink]  # in the map's order, the matrix's too
    ended: dict[str, str]  # actor → when it ended
    rows: list[MatrixRow]
    legend: Legend
    periods: list[PeriodMap]
    period_legend: PeriodLegend
    fade: str


def relationship_map(ctx: Context) -> MapView | None:
    """The map of the present (non-person actors), the same places at each period, the matrix.

    Every relationship between drawn actors is placed; the map of the present
    leaves out those that ended with an actor or a membership left, and draws
    those whose last report is older than the fade time as "no reports"."""
    drawn = _drawn(ctx)
    if drawn is None:
        return None
    actors, links, timelines = drawn
    drawing = layout(actors, links, ctx.placements)
    shown = {actor.slug for actor in actors} | {link.slug for link in links}
    refs = {slug: ctx.ref(slug) for slug in sorted(shown)}
    order = [node.slug for node in drawing.nodes]  # the matrix follows the map's order
    ended = {slug: end for slug in order if (end := _lifespan(ctx, slug))}
    small = period_maps(ctx, drawing, timelines)
    categories = ctx.graph.model.config.vocabulary.categories
    now = [e for e in drawing.edges if e.now]
    reported = {e["stance"] for p in small for e in p["edges"]}
    return {
        "layout": drawing,
        "refs": refs,
        "actors": [refs[a] for a in order],
        "ended": ended,
        "rows": _matrix(drawing, order, refs),
        "legend": {
            "categories": in_order({e.stance for e in now if e.state == "current"}, categories),
            "none": any(e.state != "current" for e in now),
            "held": False,
        },
        "periods": small,
        "period_legend": {
            "categories": in_order(reported, categories),
            "held": any(e["held"] for p in small for e in p["edges"]),
            "none": False,
            "new": any(e["new"] for p in small for e in p["edges"]),
            "gone": any(p["gone"] for p in small),
        },
        "fade": fade_text(ctx),
    }


def place_ahead(graph: Graph, memo: PlacementMemo) -> None:
    """Place the map now, into `memo`, where every page that draws it finds it.

    Placing takes a few tenths of a second, and each forked render worker placed
    it again for the first map page it rendered; placed before they fork, it is
    theirs already. The placement reads only which actors are drawn and the links
    between them, the same in every language. The pages still record what they
    read, as they read it: this records nothing.
    """
    lang = graph.model.config.default_language
    home = PageSpec("home", lang, f"/{lang}/", "home.html")
    drawn = _drawn(Context(graph, home, lang, placements=memo))
    if drawn is not None:
        actors, links, _ = drawn
        placed(actors, links, memo)


def _drawn(
    ctx: Context,
) -> tuple[list[MapActor], list[MapLink], dict[str, tuple[TimelineEvent, ...]]] | None:
    """The actors drawn (people are not; at most MAP_LIMIT, the most connected), titled,
    the links between them, and each link's timeline."""
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
            if a in shown and b in shown:
                state = stance.state if stance else "current"
                links.append(MapLink(dossier.slug, a, b, stance.stance if stance else None, state))
                timelines[dossier.slug] = dossier.data.timeline
    actors = [
        replace(actor, title=ctx.ref(actor.slug)["title"])
        for actor in most_connected(actors, links, MAP_LIMIT)
    ]
    shown = {actor.slug for actor in actors}
    links = [link for link in links if link.a in shown and link.b in shown]
    return actors, links, timelines


def _matrix(drawing: MapLayout, order: list[str], refs: dict[str, DossierLink]) -> list[MatrixRow]:
    """The actor × actor table: a cell per pair, linking the relationship drawn now."""
    pair = {frozenset((e.a, e.b)): e for e in drawing.edges}
    rows: list[MatrixRow] = []
    for a in order:
        cells: list[MatrixCell] = []
        for b in order:
            edge = pair.get(frozenset((a, b))) if a != b else None
            rel = refs[edge.slug] if edge and edge.now else None
            cells.append({"self": a == b, "rel": rel, "css": edge.css if edge else ""})
        rows.append({"actor": refs[a], "cells": cells})
    return rows


def _lifespan(ctx: Context, slug: str) -> str | None:
    """When an actor ended, if its dossier says so (`active.until`)."""
    data = ctx.dossier(slug).data
    return data.active.until if isinstance(data, ActorData) and data.active else None


def period_maps(
    ctx: Context, drawing: MapLayout, timelines: dict[str, tuple[TimelineEvent, ...]]
) -> list[PeriodMap]:
    """The map at each period: each tie the period's events report, by their category
    (marked when first reported then), a tie that still holds lighter, and, faint, those
    reported in the period before but not in this one."""
    out: list[PeriodMap] = []
    before: dict[str, bool] = {}
    for period in periods(ctx):
        edges: list[PeriodEdge] = []
        gone: list[Edge] = []
        reported: dict[str, bool] = {}
        for edge in drawing.edges:
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
