"""The build: site.yaml + content/ → model → graph → pages → public/.

`build_site` is the pure part (files in memory, warnings), `run_build` adds
the disk: it writes the files and swaps them in only if everything succeeded.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import jinja2

from generator.content.config import SiteConfig, load_config
from generator.content.load import load_content
from generator.errors import ExplainerError, Problem, raise_if_errors
from generator.graph.build_graph import Graph, link_model, resolve_references
from generator.outputs.feeds import atom_feeds
from generator.outputs.search import index_site
from generator.outputs.sitemap import discovery_files
from generator.pipeline.write import write_build
from generator.site.kinds import ALL, PageSpec, page_context, plan_pages
from generator.site.render import make_environment, render_page

STATIC_DIR = "static"


@dataclass(frozen=True)
class BuildResult:
    files: dict[str, bytes]  # output path → content
    warnings: tuple[Problem, ...]
    dependencies: dict[str, frozenset[str]]  # output path → dossier slugs it shows
    graph: Graph


def build_site(config: SiteConfig, *, strict: bool = False, drafts: bool = False) -> BuildResult:
    """Everything the site consists of, in memory; raise ExplainerError on any error."""
    model, problems = load_content(config, include_drafts=drafts)
    raise_if_errors([*problems, *resolve_references(model)])
    graph = link_model(model)
    warnings = graph.warnings
    if strict and warnings:
        raise ExplainerError(w.as_error() for w in warnings)
    env = make_environment(config.templates_dir)
    files: dict[str, bytes] = {}
    dependencies: dict[str, frozenset[str]] = {}
    for spec in plan_pages(graph.model):
        files[spec.output], dependencies[spec.output] = render_spec(env, graph, spec)
    files.update(static_files(config))
    for name, content in graph_files(graph).items():
        files[name], dependencies[name] = content, frozenset({ALL})
    return BuildResult(files, warnings, dependencies, graph)


def graph_files(graph: Graph) -> dict[str, bytes]:
    """The non-HTML outputs (Atom feeds, sitemap.xml, robots.txt): each depends on all dossiers."""
    return {**atom_feeds(graph), **discovery_files(graph)}


def render_spec(
    env: jinja2.Environment, graph: Graph, spec: PageSpec
) -> tuple[bytes, frozenset[str]]:
    data, used = page_context(graph, spec)
    return render_page(env, spec.template, data), frozenset(used)


def static_files(config: SiteConfig) -> dict[str, bytes]:
    """Files under templates/static/, copied as they are to /static/."""
    root = config.templates_dir / STATIC_DIR
    if not root.is_dir():
        return {}
    return {
        f"{STATIC_DIR}/{path.relative_to(root).as_posix()}": path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


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
    config = load_config(root)
    result = build_site(config, strict=strict, drafts=drafts)

    def finish_all(staging: Path) -> None:
        if finish is not None:
            finish(staging)
        if search:
            index_site(staging)

    write_build(result.files, out or root / "public", root, finish=finish_all)
    return result
