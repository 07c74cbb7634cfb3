"""Incremental rebuilds: from the previous build and the changed content, what to write.

The dependency graph is the one the pages declare (`Context.used`, kept per
output file in `BuildResult.dependencies`), never a guess. A rebuild:

1. reloads and relinks the model (parsing is cheap);
2. finds the changed slugs: every dossier whose value differs, appeared or
   disappeared, and every slug whose derived view in the graph changed (its
   backlinks, relationships, people, mentions, citations, quotes, timeline
   or current stance), so a new relationship reaches its actors' pages;
3. re-renders only the pages whose previous dependencies meet the changed
   slugs (or are `*`), plus pages that did not exist before;
4. compares bytes: only files whose content changed are written, and the
   files of pages that no longer exist are deleted.

A change to `site.yaml` or a template means a full rebuild. The functions
here are pure except `load_graph` (reads content/) and `apply_update`
(writes the output folder).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from generator.content.config import SiteConfig
from generator.content.frontmatter import FrontMatter, parse_front_matter
from generator.content.load import load_content
from generator.errors import ExplainerError, raise_if_errors
from generator.graph.build_graph import Graph, link_model, resolve_references
from generator.pipeline.site import BuildResult, build_site, graph_files, render_spec, static_files
from generator.site.kinds import PageSpec, plan_pages
from generator.site.render import make_environment

ALL = "*"
# Graph views keyed by slug: a change in any of them changes what pages show for that slug.
GRAPH_VIEWS = (
    "backlinks",
    "relationships_of",
    "people_of",
    "mentioned_in",
    "cited_by",
    "quotes_about",
    "quotes_by",
    "timeline_of",
    "stance_of",
)


@dataclass(frozen=True)
class SiteState:
    """What the served folder holds: the graph it was built from, and per output file
    the digest of its bytes and the dossier slugs it depends on."""

    graph: Graph
    digests: Mapping[str, str]
    dependencies: Mapping[str, frozenset[str]]
    inputs: str  # fingerprint of site.yaml and templates/ (a change → full rebuild)


@dataclass(frozen=True)
class Update:
    write: Mapping[str, bytes]  # output path → new bytes (only files that changed)
    delete: tuple[str, ...]
    rendered: tuple[str, ...]  # pages rendered (a page rendered to the same bytes is not written)
    changed_slugs: frozenset[str] = field(default_factory=frozenset)
    full: bool = False


def digest(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def inputs_fingerprint(config: SiteConfig) -> str:
    """A fingerprint of everything whose change needs a full rebuild."""
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
        try:
            parts.append(f"{path}:{digest(path.read_bytes())}")
        except OSError:
            parts.append(f"{path}:missing")
    return digest("\n".join(parts).encode())


def state_from_build(result: BuildResult, inputs: str) -> SiteState:
    return SiteState(
        graph=result.graph,
        digests={name: digest(content) for name, content in result.files.items()},
        dependencies=dict(result.dependencies),
        inputs=inputs,
    )


def changed_slugs(old: Graph, new: Graph) -> frozenset[str]:
    """Slugs whose dossier or derived graph view differs between two graphs."""
    old_d, new_d = old.model.dossiers, new.model.dossiers
    changed = {slug for slug in old_d.keys() | new_d.keys() if old_d.get(slug) != new_d.get(slug)}
    for view in GRAPH_VIEWS:
        before: Mapping[str, object] = getattr(old, view)
        after: Mapping[str, object] = getattr(new, view)
        changed.update(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
    return frozenset(changed)


def affected_pages(
    specs: Iterable[PageSpec],
    dependencies: Mapping[str, frozenset[str]],
    changed: frozenset[str],
) -> list[PageSpec]:
    """The pages to re-render: new pages, and pages that read a changed slug (or all)."""
    out = []
    for spec in specs:
        used = dependencies.get(spec.output)
        if used is None or (changed and (ALL in used or used & changed)):
            out.append(spec)
    return out


def diff_files(old_digests: Mapping[str, str], candidates: Mapping[str, bytes]) -> dict[str, bytes]:
    """The candidate files whose bytes differ from what was written before."""
    return {
        name: content
        for name, content in sorted(candidates.items())
        if old_digests.get(name) != digest(content)
    }


@dataclass
class FrontMatterCache:
    """`parse_front_matter` remembered per file by a hash of its text.

    Parsing YAML is most of a small rebuild's cost; the server owns one cache
    and passes it to every rebuild. A file whose YAML is broken is not cached.
    """

    entries: dict[str, tuple[str, FrontMatter]] = field(default_factory=dict)

    def __call__(self, text: str, path: str) -> FrontMatter:
        key = digest(text.encode("utf-8"))
        hit = self.entries.get(path)
        if hit is not None and hit[0] == key:
            return hit[1]
        front = parse_front_matter(text, path)
        self.entries[path] = (key, front)
        return front


def load_graph(
    config: SiteConfig, *, drafts: bool = False, cache: FrontMatterCache | None = None
) -> Graph:
    """Load and link the content; raise ExplainerError with every problem."""
    model, problems = load_content(
        config, include_drafts=drafts, parse_front=cache or parse_front_matter
    )
    raise_if_errors([*problems, *resolve_references(model)])
    return link_model(model)


def rebuild(
    config: SiteConfig,
    previous: SiteState | None,
    *,
    drafts: bool = False,
    cache: FrontMatterCache | None = None,
) -> tuple[SiteState, Update]:
    """The new state and the files to write and delete; raise ExplainerError on errors."""
    inputs = inputs_fingerprint(config)
    if previous is None or previous.inputs != inputs:
        return _full(config, previous, inputs, drafts=drafts)
    graph = load_graph(config, drafts=drafts, cache=cache)
    changed = changed_slugs(previous.graph, graph)
    specs = plan_pages(graph.model)
    outputs = {spec.output for spec in specs}
    env = make_environment(config.templates_dir)
    rendered: dict[str, bytes] = {}
    dependencies = dict(previous.dependencies)
    for spec in affected_pages(specs, previous.dependencies, changed):
        rendered[spec.output], dependencies[spec.output] = render_spec(env, graph, spec)
    static = static_files(config)
    # Feeds, sitemap and the like read every dossier: redone on any content change.
    whole = graph_files(graph) if changed else {}
    for name in whole:
        dependencies[name] = frozenset({ALL})
    candidates = {**rendered, **static, **whole}
    outputs |= static.keys() | whole.keys()
    if not changed:  # the whole-site files are as they were
        outputs |= {name for name, used in previous.dependencies.items() if ALL in used}
    delete = tuple(sorted(name for name in previous.digests if name not in outputs))
    for name in delete:
        dependencies.pop(name, None)
    write = diff_files(previous.digests, candidates)
    digests = {k: v for k, v in previous.digests.items() if k not in delete}
    digests.update((name, digest(content)) for name, content in write.items())
    state = SiteState(graph, digests, dependencies, inputs)
    return state, Update(write, delete, tuple(sorted(rendered)), changed)


def _full(
    config: SiteConfig, previous: SiteState | None, inputs: str, *, drafts: bool
) -> tuple[SiteState, Update]:
    result = build_site(config, drafts=drafts)
    state = state_from_build(result, inputs)
    old = previous.digests if previous else {}
    write = diff_files(old, result.files)
    delete = tuple(sorted(set(old) - set(result.files)))
    return state, Update(write, delete, tuple(sorted(result.dependencies)), frozenset(), True)


def apply_update(out: Path, update: Update) -> None:
    """Write and delete files in place in the (already built) output folder."""
    root = out.resolve()
    for name, content in update.write.items():
        path = _inside(root, name)
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(content)
            os.chmod(temp, 0o644)
            os.replace(temp, path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
    for name in update.delete:
        path = _inside(root, name)
        path.unlink(missing_ok=True)
        parent = path.parent
        while parent != root and parent.is_dir() and not any(parent.iterdir()):
            parent.rmdir()
            parent = parent.parent


def _inside(root: Path, name: str) -> Path:
    path = (root / name).resolve()
    if root not in path.parents:
        raise ExplainerError.single(name, None, "page path escapes the output folder")
    return path
