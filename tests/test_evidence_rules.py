"""The evidence rules (`graph.evidence`) on timelines written here: runs, a true "since",
the fade of a stance, ties that hold, ends, memberships as intervals, the trend rule.

The views that show them are tests/test_site_evidence.py.
"""

from __future__ import annotations

from generator.content.model import TimelineEvent
from generator.graph.evidence import (
    CURRENT,
    ENDED,
    FADED,
    LEFT,
    current_stance,
    memberships,
    stance_runs,
    when,
)

TIE = {"affiliate": "affiliation", "member": "membership", "joins": "membership"}
TIE |= {"leaves": "membership"}
ROLE = {"member": "member", "joins": "joins", "leaves": "leaves"}


def _event(date: str | None, stance: str, type: str = "statement") -> TimelineEvent:
    return TimelineEvent(
        date, type, stance, (), (), (), {"en": "x"}, None, None, TIE.get(type), ROLE.get(type)
    )


def test_since_is_the_start_of_the_latest_run_not_the_latest_event() -> None:
    timeline = (
        _event("2025-07-03", "cooperative", "recognition"),  # written out of order on purpose
        _event("2003", "hostile", "designation"),
        _event("2015-12-24", "cooperative"),
    )
    stance = current_stance(timeline)
    assert stance is not None
    assert (stance.stance, stance.since, stance.latest) == (
        "cooperative",
        "2015-12-24",
        "2025-07-03",
    )
    assert stance.type == "recognition"
    assert [run.stance for run in stance_runs(timeline)] == ["hostile", "cooperative"]
    # the run before is one report of 2003: no baseline for "warmer"; the sequence instead
    assert (stance.trend, stance.previous) == (None, "hostile")
    assert [(r.stance, r.weighted) for r in stance.sequence] == [
        ("hostile", False),
        ("cooperative", True),
    ]


def test_a_trend_needs_weight_on_both_sides() -> None:
    weighted = current_stance(
        (
            _event("2015", "cooperative"),
            _event("2016", "cooperative"),
            _event("2024", "hostile"),
            _event("2025", "hostile"),
        )
    )
    assert weighted is not None and (weighted.trend, weighted.sequence) == ("colder", ())
    # six months of one stance weigh as much as two events
    months = current_stance((_event("2020-01", "hostile"), _event("2020-07", "mixed")))
    assert months is not None and months.trend is None  # each run is a single event
    spans = current_stance(
        (_event("2019-01", "hostile"), _event("2019-07", "hostile"), _event("2021-01", "mixed"))
    )
    assert spans is not None and spans.runs[0].weighted and not spans.runs[1].weighted


def test_a_one_off_event_between_two_runs_gives_the_sequence_not_an_arrow() -> None:
    """Russia and the US: mixed, one cooperative proposal, mixed again (the audit's case)."""
    stance = current_stance(
        (
            _event("2015-10", "mixed", "talks"),
            _event("2015-12", "mixed", "warning"),
            _event("2016-07", "cooperative", "proposal"),
            _event("2016-07", "mixed", "talks"),
            _event("2016-07", "mixed"),
        )
    )
    assert stance is not None
    assert (stance.stance, stance.since, stance.trend) == ("mixed", "2016-07", None)
    assert [(r.stance, r.weighted) for r in stance.sequence] == [
        ("mixed", True),
        ("cooperative", False),
        ("mixed", True),
    ]


def test_a_stance_fades_after_its_fade_time_a_tie_holds() -> None:
    stance = (_event("2016-07", "mixed"), _event("2016-07", "mixed", "talks"))
    assert current_stance(stance, as_of="2017-05-01", fade_years=1).state == CURRENT  # type: ignore[union-attr]
    faded = current_stance(stance, as_of="2025-05-02", fade_years=1)
    assert faded is not None and (faded.state, faded.latest) == (FADED, "2016-07")
    assert current_stance(stance, as_of="2025-05-02", fade_years=10).state == CURRENT  # type: ignore[union-attr]
    tie = current_stance((_event("2021-09-02", "", "affiliate"),), as_of="2025-05-02", fade_years=1)
    assert tie is not None and (tie.stance, tie.state) == ("affiliation", CURRENT)


def test_reports_of_one_stance_years_apart_are_two_runs_not_one() -> None:
    """Taliban and the US: hostile in 2001, hostile again in August 2021: nothing between."""
    timeline = (_event("2001", "hostile"), _event("2021-08", "hostile"), _event("2021-08", "mixed"))
    apart = current_stance(timeline, fade_years=1)
    assert apart is not None
    assert [(r.stance, r.start, r.end) for r in apart.runs] == [
        ("hostile", "2001", "2001"),
        ("hostile", "2021-08", "2021-08"),
        ("mixed", "2021-08", "2021-08"),
    ]
    assert [r.stance for r in stance_runs(timeline)] == ["hostile", "mixed"]  # no fade given
    tie = (_event("2015", "", "affiliate"), _event("2024", "", "affiliate"))
    assert len(stance_runs(tie, fade_years=1)) == 1  # a tie holds between its reports


def test_an_actor_end_ends_the_relationship_and_leaving_closes_a_membership() -> None:
    ended = current_stance((_event("2015-12", "cooperative"),), as_of="2025-05-02", ended="2021-08")
    assert ended is not None and (ended.state, ended.ended) == (ENDED, "2021-08")
    not_yet = current_stance((_event("2015-12", "cooperative"),), as_of="2020-01", ended="2021-08")
    assert not_yet is not None and not_yet.state == CURRENT
    left = current_stance((_event("2015-10", "", "joins"), _event("2016-07", "", "leaves")))
    assert left is not None and (left.stance, left.state) == ("membership", LEFT)
    assert left.trend is None  # a tie has no warmth


def test_memberships_are_intervals_a_statement_between_does_not_end_one() -> None:
    timeline = (
        _event("2023-08-13", "", "joins"),
        _event("2023-10", "hostile"),  # a quarrel inside the coalition
        _event("2023-11", "", "member"),
        _event("2024-03", "", "leaves"),
        _event("2024-06", "", "joins"),
    )
    found = memberships("c--p", "c", "p", timeline)
    assert [(i.start, i.last, i.end) for i in found] == [
        ("2023-08-13", "2024-03", "2024-03"),
        ("2024-06", "2024-06", None),
    ]
    # leaving with no joining reported: an interval whose start is unknown
    (alone,) = memberships("c--p", "c", "p", (_event("2024-03", "", "leaves"),))
    assert (alone.start, alone.end) == (None, "2024-03")


def test_dates_are_placed_mid_period_so_partial_dates_keep_their_order() -> None:
    assert when("2015") < when("2015-12") < when("2016")
    assert when("2015-12-01") < when("2015-12") < when("2015-12-31")
