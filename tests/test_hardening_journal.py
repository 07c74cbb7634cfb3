"""SIGKILL at every point of `rename`, `translated`, `new` and `ingest` loses nothing (issue 21, N4).

Each command runs in a forked process that SIGKILLs itself just before its
Nth file-system change (every open for writing, rename, unlink, mkdir, rmdir
or link it makes, seen through Python's audit hooks), for N = 1, 2, … until
one run finishes untouched: every point where a kill can fall between two
changes. After each kill:

- no file in `content/` is anything but its bytes before or after the command
  (no temporary file, no 0-byte dossier, no partial text);
- the next command's recovery, itself killed at a random point and then run
  again, leaves the whole project exactly as before or as after, byte for
  byte, with no journal left;
- running the command again then gives exactly the project after.
"""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import signal
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from support import FIXTURES, init_site, make_project, run_cli, snapshot

import generator.commands.ingest
import generator.commands.new
import generator.commands.rename
import generator.commands.translated
import generator.ingest.accept
import generator.ingest.review_file  # noqa: F401 (imported before forking: no .pyc writes)
from generator.cli import main
from generator.fsguard import TEMP_SUFFIX
from generator.ingest.write import MANIFEST
from generator.journal import JOURNAL_DIR, recover

MUTATING = {
    "os.rename",
    "os.remove",
    "os.rmdir",
    "os.mkdir",
    "os.link",
    "os.symlink",
    "os.truncate",
    "shutil.rmtree",
}
WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND


def _mutates(event: str, args: tuple[Any, ...]) -> bool:
    if event == "open":
        flags = args[2] if len(args) > 2 and isinstance(args[2], int) else 0
        return bool(flags & WRITE_FLAGS)
    return event in MUTATING


def _killed_at(project: Path, point: int, run: Callable[[], object]) -> bool:
    """Run `run` in a forked child, in `project`, SIGKILLed just before its `point`th
    change to the file system; True if it was killed (False: it finished first)."""
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        code = 1
        try:
            os.chdir(project)
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, 1)
            os.dup2(null, 2)
            seen = [0]

            def hook(event: str, args: tuple[Any, ...]) -> None:
                if _mutates(event, args):
                    seen[0] += 1
                    if seen[0] == point:
                        os.kill(os.getpid(), signal.SIGKILL)

            sys.addaudithook(hook)
            with contextlib.redirect_stdout(None), contextlib.redirect_stderr(None):
                run()
            code = 0
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    return os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL


def _content_is_between(
    before: dict[str, bytes], after: dict[str, bytes], now: dict[str, bytes]
) -> None:
    """Each file of content/ now holds its bytes before or after: never anything else."""
    for name, data in now.items():
        if not name.startswith("content/"):
            continue
        hidden = "/." in name and name != MANIFEST  # ingest's manifest is a dot-file
        assert not name.endswith(TEMP_SUFFIX) and not hidden, f"a temporary file: {name}"
        assert data in (before.get(name), after.get(name)), f"{name}: neither before nor after"


def _drive(make: Callable[[Path], Path], argv: Sequence[str], tmp_path: Path, seed: int) -> int:
    """Kill `explainer ARGV` at every point; return how many points there were."""
    base = make(tmp_path / "base")
    before = snapshot(base)
    reference = tmp_path / "reference"
    shutil.copytree(base, reference)
    done = run_cli(reference, *argv)
    assert done.returncode == 0, done.stderr
    after = snapshot(reference)
    assert after != before
    rng = random.Random(seed)
    point = 0
    while True:
        point += 1
        project = tmp_path / f"kill-{point}"
        shutil.copytree(base, project)
        if not _killed_at(project, point, lambda: main(list(argv))):
            assert snapshot(project) == after, f"point {point}: the run that finished"
            shutil.rmtree(project)
            return point - 1
        now = snapshot(project)
        _content_is_between(before, after, now)
        # The next command recovers first: killed once at a random point, then again whole.
        _killed_at(project, rng.randint(1, 12), lambda: recover(Path(".")))
        recover(project)
        now = snapshot(project)
        assert now in (before, after), f"point {point}: the project is neither before nor after"
        assert not (project / JOURNAL_DIR).exists()
        run_cli(project, *argv)  # fails if it was all done (rename, new), else finishes it
        assert snapshot(project) == after, f"point {point}: re-running did not converge"
        shutil.rmtree(project)


def _stale_translations(folder: Path) -> Path:
    """The workflow project with each original edited: every translation is stale."""
    project = make_project(folder, "workflow")
    for path in sorted((project / "content").rglob("*.id.md")):
        text = path.read_text("utf-8")
        path.write_text(text.rstrip("\n") + "\n\nDiubah.\n", "utf-8")
    return project


@pytest.mark.slow
def test_rename_killed_at_every_point(tmp_path: Path) -> None:
    points = _drive(
        lambda dest: make_project(dest, "workflow"),
        ["rename", "russia", "russian-federation"],
        tmp_path,
        seed=21,
    )
    print(f"rename: killed at {points} points, each before or after, each converged")
    assert points >= 30


@pytest.mark.slow
def test_translated_killed_at_every_point(tmp_path: Path) -> None:
    points = 0
    scenarios = [
        ["translated", "taliban", "en"],
        ["translated", "russia", "en"],
        ["translated", "russia--taliban", "en"],
        ["translated", "arrahmah-2025-05-02", "en"],
    ]
    for number, argv in enumerate(scenarios):
        points += _drive(_stale_translations, argv, tmp_path / str(number), seed=number)
    print(f"translated: killed at {points} points over {len(scenarios)} dossiers")
    assert points >= 30


@pytest.mark.slow
def test_new_killed_at_every_point(tmp_path: Path) -> None:
    points = 0
    scenarios = [
        ["new", "actor", "qatar", "pakistan", "iran"],
        ["new", "relationship", "taliban", "qatar"],
    ]
    for number, argv in enumerate(scenarios):
        points += _drive(
            lambda dest: make_project(dest, "workflow"), argv, tmp_path / str(number), seed=number
        )
    print(f"new: killed at {points} points over {len(scenarios)} commands")
    assert points >= 30


def test_a_rename_to_a_slug_too_long_for_the_file_system_writes_nothing(
    tmp_path: Path,
) -> None:
    """The actor's own file fits in 255 bytes; its relationship's does not."""
    project = make_project(tmp_path / "site", "workflow")
    before = snapshot(project)
    long = "a" * 245
    result = run_cli(project, "rename", "russia", long)
    assert result.returncode == 1, result.stderr
    assert "a file name of" in result.stderr and "choose a shorter slug" in result.stderr
    assert "relationships/" in result.stderr and "Traceback" not in result.stderr
    assert snapshot(project) == before
    assert run_cli(project, "check").returncode == 0


@pytest.mark.parametrize("slugs", [["qatar", "iran", "russia"], ["qatar", "b" * 250]])
def test_new_with_several_slugs_makes_all_or_none(tmp_path: Path, slugs: list[str]) -> None:
    project = make_project(tmp_path / "site", "workflow")
    before = snapshot(project)
    result = run_cli(project, "new", "actor", *slugs)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert snapshot(project) == before
    result = run_cli(project, "new", "actor", "qatar", "iran")
    assert result.returncode == 0, result.stderr
    made = sorted(p.name for p in (project / "content/actors").glob("*.md"))
    assert {"qatar.id.md", "qatar.en.md", "iran.id.md", "iran.en.md"} <= set(made)


def _discovery_site(folder: Path) -> Path:
    """A site made with `explainer init`, nothing declared, and two synthetic articles."""
    return init_site(folder, articles=sorted((FIXTURES / "discovery").glob("0[12]_*.txt")))


@pytest.mark.slow
def test_ingest_accepting_killed_at_every_point(tmp_path: Path) -> None:
    """The actors accepted, the sources tagged with them and the stubs: all or none."""
    argv = ["ingest", "seeds", "--accept", "PKB", "Cak Imin", "Partai Golkar"]
    points = _drive(_discovery_site, argv, tmp_path, seed=23)
    print(f"ingest --accept: killed at {points} points, each before or after, each converged")
    assert points >= 30
