"""`build` to disk: the pipeline, the build cache, the search index, the atomic swap.

A build with a usable cache (`pipeline.cache`) is incremental and exact:
files whose bytes are unchanged parse from the cache, the rebuild renders
only the pages whose recorded dependencies meet a change
(`pipeline.incremental`), unchanged output files are hard-linked from the
previous output into the staging folder, and the search index is reused when
no page it indexes changed. When nothing at all changed, nothing is written.
The result is byte-identical to a cold `--no-cache` build (tests assert it).
Without a cache, or with `--no-cache`, every stage runs from scratch.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator.content.config import load_config
from generator.content.load import ParseMemo
from generator.errors import ExplainerError, Problem
from generator.fsguard import walk_files
from generator.graph.build_graph import Graph
from generator.outputs.search import SearchShard, index_shards, indexed_digests, plan_search
from generator.pipeline.cache import (
    TEMPLATES_DIR,
    BuildCache,
    CacheWriter,
    discard_cache,
    read_cache,
)
from generator.pipeline.incremental import rebuild
from generator.pipeline.outdir import MARKER, check_output_dir
from generator.pipeline.parallel import workers
from generator.pipeline.spool import bytes_of, make_spool, remove_spool
from generator.pipeline.stages import Pipeline
from generator.pipeline.summary import (
    CACHE_DIR,
    Summary,
    build_options,
    code_fingerprint,
    unchanged,
    write_summary,
)
from generator.pipeline.write import write_build
from generator.site.mapplace import PlacementMemo


@dataclass(frozen=True)
class BuildReport:
    pages: int  # HTML pages in the output
    written: int  # output files whose bytes were written anew (the rest were reused)
    rendered: int  # pages rendered by this build
    warnings: tuple[Problem, ...]
    cached: bool  # the build started from the cache
    graph: Graph | None  # what was built (None when nothing changed and nothing was loaded)
    rendered_pages: tuple[str, ...] = ()  # their output files


def run_build(
    root: Path,
    *,
    out: Path | None = None,
    strict: bool = False,
    drafts: bool = False,
    finish: Callable[[Path], None] | None = None,
    search: bool = True,
    use_cache: bool = True,
    input_stamps: str | None = None,
) -> BuildReport:
    """Build the project at `root` into `out` (default `public/`), all or nothing.

    `input_stamps` is the digest of the build's input stamps when the caller has taken it and
    found work to do (`summary.unchanged`): the files are not stamped twice.
    """
    target = check_output_dir(out or root / "public", root)
    if input_stamps is None:
        options = build_options(target, drafts=drafts, strict=strict, search=search)
        input_stamps, summary = unchanged(root, target, options)
        if use_cache and summary is not None:
            return BuildReport(summary.pages, 0, 0, summary.warnings, True, None)
    config = load_config(root)
    cached = read_cache(root) if use_cache else None
    # The cache is a few million long-lived objects: the cyclic GC would walk them
    # again and again while the build allocates (0.6 s of an edit build at N=1000).
    gc.freeze()
    if cached is not None and not (target / MARKER).is_file():
        cached = None  # the output it describes is gone

    memo = cached.memo if cached else ParseMemo()
    memo.roll()  # what the last build used is what this one may reuse
    compiled = root / CACHE_DIR / TEMPLATES_DIR if use_cache else None
    target.parent.mkdir(parents=True, exist_ok=True)
    spool = make_spool(target)  # rendered pages wait there, not in memory
    try:
        pipeline = Pipeline(
            config,
            drafts=drafts,
            memo=memo,
            compiled=compiled,
            one_shot=True,
            spool=spool,
            placements=cached.placements if cached else PlacementMemo(),
        )
        previous = cached.state if cached is not None and cached.out == str(target) else None
        state, update = rebuild(pipeline, previous)
        if strict and update.warnings:
            raise ExplainerError(w.as_error() for w in update.warnings)

        reuse = {
            name: target / name
            for name in state.digests
            if name not in update.write and previous is not None
        }
        shards: tuple[SearchShard, ...] = ()
        todo: set[str] = set()
        indexed: dict[str, tuple[str, str]] = {}
        if search:

            def read(name: str) -> bytes:
                written = update.write.get(name)
                return bytes_of(written) if written is not None else (target / name).read_bytes()

            indexed = indexed_digests(
                {name: state.digests[name] for name in pipeline.indexed_pages(state.graph)},
                cached.indexed if cached and previous else {},
                read,
            )
            shards = plan_search({name: pair[1] for name, pair in indexed.items()})
            before = {s.name: s.digest for s in cached.search} if cached and previous else {}
            for shard in shards:
                if before.get(shard.name) == shard.digest and (target / shard.folder).is_dir():
                    reuse.update(_files_under(target, shard.folder))  # the same pages, indexed
                else:
                    todo.add(shard.name)

        def finish_all(staging: Path) -> None:
            if finish is not None:
                finish(staging)
            if search:
                index_shards(staging, shards, todo, workers())

        writer = None
        if use_cache:
            discard_cache(root)  # a build killed from here on leaves no cache to trust
            memo_now = ParseMemo(current=memo.current, merged_current=memo.merged_current)
            writer = CacheWriter(
                root,
                BuildCache(
                    code_fingerprint(),
                    input_stamps,
                    str(target),
                    shards,
                    indexed,
                    state,
                    memo_now,
                    pipeline.placements,
                    update.warnings,
                ),
            )
        try:
            retiring = write_build(update.write, target, root, finish=finish_all, reuse=reuse)
        except BaseException:
            if writer is not None:
                writer.abandon()
            raise
        if writer is not None:
            writer.commit()
        pages = sum(1 for name in state.digests if name.endswith(".html"))
        if use_cache:
            write_summary(
                root, Summary(code_fingerprint(), input_stamps, str(target), pages, update.warnings)
            )
        html = tuple(name for name in update.rendered if name.endswith(".html"))
        retiring.wait()
        return BuildReport(
            pages, len(update.write), len(html), update.warnings, bool(previous), state.graph, html
        )
    finally:
        remove_spool(spool)


def _files_under(root: Path, folder: str) -> dict[str, Path]:
    """Every file under `root/folder`, by its path relative to `root`."""
    start = len(str(root)) + 1
    found = {
        entry.path[start:]: Path(entry.path)
        for entry in walk_files(str(root / folder))
        if entry.is_file(follow_symlinks=False)
    }
    return dict(sorted(found.items()))
