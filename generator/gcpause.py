"""Python's cyclic garbage collector paused around work that makes many long-lived objects.

Importing the pipeline, loading the content and unpickling the build cache each make
hundreds of thousands to millions of objects that live on, and make few cycles; the
collector, run as they come, walked them again and again. `gc_paused` pauses it for
such a block. With `freeze` (a one-shot build: the objects live as long as the process),
what the block made is frozen before the collector runs again: else its first
collection walked all of it at once.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused(*, freeze: bool = False) -> Iterator[None]:
    """The cyclic GC paused for the block (as it was, after); with `freeze`, all that is
    tracked then is frozen out of it (`gc.freeze`), the block's objects included."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        if collecting:
            gc.enable()
