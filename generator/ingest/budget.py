"""A time budget for analysing one article: the backstop behind the pattern check.

`backtracking` refuses the patterns of site.yaml that can take exponential
time, and no pattern sees more than one line of `text.MAX_LINE_CHARS`; a
pattern can still be slow but finite: `.*foo.*bar` takes half a second on
one line of `foofoo…`, `(?:.*foo){3}.*bar` far longer. So the analysis of one
article gets ARTICLE_SECONDS of wall-clock time. Python's `re` checks for
signals while it matches, so an alarm stops even a match in progress. The
budget needs the main thread (where signals arrive) and an alarm nobody else
has set; otherwise it does nothing.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

ARTICLE_SECONDS = 60.0


class OverBudget(BaseException):
    """Raised in the middle of an analysis whose time is up: a BaseException, so that
    no `except Exception` on the way swallows it."""


@contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Raise OverBudget in the block once `seconds` have passed."""
    usable = (
        hasattr(signal, "SIGALRM")
        and threading.current_thread() is threading.main_thread()
        and signal.getitimer(signal.ITIMER_REAL)[0] == 0
    )
    if not usable:
        yield
        return

    def expire(signum: int, frame: FrameType | None) -> None:
        raise OverBudget

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
