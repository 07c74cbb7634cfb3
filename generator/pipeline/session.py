"""One rebuild, from what the last build left to the next: what `build` and `serve` share.

A `RebuildSession` starts from the last build (`LastBuild`: the published
state and its search index; None for a first build) and plans and renders,
each once:

1. what changed and which pages it reaches, rendered (`pipeline.incremental`):
   in one go for `build` (`finish`), or in two halves for `serve` (`first`:
   the pages that show the change, written at once; then `finish`: the lists,
   feeds, sitemap and site-wide checks);
2. which search shards changed (`outputs.search.plan_index`): a shard is
   indexed anew only when what the index reads of its pages changed.

The caller then writes (`build`: `pipeline.output.Output`, swapped in whole;
`serve`: in place), indexes (`index`) and keeps `Rebuilt.last`, the start of
the next session (`build`: in the build cache; `serve`: in memory).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from generator.errors import ExplainerError
from generator.gcpause import gc_paused
from generator.graph.build_graph import Graph
from generator.outputs.search import (
    Ahead,
    IndexPlan,
    SearchIndex,
    SearchShard,
    index_shards,
    plan_index,
)
from generator.pipeline.incremental import (
    FirstPages,
    SiteState,
    Update,
    diff_files,
    finish_rebuild,
    full_rebuild,
    render_first,
    render_text_edit,
)
from generator.pipeline.spool import OutputData, Spooled, bytes_of, digest_of
from generator.pipeline.stages import Pipeline
from generator.progress import SILENT, Progress

# Told of a rebuild's search plan as soon as its pages are rendered, with where each
# page is (a file, or bytes in memory): the changed shards can be indexed from then on.
Indexing = Callable[[IndexPlan, Callable[[str], Path | bytes]], None]


@dataclass(frozen=True)
class LastBuild:
    """What a rebuild starts from: the published state and its search index."""

    state: SiteState
    search: SearchIndex = field(default_factory=SearchIndex)


@dataclass(frozen=True)
class Rebuilt:
    """A rebuild planned and rendered: what to publish, and what the next one starts from."""

    state: SiteState
    update: Update  # the files to write and to delete
    unchanged: tuple[str, ...]  # files of the published output that stay as they are
    search: IndexPlan = field(default_factory=IndexPlan)

    @property
    def last(self) -> LastBuild:
        return LastBuild(self.state, self.search.index)

    @property
    def pages(self) -> int:
        return sum(1 for name in self.state.digests if name.endswith(".html"))

    @property
    def reindexed_shards(self) -> list[SearchShard]:
        """The shards this rebuild indexes anew."""
        return [s for s in self.search.index.shards if s.name in self.search.reindex]

    def index(
        self,
        folder: Path,
        jobs: int,
        *,
        background: bool = False,
        progress: Progress = SILENT,
        ahead: Ahead | None = None,
    ) -> None:
        """Index the changed shards into `folder` (the search manifest included); a shard
        `ahead` made while the pages rendered is put in place as it is."""
        plan = self.search
        shards, todo = plan.index.shards, plan.reindex
        progress.stage("indexing search", sum(1 for shard in shards if shard.name in todo))
        index_shards(
            folder, shards, todo, jobs, background=background, ahead=ahead, done=progress.advance
        )


class RebuildSession:
    """One rebuild of the site `pipeline` loads, from `last` (None: a first build)."""

    def __init__(self, pipeline: Pipeline, last: LastBuild | None, *, search: bool) -> None:
        self.pipeline = pipeline
        self.last = last
        self.search = search
        self._begun: FirstPages | None = None

    def first(self, changed: Sequence[Path]) -> Mapping[str, OutputData] | None:
        """`serve`'s first half: the pages that show the change, where they differ from
        what is published. For one file's text edit they are rendered straight from the
        last graph (`render_text_edit`, a preview `finish` then checks), else after
        reloading and relinking the site (`render_first`). None when the whole
        site is to be rebuilt (a first build, site.yaml or a template changed)."""
        if self.last is None:
            return None
        previous = self.last.state
        # The cyclic GC would walk the whole kept model while the first pages are made
        # (0.8 s at 5,000 dossiers); it runs in the second half instead.
        with gc_paused():
            pages = None
            if len(changed) == 1:
                pages = render_text_edit(self.pipeline, previous, changed[0])
            if pages is None:
                self._begun = render_first(self.pipeline, previous)
                if self._begun is None:
                    return None
                pages = self._begun.rendered.pages
        return diff_files(previous.digests, pages)

    def finish(
        self,
        published: Path,
        *,
        strict: bool = False,
        check_shards: bool = False,
        indexing: Indexing | None = None,
    ) -> Rebuilt:
        """The whole rebuild (or what `first` left of it) and the search index's plan;
        raise ExplainerError on errors (on warnings too, when `strict`).

        `published` is the folder the last build was published to: unchanged pages
        are read there. With `check_shards`, a shard whose folder is not there is
        indexed anew (`build`; `serve`'s indexer may still be writing it).
        `indexing` is told of the search plan as soon as every page is rendered,
        before the feeds and checks (`build` starts the changed shards then)."""
        previous = self.last.state if self.last is not None else None
        begun = self._begun
        if previous is not None and begun is None:
            begun = render_first(self.pipeline, previous, split=False)
        early: IndexPlan | None = None
        if previous is None or begun is None:
            state, update = full_rebuild(self.pipeline, previous)
        else:
            if indexing is not None and self.search and not begun.later:
                pages = begun.rendered.pages
                early = self._early_plan(previous, begun.graph, pages, published, check_shards)
                indexing(early, partial(_page, pages, published))
            state, update = finish_rebuild(self.pipeline, previous, begun)
        if strict and update.warnings:
            raise ExplainerError(w.as_error() for w in update.warnings)
        unchanged = (
            () if previous is None else tuple(n for n in state.digests if n not in update.write)
        )
        if not self.search:
            return Rebuilt(state, update, unchanged)
        if early is not None:  # what the rebuild's own plan would be: same pages, same bytes
            return Rebuilt(state, update, unchanged, early)

        def read(name: str) -> bytes:
            written = update.write.get(name)
            return bytes_of(written) if written is not None else (published / name).read_bytes()

        indexed = {name: state.digests[name] for name in self.pipeline.indexed_pages(state.graph)}
        before = self.last.search if self.last is not None else SearchIndex()
        plan = plan_index(indexed, before, read, partial(self._present, published, check_shards))
        return Rebuilt(state, update, unchanged, plan)

    def _early_plan(
        self,
        previous: SiteState,
        graph: Graph,
        pages: Mapping[str, OutputData],
        published: Path,
        check_shards: bool,
    ) -> IndexPlan:
        """The search plan from the rendered pages alone (the rest are as published):
        the plan `finish` would make once the rebuild is done, since the feeds, static
        files and checks it does after rendering change no indexed page."""
        indexed = {
            name: digest_of(pages[name]) if name in pages else previous.digests[name]
            for name in self.pipeline.indexed_pages(graph)
        }
        before = self.last.search if self.last is not None else SearchIndex()

        def read(name: str) -> bytes:
            content = pages.get(name)
            return bytes_of(content) if content is not None else (published / name).read_bytes()

        return plan_index(indexed, before, read, partial(self._present, published, check_shards))

    @staticmethod
    def _present(published: Path, check_shards: bool, folder: str) -> bool:
        return not check_shards or (published / folder).is_dir()


def _page(pages: Mapping[str, OutputData], published: Path, name: str) -> Path | bytes:
    """A page as this build publishes it: rendered anew (spooled, or in memory), or the
    published output's file (an unchanged page is that very file in the new output)."""
    content = pages.get(name)
    if isinstance(content, Spooled):
        return Path(content.path)
    return content if content is not None else published / name
