"""The run's candidate actors: every article's candidates merged into one list.

Owns merging what each article proposes (`discovery.article_candidates`)
into one candidate per actor: articles that share a state, a government of
a state, or a name (an acronym, a full name, an expansion, a nickname, but
never a single word of a person's name, which another person may share) are
one candidate. Its name is the form the articles use most (a person's full
name; a state's name rather than its abbreviation), its aliases every other
form, its kind the first of its cues' kinds that the site's vocabulary has,
its confidence its strongest article's, a little higher for each further
article. `find` tells which merged candidate an article's name belongs to.
Pure.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from generator.ingest.discovery import misspelt
from generator.ingest.names import is_acronym
from generator.ingest.records import Candidate
from generator.ingest.text import slugify

PER_ARTICLE = 0.05  # each further article naming it
MAX_CONFIDENCE = 0.99
EVIDENCE = 3


def merge_candidates(
    per_article: Sequence[tuple[str, Sequence[Candidate]]], vocabulary: Sequence[str]
) -> tuple[Candidate, ...]:
    """One candidate per actor across the articles (`(article, candidates)` pairs)."""
    items = [(article, c) for article, candidates in per_article for c in candidates]
    parent = list(range(len(items)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[str, int] = {}
    for index, (_, candidate) in enumerate(items):
        for key in _keys(candidate):
            if key in owner:
                parent[root(index)] = root(owner[key])
            else:
                owner[key] = index
    persons = [(i, c.name) for i, (_, c) in enumerate(items) if c.kinds[:1] == ("person",)]
    for k, (i, a) in enumerate(persons):
        for j, b in persons[k + 1 :]:
            if misspelt(a, b):  # `Kidane Haile Gebru` here, `Kidane Hailu Gebru` there
                parent[root(j)] = root(i)
    groups: dict[int, list[tuple[str, Candidate]]] = {}
    for index, item in enumerate(items):
        groups.setdefault(root(index), []).append(item)
    merged = [_merged(members, vocabulary) for members in groups.values()]
    return tuple(sorted(merged, key=lambda c: (-c.confidence, -len(c.articles), c.name)))


def _keys(candidate: Candidate) -> set[str]:
    if candidate.code and candidate.kinds[:1] == ("state",):
        return {f"state:{candidate.code}"}
    if candidate.code and candidate.kinds[:1] == ("government",):
        return {f"government:{candidate.code}"}
    person = candidate.kinds[:1] == ("person",)
    full = candidate.name.split()
    keys = {candidate.name.casefold()}
    for alias in candidate.aliases:
        if person and len(alias.split()) == 1 and alias in full:
            continue  # `Wang` of Wang Wenbin may be Wang Yi elsewhere
        keys.add(alias.casefold())
    return keys


def _merged(members: Sequence[tuple[str, Candidate]], vocabulary: Sequence[str]) -> Candidate:
    candidates = [c for _, c in members]
    top = max(candidates, key=lambda c: (c.confidence, c.count))
    name = _name(candidates, top)
    names = {n for c in candidates for n in (c.name, *c.aliases)}
    articles = tuple(sorted({a for a, _ in members}))
    confidence = min(MAX_CONFIDENCE, top.confidence + PER_ARTICLE * (len(articles) - 1))
    sentences = tuple(dict.fromkeys(s for c in candidates for s in c.sentences))
    headed = [c for c in candidates if c.kinds and not is_acronym(c.name)] or candidates
    kinds = max(headed, key=lambda c: c.confidence).kinds
    return replace(
        top,
        name=name,
        slug=slugify(name),
        aliases=tuple(sorted(names - {name})),
        near=tuple(sorted({n for c in candidates for n in c.near})),
        count=sum(c.count for c in candidates),
        score=round(confidence, 2),
        confidence=round(confidence, 2),
        kinds=kinds,
        kind=next((k for k in kinds if k in vocabulary), None),
        roles=tuple(sorted({r for c in candidates for r in c.roles})),
        sentences=sentences[:EVIDENCE],
        cues=tuple(dict.fromkeys(q for c in candidates for q in c.cues))[:4],
        articles=articles,
    )


def _name(candidates: Sequence[Candidate], top: Candidate) -> str:
    """The name most articles use; a person's fullest name, a state's name over its acronym."""
    counts: Counter[str] = Counter()
    for c in candidates:
        counts[c.name] += c.count
    person = top.kinds[:1] == ("person",)

    def rank(name: str) -> tuple[bool, int, bool, int, int, str]:
        full = not person or len(name.split()) >= 2
        return (full, person * len(name.split()), not is_acronym(name)
                or top.kinds[:1] != ("state",), counts[name], len(name), name)  # fmt: skip

    return max(counts, key=rank)


def find(merged: Iterable[Candidate], name: str) -> Candidate | None:
    """The merged candidate an article's candidate name (or alias) belongs to."""
    key = name.casefold()
    for candidate in merged:
        if key == candidate.name.casefold() or key in (a.casefold() for a in candidate.aliases):
            return candidate
    return None


def by_name(merged: Iterable[Candidate]) -> Mapping[str, Candidate]:
    """Every name and alias (case-folded) → its merged candidate."""
    out: dict[str, Candidate] = {}
    for candidate in merged:
        for name in (candidate.name, *candidate.aliases):
            out.setdefault(name.casefold(), candidate)
    return out
