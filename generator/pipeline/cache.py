"""The build cache (`.cache/build.pickle` beside `public/`): what the last build made.

It holds the parsed content files (by a digest of their bytes), the state of
the last build (its graph, the digest and dependencies of every output file,
the ids on every page) and a fingerprint of every input, so the next build
parses only changed files, renders only the pages a change reaches, and does
nothing at all when nothing changed.

Trust: the cache is keyed by a fingerprint of the generator's own code and
the Python version; one written by any other code, or unreadable, is
discarded and the build starts cold. It is a pickle, so like the `.venv` it
sits beside, it must be this machine's own: it is git-ignored, and CI should
not restore it from a source it does not trust (or should build `--no-cache`).
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import pickle
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from generator.content.load import ParseMemo
from generator.errors import Problem
from generator.outputs.search import SearchShard
from generator.pipeline.incremental import SiteState
from generator.pipeline.summary import CACHE_DIR, SUMMARY_FILE, code_fingerprint
from generator.pipeline.swap import alive
from generator.site.mapplace import PlacementMemo

CACHE_FILE = "build.pickle"
TEMPLATES_DIR = "templates"  # compiled templates (Jinja's bytecode cache, keyed by source)


@dataclass(frozen=True)
class BuildCache:
    code: str  # fingerprint of the generator's code: a cache of other code is not used
    inputs: str  # fingerprint of every input file and of the build's options
    out: str  # the output folder the build was written to
    search: tuple[SearchShard, ...]  # the search index's shards, as written (() if none)
    indexed: dict[str, tuple[str, str]]  # indexed page → its bytes' and its indexed digest
    state: SiteState
    memo: ParseMemo  # parsed files and merged dossiers, for the next build
    placements: PlacementMemo  # the map's last placements
    warnings: tuple[Problem, ...]


def cache_path(root: Path) -> Path:
    return root / CACHE_DIR / CACHE_FILE


def read_cache(root: Path) -> BuildCache | None:
    """The last build's cache, or None when it is missing, unreadable or not this code's."""
    # Unpickling makes a few million objects that all live on: the cyclic GC would
    # walk them again and again as they come (0.3 of 0.4 s at N=1000).
    collecting = gc.isenabled()
    gc.disable()
    try:
        with cache_path(root).open("rb") as stream:
            cached = pickle.load(stream)
    except Exception:  # any unreadable cache (truncated, foreign, old classes) is discarded
        return None
    finally:
        if collecting:
            gc.enable()
    if not isinstance(cached, BuildCache) or cached.code != code_fingerprint():
        return None
    return cached


class CacheWriter:
    """The cache, pickled into a temporary file by a forked process while the build
    writes its output and Pagefind indexes it (a thread would hold the GIL the
    build's own writing needs; a fork shares the objects without copying them).

    `commit` puts it in place once the output is; `abandon` drops it, so a cache
    never describes an output that was not swapped in. A cache that cannot be
    written is only a slower next build. Where fork is not the platform's way,
    the cache is pickled at once, in this process.
    """

    def __init__(self, root: Path, cached: BuildCache) -> None:
        self._folder = root / CACHE_DIR
        self._temp: str | None = None
        self._child: multiprocessing.process.BaseProcess | None = None
        try:
            self._folder.mkdir(exist_ok=True)
            (self._folder / ".gitignore").write_text("*\n", encoding="utf-8")
            for leftover in self._folder.glob(".build-*"):  # of builds killed while writing
                pid = leftover.name.split("-")[1]
                if not pid.isdigit() or not alive(int(pid)):
                    leftover.unlink(missing_ok=True)
            prefix = f".build-{os.getpid()}-"
            handle, self._temp = tempfile.mkstemp(prefix=prefix, dir=self._folder)
            os.close(handle)
        except OSError:
            self._drop_file()
            return
        if sys.platform.startswith("linux"):
            context = multiprocessing.get_context("fork")
            self._child = context.Process(target=_pickle_in_child, args=(self._temp, cached))
            self._child.start()
        elif not _pickle_into(self._temp, cached):
            self._drop_file()

    def commit(self) -> None:
        if self._child is not None:
            self._child.join()
            if self._child.exitcode != 0:
                self._drop_file()
        if self._temp is not None:
            try:
                os.replace(self._temp, self._folder / CACHE_FILE)
            except OSError:
                self._drop_file()

    def abandon(self) -> None:
        if self._child is not None:
            self._child.join()
        self._drop_file()

    def _drop_file(self) -> None:
        if self._temp is not None:
            with contextlib.suppress(OSError):
                os.unlink(self._temp)
            self._temp = None


def _pickle_into(path: str, cached: BuildCache) -> bool:
    try:
        with open(path, "wb") as stream:
            pickle.dump(cached, stream, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # a full disk, or an object that cannot be kept: no cache, no harm
        return False
    return True


def _pickle_in_child(path: str, cached: BuildCache) -> None:
    if not _pickle_into(path, cached):
        sys.exit(1)  # the exit code tells `commit` to drop the file


def discard_cache(root: Path) -> None:
    try:
        (root / CACHE_DIR / SUMMARY_FILE).unlink(missing_ok=True)
        cache_path(root).unlink(missing_ok=True)
    except OSError:
        return
