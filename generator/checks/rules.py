"""The rules a site is checked against, beyond what loading and linking enforce.

Each rule reads the model and returns `Problem`s with file and line:
translations (missing, stale, and in the wrong language), dossiers without sources,
sources nobody cites, aliases two actors share, old slugs (`redirect_from`) two
dossiers claim or a live dossier has, drafts, texts still as ingest generated
them. `MODEL_RULES` is the one list, run
by both `explainer check` and `explainer build` (where `--strict` makes its
warnings errors). Links and anchors in rendered pages are `checks.links`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from generator.checks.language import wrong_language
from generator.checks.timeline import (
    events_after_an_end,
    events_after_their_sources,
    memberships_without_a_group,
    undated_events,
)
from generator.content.model import ActorData, Dossier, Model, RelationshipData, SourceData
from generator.errors import Problem
from generator.graph.translations import stale_problems, translation_warnings

SOURCED_KINDS = ("cite", "source")


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
    cited: set[str] = set()
    for dossier in model.dossiers.values():
        cited.update(dossier.derive("cites", _cites))
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


def _cites(dossier: Dossier) -> frozenset[str]:
    """The other dossiers it cites (kept with it: see `Dossier.derive`)."""
    return frozenset(
        ref.slug for ref in dossier.refs if ref.kind in SOURCED_KINDS and ref.slug != dossier.slug
    )


def duplicate_aliases(model: Model) -> list[Problem]:
    """An error for every alias two actors share in one language (the ingester cannot choose)."""
    languages = model.config.language_codes
    # Each actor's aliases, as the rule reads them, stay with the actor (`Dossier.derive`):
    # a rebuild reads those of the actors that changed only.
    held, key = partial(_aliases_held, languages=languages), f"aliases held {languages!r}"
    owners: dict[tuple[str, str], list[AliasHolder]] = defaultdict(list)
    for dossier in model.in_section("actors"):
        for lang, norm, holder in dossier.derive(key, held):
            owners[(lang, norm)].append(holder)
    out: list[Problem] = []
    shared = sorted((name, holders) for name, holders in owners.items() if len(holders) > 1)
    for (lang, _), holders in shared:
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


AliasHolder = tuple[str, str, int | None]  # the actor's slug, the file and line of its alias


def _aliases_held(
    dossier: Dossier, languages: tuple[str, ...]
) -> tuple[tuple[str, str, AliasHolder], ...]:
    """(language, alias as compared, holder) of each alias an actor has in each language."""
    data = dossier.data
    if not isinstance(data, ActorData):
        return ()
    held = []
    lines = _alias_lines(dossier)
    for key, names in data.aliases.items():
        for index, name in enumerate(names):
            path, line = lines.get((key, index), (dossier.any_path, None))
            norm = name if name.isupper() else name.casefold()
            for lang in languages if key == "*" else (key,):
                held.append((lang, norm, (dossier.slug, path, line)))
    return tuple(held)


def _alias_lines(dossier: Dossier) -> dict[tuple[str, int], tuple[str, int | None]]:
    """(language or '*', index) → (file, line) of each alias, from the lines kept at load."""
    out: dict[tuple[str, int], tuple[str, int | None]] = {}
    data = dossier.data
    if not isinstance(data, ActorData):
        return out
    for version in dossier.versions.values():
        for key, names in data.aliases.items():
            for index in range(len(names)):
                line = version.line_of(
                    f"aliases.{index}" if key == "*" else f"aliases.{key}.{index}"
                )
                if line is not None:
                    out[(key, index)] = (version.path, line)
    return out


def redirect_conflicts(model: Model) -> list[Problem]:
    """An error for an old slug two dossiers claim (one redirect page would silently win),
    and for one that names a live dossier (its page wins: the redirect is never made)."""
    claims: dict[str, list[tuple[str, str, int | None]]] = defaultdict(list)
    for dossier in model.dossiers.values():
        for version in dossier.versions.values():
            for index, old in enumerate(version.redirect_from):
                line = version.line_of(f"redirect_from.{index}") or version.line_of("redirect_from")
                claims[old].append((dossier.slug, version.path, line))
    out: list[Problem] = []
    for old, holders in sorted(claims.items()):
        owners = sorted({slug for slug, _, _ in holders})
        live = model.dossiers.get(old)
        for slug, path, line in holders:
            if live is not None:
                where = "this dossier's own slug" if live.slug == slug else "a live dossier's"
                message = (
                    f"redirect_from '{old}' is {where} ({_default_path(model, live)}): "
                    "its page wins and the redirect is never made; remove it from redirect_from"
                )
            elif len(owners) > 1:
                others = [f"{p}:{n}" for s, p, n in holders if s != slug]
                message = (
                    f"redirect_from '{old}' is also claimed by {', '.join(sorted(set(others)))}: "
                    "an old URL redirects to one page only; keep it in one dossier"
                )
            else:
                continue
            out.append(Problem(path, line, message))
    return out


def drafts(model: Model) -> list[Problem]:
    """A warning for every file marked `draft: true` (it is not published)."""
    return [
        Problem(
            version.path,
            version.line_of("draft"),
            f"draft: '{slug}' ({version.lang}) is not published until `draft: true` is removed",
            severity="warning",
        )
        for slug, version in model.draft_files
    ]


def generated_texts(model: Model) -> list[Problem]:
    """A warning for every body and timeline event still as the ingester wrote it
    (drafts included: ingest writes its stubs as drafts)."""
    files = {
        version.path: (slug, version)
        for slug, dossier in model.dossiers.items()
        for version in dossier.versions.values()
    }
    files.update({version.path: (slug, version) for slug, version in model.draft_files})
    out = []
    for _, (slug, version) in sorted(files.items()):
        if version.generated:
            message = (
                f"'{slug}' ({version.lang}): the text is still as ingest generated it from "
                "the evidence: read the sources and write it"
            )
            out.append(Problem(version.path, version.line_of("generated"), message, "warning"))
        for line in version.generated_events:
            message = (
                f"'{slug}': this event's text is still as ingest generated it: check it "
                "against its source and rewrite it"
            )
            out.append(Problem(version.path, line, message, "warning"))
    return out


@dataclass(frozen=True)
class Rule:
    """A named model check, and whether a build runs it."""

    name: str
    run: Callable[[Model], list[Problem]]
    # A draft is a writer's intent, not a fault: `check` lists drafts, a build does not fail on them.
    in_build: bool = True


# Every rule that reads the model alone; `check` and `build` run the same list.
MODEL_RULES: tuple[Rule, ...] = (
    Rule("translations", translation_warnings),
    Rule("stale-translations", stale_problems),
    Rule("unsourced", unsourced_dossiers),
    Rule("uncited", uncited_sources),
    Rule("duplicate-aliases", duplicate_aliases),
    Rule("redirects", redirect_conflicts),
    Rule("drafts", drafts, in_build=False),
    Rule("generated", generated_texts, in_build=False),
    Rule("undated-events", undated_events),
    Rule("events-after-sources", events_after_their_sources),
    Rule("wrong-language", wrong_language),
    Rule("events-after-an-end", events_after_an_end),
    Rule("memberships-without-a-group", memberships_without_a_group),
)


def model_problems(model: Model, *, build: bool = False) -> list[Problem]:
    return [p for rule in MODEL_RULES if rule.in_build or not build for p in rule.run(model)]
