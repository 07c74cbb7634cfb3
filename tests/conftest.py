"""Shared test helpers: fixture projects built in temporary folders."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def make_project(dest: Path, content: Path | None = None) -> Path:
    """A project in `dest`: the real site.yaml, fixture content, the package's theme."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(PROJECT / "site.yaml", dest / "site.yaml")
    shutil.copytree(content or FIXTURES / "spine" / "content", dest / "content")
    return dest


def run_cli(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run `python -m generator` in `project`, as a writer would."""
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


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "site")
