"""Accepting candidate actors: chosen names become stub actor dossiers.

Owns `accept_candidates(root, names, candidates, languages)`: for each
chosen name, a stub dossier per site language (`content/actors/<slug>.<lang>.md`,
draft, with the name as title and, in the articles' language, the article's
short forms as aliases), written through the
manifest like every other stub, so it is never written over a writer's file
and a re-run is a no-op. A name that matches no candidate is still accepted
(the writer knows best) with no aliases.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from generator.content.frontmatter import dump_front_matter
from generator.ingest.language import SiteLanguages
from generator.ingest.plan import Planned
from generator.ingest.records import Candidate, FileAction
from generator.ingest.text import slugify
from generator.ingest.write import apply, load_manifest


def accept_candidates(
    root: Path,
    names: Sequence[str],
    candidates: Iterable[Candidate],
    languages: SiteLanguages,
    *,
    dry_run: bool = False,
) -> list[FileAction]:
    """Write a stub dossier for every accepted name; return what was done per file."""
    known = {c.name.casefold(): c for c in candidates}
    planned: list[Planned] = []
    for name in dict.fromkeys(n.strip() for n in names if n.strip()):
        candidate = known.get(name.casefold())
        aliases = list(dict.fromkeys([name, *(candidate.aliases if candidate else ())]))
        planned += _stub(slugify(name), name, aliases, languages)
    actions, _ = apply(root, planned, load_manifest(root), dry_run=dry_run)
    return actions


def _stub(
    slug: str,
    name: str,
    aliases: list[str],
    languages: SiteLanguages,
) -> list[Planned]:
    out = []
    for lang in languages.codes:
        data: dict[str, Any] = {"title": name, "draft": True}
        if lang == languages.original.code:
            data["aliases"] = aliases
        else:
            data["untranslated"] = True
        out.append(Planned(f"content/actors/{slug}.{lang}.md", dump_front_matter(data, ""), ""))
    return out
