"""What `explainer serve` serves: the output folder, kept current as files change.

`Watcher` polls `content/`, `templates/` and `site.yaml` (`snapshot`, every
POLL_MS). On a change it writes first the pages that show a changed dossier
(`pipeline.incremental.render_first`), then finishes the rebuild (lists,
status pages, feeds, sitemap, site-wide checks) in a worker thread while the
server answers, as Hugo's fast render mode does; only files whose bytes
changed are written, in place. The search index is kept current in the
background: the search shards whose pages changed (`outputs.search`) are
re-indexed in another worker thread, one at a time, each put in place whole,
so the search page keeps answering from the previous shard meanwhile.

A build error never stops the server: `problems` holds it until it is fixed
(the HTTP side then answers every URL with an error page). Writes go only to
the output folder, which must be a build folder inside the project.
"""

from __future__ import annotations

import asyncio
import gc
import json
import os
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from tornado import ioloop, websocket

from generator.content.config import load_config
from generator.content.load import ParseMemo
from generator.errors import ExplainerError, Problem
from generator.fsguard import FileStamp, file_stamp, walk_files
from generator.outputs.search import SearchShard, index_shards, indexed_digests, plan_search
from generator.pipeline.incremental import (
    SiteState,
    Update,
    apply_update,
    config_and_templates_digest,
    diff_files,
    finish_rebuild,
    rebuild,
    render_first,
    render_text_edit,
    write_files,
)
from generator.pipeline.outdir import check_output_dir
from generator.pipeline.stages import Pipeline
from generator.pipeline.write import write_build
from generator.site.mapplace import PlacementMemo

POLL_MS = 100
# A rebuild's outcome: the new state and its update, or the problems that stopped it.
Outcome = tuple[SiteState, Update] | ExplainerError
WATCHED = ("content", "templates", "site.yaml")
Snapshot = dict[str, FileStamp]


def snapshot(root: Path) -> Snapshot:
    """The stamp of every watched file; a difference means something changed.

    Taken every POLL_MS, so it walks with `os.scandir` (one stat per file).
    """
    out: Snapshot = {}
    for name in WATCHED:
        path = root / name
        entries = walk_files(str(path)) if path.is_dir() else [path] if path.is_file() else []
        for entry in entries:
            try:
                if not entry.is_file():
                    continue
            except OSError:
                continue
            stamp = file_stamp(entry)
            if stamp is not None:
                out[os.fspath(entry)] = stamp
    return dict(sorted(out.items()))


@dataclass
class Watcher:
    """The server's one piece of state: what is served, and the error if the build fails."""

    root: Path
    out: Path
    drafts: bool = False
    state: SiteState | None = None
    problems: tuple[Problem, ...] = ()
    seen: Snapshot = field(default_factory=dict)
    sockets: set[websocket.WebSocketHandler] = field(default_factory=set)
    pipeline: Pipeline | None = None  # kept while site.yaml and templates are unchanged
    bind: str = "127.0.0.1"
    port: int | None = None
    _config_and_templates: str = ""
    search: bool = True
    shards: tuple[SearchShard, ...] = ()  # the search index as last asked for
    indexed: dict[str, tuple[str, str]] = field(default_factory=dict)  # see indexed_digests
    indexer: ThreadPoolExecutor = field(default_factory=lambda: ThreadPoolExecutor(1))
    # The loop serving requests, and the thread that finishes a rebuild meanwhile
    # (without a loop, as in tests, a rebuild finishes before `poll` returns).
    loop: ioloop.IOLoop | None = None
    finisher: ThreadPoolExecutor = field(default_factory=lambda: ThreadPoolExecutor(1))
    finishing: bool = False
    log: Callable[[str], None] = lambda message: print(message, file=sys.stderr, flush=True)

    def start(self) -> None:
        """The first build: a full one, swapped in as the output folder."""
        self.seen = snapshot(self.root)
        try:
            state, update = rebuild(self._pipeline(), None)
            write_build(update.write, self.out, self.root)  # a first build writes every file
            self.state, self.problems, self.shards = state, (), ()
            self.log(f"built {len(update.rendered)} pages into {self.out}")
            self._index_search(state)
        except ExplainerError as exc:
            self.problems = exc.problems
            self._log_problems()

    def poll(self) -> bool:
        """Rebuild if a watched file changed; True if browsers should reload.

        The pages that show a changed dossier are written first: for one file's
        text edit, straight from the last graph (`render_text_edit`), else after
        reloading and relinking the site (`render_first`). The rest of the rebuild
        (lists, status, feeds, sitemap, the site-wide checks, and the check of the
        preview) finishes in a worker thread when the server runs a loop, so the
        edited page is served meanwhile. A change seen while that runs is taken up
        by the next poll.
        """
        if self.finishing:
            return False
        now = snapshot(self.root)
        if now == self.seen:
            return False
        changed = sorted(k for k in now.keys() | self.seen.keys() if now.get(k) != self.seen.get(k))
        self.seen = now
        started = time.perf_counter()
        previous = self.state
        # The cyclic GC would walk the whole kept model while the first pages are made
        # (0.8 s at 5,000 dossiers); it runs in the second half instead.
        collecting = gc.isenabled()
        gc.disable()
        try:
            pipeline = self._pipeline()
            # One file's text edited: its pages straight from the last graph (a preview
            # the rebuild then checks), else the first half of the rebuild.
            preview = (
                render_text_edit(pipeline, previous, Path(changed[0]))
                if previous is not None and len(changed) == 1
                else None
            )
            first = None
            if preview is None and previous is not None:
                first = render_first(pipeline, previous)
            if previous is None or (preview is None and first is None):
                state, update = rebuild(pipeline, previous)
                if previous is None:
                    write_build(update.write, self.out, self.root)
                    self.shards = ()  # a fresh folder: no index yet
                else:
                    check_output_dir(self.out, self.root)
                    apply_update(self.out, update)
                return self._settle((state, update), changed, started)
            check_output_dir(self.out, self.root)
            shown = diff_files(previous.digests, first.rendered.pages if first else preview or {})
            write_files(self.out, shown)
            if shown:
                ms = (time.perf_counter() - started) * 1000
                self.log(f"{_short(changed, self.root)}: wrote {len(shown)} page(s) in {ms:.0f} ms")
        except ExplainerError as exc:
            return self._settle(exc, changed, started)
        finally:
            if collecting:
                gc.enable()

        def finish(previous: SiteState) -> Outcome:
            try:
                begun = first or render_first(pipeline, previous)
                if begun is None:  # site.yaml or a template changed since the preview
                    state, update = rebuild(pipeline, previous)
                else:
                    state, update = finish_rebuild(pipeline, previous, begun)
                apply_update(self.out, update, written=shown)
            except ExplainerError as exc:
                return exc
            except OSError as exc:  # a disk fault: shown like any problem; the next save retries
                where = exc.filename if exc.filename is not None else self.out
                return ExplainerError.single(where, None, str(exc.strerror or exc))
            return state, update

        if self.loop is None:
            return self._settle(finish(previous), changed, started) or bool(shown)
        self.finishing = True
        done = self.loop.run_in_executor(self.finisher, finish, previous)

        def settle(future: asyncio.Future[Outcome]) -> None:
            # Browsers reloaded when the first pages were written: again only if the
            # error page comes or goes, or if the first half wrote nothing.
            try:
                outcome, broken = future.result(), bool(self.problems)
            except Exception as exc:  # not the writer's doing: one line, and serving goes on
                self.finishing = False
                self.log(f"rebuild failed: {type(exc).__name__}: {exc}")
                return
            wrote = self._settle(outcome, changed, started)
            if isinstance(outcome, ExplainerError) or broken or (wrote and not shown):
                self.reload()

        self.loop.add_future(done, settle)
        return bool(shown)

    def _settle(self, outcome: Outcome, changed: list[str], started: float) -> bool:
        """Take a rebuild's outcome as what is served; True if browsers should reload."""
        self.finishing = False
        was_broken = bool(self.problems)
        if isinstance(outcome, ExplainerError):
            self.problems = outcome.problems
            self._log_problems()
            return True
        state, update = outcome
        self.state, self.problems = state, ()
        self._index_search(state)
        ms = (time.perf_counter() - started) * 1000
        what = "full rebuild" if update.full else f"{len(update.changed_keys)} changed key(s)"
        self.log(
            f"{_short(changed, self.root)}: {what}, rendered {len(update.rendered)} page(s), "
            f"wrote {len(update.write)}, deleted {len(update.delete)} in {ms:.0f} ms"
        )
        for name in update.write:
            self.log(f"  wrote {name}")
        for name in update.delete:
            self.log(f"  deleted {name}")
        return bool(update.write or update.delete or was_broken)

    def _index_search(self, state: SiteState) -> None:
        """Queue the re-indexing of the search shards whose pages changed."""
        if not self.search or self.pipeline is None:
            return
        indexed = self.pipeline.indexed_pages(state.graph)
        self.indexed = indexed_digests(
            {name: state.digests[name] for name in indexed},
            self.indexed,
            lambda name: (self.out / name).read_bytes(),  # serve writes its pages in place
        )
        shards = plan_search({name: pair[1] for name, pair in self.indexed.items()})
        before = {shard.name: shard.digest for shard in self.shards}
        todo = {shard.name for shard in shards if before.get(shard.name) != shard.digest}
        if not todo and shards == self.shards:
            return
        self.shards = shards
        self.indexer.submit(self._index, shards, todo)

    def _index(self, shards: tuple[SearchShard, ...], todo: set[str]) -> None:
        started = time.perf_counter()
        try:
            # One process at a low priority: the rebuilds after a save come first.
            index_shards(self.out, shards, todo, jobs=1, background=True)
        except (ExplainerError, OSError) as exc:
            self.log(f"search index not updated: {exc}")
            return
        ms = (time.perf_counter() - started) * 1000
        self.log(f"search: re-indexed {len(todo)} of {len(shards)} shard(s) in {ms:.0f} ms")

    def _pipeline(self) -> Pipeline:
        """The pipeline for the project as it is now; its compiled templates are reused."""
        config = load_config(self.root)
        digest = config_and_templates_digest(config)
        if (
            self.pipeline is None
            or self.pipeline.config != config
            or self._config_and_templates != digest
        ):
            old = self.pipeline.memo if self.pipeline and self.pipeline.memo else ParseMemo()
            memo = ParseMemo(previous=old.current, merged_previous=old.merged_current)
            placements = self.pipeline.placements if self.pipeline else PlacementMemo()
            self.pipeline = Pipeline(config, drafts=self.drafts, memo=memo, placements=placements)
            self._config_and_templates = digest
        elif self.pipeline.memo is not None:
            self.pipeline.memo.roll()  # files unchanged since the last rebuild are not parsed again
        return self.pipeline

    def _log_problems(self) -> None:
        for problem in self.problems:
            self.log(problem.format())
        self.log("build failed: the browser shows these errors until they are fixed")

    def reload(self) -> None:
        message = json.dumps({"command": "reload", "path": "*", "liveCSS": True})
        for socket in list(self.sockets):
            try:
                socket.write_message(message)
            except websocket.WebSocketClosedError:
                self.sockets.discard(socket)


def _short(paths: list[str], root: Path) -> str:
    names = [str(Path(p).relative_to(root)) if Path(p).is_relative_to(root) else p for p in paths]
    return ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
