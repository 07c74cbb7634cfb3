"""The gazetteer: actor dossiers read from `content/actors/`, matched in text.

Owns which words name which actor. Every alias of a dossier (a plain list, or
a per-language map) and its title are matched on word boundaries; an alias in
capitals (`AS`, `IIA`) only as written, others in any case; a person's
surname alone (`Putin`, `Kerry`) only capitalised. Overlapping matches keep
the longest (`Islamic State Khurasan Province` over `Islamic State`). Names
in capitals that match no dossier are candidates for new dossiers (`discovery`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

from generator.content.frontmatter import parse_front_matter
from generator.errors import ExplainerError, Problem
from generator.fsguard import read_text
from generator.ingest.records import Actor, Mention
from generator.ingest.rules import Rules
from generator.ingest.text import words

_RIGHT = r"(?!\w)(?!-[A-Z0-9]{1,2}(?!\w))"  # "AS-lah", "AS-Rusia" yes; "ISIS-K" no
ROLE_LOOKBACK = 40  # characters before an organisation where its role title stands


@dataclass(frozen=True)
class Gazetteer:
    """The known actors, and the patterns that find their names in a text."""

    actors: Mapping[str, Actor]
    patterns: tuple[tuple[re.Pattern[str], str], ...]  # (pattern, slug), longest alias first

    def pair_actor(self, slug: str) -> str:
        """The actor a relationship pair uses: a person's affiliation, if any."""
        actor = self.actors.get(slug)
        if actor and actor.kind == "person" and actor.affiliation:
            return actor.affiliation
        return slug

    def is_person(self, slug: str) -> bool:
        actor = self.actors.get(slug)
        return bool(actor and actor.kind == "person")


def load_gazetteer(
    actors_dir: Path, root: Path, original: str
) -> tuple[Gazetteer, tuple[Problem, ...]]:
    """Every actor dossier; an actor's `title` is its title in `original`, the articles' language."""
    problems: list[Problem] = []
    merged: dict[str, dict[str, Any]] = {}
    files = sorted(actors_dir.glob("*.md")) if actors_dir.is_dir() else []
    for path in files:
        shown = _shown(path, root)
        try:
            front = parse_front_matter(read_text(path, root, shown=shown), shown)
        except (ExplainerError, UnicodeDecodeError, OSError) as exc:
            message = f"actor dossier not read by the ingester: {str(exc).splitlines()[0]}"
            problems.append(Problem(shown, None, message, "warning"))
            continue
        slug = path.name.split(".")[0]
        lang = path.name.split(".")[1] if path.name.count(".") >= 2 else ""
        entry = merged.setdefault(
            slug, {"titles": [], "aliases": [], "kind": None, "aff": None, "by_lang": {}}
        )
        data = front.data
        if isinstance(data.get("title"), str):
            entry["titles"].append(data["title"])
            entry["by_lang"][lang] = data["title"]
        entry["aliases"].extend(_aliases(data.get("aliases")))
        entry["kind"] = entry["kind"] or data.get("kind")
        entry["aff"] = entry["aff"] or data.get("affiliation")
    actors = {
        slug: Actor(
            slug=slug,
            title=e["by_lang"].get(original) or (e["titles"] or [slug])[0],
            kind=e["kind"] if isinstance(e["kind"], str) else None,
            aliases=tuple(dict.fromkeys([*e["titles"], *e["aliases"]])),
            affiliation=e["aff"] if isinstance(e["aff"], str) else None,
            titles=tuple(sorted(e["by_lang"].items())),
        )
        for slug, e in sorted(merged.items())
    }
    return Gazetteer(actors, _compile(actors.values())), tuple(problems)


def with_actors(gazetteer: Gazetteer, actors: Iterable[Actor]) -> Gazetteer:
    """The gazetteer with `actors` added (accepted in this run, their files not yet read)."""
    merged = {**gazetteer.actors, **{a.slug: a for a in actors}}
    return Gazetteer(merged, _compile(merged.values()))


def _aliases(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str) and v.strip()]
    if isinstance(value, dict):
        return [a for key in sorted(value) for a in _aliases(value[key])]
    return []


def _compile(actors: Iterable[Actor]) -> tuple[tuple[re.Pattern[str], str], ...]:
    entries: dict[tuple[str, bool], str] = {}
    for actor in actors:
        for alias in actor.aliases:
            exact = alias.upper() == alias and any(c.isalpha() for c in alias)
            entries.setdefault((alias, exact), actor.slug)
        if actor.kind == "person":
            parts = actor.title.split()
            if len(parts) >= 2 and len(parts[-1]) >= 4:
                entries.setdefault((parts[-1], True), actor.slug)
    ordered = sorted(entries.items(), key=lambda item: (-len(item[0][0]), item[0][0]))
    out = []
    for (alias, exact), slug in ordered:
        body = r"\s+".join(re.escape(part) for part in alias.split())
        flags = 0 if exact else re.IGNORECASE
        out.append((re.compile(rf"(?<!\w){body}{_RIGHT}", flags), slug))
    return tuple(out)


def find_mentions(text: str, gazetteer: Gazetteer, rules: Rules) -> list[Mention]:
    """Actor mentions in `text`, longest first, without overlaps, in text order."""
    masked = _mask(text, rules.not_actors)
    if rules.media_name is not None:
        masked = rules.media_name.sub(lambda m: "#" * len(m.group(0)), masked)
    taken: list[tuple[int, int]] = []
    found: list[Mention] = []
    for pattern, slug in gazetteer.patterns:
        for match in pattern.finditer(masked):
            start, end = match.span()
            if any(start < e and s < end for s, e in taken):
                continue
            taken.append((start, end))
            found.append(Mention(slug, start, end, text[start:end]))
    found.extend(_shared_head(masked, found, taken, gazetteer))
    return [_with_expansion(text, m, taken, rules) for m in sorted(found, key=lambda m: m.start)]


_LIST_ITEM = re.compile(
    r"(\s*,\s*(?:dan\s+|serta\s+)?|\s+(?:dan|serta)\s+)([A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,3})"
)


def _shared_head(
    text: str, found: list[Mention], taken: list[tuple[int, int]], gazetteer: Gazetteer
) -> list[Mention]:
    """Names that share the head word of the first in a list: in `Partai Cahaya Timur,
    Rakyat Bahari dan Gema Persada`, `Rakyat Bahari` is `Partai Rakyat Bahari` where a
    dossier has that name. Each item must be such a name; the list stops at the first
    that is not."""
    out: list[Mention] = []
    for mention in list(found):
        head = mention.surface.split()[0]
        if len(mention.surface.split()) < 2 or not head[:1].isupper():
            continue
        at = mention.end
        while match := _LIST_ITEM.match(text, at):
            item = match.group(2)
            start, end = match.start(2), match.end(2)
            if any(start < e and s < end for s, e in taken):
                break
            slug = next((slug for pattern, slug in gazetteer.patterns
                         if pattern.fullmatch(f"{head} {item}")), None)  # fmt: skip
            if slug is None:
                break
            taken.append((start, end))
            out.append(Mention(slug, start, end, item))
            at = end
    return out


_EXPANSION = re.compile(r"((?:[A-Z][\w'-]*\s+){2,6})\($")


def _with_expansion(
    text: str, mention: Mention, taken: list[tuple[int, int]], rules: Rules
) -> Mention:
    """An acronym in brackets decides what the words right before it name, even misspelt:
    in `Partai Tunas Madiri (PTM)` the mention of PTM covers its expansion. Only
    capitalised words that no other mention takes, never a title (`Ketua Umum`)."""
    if text[mention.end : mention.end + 1] != ")" or not mention.surface.isupper():
        return mention
    window = max(0, mention.start - 80)
    match = _EXPANSION.search(text[window : mention.start])
    if match is None:
        return mention
    run = [m for m in re.finditer(r"\S+", match.group(1))]
    while run and run[0].group(0) in rules.titles:
        run = run[1:]
    if len(run) < 2:
        return mention
    start = window + match.start() + run[0].start()
    if any(start < e and s < mention.start for s, e in taken):
        return mention
    return Mention(mention.slug, start, mention.end + 1, text[start : mention.end + 1])


def role_appositions(
    text: str, mentions: Sequence[Mention], gazetteer: Gazetteer, rules: Rules
) -> list[tuple[Mention, Mention]]:
    """(person, organisation) named as one: the organisation is part of the person's
    description, a role, never a relation of theirs (`Ketua Umum PKB Muhaimin
    Iskandar`, `Presiden Rusia Vladimir Putin`, `Muhaimin Iskandar, Ketua Umum PKB`)."""
    out: list[tuple[Mention, Mention]] = []
    for first, second in pairwise(mentions):
        between = text[first.end : second.start]
        gap = words(between)
        if gazetteer.is_person(second.slug) and not gazetteer.is_person(first.slug):
            lead = words(text[max(0, first.start - ROLE_LOOKBACK) : first.start])[-3:]
            if all(_is_title(w, rules) for w in gap) and any(_is_title(w, rules) for w in lead):
                out.append((second, first))
        elif gazetteer.is_person(first.slug) and not gazetteer.is_person(second.slug):
            described = between.lstrip().startswith(",") and gap
            if described and all(_is_title(w, rules) for w in gap):
                out.append((first, second))
    return out


def _is_title(word: str, rules: Rules) -> bool:
    return word in rules.titles or word.capitalize() in rules.titles


def _mask(text: str, names: Sequence[str]) -> str:
    for name in names:
        text = re.sub(re.escape(name), lambda m: "#" * len(m.group(0)), text, flags=re.IGNORECASE)
    return text


def _shown(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)
