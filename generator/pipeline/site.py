"""The one pipeline: site.yaml + content/ → model → graph → pages → files.

`SitePipeline` runs each stage once, in order, and is what `build`, `serve`
(through `pipeline.incremental`) and `check` (through `pipeline.check`) all
use: load and resolve references, link the graph, plan the pages from the
page-kind registry, render them with one Jinja environment, and render the
registered outputs. `review` runs the checks' rules on the result, so a
build and `check` report the same problems. `run_build` adds the disk: it
writes the files and swaps them in only if everything succeeded.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import jinja2

from generator.checks.links import check_links, output_to_site_path, page_ids
from generator.checks.rules import model_problems
from generator.content.config import SiteConfig, load_config
from generator.content.load import load_content
from generator.content.model import Model
from generator.errors import ExplainerError, Problem, raise_if_errors
from generator.fsguard import links_out_of, read_bytes
from generator.graph.build_graph import Graph, link_model, resolve_references
from generator.outputs import output_paths, render_outputs
from generator.outputs.search import index_site
from generator.pipeline.write import write_build
from generator.site.context import ALL
from generator.site.kinds import plan_pages
from generator.site.page_data import page_context
from generator.site.render import make_environment, render_page
from generator.site.spec import PageSpec

STATIC_DIR = "static"


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
    """Every page of the site rendered in memory, with what each page read."""

    pages: Mapping[str, bytes]  # output file → HTML
    dependencies: Mapping[str, frozenset[str]]  # output file → dossier slugs it shows


@dataclass(frozen=True)
class BuildResult:
    files: dict[str, bytes]  # output path → content
    warnings: tuple[Problem, ...]
    dependencies: dict[str, frozenset[str]]  # output path → dossier slugs it shows
    graph: Graph


@dataclass(frozen=True)
class SitePipeline:
    """One site's stages; the Jinja environment is compiled once per pipeline."""

    config: SiteConfig
    drafts: bool = False

    @cached_property
    def env(self) -> jinja2.Environment:
        return make_environment(self.config.templates_dir)

    def load(self) -> Loaded:
        model, problems = load_content(self.config, include_drafts=self.drafts)
        return Loaded(model, (*problems, *resolve_references(model)))

    def link(self, loaded: Loaded) -> Graph:
        raise_if_errors(loaded.problems)
        return link_model(loaded.model)

    def plan(self, graph: Graph) -> list[PageSpec]:
        return plan_pages(graph.model)

    def render(self, graph: Graph, spec: PageSpec) -> tuple[bytes, frozenset[str]]:
        data, used = page_context(graph, spec)
        return render_page(self.env, spec.template, data), frozenset(used)

    def render_pages(self, graph: Graph, specs: list[PageSpec] | None = None) -> Rendered:
        pages: dict[str, bytes] = {}
        dependencies: dict[str, frozenset[str]] = {}
        for spec in self.plan(graph) if specs is None else specs:
            pages[spec.output], dependencies[spec.output] = self.render(graph, spec)
        return Rendered(pages, dependencies)

    def outputs(self, graph: Graph) -> dict[str, bytes]:
        """The registered non-HTML outputs: each reads every dossier."""
        return render_outputs(graph)

    def static(self) -> dict[str, bytes]:
        """Files under templates/static/, copied as they are to /static/."""
        root = self.config.templates_dir / STATIC_DIR
        if not root.is_dir():
            return {}
        for link in links_out_of(root, self.config.root):
            raise ExplainerError.single(link, None, "symlink points outside the project; refused")
        # Through fsguard: a symlink to /etc/passwd or /proc/self/environ, or a FIFO,
        # is an error naming the file, never published (nor a hang).
        return {
            f"{STATIC_DIR}/{path.relative_to(root).as_posix()}": read_bytes(path, self.config.root)
            for path in sorted(root.rglob("*"))
            if not path.is_dir()
        }

    def known_paths(self, model: Model) -> frozenset[str]:
        """Every site path a link may point to, known before anything is rendered."""
        files = [*(s.output for s in plan_pages(model)), *self.static(), *output_paths(self.config)]
        return frozenset(output_to_site_path(name) for name in files)

    def review(
        self, model: Model, pages: Mapping[str, bytes] | None, *, build: bool = True
    ) -> list[Problem]:
        """The checks' rules: the model's, and links and anchors against the rendered pages."""
        ids = {output_to_site_path(name): page_ids(html) for name, html in (pages or {}).items()}
        links = check_links(model, self.known_paths(model), ids)
        return [*model_problems(model, build=build), *links]

    def build(self, *, strict: bool = False) -> BuildResult:
        """Everything the site consists of, in memory; raise ExplainerError on any error."""
        loaded = self.load()
        graph = self.link(loaded)
        rendered = self.render_pages(graph)
        warnings = tuple(self.review(graph.model, rendered.pages))
        raise_if_errors(warnings)
        if strict and warnings:
            raise ExplainerError(w.as_error() for w in warnings)
        files = {**rendered.pages, **self.static()}
        dependencies = dict(rendered.dependencies)
        for name, content in self.outputs(graph).items():
            files[name], dependencies[name] = content, frozenset({ALL})
        return BuildResult(files, warnings, dependencies, graph)


def build_site(config: SiteConfig, *, strict: bool = False, drafts: bool = False) -> BuildResult:
    return SitePipeline(config, drafts=drafts).build(strict=strict)


def run_build(
    root: Path,
    *,
    out: Path | None = None,
    strict: bool = False,
    drafts: bool = False,
    finish: Callable[[Path], None] | None = None,
    search: bool = True,
) -> BuildResult:
    """Build the project at `root` into `out` (default `public/`), all or nothing.

    With `search`, Pagefind indexes the staging folder (after `finish`) before the swap.
    """
    result = build_site(load_config(root), strict=strict, drafts=drafts)

    def finish_all(staging: Path) -> None:
        if finish is not None:
            finish(staging)
        if search:
            index_site(staging)

    write_build(result.files, out or root / "public", root, finish=finish_all)
    return result
