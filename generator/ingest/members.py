"""A group's members listed with it, in one clause.

Owns reading a list of members: `koalisi yang terdiri dari PSR, PBN dan PKM`,
`partai-partai anggota koalisi: PSR, PBN, PKM` (after a cue of scope `members`,
the language's words for "made up of" and "members of"), and `Koalisi Harapan
Baru (Partai Hanusa, PRM dan Partai Gertara)` (two actors or more in parentheses
right after a name, read with the same cue). The listed actors are partners of
each other, and each a member of the actor the list belongs to: the one named
right before the cue or the parenthesis, or with only a relative word between
(`Koalisi X yang terdiri dari`; not `Sekar menyebut anggota koalisi: …`): a
membership event where that actor is of a group kind (`relations._link_type`). Pure.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from generator.ingest.reach import Clause, Hit
from generator.ingest.rules import Rules
from generator.ingest.text import words


@dataclass(frozen=True)
class Listing:
    """One list of members: the cue that gave it, its owner, the members (indexes into
    the clause's actors)."""

    hit: Hit
    owner: int | None
    members: list[int]


def listings(clause: Clause, hits: Sequence[Hit], rules: Rules) -> list[Listing]:
    out = []
    for hit in (h for h in hits if h.cue.scope == "members"):
        members = _group_after(clause, hit)
        if members:
            out.append(Listing(hit, _owner(clause, hit.start, rules), members))
    found = next(((rank, c) for rank, c in enumerate(rules.cues) if c.scope == "members"), None)
    if found is None:
        return out
    rank, cue = found
    for match in re.finditer(r"\(([^()]*)\)", clause.text):
        inside = [i for i, a in enumerate(clause.actors)
                  if match.start() < a.start and a.end < match.end()]  # fmt: skip
        owner = _owner(clause, match.start(), rules)
        if len({clause.actors[i].slug for i in inside}) >= 2 and owner is not None:
            hit = Hit(match.start(), match.start() + 1, cue, rank, "a list in parentheses")
            out.append(Listing(hit, owner, inside))
    return out


def _group_after(clause: Clause, hit: Hit) -> list[int]:
    """The group named right after the cue (at most its `gap` words after it)."""
    for group in clause.groups:
        start = clause.actors[group[0]].start
        if start >= hit.end:
            gap = len(words(clause.text[hit.end : start]))
            return list(group) if gap <= (hit.cue.gap or 0) else []
    return []


def _owner(clause: Clause, at: int, rules: Rules) -> int | None:
    """The actor named last before `at`, with at most a relative word between."""
    before = [i for i, a in enumerate(clause.actors) if a.end <= at]
    if not before:
        return None
    last = before[-1]
    gap = words(clause.text[clause.actors[last].end : at])
    return last if all(w.lower() in rules.words.relative for w in gap) else None
