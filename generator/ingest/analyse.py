"""One article, read and understood: the steps of ingest chained for one text.

Owns the order of the steps (clean → metadata → quotes → actors →
relations → weighing the article's findings per pair → candidate actors
without a dossier) and the writer's review notes. Quotes come before relations so that a cue inside a quote is
credited to its speaker's side. Pure: text and rules in, `Analysis`
out; nothing is read or written here. Every line is cut to at most
`text.MAX_LINE_CHARS` first: the text each pattern sees is bounded.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from generator.ingest.actors import Gazetteer, find_mentions, role_appositions
from generator.ingest.anaphora import listed_group
from generator.ingest.clean import clean_article
from generator.ingest.discovery import Discovery, article_candidates, load_discovery
from generator.ingest.metadata import extract_metadata, source_slug
from generator.ingest.quotes import extract_quotes
from generator.ingest.ranks import newcomers_partners
from generator.ingest.records import Analysis, Candidate, Finding, Mention, Quote
from generator.ingest.relations import sentence_findings
from generator.ingest.rules import Rules
from generator.ingest.stance import weigh
from generator.ingest.text import bounded_lines, sentences
from generator.ingest.when import event_date

EARLIER_SENTENCES = 4  # how far back "ketiga partai" may look for three actors named


def analyse(
    seed: str, raw: str, rules: Rules, gazetteer: Gazetteer, discovery: Discovery | None = None
) -> Analysis:
    raw = bounded_lines(raw)  # no pattern, the site's own included, sees a longer line
    clean = clean_article(raw, rules)
    meta = extract_metadata(raw, clean, rules)
    body = [s for p in clean.paragraphs for s in sentences(p, rules.words.abbreviations)]
    heads = [clean.headline] if clean.headline else []
    actors: set[str] = set()
    findings: dict[tuple[tuple[str, str], str, str, str], Finding] = {}
    discovery = discovery or load_discovery(rules)
    said = extract_quotes(clean.paragraphs, gazetteer, rules, discovery.cues)
    antecedent: str | None = None  # the actor the sentence before began with
    before: tuple[str, ...] = ()  # … and the actors it named
    listed: tuple[str, ...] = ()  # … and those it listed together, three or more
    earlier: tuple[tuple[str, ...], ...] = ()  # the sides of the sentences before, newest first
    for unit in [*heads, *_units(body, rules)]:
        side = _speaker_side(unit, said, gazetteer)
        found = sentence_findings(
            unit, gazetteer, rules, side, antecedent, before, listed, earlier[1:]
        )
        for finding in found:
            if side and (finding.quoted or _inside_quote(unit, said)) and not finding.claim_by:
                finding = _claimed(finding, side)
            key = (finding.actors, finding.stance, finding.type, finding.sentence)
            findings.setdefault(key, finding)
        named = find_mentions(unit, gazetteer, rules)
        antecedent = named[0].slug if named else None
        before = tuple(dict.fromkeys(m.slug for m in named))
        listed = listed_group(unit, gazetteer, rules)
        sides = tuple(dict.fromkeys(gazetteer.pair_actor(m.slug) for m in named
                                    if not gazetteer.is_person(gazetteer.pair_actor(m.slug))))  # fmt: skip
        earlier = (sides, *earlier)[:EARLIER_SENTENCES]  # the first is `before`'s
    roles: dict[tuple[str, str], str] = {}  # (person, organisation) → as written
    for sentence in [*heads, *body]:
        mentions = find_mentions(sentence, gazetteer, rules)
        actors.update(m.slug for m in mentions)
        for person, org in role_appositions(sentence, mentions, gazetteer, rules):
            roles.setdefault((person.slug, org.slug), _span(sentence, person, org))
    joined = newcomers_partners(list(findings.values()), gazetteer, rules)
    dated = [_dated(f, meta.date, rules) for f in [*findings.values(), *joined]]
    weighed = weigh(tuple(dated), rules)
    ordered = weighed.kept
    ranked = article_candidates(body, said, rules, gazetteer, discovery)
    quotes = [
        _with_about(_named_as_candidate(q, ranked), ordered, clean.paragraphs, gazetteer, rules)
        for q in said
    ]
    review = _review(meta.notes, ranked, quotes, ordered, weighed.set_aside)
    review = _with_roles(review, roles, gazetteer)
    return Analysis(
        seed=seed,
        source_slug=source_slug(meta, rules.words),
        metadata=meta,
        clean=clean,
        actors=tuple(sorted(actors)),
        findings=ordered,
        quotes=tuple(quotes),
        candidates=ranked,
        review=review,
        set_aside=weighed.set_aside,
    )


def _dated(finding: Finding, article: str | None, rules: Rules) -> Finding:
    when = event_date(finding.sentence, finding.cue_at, article, rules.dates, rules.words)
    return replace(finding, when=when)


def _units(body: list[str], rules: Rules) -> list[str]:
    """Sentences, with a continuation ("Dalam hal ini …") joined to the one before."""
    units: list[str] = []
    for sentence in body:
        low = sentence.lower()
        if units and any(low.startswith(c.lower() + " ") for c in rules.continuations):
            units[-1] = f"{units[-1]} {sentence}"
        else:
            units.append(sentence)
    return units


def _quote_in(unit: str, quotes: Iterable[Quote]) -> Quote | None:
    """The quote a sentence belongs to: it holds the quote, or lies inside it."""
    core = unit.strip(' "“”,.')
    for quote in quotes:
        if quote.text in unit or (len(core) > 20 and core[:40] in quote.text):
            return quote
    return None


def _inside_quote(unit: str, quotes: Iterable[Quote]) -> bool:
    """A sentence in the middle of a quote that runs over several sentences."""
    core = unit.strip(' "“”,.')
    return len(core) > 20 and any(core[:40] in q.text for q in quotes)


def _speaker_side(unit: str, quotes: Iterable[Quote], gazetteer: Gazetteer) -> str | None:
    quote = _quote_in(unit, quotes)
    if quote is None or quote.speaker is None:
        return None
    return gazetteer.pair_actor(quote.speaker)


def _claimed(finding: Finding, side: str) -> Finding:
    # the quote's words are its speaker's: a claim by that side, not the article's
    confidence = round(min(finding.confidence, 0.5), 2)
    reason = f"{finding.reason}; said by {side} (quoted)"
    return replace(finding, claim_by=(side,), quoted=True, confidence=confidence, reason=reason)


def _with_about(
    quote: Quote,
    findings: Iterable[Finding],
    paragraphs: Sequence[str],
    gazetteer: Gazetteer,
    rules: Rules,
) -> Quote:
    """The relationships a quote is about: both actors named in its paragraph (its
    speaker's side counts as named), among the pairs the article evidences."""
    paragraph = next((p for p in paragraphs if quote.text in p), quote.sentence)
    named = {gazetteer.pair_actor(m.slug) for m in find_mentions(paragraph, gazetteer, rules)}
    if quote.speaker:
        named.add(gazetteer.pair_actor(quote.speaker))
    about = sorted({f.relationship for f in findings if set(f.actors) <= named})
    return replace(quote, about=tuple(about))


def _named_as_candidate(quote: Quote, candidates: Iterable[Candidate]) -> Quote:
    """A speaker without a dossier under the candidate's name: the attribution's
    `Demokrat Teddy Riyanto` is Teddy Riyanto (accepting him makes it a reference)."""
    name = quote.speaker_name
    if quote.speaker is not None or not name:
        return quote
    for candidate in candidates:
        names = (candidate.name, *candidate.aliases)
        if candidate.kinds[:1] == ("person",) and (
            name in names or name.endswith(" " + candidate.name)
        ):
            return replace(quote, speaker_name=candidate.name)
    return quote


def _review(
    notes: tuple[str, ...],
    candidates: Iterable[Candidate],
    quotes: list[Quote],
    findings: tuple[Finding, ...],
    set_aside: tuple[Finding, ...] = (),
) -> tuple[str, ...]:
    out = list(notes)
    for candidate in candidates:
        near = f" (named with: {', '.join(candidate.near)})" if candidate.near else ""
        out.append(
            f"candidate actor without a dossier: {candidate.name}{near}"
            f' (named {candidate.count}×; accept with `explainer ingest --accept "{candidate.name}"`)'
        )
    for quote in quotes:
        if quote.speaker is None and quote.speaker_name:
            out.append(f"quote speaker has no dossier: {quote.speaker_name}: “{quote.text[:60]}”")
        elif quote.speaker is None:
            out.append(f"quote from an unnamed source: “{quote.text[:60]}”")
    if findings:
        out.append("relations were read by cue words: check each stance and type in `evidence`")
    for finding in set_aside:
        out.append(f"not proposed ({finding.relationship}, {finding.stance}): {finding.reason}")
    out.append("write `summary`, and the English file")
    return tuple(out)


def _span(sentence: str, *mentions: Mention) -> str:
    return sentence[min(m.start for m in mentions) : max(m.end for m in mentions)]


def _with_roles(
    review: tuple[str, ...], roles: dict[tuple[str, str], str], gazetteer: Gazetteer
) -> tuple[str, ...]:
    """A person named with an organisation as their role, whose dossier has no
    affiliation: the writer is told, since the pair is not a relation."""
    notes = [
        f"{person} is named as “{written}”: an affiliation, not a relation; if {org} is "
        f"their own, set `affiliation: {org}` in {person}'s dossier"
        for (person, org), written in sorted(roles.items())
        if person in gazetteer.actors and not gazetteer.actors[person].affiliation
    ]
    return (*review[:-1], *notes, review[-1]) if notes else review
