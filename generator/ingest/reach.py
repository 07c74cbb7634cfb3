"""Which actors of a clause a cue links: groups, sides and distances.

Owns the geometry of one clause. Actors with only joiners, titles or
punctuation between them form a group (`AS dan Rusia`). A cue links two
actors only when it reaches both: each is named at most `REACH_WORDS` words
from it, on either side of it (`AS bekerja sama dengan Taliban`), or both in
one group next to it (`AS dan Rusia sepakat`), or in two groups joined by a
comitative word on one side of it (`kontak Moskwa dengan Taliban hanya
melibatkan informasi intelijen`). A word somewhere else in a long clause
links nobody: in `… berbatasan dengan China` at the end of a sentence about
a coalition, China is a place, not a member. Co-subjects of a cooperative
act cooperate (`PKB, NasDem dan PKS mengusung Anies`); co-subjects of a
hostile or competitive act are not each other's rivals when the act has an
object (`pasangan A-B bersaing dengan C-D`), nor are its co-objects
(`Demokrat menuding NasDem dan PKB`) unless the cue is about what is between
them (`pertikaian antara A dan B`). A relative clause between commas is a
clause of its own with the noun it follows. Pure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.ingest.rule_patterns import Cue
from generator.ingest.rules import Rules
from generator.ingest.text import words

REACH_WORDS = 8  # a cue links an actor named at most this many words from it
SUBJECT_REACH_WORDS = 20  # … or, before a directed cue, the nearest actor this many
JUDGED_GAP_WORDS = 3  # `menyebut langkah NasDem`: the verb and what it names
TARGET_GAP_WORDS = 12
ADJACENT_GAP_WORDS = 8


@dataclass(frozen=True)
class Hit:
    """One cue found in a clause."""

    start: int
    end: int
    cue: Cue
    rank: int  # position of the cue in the lexicon: lower is more specific
    note: str = ""  # a rule that changed the cue's reading


@dataclass(frozen=True)
class Placed:
    """An actor named in a clause, at its offsets."""

    slug: str  # the pair actor (a person's affiliation)
    start: int
    end: int


@dataclass(frozen=True)
class Clause:
    """A clause with its actors, their groups and its relative clauses."""

    text: str
    actors: list[Placed]
    groups: list[list[int]]  # indexes into actors
    relatives: list[tuple[int, int]]  # `, yang didukung Iran,`
    free: list[int]  # actors that are no cue's target

    def group_of(self, index: int) -> list[int]:
        return next(g for g in self.groups if index in g)


def clause_of(text: str, actors: list[Placed], rules: Rules) -> Clause:
    groups = _groups(text, actors, rules)
    relatives = [m.span() for m in rules.relative_clause.finditer(text)]
    return Clause(text, actors, groups, relatives, list(range(len(actors))))


def distance(clause: Clause, hit: Hit, group: list[int]) -> int:
    """Words between a cue and the nearer end of a group (0 around it); a relative
    clause between commas right after the group is not counted (`Marcos, yang
    menggantikan Duterte pada bulan Juni, telah mengadopsi kebijakan … bersahabat`)."""
    first, last = clause.actors[group[0]], clause.actors[group[-1]]
    if last.end <= hit.start:
        between = clause.text[last.end : hit.start]
        for a, b in clause.relatives:
            if last.end <= a and b <= hit.start and not words(clause.text[last.end : a]):
                between = clause.text[b : hit.start]
        return len(words(between))
    if first.start >= hit.end:
        return len(words(clause.text[hit.end : first.start]))
    return 0


def linked(clause: Clause, hit: Hit, pair: tuple[int, int], rules: Rules) -> bool:
    """Whether a clause or directed cue links these two actors of its clause."""
    if not _outside_relatives(clause, hit, pair):
        return False
    first, second = clause.group_of(pair[0]), clause.group_of(pair[1])
    if first is second:
        return distance(clause, hit, first) <= REACH_WORDS and _one_group(clause, hit, first, rules)
    sides = {_side(clause, hit, first): first, _side(clause, hit, second): second}
    if "before" in sides and "after" in sides:
        # the nearest on each side: in `A adalah bagian dari B, sebuah koalisi … C`,
        # the coalition is B, not A
        # the one who accuses, warns or condemns may stand further off (`China
        # memperingatkan …, dan menuduh Washington`) when no other actor comes between
        subject, object_ = sides["before"], sides["after"]
        if _nearest(clause, hit, "before", rules) is not subject:
            return False
        if _nearest(clause, hit, "after", rules) is not object_ and hit.cue.scope != "directed":
            return False
        reach = SUBJECT_REACH_WORDS if hit.cue.scope == "directed" else REACH_WORDS
        return distance(clause, hit, subject) <= reach and (
            distance(clause, hit, object_) <= REACH_WORDS
            or _agent_of_object(clause, hit, object_, rules)
        )
    if distance(clause, hit, first) > REACH_WORDS or distance(clause, hit, second) > REACH_WORDS:
        return False
    return "around" in sides or _joined(clause, hit, first, second, rules)


def _agent_of_object(clause: Clause, hit: Hit, group: list[int], rules: Rules) -> bool:
    """The one who made what the cue is about, named in a passive relative clause after
    it: `menolak rancangan APBD 2025 yang diajukan Pemerintah Provinsi Jawa Tengah`,
    `memprotes keputusan yang dikeluarkan oleh PSSI` (within `SUBJECT_REACH_WORDS`, no
    comma between: not `merebut wilayah …, termasuk proyek yang didukung oleh China`)."""
    text = clause.text[hit.end : clause.actors[group[0]].start]
    between = [w.lower() for w in words(text)]
    if len(between) > SUBJECT_REACH_WORDS or "," in text:
        return False
    if between[-1:] == ["oleh"]:
        between = between[:-1]
    passive = rules.names.passive_prefixes
    return (
        len(between) >= 2
        and between[-2] in rules.words.relative
        and any(between[-1].startswith(p) and len(between[-1]) > len(p) + 3 for p in passive)
    )


def _nearest(clause: Clause, hit: Hit, side: str, rules: Rules) -> list[int] | None:
    """The free group nearest to the cue on one side of it, not counting a relative
    clause it is not in (`PKS, yang mengusung Anies, kini bergabung …`; `Hizbullah
    yang didukung Iran mengecam Israel`: before the cue, PKS and Hizbullah)."""
    inside = _relative_of(clause, hit.start)
    head = None  # a cue inside a relative clause relates its noun too
    if inside is not None:
        heads = [g for g in clause.groups if clause.actors[g[-1]].end <= inside[0]]
        head = heads[-1] if heads else None
    groups = [
        g
        for g in clause.groups
        if _side(clause, hit, g) == side
        and any(i in clause.free for i in g)
        and (_relative_of(clause, clause.actors[g[0]].start) == inside or g is head)
    ]
    if not groups:
        return None
    if side == "after":
        return groups[0]
    while len(groups) > 1:  # `X yang … Y <cue>`: Y is in X's relative clause
        between = clause.text[
            clause.actors[groups[-2][-1]].end : clause.actors[groups[-1][0]].start
        ]
        first = words(between)[:1]
        if not first or first[0].lower() not in rules.words.relative:
            break
        groups.pop()
    return groups[-1]


def _relative_of(clause: Clause, offset: int) -> tuple[int, int] | None:
    return next(((a, b) for a, b in clause.relatives if a <= offset < b), None)


def _side(clause: Clause, hit: Hit, group: list[int]) -> str:
    if clause.actors[group[-1]].end <= hit.start:
        return "before"
    if clause.actors[group[0]].start >= hit.end:
        return "after"
    return "around"


def _one_group(clause: Clause, hit: Hit, group: list[int], rules: Rules) -> bool:
    """Two actors of one group: partners in a cooperative act, or in an act
    between them; never co-subjects or co-objects of a hostile or competitive act,
    nor co-subjects of a transitive one (`PKS dan Demokrat menolak usulan itu`)
    unless it is done to each other (`saling menyerang`)."""
    if hit.cue.stance not in ("competitive", "hostile"):
        return True
    side = _side(clause, hit, group)
    if side == "after":
        between = clause.text[hit.end : clause.actors[group[0]].start].lower()
        return any(w in between for w in rules.words.between)
    verb = clause.text[hit.start : hit.end].lower()
    if side == "before" and verb.startswith(rules.transitive_prefixes):
        gap = words(clause.text[clause.actors[group[-1]].end : hit.start].lower())
        if not set(gap) & rules.reciprocal:
            return False
    others = [
        g
        for g in clause.groups
        if g is not group
        and any(i in clause.free for i in g)
        and _side(clause, hit, g) != side
        and distance(clause, hit, g) <= REACH_WORDS
    ]
    return not others


def _joined(clause: Clause, hit: Hit, first: list[int], second: list[int], rules: Rules) -> bool:
    """Two groups on one side of the cue that it relates: joined by `dengan`
    (`kontak antara Moskwa dengan Taliban … informasi intelijen`), or the second
    is what the first calls the cue, when nobody follows it (`Marcos menyebut
    China "musuh bersama"`, `AHY menyebut langkah NasDem sebagai pengkhianatan`)."""
    left, right = sorted((first, second), key=lambda g: clause.actors[g[0]].start)
    gap = [
        w.lower()
        for w in words(clause.text[clause.actors[left[-1]].end : clause.actors[right[0]].start])
    ]
    if len(gap) == 1 and gap[0] in rules.comitatives:
        return True
    if not gap or gap[0] not in rules.judging or len(gap) > JUDGED_GAP_WORDS:
        return False
    after = [g for g in clause.groups if _side(clause, hit, g) == "after"
             and any(i in clause.free for i in g) and distance(clause, hit, g) <= REACH_WORDS]  # fmt: skip
    return _side(clause, hit, right) == "before" and not after


def _outside_relatives(clause: Clause, hit: Hit, pair: tuple[int, int]) -> bool:
    """A relative clause between commas is a clause of its own with the noun it
    follows: in `PKS, yang sebelumnya mengusung Anies, kini bergabung dengan
    koalisi Prabowo` the nomination pairs PKS and Anies only, the joining PKS
    and Prabowo only."""

    def span_of(offset: int) -> tuple[int, int] | None:
        return next(((a, b) for a, b in clause.relatives if a <= offset < b), None)

    actors = clause.actors
    inside = span_of(hit.start)
    if inside is not None:
        heads = [g for g in clause.groups if actors[g[-1]].end <= inside[0]]
        allowed = {k for k in range(len(actors)) if span_of(actors[k].start) == inside}
        allowed |= set(heads[-1] if heads else ())
        return set(pair) <= allowed
    return all(span_of(actors[k].start) is None for k in pair)


def appositions(
    targets: list[int], adjacent: list[tuple[Hit, tuple[int, int] | None]]
) -> list[int]:
    """Actors described with a target ("Nusra Front, sayap Al Qaeda") are targets too."""
    out: list[int] = []
    for _, found in adjacent:
        if found and found[0] in targets and found[1] not in targets:
            out.append(found[1])
    return out


def _groups(clause: str, actors: list[Placed], rules: Rules) -> list[list[int]]:
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


def genitive(clause: Clause, hit: Hit, rules: Rules) -> tuple[list[int], list[int]] | None:
    """A cue noun with its agent right after it, then what it is done to after an object
    marker: `sanksi AS terhadap Rusia`, `Kudeta Hlaing terhadap pemerintahan … Suu Kyi`,
    `bergabungnya PDS ke Koalisi X` (agent, target). Not after a verb (`menyerang AS …`: AS is its object), nor after a
    cue whose target is the word right after it (`sasaran ISIS kepada koalisi …`)."""
    if hit.cue.gap is not None:
        return None
    cue = clause.text[hit.start : hit.end].lower()
    prefixes = (*rules.names.active_prefixes, *rules.names.passive_prefixes)
    # a verb made a noun by its clitic is one (`bergabungnya PDS ke Koalisi X`)
    nominal = any(cue.endswith(c) for c in rules.words.clitics)
    if any(cue.startswith(p) for p in prefixes) and not nominal:
        return None
    after = [g for g in clause.groups if clause.actors[g[0]].start >= hit.end]
    if len(after) < 2 or words(clause.text[hit.end : clause.actors[after[0][0]].start]):
        return None
    agent, target = after[0], after[1]
    gap = words(clause.text[clause.actors[agent[-1]].end : clause.actors[target[0]].start])
    if not gap or gap[0].lower() not in rules.object_markers or len(gap) > REACH_WORDS:
        return None
    return agent, target


def targets_after(clause: Clause, hit: Hit, hits: list[Hit], rules: Rules) -> list[int]:
    """The group named right after a target cue, unless something intervenes."""
    for group in clause.groups:
        start = clause.actors[group[0]].start
        if start < hit.end:
            continue
        gap = clause.text[hit.end : start].lower()
        if len(words(gap)) > (TARGET_GAP_WORDS if hit.cue.gap is None else hit.cue.gap):
            return []
        if any(re.search(rf"\b{re.escape(stop)}\b", gap) for stop in rules.target_stops):
            return []
        if any(hit.end <= h.start < start for h in hits if h is not hit):
            return []
        return list(group)
    return []


def subjects_before(clause: Clause, hit: Hit, rules: Rules) -> list[list[int]]:
    """Groups before a cue that may act in it: not those of a relative clause
    between commas (`Hamas, yang didukung Iran, menyerang Israel`: Hamas attacks)."""
    actors = clause.actors
    before = [g for g in clause.groups if actors[g[-1]].end <= hit.start]
    inner = [m.span() for m in rules.relative_clause.finditer(clause.text[: hit.start])]
    outside = [g for g in before if not any(a <= actors[g[0]].start < b for a, b in inner)]
    return outside or before


def denier(clause: Clause, hit: Hit) -> tuple[str, ...]:
    before = [g for g in clause.groups if clause.actors[g[-1]].end <= hit.start]
    if not before:
        return ()
    return tuple(sorted({clause.actors[i].slug for i in before[-1]}))


def adjacent(clause: Clause, hit: Hit) -> tuple[int, int] | None:
    """The indexes of the actor just before and just after an adjacent cue (right
    after a glued one: `anti-junta`, never `pro-demokrasi Aung San Suu Kyi`)."""
    actors = clause.actors
    before = [i for i, a in enumerate(actors) if a.end <= hit.start]
    after = [i for i, a in enumerate(actors) if a.start >= hit.end]
    if not before or not after:
        return None
    left, right = actors[before[-1]], actors[after[0]]
    most = ADJACENT_GAP_WORDS if hit.cue.gap is None else hit.cue.gap
    if len(words(clause.text[left.end : hit.start])) > most:
        return None
    after_gap = len(words(clause.text[hit.end : right.start]))
    if after_gap > (0 if hit.cue.scope == "glued" else most):
        return None
    return before[-1], after[0]
