"""Shared test helpers: fixture projects built in temporary folders."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.cli import main

PROJECT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def make_project(dest: Path, content: Path | None = None) -> Path:
    """A project in `dest`: the real site.yaml, fixture content, the package's theme."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(PROJECT / "site.yaml", dest / "site.yaml")
    shutil.copytree(content or FIXTURES / "spine" / "content", dest / "content")
    return dest


def run_cli(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run `explainer ARGS` in `project` in this process, as a writer would from there.

    The CLI holds no global state, so running it in-process is the same run
    without a new interpreter per call; an uncaught exception fails the test
    (which is what a traceback would be). `run_cli_process` is the real process.
    """
    out, err = io.StringIO(), io.StringIO()
    here = os.getcwd()
    os.chdir(project)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(list(args))
    finally:
        os.chdir(here)
    return subprocess.CompletedProcess(["explainer", *args], code, out.getvalue(), err.getvalue())


def run_cli_process(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run `python -m generator` in `project` as a separate process."""
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
    )


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder`, by relative path, for byte-for-byte comparisons."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(autouse=True, scope="session")
def _own_cache_key(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Builds under test seal their caches with a key of the test run's own
    (`generator.sealed`), never touching the user's `~/.cache/explainer/`."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))
        yield


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "site")
