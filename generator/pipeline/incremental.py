"""Incremental rebuilds: from the previous build and the changed content, what to write.

The dependency graph is the one the pages declare (`Context.used`, kept per
output file in `BuildResult.dependencies`), never a guess. A rebuild:

1. reloads and relinks the model through the same pipeline as `build`;
2. finds the changed keys (`site.dependencies.changed_keys`): every dossier whose value
   differs, appeared or disappeared, every slug whose derived view in the graph
   changed (its backlinks, relationships, people, mentions, citations, quotes,
   timeline or current stance), so a new relationship reaches its actors'
   pages, and the sections whose members or their data changed (lists);
3. re-renders only the pages whose previous dependencies meet the changed
   keys (or are `ALL`), plus pages that did not exist before;
4. compares bytes: only files whose content changed are written, and the
   files of pages that no longer exist are deleted.

`serve` takes it in two halves (`render_first`, then `finish_rebuild`), so the
edited page is written before the lists, feeds and site-wide checks are redone.
A change to `site.yaml` or a template means a full rebuild. The functions
here write nothing; `render_first`, `render_text_edit` and `rebuild` read
content/ through the pipeline. `pipeline.session` runs them for `build` and
`serve`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from generator.checks.links import output_to_site_path
from generator.content.config import SiteConfig
from generator.content.load import reparse_one
from generator.content.model import Dossier
from generator.errors import ExplainerError, Problem, raise_if_errors
from generator.fsguard import read_bytes
from generator.graph.build_graph import Graph
from generator.outputs import OUTPUTS
from generator.pipeline.parallel import Beside
from generator.pipeline.spool import OutputData, digest_of
from generator.pipeline.stages import BuildResult, Pipeline, Rendered
from generator.site.dependencies import (
    ALL,
    Dependency,
    affected_pages,
    bodies_only,
    changed_keys,
    link_face,
    lists_site,
    text_key,
    text_of,
    words_only,
)
from generator.site.spec import PageSpec


@dataclass(frozen=True)
class SiteState:
    """What the served folder holds: the graph it was built from, and per output file
    the digest of its bytes and the dossier slugs it depends on."""

    graph: Graph
    digests: Mapping[str, str]
    dependencies: Mapping[str, frozenset[Dependency]]
    config_and_templates: str  # digest of site.yaml and templates/ (a change: a full rebuild)
    ids: Mapping[str, frozenset[str]] = field(default_factory=dict)  # site path → page ids


@dataclass(frozen=True)
class Update:
    """What an incremental build writes, deletes and rendered."""

    write: Mapping[str, OutputData]  # output path → new content (only files that changed)
    delete: tuple[str, ...]
    rendered: tuple[str, ...]  # pages rendered (a page rendered to the same bytes is not written)
    changed_keys: frozenset[Dependency] = field(default_factory=frozenset)  # see changed_keys()
    full: bool = False
    warnings: tuple[Problem, ...] = ()  # what the checks' rules report (errors raise)


def digest(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def config_and_templates_digest(config: SiteConfig) -> str:
    """A digest of the bytes of site.yaml and templates/: what, changed, needs a full rebuild."""
    parts = []
    files = [config.root / "site.yaml"]
    templates = config.templates_dir
    if templates.is_dir():
        # Static assets are diffed on every rebuild, archetypes only feed `new`.
        skip = (templates / "static", templates / "archetypes")
        files += sorted(
            p
            for p in templates.rglob("*")
            if p.is_file() and not any(folder in p.parents for folder in skip)
        )
    for path in files:
        name = path.relative_to(config.root).as_posix()  # however the project was named
        try:
            parts.append(f"{name}:{digest(read_bytes(path, config.root))}")
        except (OSError, ExplainerError):  # the build names the refused file
            parts.append(f"{name}:missing")
    return digest("\n".join(parts).encode())


def state_from_build(result: BuildResult, config_and_templates: str) -> SiteState:
    return SiteState(
        graph=result.graph,
        digests={name: digest_of(content) for name, content in result.files.items()},
        dependencies=dict(result.dependencies),
        config_and_templates=config_and_templates,
        ids=dict(result.ids),
    )


def diff_files(
    old_digests: Mapping[str, str], candidates: Mapping[str, OutputData]
) -> dict[str, OutputData]:
    """The candidate files whose bytes differ from what was written before."""
    return {
        name: content
        for name, content in sorted(candidates.items())
        if old_digests.get(name) != digest_of(content)
    }


@dataclass(frozen=True)
class FirstPages:
    """The first half of a rebuild: the pages that show a changed dossier, rendered.

    `serve` writes these at once, as Hugo's fast render mode does, and leaves
    the pages that list the whole site (home, lists, status: `later`), the
    feeds, the sitemap and the site-wide checks to `finish_rebuild`.
    """

    config_and_templates: str
    graph: Graph
    changed: frozenset[Dependency]
    outputs: frozenset[str]  # every page the site now has
    rendered: Rendered
    later: tuple[PageSpec, ...]  # affected pages still to render
    redo_outputs: frozenset[str]  # the output formats (feeds, sitemap, ...) to make again
    # The feeds, sitemap and open data, being made beside the rendering (a build's), or None.
    whole: Beside[dict[str, bytes]] | None = None


def render_first(
    pipeline: Pipeline, previous: SiteState | None, *, split: bool = True
) -> FirstPages | None:
    """Load, link and render the pages a change reaches first; None when site.yaml or a
    template changed (then everything is rebuilt). Without `split`, every affected
    page is rendered here and `later` is empty."""
    config_and_templates = config_and_templates_digest(pipeline.config)
    if previous is None or previous.config_and_templates != config_and_templates:
        return None
    graph = pipeline.link(pipeline.load())
    changed = changed_keys(previous.graph, graph)
    redo_outputs = _outputs_to_redo(previous.graph, graph, changed)
    whole = None
    if not split and pipeline.one_shot and redo_outputs:
        whole = pipeline.outputs_beside(graph, redo_outputs)
    specs = pipeline.plan(graph)
    affected = affected_pages(specs, previous.dependencies, changed)
    first: list[PageSpec] = []
    later: list[PageSpec] = []
    for spec in affected:
        (later if split and lists_site(previous.dependencies.get(spec.output)) else first).append(
            spec
        )
    rendered = pipeline.render_pages(graph, first)
    outputs = frozenset(spec.output for spec in specs)
    return FirstPages(
        config_and_templates, graph, changed, outputs, rendered, tuple(later), redo_outputs, whole
    )


def render_text_edit(
    pipeline: Pipeline, previous: SiteState, path: Path
) -> Mapping[str, OutputData] | None:
    """A preview of the pages that show one edited file's text, at once.

    When the edit leaves everything but the texts as it was (the file's data,
    titles, flags and references are those of the previous graph), those pages
    are rendered from the previous graph with the new dossier swapped in, with
    no reload or relink of the site: `serve` writes them, then runs the whole
    rebuild, which writes whatever the preview got wrong. None otherwise.
    """
    if pipeline.memo is None or pipeline.drafts:
        return None
    dossier = reparse_one(pipeline.config, pipeline.memo, path)
    old_model = previous.graph.model
    before = old_model.dossiers.get(dossier.slug) if dossier else None
    if dossier is None or before is None or not _same_but_texts(before, dossier):
        return None
    model = replace(old_model, dossiers={**old_model.dossiers, dossier.slug: dossier})
    graph = replace(previous.graph, model=model)
    shown = {
        text_key(dossier.slug, lang)
        for lang in dossier.versions
        if text_of(before, lang) != text_of(dossier, lang)
    }
    specs = [
        spec
        for spec in pipeline.plan(previous.graph)
        if previous.dependencies.get(spec.output, frozenset()) & shown
        and not lists_site(previous.dependencies.get(spec.output))
    ]
    return pipeline.render_pages(graph, specs).pages if specs else None


def _same_but_texts(before: Dossier, after: Dossier) -> bool:
    """Whether two dossiers differ in their texts at most (what a preview may show)."""

    def beyond_texts(dossier: Dossier) -> tuple[object, ...]:
        dates = tuple((v.translated_from, v.publish_date) for v in dossier.versions.values())
        refs = sorted((ref.slug, ref.kind, ref.path) for ref in dossier.refs)
        return (dossier.section, dossier.data, link_face(dossier), dates, refs)

    return beyond_texts(before) == beyond_texts(after)


def finish_rebuild(
    pipeline: Pipeline, previous: SiteState, first: FirstPages
) -> tuple[SiteState, Update]:
    """The rest of the rebuild `render_first` began: the new state, the files to write
    (the first pages included) and to delete; raise ExplainerError on errors."""
    graph, changed = first.graph, first.changed
    rest = pipeline.render_pages(graph, list(first.later))
    pages = {**first.rendered.pages, **rest.pages}
    ids = {**previous.ids, **first.rendered.ids, **rest.ids}
    dependencies = {**previous.dependencies, **first.rendered.dependencies, **rest.dependencies}
    # Theme files and content images are diffed on every rebuild (cheap, and never stale).
    static = {**pipeline.static(), **pipeline.images(graph.model)}
    redo = first.redo_outputs
    whole = pipeline.outputs(graph, first.whole, redo) if redo else {}
    for name in whole:
        dependencies[name] = frozenset({ALL})
    candidates = {**pages, **static, **whole}
    outputs = set(first.outputs) | static.keys() | whole.keys()
    # The files of the formats not made again are as they were.
    kept = {name for f in OUTPUTS if f.name not in redo for name in f.paths(pipeline.config)}
    outputs |= kept & previous.digests.keys()
    delete = tuple(sorted(name for name in previous.digests if name not in outputs))
    for name in delete:
        dependencies.pop(name, None)
        ids.pop(output_to_site_path(name), None)
    warnings = tuple(pipeline.review(graph.model, ids, made=static))
    raise_if_errors(warnings)
    write = diff_files(previous.digests, candidates)
    digests = {k: v for k, v in previous.digests.items() if k not in delete}
    digests.update((name, digest_of(content)) for name, content in write.items())
    state = SiteState(graph, digests, dependencies, first.config_and_templates, ids)
    return state, Update(write, delete, tuple(sorted(pages)), changed, False, warnings)


def _outputs_to_redo(old: Graph, new: Graph, changed: frozenset[Dependency]) -> frozenset[str]:
    """The output formats to make again: they read every dossier but no body, so each on
    any change to content but an edit of bodies alone; and one that shows no titles or
    texts (the sitemap) not on an edit of titles and texts alone."""
    if not changed or bodies_only(old, new, changed):
        return frozenset()
    words = words_only(old, new, changed)
    return frozenset(f.name for f in OUTPUTS if f.shows_words or not words)


def rebuild(pipeline: Pipeline, previous: SiteState | None) -> tuple[SiteState, Update]:
    """The new state and the files to write and delete; raise ExplainerError on errors."""
    first = render_first(pipeline, previous, split=False)
    if previous is None or first is None:
        return full_rebuild(pipeline, previous)
    return finish_rebuild(pipeline, previous, first)


def full_rebuild(pipeline: Pipeline, previous: SiteState | None) -> tuple[SiteState, Update]:
    """Everything rebuilt (a first build, or site.yaml or a template changed)."""
    return _full(pipeline, previous, config_and_templates_digest(pipeline.config))


def _full(
    pipeline: Pipeline, previous: SiteState | None, config_and_templates: str
) -> tuple[SiteState, Update]:
    result = pipeline.build()
    state = state_from_build(result, config_and_templates)
    old = previous.digests if previous else {}
    write = diff_files(old, result.files)
    delete = tuple(sorted(set(old) - set(result.files)))
    rendered = tuple(sorted(result.dependencies))
    return state, Update(write, delete, rendered, frozenset(), True, result.warnings)
