"""The one exception family every writer-caused problem belongs to.

Errors are values: stages collect `Problem`s and raise a single
`ExplainerError` carrying all of them at the edge; the CLI prints each one
as `path:line: severity: message` and never a traceback.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One thing a writer should fix, located in a file (and a line when known)."""

    path: str
    line: int | None
    message: str
    severity: str = "error"  # "error" or "warning"
    column: int | None = None

    def format(self) -> str:
        """`path:line:column: severity: message`, always on one line."""
        where = one_line(self.path)
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.severity}: {one_line(self.message)}"

    def as_error(self) -> Problem:
        return Problem(self.path, self.line, self.message, "error", self.column)


# How a reader of a YAML file reports a problem: (the key's dotted path, message); the
# caller turns it into a `Problem` at that key's line.
Report = Callable[[str, str], None]


class ExplainerError(Exception):
    """Raised with every problem found; the CLI prints them and exits 1."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        # One line per distinct problem: a slug named twice on one line is one mistake.
        self.problems = tuple(sorted(set(problems), key=_problem_order))
        super().__init__("\n".join(p.format() for p in self.problems))

    @classmethod
    def single(cls, path: str | Path, line: int | None, message: str) -> ExplainerError:
        return cls([Problem(str(path), line, message)])


class UsageError(Exception):
    """A command line that does not make sense; the CLI exits 2."""


def one_line(text: str) -> str:
    """`text` with newlines and other unprintable characters written as escapes (`\\n`):
    a value a writer typed (`"taliban\\n"`) never breaks a message into two lines."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def _problem_order(problem: Problem) -> tuple[str, int, int, str]:
    return (problem.path, problem.line or 0, problem.column or 0, problem.message)


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """'; did you mean 'x'?' for the closest candidates, or '' when none is close."""
    close = difflib.get_close_matches(word, sorted(candidates), n=3, cutoff=0.6)
    return "; did you mean " + " or ".join(f"'{c}'" for c in close) + "?" if close else ""


def raise_if_errors(problems: Iterable[Problem]) -> None:
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise ExplainerError(errors)
