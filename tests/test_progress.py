"""Progress on long work: shown on a terminal (a pseudo-terminal here), never elsewhere.

`build`, `check` and `ingest` paint one line of stderr in place (stage, n of N,
elapsed) once the work has run 2 s, erase it before printing their results,
and print nothing more when stderr is not a terminal or `--quiet` is given.
The real 2 s are not waited for: `EXPLAINER_PROGRESS_AFTER=0` shows progress
at once, and the delay itself is tested with a clock the test moves.
`--jobs N` sets how many processes work, before `EXPLAINER_JOBS`.
"""

from __future__ import annotations

import os
import pty
import re
import select
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from support import TAL, ingest_project, make_project, run_cli, run_cli_process

from generator.pipeline import parallel
from generator.progress import AFTER, AFTER_VARIABLE, SILENT, TerminalProgress, for_terminal


def run_on_terminal(project: Path, *args: str, after: str = "0") -> tuple[int, str, str]:
    """`python -m generator ARGS` in `project` with stderr on a pseudo-terminal: exit code,
    everything the terminal received, and stdout."""
    env = {**os.environ, AFTER_VARIABLE: after}
    master, slave = pty.openpty()
    with tempfile.TemporaryFile() as stdout:
        try:
            proc = subprocess.Popen(
                [sys.executable, "-m", "generator", *args],
                cwd=project,
                stdin=subprocess.DEVNULL,
                stdout=stdout,
                stderr=slave,
                env=env,
            )
        finally:
            os.close(slave)
        received = bytearray()
        try:
            while select.select([master], [], [], 120)[0]:
                try:
                    data = os.read(master, 65536)
                except OSError:  # EIO: the command exited, closing the terminal's other side
                    break
                if not data:
                    break
                received += data
        finally:
            os.close(master)
            code = proc.wait(timeout=120)
        stdout.seek(0)
        return code, received.decode("utf-8"), stdout.read().decode("utf-8")


def screen(received: str) -> list[str]:
    """What a terminal shows after `received`: each `\\r` returns to the line's start, and
    what follows overwrites what was there."""
    lines: list[str] = []
    line: list[str] = []
    column = 0
    for char in received.replace("\r\n", "\n"):
        if char == "\n":
            lines.append("".join(line).rstrip())
            line, column = [], 0
        elif char == "\r":
            column = 0
        else:
            if column < len(line):
                line[column] = char
            else:
                line.append(char)
            column += 1
    last = "".join(line).rstrip()
    return [*lines, last] if last else lines  # the line the cursor is on, when not blank


# -- the reporter ------------------------------------------------------------------------


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def painted(read_fd: int) -> str:
    os.set_blocking(read_fd, False)
    try:
        return os.read(read_fd, 65536).decode()
    except BlockingIOError:
        return ""


def test_the_line_shows_after_two_seconds_with_stage_count_and_time() -> None:
    clock = Clock()
    read_fd, write_fd = os.pipe()
    try:
        progress = TerminalProgress(write_fd, clock=clock)
        progress.stage("rendering pages", 10)
        progress.advance(3)
        clock.now += AFTER - 0.1
        progress.advance()
        assert painted(read_fd) == ""  # quick work says nothing
        clock.now += 0.1
        progress.advance()
        assert painted(read_fd) == "\rrendering pages 5 of 10 (2 s)"
        clock.now += 0.01
        progress.advance()
        assert painted(read_fd) == ""  # repainted at most every REPAINT seconds
        clock.now += 63
        progress.stage("checking")  # a new stage is painted at once, over the longer line
        assert painted(read_fd) == "\rchecking (1 min 05 s)" + " " * 8
        progress.close()
        assert painted(read_fd) == "\r" + " " * 21 + "\r"
    finally:
        os.close(read_fd)
        os.close(write_fd)


def test_the_line_fits_the_terminal_and_a_closed_terminal_is_no_error() -> None:
    read_fd, write_fd = os.pipe()
    progress = TerminalProgress(write_fd, after=0, width=24)
    progress.stage("parsing content files", 2000)
    assert painted(read_fd) == "\rparsing content files 0"
    os.close(read_fd)
    progress.advance(2000)  # EPIPE: ignored, and nothing more is written
    progress.close()
    os.close(write_fd)


def test_no_terminal_or_quiet_is_silent(monkeypatch: pytest.MonkeyPatch) -> None:
    assert for_terminal() is SILENT  # pytest captures stderr: not a terminal
    assert for_terminal(quiet=True) is SILENT


# -- the commands on a terminal and off it ------------------------------------------------


@pytest.mark.slow
def test_build_on_a_terminal_shows_each_stage_then_leaves_only_its_summary(
    tmp_path: Path,
) -> None:
    project = make_project(tmp_path / "site")
    code, received, _ = run_on_terminal(project, "build", "--no-cache")
    assert code == 0, received
    for stage in ("parsing content files", "rendering pages", "checking", "indexing search"):
        assert f"\r{stage}" in received, received
    assert " of " in received and " s)" in received
    shown = screen(received)
    assert shown[0].startswith("built ") and shown[1].startswith("view it: "), shown
    assert len(shown) == 2  # the progress line was erased: the summary as without it


@pytest.mark.slow
def test_build_off_a_terminal_prints_only_what_it_always_did(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = make_project(tmp_path / "site")
    monkeypatch.setenv(AFTER_VARIABLE, "0")  # were it a terminal, progress would show at once
    result = run_cli_process(project, "build", "--no-cache")  # stderr: a pipe
    assert result.returncode == 0, result.output
    assert "\r" not in result.stderr and "rendering pages" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 2 and lines[0].startswith("built "), result.stderr


@pytest.mark.slow
def test_a_failed_build_on_a_terminal_shows_its_errors_alone(tmp_path: Path) -> None:
    project = make_project(tmp_path / "site")
    taliban = project / TAL
    taliban.write_text(taliban.read_text(encoding="utf-8") + "\nJuga [[no-such-dossier]].\n")
    code, received, _ = run_on_terminal(project, "build", "--no-search")
    assert code == 1, received
    assert "\rresolving references" in received  # shown, then erased before the errors
    assert "\rlinking dossiers" not in received  # load failed: the stages after it never ran
    shown = screen(received)
    assert shown[0].startswith(f"{TAL}:") and "no-such-dossier" in shown[0], shown
    assert shown[-1] == "1 error(s); nothing was written", shown


@pytest.mark.slow
def test_build_quiet_on_a_terminal_prints_nothing_when_all_is_well(tmp_path: Path) -> None:
    project = make_project(tmp_path / "site")
    code, received, _ = run_on_terminal(project, "build", "--no-cache", "--quiet")
    assert code == 0, received
    assert received == ""
    assert (project / "public" / "index.html").is_file()


@pytest.mark.slow
def test_the_delay_holds_progress_back(tmp_path: Path) -> None:
    project = make_project(tmp_path / "site")
    code, received, _ = run_on_terminal(project, "build", "--no-search", after="600")
    assert code == 0, received
    assert "rendering pages" not in received and "\r" not in received.replace("\r\n", "\n")


@pytest.mark.slow
def test_check_on_a_terminal_shows_progress_and_prints_its_report_alone(tmp_path: Path) -> None:
    project = make_project(tmp_path / "site", "workflow")
    code, received, stdout = run_on_terminal(project, "check", "--format", "json")
    assert code == 0, received
    assert "\rrendering pages" in received and "\rchecking" in received
    assert screen(received) == []  # erased: the terminal is left as it was
    assert stdout.lstrip().startswith("{")  # the report, untouched by the progress


@pytest.mark.slow
def test_ingest_on_a_terminal_counts_the_articles(tmp_path: Path) -> None:
    project = ingest_project(tmp_path / "site")
    articles = len(list((project / "seeds").glob("*.txt")))
    code, received, stdout = run_on_terminal(project, "ingest", "--dry-run", "seeds")
    assert code == 0, received
    assert re.search(rf"\rreading articles [1-{articles}] of {articles} \(", received), received
    assert screen(received) == []
    assert stdout  # the report, on stdout as always
    code, received, _ = run_on_terminal(project, "ingest", "--dry-run", "--quiet", "seeds")
    assert code == 0 and received == ""


# -- --jobs ---------------------------------------------------------------------------------


def test_jobs_comes_before_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EXPLAINER_JOBS", "1")
    assert parallel.workers() == 1
    assert parallel.workers(3) == 3
    monkeypatch.delenv("EXPLAINER_JOBS")
    assert parallel.workers(None) >= 1


@pytest.fixture
def pools(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The size of every pool of workers the pipeline starts; workers start for any number
    of pages (the fixture sites are small)."""
    monkeypatch.setattr(parallel, "MIN_PAGES", 1)
    monkeypatch.setattr(parallel, "MIN_FILES", 1)
    started: list[int] = []
    real_context = parallel.multiprocessing.get_context

    class Context:
        def __init__(self, method: str) -> None:
            self.context = real_context(method)

        def Pool(self, processes: int, **kwargs: object) -> object:
            started.append(processes)
            return self.context.Pool(processes, **kwargs)

        def __getattr__(self, name: str) -> object:  # Process (`Beside`), as it is
            return getattr(self.context, name)

    monkeypatch.setattr(parallel.multiprocessing, "get_context", Context)
    return started


@pytest.mark.slow
def test_build_jobs_sets_how_many_processes_render(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pools: list[int]
) -> None:
    project = make_project(tmp_path / "site")
    monkeypatch.setenv("EXPLAINER_JOBS", "2")
    one = run_cli(project, "build", "--no-cache", "--no-search", "--jobs", "1", "--out", "one")
    assert one.returncode == 0, one.output
    assert pools == []  # one process: nothing forked, whatever EXPLAINER_JOBS says
    monkeypatch.setenv("EXPLAINER_JOBS", "1")
    three = run_cli(project, "build", "--no-cache", "--no-search", "--jobs", "3", "--out", "3")
    assert three.returncode == 0, three.output
    assert pools and set(pools) == {3}
    pools.clear()
    checked = run_cli(project, "check", "--jobs", "3")
    assert checked.returncode == 0, checked.output
    assert pools and set(pools) == {3}


@pytest.mark.slow
def test_serve_jobs_sets_how_many_processes_render(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pools: list[int]
) -> None:
    from generator.server import Watcher  # in process: the first build, no loop

    project = make_project(tmp_path / "site").resolve()
    monkeypatch.setenv("EXPLAINER_JOBS", "1")
    watcher = Watcher(project, project / "public", search=False, jobs=3, log=lambda _: None)
    watcher.start()
    assert (project / "public" / "index.html").is_file()
    assert pools and set(pools) == {3}
    assert "--jobs" in run_cli(project, "serve", "--help").stdout


@pytest.mark.parametrize("given", ["0", "-2", "two"])
def test_jobs_must_be_a_whole_number_of_processes(tmp_path: Path, given: str) -> None:
    project = make_project(tmp_path / "site")
    result = run_cli(project, "build", "--jobs", given)
    assert result.returncode == 2
    assert "--jobs" in result.stderr and "1 or more" in result.stderr
    assert not (project / "public").exists()
