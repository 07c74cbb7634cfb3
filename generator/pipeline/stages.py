"""The one pipeline: site.yaml + content/ → model → graph → pages → files.

`Pipeline` runs each stage once, in order, and is what `build`, `serve`
(through `pipeline.incremental`) and `check` (through `pipeline.check`) all
use: load and resolve references, link the graph, plan the pages from the
page-kind registry, render them with one Jinja environment, and render the
registered outputs. `review` runs the checks' rules on the result, so a
build and `check` report the same problems. `pipeline.publish` adds the disk.
Each stage tells the pipeline's `progress` when it begins and, where it
counts items (files parsed, pages rendered), as they are done.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field
from functools import cached_property, partial
from pathlib import Path
from typing import Any, NamedTuple, Protocol

import jinja2

from generator.checks.links import check_links, output_to_site_path, page_ids
from generator.checks.rules import model_problems
from generator.clock import today
from generator.content.config import SiteConfig
from generator.content.images import read_image
from generator.content.load import ParseMemo, load_content
from generator.content.model import Model
from generator.errors import ExplainerError, Problem, raise_if_errors
from generator.fsguard import links_out_of, read_bytes
from generator.gcpause import gc_paused
from generator.graph.build_graph import Graph, build_graph, resolve_references
from generator.graph.dates import withhold_scheduled
from generator.outputs import output_paths, render_outputs
from generator.outputs.xmlsafe import check_xml
from generator.pipeline.parallel import Beside, map_in_workers, render_all
from generator.pipeline.spool import OutputData, spool
from generator.progress import SILENT, Progress
from generator.site.assets import published
from generator.site.dependencies import ALL, Dependency, interned
from generator.site.kinds import KIND_BY_NAME, KINDS, import_fillers, plan_pages
from generator.site.map.place import Placement, PlacementKey, PlacementMemo
from generator.site.page_data import page_context
from generator.site.render import compile_templates, make_environment, render_text
from generator.site.spec import PageSpec
from generator.theme_files import STATIC_DIR, static_files
from generator.vocabulary import SECTIONS

SITE_PAGE_SHARE = 50  # measured: home, a list or the timeline at N=1000 ≈ 10–20 dossier pages


@dataclass(frozen=True)
class Loaded:
    """The content as loaded, with every load and reference problem."""

    model: Model
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)


@dataclass(frozen=True)
class Rendered:
    """Pages rendered (in memory, or spooled to disk), with what each page read."""

    pages: Mapping[str, OutputData]  # output file → HTML
    dependencies: Mapping[str, frozenset[Dependency]]  # output file → what it read
    ids: Mapping[str, frozenset[str]]  # site path → the element ids on its page


class RenderedPage(NamedTuple):
    content: OutputData
    used: frozenset[Dependency]
    ids: frozenset[str]
    placed: tuple[tuple[PlacementKey, Placement], ...] = ()  # map placements it made


@dataclass(frozen=True)
class BuildResult:
    """A whole build's output, warnings, each page's dependencies, and the graph."""

    files: dict[str, OutputData]  # output path → content
    warnings: tuple[Problem, ...]
    dependencies: dict[str, frozenset[Dependency]]  # output path → what it read
    graph: Graph
    ids: dict[str, frozenset[str]] = field(default_factory=dict)  # site path → ids on the page


class PageFeed(Protocol):
    """What takes the pages as they are rendered (see `Pipeline.feed`)."""

    def expect(self, pages: Sequence[str]) -> None: ...  # the indexed pages' output files

    def order(self, output: str) -> tuple[int, str]: ...  # a sort key: render in this order

    def rendered(self, output: str, content: OutputData) -> None: ...


@dataclass(frozen=True)
class Pipeline:
    """One site's stages; the Jinja environment is compiled once per pipeline."""

    config: SiteConfig
    drafts: bool = False
    memo: ParseMemo | None = None  # parsed files kept from the last build (the build cache)
    compiled: Path | None = None  # where compiled templates are kept between runs (or None)
    one_shot: bool = False  # one build, then the process ends (not serve): see `link`
    spool: Path | None = None  # where rendered pages wait on disk (None: in memory)
    # The map's last placements (the build cache): forked workers add to their own copy.
    placements: PlacementMemo = field(default_factory=PlacementMemo)
    jobs: int | None = None  # processes that parse and render (`--jobs`; None: `workers()`)
    progress: Progress = SILENT  # told of each stage, and of each item done
    # Told of each indexed page as it is rendered (a cold build's search index, made
    # meanwhile: `pipeline.search_ahead`), or None.
    feed: PageFeed | None = None

    @cached_property
    def env(self) -> jinja2.Environment:
        return make_environment(self.config.root, self.compiled)

    def load(self) -> Loaded:
        self.progress.stage("reading content")
        # A build's model lives as long as its process: frozen once loaded (`gc_paused`).
        with gc_paused(freeze=True) if self.one_shot else nullcontext():
            model, problems = load_content(
                self.config, include_drafts=self.drafts, memo=self.memo, parse_many=self._parse_many
            )
        model = withhold_scheduled(model, today())
        self.progress.stage("resolving references")
        return Loaded(model, (*problems, *resolve_references(model)))

    def _parse_many(self, apply: Callable[[Any], Any], files: Sequence[Any]) -> list[Any]:
        self.progress.stage("parsing content files", len(files))
        # A build compiles its templates here while the workers parse, not after on one core.
        meanwhile = partial(self._compile, page_templates()) if self.one_shot else None
        return map_in_workers(
            apply, files, jobs=self.jobs, done=self.progress.advance, meanwhile=meanwhile
        )

    def link(self, loaded: Loaded) -> Graph:
        raise_if_errors(loaded.problems)
        self.progress.stage("linking dossiers")
        graph = build_graph(loaded.model)
        if self.one_shot:
            # The graph lives as long as the process: keep the cyclic GC from walking it
            # again and again, and forked render workers from copying it as it does.
            gc.freeze()
        return graph

    def plan(self, graph: Graph) -> list[PageSpec]:
        return plan_pages(graph.model)

    def indexed_pages(self, graph: Graph) -> list[str]:
        """The output files of the pages the search index holds."""
        return [spec.output for spec in self.plan(graph) if KIND_BY_NAME[spec.kind].indexed]

    def render(self, graph: Graph, spec: PageSpec) -> RenderedPage:
        """One page: its HTML (spooled when the pipeline has a spool), what it read, its ids."""
        start = self.placements.count
        data, used = page_context(graph, spec, self.placements)
        text = render_text(self.env, spec.template, data)
        html = text.encode("utf-8")
        content = spool(self.spool, spec.output, html) if self.spool else html
        placed = self.placements.made_since(start)
        # Its ids read from the text: not decoded again from the bytes (~15 us a page).
        return RenderedPage(content, frozenset(used), page_ids(text), placed)

    def render_pages(
        self,
        graph: Graph,
        specs: list[PageSpec] | None = None,
        *,
        meanwhile: Callable[[], None] | None = None,
    ) -> Rendered:
        """Render the pages (all by default), on every core when there are many;
        `meanwhile` is called in this process as they render (`parallel.render_all`)."""
        todo = self.plan(graph) if specs is None else specs
        self._compile({spec.template for spec in todo})
        import_fillers(spec.kind for spec in todo)  # as the templates: before workers fork
        # With no placement kept (a cold build), the map is placed here, not in each worker,
        # while the workers render the other pages; the pages that list the site (those
        # that draw the map among them) are rendered here after it. A rebuild's memo most
        # often holds it already, and a page places what it lacks.
        here: Callable[[PageSpec], bool] | None = None
        if not self.placements.known and any(KIND_BY_NAME[s.kind].lists_site for s in todo):
            from generator.site.map_view import place_ahead  # as the fillers: when needed

            place = partial(place_ahead, graph, self.placements)
            meanwhile = _then(place, meanwhile)
            here = _lists_site
        pages: dict[str, OutputData] = {}
        dependencies: dict[str, frozenset[Dependency]] = {}
        ids: dict[str, frozenset[str]] = {}
        keys: dict[Dependency, Dependency] = {}
        # A page that lists the site costs about one dossier page per SITE_PAGE_SHARE dossiers.
        # Only a build weighs them: `serve` renders from threads, and forks as rarely as it can.
        site_wide = sum(1 for spec in todo if KIND_BY_NAME[spec.kind].lists_site)
        share = len(graph.model.dossiers) // SITE_PAGE_SHARE if self.one_shot else 0
        weight = len(todo) + site_wide * share
        self.progress.stage("rendering pages", len(todo))
        feed, each = self.feed, None
        if feed is not None:
            feed.expect([spec.output for spec in todo if KIND_BY_NAME[spec.kind].indexed])

            def each(output: str, page: RenderedPage) -> None:
                feed.rendered(output, page.content)

        pages_in_order = render_all(
            todo,
            partial(self.render, graph),
            weight=weight,
            jobs=self.jobs,
            done=self.progress.advance,
            order=feed.order if feed is not None else None,
            each=each,
            meanwhile=meanwhile,
            here=here,
        )
        for output, page in pages_in_order:
            # Interned: the same few thousand keys and ids recur on every page, and the
            # build cache then keeps (and pickles) each once, not once per page.
            for key, placement in page.placed:  # made by a forked worker: kept here too
                if self.placements.get(key) is None:
                    self.placements.put(key, placement, made=False)
            pages[output] = page.content
            dependencies[output] = interned(page.used, keys)
            ids[output_to_site_path(output)] = frozenset(map(sys.intern, page.ids))
        return Rendered(pages, dependencies, ids)

    def _compile(self, templates: set[str]) -> None:
        """Compile templates once here, so forked workers inherit them compiled."""
        compile_templates(self.env, templates)

    def outputs(
        self,
        graph: Graph,
        beside: Beside[dict[str, bytes]] | None = None,
        formats: Collection[str] | None = None,
    ) -> dict[str, bytes]:
        """The registered non-HTML outputs (every format, or the `formats` named): each
        reads every dossier. `beside`: begun by `outputs_beside`, and collected here."""
        self.progress.stage("feeds, sitemap and open data")
        return beside.result() if beside is not None else checked_outputs(graph, formats)

    def outputs_beside(
        self, graph: Graph, formats: Collection[str] | None = None
    ) -> Beside[dict[str, bytes]]:
        """The outputs begun now in a forked process, while this one renders the pages
        (a build's rebuild of a few pages leaves the other core idle meanwhile)."""
        return Beside(partial(checked_outputs, graph, formats), jobs=self.jobs)

    def static(self) -> dict[str, bytes]:
        """The theme's static/ files (a site's templates/static/ overriding), copied to /static/.

        The site's own files are read through fsguard: a symlink to /etc/passwd or
        /proc/self/environ, or a FIFO, is an error naming the file, never published.
        """
        site_static = self.config.templates_dir / STATIC_DIR
        if site_static.is_dir():
            for link in links_out_of(site_static, self.config.root):
                raise ExplainerError.single(
                    link, None, "symlink points outside the project; refused"
                )
        files: dict[str, bytes] = {}
        for name, path in static_files(self.config.root).items():
            own = path.is_relative_to(site_static)
            data = read_bytes(path, self.config.root) if own else path.read_bytes()
            files[f"{STATIC_DIR}/{name}"] = published(name, data)
        check_xml(files)  # as the outputs are (`checked_outputs`)
        return files

    def images(self, model: Model) -> dict[str, bytes]:
        """Every local image a published text shows, at its path under content/."""
        names = {
            name
            for dossier in model.dossiers.values()
            for version in dossier.versions.values()
            if not version.is_placeholder
            for name in version.images
        }
        content, root = self.config.content_dir, self.config.root
        return {name: read_image(content, name, root) for name in sorted(names)}

    def known_paths(self, model: Model, made: Iterable[str] | None = None) -> frozenset[str]:
        """Every site path a link may point to, known before anything is rendered;
        `made`: the static files and images, when the build has them already (reading
        them again was a quarter of an edit build's checking)."""
        files = [
            *(s.output for s in plan_pages(model)),
            *(made if made is not None else (*self.static(), *self.images(model))),
            *output_paths(self.config),
        ]
        return frozenset(output_to_site_path(name) for name in files)

    def review(
        self,
        model: Model,
        ids: Mapping[str, frozenset[str]],
        *,
        build: bool = True,
        model_checked: Sequence[Problem] | None = None,
        made: Iterable[str] | None = None,
    ) -> list[Problem]:
        """The checks' rules: the model's (`model_checked`, when they have run already),
        and links and anchors against the pages' ids (`made`: see `known_paths`)."""
        self.progress.stage("checking")
        links = check_links(model, self.known_paths(model, made), ids)
        if model_checked is None:
            model_checked = model_problems(model, build=build)
        return [*model_checked, *links]

    def build(self, *, strict: bool = False) -> BuildResult:
        """Everything the site consists of, in memory; raise ExplainerError on any error."""
        loaded = self.load()
        graph = self.link(loaded)
        # The feeds, sitemap and open data read no page either: a one-shot build makes
        # them in a forked process meanwhile, not after the pages on one core.
        beside = self.outputs_beside(graph) if self.one_shot else None
        # The model's rules read no page: they run here while the workers render.
        model_checked: list[Problem] = []
        rendered = self.render_pages(
            graph, meanwhile=lambda: model_checked.extend(model_problems(graph.model, build=True))
        )
        ids = dict(rendered.ids)
        made = {**self.static(), **self.images(graph.model)}
        warnings = tuple(self.review(graph.model, ids, model_checked=model_checked, made=made))
        raise_if_errors(warnings)
        if strict and warnings:
            raise ExplainerError(w.as_error() for w in warnings)
        files: dict[str, OutputData] = {**rendered.pages, **made}
        dependencies = dict(rendered.dependencies)
        for name, content in self.outputs(graph, beside).items():
            files[name], dependencies[name] = content, frozenset({ALL})
        return BuildResult(files, warnings, dependencies, graph, ids)


def checked_outputs(graph: Graph, formats: Collection[str] | None = None) -> dict[str, bytes]:
    """The registered outputs (every format, or the `formats` named), each XML file
    parsed: one no reader can parse is an error naming it (`xmlsafe.check_xml`), never
    published. Checked where they are made (in a forked process, for a build), not on
    the way to the disk."""
    files = render_outputs(graph, formats)
    check_xml(files)
    return files


def _lists_site(spec: PageSpec) -> bool:
    return KIND_BY_NAME[spec.kind].lists_site


def _then(first: Callable[[], None], then: Callable[[], None] | None) -> Callable[[], None]:
    """`first()`, then `then()` when there is one."""

    def both() -> None:
        first()
        if then is not None:
            then()

    return both


def page_templates() -> set[str]:
    """Every template a page of the site may be rendered with (its kind's, or its section's)."""
    return {kind.template for kind in KINDS if kind.template} | {s.template for s in SECTIONS}


def build_site(config: SiteConfig, *, strict: bool = False, drafts: bool = False) -> BuildResult:
    return Pipeline(config, drafts=drafts).build(strict=strict)
