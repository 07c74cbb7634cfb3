"""Candidate actors: names without a dossier, ranked for the writer.

Owns deciding which capitalised names (found by `actors.find_candidates`)
and which quote speakers without a dossier are worth a dossier, and in what
order: by how many sentences name them (a surname alone counts), with a
bonus for the headline and the lead and for speaking in a quote. Names of
places, waters and documents are no actors (`not_an_actor`), and a sentence
in Title Case (a headline repeated in the body) surfaces none. Pure.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace

from generator.ingest.records import Candidate, Quote
from generator.ingest.rules import Rules
from generator.ingest.text import alternatives, slugify, words

HEADLINE_BONUS = 2.0
LEAD_BONUS = 1.0  # the first two sentences
SPEAKER_BONUS = 2.0  # per quote
TITLE_CASE_SHARE = 0.7  # of a sentence's words capitalised: a headline, not prose
TITLE_CASE_WORDS = 6
PLACE_LOOKBACK = 40  # characters before a name where a place word makes it a place


def title_case(sentence: str) -> bool:
    """`… Pemerintah China Bantah Keras Kapal Penjaga Pantainya Terobos …`"""
    found = [w for w in words(sentence) if w[:1].isalpha()]
    capital = sum(1 for w in found if w[:1].isupper())
    return len(found) >= TITLE_CASE_WORDS and capital >= TITLE_CASE_SHARE * len(found)


def not_an_actor(candidate: Candidate, rules: Rules) -> bool:
    """A place, a body of water or a document, by its words or what comes before it."""
    name = candidate.name
    own = {w.lower() for w in words(name)}
    if own & (rules.place_words | rules.document_words):
        return True
    if any(re.search(rf"(?<!\w){re.escape(p)}(?!\w)", name) for p in rules.places):
        return True
    at = candidate.sentence.find(name)
    before = candidate.sentence[max(0, at - PLACE_LOOKBACK) : at] if at >= 0 else ""
    # the place word just before it, or before a place it is coordinated with:
    # `kepulauan Hoang Sa (Paracel) dan Truong Sa`
    lead = re.search(r"(\w+)\s*$", before)
    if lead and lead.group(1).lower() in rules.place_words:
        return True
    joiners = alternatives(rules.group_joiners)
    chained = re.search(
        rf"(\w+)\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*\s*(?:\([^)]*\))?\s*(?:,|{joiners})\s*$", before
    )
    return bool(chained and chained.group(1).lower() in rules.place_words)


def rank_candidates(
    found: Mapping[str, Candidate], sentences: Sequence[str], quotes: Sequence[Quote]
) -> tuple[Candidate, ...]:
    """Every candidate with its count, score and aliases, best first."""
    pool = dict(found)
    for quote in quotes:
        name = quote.speaker_name
        if quote.speaker is None and name and len(name.split()) >= 1:
            pool.setdefault(slugify(name), Candidate(name, slugify(name), quote.sentence))
    out = []
    for candidate in pool.values():
        aliases = _short_forms(candidate.name, sentences)
        names = "|".join(re.escape(n) for n in (candidate.name, *aliases))
        pattern = re.compile(rf"(?<!\w)(?:{names})(?!\w)")
        hits = [i for i, s in enumerate(sentences) if pattern.search(s)]
        spoke = sum(1 for q in quotes if q.speaker is None and q.speaker_name == candidate.name)
        score = (
            len(hits)
            + (HEADLINE_BONUS if 0 in hits else 0.0)
            + (LEAD_BONUS if any(i in (1, 2) for i in hits) else 0.0)
            + SPEAKER_BONUS * spoke
        )
        out.append(replace(candidate, count=max(1, len(hits)), score=score, aliases=aliases))
    return tuple(sorted(out, key=lambda c: (-c.score, c.slug)))


def _short_forms(name: str, sentences: Sequence[str]) -> tuple[str, ...]:
    """Words of a name the article also uses alone (`Wang` for Wang Wenbin, `Yu` for Gan Yu)."""
    parts = name.split()
    if len(parts) < 2:
        return ()
    rest = [s.replace(name, "") for s in sentences]
    return tuple(
        w for w in parts if any(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", s) for s in rest)
    )
