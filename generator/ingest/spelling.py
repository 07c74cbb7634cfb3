"""A declared actor's name misspelt by one letter (`imbuh Wiranenda` for Wirananda).

Owns the one rule: a name of five letters or more one edit (a letter changed, added or
dropped) from a declared name or alias is that actor, only when exactly one actor is
that close; otherwise no one (a reader would not guess either).
"""

from __future__ import annotations

from generator.ingest.actors import Gazetteer

MIN_MISSPELT = 5  # shorter names are too close to others to be read as misspelt


def misspelt(name: str, gazetteer: Gazetteer) -> str | None:
    """The one declared actor with a name or alias one letter off `name` (`imbuh
    Wiranenda` for Wirananda), names of five letters or more; None when none or
    several are that close."""
    if len(name) < MIN_MISSPELT:
        return None
    close = {slug for slug, actor in gazetteer.actors.items()
             for alias in (actor.title, *actor.aliases)
             if len(alias) >= MIN_MISSPELT and _one_edit(name.lower(), alias.lower())}  # fmt: skip
    return close.pop() if len(close) == 1 else None


def _one_edit(a: str, b: str) -> bool:
    """`a` and `b` differ by exactly one letter changed, added or dropped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))
