"""Parsing files and rendering pages on every core: forked worker processes.

`map_in_workers` parses the content files that changed (a cold build parses
them all); `render_all` renders pages; `Beside` runs one call in a forked
process while this one goes on (a rebuild's feeds and open data, while it
renders its pages on this core).


The graph and the compiled templates are built once in the parent; each
worker is a fork of it, so nothing large is pickled on the way in, and only
each page's bytes and dependencies come back. Results are put back in plan
order, so the output is the same bytes as a one-process render. Where fork
is not the platform's way (or there is one core, or few pages) pages render
in this process. Both take `jobs` (the `--jobs` of a command; None: `workers()`)
and `done`, told how many items are done as they come back (progress).
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable, Sequence
from typing import IO, Any, Generic, TypeVar

from generator.site.spec import PageSpec

MIN_PAGES = 300  # below this, starting workers costs more than it saves
MIN_FILES = 200  # the same, for parsing content files
CHUNK = 100  # items a chunk holds at most, beyond four chunks a worker
T = TypeVar("T")
R = TypeVar("R")
Done = Callable[[int], None]  # told how many more items are done
RenderOne = Callable[[PageSpec], Any]  # one page's result (see Pipeline.render)

# Set in each worker by `_start`, before it renders anything: the worker's own
# copy of the render function (a fork of the parent's, graph included).
_worker: dict[str, Any] = {}


def _start(render: RenderOne) -> None:
    _worker["render"] = render


def _render_chunk(chunk: Sequence[PageSpec]) -> list[tuple[str, Any]]:
    render: RenderOne = _worker["render"]
    return [(spec.output, render(spec)) for spec in chunk]


def workers(jobs: int | None = None) -> int:
    """How many processes render: `jobs` (`--jobs`), else `EXPLAINER_JOBS`, else the cores."""
    if jobs is not None and jobs > 0:
        return jobs
    wanted = os.environ.get("EXPLAINER_JOBS", "")
    if wanted.isdigit() and int(wanted) > 0:
        return int(wanted)
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def render_all(
    specs: Sequence[PageSpec],
    render: Callable[[PageSpec], R],
    *,
    weight: int | None = None,
    jobs: int | None = None,
    done: Done | None = None,
    order: Callable[[str], Any] | None = None,
    each: Callable[[str, R], None] | None = None,
    meanwhile: Callable[[], None] | None = None,
    here: Callable[[PageSpec], bool] | None = None,
) -> list[tuple[str, R]]:
    """(output, what `render` returns) for every spec, in the order of `specs`.

    `weight` is the work in dossier pages' worth (default: one each): a rebuild
    of a few site-wide pages (home, lists) is worth forking for on a large site.
    With `each`, every page's result is given to it here as soon as it is back,
    the pages rendered in the order `order` (a sort key of the output file) says.
    `meanwhile` is called once, here, while the workers render (this process would
    only wait for them); in one process, before the pages are rendered. The pages
    `here` picks are rendered here too, after `meanwhile`, while the workers render
    the others (so what `meanwhile` makes, such as the map's placement, is theirs).
    """
    jobs = workers(jobs)
    work = len(specs) if weight is None else weight
    if jobs < 2 or work < MIN_PAGES or len(specs) < 2 or not sys.platform.startswith("linux"):
        if meanwhile is not None:
            meanwhile()
        ordered = sorted(specs, key=lambda spec: order(spec.output)) if order else specs
        rendered: dict[str, R] = {}
        for spec in ordered:
            rendered[spec.output] = _counted(render, spec, done)
            if each is not None:
                each(spec.output, rendered[spec.output])
        return [(spec.output, rendered[spec.output]) for spec in specs]
    context = multiprocessing.get_context("fork")
    by_output: dict[str, R] = {}
    results: Iterable[list[tuple[str, Any]]]
    picked = here or (lambda spec: False)
    mine = [spec for spec in specs if picked(spec)]
    there = [spec for spec in specs if not picked(spec)] if mine else specs
    with context.Pool(jobs, initializer=_start, initargs=(render,)) as pool:
        if each is None:
            # Interleaved chunks spread the heavy pages (homes, lists) over the workers.
            results = pool.imap(_render_chunk, _interleaved(there, jobs))
        else:
            # Runs of pages with the same order key (at most `size` each), in that order,
            # handed back as each is done.
            ordered = sorted(there, key=lambda spec: order(spec.output)) if order else there
            size = -(-len(ordered) // (jobs * 16))
            results = pool.imap_unordered(_render_chunk, _runs(ordered, order, size))
        if meanwhile is not None:
            meanwhile()
        for spec in mine:
            by_output[spec.output] = _counted(render, spec, done)
            if each is not None:
                each(spec.output, by_output[spec.output])
        for chunk in results:
            for output, page in chunk:
                by_output[output] = page
                if each is not None:
                    each(output, page)
            if done is not None:
                done(len(chunk))
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


def _apply_chunk(chunk: Sequence[Any]) -> tuple[int, int]:
    """Apply to one chunk; its results are left, pickled, in the drop (`_Drop`), and only
    where they are goes back through the pool's pipe."""
    apply: Callable[[Any], Any] = _worker["apply"]
    drop: _Drop = _worker["drop"]
    return drop.put(pickle.dumps([apply(item) for item in chunk], pickle.HIGHEST_PROTOCOL))


def _start_apply(apply: Callable[[Any], Any], drop: _Drop) -> None:
    _worker["apply"], _worker["drop"] = apply, drop


def map_in_workers(
    apply: Callable[[T], R],
    items: Sequence[T],
    *,
    jobs: int | None = None,
    done: Done | None = None,
    meanwhile: Callable[[], None] | None = None,
) -> list[R]:
    """`[apply(item) for item in items]`, spread over forked workers when there are many.

    The results come back pickled, in the order of `items`. `meanwhile` is called
    once, here, while the workers work; in one process, before the items.
    """
    jobs = workers(jobs)
    if jobs < 2 or len(items) < MIN_FILES or not sys.platform.startswith("linux"):
        if meanwhile is not None:
            meanwhile()
        return [_counted(apply, item, done) for item in items]
    chunks = _interleaved(items, jobs)
    context = multiprocessing.get_context("fork")
    out: list[Any] = [None] * len(items)
    with (
        _Drop(context) as drop,
        context.Pool(jobs, initializer=_start_apply, initargs=(apply, drop)) as pool,
    ):
        places = pool.imap(_apply_chunk, chunks)
        if meanwhile is not None:
            meanwhile()
        for index, place in enumerate(places):
            out[index :: len(chunks)] = drop.take(place)
            if done is not None:
                done(len(chunks[index]))
    return out


class _Drop:
    """Where parse workers leave their chunks' results: one anonymous in-memory file
    (no name, no file system: `memfd_create`) made before the fork, and a shared
    count of the bytes placed in it, so each chunk gets a place of its own.

    Through the pool's pipe (64 kB at a time) a worker waited for this process to
    read each chunk's megabyte, and this process read it between its own work
    (compiling the templates); here a worker writes and goes on to its next chunk.
    """

    def __init__(self, context: Any) -> None:
        self._fd = _anonymous_file()
        self._end = context.Value("q", 0)  # the next free offset; its lock places a chunk

    def put(self, data: bytes) -> tuple[int, int]:
        """In a worker: place `data`, and return where (offset, size: the pool sends it back)."""
        with self._end.get_lock():
            offset = self._end.value
            self._end.value = offset + len(data)
        written = 0
        with memoryview(data) as view:
            while written < len(data):  # Linux writes at most about 2 GB at once
                written += os.pwrite(self._fd, view[written:], offset + written)
        return offset, len(data)

    def take(self, place: tuple[int, int]) -> list[Any]:
        """Here: the results a worker left at `place`."""
        offset, size = place
        data = os.pread(self._fd, size, offset)
        if len(data) != size:
            raise OSError("a chunk of parse results was not fully written")
        results: list[Any] = pickle.loads(data)
        return results

    def __enter__(self) -> _Drop:
        return self

    def __exit__(self, *exc: object) -> None:
        os.close(self._fd)


def _anonymous_file() -> int:
    """A file descriptor of a file no other process can open by name: in memory where
    the kernel has memfd_create, else an unnamed temporary file."""
    if hasattr(os, "memfd_create"):
        try:
            return os.memfd_create("explainer-results", os.MFD_CLOEXEC)
        except OSError:
            pass
    with tempfile.TemporaryFile() as stream:
        return os.dup(stream.fileno())


def _interleaved(items: Sequence[T], jobs: int) -> list[list[T]]:
    """Chunks taking every count-th item: four per worker, or about a hundred items each
    on a large site, so that progress moves in steps of a second or less."""
    count = max(jobs * 4, len(items) // CHUNK)
    return [list(items[i::count]) for i in range(count)]


def _counted(apply: Callable[[T], R], item: T, done: Done | None) -> R:
    result = apply(item)
    if done is not None:
        done(1)
    return result


class Beside(Generic[R]):
    """`call()` run in a forked process while this one goes on; `result` waits for it.

    The child leaves its result, pickled, in an unnamed temporary file this process
    made before the fork (never a pipe: a child whose result nobody collects, as when
    the build fails first, exits all the same; and a file without a name is one
    nobody else can write). Where fork is not the platform's way, on one core, or
    when the child fails, `result` makes the call here instead (so an error is
    raised here, as without this).
    """

    def __init__(self, call: Callable[[], R], *, jobs: int | None = None) -> None:
        self._call = call
        self._child: multiprocessing.process.BaseProcess | None = None
        self._file: IO[bytes] | None = None
        if workers(jobs) >= 2 and sys.platform.startswith("linux"):
            self._file = tempfile.TemporaryFile()  # noqa: SIM115 (closed by `result`)
            context = multiprocessing.get_context("fork")
            self._child = context.Process(target=_leave, args=(call, self._file))
            self._child.start()

    def result(self) -> R:
        if self._child is not None and self._file is not None:
            self._child.join()
            failed = self._child.exitcode != 0
            self._child = None
            with self._file as stream:
                if not failed:
                    stream.seek(0)
                    try:
                        value: R = pickle.load(stream)
                    except (OSError, pickle.UnpicklingError, EOFError):
                        pass
                    else:
                        return value
        return self._call()


def _leave(call: Callable[[], Any], stream: IO[bytes]) -> None:
    try:
        pickle.dump(call(), stream, protocol=pickle.HIGHEST_PROTOCOL)
        stream.flush()
    except BaseException:  # made again by the parent, which reports it
        sys.exit(1)
