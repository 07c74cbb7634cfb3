"""Who was in which coalition when: one lane per group actor, its members' intervals.

Memberships are intervals, not stances (`graph.evidence.memberships`): each
runs from the event that opened it (`joins`, or the first `member` report) to
the `leaves` that closed it, drawn on the same time axis as the stance chart,
with a tick for every event that opened, attested or closed it. An interval
still open holds, as a tie does: solid to its last report, then lighter (not
reported again) up to the content's "as of" date; nothing is drawn after an
actor ended. The table under the lanes gives each membership's dates, so a
reader (and a test) can answer "who was in the coalition in January 2024?".
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypedDict

from generator.content.model import RelationshipData
from generator.graph.build_graph import actor_end
from generator.graph.evidence import CURRENT, ENDED, LEFT, Interval, Run, when
from generator.site.chart import (
    Axis,
    Legend,
    Segment,
    Tick,
    as_of,
    axis,
    content_span,
    fade_text,
    legend,
    segments,
    ticks,
)
from generator.site.context import Context
from generator.site.records import DossierLink
from generator.vocabulary import MEMBERSHIP


class MemberRow(TypedDict):
    """One membership: its interval on the time axis, its events, its dates, its state."""

    member: DossierLink
    rel: DossierLink
    segments: list[Segment]
    ticks: list[Tick]
    start: str | None
    last: str | None
    end: str | None
    ended: str | None
    state: str  # current | ended | left


class Lane(TypedDict):
    group: DossierLink
    rows: list[MemberRow]


class MembershipView(TypedDict):
    axis: Axis
    lanes: list[Lane]
    as_of: str | None
    fade: str
    legend: Legend


def interval_state(interval: Interval, as_of: str | None, ended: str | None) -> str:
    """left (closed), ended (an actor ended) or current (open: it holds until one of those)."""
    if interval.end:
        return LEFT
    if ended and (as_of is None or when(ended) <= when(as_of)):
        return ENDED
    return CURRENT


def _member_row(
    ctx: Context, interval: Interval, span: tuple[int, int], end: str | None
) -> MemberRow:
    dossier = ctx.dossier(interval.relationship)
    assert isinstance(dossier.data, RelationshipData)
    fade = ctx.graph.model.config.fade_months / 12
    ended = actor_end(ctx.graph.model, dossier.data.actors)
    runs = []
    if interval.start:
        runs.append(
            Run(MEMBERSHIP, interval.start, interval.last, interval.events, interval.end, tie=True)
        )
    return {
        "member": ctx.ref(interval.member),
        "rel": ctx.ref(interval.relationship),
        "segments": segments(runs, span, end, fade, ended),
        "ticks": ticks(ctx, interval.relationship, dossier.data.timeline, span, interval.events),
        "start": interval.start,
        "last": interval.last,
        "end": interval.end,
        "ended": ended,
        "state": interval_state(interval, end, ended),
    }


def membership_view(ctx: Context, groups: Iterable[str]) -> MembershipView | None:
    """A lane per group actor that has members, each member's intervals by title."""
    span = content_span(ctx)
    if span is None:
        return None
    end = as_of(ctx)
    lanes: list[Lane] = []
    for group in groups:
        intervals = ctx.graph.memberships_of.get(group, ())
        if not intervals:
            continue
        rows = [_member_row(ctx, interval, span, end) for interval in intervals]
        rows.sort(key=lambda r: (r["member"]["sort_key"], r["start"] or "", r["end"] or ""))
        lanes.append({"group": ctx.ref(group), "rows": rows})
    if not lanes:
        return None
    configured = ctx.graph.model.config.periods
    return {
        "axis": axis(span, [p.start for p in configured]),
        "lanes": lanes,
        "as_of": end,
        "fade": fade_text(ctx),
        "legend": legend(
            (piece for lane in lanes for row in lane["rows"] for piece in row["segments"]),
            ctx.graph.model.config.vocabulary.categories,
        ),
    }
