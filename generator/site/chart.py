"""Stance over time: the chart's rows, its axis, its table, and the periods.

Each relationship is a row on one proportional time axis (the content's
first to last year; a single relationship's own page scales it to the
relationship's own years, with the site's span drawn above as context). A
row draws what its events support (`graph.evidence`): each run of one
category from its first to its last event, then, lighter, up to the site's
fade time (`stance_fades_after`) for a stance or for as long as it holds for a
tie, then "no reports" (grey, dotted) up to the next run or the content's "as
of" date; nothing after a membership left or an actor ended. A tick per event links to it; events closer than a tap target
share one tick (it opens the first, names them all), so ticks are reachable
by keyboard once each, in time order. The table says, per period, what the
period's events report, "no reports" when none, never a stance carried over.
Positions are percentages written as text with one decimal, so the inline
SVG scales to any width and builds stay byte-identical.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from functools import lru_cache
from typing import NotRequired, TypedDict

from generator.content.model import RelationshipData, TimelineEvent
from generator.content.periods import Period
from generator.graph.build_graph import Stance
from generator.graph.evidence import LEFT, Run, when
from generator.site.answer import AnswerView, PeriodCell, period_cells, stance_view
from generator.site.context import Context
from generator.site.dependencies import EVENT_YEARS, NEWEST_DATE
from generator.site.records import DossierLink
from generator.site.urls import event_anchor

MAX_PERIODS = 4  # derived periods: the small maps and the table's columns fit a phone
MAX_AXIS_LABELS = 5  # year labels on the axis: one per fifth of it at most
# Ticks closer than this share one: 24 px (a tap target) of the narrowest strip,
# about 320 px on a 360 px phone, of which 98 % is the axis.
TICK_GAP = 24 / 320 / 0.98
HELD, NONE_KIND, RUN = "held", "none", "run"  # a row's pieces: see `segments`


class AxisTick(TypedDict):
    year: int
    x: str
    anchor: str  # start | middle


class Axis(TypedDict):
    first: int
    last: int
    ticks: list[AxisTick]


class Segment(TypedDict):
    """A piece of a row: a run (solid), held after it (lighter), or no reports."""

    kind: str  # RUN | HELD | NONE_KIND
    stance: str
    x1: str
    x2: str
    since: NotRequired[str | None]  # held and no-reports pieces: the run's last event


class TickEvent(TypedDict):
    date: str
    types: list[str]


class Tick(TypedDict):
    """A link to an event on the axis; events closer than a tap target share it."""

    x: str
    url: str
    anchor: str
    events: list[TickEvent]


class ChartRow(TypedDict):
    rel: DossierLink
    segments: list[Segment]
    ticks: list[Tick]
    answer: AnswerView | None
    story: bool  # one of the home page's story relationships (drawn first)
    cells: list[PeriodCell]  # what each period says
    other: DossierLink | None  # on an actor's page: the row's other actor


class ChartContext(TypedDict):
    """Where a relationship's own years sit on the site's span, drawn above its chart."""

    x: str
    width: str
    span: tuple[int, int]


class PeriodView(TypedDict):
    years: str
    label: str
    end: int


class Legend(TypedDict):
    categories: list[str]
    held: bool
    none: bool


class Chart(TypedDict):
    axis: Axis
    context: ChartContext | None
    rows: list[ChartRow]
    periods: list[PeriodView]
    as_of: str | None
    by_actor: bool
    legend: Legend
    fade: str


def _fraction(year: float, span: tuple[int, int]) -> float:
    first, last = span
    return min(max((year - first) / max(last + 1 - first, 1), 0.0), 1.0)


def _pct(fraction: float) -> str:
    """A fraction as an SVG percentage, kept 1 % off each edge so ticks are not clipped."""
    return f"{1 + 98 * fraction:.1f}%"


@lru_cache(maxsize=4096)
def _at(year: float, span: tuple[int, int]) -> str:
    """Where `year` is drawn on `span`: rows share their dates, so each is worked out once."""
    return _pct(_fraction(year, span))


def content_span(ctx: Context) -> tuple[int, int] | None:
    """The first and last year any event is dated, widened to the site's periods."""
    ctx.used.add(EVENT_YEARS)
    years = list(ctx.graph.event_years)
    if not years:
        return None
    configured = ctx.graph.model.config.periods
    if configured:
        years += [configured[0].start, configured[-1].end]
    return (min(years), max(years))


def own_span(
    ctx: Context, timeline: Sequence[TimelineEvent], stance: Stance | None
) -> tuple[int, int] | None:
    """A relationship's own years: its first event to its last, and on to where its
    evidence visibly stops (a stance's fade time, a tie's "as of" date, an actor's end)."""
    dates = [e.date for e in timeline if e.date]
    if not dates:
        return None
    first, last = min(int(d[:4]) for d in dates), max(int(d[:4]) for d in dates)
    end = as_of(ctx)
    if stance and stance.latest and stance.state != LEFT:
        # a stance shows its fade time; a tie holds up to the "as of" date or an end
        fades = stance.runs[-1].fades
        reach = when(stance.latest) + ctx.graph.model.config.fade_months / 12 if fades else None
        stops = [when(d) for d in (end, stance.ended) if d] + ([reach] if reach else [])
        if stops:
            last = max(last, int(min(stops)))
    return (first, last)


def fade_text(ctx: Context) -> str:
    """The site's fade time in words of the page's language: "1 year", "18 months"."""
    months = ctx.graph.model.config.fade_months
    strings = ctx.graph.model.config.strings[ctx.lang]
    if months % 12 == 0:
        years = months // 12
        return str(strings["duration_year" if years == 1 else "duration_years"]).replace(
            "{n}", str(years)
        )
    return str(strings["duration_months"]).replace("{n}", str(months))


def as_of(ctx: Context) -> str | None:
    """The content's newest date (an event or a source), never the clock's."""
    ctx.used.add(NEWEST_DATE)
    return ctx.graph.newest_date


def axis(span: tuple[int, int], marks: Sequence[int] = ()) -> Axis:
    """Year labels on year boundaries (each at the start of its year): the first and last
    year and, between, every fifth year or the periods' first years, none too close."""
    first, last = span
    gap = max((last + 1 - first) / MAX_AXIS_LABELS, 1)
    if last + 1 - first <= MAX_AXIS_LABELS:
        wanted = list(range(first + 1, last))  # a short span: every year
    elif marks:
        wanted = sorted(set(marks))
    else:
        wanted = [y for y in range(first + 1, last) if y % 5 == 0]
    years = [first]
    for year in wanted:
        if first < year < last and year - years[-1] >= gap and last - year >= gap:
            years.append(year)
    if last != first:
        years.append(last)
    ticks: list[AxisTick] = []
    for year in years:
        x = _pct(_fraction(year, span))
        ticks.append({"year": year, "x": x, "anchor": "start" if year == first else "middle"})
    return {"first": first, "last": last, "ticks": ticks}


def segments(
    runs: Sequence[Run],
    span: tuple[int, int],
    horizon: str | None,
    fade: float,
    ended: str | None = None,
) -> list[Segment]:
    """A row's pieces: each run solid over its events, lighter for the fade time after its
    last one, then "no reports" until the next run or the horizon (the "as of" date, or
    where an actor ended); nothing after a membership closed."""
    runs = [run for run in runs if run.start and run.end]
    stop = when(horizon) if horizon else None
    if ended:
        stop = when(ended) if stop is None else min(stop, when(ended))
    out: list[Segment] = []
    solid: list[Segment] = []
    for n, run in enumerate(runs):
        assert run.start is not None and run.end is not None
        start, end = when(run.start), when(run.end)
        limit = when(runs[n + 1].start or run.end) if n + 1 < len(runs) else stop
        if run.closed or limit is None:
            limit = end
        if stop is not None:
            limit, end = min(limit, stop), min(end, stop)
        held = min(end + fade, limit) if run.fades else limit
        for kind, a, b in ((HELD, end, held), (NONE_KIND, held, limit)):
            if b > a and (x1 := _at(a, span)) != (x2 := _at(b, span)):
                # "no reports since" its last event
                out.append(
                    {"kind": kind, "stance": run.stance, "x1": x1, "x2": x2, "since": run.end}
                )
        if stop is None or start <= stop:
            x1, x2 = _at(start, span), _at(end, span)
            solid.append({"kind": RUN, "stance": run.stance, "x1": x1, "x2": x2})
    return out + solid  # solid runs last: drawn over what follows them


def ticks(
    ctx: Context,
    slug: str,
    timeline: Sequence[TimelineEvent],
    span: tuple[int, int],
    only: Collection[int] | None = None,
) -> list[Tick]:
    """One tick per event (of `only`, if given), in time order; events within a tap target
    of a tick share it."""
    rel = ctx.ref(slug)
    out: list[Tick] = []
    last = -1.0
    for index, event in sorted(enumerate(timeline), key=lambda p: (p[1].date or "", p[0])):
        if not event.date or (only is not None and index not in only):
            continue
        at = _fraction(when(event.date), span)
        if out and at - last < TICK_GAP:
            dates = out[-1]["events"]
            if dates[-1]["date"] == event.date:
                dates[-1]["types"].append(event.type)
            else:
                dates.append({"date": event.date, "types": [event.type]})
            continue
        last = at
        out.append(
            {
                "x": _pct(at),
                "url": rel["url"],
                "anchor": event_anchor(slug, index),
                "events": [{"date": event.date, "types": [event.type]}],
            }
        )
    return out


def chart_row(
    ctx: Context,
    slug: str,
    span: tuple[int, int],
    end: str | None,
    shown: Sequence[Period] = (),
    story: bool = False,
    actor: str | None = None,
) -> ChartRow:
    """One relationship's row: its pieces of evidence, its ticks, its answer, what each
    period of `shown` says, and (on `actor`'s page) its other actor."""
    dossier = ctx.dossier(slug)
    assert isinstance(dossier.data, RelationshipData)
    timeline = dossier.data.timeline
    stance = ctx.graph.stance_of.get(slug)
    fade = ctx.graph.model.config.fade_months / 12
    ended = stance.ended if stance else None
    others = [a for a in dossier.data.actors if a != actor]
    return {
        "rel": ctx.ref(slug),
        "segments": segments(stance.runs if stance else (), span, end, fade, ended),
        "ticks": ticks(ctx, slug, timeline, span),
        "answer": stance_view(stance),
        "story": story,
        "cells": period_cells(timeline, shown, ended),
        "other": ctx.ref(others[0]) if actor and others else None,
    }


def periods(ctx: Context) -> tuple[Period, ...]:
    """The periods whose end the per-period views show, oldest first.

    `periods:` from site.yaml when it has them; otherwise one-year periods
    derived from the events' years: every year with an event when there are
    few, else evenly spaced ones among them, always ending with the latest.
    """
    configured = ctx.graph.model.config.periods
    if configured:
        return configured
    ctx.used.add(EVENT_YEARS)
    years = list(ctx.graph.event_years)
    if len(years) > MAX_PERIODS:
        count = len(years) - 1
        years = sorted({years[round(k * count / (MAX_PERIODS - 1))] for k in range(MAX_PERIODS)})
    return tuple(Period(year, year, {}) for year in years)


def period_view(ctx: Context, period: Period) -> PeriodView:
    """What a column header or a small map's caption shows: the years, the label if any."""
    return {"years": period.years, "label": period.label.get(ctx.lang, ""), "end": period.end}


def in_order(found: set[str], categories: Sequence[str]) -> list[str]:
    """The categories found, in the vocabulary's order; any the vocabulary lacks after."""
    return [c for c in categories if c in found] + sorted(found - set(categories))


def legend(pieces: Iterable[Segment], categories: Sequence[str]) -> Legend:
    """What the rows' pieces draw, for the legend beside them: categories in the
    vocabulary's order, and whether any piece is held after its last report or shows
    no reports."""
    drawn = list(pieces)
    return {
        "categories": in_order({s["stance"] for s in drawn}, categories),
        "held": any(s["kind"] == HELD for s in drawn),
        "none": any(s["kind"] == NONE_KIND for s in drawn),
    }


def chart(
    ctx: Context,
    slugs: Iterable[str],
    story: Sequence[str] = (),
    actor: str | None = None,
    own: bool = False,
) -> Chart | None:
    """The chart of `slugs` (story rows first, then by title) with its data table.

    On an actor's page (`actor`), the table names the other actor of each row,
    linked, so a reader walks on from actor to actor. `own`: one relationship,
    drawn on its own years, with the site's span above as context."""
    wanted = list(dict.fromkeys(slugs))
    site_span = content_span(ctx)
    if site_span is None or not wanted:
        return None
    span = site_span
    context: ChartContext | None = None
    if own and len(wanted) == 1:
        dossier = ctx.dossier(wanted[0])
        assert isinstance(dossier.data, RelationshipData)
        mine = own_span(ctx, dossier.data.timeline, ctx.graph.stance_of.get(wanted[0]))
        if mine and mine != site_span:
            span = (max(mine[0], site_span[0]), mine[1])
            a = _fraction(span[0], site_span)
            b = _fraction(span[1] + 1, site_span)
            context = {"x": _pct(a), "width": f"{98 * (b - a):.1f}%", "span": site_span}
    end = as_of(ctx)
    shown = periods(ctx)
    first = {slug: n for n, slug in enumerate(story)}
    rows = [chart_row(ctx, slug, span, end, shown, slug in first, actor) for slug in wanted]
    rows.sort(
        key=lambda row: (
            first.get(row["rel"]["slug"], len(first)),
            row["rel"]["sort_key"],
            row["rel"]["slug"],
        )
    )
    configured = ctx.graph.model.config.periods
    vocabulary = ctx.graph.model.config.vocabulary
    return {
        "axis": axis(span, [p.start for p in configured]),
        "context": context,
        "rows": rows,
        "periods": [period_view(ctx, period) for period in shown],
        "as_of": end,
        "by_actor": bool(actor),
        "legend": legend((s for row in rows for s in row["segments"]), vocabulary.categories),
        "fade": fade_text(ctx),
    }
