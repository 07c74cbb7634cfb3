"""A rebuild's feeds, sitemap and open data are made in a forked process beside the
rendering (`pipeline.parallel.Beside`), and are the bytes a cold build makes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from support import edit, make_project, run_cli, snapshot

from generator.errors import ExplainerError
from generator.pipeline import parallel, stages
from generator.pipeline.parallel import Beside


def _pid_and(value: int) -> tuple[int, int]:
    return os.getpid(), value


def _fails() -> None:
    raise ExplainerError.single("feeds.xml", 3, "made to fail")


def test_the_call_runs_in_another_process_and_its_result_comes_back() -> None:
    beside = Beside(lambda: _pid_and(42), jobs=2)
    pid, value = beside.result()
    assert value == 42 and pid != os.getpid()


def test_a_failing_call_is_made_again_here_and_raises_here() -> None:
    beside = Beside(_fails, jobs=2)
    with pytest.raises(ExplainerError, match="made to fail"):
        beside.result()


def test_on_one_core_the_call_is_made_here() -> None:
    assert Beside(lambda: _pid_and(1), jobs=1).result() == (os.getpid(), 1)


@pytest.mark.slow
def test_a_title_change_makes_the_whole_site_files_beside_and_equals_a_cold_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = make_project(tmp_path / "site", "workflow")
    monkeypatch.setenv("EXPLAINER_JOBS", "2")
    assert run_cli(project, "build").returncode == 0
    made: list[int] = []

    class Counted(parallel.Beside[dict[str, bytes]]):
        def result(self) -> dict[str, bytes]:
            made.append(int(self._child is not None))
            return super().result()

    monkeypatch.setattr(stages, "Beside", Counted)
    edit(project / "content/actors/russia.en.md", "title: Russia", "title: Russia, renamed")
    assert run_cli(project, "build").returncode == 0
    assert made == [1]  # made in a child, and collected
    cold = run_cli(project, "build", "--no-cache", "--out", "cold")
    assert cold.returncode == 0
    assert snapshot(project / "public") == snapshot(project / "cold")
