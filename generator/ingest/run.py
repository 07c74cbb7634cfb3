"""The ingest command: article files in, dossiers written, a report out.

Owns the order of a whole run: from the site's validated config, the
articles' language, its rules and discovery words, and the gazetteer; each
article read and analysed (one unreadable file never stops the others), the
actors a writer accepts from the run's candidates added and every article
read again with them, slugs made unique and matched to existing sources by
their `seed:`, stubs planned for the accepted actors, for relationships and
for actors without a dossier, then every file written through the manifest
at once, all or nothing (`write.apply`, through the project's journal).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import generator.ingest.budget as budget
from generator.content.config import SiteConfig
from generator.errors import ExplainerError, Problem
from generator.ingest.accept import NewActor, accepted_gazetteer, actor_stubs, new_only
from generator.ingest.actors import Gazetteer, load_gazetteer
from generator.ingest.analyse import analyse
from generator.ingest.candidates import merge_candidates
from generator.ingest.discovery import Discovery, load_discovery
from generator.ingest.language import SiteLanguages, site_languages
from generator.ingest.plan import (
    Planned,
    actor_files,
    as_written,
    dossier_exists,
    earlier_timeline,
    relationship_files,
    source_files,
    sources_by_seed,
)
from generator.ingest.read import read_article
from generator.ingest.records import (
    Analysis,
    ArticleReport,
    Candidate,
    FileAction,
    Finding,
    IngestReport,
)
from generator.ingest.reminders import merged, split
from generator.ingest.rules import Rules, load_rules
from generator.ingest.write import Manifest, apply, load_manifest, owned_unchanged
from generator.progress import SILENT, Progress

Evidence = tuple[Finding, str, str | None]


Chooser = Callable[[Sequence[Candidate]], Sequence[NewActor]]


def ingest(
    config: SiteConfig,
    paths: Sequence[Path],
    *,
    dry_run: bool = False,
    choose: Chooser | None = None,
    progress: Progress = SILENT,
) -> IngestReport:
    """Read every article in `paths` (files, or folders of *.txt) into the site of `config`.

    `choose`: the actors the writer accepts, given the run's candidates (each with a
    kind proposed from the site's vocabulary); they are created and the articles
    read again with them, all in this run. `progress` is told of each article read.
    """
    root = config.root
    actor_kinds = config.vocabulary.codes("actor_kinds")
    problems: list[Problem] = []
    languages = site_languages(config)
    rules, rule_problems = load_rules(languages.original, config)
    if any(p.severity == "error" for p in rule_problems):
        # A pattern that does not compile or could backtrack for ever: no article is read.
        raise ExplainerError(rule_problems)
    actors = root / "content" / "actors"
    gazetteer, gazetteer_problems = load_gazetteer(actors, root, languages.original.code)
    problems += [*rule_problems, *gazetteer_problems]
    files, missing = _collect(root, paths)
    problems += missing
    discovery = load_discovery(rules, languages.codes)
    manifest = load_manifest(root)
    by_seed = sources_by_seed(root)

    progress.stage("reading articles", len(files))
    analysed, early = _analyse_all(root, files, rules, gazetteer, discovery, by_seed, manifest,
                                   progress)  # fmt: skip
    accepted: list[NewActor] = []
    if choose is not None:
        # the writer's actors first, then every article again: sources tagged in one run
        proposed = merge_candidates([(a[0], a[1].candidates) for a in analysed], actor_kinds)
        accepted = new_only(root, choose(proposed), gazetteer)
        if accepted:
            gazetteer = accepted_gazetteer(gazetteer, accepted)
            progress.stage("reading articles with the accepted actors", len(files))
            analysed, early = _analyse_all(root, files, rules, gazetteer, discovery, by_seed,
                                           manifest, progress)  # fmt: skip

    planned: list[Planned] = actor_stubs(accepted, languages)
    evidence: dict[tuple[str, str], list[Evidence]] = defaultdict(list)
    referenced: set[str] = set()
    for _, analysis, slug, writable in analysed:
        if writable:
            planned += source_files(analysis, slug, languages)
        for finding in analysis.findings:
            evidence[finding.actors].append((finding, slug, analysis.metadata.date))
            referenced.update(finding.actors)
        for actor in analysis.actors:
            affiliation = gazetteer.actors[actor].affiliation if actor in gazetteer.actors else None
            if affiliation:
                referenced.add(affiliation)
    shared_kept: list[FileAction] = []
    told: dict[str, list[str]] = defaultdict(list)  # reminders given in this run
    for pair in sorted(evidence):
        planned_pair, kept = _relationship(
            root, pair, evidence[pair], gazetteer, languages, manifest, told
        )
        planned += planned_pair
        shared_kept += kept
    texts = ["\n".join(a[1].clean.paragraphs) for a in analysed]
    for slug in sorted(referenced - set(gazetteer.actors)):
        if not dossier_exists(root, "actors", slug):
            planned += actor_files(slug, languages, as_written(slug, texts))

    notes: dict[str, tuple[tuple[str, ...], int]] = {}
    for _, analysis, slug, _ in analysed:
        key = f"content/sources/{slug}"
        fresh, given = split(manifest.reminded, key, analysis.review)
        notes[slug] = (fresh, len(given))
        told[key] += analysis.review
    reminded = merged(manifest.reminded, told)
    what = "ingest --accept" if accepted else "ingest"  # named if a kill leaves it to finish
    progress.stage("writing dossiers")
    actions, _ = apply(root, planned, manifest, dry_run=dry_run, reminded=reminded, what=what)
    owner = {p.path: p.owner for p in planned}
    articles = list(early)
    for shown, analysis, slug, writable in analysed:
        mine = [a for a in actions if owner.get(a.path) == slug]
        if not writable:
            mine.append(FileAction(f"content/sources/{slug}", "kept", "a writer's source dossier"))
        fresh_notes, repeated = notes[slug]
        articles.append(ArticleReport(shown, analysis, tuple(mine), (), fresh_notes, repeated))
    shared = [a for a in actions if not owner.get(a.path)] + shared_kept
    articles.sort(key=lambda a: a.path)
    found = [(shown, analysis.candidates) for shown, analysis, _, _ in analysed]
    candidates = merge_candidates(found, actor_kinds)
    return IngestReport(tuple(articles), tuple(shared), tuple(problems), dry_run, candidates)


Analysed = tuple[str, Analysis, str, bool]  # shown, analysis, source slug, writable


def _analyse_all(
    root: Path,
    files: Sequence[tuple[Path, str]],
    rules: Rules,
    gazetteer: Gazetteer,
    discovery: Discovery,
    by_seed: dict[str, str],
    manifest: Manifest,
    progress: Progress,
) -> tuple[list[Analysed], list[ArticleReport]]:
    """Every article read and analysed; one unreadable or too slow never stops the others."""
    analysed: list[Analysed] = []
    early: list[ArticleReport] = []
    used: set[str] = set()
    for path, shown in files:
        progress.advance()  # at its start: the line shows the article being read
        result = read_article(path, shown, root)
        if result.text is None:
            early.append(ArticleReport(shown, None, problems=_some(result.problem)))
            continue
        try:
            with budget.time_budget(budget.ARTICLE_SECONDS):
                analysis = analyse(path.name, result.text, rules, gazetteer, discovery)
        except budget.OverBudget:
            message = (
                f"analysis stopped after {budget.ARTICLE_SECONDS:.0f} s: the article is too long "
                "for the rules, or a pattern added under `ingest:` in site.yaml is too slow on "
                "it; split the article, or simplify that pattern"
            )
            early.append(ArticleReport(shown, None, problems=(Problem(shown, None, message),)))
            continue
        except Exception as exc:  # one article must never stop the others
            problem = Problem(shown, None, f"could not be analysed ({type(exc).__name__}: {exc})")
            early.append(ArticleReport(shown, None, problems=(problem,)))
            continue
        slug, writable = _slug_for(root, analysis, by_seed, used, manifest.files)
        used.add(slug)
        analysed.append((shown, analysis, slug, writable))
    return analysed, early


def _collect(root: Path, paths: Sequence[Path]) -> tuple[list[tuple[Path, str]], list[Problem]]:
    files: list[tuple[Path, str]] = []
    problems: list[Problem] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            # A FIFO or device named *.txt is passed on: read_article refuses it by name.
            files += [(p, _shown(p, root)) for p in sorted(path.glob("*.txt")) if not p.is_dir()]
        elif path.exists():
            files.append((path, _shown(path, root)))
        else:
            problems.append(Problem(_shown(path, root), None, "no such file or folder", "warning"))
    unique = dict.fromkeys(files)
    return list(unique), problems


def _slug_for(
    root: Path,
    analysis: Analysis,
    by_seed: dict[str, str],
    used: set[str],
    recorded: Mapping[str, str],
) -> tuple[str, bool]:
    """The existing source's slug for this seed, else a fresh unique one."""
    if analysis.seed in by_seed:
        slug = by_seed[analysis.seed]
        ours = all(p in recorded for p in dossier_exists(root, "sources", slug))
        return slug, ours
    base = analysis.source_slug
    slug, n = base, 1
    while slug in used or dossier_exists(root, "sources", slug):
        n += 1
        slug = f"{base}-{n}"
    return slug, True


def _relationship(
    root: Path,
    pair: tuple[str, str],
    evidence: list[Evidence],
    gazetteer: Gazetteer,
    languages: SiteLanguages,
    manifest: Manifest,
    told: dict[str, list[str]],
) -> tuple[list[Planned], list[FileAction]]:
    slug = f"{pair[0]}--{pair[1]}"
    existing = dossier_exists(root, "relationships", slug)
    if existing and not all(p in manifest.files for p in existing):
        # the timeline (language-neutral keys) lives in the original-language file
        original = f".{languages.original.code}.md"
        timeline = next((p for p in existing if p.endswith(original)), existing[0])
        items = [f"{source}: {f.stance} {f.type}: {f.sentence}" for f, source, _ in evidence]
        fresh, _ = split(manifest.reminded, timeline, items)
        told[timeline] += items
        if not fresh:
            return [], [FileAction(timeline, "kept", "a writer's dossier; no new evidence")]
        sources = ", ".join(sorted({item.split(":")[0] for item in fresh}))
        reason = f"a writer's dossier; add the new evidence from {sources} to {timeline} by hand"
        return [], [FileAction(timeline, "kept", reason)]
    rel = f"content/relationships/{slug}.{languages.original.code}.md"
    earlier = earlier_timeline(root, rel) if owned_unchanged(root, rel, manifest) else []
    return relationship_files(pair, evidence, earlier, gazetteer, languages), []


def _shown(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _some(problem: Problem | None) -> tuple[Problem, ...]:
    return (problem,) if problem is not None else ()
