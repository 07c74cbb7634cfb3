"""Who relates to whom, and how: findings from sentences naming two actors.

Owns turning cue words into stance and link type. A sentence is cut into
clauses and its trailing attribution (`…, kata Zakharova`) taken off, to
become `claim_by`, by `clauses`. In a clause, actors next to each other ("AS dan Rusia") form a
group. A target cue (`melawan`, `menumpas`, `target`) makes the group right
after it the target of the group right before it, and of that group's
partners when a cooperative cue comes first: "AS bekerja sama dengan Taliban
demi menumpas ISIS" → AS–Taliban cooperative, AS–ISIS and Taliban–ISIS
hostile. Clause and directed cues pair the actors of the clause they reach
(`reach.linked`); adjacent cues the actor just before and the group just after;
a cue noun its agent right after it and what follows an object marker
(`sanksi AS terhadap Rusia`, `reach.genitive`). A denial or rejection silences the
cooperative cues of its clause; a denial of a hostile act ("China membantah
kapalnya menerobos wilayah Indonesia") rejects the other side's accusation.
Persons stand for their affiliation; an organisation named as a person's
role (`Ketua Umum PKB Muhaimin Iskandar`) is part of that person's name,
never their partner or rival.

A cue inside quotation marks is `quoted` (one side's words). Pronouns and
phrases of reference (`kami` in a quote, `dia`, `kedua negara`) are placed as
the actors they stand for by `anaphora`. A cooperative cue in a clause with a hedge (`pintu dialog
… terbuka`, `menawarkan`, `bersedia`) is `hedged`: an offer, not a relation
in force. Weighing findings across the article is `stance.weigh`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from itertools import combinations, product

from generator.ingest.actors import Gazetteer, find_mentions, role_appositions
from generator.ingest.anaphora import (
    with_all,
    with_antecedent,
    with_both,
    with_first_person,
    with_joined,
    with_parties,
)
from generator.ingest.clause_words import said_plainly
from generator.ingest.clauses import clauses, inside, quote_spans, strip_attribution
from generator.ingest.members import listings
from generator.ingest.negation import asserted, denied_back
from generator.ingest.reach import (
    REACH_WORDS,
    Clause,
    Hit,
    Placed,
    adjacent,
    appositions,
    clause_of,
    denier,
    distance,
    genitive,
    linked,
    subjects_before,
    targets_after,
)
from generator.ingest.records import Finding, Mention
from generator.ingest.rule_patterns import Cue
from generator.ingest.rules import Rules
from generator.ingest.text import words


def sentence_findings(
    sentence: str,
    gazetteer: Gazetteer,
    rules: Rules,
    speaker_side: str | None = None,
    antecedent: str | None = None,
    before: tuple[str, ...] = (),
    listed: tuple[str, ...] = (),
    earlier: tuple[tuple[str, ...], ...] = (),
) -> list[Finding]:
    """At most one finding per pair of actors: one stance, the most specific type.

    `speaker_side` is the actor a quote in this sentence speaks for: its
    first-person words (`kami`, `kita`) stand for it. `before` are the actors
    the sentence before named, in order (`antecedent` alone: its first): a
    subject pronoun (`dia`, `mereka`) outside quotes stands for one of them,
    "both of them" (`kedua negara`) for two, "the three parties" for three;
    `listed` are those it listed together, three or more (`mereka`: all of them);
    `earlier`, the actors of the few sentences before that one (`ketiga partai`).
    """
    before = before or ((antecedent,) if antecedent else ())
    body, claim_by, described = strip_attribution(sentence, gazetteer, rules)
    attributed = body != sentence  # `…, kata pejabat itu`: someone's words, though unnamed
    quoted_spans = quote_spans(body)
    options: dict[tuple[str, str], list[tuple[tuple[int, int, int, int], Finding]]] = {}
    claimed: list[tuple[str, str]] = []  # the pairs of the last clause with findings
    prior: tuple[str, ...] = ()  # the actors of the last clause naming any
    spans = clauses(body, gazetteer, rules, quoted_spans)
    if described and speaker_side:
        # `…, lanjut jenderal yang menggulingkan pemerintahan Aung San Suu Kyi`: a clause
        # whose subject is the speaker
        spans.append(described)
    for start, end in spans:
        clause = sentence[start:end]  # the body is the sentence's start
        mentions = find_mentions(clause, gazetteer, rules)
        actors = _placed(clause, mentions, gazetteer, rules)
        if (start, end) == described and speaker_side:
            actors = [Placed(speaker_side, 0, 0), *actors]
        elif speaker_side:
            actors = with_first_person(clause, start, actors, quoted_spans, speaker_side, rules)
        actors, inner = with_all(
            clause, start, actors, quoted_spans, before, listed, gazetteer, rules, earlier
        )
        if not inner:
            actors = with_antecedent(clause, start, actors, quoted_spans, before, gazetteer, rules)
        actors, both = with_both(clause, actors, before, gazetteer, rules)
        inner = inner | ({both} if both else set())
        hits = _cue_hits(clause, mentions, rules)
        actors = with_parties(clause, actors, hits, prior or before, not prior, rules)
        actors = with_joined(clause, actors, hits, prior or before, gazetteer, rules)
        prior = tuple(dict.fromkeys(a.slug for a in actors)) or prior
        if denied_back(hits, len({a.slug for a in actors})):
            # `…, namun hal itu dibantah`: what the clause before claimed is denied
            deniers = tuple(sorted({a.slug for a in actors}))
            for pair in claimed:
                options[pair] = [_denied(entry, deniers) for entry in options[pair]]
            claimed = []
        if len({a.slug for a in actors}) < 2:
            continue
        claimed = []
        placed = clause_of(clause, actors, rules)
        for rank, pair, hit, stance, denied in _clause_pairs(placed, hits, rules):
            if pair in inner and not any(h.cue.mutual for h in hits):
                # `Kedua negara mendukung faksi yang berbeda`: not of each other; but
                # `Keduanya sepakat mengusung …`: partners
                continue
            cue = hit.cue
            quoted = inside(start + hit.start, quoted_spans)
            alleged = _alleged_by(hit, pair, actors, hits)
            kind = _link_type(cue, pair, gazetteer, rules)
            if not kind:
                continue  # a coalition cue where the site has only membership types: no group
            finding = Finding(
                actors=pair,
                stance=stance,
                type=kind,
                cue=cue.pattern.pattern,
                cue_at=start + hit.start,
                sentence=sentence,
                claim_by=claim_by or alleged,
                denied_by=denied,
                reason=f"cue '{clause[hit.start : hit.end]}' ({cue.type}, {cue.scope} scope)"
                + (f"; a membership: {kind}" if kind != cue.type else "")
                + (f"; {hit.note}" if hit.note else ""),
                quoted=quoted,
                hedged=stance == "cooperative" and _hedged(clause, hit, rules),
            )
            if alleged and not claim_by:
                finding = replace(finding, reason=f"{finding.reason}; alleged by {alleged[0]}")
            if not (attributed or finding.claim_by or denied or quoted or finding.hedged):
                said = said_plainly(clause, mentions, (hit.start, hit.end), pair, gazetteer, rules)
                finding = replace(finding, said=said)
            options.setdefault(pair, []).append((_priority(hit, stance, rank, rules), finding))
            claimed.append(pair)
    out = []
    for pair in sorted(options):
        ranked = sorted(options[pair], key=lambda pf: pf[0])
        best = ranked[0][1]
        others = sorted({f.stance for _, f in ranked[1:] if f.stance != best.stance})
        reason = best.reason + (f"; chosen over {', '.join(others)} cues" if others else "")
        # a cue linking just these two outweighs the clause's without doubt
        contested = any(f.stance != best.stance and p[1] == ranked[0][0][1] for p, f in ranked[1:])
        attributed = bool(best.claim_by) or best.quoted
        confidence = _confidence(ranked[0][0], contested, attributed)
        out.append(replace(best, reason=reason, confidence=confidence))
    return out


def _anaphor_between(clause: Clause, group: list[int], hit: Hit, rules: Rules) -> bool:
    """A pronoun between the last actor and the cue is its subject, unless it is
    joined to that actor (`Taliban dan pihaknya sama-sama ingin menghancurkan …`)."""
    between = [w.lower() for w in words(clause.text[clause.actors[group[-1]].end : hit.start])]
    if len(between) >= 2 and between[0] in rules.group_joiners and between[1] in rules.anaphora:
        between = between[2:]
    return any(w in rules.anaphora for w in between)


def _placed(
    clause: str, mentions: list[Mention], gazetteer: Gazetteer, rules: Rules
) -> list[Placed]:
    """The clause's actors; an organisation named as a person's role is part of
    that person's name (`Presiden China Xi Jinping` is one actor, never two)."""
    roles = role_appositions(clause, mentions, gazetteer, rules)
    described = {org for _, org in roles}
    spans = {person: (min(person.start, org.start), max(person.end, org.end))
             for person, org in roles}  # fmt: skip
    return [
        Placed(gazetteer.pair_actor(m.slug), *spans.get(m, (m.start, m.end)))
        for m in mentions
        if m not in described
    ]


def _denied(
    entry: tuple[tuple[int, int, int, int], Finding], deniers: tuple[str, ...]
) -> tuple[tuple[int, int, int, int], Finding]:
    """A cooperative finding of the clause before a denial: a denial itself."""
    priority, finding = entry
    if finding.stance != "cooperative":
        return entry
    denied_by = tuple(d for d in deniers if d in finding.actors)
    reason = f"{finding.reason}; denied in the next clause: a denial"
    denial = replace(finding, stance="competitive", type="denial", denied_by=denied_by,
                     reason=reason)  # fmt: skip
    return (0, *priority[1:]), denial


def _alleged_by(
    hit: Hit, pair: tuple[str, str], actors: list[Placed], hits: list[Hit]
) -> tuple[str, ...]:
    """What an accuser says another did is the accuser's claim: in `AS menuduh
    China memasok senjata kepada Rusia` the supply is alleged by the US."""
    said = next((h for h in hits if h.cue.scope == "directed" and h.end <= hit.start), None)
    if said is None:
        return ()
    who = tuple(sorted({a.slug for a in actors if a.end <= said.start}))
    return () if set(who) & set(pair) else who


def _hedged(clause: str, hit: Hit, rules: Rules) -> bool:
    """An offer, a hope or an open door in the clause (`menawarkan kerja sama`,
    `pintu dialog … selalu terbuka`); never a description of who leads or backs whom."""
    if rules.hedge is None or hit.cue.scope in ("adjacent", "glued"):
        return False
    return bool(rules.hedge.search(clause))


def _priority(hit: Hit, stance: str, rank: int, rules: Rules) -> tuple[int, int, int, int]:
    """A denial or rejection first, then a cue that links just these two actors
    (`YPG … yang terkait dengan PKK`, `pemerintah Suriah yang didukung Rusia`)
    over a cue of the whole clause, then by stance order, then the lexicon's order."""
    order = rules.stance_priority
    specific = 0 if hit.cue.scope in ("adjacent", "glued") else 1
    return (
        0 if hit.cue.negates else 1,
        specific,
        order.index(stance) if stance in order else 9,
        rank,
    )


def _confidence(priority: tuple[int, int, int, int], contested: bool, attributed: bool) -> float:
    # a negated or targeted cue says more than a cue word somewhere in the clause;
    # contradicting cues of the same reach in one sentence, or a claim made by one
    # side, say less (an offer or hope is weighed against hostility by `stance`)
    score = 0.8 if priority[0] == 0 else 0.6
    score -= 0.2 if contested else 0.0
    score -= 0.1 if attributed else 0.0
    return round(score, 2)


def _clause_pairs(
    clause: Clause, hits: list[Hit], rules: Rules
) -> list[tuple[int, tuple[str, str], Hit, str, tuple[str, ...]]]:
    negated = any(h.cue.negates for h in hits)
    actors = clause.actors
    out: list[tuple[int, tuple[str, str], Hit, str, tuple[str, ...]]] = []
    targeted: set[int] = set()  # indexes into actors
    genitives: set[Hit] = set()  # cues read with their agent after them
    coop_first = [h for h in hits if h.cue.scope == "clause" and h.cue.stance == "cooperative"]
    beside = [(h, adjacent(clause, h)) for h in hits if h.cue.scope in ("adjacent", "glued")]
    # `kelompok anti-junta`: the junta is what the prefix says, no other cue's partner
    targeted.update(found[1] for h, found in beside if found and h.cue.scope == "glued")
    for hit in hits:
        # `sanksi AS terhadap Rusia`: the agent right after a cue noun, then its target
        read = genitive(clause, hit, rules) if hit.cue.scope not in ("adjacent", "glued") else None
        if read is None or (negated and hit.cue.stance == "cooperative"):
            continue
        genitives.add(hit)
        targeted.update(read[1])
        for a, t in product(*read):
            pair = _pair(actors[a].slug, actors[t].slug)
            if pair:
                out.append((hit.rank, pair, hit, hit.cue.stance, ()))
    for hit in (h for h in hits if h.cue.scope == "target" and h not in genitives):
        targets = targets_after(clause, hit, hits, rules)
        if not targets:
            continue
        targets += appositions(targets, beside)
        targeted.update(targets)
        before = subjects_before(clause, hit, rules)
        if before and _anaphor_between(clause, before[-1], hit, rules):
            agents = []  # `… Taliban, tetapi dia menyerang ISIS`: "dia" acts, unnamed
        elif coop_first and not negated and coop_first[0].start < hit.start:
            agents = [i for i in range(len(actors)) if i not in targeted]
        else:
            agents = [i for i in (before[-1] if before else []) if i not in targeted]
        for a in agents:
            for t in targets:
                pair = _pair(actors[a].slug, actors[t].slug)
                if pair:
                    out.append((hit.rank, pair, hit, hit.cue.stance, ()))
    clause = replace(clause, free=[i for i in range(len(actors)) if i not in targeted])
    by_stance: dict[str, list[Hit]] = {}  # per stance, the most specific cue first
    for hit in sorted(hits, key=lambda h: h.rank):
        if hit.cue.scope == "clause" and not (negated and hit.cue.stance == "cooperative"):
            by_stance.setdefault(hit.cue.stance, []).append(hit)
    for stance, stance_hits in by_stance.items():
        seen: set[tuple[str, str]] = set()
        for i, j in combinations(clause.free, 2):
            pair = _pair(actors[i].slug, actors[j].slug)
            if pair is None or pair in seen:
                continue
            for hit in stance_hits:
                if linked(clause, hit, (i, j), rules):
                    denial = hit.cue.type == "denial" or "denial" in hit.note
                    denied = denier(clause, hit) if denial else ()
                    seen.add(pair)
                    out.append((hit.rank, pair, hit, stance, denied))
                    break
    for hit in (h for h in hits if h.cue.scope == "directed"):
        for i, j in product(clause.free, clause.free):
            if actors[i].end <= hit.start and actors[j].start >= hit.end:
                pair = _pair(actors[i].slug, actors[j].slug)
                if pair and linked(clause, hit, (i, j), rules):
                    out.append((hit.rank, pair, hit, hit.cue.stance, ()))
    for hit in (h for h in hits if h.cue.scope == "together" and not negated):
        # `Indonesia dan Malaysia bersama-sama menentang …`: partners of each other only
        before = subjects_before(clause, hit, rules)
        if before and distance(clause, hit, before[-1]) <= REACH_WORDS:
            for i, j in combinations(before[-1], 2):
                pair = _pair(actors[i].slug, actors[j].slug)
                if pair:
                    out.append((hit.rank, pair, hit, hit.cue.stance, ()))
    for listing in listings(clause, hits, rules):
        # `Koalisi Harapan Baru (Partai Hanusa, PRM dan Partai Gertara)`: partners, members
        owned = [(listing.owner, m) for m in listing.members] if listing.owner is not None else []
        for i, j in [*owned, *combinations(listing.members, 2)]:
            pair = _pair(actors[i].slug, actors[j].slug)
            if pair:
                out.append((listing.hit.rank, pair, listing.hit, listing.hit.cue.stance, ()))
    for hit, found in beside:
        if found and not (negated and hit.cue.stance == "cooperative"):
            # `yang didukung Partai Golkar dan Partai Gerindra`: each of the group after it,
            # and, for a cooperative cue, the group's members with each other
            after = [found[1]] if hit.cue.scope == "glued" else clause.group_of(found[1])
            pairs = [_pair(actors[found[0]].slug, actors[k].slug) for k in after]
            if hit.cue.stance == "cooperative":
                pairs += [_pair(actors[i].slug, actors[j].slug) for i, j in combinations(after, 2)]
            for pair in pairs:
                if pair:
                    out.append((hit.rank, pair, hit, hit.cue.stance, ()))
    return out


def _cue_hits(clause: str, mentions: Sequence[Mention], rules: Rules) -> list[Hit]:
    hits: list[Hit] = []
    # `kedua koalisi`, `ketiga partai`: a phrase that names actors, whatever its noun
    phrases = [m.span() for p in (rules.both, rules.all_of) if p for m in p.finditer(clause)]
    for rank, cue in enumerate(rules.cues):
        for match in cue.pattern.finditer(clause):
            start, end = match.span()
            if any(h.start < end and start < h.end for h in hits):
                continue
            if any(m.start <= start and end <= m.end for m in mentions):
                continue  # a cue word inside a name
            if any(a <= start and end <= b for a, b in phrases):
                continue
            hits.append(Hit(start, end, cue, rank))
    return asserted(clause, hits, mentions, rules)


def _link_type(cue: Cue, pair: tuple[str, str], gazetteer: Gazetteer, rules: Rules) -> str:
    """A coalition cue (founding, joining, leaving) between one actor of a group kind
    and another is a membership event: the site's link type for that role (a founding
    or a joining is `joins`, else a `member` report; a leaving `leaves`). Between two
    groups, or two actors none of which is one, or where the site declares no such
    type, it is the cue's own type ("" when the site has only the membership types)."""
    if cue.membership is None:
        return cue.type
    kinds = [gazetteer.actors[a].kind if a in gazetteer.actors else None for a in pair]
    if sum(kind in rules.group_kinds for kind in kinds) != 1:
        return cue.type
    roles = (cue.membership, "member") if cue.membership == "joins" else (cue.membership,)
    return next((rules.memberships[r] for r in roles if r in rules.memberships), cue.type)


def _pair(a: str, b: str) -> tuple[str, str] | None:
    if a == b:
        return None
    return (a, b) if a < b else (b, a)
