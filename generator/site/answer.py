"""What a reader is told a relationship is, now and in each period: never more than its events.

`stance_view` is the answer line's data: the latest run's category and its
"since", in the state the evidence allows (current; faded, "last reported";
ended with an actor; a membership left), with a trend arrow only between
weighted runs, else the sequence of the last runs. `period_cell` is what one
period's column says: the category of the latest event reported in it, "no
reports" when none was, or "ended" once an actor had ended before it began;
a tie (which holds until changed) is carried into a period without events,
marked as not reported again there. A stance never is.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypedDict

from generator.content.model import TimelineEvent
from generator.content.periods import Period
from generator.graph.evidence import Stance, when

NO_REPORTS = "none"  # a period (or a stretch of the chart) no event speaks for
ENDED = "ended"  # after an actor of the relationship ended


class RunView(TypedDict):
    stance: str
    one: bool  # a single event: "one report"


class AnswerView(TypedDict):
    """The answer line: the latest run's category, since when, in what state, and how
    it moved (a trend between weighted runs, else the last runs in order)."""

    stance: str
    since: str | None
    latest: str | None
    trend: str | None
    previous: str | None
    single: bool
    state: str
    ended: str | None
    closed: str | None
    sequence: list[RunView]
    more: bool  # runs before the sequence


class PeriodCell(TypedDict):
    value: str  # a category, NO_REPORTS or ENDED
    held: bool  # a tie reported before and still holding


def stance_view(stance: Stance | None) -> AnswerView | None:
    """What the answer line needs: category, since (or first reported), state, trend or sequence."""
    if stance is None:
        return None
    return {
        "stance": stance.stance,
        "since": stance.since,
        "latest": stance.latest,
        "trend": stance.trend,
        "previous": stance.previous,
        "single": stance.single,
        "state": stance.state,
        "ended": stance.ended,
        "closed": stance.runs[-1].closed if stance.runs else None,
        "sequence": [{"stance": run.stance, "one": not run.weighted} for run in stance.sequence],
        "more": len(stance.runs) > len(stance.sequence) > 0,
    }


def period_cell(timeline: Sequence[TimelineEvent], period: Period, ended: str | None) -> PeriodCell:
    """What a period says: `value`, the category its latest event reports, or a tie
    reported before and still holding (not closed, no actor ended: `held`), or `ENDED`
    when an actor had ended before the period began, else `NO_REPORTS`."""
    return period_cells(timeline, (period,), ended)[0]


def period_cells(
    timeline: Sequence[TimelineEvent], periods: Sequence[Period], ended: str | None
) -> list[PeriodCell]:
    """`period_cell` of each of `periods`, the timeline's dates read once for them all
    (a chart's row asks for every period of the site)."""
    dated = sorted((e.date, i, int(e.date[:4])) for i, e in enumerate(timeline) if e.date)
    ended_at = when(ended) if ended else None
    cells: list[PeriodCell] = []
    for period in periods:
        latest = before = None  # the newest event in the period, and before it
        for _, index, year in dated:
            if year < period.start:
                before = index
            elif year <= period.end:
                latest = index
        if latest is not None:
            cells.append({"value": timeline[latest].category, "held": False})
        elif ended_at is not None and ended_at < period.start:
            cells.append({"value": ENDED, "held": False})
        elif (
            before is not None
            and (tie := timeline[before].tie)
            and (timeline[before].membership != "leaves")
        ):
            cells.append({"value": tie, "held": True})
        else:
            cells.append({"value": NO_REPORTS, "held": False})
    return cells
