"""`explainer check`: everything a writer should fix, without writing `public/`.

Unlike the build, it does not stop at the first failing stage: it collects
the load problems, resolves the references of everything that loaded, renders
the site in memory when the references resolve, and then checks plain
Markdown links and anchors, translations (missing and stale), dossiers
without sources, sources nobody cites, aliases two actors share, and drafts.
Every finding is a `Problem` with its file and line.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from generator.checks.links import check_links, output_to_site_path, page_ids
from generator.content.config import SiteConfig, load_config
from generator.content.frontmatter import parse_front_matter
from generator.content.load import find_content_files, load_content
from generator.content.model import ActorData, Dossier, Model, RelationshipData, SourceData
from generator.errors import ExplainerError, Problem
from generator.graph.build_graph import link_model, resolve_references, translation_warnings
from generator.graph.translations import DossierStatus, site_status, stale_problems
from generator.pipeline.site import render_spec, static_files
from generator.site.kinds import plan_pages
from generator.site.render import make_environment

DRAFT_LINE = re.compile(r"^draft:\s*(true|True|yes)\s*(#.*)?$")
SOURCED_KINDS = ("cite", "source")


@dataclass(frozen=True)
class CheckReport:
    problems: tuple[Problem, ...]
    statuses: tuple[DossierStatus, ...]  # empty when the model did not load
    languages: tuple[str, ...]
    pages_rendered: int

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for p in self.problems if p.severity == "warning")


def check_project(root: Path) -> CheckReport:
    """Check the project at `root`; never raises for a writer-caused problem."""
    try:
        config = load_config(root)
    except ExplainerError as exc:
        return CheckReport(exc.problems, (), (), 0)
    model, problems = load_content(config)
    problems = list(problems)
    reference_problems = resolve_references(model)
    problems += reference_problems
    problems += translation_warnings(model)
    problems += stale_problems(model)
    problems += unsourced_dossiers(model)
    problems += uncited_sources(model)
    problems += duplicate_aliases(model)
    problems += drafts(config)
    known, ids, rendered, render_problems = _render(model, config, ok=not reference_problems)
    problems += render_problems
    problems += check_links(model, known, ids)
    # A file that failed to load is not also reported as untranslated.
    files, _ = find_content_files(config)
    broken = {str(f.path) for f in files if f.slug in model.unreadable}
    problems = [p for p in problems if p.severity == "error" or p.path not in broken]
    unique = sorted(set(problems), key=_order)
    return CheckReport(tuple(unique), site_status(model), config.language_codes, rendered)


def _order(problem: Problem) -> tuple[str, int, int, str, str]:
    return (problem.path, problem.line or 0, problem.column or 0, problem.severity, problem.message)


def _render(
    model: Model, config: SiteConfig, *, ok: bool
) -> tuple[frozenset[str], dict[str, frozenset[str]], int, list[Problem]]:
    """The site's paths, the ids on each rendered page, and render problems."""
    known = {spec.path for spec in plan_pages(model)}
    known.update("/" + name for name in static_files(config))
    ids: dict[str, frozenset[str]] = {}
    if not ok:
        return frozenset(known), ids, 0, []
    try:
        graph = link_model(model)
        env = make_environment(config.templates_dir)
        for spec in plan_pages(model):
            html, _ = render_spec(env, graph, spec)
            path = output_to_site_path(spec.output)
            known.add(path)
            ids[path] = page_ids(html)
    except ExplainerError as exc:
        return frozenset(known), ids, len(ids), list(exc.problems)
    return frozenset(known), ids, len(ids), []


def _default_path(model: Model, dossier: Dossier) -> str:
    version = dossier.versions.get(model.config.default_language)
    return version.path if version else dossier.any_path


def unsourced_dossiers(model: Model) -> list[Problem]:
    """A warning for every actor or relationship that cites no source at all."""
    quoted = {
        slug
        for d in model.dossiers.values()
        if isinstance(d.data, SourceData)
        for q in d.data.quotes
        for slug in q.about
    }
    out = []
    for dossier in model.dossiers.values():
        if not isinstance(dossier.data, ActorData | RelationshipData):
            continue
        if dossier.slug in quoted or any(r.kind in SOURCED_KINDS for r in dossier.refs):
            continue
        out.append(
            Problem(
                _default_path(model, dossier),
                1,
                f"'{dossier.slug}' cites no source: add `sources: [source-slug]` or cite one "
                "in the text with [@source-slug]",
                severity="warning",
            )
        )
    return out


def uncited_sources(model: Model) -> list[Problem]:
    """A warning for every source no other dossier cites."""
    cited = {
        ref.slug
        for d in model.dossiers.values()
        for ref in d.refs
        if ref.kind in SOURCED_KINDS and ref.slug != d.slug
    }
    return [
        Problem(
            _default_path(model, dossier),
            1,
            f"source '{dossier.slug}' is cited by nothing: cite it with [@{dossier.slug}] "
            "or in a `sources:` list, or remove it",
            severity="warning",
        )
        for dossier in model.in_section("sources")
        if dossier.slug not in cited
    ]


def duplicate_aliases(model: Model) -> list[Problem]:
    """An error for every alias two actors share in one language (the ingester cannot choose)."""
    languages = model.config.language_codes
    owners: dict[tuple[str, str], list[tuple[str, str, int | None]]] = defaultdict(list)
    for dossier in model.in_section("actors"):
        data = dossier.data
        if not isinstance(data, ActorData):
            continue
        lines = _alias_lines(dossier)
        for key, names in data.aliases.items():
            for index, name in enumerate(names):
                path, line = lines.get((key, index), (dossier.any_path, None))
                norm = name if name.isupper() else name.casefold()
                for lang in languages if key == "*" else (key,):
                    owners[(lang, norm)].append((dossier.slug, path, line))
    out: list[Problem] = []
    for (lang, _), holders in sorted(owners.items()):
        slugs = sorted({slug for slug, _, _ in holders})
        if len(slugs) < 2:
            continue
        for slug, path, line in holders:
            others = ", ".join(f"'{s}'" for s in slugs if s != slug)
            out.append(
                Problem(
                    path,
                    line,
                    f"alias of '{slug}' in '{lang}' is also an alias of {others}: "
                    "the ingester cannot tell them apart; keep it on one actor",
                )
            )
    return out


def _alias_lines(dossier: Dossier) -> dict[tuple[str, int], tuple[str, int | None]]:
    """(language or '*', index) → (file, line) of each alias."""
    out: dict[tuple[str, int], tuple[str, int | None]] = {}
    for version in dossier.versions.values():
        try:
            front = parse_front_matter(Path(version.path).read_text(encoding="utf-8"), version.path)
        except (OSError, ExplainerError):
            continue
        aliases = front.data.get("aliases")
        if isinstance(aliases, list):
            for index in range(len(aliases)):
                out[("*", index)] = (version.path, front.line_of(f"aliases.{index}"))
        elif isinstance(aliases, dict):
            for lang, names in aliases.items():
                for index in range(len(names) if isinstance(names, list) else 0):
                    out[(str(lang), index)] = (
                        version.path,
                        front.line_of(f"aliases.{lang}.{index}"),
                    )
    return out


def drafts(config: SiteConfig) -> list[Problem]:
    """A warning for every file marked `draft: true` (it is not published)."""
    files, _ = find_content_files(config)
    out = []
    for file in files:
        try:
            lines = file.path.read_text(encoding="utf-8").split("\n")
        except (OSError, UnicodeDecodeError):
            continue
        fence = next((i for i in range(1, len(lines)) if lines[i].rstrip() == "---"), 0)
        for number, line in enumerate(lines[1:fence], 2):
            if DRAFT_LINE.match(line):
                out.append(
                    Problem(
                        str(file.path),
                        number,
                        f"draft: '{file.slug}' ({file.lang}) is not published until `draft: true` is removed",
                        severity="warning",
                    )
                )
    return out


# -- formatting -----------------------------------------------------------------


def format_text(report: CheckReport, display: Callable[[str], str]) -> str:
    lines = [replace(p, path=display(p.path)).format() for p in report.problems]
    files = len({p.path for p in report.problems})
    if report.problems:
        lines.append(f"{report.errors} error(s), {report.warnings} warning(s) in {files} file(s)")
    else:
        lines.append(f"clean: no problems ({report.pages_rendered} pages checked)")
    return "\n".join(lines)


def format_json(report: CheckReport, display: Callable[[str], str]) -> str:
    return json.dumps(
        {
            "errors": report.errors,
            "warnings": report.warnings,
            "pages_checked": report.pages_rendered,
            "problems": [
                {
                    "path": display(p.path),
                    "line": p.line,
                    "column": p.column,
                    "severity": p.severity,
                    "message": p.message,
                }
                for p in report.problems
            ],
        },
        indent=2,
        ensure_ascii=False,
    )


def format_translations(report: CheckReport, as_json: bool) -> str:
    """A table: one row per dossier, one column per language (translated/stale/missing)."""
    if as_json:
        return json.dumps(
            [
                {
                    "section": s.section,
                    "slug": s.slug,
                    "languages": {
                        ls.lang: {"status": ls.status, "current_hash": ls.current_hash}
                        for ls in s.languages
                    },
                }
                for s in report.statuses
            ],
            indent=2,
            ensure_ascii=False,
        )
    header = ["dossier", *report.languages]
    rows = [[f"{s.section}/{s.slug}", *(ls.status for ls in s.languages)] for s in report.statuses]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    out = [
        "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip()
        for row in [header, *rows]
    ]
    counts: dict[str, int] = defaultdict(int)
    for s in report.statuses:
        for ls in s.languages:
            counts[ls.status] += 1
    out.append(", ".join(f"{n} {status}" for status, n in sorted(counts.items())) or "no dossiers")
    return "\n".join(out)
