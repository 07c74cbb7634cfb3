"""Helpers for the hardening tests: a small project, the CLI run in-process.

`run` calls `generator.cli.main` directly (no subprocess), capturing what it
prints, so hundreds of hostile inputs run in seconds; an exception escaping
`main` is exactly the traceback a writer must never see, so it propagates.
"""

from __future__ import annotations

import contextlib
import io
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from conftest import make_project

from generator.cli import main
from generator.theme_files import THEME_DIR

TAL = "content/actors/taliban.id.md"
REL = "content/relationships/russia--taliban.id.md"
SRC = "content/sources/arrahmah-2025-05-02.id.md"
# `path:line: severity: message` (line optional for whole-file problems), or the summary lines.
PROBLEM_LINE = re.compile(r"^\S.*?(:\d+(:\d+)?)?: (error|warning): .+$")
SUMMARY = re.compile(r"^(\d+ error\(s\).*|clean: .*|built \d+ pages .*|explainer: .*|usage: .*)$")


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str

    @property
    def text(self) -> str:
        return self.out + self.err


def run(project: Path, *args: str) -> Run:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--project", str(project), *args])
    return Run(code, out.getvalue(), err.getvalue())


def new_project(tmp: Path) -> Path:
    """A fixture project whose templates/ holds a full copy of the theme, as a site that
    overrides every file would: the hostile cases plant their links and edits there."""
    project = make_project(tmp / "site")
    shutil.copytree(THEME_DIR, project / "templates", dirs_exist_ok=True)
    return project


def edit(project: Path, rel: str, old: str, new: str) -> None:
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def assert_clean_failure(result: Run, needle: str = "") -> None:
    """Exit 1 with one `path:line: error: …` per problem and no traceback."""
    assert result.code == 1, result.text
    assert "Traceback" not in result.text
    assert any(PROBLEM_LINE.match(line) for line in result.text.splitlines()), result.text
    if needle:
        assert needle in result.text, result.text
