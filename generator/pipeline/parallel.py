"""Parsing files and rendering pages on every core: forked worker processes.

`map_in_workers` parses the content files that changed (a cold build parses
them all); `render_all` renders pages.


The graph and the compiled templates are built once in the parent; each
worker is a fork of it, so nothing large is pickled on the way in, and only
each page's bytes and dependencies come back. Results are put back in plan
order, so the output is the same bytes as a one-process render. Where fork
is not the platform's way (or there is one core, or few pages) pages render
in this process.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

from generator.site.spec import PageSpec

MIN_PAGES = 300  # below this, starting workers costs more than it saves
MIN_FILES = 200  # the same, for parsing content files
T = TypeVar("T")
R = TypeVar("R")
RenderOne = Callable[[PageSpec], Any]  # one page's result (see Pipeline.render)

# Set in each worker by `_start`, before it renders anything: the worker's own
# copy of the render function (a fork of the parent's, graph included).
_worker: dict[str, Any] = {}


def _start(render: RenderOne) -> None:
    _worker["render"] = render


def _render_chunk(chunk: Sequence[PageSpec]) -> list[tuple[str, Any]]:
    render: RenderOne = _worker["render"]
    return [(spec.output, render(spec)) for spec in chunk]


def workers() -> int:
    """How many processes render: `EXPLAINER_JOBS`, else the machine's cores."""
    wanted = os.environ.get("EXPLAINER_JOBS", "")
    if wanted.isdigit() and int(wanted) > 0:
        return int(wanted)
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def render_all(
    specs: Sequence[PageSpec],
    render: Callable[[PageSpec], R],
    *,
    weight: int | None = None,
    order: Callable[[str], Any] | None = None,
    each: Callable[[str, R], None] | None = None,
) -> list[tuple[str, R]]:
    """(output, what `render` returns) for every spec, in the order of `specs`.

    `weight` is the work in dossier pages' worth (default: one each): a rebuild
    of a few site-wide pages (home, lists) is worth forking for on a large site.
    With `each`, every page's result is given to it here as soon as it is back,
    the pages rendered in the order `order` (a sort key of the output file) says.
    """
    jobs = workers()
    work = len(specs) if weight is None else weight
    if jobs < 2 or work < MIN_PAGES or len(specs) < 2 or not sys.platform.startswith("linux"):
        ordered = sorted(specs, key=lambda spec: order(spec.output)) if order else specs
        done: dict[str, R] = {}
        for spec in ordered:
            done[spec.output] = render(spec)
            if each is not None:
                each(spec.output, done[spec.output])
        return [(spec.output, done[spec.output]) for spec in specs]
    context = multiprocessing.get_context("fork")
    by_output: dict[str, R] = {}
    results: Iterable[list[tuple[str, Any]]]
    with context.Pool(jobs, initializer=_start, initargs=(render,)) as pool:
        if each is None:
            # Interleaved chunks spread the heavy pages (homes, lists) over the workers.
            count = jobs * 4
            chunks = [list(specs[i::count]) for i in range(count)]
            results = pool.map(_render_chunk, chunks)
        else:
            # Runs of pages with the same order key (at most `size` each), in that order,
            # handed back as each is done.
            ordered = sorted(specs, key=lambda spec: order(spec.output)) if order else specs
            size = -(-len(ordered) // (jobs * 16))
            chunks = _runs(ordered, order, size)
            results = pool.imap_unordered(_render_chunk, chunks)
        for chunk in results:
            for output, page in chunk:
                by_output[output] = page
                if each is not None:
                    each(output, page)
    return [(spec.output, by_output[spec.output]) for spec in specs]


def _runs(
    specs: Sequence[PageSpec], order: Callable[[str], Any] | None, size: int
) -> list[list[PageSpec]]:
    """`specs` cut where the order key changes, and into runs of at most `size` pages."""
    runs: list[list[PageSpec]] = []
    last: Any = object()
    for spec in specs:
        key = order(spec.output) if order else None
        if not runs or key != last or len(runs[-1]) >= size:
            runs.append([])
        runs[-1].append(spec)
        last = key
    return runs


def _apply_chunk(chunk: Sequence[Any]) -> list[Any]:
    apply: Callable[[Any], Any] = _worker["apply"]
    return [apply(item) for item in chunk]


def _start_apply(apply: Callable[[Any], Any]) -> None:
    _worker["apply"] = apply


def map_in_workers(apply: Callable[[T], R], items: Sequence[T]) -> list[R]:
    """`[apply(item) for item in items]`, spread over forked workers when there are many.

    The results come back pickled, in the order of `items`.
    """
    jobs = workers()
    if jobs < 2 or len(items) < MIN_FILES or not sys.platform.startswith("linux"):
        return [apply(item) for item in items]
    count = jobs * 4
    chunks = [list(items[i::count]) for i in range(count)]
    context = multiprocessing.get_context("fork")
    with context.Pool(jobs, initializer=_start_apply, initargs=(apply,)) as pool:
        results = pool.map(_apply_chunk, chunks)
    out: list[Any] = [None] * len(items)
    for i, chunk_results in enumerate(results):
        out[i::count] = chunk_results
    return out
