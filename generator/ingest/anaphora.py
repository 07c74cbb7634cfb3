"""Who a pronoun or a phrase of reference stands for, in one clause.

Owns adding the actors a clause names without their names: inside a quote
whose speaker is known, a first-person word (`kami`, `kita`) is the speaker's
side; outside quotes, a subject pronoun (`dia`, `mereka`) is the actor the
sentence before began with; "both of them" (`kedua negara`) is the two actors
the sentence before named; the parties of talks a clause names only the broker
of are those named before (`… setelah perundingan yang difasilitasi Uni Afrika`).
Each is placed where its word stands, so a cue reaches it like a name. Pure.
"""

from __future__ import annotations

import re
from itertools import combinations

from generator.ingest.actors import Gazetteer, find_mentions
from generator.ingest.clauses import inside
from generator.ingest.reach import Hit, Placed, clause_of
from generator.ingest.rules import Rules


def with_first_person(
    clause: str,
    offset: int,
    actors: list[Placed],
    quoted: list[tuple[int, int]],
    side: str,
    rules: Rules,
) -> list[Placed]:
    """`"Kami mendesak pihak Filipina …"` said for China: `kami` is China.

    Only in a clause naming one other actor: where two are named, the cue is
    about them, and `kami` is the speaker commenting.
    """
    if len({a.slug for a in actors} | {side}) != 2:
        return actors
    extra = [
        Placed(side, m.start(), m.end())
        for m in re.finditer(r"\b\w+\b", clause)
        if m.group(0).lower() in rules.first_person and inside(offset + m.start(), quoted)
    ]
    return sorted([*actors, *extra[:1]], key=lambda a: a.start)


def with_antecedent(
    clause: str,
    offset: int,
    actors: list[Placed],
    quoted: list[tuple[int, int]],
    before: tuple[str, ...],
    gazetteer: Gazetteer,
    rules: Rules,
) -> list[Placed]:
    """`Min Aung Hlaing tiba di Rusia … Itu menjadi kunjungan ketiganya sejak dia
    memimpin kudeta terhadap pemerintahan Aung San Suu Kyi`: `dia` is the junta.

    `before` are the actors the sentence before named, in order. A singular pronoun
    (`dia`) stands for the first, a person; a plural one (`mereka`) for the first
    that is no person (`Para politisi …, termasuk Suu Kyi, mengumumkan pembentukan
    NUG … Mereka mendesak ASEAN …`: the NUG). Never after the antecedent is named in
    the clause (a name after it is another mention: `dia akan satu forum dengan Min
    Aung Hlaing yang tiba di Indonesia`, `dia` still Jokowi's Indonesia)."""
    if not actors or not before:
        return actors
    person = before[0] if gazetteer.is_person(before[0]) else None
    group = next((slug for slug in before if not gazetteer.is_person(slug)), None)
    extra = []
    for match in re.finditer(r"\b\w+\b", clause):
        word = match.group(0).lower()
        antecedent = person if word in rules.pronouns else None
        antecedent = group if word in rules.plural_pronouns else antecedent
        if antecedent is None or inside(offset + match.start(), quoted):
            continue
        side = gazetteer.pair_actor(antecedent)
        if not any(a.slug == side and a.start < match.start() for a in actors):
            extra.append(Placed(side, match.start(), match.end()))
    return sorted([*actors, *extra[:1]], key=lambda a: a.start)


def with_both(
    clause: str, actors: list[Placed], named: tuple[str, ...], gazetteer: Gazetteer, rules: Rules
) -> tuple[list[Placed], tuple[str, str] | None]:
    """`Kedua negara …` after a sentence naming two actors: both, as one group where the
    phrase stands; and the pair they make, when neither is named in the clause itself.
    Where the clause names two before the phrase, it is those two (`PHB dan PSR dalam
    pernyataan bersama menyatakan, "Kedua partai …"`): nothing is added."""
    before = tuple(dict.fromkeys(gazetteer.pair_actor(slug) for slug in named))
    if len(before) != 2 or rules.both is None:
        return actors, None
    match = rules.both.search(clause)
    if match is None:
        return actors, None
    if len({a.slug for a in actors if a.end <= match.start()}) >= 2:
        return actors, None
    here = {a.slug for a in actors}
    extra = [Placed(slug, *match.span()) for slug in before if slug not in here]
    pair = _sorted_pair(*before) if not set(before) & here else None
    return sorted([*actors, *extra], key=lambda a: a.start), pair


def listed_group(sentence: str, gazetteer: Gazetteer, rules: Rules) -> tuple[str, ...]:
    """The largest group of three actors or more `sentence` lists together, none a
    person (`… dihadiri ketua umum Partai A, B, C dan D`); else nothing."""
    placed = [Placed(gazetteer.pair_actor(m.slug), m.start, m.end)
              for m in find_mentions(sentence, gazetteer, rules)]  # fmt: skip
    groups = clause_of(sentence, placed, rules).groups
    best = max(groups, key=len, default=[])
    slugs = tuple(dict.fromkeys(placed[i].slug for i in best))
    if len(slugs) < 3 or any(gazetteer.is_person(slug) for slug in slugs):
        return ()
    return slugs


def with_all(
    clause: str,
    offset: int,
    actors: list[Placed],
    quoted: list[tuple[int, int]],
    named: tuple[str, ...],
    listed: tuple[str, ...],
    gazetteer: Gazetteer,
    rules: Rules,
    earlier: tuple[tuple[str, ...], ...] = (),
) -> tuple[list[Placed], frozenset[tuple[str, str]]]:
    """`Ketiga partai sepakat mendukung …`: the actors the sentence before named, when
    they are that many (or those it listed together, or those a few sentences before it
    named, `earlier`, newest first); `Mereka menandatangani …` after a
    sentence listing three or more together: all of them. Placed as one group where the
    phrase stands; with the pairs they make, which only a mutual cue makes partners."""
    group: tuple[str, ...] = ()
    match = rules.all_of.search(clause) if rules.all_of is not None else None
    if match is not None:
        count = rules.counted.get(match.group(1).lower())
        sides = tuple(dict.fromkeys(gazetteer.pair_actor(s) for s in named))
        sides = tuple(s for s in sides if not gazetteer.is_person(s))
        group = next((g for g in (sides, listed, *earlier) if len(g) == count), ())
    elif listed:
        match = next((m for m in re.finditer(r"\b\w+\b", clause)
                      if m.group(0).lower() in rules.plural_pronouns), None)  # fmt: skip
        group = listed if match is not None else ()
    if not group or match is None or inside(offset + match.start(), quoted):
        return actors, frozenset()
    if {a.slug for a in actors if a.end <= match.start()} & set(group):
        return actors, frozenset()
    extra = [Placed(slug, *match.span()) for slug in group]
    pairs = frozenset(_sorted_pair(a, b) or (a, b) for a, b in combinations(group, 2))
    return sorted([*actors, *extra], key=lambda a: a.start), pairs


def with_joined(
    clause: str,
    actors: list[Placed],
    hits: list[Hit],
    named: tuple[str, ...],
    gazetteer: Gazetteer,
    rules: Rules,
) -> list[Placed]:
    """`Setelah itu, Partai C ikut bergabung.`: joining with no object named joins the
    group (an actor of a group kind) last named before, in the sentence (`named`: the
    clause before's actors) or in the sentence before. Only for one actor joining, with
    no actor after the joining word; placed right after it (after `ke …` for a noun:
    `masuknya Partai D ke koalisi`)."""
    hit = next((h for h in hits if clause[h.start : h.end].lower() in rules.joins_elided), None)
    if hit is None or len({a.slug for a in actors}) != 1:
        return actors
    groups = [s for s in named if s in gazetteer.actors
              and gazetteer.actors[s].kind in rules.group_kinds]  # fmt: skip
    if not groups or groups[-1] == actors[0].slug:
        return actors
    if any(clause[h.start : h.end].lower().endswith(c) for c in rules.words.clitics
           for h in (hit,)):  # fmt: skip
        # `masuknya PDS ke koalisi`: the joiner after the noun, the group after `ke`
        to = re.compile(rf"\b(?:{'|'.join(map(re.escape, rules.object_markers))})\s+\w+")
        after = to.search(clause, actors[-1].end) if actors[0].start >= hit.end else None
        at = after.end() if after else None
    else:
        at = hit.end if actors[-1].end <= hit.start else None
    if at is None:
        return actors
    return sorted([*actors, Placed(groups[-1], at, at)], key=lambda a: a.start)


def with_parties(
    clause: str,
    actors: list[Placed],
    hits: list[Hit],
    named: tuple[str, ...],
    sentence_before: bool,
    rules: Rules,
) -> list[Placed]:
    """The parties of talks that a clause names only the broker of: `Ethiopia dan TPLF
    sepakat …, setelah perundingan di Pretoria yang difasilitasi Uni Afrika` (those of
    the clause before in the sentence), `Afrika Selatan menjadi tuan rumah perundingan
    itu` (those of the sentence before, where a demonstrative points back: the
    `sentence_before` case). They are placed right next to the broker's cue, on the
    other side of it from the broker, as one group."""
    brokers = {a.slug for a in actors}
    hit = next((h for h in hits if h.cue.brokers), None)
    parties = [slug for slug in dict.fromkeys(named) if slug not in brokers]
    if hit is None or len(brokers) != 1 or len(parties) < 2:
        return actors
    if sentence_before and not any(
        w.lower() in rules.names.demonstratives for w in re.findall(r"\w+", clause[hit.end :])
    ):
        return actors
    at = hit.end if actors[0].end <= hit.start else hit.start
    return sorted([*actors, *(Placed(slug, at, at) for slug in parties)], key=lambda a: a.start)


def _sorted_pair(a: str, b: str) -> tuple[str, str] | None:
    if a == b:
        return None
    return (a, b) if a < b else (b, a)
