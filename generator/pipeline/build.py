"""`build`: the project into its output folder, all or nothing, or nothing to do.

A build with nothing to do is the most common one a writer or CI runs twice:
the last build's summary says so (`pipeline.summary`) before the pipeline is
imported, about a third of a second of imports such a build never needs. Any
other build is published by `pipeline.publish`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from generator.errors import Problem
from generator.gcpause import gc_paused
from generator.pipeline.outdir import check_output_dir
from generator.pipeline.summary import build_options, unchanged
from generator.progress import SILENT, Progress

if TYPE_CHECKING:
    from generator.graph.build_graph import Graph
    from generator.pipeline.session import Rebuilt


@dataclass(frozen=True)
class BuildReport:
    """What a build did, for the summary line."""

    pages: int  # HTML pages in the output
    written: int  # output files whose bytes were written anew (the rest were reused)
    rendered: int  # pages rendered by this build
    warnings: tuple[Problem, ...]
    cached: bool  # the build started from the cache
    graph: Graph | None  # what was built (None when nothing changed and nothing was loaded)
    rendered_pages: tuple[str, ...] = ()  # their output files

    @classmethod
    def of(cls, rebuilt: Rebuilt, *, cached: bool) -> BuildReport:
        update = rebuilt.update
        html = tuple(name for name in update.rendered if name.endswith(".html"))
        graph = rebuilt.state.graph
        return cls(
            rebuilt.pages, len(update.write), len(html), update.warnings, cached, graph, html
        )


def run_build(
    root: Path,
    *,
    out: Path | None = None,
    strict: bool = False,
    drafts: bool = False,
    search: bool = True,
    use_cache: bool = True,
    jobs: int | None = None,
    progress: Progress = SILENT,
) -> BuildReport:
    """Build the project at `root` into `out` (default `public/`), all or nothing, with
    `jobs` processes at most (None: every core), telling `progress` of each stage."""
    target = check_output_dir(out or root / "public", root)
    options = build_options(target, drafts=drafts, strict=strict, search=search)
    input_stamps, summary = unchanged(root, target, options)
    if use_cache and summary is not None:
        return BuildReport(summary.pages, 0, 0, summary.warnings, True, None)
    publish_build = _import_publish()
    rebuilt, cached = publish_build(
        root,
        target,
        input_stamps,
        strict=strict,
        drafts=drafts,
        search=search,
        use_cache=use_cache,
        jobs=jobs,
        progress=progress,
    )
    return BuildReport.of(rebuilt, cached=cached)


def _import_publish() -> Callable[..., tuple[Rebuilt, bool]]:
    """The pipeline, imported only when there is work. The cyclic GC is paused meanwhile:
    importing makes a few hundred thousand objects that live as long as the process
    (modules, functions, classes), and its collections walked them again and again
    (about 10 of an edit build's 160 ms of imports at N=1000). They are then frozen
    (never walked again): else the first collections after the pause walked them all
    at once (a young generation of all of them, then the next)."""
    with gc_paused(freeze=True):
        from generator.pipeline.publish import publish_build
    return publish_build
