"""What one sentence's names are read with and into: the reader, the sightings, the weights.

Owns the records discovery passes between its steps (`Sighting`: a name, the
kind its words suggest, how strongly and why; `SentenceNames`: a sentence's
sightings and the links between two names of one actor; `Reader`: the
language's cues, the declared actors, the world's states, the articles'
lower-case words), the weight each cue gives, and the small tests every
recogniser shares: does a name act here, is it no actor at all (an event, a
venue, a place, a document). Pure.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from generator.ingest.actors import Gazetteer
from generator.ingest.countries import Countries
from generator.ingest.lexicon import NameCues
from generator.ingest.names import (
    ARTICLE_PREFIX,
    Token,
    acting_verb,
    agent_position,
    subject_position,
)
from generator.ingest.rules import Rules

PERSON_WORD = re.compile(rf"(?:{ARTICLE_PREFIX})?(?:[A-Z][a-z]+|[A-Z]')(?:[-'’][A-Za-z]+)*\.?")

# weights: how much one sighting says that the name is an actor (see `discovery`)
STATE_ACTS, STATE_NAMED = 0.9, 0.2
STATE_THROUGH = 0.45  # acting only through its ministry or army: not proposed on this alone
GOVERNMENT = 0.8
ORGANISATION, ACTS_BONUS = 0.65, 0.15
ACRONYM_ACTS, ACRONYM_NAMED = 0.55, 0.2
GOVERNMENT_KINDS = ("government", "organisation")
INSTITUTION_KINDS = ("government", "organisation")  # a ministry, a commission, an agency
EXPANSION_CUE = "named with its short form"  # `Forum Petani Poboya (FPP)`
PERSON_SPEAKS, PERSON_ROLE, PERSON_HONORIFIC, PERSON_ACTS, PERSON_NAMED = 0.85, 0.7, 0.6, 0.5, 0.2
PERSON_LISTED, LIST_OF = 0.45, 3  # a role in a list of three or more people: who attended


@dataclass(frozen=True)
class Line:
    """The sentence being read: its index in the article, its text, its words."""

    index: int
    text: str
    toks: Sequence[Token]


@dataclass(frozen=True)
class Sighting:
    """One name an article writes, and what kind of actor it may be."""

    name: str  # as the article writes it, title stripped
    kind: str  # state | government | organisation | acronym | person | short (one name word)
    kinds: tuple[str, ...]  # the vocabulary's kinds it suggests, best first
    sentence: int  # index of the sentence in the article
    weight: float
    cue: str  # why, for the writer
    acting: bool = False
    code: str | None = None  # a state's ISO 3166 alpha-3
    role: str | None = None
    word: str | None = None  # the name word after an honorific (`Imin` of `Cak Imin`)


@dataclass
class Found:
    """What the steps reading one sentence add to: its sightings, the links between
    two names of one actor, and the short forms of non-actors (junk)."""

    sightings: list[Sighting] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)
    junk: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class SentenceNames:
    """The names one sentence writes."""

    sightings: tuple[Sighting, ...]
    links: tuple[tuple[str, str], ...] = ()  # two names of one actor
    junk: frozenset[str] = field(default_factory=frozenset)  # acronyms of non-actors


@dataclass(frozen=True)
class Reader:
    """What a sentence is read with: the language's cues and the known names."""

    cues: NameCues
    rules: Rules
    countries: Countries
    gazetteer: Gazetteer
    vocabulary: frozenset[str]  # words the articles use in lower case
    text: str = ""  # the whole article, to tell where a name ends

    @property
    def speech(self) -> frozenset[str]:
        verbs = {*self.rules.speech_after, *self.rules.speech_before}
        return frozenset(v.lower() for v in verbs)


def acting_here(
    toks: Sequence[Token], start: int, end: int, reader: Reader, *, passive: bool = True
) -> str | None:
    """None when the name does not act here; "" when it does; the institution's word
    when it acts through one (`militer Myanmar harus …`)."""
    through = subject_position(toks, start, reader.cues)
    if through is None:
        # `perundingan yang difasilitasi Arab Saudi`: the agent of a passive verb acts
        return "" if agent_position(toks, start, reader.cues) else None
    verb = acting_verb(toks, end, reader.cues, reader.speech, passive=passive)
    return None if verb is None else through


def not_an_actor(words: Sequence[str], reader: Reader, *, short_form: bool = False) -> bool:
    """An event, a venue, a place or a document. With its short form in parentheses, a
    head that may also name an event is an organisation's (`Forum Petani Poboya (FPP)`)."""
    cues, rules = reader.cues, reader.rules
    lower = {w.lower() for w in words}
    if lower & (rules.place_words | rules.document_words):
        return True
    # `Hotel Mulia Senayan`, `Eastern Economic Forum`; not `Juru Bicara Gedung Putih Eric Schultz`
    ends = {words[0], words[-1]} if words else set()
    events = cues.event_words - set(cues.heads_before) if short_form else cues.event_words
    if ends & (events | cues.venue_words):
        return True
    name = " ".join(words)
    return bool(name in reader.countries.places or any(p in name for p in rules.places))


def text_of(sentence: str, toks: Sequence[Token], first: int, last: int) -> str:
    return sentence[toks[first].start : toks[last].end]
