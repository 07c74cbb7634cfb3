"""`check` as a run of the pipeline that stops before writing.

It loads, resolves and (when nothing failed) links and renders in memory
exactly as `build` does, then runs the same rules (`Pipeline.review`).
Unlike the build it does not stop at the first failing stage: a writer sees
every problem at once, each with its file and line.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.content.config import load_config
from generator.errors import ExplainerError, Problem
from generator.graph.translations import DossierStatus, site_status
from generator.pipeline.stages import Pipeline
from generator.progress import SILENT, Progress


@dataclass(frozen=True)
class CheckReport:
    """What `check` found, and the translation status it reports."""

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


def check_site(root: Path, *, jobs: int | None = None, progress: Progress = SILENT) -> CheckReport:
    """Check the project at `root`; never raises for a writer-caused problem. `jobs`
    processes render at most (None: every core); `progress` is told of each stage."""
    try:
        config = load_config(root)
    except ExplainerError as exc:
        return CheckReport(exc.problems, (), (), 0)
    # One run, then the process ends, as a build: what it loads and links is frozen out of
    # the cyclic GC (else it walked them again and again: 0.3 s of a check at N=1000).
    pipeline = Pipeline(config, one_shot=True, jobs=jobs, progress=progress)
    loaded = pipeline.load()
    problems = list(loaded.problems)
    ids: dict[str, frozenset[str]] = {}
    if loaded.ok:  # the same condition as the build: render only a model that links
        try:
            ids = dict(pipeline.render_pages(pipeline.link(loaded)).ids)
        except ExplainerError as exc:
            problems += exc.problems
    problems += pipeline.review(loaded.model, ids, build=False)
    # A file that failed to load is not also reported as untranslated.
    unreadable = loaded.model.unreadable
    problems = [p for p in problems if p.severity == "error" or _slug_of(p.path) not in unreadable]
    unique = sorted(set(problems), key=_order)
    return CheckReport(tuple(unique), site_status(loaded.model), config.language_codes, len(ids))


def _order(problem: Problem) -> tuple[str, int, int, str, str]:
    return (problem.path, problem.line or 0, problem.column or 0, problem.severity, problem.message)


def _slug_of(path: str) -> str:
    return Path(path).name.split(".")[0]
