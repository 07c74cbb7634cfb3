"""What a relationship's events support, and no more: its runs, memberships and answer.

A relationship's events (by date; among events of one date, as written) fall
into **runs**: unbroken stretches of one category (a stance, or a tie kind
such as an affiliation); two reports of one stance further apart than its
fade time are two runs, with nothing reported between them. A run's evidence
starts at its first event and stops at its last. A stance is behaviour, reported again or not: after its last
report a site shows it as current only for its fade time
(`stance_fades_after` in site.yaml), then as "no reports since". A tie is a
state (Stanford's Mapping Militant Organizations: a link holds until another
forms or a group goes inactive): it holds, shown as not reported again, until
another event of the relationship, its closing (a membership's `leaves`:
nothing holds after it) or the end of one of its actors (`active.until`).

The **answer** (`Stance`) is the latest run's category and its true "since"
(the run's first event), in one of four states: current, faded (its last
report is older than the fade time, as of the content's newest date), ended
(an actor ended) or left (a membership closed). A trend arrow compares the
latest run with the one before only when both have weight (`WEIGHTY_EVENTS`
events, or a span of `WEIGHTY_YEARS`); otherwise the answer carries the
sequence of the last runs, so a one-off event is never the baseline of a
"warmer" or "colder".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from generator.content.model import TimelineEvent

# How warm a stance is, for the trend mark: the order a reader would rank them.
WARMTH = {"hostile": 0, "competitive": 1, "mixed": 2, "cooperative": 3}
WEIGHTY_EVENTS = 2  # a run of this many events has weight …
WEIGHTY_YEARS = 0.5  # … and so has one that spans six months
SEQUENCE_RUNS = 3  # the runs an answer lists when it cannot weigh a trend

CURRENT, FADED, ENDED, LEFT = "current", "faded", "ended", "left"


@lru_cache(maxsize=4096)  # a chart asks ~20 times a row, for a few hundred dates
def when(date: str) -> float:
    """A partial ISO date as a year with a fraction: a year or month counts from its middle
    ('2015' → 2015.5, '2015-12' → 2015.96), a day from its start."""
    parts = [int(p) for p in date.split("-")]
    value = float(parts[0])
    if len(parts) == 1:
        return value + 0.5
    value += (parts[1] - 1) / 12
    if len(parts) == 2:
        return value + 1 / 24
    return value + (parts[2] - 1) / 365


@dataclass(frozen=True)
class Run:
    """An unbroken stretch of one category: its events' indexes, oldest first."""

    stance: str  # the category: a stance or a tie kind
    start: str | None  # the date of its first event
    end: str | None  # the date of its last event: where its evidence stops
    events: tuple[int, ...]
    closed: str | None = None  # a membership's `leaves`: nothing holds after it
    tie: bool = False  # a tie holds until changed or ended; a stance fades

    @property
    def fades(self) -> bool:
        return not self.tie

    @property
    def weighted(self) -> bool:
        """Enough evidence to compare with: several events, or a span of months."""
        if len(self.events) >= WEIGHTY_EVENTS:
            return True
        return bool(self.start and self.end and when(self.end) - when(self.start) >= WEIGHTY_YEARS)


@dataclass(frozen=True)
class Stance:
    """The answer to "what is it now, since when", and how sure the evidence lets us be."""

    stance: str  # the latest run's category
    since: str | None  # the first event of the latest unbroken run
    type: str  # the latest link's type
    latest: str | None = None  # the latest event's date: where the evidence stops
    trend: str | None = None  # warmer | colder | unchanged, only between weighted runs
    previous: str | None = None  # the category of the run before, if any
    single: bool = False  # one event only: "first reported", not "since"
    runs: tuple[Run, ...] = ()
    state: str = CURRENT  # current | faded | ended | left
    ended: str | None = None  # when an actor's end ended the relationship
    sequence: tuple[Run, ...] = ()  # the last runs, shown when no trend can be weighed

    @property
    def current(self) -> bool:
        return self.state == CURRENT


@dataclass(frozen=True)
class Interval:
    """One membership: `member` in `group` from `start` (or unknown) to `end` (or still open)."""

    relationship: str
    group: str
    member: str
    start: str | None  # the date of the event that opened it (None: joined before any report)
    last: str | None  # the latest event that reports it: where its evidence stops
    end: str | None  # the date of the `leaves` event that closed it
    events: tuple[int, ...]  # its events' indexes in the relationship's timeline


def _order(timeline: Sequence[TimelineEvent]) -> list[int]:
    return sorted(range(len(timeline)), key=lambda i: (timeline[i].date or "", i))


def stance_runs(
    timeline: Sequence[TimelineEvent], fade_years: float | None = None
) -> tuple[Run, ...]:
    """The timeline cut into runs of one category; a `leaves` event closes its membership,
    and a stance not reported for longer than its fade time starts a new run when it is
    reported again (nothing spoke for it in between)."""
    runs: list[Run] = []
    for i in _order(timeline):
        event = timeline[i]
        last = runs[-1] if runs else None
        gap = (
            fade_years is not None
            and last is not None
            and not last.tie
            and bool(last.end and event.date)
            and when(event.date or "") - when(last.end or "") > fade_years
        )
        if last and last.stance == event.category and last.closed is None and not gap:
            runs[-1] = Run(last.stance, last.start, event.date, (*last.events, i), tie=last.tie)
        else:
            runs.append(Run(event.category, event.date, event.date, (i,), tie=bool(event.tie)))
        if event.membership == "leaves":
            last = runs[-1]
            runs[-1] = Run(last.stance, last.start, event.date, last.events, event.date, last.tie)
    return tuple(runs)


def memberships(
    relationship: str, group: str, member: str, timeline: Sequence[TimelineEvent]
) -> tuple[Interval, ...]:
    """The membership intervals of `member` in `group`, from the membership events alone
    (a statement between joining and leaving does not end a membership)."""
    out: list[Interval] = []
    open_: Interval | None = None
    for i in _order(timeline):
        event = timeline[i]
        role = event.membership
        if role is None:
            continue
        if open_ is None:
            open_ = Interval(relationship, group, member, event.date, event.date, None, (i,))
        else:
            open_ = Interval(
                relationship, group, member, open_.start, event.date, None, (*open_.events, i)
            )
        if role == "leaves":
            start = open_.start if len(open_.events) > 1 else None  # left, joining unreported
            out.append(
                Interval(relationship, group, member, start, event.date, event.date, open_.events)
            )
            open_ = None
    if open_ is not None:
        out.append(open_)
    return tuple(out)


def current_stance(
    timeline: Sequence[TimelineEvent],
    *,
    as_of: str | None = None,
    fade_years: float | None = None,
    ended: str | None = None,
) -> Stance | None:
    """The latest run's category since its first event, in the state the evidence allows
    as of `as_of` (the content's newest date): current, faded, ended or left."""
    if not timeline:
        return None
    runs = stance_runs(timeline, fade_years)
    current = runs[-1]
    latest = timeline[current.events[-1]]
    trend: str | None = None
    previous: str | None = None
    sequence: tuple[Run, ...] = ()
    if len(runs) > 1:
        before = runs[-2]
        previous = before.stance
        comparable = current.stance in WARMTH and before.stance in WARMTH
        if comparable and current.weighted and before.weighted:
            delta = WARMTH[current.stance] - WARMTH[before.stance]
            trend = "warmer" if delta > 0 else "colder" if delta < 0 else "unchanged"
        else:
            sequence = runs[-SEQUENCE_RUNS:]
    elif len(current.events) > 1 and current.stance in WARMTH:
        trend = "unchanged"
    state = CURRENT
    if current.closed:
        state = LEFT
    elif ended and (as_of is None or when(ended) <= when(as_of)):
        state = ENDED
    elif (
        current.fades
        and as_of
        and fade_years is not None
        and latest.date
        and when(as_of) - when(latest.date) > fade_years
    ):
        state = FADED
    return Stance(
        stance=current.stance,
        since=current.start,
        type=latest.type,
        latest=latest.date,
        trend=trend,
        previous=previous,
        single=len(timeline) == 1,
        runs=runs,
        state=state,
        ended=ended if state == ENDED else None,
        sequence=sequence,
    )
