"""Work done beside the rendering: a rebuild's feeds, sitemap and open data in a forked
process (`pipeline.parallel.Beside`), the bytes a cold build makes; and a cold build's
model rules in the parent while its workers render (`render_all(meanwhile=…)`)."""

from __future__ import annotations

import multiprocessing
import os
from functools import partial
from pathlib import Path

import pytest
from support import edit, make_project, run_cli, snapshot

from generator.checks.rules import model_problems
from generator.content.model import Model
from generator.errors import ExplainerError, Problem
from generator.pipeline import parallel, stages
from generator.pipeline.build import run_build
from generator.pipeline.parallel import Beside
from generator.site.spec import PageSpec

INDONESIAN = (
    "Rusia akan membantu Taliban dalam perang melawan ISIS di Afghanistan, kata juru bicara "
    "yang tidak mau disebut namanya, karena ancaman itu sudah sampai ke perbatasan."
)


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


def _render_workers() -> int:
    return sum(1 for child in multiprocessing.active_children() if "PoolWorker" in child.name)


def _here_and_workers(calls: list[tuple[int, int]]) -> None:
    calls.append((os.getpid(), _render_workers()))


def test_meanwhile_is_called_once_here_with_workers_or_without() -> None:
    specs = [PageSpec("list", "en", f"/en/p{n}/", "list.html") for n in range(4)]
    for weight in (parallel.MIN_PAGES, None):  # forked workers, then this process alone
        calls: list[tuple[int, int]] = []
        rendered = parallel.render_all(
            specs,
            lambda spec: os.getpid(),
            weight=weight,
            jobs=2,
            meanwhile=partial(_here_and_workers, calls),
        )
        assert [output for output, _ in rendered] == [spec.output for spec in specs]
        workers = 2 if weight else 0
        assert calls == [(os.getpid(), workers)], weight


def _times_two(value: int) -> int:
    return value * 2


def test_map_in_workers_calls_meanwhile_once_here_with_workers_or_without() -> None:
    """A build compiles its templates there while the workers parse its files."""
    items = list(range(parallel.MIN_FILES))
    for jobs in (2, 1):  # forked workers, then this process alone
        calls: list[tuple[int, int]] = []
        results = parallel.map_in_workers(
            _times_two, items, jobs=jobs, meanwhile=partial(_here_and_workers, calls)
        )
        assert results == [item * 2 for item in items]
        assert calls == [(os.getpid(), 2 if jobs == 2 else 0)], jobs


def test_a_build_compiles_its_page_templates_while_its_files_are_parsed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = make_project(tmp_path / "site", "workflow")
    monkeypatch.setattr(parallel, "MIN_FILES", 1)  # the fixture site is small
    compiled: list[tuple[set[str], int]] = []
    compile_now = stages.Pipeline._compile

    def counted(self: stages.Pipeline, templates: set[str]) -> None:
        compiled.append((templates, _render_workers()))
        compile_now(self, templates)

    monkeypatch.setattr(stages.Pipeline, "_compile", counted)
    run_build(project, search=False, jobs=2)
    assert compiled[0] == (stages.page_templates(), 2)  # while the two workers parse
    assert {"home.html", "actor.html", "source.html"} <= compiled[0][0]


@pytest.mark.slow
def test_a_cold_build_checks_the_model_and_makes_the_whole_site_files_as_it_renders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The model's rules and the feeds, sitemap and open data read no page: a cold build
    runs the rules here and makes the files in a forked process while its workers
    render, and warns and writes as a build in one process does."""
    project = make_project(tmp_path / "site", "workflow")
    (project / "content/actors/russia.en.md").write_text(
        f"---\ntitle: Russia\n---\nRussia.\n\n(EN) {INDONESIAN}\n", "utf-8"
    )
    monkeypatch.setattr(parallel, "MIN_PAGES", 1)  # the fixture site is small
    workers_then: list[int] = []
    made: list[int] = []

    def counted(model: Model, *, build: bool = False) -> list[Problem]:
        workers_then.append(_render_workers())
        return model_problems(model, build=build)

    class Counted(parallel.Beside[dict[str, bytes]]):
        def result(self) -> dict[str, bytes]:
            made.append(int(self._child is not None))
            return super().result()

    monkeypatch.setattr(stages, "model_problems", counted)
    monkeypatch.setattr(stages, "Beside", Counted)
    monkeypatch.setenv("EXPLAINER_JOBS", "2")
    forked = run_cli(project, "build", "--no-cache", "--no-search", "--out", "par")
    assert forked.returncode == 0 and workers_then == [2] and made == [1]
    monkeypatch.setenv("EXPLAINER_JOBS", "1")
    alone = run_cli(project, "build", "--no-cache", "--no-search", "--out", "seq")
    assert alone.returncode == 0 and workers_then == [2, 0] and made == [1, 0]
    warned = [line for line in forked.stderr.splitlines() if "warning:" in line]
    assert any("reads as Bahasa Indonesia" in line for line in warned)
    assert warned == [line for line in alone.stderr.splitlines() if "warning:" in line]
    assert snapshot(project / "par") == snapshot(project / "seq")


def test_the_pages_here_picks_render_here_after_meanwhile_the_others_on_workers() -> None:
    """A cold build places the map in `meanwhile` and renders the pages that draw it
    here, after it: the workers render the rest meanwhile, in plan order all the same."""
    specs = [PageSpec("list" if n % 3 else "home", "en", f"/en/p{n}/", "x.html") for n in range(9)]
    events: list[str] = []

    def render(spec: PageSpec) -> int:
        if os.getpid() == here:
            events.append(spec.kind)
        return os.getpid()

    here = os.getpid()
    rendered = parallel.render_all(
        specs,
        render,
        weight=parallel.MIN_PAGES,
        jobs=2,
        meanwhile=lambda: events.append("meanwhile"),
        here=lambda spec: spec.kind == "home",
    )
    assert [output for output, _ in rendered] == [spec.output for spec in specs]
    assert events == ["meanwhile", "home", "home", "home"]
    pids = {spec.kind: set() for spec in specs}  # type: dict[str, set[int]]
    for spec, (_, pid) in zip(specs, rendered, strict=True):
        pids[spec.kind].add(pid)
    assert pids["home"] == {here} and here not in pids["list"]
