"""The candidates file a writer reviews: proposed actors written out, the choice read back.

Owns the file `explainer ingest --candidates FILE` writes and `--accept-file
FILE` reads: one entry per candidate actor with `accept`, `slug`, `kind`,
`aliases` (and `affiliation`) for the writer to edit, and what shows it
(`confidence`, `articles`, `evidence`) to decide by. Written again, the file
keeps every entry as the writer left it (their choices, their comments) and
only appends candidates it does not list yet. Read back, every mistake is a
`Problem` at its line (an unknown kind, a slug that is no slug, an alias
that is not text); nothing is accepted from a file with one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import yaml

from generator.content.frontmatter import parse_yaml_mapping
from generator.content.shapes import SLUG
from generator.errors import ExplainerError, Problem, did_you_mean
from generator.ingest.accept import NewActor
from generator.ingest.records import Candidate
from generator.ingest.text import slugify

PRESELECT = 0.8  # candidates this sure are proposed with `accept: true`
HEADER = """\
# Candidate actors proposed by `explainer ingest`. Review each: set `accept`
# to true for the actors to create (those at least {preselect} sure are set
# already), and correct `slug`, `kind` and `aliases`. Then run
#   explainer ingest <articles> --accept-file {name}
# to create the accepted actors and tag the sources with them in one run.
# Running `--candidates` again keeps your entries as they are and adds new ones.
candidates:
"""


def proposal_text(
    candidates: Sequence[Candidate], previous: str | None, shown: str, kinds: Sequence[str]
) -> str:
    """The file's text: `previous` (the writer's, checked) with new candidates appended."""
    listed: set[str] = set()
    if previous is not None:
        data, lines = parse_yaml_mapping(previous, shown)
        _entries(data, lines, shown, kinds)  # refuse to append to a file with mistakes
        for entry in data.get("candidates") or ():
            listed |= {n.casefold() for n in _names(entry)}
    text = previous if previous is not None else HEADER.format(preselect=PRESELECT, name=shown)
    new = [c for c in candidates if not {n.casefold() for n in (c.name, *c.aliases)} & listed]
    if new and not text.endswith("\n"):
        text += "\n"
    return text + "".join(_entry_text(c) for c in new)


def _names(entry: Any) -> list[str]:
    if not isinstance(entry, dict):
        return []
    names = [entry.get("name"), *(entry.get("aliases") or [])]
    return [n for n in names if isinstance(n, str)]


def _entry_text(candidate: Candidate) -> str:
    entry: dict[str, Any] = {
        "name": candidate.name,
        "accept": candidate.confidence >= PRESELECT,
        "slug": candidate.slug,
        "kind": candidate.kind,
        "aliases": list(candidate.aliases),
    }
    if candidate.kind == "person":
        entry["affiliation"] = None
    entry["confidence"] = candidate.confidence
    entry["articles"] = list(candidate.articles)
    entry["evidence"] = list(candidate.sentences)
    body = yaml.safe_dump([entry], allow_unicode=True, sort_keys=False, width=88)
    return "".join(f"  {line}\n" for line in body.splitlines())


def read_choices(text: str, shown: str, kinds: Sequence[str]) -> list[NewActor]:
    """The accepted entries of a reviewed candidates file."""
    data, lines = parse_yaml_mapping(text, shown)
    return [actor for actor, accepted in _entries(data, lines, shown, kinds) if accepted]


def _entries(
    data: Mapping[str, Any], lines: Mapping[str, int], shown: str, kinds: Sequence[str]
) -> list[tuple[NewActor, bool]]:
    problems: list[Problem] = []
    entries = data.get("candidates")
    if entries is None:
        entries = []
    if not isinstance(entries, list):
        raise ExplainerError.single(shown, lines.get("candidates"), "`candidates` must be a list")
    out = []
    slugs: dict[str, int] = {}
    for index, entry in enumerate(entries):
        at = f"candidates.{index}"

        def problem(key: str, message: str, at: str = at) -> None:
            problems.append(Problem(shown, lines.get(f"{at}.{key}", lines.get(at)), message))

        if not isinstance(entry, dict):
            problem("", "each candidate must be a mapping with at least `name`")
            continue
        name = entry.get("name")
        if not isinstance(name, str) or not name.strip():
            problem("name", "`name` must be the actor's name, as text")
            continue
        accept = entry.get("accept", False)
        if not isinstance(accept, bool):
            problem("accept", f"`accept` must be true or false, not {accept!r}")
        slug = entry.get("slug") or slugify(name)
        if not isinstance(slug, str) or not SLUG.match(slug):
            problem("slug", f"`slug` {slug!r} must be lower-case letters, digits and hyphens")
            continue
        kind = entry.get("kind")
        if kind is not None and kind not in kinds:
            hint = did_you_mean(str(kind), kinds)
            problem(
                "kind", f"kind '{kind}' is not in the site's vocabulary ({', '.join(kinds)}){hint}"
            )
        aliases = entry.get("aliases") or []
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            problem("aliases", "`aliases` must be a list of names")
            aliases = []
        affiliation = entry.get("affiliation")
        if affiliation is not None and (
            not isinstance(affiliation, str) or not SLUG.match(affiliation)
        ):
            problem("affiliation", "`affiliation` must be an actor's slug")
            affiliation = None
        if accept is True and slug in slugs:
            problem(
                "slug",
                f"slug '{slug}' is accepted twice (also line {slugs[slug]}): give one another",
            )
        if accept is True:
            slugs.setdefault(slug, lines.get(at, 0))
        out.append(
            (NewActor(slug, name.strip(), kind, tuple(aliases), affiliation), accept is True)
        )
    if problems:
        raise ExplainerError(problems)
    return out
