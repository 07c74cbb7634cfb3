"""A build published: a rebuild session with the build cache, written and swapped in whole.

A build with a usable cache (`pipeline.cache`) is incremental and exact:
files whose bytes are unchanged parse from the cache, the rebuild renders
only the pages whose recorded dependencies meet a change
(`pipeline.session`), unchanged output files are hard-linked from the
previous output into the staging folder (`pipeline.output`), and the search
index is reused shard by shard. The result is byte-identical to a cold
`--no-cache` build (tests assert it). Without a cache, or with `--no-cache`,
every stage runs from scratch. A build with nothing to do at all stops
before this module is imported (`pipeline.build`).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from generator.content.config import load_config
from generator.gcpause import gc_paused
from generator.outputs.search import IndexPlan
from generator.pipeline.cache import TEMPLATES_DIR, BuildCache, CacheWriter, read_cache, reusable
from generator.pipeline.output import Output
from generator.pipeline.parallel import workers
from generator.pipeline.search_ahead import SearchAhead
from generator.pipeline.session import RebuildSession, Rebuilt
from generator.pipeline.spool import Spooled
from generator.pipeline.stages import Pipeline
from generator.pipeline.summary import CACHE_DIR
from generator.progress import SILENT, Progress


def publish_build(
    root: Path,
    target: Path,
    input_stamps: str,
    *,
    strict: bool = False,
    drafts: bool = False,
    search: bool = True,
    use_cache: bool = True,
    jobs: int | None = None,
    progress: Progress = SILENT,
) -> tuple[Rebuilt, bool]:
    """Build into the output folder `target` (checked by `outdir`), whose inputs' stamps
    are `input_stamps` (`summary.input_stamps_digest`), all or nothing: the rebuild, and
    whether it started from the last build. `jobs` processes work at most (None: every
    core); `progress` is told of each stage."""
    config = load_config(root)
    output = Output.begin(target)
    output.prepare()  # the staging folder is made while the site loads and renders
    ahead: SearchAhead | None = None
    try:
        # The cache is a few million long-lived objects: the cyclic GC would walk them
        # again and again while the build allocates (0.6 s of an edit build at N=1000).
        # So they are frozen, and before the GC runs again: else its first (young)
        # collection walked them all at once as the read ended (40 of 140 ms at N=1000).
        with gc_paused(freeze=True):
            cached = read_cache(root) if use_cache else None
        memo, placements = reusable(cached)
        last = cached.last if cached is not None and output.published(cached.out) else None
        # With no index to start from, every shard is indexed: each as soon as its pages are.
        if search and output.spool and (last is None or not last.search.shards):
            # A build with no output to retire makes the spare: the shards' pages are its.
            spare = use_cache and not target.exists()
            ahead = SearchAhead(output.spool / "search", keep_pages=spare)
        pipeline = Pipeline(
            config,
            drafts=drafts,
            memo=memo,
            compiled=root / CACHE_DIR / TEMPLATES_DIR if use_cache else None,
            one_shot=True,
            spool=output.spool,
            placements=placements,
            jobs=jobs,
            progress=progress,
            feed=ahead,
        )
        session = RebuildSession(pipeline, last, search=search)

        def index_early(plan: IndexPlan, page: Callable[[str], Path | bytes]) -> None:
            """A rebuild's changed shards, started as soon as its pages are rendered: their
            Pagefind runs beside the feeds, the checks and the writing."""
            nonlocal ahead
            if ahead is None and plan.reindex and output.spool:
                ahead = SearchAhead(output.spool / "search")
                changed = [s for s in plan.index.shards if s.name in plan.reindex]
                ahead.index_now(changed, page)

        rebuilt = session.finish(
            target, strict=strict, check_shards=True, indexing=index_early if search else None
        )
        cache = (
            BuildCache.of(rebuilt, pipeline, input_stamps, target, cached) if use_cache else None
        )
        output.settle()  # forking while a thread of ours runs is not safe
        writer = CacheWriter(root, cache)  # pickled in a fork while the output is written
        if ahead is None and search and rebuilt.search.reindex and output.spool:
            # A whole rebuild's changed shards, indexed while the output is written.
            ahead = SearchAhead(output.spool / "search")
            ahead.index_now(rebuilt.reindexed_shards, partial(_page_of, rebuilt, target))
        try:
            progress.stage("writing files")
            linked = ahead.linked() if ahead is not None else None
            output.put(
                rebuilt.update.write,
                rebuilt.unchanged,
                rebuilt.search.kept,
                spare=use_cache,
                linked=linked,
            )
            made_ahead = ahead.bundle if ahead is not None else None
            index = partial(rebuilt.index, jobs=workers(jobs), progress=progress, ahead=made_ahead)
            output.commit(index if search else None)
        except BaseException:
            output.abandon()
            writer.abandon()
            raise
        progress.stage("saving the build cache")
        # The spare first: the cache's summary says "nothing changed" to the next build,
        # which then makes no spare; a build killed before its spare is whole must leave
        # none. Both were made meanwhile (a thread, a fork), so the wait is as long.
        output.spare_made()
        writer.commit()
    finally:
        if ahead is not None:
            ahead.close()
        output.close()
    return rebuilt, last is not None


def _page_of(rebuilt: Rebuilt, published: Path, name: str) -> Path | bytes:
    """A page as this build publishes it: rendered anew (spooled, or in memory), or the
    published output's file (an unchanged page is that very file in the new output)."""
    written = rebuilt.update.write.get(name)
    if isinstance(written, Spooled):
        return Path(written.path)
    return written if written is not None else published / name
