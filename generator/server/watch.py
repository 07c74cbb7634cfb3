"""What `explainer serve` serves: the output folder, kept current as files change.

`Watcher` polls `content/`, `templates/` and `site.yaml` (`snapshot`, every
POLL_MS). On a change it runs a rebuild session (`pipeline.session`): the
pages that show the change are written first (`RebuildSession.first`), then
the rebuild finishes (lists, status pages, feeds, sitemap, site-wide checks)
in a worker thread while the server answers, as Hugo's fast render mode
does; only files whose bytes changed are written, in place
(`pipeline.output.write_in_place`). The search shards whose pages changed
are re-indexed in another worker thread, one at a time, each put in place
whole, so the search page keeps answering from the previous shard meanwhile.
Then the browsers are told to reload.

A build error never stops the server: `problems` holds it until it is fixed
(the HTTP side then answers every URL with an error page). Writes go only to
the output folder, which must be a build folder inside the project.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import time
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from tornado import ioloop, websocket

from generator.content.config import load_config
from generator.content.load import ParseMemo
from generator.errors import ExplainerError, Problem
from generator.fsguard import FileStamp, file_stamp, walk_files
from generator.pipeline.incremental import config_and_templates_digest
from generator.pipeline.outdir import check_output_dir
from generator.pipeline.output import write_in_place, write_whole
from generator.pipeline.session import LastBuild, RebuildSession, Rebuilt
from generator.pipeline.spool import OutputData
from generator.pipeline.stages import Pipeline
from generator.site.map.place import PlacementMemo

POLL_MS = 100
# A rebuild's outcome: the rebuild, published, or the problems that stopped it.
Outcome = Rebuilt | ExplainerError
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
    """The server's one piece of state: what is published, and the error if the build fails."""

    root: Path
    out: Path
    drafts: bool = False
    last: LastBuild | None = None  # what is published, and its search index
    problems: tuple[Problem, ...] = ()
    seen: Snapshot = field(default_factory=dict)
    sockets: set[websocket.WebSocketHandler] = field(default_factory=set)
    pipeline: Pipeline | None = None  # kept while site.yaml and templates are unchanged
    bind: str = "127.0.0.1"
    port: int | None = None
    _config_and_templates: str = ""
    search: bool = True
    jobs: int | None = None  # processes a full rebuild renders with (`--jobs`; None: every core)
    indexer: ThreadPoolExecutor = field(default_factory=lambda: ThreadPoolExecutor(1))
    # The loop serving requests, and the thread that finishes a rebuild meanwhile
    # (without a loop, as in tests, a rebuild finishes before `poll` returns).
    loop: ioloop.IOLoop | None = None
    finisher: ThreadPoolExecutor = field(default_factory=lambda: ThreadPoolExecutor(1))
    finishing: bool = False
    log: Callable[[str], None] = lambda message: print(message, file=sys.stderr, flush=True)

    def start(self) -> None:
        """The first build: a full one, published whole."""
        self.seen = snapshot(self.root)
        try:
            outcome = self._finish(RebuildSession(self._pipeline(), None, search=self.search), {})
        except ExplainerError as exc:  # site.yaml does not load
            outcome = exc
        self._settle(outcome)
        if isinstance(outcome, Rebuilt):
            self.log(f"built {len(outcome.update.rendered)} pages into {self.out}")

    def poll(self) -> bool:
        """Rebuild if a watched file changed; True if browsers should reload.

        The pages that show the change are written first; the rest of the rebuild
        finishes in a worker thread when the server runs a loop, so the edited page
        is served meanwhile. A change seen while that runs is taken up by the next
        poll. A whole rebuild (site.yaml or a template changed) is done here: it
        forks render workers, which a process should do from its main thread.
        """
        if self.finishing:
            return False
        changed = self._changed()
        if not changed:
            return False
        started = time.perf_counter()
        try:
            session = RebuildSession(self._pipeline(), self.last, search=self.search)
            shown = session.first([Path(name) for name in changed])
            if shown:
                check_output_dir(self.out, self.root)
                write_in_place(self.out, shown)
                ms = (time.perf_counter() - started) * 1000
                self.log(f"{_short(changed, self.root)}: wrote {len(shown)} page(s) in {ms:.0f} ms")
        except ExplainerError as exc:
            return self._settle(exc, changed, started)
        if shown is None or self.loop is None:
            wrote = self._settle(self._finish(session, shown or {}), changed, started)
            return wrote or bool(shown)
        self.finishing = True
        done = self.loop.run_in_executor(self.finisher, self._finish, session, shown)
        self.loop.add_future(done, partial(self._settled, changed, started, bool(shown)))
        return bool(shown)

    def _changed(self) -> list[str]:
        """The watched files changed since the last look."""
        now = snapshot(self.root)
        changed = sorted(k for k in now.keys() | self.seen.keys() if now.get(k) != self.seen.get(k))
        self.seen = now
        return changed

    def _finish(self, session: RebuildSession, shown: Mapping[str, OutputData]) -> Outcome:
        """The rest of the rebuild, published: in place, or whole for a first build."""
        try:
            rebuilt = session.finish(self.out)
            update = rebuilt.update
            if session.last is None:
                write_whole(self.out, update.write)  # a first build writes every file
            else:
                check_output_dir(self.out, self.root)
                write_in_place(self.out, update.write, update.delete, written=shown)
        except ExplainerError as exc:
            return exc
        except OSError as exc:  # a disk fault: shown like any problem; the next save retries
            where = exc.filename if exc.filename is not None else self.out
            return ExplainerError.single(where, None, str(exc.strerror or exc))
        return rebuilt

    def _settled(
        self, changed: list[str], started: float, shown: bool, future: asyncio.Future[Outcome]
    ) -> None:
        """A rebuild finished in the worker thread: serve it, and reload the browsers
        again only if the error page comes or goes, or if the first half wrote nothing."""
        try:
            outcome, broken = future.result(), bool(self.problems)
        except Exception as exc:  # not the writer's doing: one line, and serving goes on
            self.finishing = False
            self.log(f"rebuild failed: {type(exc).__name__}: {exc}")
            return
        wrote = self._settle(outcome, changed, started)
        if isinstance(outcome, ExplainerError) or broken or (wrote and not shown):
            self.reload()

    def _settle(
        self, outcome: Outcome, changed: list[str] | None = None, started: float = 0.0
    ) -> bool:
        """Take a rebuild's outcome as what is served; True if browsers should reload."""
        self.finishing = False
        was_broken = bool(self.problems)
        if isinstance(outcome, ExplainerError):
            self.problems = outcome.problems
            self._log_problems()
            return True
        self.last, self.problems = outcome.last, ()
        if self.search and outcome.search.changed:
            self.indexer.submit(self._index, outcome)
        if changed is not None:
            self._log_rebuild(outcome, changed, started)
        update = outcome.update
        return bool(update.write or update.delete or was_broken)

    def _log_rebuild(self, rebuilt: Rebuilt, changed: list[str], started: float) -> None:
        update = rebuilt.update
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

    def _index(self, rebuilt: Rebuilt) -> None:
        started = time.perf_counter()
        try:
            # One process at a low priority: the rebuilds after a save come first.
            rebuilt.index(self.out, jobs=1, background=True)
        except (ExplainerError, OSError) as exc:
            self.log(f"search index not updated: {exc}")
            return
        ms = (time.perf_counter() - started) * 1000
        plan = rebuilt.search
        shards, redone = len(plan.index.shards), len(plan.reindex)
        self.log(f"search: re-indexed {redone} of {shards} shard(s) in {ms:.0f} ms")

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
            self.pipeline = Pipeline(
                config, drafts=self.drafts, memo=memo, placements=placements, jobs=self.jobs
            )
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
