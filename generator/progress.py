"""Progress on long work: the stage, n of N and the time elapsed, on a terminal.

A command makes one reporter (`for_terminal`) and hands it to what it runs:
the pipeline's stages, the search indexer, the ingester. They call
`stage(name, total)` when a stage begins and `advance(count)` as its items
are done; `Progress` itself, the quiet reporter (`SILENT`), does nothing.

`TerminalProgress` repaints one line of stderr in place (`\\r`), from the
calling thread only: no thread of its own, so nothing of it runs while the
pipeline forks its workers, and nothing is painted between two calls. The
line appears only once the work has run `after` seconds (2 by default: a
build that is quick says nothing more than before), and is erased when the
work ends, before the command prints its results. A command shows progress
only when stderr is a terminal and the writer did not ask for quiet.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from types import TracebackType

AFTER = 2.0  # seconds of work before progress shows
AFTER_VARIABLE = "EXPLAINER_PROGRESS_AFTER"  # another delay, in seconds (0: at once)
REPAINT = 0.1  # seconds between two repaints of the same stage


class Progress:
    """A reporter that reports nothing: the base of every reporter, and `SILENT`."""

    def stage(self, name: str, total: int | None = None) -> None:
        """A stage begins: `name` (what is being done), `total` items (None: not counted)."""

    def advance(self, count: int = 1) -> None:
        """`count` more items of the current stage are done."""

    def close(self) -> None:
        """The work is over: whatever was shown is erased."""

    def __enter__(self) -> Progress:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()


SILENT = Progress()


class TerminalProgress(Progress):
    """One repainted line on the terminal at file descriptor `fd`, shown after `after` s."""

    def __init__(
        self,
        fd: int,
        *,
        after: float = AFTER,
        width: int = 80,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._fd = fd
        self._after = after
        self._width = max(20, width)
        self._clock = clock
        self._start = clock()
        self._name = ""
        self._total: int | None = None
        self._done = 0
        self._shown = 0  # characters on the line now (0: nothing shown)
        self._painted = float("-inf")  # when the line was last painted
        self._broken = False  # the terminal went away: paint no more

    def stage(self, name: str, total: int | None = None) -> None:
        self._name, self._total, self._done = name, total, 0
        self._paint(self._clock())

    def advance(self, count: int = 1) -> None:
        self._done += count
        now = self._clock()
        if now - self._painted >= REPAINT:
            self._paint(now)

    def close(self) -> None:
        if self._shown:
            self._write("\r" + " " * self._shown + "\r")
            self._shown = 0

    def line(self, now: float) -> str:
        """What the line says at `now`: the stage, n of N when counted, the time elapsed."""
        count = "" if self._total is None else f" {min(self._done, self._total)} of {self._total}"
        return f"{self._name}{count} ({elapsed(now - self._start)})"[: self._width - 1]

    def _paint(self, now: float) -> None:
        if now - self._start < self._after or not self._name:
            return
        text = self.line(now)
        # Spaces over what is left of a longer line: no terminal escape codes needed.
        self._write("\r" + text + " " * max(0, self._shown - len(text)))
        self._shown = len(text)
        self._painted = now

    def _write(self, text: str) -> None:
        if self._broken:
            return
        try:
            os.write(self._fd, text.encode("utf-8", "replace"))
        except OSError:  # the terminal closed (a hung-up ssh session): go on without it
            self._broken = True


def elapsed(seconds: float) -> str:
    whole = int(seconds)
    return f"{whole} s" if whole < 60 else f"{whole // 60} min {whole % 60:02d} s"


def for_terminal(*, quiet: bool = False) -> Progress:
    """The reporter for a command: on stderr when it is a terminal, else (or `quiet`) SILENT."""
    try:
        fd = sys.stderr.fileno()
    except (AttributeError, OSError, ValueError):  # replaced by a stream with no file
        return SILENT
    if quiet or not os.isatty(fd):
        return SILENT
    try:
        width = os.get_terminal_size(fd).columns
    except OSError:
        width = 0
    return TerminalProgress(fd, after=_after(), width=width or 80)


def _after() -> float:
    given = os.environ.get(AFTER_VARIABLE, "").strip()
    try:
        value = float(given)
    except ValueError:
        return AFTER
    return value if value >= 0 else AFTER
