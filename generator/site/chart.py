"""Stance over time: the answer line, the stance-over-time chart and the periods.

Owns what a reader sees of a relationship's history at a glance: the current
stance with a true "since" and a trend mark (`stance_view`), the chart rows
drawn on one proportional time axis (the content's first to last year), the
periods the chart's data table and the per-period maps use, and the content's
"as of" date. Positions are percentages written as text with one decimal, so
the inline SVG scales to any width without distorting its labels and builds
stay byte-identical.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from generator.content.model import RelationshipData, TimelineEvent
from generator.content.periods import Period
from generator.graph.build_graph import Stance
from generator.site.context import EVENT_YEARS, NEWEST_DATE, Context

MAX_PERIODS = 4  # derived periods: the small maps and the table's columns fit a phone
MAX_AXIS_LABELS = 5  # period marks on the axis: one label per fifth of it at most


def stance_view(stance: Stance | None) -> dict[str, Any] | None:
    """What the answer line needs: stance, since (or first reported), trend, latest."""
    if stance is None:
        return None
    return {
        "stance": stance.stance,
        "since": stance.since,
        "latest": stance.latest,
        "trend": stance.trend,
        "previous": stance.previous,
        "single": stance.single,
    }


def year_position(date: str, first: int, last: int) -> float:
    """Where a partial ISO date falls on the axis, as a fraction (start of `first` = 0)."""
    parts = [int(p) for p in date.split("-")]
    value = parts[0] + ((parts[1] - 1) / 12 if len(parts) > 1 else 0.5)
    if len(parts) > 2:
        value += (parts[2] - 1) / 365
    elif len(parts) == 2:
        value += 1 / 24  # mid-month
    span = max(last + 1 - first, 1)
    return min(max((value - first) / span, 0.0), 1.0)


def _pct(fraction: float) -> str:
    """A fraction as an SVG percentage, kept 1 % off each edge so ticks are not clipped."""
    return f"{1 + 98 * fraction:.1f}%"


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


def as_of(ctx: Context) -> str | None:
    """The content's newest date (an event or a source), never the clock's."""
    ctx.used.add(NEWEST_DATE)
    return ctx.graph.newest_date


def axis(span: tuple[int, int], marks: Sequence[int] = ()) -> dict[str, Any]:
    """Year labels: the first and last year and, between, every fifth year or, when the
    site has periods, the first year of each (one too close to its neighbour left out)."""
    first, last = span
    if marks:
        gap = max((last - first) / MAX_AXIS_LABELS, 1)
        between = [first]
        for year in sorted(set(marks)):
            if first < year < last and year - between[-1] >= gap and last - year >= gap:
                between.append(year)
        years = [*between, last]
    else:
        years = [first, *[y for y in range(first + 1, last) if y % 5 == 0], last]
    labels = list(dict.fromkeys(years))  # one label when the content spans one year
    ticks = []
    for year in labels:
        position = (year - first) / max(last + 1 - first, 1)
        anchor = "start" if year == first else "end" if year == last else "middle"
        if year == last and last != first:
            position = 1.0
        ticks.append({"year": year, "x": _pct(position), "anchor": anchor})
    return {"first": first, "last": last, "ticks": ticks}


def chart_row(ctx: Context, slug: str, span: tuple[int, int], end: str | None) -> dict[str, Any]:
    """One relationship's row: a segment per run of one stance, a tick per dated event.

    A run lasts until the next run starts; the latest run lasts until `end`
    (the content's "as of" date), since nothing later is recorded.
    """
    dossier = ctx.dossier(slug)
    assert isinstance(dossier.data, RelationshipData)
    timeline = dossier.data.timeline
    stance = ctx.graph.stance_of.get(slug)
    first, last = span
    rel = ctx.ref(slug)
    segments = []
    runs = [run for run in (stance.runs if stance else ()) if run.start]
    for n, run in enumerate(runs):
        assert run.start is not None
        stop = runs[n + 1].start if n + 1 < len(runs) else end or run.end or run.start
        x1 = year_position(run.start, first, last)
        x2 = max(year_position(stop or run.start, first, last), x1)
        segments.append({"stance": run.stance, "x1": _pct(x1), "x2": _pct(x2)})
    ticks: list[dict[str, Any]] = []
    for index, event in sorted(enumerate(timeline), key=lambda p: (p[1].date or "", p[0])):
        if not event.date:
            continue
        x = _pct(year_position(event.date, first, last))
        if ticks and ticks[-1]["x"] == x:
            # events at one spot share one tick: it opens the first, names them all
            ticks[-1]["more"].append(event.type)
            continue
        ticks.append(
            {
                "more": [],
                "x": x,
                "url": rel["url"],
                "anchor": f"event-{slug}-{index + 1}",
                "date": event.date,
                "type": event.type,
                "stance": event.stance,
            }
        )
    return {"rel": rel, "segments": segments, "ticks": ticks, "answer": stance_view(stance)}


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


def period_view(ctx: Context, period: Period) -> dict[str, Any]:
    """What a column header or a small map's caption shows: the years, the label if any."""
    return {"years": period.years, "label": period.label.get(ctx.lang, ""), "end": period.end}


def stance_at(timeline: Sequence[TimelineEvent], year: int) -> str | None:
    """The stance of the latest link dated in or before `year` (None: nothing yet)."""
    dated = [(e.date or "", i, e) for i, e in enumerate(timeline) if e.date]
    known = [item for item in dated if int(item[0][:4]) <= year]
    return max(known, key=lambda item: (item[0], item[1]))[2].stance if known else None


def chart(
    ctx: Context, slugs: Iterable[str], story: Sequence[str] = (), actor: str | None = None
) -> dict[str, Any] | None:
    """The chart of `slugs` (story rows first, then by title) with its data table.

    On an actor's page (`actor`), the table names the other actor of each row,
    linked, so a reader walks on from actor to actor."""
    wanted = list(dict.fromkeys(slugs))
    span = content_span(ctx)
    if span is None or not wanted:
        return None
    end = as_of(ctx)
    rows = [chart_row(ctx, slug, span, end) for slug in wanted]
    first = {slug: n for n, slug in enumerate(story)}
    rows.sort(
        key=lambda row: (
            first.get(row["rel"]["slug"], len(first)),
            row["rel"]["sort_key"],
            row["rel"]["slug"],
        )
    )
    for row in rows:
        row["story"] = row["rel"]["slug"] in first
    shown = periods(ctx)
    for row in rows:
        data = ctx.dossier(row["rel"]["slug"]).data
        assert isinstance(data, RelationshipData)
        row["cells"] = [stance_at(data.timeline, period.end) for period in shown]
        others = [a for a in data.actors if a != actor]
        row["other"] = ctx.ref(others[0]) if actor and others else None
    configured = ctx.graph.model.config.periods
    return {
        "axis": axis(span, [p.start for p in configured]),
        "rows": rows,
        "periods": [period_view(ctx, period) for period in shown],
        "as_of": end,
        "by_actor": bool(actor),
    }
