"""Who relates to whom, and how: findings from sentences naming two actors.

Owns turning cue words into stance and link type. A sentence is cut into
clauses and its trailing attribution (`…, kata Zakharova`) taken off, to
become `claim_by`, by `clauses`. In a clause, actors next to each other ("AS dan Rusia") form a
group. A target cue (`melawan`, `menumpas`, `target`) makes the group right
after it the target of the group right before it, and of that group's
partners when a cooperative cue comes first: "AS bekerja sama dengan Taliban
demi menumpas ISIS" → AS–Taliban cooperative, AS–ISIS and Taliban–ISIS
hostile. Clause cues pair all the clause's other actors; adjacent cues the
actor just before and just after. A denial or rejection silences the
cooperative cues of its clause; a denial of a hostile act ("China membantah
kapalnya menerobos wilayah Indonesia") rejects the other side's accusation.
Persons stand for their affiliation.

A cue inside quotation marks is `quoted` (one side's words); inside a quote
whose speaker is known, a first-person word (`kami`, `kita`) stands for the
speaker's side. A cooperative cue in a clause with a hedge (`pintu dialog
… terbuka`, `menawarkan`, `bersedia`) is `hedged`: an offer, not a relation
in force. Weighing findings across the article is `stance.weigh`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import combinations, product

from generator.ingest.actors import Gazetteer, find_mentions
from generator.ingest.clauses import clauses, inside, quote_spans, strip_attribution
from generator.ingest.records import Finding, Mention
from generator.ingest.rules import Cue, Rules
from generator.ingest.text import words

TARGET_GAP_WORDS = 12
ADJACENT_GAP_WORDS = 8
NEGATION_WINDOW = 4  # words before a cue that a negator may stand in


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    cue: Cue
    rank: int  # position of the cue in the lexicon: lower is more specific
    note: str = ""  # a rule that changed the cue's reading


@dataclass(frozen=True)
class _Actor:
    slug: str  # the pair actor (a person's affiliation)
    start: int
    end: int


def sentence_findings(
    sentence: str, gazetteer: Gazetteer, rules: Rules, speaker_side: str | None = None
) -> list[Finding]:
    """At most one finding per pair of actors: one stance, the most specific type.

    `speaker_side` is the actor a quote in this sentence speaks for: its
    first-person words (`kami`, `kita`) stand for it.
    """
    body, claim_by = strip_attribution(sentence, gazetteer, rules)
    quoted_spans = quote_spans(body)
    options: dict[tuple[str, str], list[tuple[tuple[int, int, int, int], Finding]]] = {}
    for start, end in clauses(body, gazetteer, rules, quoted_spans):
        clause = body[start:end]
        mentions = find_mentions(clause, gazetteer, rules)
        actors = [_Actor(gazetteer.pair_actor(m.slug), m.start, m.end) for m in mentions]
        if speaker_side:
            actors = _with_first_person(clause, start, actors, quoted_spans, speaker_side, rules)
        if len({a.slug for a in actors}) < 2:
            continue
        hits = _cue_hits(clause, mentions, rules)
        hedged = bool(rules.hedge and rules.hedge.search(clause))
        for rank, pair, hit, stance, denied in _clause_pairs(clause, actors, hits, rules):
            cue = hit.cue
            quoted = inside(start + hit.start, quoted_spans)
            alleged = _alleged_by(hit, pair, actors, hits)
            finding = Finding(
                actors=pair,
                stance=stance,
                type=cue.type,
                cue=cue.pattern.pattern,
                sentence=sentence,
                claim_by=claim_by or alleged,
                denied_by=denied,
                reason=f"cue '{clause[hit.start : hit.end]}' ({cue.type}, {cue.scope} scope)"
                + (f"; {hit.note}" if hit.note else ""),
                quoted=quoted,
                hedged=hedged and stance == "cooperative",
            )
            if alleged and not claim_by:
                finding = replace(finding, reason=f"{finding.reason}; alleged by {alleged[0]}")
            options.setdefault(pair, []).append((_priority(hit, stance, rank, rules), finding))
    out = []
    for pair in sorted(options):
        ranked = sorted(options[pair], key=lambda pf: pf[0])
        best = ranked[0][1]
        others = sorted({f.stance for _, f in ranked[1:] if f.stance != best.stance})
        reason = best.reason + (f"; chosen over {', '.join(others)} cues" if others else "")
        confidence = _confidence(ranked[0][0], bool(others), bool(best.claim_by) or best.quoted)
        out.append(replace(best, reason=reason, confidence=confidence))
    return out


def _alleged_by(
    hit: _Hit, pair: tuple[str, str], actors: list[_Actor], hits: list[_Hit]
) -> tuple[str, ...]:
    """What an accuser says another did is the accuser's claim: in `AS menuduh
    China memasok senjata kepada Rusia` the supply is alleged by the US."""
    said = next((h for h in hits if h.cue.scope == "directed" and h.end <= hit.start), None)
    if said is None:
        return ()
    who = tuple(sorted({a.slug for a in actors if a.end <= said.start}))
    return () if set(who) & set(pair) else who


def _with_first_person(
    clause: str,
    offset: int,
    actors: list[_Actor],
    quoted: list[tuple[int, int]],
    side: str,
    rules: Rules,
) -> list[_Actor]:
    """`"Kami mendesak pihak Filipina …"` said for China: `kami` is China.

    Only in a clause naming one other actor: where two are named, the cue is
    about them, and `kami` is the speaker commenting.
    """
    if len({a.slug for a in actors} | {side}) != 2:
        return actors
    extra = [
        _Actor(side, m.start(), m.end())
        for m in re.finditer(r"\b\w+\b", clause)
        if m.group(0).lower() in rules.first_person and inside(offset + m.start(), quoted)
    ]
    return sorted([*actors, *extra[:1]], key=lambda a: a.start)


def _priority(hit: _Hit, stance: str, rank: int, rules: Rules) -> tuple[int, int, int, int]:
    """A denial or rejection first, then a cue that links just these two actors
    (`YPG … yang terkait dengan PKK`, `pemerintah Suriah yang didukung Rusia`)
    over a cue of the whole clause, then by stance order, then the lexicon's order."""
    order = rules.stance_priority
    specific = 0 if hit.cue.scope == "adjacent" else 1
    return (
        0 if hit.cue.negates else 1,
        specific,
        order.index(stance) if stance in order else 9,
        rank,
    )


def _confidence(priority: tuple[int, int, int, int], contested: bool, attributed: bool) -> float:
    # a negated or targeted cue says more than a cue word somewhere in the clause;
    # contradicting cues in one sentence, or a claim made by one side, say less
    score = 0.8 if priority[0] == 0 else 0.6
    score -= 0.2 if contested else 0.0
    score -= 0.1 if attributed else 0.0
    return round(score, 2)


def _clause_pairs(
    clause: str, actors: list[_Actor], hits: list[_Hit], rules: Rules
) -> list[tuple[int, tuple[str, str], _Hit, str, tuple[str, ...]]]:
    negated = any(h.cue.negates for h in hits)
    groups = _groups(clause, actors, rules)
    out: list[tuple[int, tuple[str, str], _Hit, str, tuple[str, ...]]] = []
    targeted: set[int] = set()  # indexes into actors
    coop_first = [h for h in hits if h.cue.scope == "clause" and h.cue.stance == "cooperative"]
    adjacent = [(h, _adjacent(clause, h, actors)) for h in hits if h.cue.scope == "adjacent"]
    for hit in (h for h in hits if h.cue.scope == "target"):
        targets = _targets_after(clause, hit, groups, actors, hits, rules)
        if not targets:
            continue
        targets += _appositions(targets, adjacent, actors)
        targeted.update(targets)
        if coop_first and not negated and coop_first[0].start < hit.start:
            agents = [i for i in range(len(actors)) if i not in targeted]
        else:
            before = _subjects_before(clause, hit, groups, actors, rules)
            agents = [i for i in (before[-1] if before else []) if i not in targeted]
        for a in agents:
            for t in targets:
                pair = _pair(actors[a].slug, actors[t].slug)
                if pair:
                    out.append((hit.rank, pair, hit, hit.cue.stance, ()))
    free = [i for i in range(len(actors)) if i not in targeted]
    by_stance: dict[str, list[_Hit]] = {}  # per stance, the most specific cue first
    for hit in sorted(hits, key=lambda h: h.rank):
        if hit.cue.scope == "clause" and not (negated and hit.cue.stance == "cooperative"):
            by_stance.setdefault(hit.cue.stance, []).append(hit)
    relatives = [m.span() for m in rules.relative_clause.finditer(clause)]
    for stance, stance_hits in by_stance.items():
        seen: set[tuple[str, str]] = set()
        for i, j in combinations(free, 2):
            pair = _pair(actors[i].slug, actors[j].slug)
            if pair is None or pair in seen:
                continue
            for hit in stance_hits:
                if _pairable(clause, hit, (i, j), actors, groups, relatives, rules):
                    denial = hit.cue.type == "denial" or "denial" in hit.note
                    denied = _denier(hit, groups, actors) if denial else ()
                    seen.add(pair)
                    out.append((hit.rank, pair, hit, stance, denied))
                    break
    for hit in (h for h in hits if h.cue.scope == "directed"):
        for i, j in product(free, free):
            if actors[i].end <= hit.start and actors[j].start >= hit.end:
                pair = _pair(actors[i].slug, actors[j].slug)
                if pair and _pairable(clause, hit, (i, j), actors, groups, relatives, rules):
                    out.append((hit.rank, pair, hit, hit.cue.stance, ()))
    for hit, found in adjacent:
        if found and not (negated and hit.cue.stance == "cooperative"):
            pair = _pair(actors[found[0]].slug, actors[found[1]].slug)
            if pair:
                out.append((hit.rank, pair, hit, hit.cue.stance, ()))
    return out


def _pairable(
    clause: str,
    hit: _Hit,
    pair: tuple[int, int],
    actors: list[_Actor],
    groups: list[list[int]],
    relatives: list[tuple[int, int]],
    rules: Rules,
) -> bool:
    """Whether a clause cue relates these two actors of its clause.

    A relative clause between commas is a clause of its own with the noun it
    follows: in `PKS, yang sebelumnya mengusung Anies, kini bergabung dengan
    koalisi Prabowo` the nomination pairs PKS and Anies only, the joining PKS
    and Prabowo only. Actors named together after an accusation or an attack
    are its co-targets, not each other's rivals (`Demokrat menuding NasDem dan
    PKB`), unless the cue is about what is between them (`pertikaian antara A
    dan B`).
    """

    def span_of(offset: int) -> tuple[int, int] | None:
        return next(((a, b) for a, b in relatives if a <= offset < b), None)

    inside = span_of(hit.start)
    if inside is not None:
        heads = [g for g in groups if actors[g[-1]].end <= inside[0]]
        allowed = {k for k in range(len(actors)) if span_of(actors[k].start) == inside}
        allowed |= set(heads[-1] if heads else ())
        if not set(pair) <= allowed:
            return False
    elif any(span_of(actors[k].start) is not None for k in pair):
        return False
    if hit.cue.stance in ("competitive", "hostile"):
        group = next((g for g in groups if pair[0] in g), [])
        after = bool(group) and actors[group[0]].start >= hit.end
        between = clause[hit.end : actors[group[0]].start].lower() if after else ""
        if pair[1] in group and after and not any(w in between for w in rules.words.between):
            return False
    return True


def _appositions(
    targets: list[int], adjacent: list[tuple[_Hit, tuple[int, int] | None]], actors: list[_Actor]
) -> list[int]:
    """Actors described with a target ("Nusra Front, sayap Al Qaeda") are targets too."""
    out: list[int] = []
    for _, found in adjacent:
        if found and found[0] in targets and found[1] not in targets:
            out.append(found[1])
    return out


def _cue_hits(clause: str, mentions: Sequence[Mention], rules: Rules) -> list[_Hit]:
    hits: list[_Hit] = []
    for rank, cue in enumerate(rules.cues):
        for match in cue.pattern.finditer(clause):
            start, end = match.span()
            if any(h.start < end and start < h.end for h in hits):
                continue
            if any(m.start <= start and end <= m.end for m in mentions):
                continue  # a cue word inside a name
            hits.append(_Hit(start, end, cue, rank))
    hits = [_negated(clause, h, rules) for h in hits]
    return sorted(_denied_acts(hits, rules), key=lambda h: h.start)


def _denied_acts(hits: list[_Hit], rules: Rules) -> list[_Hit]:
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


def _negated(clause: str, hit: _Hit, rules: Rules) -> _Hit:
    """A cooperative cue just after a negator is a rejection.

    `tidak akan pernah mengakui 9 dash line`, `mengakhiri hubungan sekutu`,
    `tidak dapat dimaknai sebagai pengakuan`.
    """
    if hit.cue.stance != "cooperative" or not rules.negators:
        return hit
    before = [w.lower() for w in words(clause[: hit.start])][-NEGATION_WINDOW:]
    if not any(w in rules.negators for w in before):
        return hit
    rank = next((i for i, c in enumerate(rules.cues) if c.type == "rejection"), hit.rank)
    cue = Cue(hit.cue.pattern, "competitive", "rejection", "clause", negates=True)
    return _Hit(hit.start, hit.end, cue, rank)


def _groups(clause: str, actors: list[_Actor], rules: Rules) -> list[list[int]]:
    """Runs of actors with only joiners, titles or punctuation between them."""
    groups: list[list[int]] = []
    for index, actor in enumerate(actors):
        if groups:
            gap = clause[actors[groups[-1][-1]].end : actor.start]
            gap_words = words(gap)
            if all(w.lower() in rules.group_joiners or w in rules.titles for w in gap_words):
                groups[-1].append(index)
                continue
        groups.append([index])
    return groups


def _targets_after(
    clause: str,
    hit: _Hit,
    groups: list[list[int]],
    actors: list[_Actor],
    hits: list[_Hit],
    rules: Rules,
) -> list[int]:
    """The group named right after a target cue, unless something intervenes."""
    for group in groups:
        start = actors[group[0]].start
        if start < hit.end:
            continue
        gap = clause[hit.end : start].lower()
        if len(words(gap)) > TARGET_GAP_WORDS:
            return []
        if any(re.search(rf"\b{re.escape(stop)}\b", gap) for stop in rules.target_stops):
            return []
        if any(hit.end <= h.start < start for h in hits if h is not hit):
            return []
        return list(group)
    return []


def _subjects_before(
    clause: str, hit: _Hit, groups: list[list[int]], actors: list[_Actor], rules: Rules
) -> list[list[int]]:
    """Groups before a cue that may act in it: not those of a relative clause
    between commas (`Hamas, yang didukung Iran, menyerang Israel`: Hamas attacks)."""
    before = [g for g in groups if actors[g[-1]].end <= hit.start]
    inner = [m.span() for m in rules.relative_clause.finditer(clause[: hit.start])]
    outside = [g for g in before if not any(a <= actors[g[0]].start < b for a, b in inner)]
    return outside or before


def _denier(hit: _Hit, groups: list[list[int]], actors: list[_Actor]) -> tuple[str, ...]:
    before = [g for g in groups if actors[g[-1]].end <= hit.start]
    if not before:
        return ()
    return tuple(sorted({actors[i].slug for i in before[-1]}))


def _adjacent(clause: str, hit: _Hit, actors: list[_Actor]) -> tuple[int, int] | None:
    """The indexes of the actor just before and just after an adjacent cue."""
    before = [i for i, a in enumerate(actors) if a.end <= hit.start]
    after = [i for i, a in enumerate(actors) if a.start >= hit.end]
    if not before or not after:
        return None
    left, right = actors[before[-1]], actors[after[0]]
    if len(words(clause[left.end : hit.start])) > ADJACENT_GAP_WORDS:
        return None
    if len(words(clause[hit.end : right.start])) > ADJACENT_GAP_WORDS:
        return None
    return before[-1], after[0]


def _pair(a: str, b: str) -> tuple[str, str] | None:
    if a == b:
        return None
    return (a, b) if a < b else (b, a)
