"""The build cache (`.cache/` beside `public/`): what the last build made, for the next.

`build.pickle` holds the state of the last build (its graph, the digest and
dependencies of every output file, the ids on every page, its search index)
and a fingerprint of every input; the parsed content files (by a digest of
their bytes) and merged dossiers are kept in parts beside it
(`pipeline.cache_parts`), which it names. So the next build parses only
changed files, renders only the pages a change reaches and indexes only the
search shards it changes, and saves again only the parts of the memo that
changed. `summary.json` is that build in brief, so that a build with nothing
to do stops at it (`pipeline.summary` reads it). This module reads the pickle
and its parts and writes them all, the summary last.

Trust: the cache is a pickle, and unpickling runs whatever the file says, so
it is sealed with this user's key (`generator.sealed`) and unpickled only when
its MAC checks out: a cache a repository committed, or anyone planted, is not
this user's and is discarded unread (the build starts cold). A sealed cache
is also keyed by a fingerprint of the generator's own code and the Python
version; one written by any other code is discarded too. `.cache/` is used
only when it is a real folder of the user's, never through a symlink.
"""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import os
import pickle
import sys
import tempfile
import threading
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from generator.content.load import ParseMemo
from generator.content.model import Dossier
from generator.errors import Problem
from generator.gcpause import gc_paused
from generator.outputs.search import SearchIndex, SearchShard
from generator.pipeline.cache_parts import (
    PART_COUNT,
    PARTS_DIR,
    Part,
    Planned,
    plan_parts,
    read_parts,
    sweep_parts,
    to_write,
    write_parts,
)
from generator.pipeline.incremental import SiteState
from generator.pipeline.session import LastBuild, Rebuilt
from generator.pipeline.stages import Pipeline
from generator.pipeline.summary import (
    CACHE_DIR,
    SUMMARY_FILE,
    Summary,
    code_fingerprint,
)
from generator.pipeline.swap import alive
from generator.sealed import (
    BUILD_CACHE,
    BUILD_SUMMARY,
    dump_sealed,
    private_folder,
    read_sealed,
    user_key,
    write_private,
    write_sealed,
)
from generator.site.map.place import PlacementMemo

CACHE_FILE = "build.pickle"
FORK_ABOVE = PART_COUNT // 8  # parts to write above which a process pickles, not a thread
TEMPLATES_DIR = "templates"  # compiled templates (Jinja's bytecode cache, keyed by source)


@dataclass(frozen=True)
class BuildCache:
    """What a build keeps for the next: the inputs it saw, the output it wrote, its memos."""

    code: str  # fingerprint of the generator's code: a cache of other code is not used
    input_stamps: str  # digest of every input file's stamp and the build's options
    out: str  # the output folder the build was written to
    search: tuple[SearchShard, ...]  # the search index's shards, as written (() if none)
    indexed: dict[str, tuple[str, str]]  # indexed page → its bytes' and its indexed digest
    state: SiteState
    memo: ParseMemo  # parsed files and merged dossiers, for the next build
    placements: PlacementMemo  # the map's last placements
    warnings: tuple[Problem, ...]
    parts: tuple[Part | None, ...] = ()  # the memo's parts as read (those unchanged stay)

    @classmethod
    def of(
        cls,
        rebuilt: Rebuilt,
        pipeline: Pipeline,
        input_stamps: str,
        out: Path,
        last: BuildCache | None = None,
    ) -> BuildCache:
        """The cache of a build: what it published, and what its pipeline parsed and placed;
        the parts of `last` (the cache it started from) whose entries it kept stay as read."""
        memo = pipeline.memo or ParseMemo()
        return cls(
            code_fingerprint(),
            input_stamps,
            str(out),
            rebuilt.search.index.shards,
            dict(rebuilt.search.index.pages),
            rebuilt.state,
            ParseMemo(current=memo.current, merged_current=memo.merged_current),
            pipeline.placements,
            rebuilt.update.warnings,
            last.parts if last is not None else (),
        )

    @property
    def last(self) -> LastBuild:
        """The build this cache describes (published to `out`)."""
        return LastBuild(self.state, SearchIndex(self.search, self.indexed))

    def summary(self) -> Summary:
        pages = sum(1 for name in self.state.digests if name.endswith(".html"))
        return Summary(self.code, self.input_stamps, self.out, pages, self.warnings)


@dataclass(frozen=True)
class _Head:
    """What `build.pickle` holds: the cache but its memo, which is in the parts it names,
    and with its graph's model bare of dossiers: they are the memo's merged ones
    (`slugs`, in the model's order) but for those the build made anew (`own`: drafts
    published with --drafts). Whatever else a `BuildCache` holds is kept as it is."""

    cache: BuildCache  # its memo empty, its graph's model without dossiers
    parts: tuple[str | None, ...]  # the memo's parts' file names (None: an empty part)
    slugs: tuple[str, ...]  # the model's dossiers, in its order
    own: dict[str, Dossier]  # those that are not the memo's merged dossier of their slug

    @classmethod
    def of(cls, cached: BuildCache, parts: tuple[str | None, ...]) -> _Head:
        graph = cached.state.graph
        dossiers = graph.model.dossiers
        merged = cached.memo.merged_current
        own = {
            slug: dossier
            for slug, dossier in dossiers.items()
            if (hit := merged.get(slug)) is None or hit[1] is not dossier
        }
        bare = replace(graph, model=replace(graph.model, dossiers={}))
        state = replace(cached.state, graph=bare)
        return cls(
            replace(cached, state=state, memo=ParseMemo(), parts=()), parts, tuple(dossiers), own
        )

    def whole(self, memo: ParseMemo, parts: tuple[Part | None, ...]) -> BuildCache | None:
        """The cache whole again, with the memo its parts held; None if they do not fit."""
        merged = memo.merged_current
        if any(slug not in self.own and slug not in merged for slug in self.slugs):
            return None
        dossiers = {s: self.own[s] if s in self.own else merged[s][1] for s in self.slugs}
        bare = self.cache.state.graph
        graph = replace(bare, model=replace(bare.model, dossiers=dossiers))
        state = replace(self.cache.state, graph=graph)
        return replace(self.cache, state=state, memo=memo, parts=parts)


def reusable(cached: BuildCache | None) -> tuple[ParseMemo, PlacementMemo]:
    """What a build reuses of the last one's work, whatever its output folder holds: the
    parse memo (what the last build used is what this one may reuse) and the placements."""
    if cached is None:
        return ParseMemo(), PlacementMemo()
    cached.memo.roll()
    return cached.memo, cached.placements


def read_cache(root: Path) -> BuildCache | None:
    """The last build's cache, or None when it is missing, not sealed by this user,
    unreadable or not this code's."""
    folder = private_folder(root, CACHE_DIR, create=False)
    if folder is None:
        return None
    key = user_key()
    data = read_sealed(folder / CACHE_FILE, key, BUILD_CACHE)
    if data is None or key is None:
        return None  # never unpickled: it may be anyone's
    # Unpickling makes a few million objects that all live on: the cyclic GC would
    # walk them again and again as they come (0.3 of 0.4 s at N=1000).
    try:
        with gc_paused():
            head = pickle.loads(data)
            if not isinstance(head, _Head) or head.cache.code != code_fingerprint():
                return None
            parts = private_folder(root, CACHE_DIR, PARTS_DIR, create=False)
            read = read_parts(parts, head.parts, key) if parts is not None else None
            if read is None:
                return None
            return head.whole(*read)
    except Exception:  # sealed by this user, yet unreadable (old classes): discarded
        return None


class CacheWriter:
    """The cache, pickled into a temporary file while the build writes its output and
    Pagefind indexes it: by a forked process when much of the memo is to be pickled
    (a cold build's 15 MB at N=1000: a thread would hold the GIL the build's own
    writing needs; a fork shares the objects without copying them), else by a
    thread (an edit's head and a part or two, ~20 ms: forking a process that holds
    the whole cache cost about 50 ms more CPU than that, in page-table copies and
    copy-on-write faults on both sides).

    Starting it discards the last cache: a build killed from then on leaves none to
    trust. `commit` puts it in place once the output is, then the build's summary
    (`pipeline.summary`); `abandon` drops it, so a cache never describes an output
    that was not swapped in. A cache that cannot be
    written (no key, `.cache` not the user's own folder) is only a slower next
    build. Where fork is not the platform's way, a thread pickles it all.
    """

    def __init__(self, root: Path, cached: BuildCache | None) -> None:
        self._root, self._summary = root, cached.summary() if cached is not None else None
        self._folder = root / CACHE_DIR
        self._temp: str | None = None
        self._child: multiprocessing.process.BaseProcess | None = None
        self._thread: threading.Thread | None = None
        self._failed = False
        if cached is None:
            return  # a build without the cache neither reads nor writes it
        discard_cache(root)
        key = user_key()
        parts = private_folder(root, CACHE_DIR, PARTS_DIR)
        if key is None or parts is None:
            return
        try:
            write_private(self._folder / ".gitignore", b"*\n")
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
        planned = plan_parts(cached.memo, cached.parts)
        args = (self._temp, parts, cached, planned, key)
        if to_write(planned) > FORK_ABOVE and sys.platform.startswith("linux"):
            context = multiprocessing.get_context("fork")
            self._child = context.Process(target=_pickle_in_child, args=args)
            self._child.start()
        else:
            self._thread = threading.Thread(target=self._pickle, args=args, name="cache")
            self._thread.start()

    def _pickle(self, *args: Any) -> None:
        self._failed = not _pickle_into(*args)

    def _wait(self) -> None:
        if self._child is not None:
            self._child.join()
            self._failed = self._child.exitcode != 0
        if self._thread is not None:
            self._thread.join()

    def commit(self) -> None:
        self._wait()
        if self._failed:
            self._drop_file()
        if self._temp is not None:
            try:
                os.replace(self._temp, self._folder / CACHE_FILE)
            except OSError:
                self._drop_file()
        if self._summary is not None:
            _write_summary(self._root, self._summary)

    def abandon(self) -> None:
        self._wait()
        self._drop_file()

    def _drop_file(self) -> None:
        if self._temp is not None:
            with contextlib.suppress(OSError):
                os.unlink(self._temp)
            self._temp = None


def _pickle_into(
    path: str, parts: Path, cached: BuildCache, planned: tuple[Planned, ...], key: bytes
) -> bool:
    """The memo's changed parts written into `parts`, then the rest of the cache, naming
    them, into `path` (which `commit` puts in place); older parts swept meanwhile: the
    last cache was discarded when this one was begun, and none but this names a part."""
    try:
        vocabulary = cached.state.graph.model.config.vocabulary
        names = write_parts(parts, planned, key, vocabulary)
        head = _Head.of(cached, names)
        with open(path, "wb") as stream:  # mkstemp's own new file
            dump_sealed(
                stream,
                key,
                BUILD_CACHE,
                lambda out: pickle.dump(head, out, protocol=pickle.HIGHEST_PROTOCOL),
            )
    except Exception:  # a full disk, or an object that cannot be kept: no cache, no harm
        return False
    sweep_parts(parts, names)
    return True


def _pickle_in_child(*args: Any) -> None:
    if not _pickle_into(*args):
        sys.exit(1)  # the exit code tells `commit` to drop the file


def _write_summary(root: Path, summary: Summary) -> None:
    """Written after the pickle it sums up, and removed before it, so it never outlives it."""
    folder, key = private_folder(root, CACHE_DIR), user_key()
    if folder is None or key is None:
        return
    try:
        text = json.dumps(asdict(summary), sort_keys=True).encode("utf-8")
        write_sealed(folder / SUMMARY_FILE, text, key, BUILD_SUMMARY)
    except OSError:
        return


def discard_cache(root: Path) -> None:
    folder = private_folder(root, CACHE_DIR, create=False)
    if folder is None:
        return  # nothing of ours there, and nothing to delete through a link
    try:
        (folder / SUMMARY_FILE).unlink(missing_ok=True)
        (folder / CACHE_FILE).unlink(missing_ok=True)
    except OSError:
        return
