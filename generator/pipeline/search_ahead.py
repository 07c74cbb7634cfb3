"""The search index made while the pages render: each shard of a cold build indexed as
soon as its last page is rendered, beside the rendering.

A build that has no index to start from indexes every shard, and which pages
a shard holds depends only on their paths (`search.plan_search`), known as
soon as the pages are planned. So its shards need not wait until the whole
site is rendered, reviewed and written: `SearchAhead` is told the indexed
pages (`expect`), sorts the rendering shard by shard (`order`), takes each
page as it is rendered (`rendered`: its spooled file, hard-linked into its
shard's folder), and once a shard has all its pages, one Pagefind run makes
the shard's bundle in a thread of its own while the rendering goes on (on
the core the render workers leave, and through review and writing). A
rebuild knows its changed shards once it has rendered: `index_now` starts
their Pagefind runs at once, as processes of their own (no thread of ours
waits on them, so the build cache's writer may fork meanwhile), and they run
while the feeds and checks are made and the output is written.

When the build is written, `search.index_shards` puts such a bundle in place
instead of indexing the shard (`bundle`), but only if it was made from the
very shard the index plan has then (same name, pages and role). A shard
whose pages are all linked but whose turn in the thread has not come is
indexed then from that folder, AT_ONCE at a time (processes of their own,
started as `index_shards` asks for them): linking its pages again from the
written output, and deleting both folders, cost more than the run (at
N=1000, 21 of 32 shards; their folders were deleted as the build closed). Any other
shard, a page that was not spooled, or a run that failed is indexed there as
before (and a failure is reported there). Pagefind makes the same bundle from
the same pages, so the output is byte for byte what it was without this.
"""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from generator.errors import ExplainerError
from generator.fsguard import umask_keeps_modes
from generator.outputs.pagefind import BundleRun
from generator.outputs.search import SearchShard, link_page, make_bundle, plan_search
from generator.pipeline.spare import LinkedPages, move_tree
from generator.pipeline.spool import OutputData, Spooled

AT_ONCE = 2  # a rebuild's changed shards started at once; any more are indexed at the end


class SearchAhead:
    """Shards indexed while a build renders, in `folder` (inside the build's spool)."""

    def __init__(self, folder: Path, *, keep_pages: bool = False) -> None:
        """With `keep_pages` (the build will leave a spare: `spare`), a shard's folder of
        linked pages, once indexed, is moved into one tree for the spare to take
        (`linked`), not deleted: both would make and remove the same page folders."""
        self.folder = folder
        self._kept: Path | None = folder / "linked" if keep_pages else None
        self._keeping = threading.Lock()  # shards are done with in two threads
        self._fix_modes = keep_pages and not umask_keeps_modes()  # the spare's folders: 0755
        self._shard_of: dict[str, SearchShard] = {}  # indexed page → its planned shard
        self._missing: dict[str, int] = {}  # shard → pages not rendered yet
        self._made: dict[str, Future[Path | None]] = {}
        self._runs: dict[str, BundleRun] = {}  # shards `index_now` or `bundle` started
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="search-ahead")
        self._queued: list[SearchShard] | None = None  # whole shards the thread never began

    def expect(self, pages: Sequence[str]) -> None:
        """The indexed pages (output files) the build is about to render."""
        for shard in plan_search(dict.fromkeys(pages, "")):
            self._missing[shard.name] = len(shard.pages)
            self._shard_of.update(dict.fromkeys(shard.pages, shard))

    def order(self, output: str) -> tuple[int, str]:
        """Where a page goes in the rendering: pages not indexed first, each on its own
        (the heavy site-wide ones, home and lists, go to different workers), then shard
        by shard, so shards fill one after another."""
        shard = self._shard_of.get(output)
        return (0, output) if shard is None else (1, shard.name)

    def rendered(self, output: str, content: OutputData) -> None:
        """One page rendered: into its shard's folder; a shard now whole is indexed."""
        shard = self._shard_of.get(output)
        if shard is None or not isinstance(content, Spooled):
            return  # not indexed, or in memory (that shard is indexed when written)
        try:
            link_page(Path(content.path), self._pages(shard) / output)
        except OSError:
            self._missing[shard.name] = -1  # never whole: indexed when the build is written
            return
        self._missing[shard.name] -= 1
        if self._missing[shard.name] == 0:
            self._made[shard.name] = self._pool.submit(self._index, shard)

    def index_now(
        self,
        shards: Iterable[SearchShard],
        page: Callable[[str], Path | bytes],
        at_once: int = AT_ONCE,
    ) -> None:
        """Start indexing these shards now (a rebuild's changed shards, as soon as its
        pages are rendered), each page as `page` gives it: a file (spooled, or of the
        published output) is linked into its shard's folder, a page in memory written
        there. At most `at_once` are started: the rest are indexed when the build is
        written, on every core."""
        for shard in shards:
            if len(self._runs) >= at_once:
                break
            folder = self._pages(shard)
            try:
                for name in shard.pages:
                    content = page(name)
                    if isinstance(content, Path):
                        link_page(content, folder / name)
                    else:
                        (folder / name).parent.mkdir(parents=True, exist_ok=True)
                        (folder / name).write_bytes(content)
                run = BundleRun(folder, self.folder / f"bundle-{shard.name}", shard.primary)
            except (OSError, ExplainerError):
                continue  # indexed when the build is written (which reports a failure)
            self._shard_of.update(dict.fromkeys(shard.pages, shard))
            self._runs[shard.name] = run

    def bundle(self, shard: SearchShard) -> Path | None:
        """The bundle made ahead for `shard` (waiting for it if it is being made), or None.

        Once the build is written, the shards whose turn has not come are dropped: the
        build indexes them with the others, on every core, not one by one in this thread.
        """
        if self._queued is None:
            self._pool.shutdown(wait=False, cancel_futures=True)  # those not begun: queued
            queued = [name for name, made in self._made.items() if made.cancelled()]
            self._queued = [self._planned(name) for name in queued]
        planned = self._shard_of.get(shard.pages[0]) if shard.pages else None
        same = planned is not None and (planned.name, planned.pages, planned.primary) == (
            shard.name,
            shard.pages,
            shard.primary,
        )
        if same and planned in self._queued:
            self._start(planned)  # asked for first: its turn now
        self._start_queued()  # the next ones run meanwhile
        run = self._runs.pop(shard.name, None)
        if run is not None:
            if not same:
                self._stop(run)
                return None
            return self._finish(run)
        made = self._made.get(shard.name)
        if made is None or not same or made.cancelled():
            return None
        return made.result()

    def _planned(self, name: str) -> SearchShard:
        return next(s for s in self._shard_of.values() if s.name == name)

    def _start_queued(self) -> None:
        while self._queued and len(self._runs) < AT_ONCE:
            self._start(self._queued[0])

    def _start(self, shard: SearchShard) -> None:
        """A queued shard's Pagefind run, started on the folder its pages are linked in."""
        assert self._queued is not None
        self._queued.remove(shard)
        try:
            run = BundleRun(self._pages(shard), self.folder / f"bundle-{shard.name}", shard.primary)
        except (OSError, ExplainerError):
            return  # indexed when the build is written (which reports a failure)
        self._runs[shard.name] = run

    def close(self) -> None:
        """Stop: what is not started is dropped, a running Pagefind is waited for (one
        `index_now` started is stopped)."""
        self._pool.shutdown(wait=True, cancel_futures=True)
        for run in self._runs.values():
            self._stop(run)
        self._runs.clear()

    def _finish(self, run: BundleRun) -> Path | None:
        try:
            run.finish()
        except ExplainerError:
            shutil.rmtree(run.bundle, ignore_errors=True)
            return None  # indexed again when the build is written, which reports it
        finally:
            self._done_with(run.pages)
        return run.bundle

    def _stop(self, run: BundleRun) -> None:
        run.stop()
        shutil.rmtree(run.pages, ignore_errors=True)
        shutil.rmtree(run.bundle, ignore_errors=True)

    def linked(self) -> LinkedPages | None:
        """The pages of every shard whose pages were all linked, for the spare to take
        once the index is made (with `keep_pages`; None otherwise)."""
        if self._kept is None:
            return None
        whole = (
            page for page, shard in self._shard_of.items() if self._missing.get(shard.name) == 0
        )
        return LinkedPages(frozenset(whole), self._hand_over)

    def _hand_over(self) -> Path | None:
        """The tree of kept pages, given once: a shard done with later is deleted."""
        with self._keeping:
            kept, self._kept = self._kept, None
        return kept if kept is not None and kept.is_dir() else None

    def _done_with(self, pages: Path) -> None:
        """An indexed shard's folder of linked pages: kept for the spare, else deleted."""
        with self._keeping:
            if self._kept is not None:
                try:
                    self._kept.mkdir(exist_ok=True)
                    move_tree(pages, self._kept, fix_modes_too=self._fix_modes)
                except OSError:  # the spare links those pages itself, or lacks them
                    pass
        shutil.rmtree(pages, ignore_errors=True)

    def _pages(self, shard: SearchShard) -> Path:
        return self.folder / f"pages-{shard.name}"

    def _index(self, shard: SearchShard) -> Path | None:
        bundle = self.folder / f"bundle-{shard.name}"
        try:
            make_bundle(self._pages(shard), bundle, shard)
        except ExplainerError:
            shutil.rmtree(bundle, ignore_errors=True)
            return None  # indexed again when the build is written, which reports it
        finally:
            self._done_with(self._pages(shard))
        return bundle
