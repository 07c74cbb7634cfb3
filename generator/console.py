"""What the command line prints: paths as a writer reads them, problems one per line.

A leaf module so every command (and the dev server) prints problems the same
way without importing the dispatcher.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from generator.errors import Problem


def display_path(path: str | Path) -> str:
    """A path as a writer wants to read it: relative to the working folder when inside it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


def print_problems(problems: Iterable[Problem]) -> None:
    for problem in problems:
        print(replace(problem, path=display_path(problem.path)).format(), file=sys.stderr)


def absolute_out(out: Path | None) -> Path | None:
    """`--out` relative to the working folder (not to `--project`)."""
    return out if out is None or out.is_absolute() else Path.cwd() / out
