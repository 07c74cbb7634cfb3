"""A true "since": the start of the current stance's latest unbroken run, with a trend.

Pinned on the fixture site, whose Russia–Taliban timeline runs hostile (2003),
cooperative (24 December 2015), cooperative (3 July 2025): the latest event is
not the start of its run, so "since" must say 2015, not 2025.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.content.model import TimelineEvent
from generator.graph.build_graph import current_stance, stance_runs

SITE = Path(__file__).resolve().parent / "fixtures" / "site"


def _event(date: str | None, stance: str, type: str = "statement") -> TimelineEvent:
    return TimelineEvent(date, type, stance, (), (), (), {"en": "x"}, None, None)


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
    assert (stance.trend, stance.previous, stance.single) == ("warmer", "hostile", False)
    assert [run.stance for run in stance_runs(timeline)] == ["hostile", "cooperative"]


def test_a_broken_run_restarts_since_and_a_colder_turn_is_marked() -> None:
    timeline = (
        _event("2015", "cooperative"),
        _event("2018", "hostile"),
        _event("2021", "cooperative"),
        _event("2024", "hostile"),
        _event("2025", "hostile"),
    )
    stance = current_stance(timeline)
    assert stance is not None
    assert (stance.stance, stance.since, stance.trend) == ("hostile", "2024", "colder")


def test_one_event_is_first_reported_and_one_run_is_unchanged() -> None:
    single = current_stance((_event("2021-08", "hostile"),))
    assert single is not None and single.single and single.trend is None
    same = current_stance((_event("2019", "mixed"), _event("2022", "mixed")))
    assert same is not None and (same.since, same.trend) == ("2019", "unchanged")
    assert current_stance(()) is None


def test_fixture_pages_say_since_the_run_start(fixture_built: Path) -> None:
    for lang, path, since, first in (
        (
            "en",
            "en/relationships/russia--taliban",
            'since <time datetime="2015-12-24">24 December 2015',
            "first reported",
        ),
        (
            "id",
            "id/hubungan/russia--taliban",
            'sejak <time datetime="2015-12-24">24 Desember 2015',
            "pertama dilaporkan",
        ),
    ):
        html = (fixture_built / path / "index.html").read_text(encoding="utf-8")
        answer = html[
            html.index('class="answer"') : html.index("</section>", html.index('class="answer"'))
        ]
        assert since in answer, (lang, answer)
        assert "trend-warmer" in answer
        single = fixture_built / path.replace("russia--taliban", "isis-k--taliban") / "index.html"
        assert first in single.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def fixture_built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from conftest import make_project

    from generator.pipeline.build import run_build

    project = make_project(tmp_path_factory.mktemp("since"), SITE / "content")
    run_build(project, out=project / "public", strict=True)
    return project / "public"
