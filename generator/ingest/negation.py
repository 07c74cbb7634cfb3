"""What a clause says is not so: negated, denied and demanded cues.

Owns turning the cues found in a clause into what it asserts:

- a cooperative cue after a negator (`tidak akan pernah mengakui`,
  `mengakhiri hubungan sekutu`, `batal berkoalisi`) is a rejection;
- a hostile or competitive cue after a plain negation (`tidak akan
  menyerang`, `bukan musuh`) asserts nothing and is dropped;
- a denial of a hostile act rejects the accusation (`China bantah kapalnya
  terobos wilayah Indonesia`); the act is not asserted;
- an act demanded of someone (`mendesak ASEAN menolak kedatangan …`) is not
  done: dropped, while the demand itself stays a cue;
- a clause that only denies (`…, namun hal itu dibantah`) denies what the
  clause before it claimed: `denied_back` says so, and relations turns that
  clause's cooperative findings into a denial. Pure.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from generator.ingest.reach import Hit
from generator.ingest.records import Mention
from generator.ingest.rule_patterns import Cue
from generator.ingest.rules import Rules
from generator.ingest.text import words

NEGATION_WINDOW = 4  # words before a cue that a negator may stand in


def asserted(clause: str, hits: list[Hit], mentions: Sequence[Mention], rules: Rules) -> list[Hit]:
    """The cues of a clause as it asserts them, in text order."""
    read = [_negated(clause, h, mentions, rules) for h in hits]
    kept = [h for h in read if h is not None]
    kept = _not_demanded(clause, kept, mentions, rules)
    return sorted(_denied_acts(kept, rules), key=lambda h: h.start)


def denied_back(hits: list[Hit], actors: int) -> bool:
    """A clause naming at most one actor whose cue is a denial or rejection
    (`namun hal itu dibantah`): it denies what the clause before it claimed."""
    return actors < 2 and any(h.cue.negates for h in hits)


def _negated(clause: str, hit: Hit, mentions: Sequence[Mention], rules: Rules) -> Hit | None:
    before = [w.lower() for w in words(clause[: hit.start])][-NEGATION_WINDOW:]
    if hit.cue.stance == "cooperative":
        if not any(w in rules.negators for w in before):
            return hit
        rank = next((i for i, c in enumerate(rules.cues) if c.type == "rejection"), hit.rank)
        cue = Cue(hit.cue.pattern, "competitive", "rejection", "clause", negates=True)
        return Hit(hit.start, hit.end, cue, rank, "a negated cooperative cue: a rejection")
    if hit.cue.negates or not any(w in rules.negations for w in before):
        return hit
    # `tidak akan menyerang`: nothing happened; but in `tidak akan membiarkan
    # Beijing menginjak-injak …` the negation is of another verb, about Beijing
    negator = max(
        m.end()
        for m in re.finditer(r"\w+", clause[: hit.start])
        if m.group(0).lower() in rules.negations
    )
    named = any(negator <= m.start and m.end <= hit.start for m in mentions)
    return hit if named else None


def _not_demanded(
    clause: str, hits: list[Hit], mentions: Sequence[Mention], rules: Rules
) -> list[Hit]:
    """Drops the cues of an act demanded of an actor named after the demand."""
    if rules.demand is None:
        return hits
    out = []
    for hit in hits:
        demanded = any(
            demand.end() <= m.start and m.end <= hit.start
            for demand in rules.demand.finditer(clause[: hit.start])
            for m in mentions
        )
        if not demanded:
            out.append(hit)
    return out


def _denied_acts(hits: list[Hit], rules: Rules) -> list[Hit]:
    """A denial of a hostile act rejects the accusation: `China bantah kapalnya
    terobos wilayah Indonesia` is China rejecting Indonesia's charge. The act
    it denies is not asserted, so it gives no finding of its own."""
    denials = [h for h in hits if h.cue.type == "denial"]
    if not denials or not any(h.cue.stance == "hostile" for h in hits):
        return hits
    rank = next((i for i, c in enumerate(rules.cues) if c.type == "rejection"), 0)
    out = []
    for h in hits:
        if h.cue.type == "denial":
            cue = replace(h.cue, type="rejection")
            h = replace(h, cue=cue, rank=rank, note="a denial of a hostile act: a rejection")
        elif h.cue.stance == "hostile" and h.start > denials[0].start:
            continue
        out.append(h)
    return out
