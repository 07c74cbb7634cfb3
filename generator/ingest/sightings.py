"""Names in one sentence that no dossier has: states, organisations, people.

Owns reading a sentence's capitalised words into `Sighting`s, each with the
kind its words suggest and why (`cue`), and the links the sentence makes
between two names of one actor. The recognisers, in order:

- a state of ISO 3166 (`countries`), a sighting of weight only when it acts
  (`China menolak …`; `Kementerian Luar Negeri China mengatakan` is China);
- a government that is not the state (`junta militer Myanmar`);
- an organisation by its head word (`Partai …`, `Koalisi …`, `… Army`), or by
  a head in lower case before it (`partai Liga Nasional untuk Demokrasi`); a
  ministry or an army with no actor after it is none (`Badan Keamanan Laut`);
- an acronym (`PKB`), linked to its expansion (`Partai Kebangkitan Bangsa
  (PKB)`, `SAC atau Dewan Administrasi Negara`);
- a person: two to four name words, with their title or honorific stripped
  and kept as the role (`Jenderal Senior Min Aung Hlaing`), or one word after
  an honorific (`Cak Imin`) or a title (`Presiden Jokowi`); linked to a
  nickname the sentence gives (`Joko Widodo (Jokowi)`, `… atau Cak Imin`).

Names of events, venues, places, documents and fixed phrases are never
sighted, nor an acronym whose expansion is one; nor a party's organ (`Majelis
Tinggi`; `Dewan Pimpinan Pusat PBN` is PBN), the press (`Jurnalis …`, `seperti
dilansir …`: that name is junk in the whole article), an address (`di
Kertanegara VI`), a bare title before a state (`Menteri Informasi Eritrea`).
This module marks what a sentence's words are (a declared actor, a state, a
fixed phrase, an institution), cuts it into runs of capitals, each read by
`name_runs`, and weighs a list of who attended. People are read by
`persons`, links by `name_links`, on the records of `name_reader`. Pure.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import cache

from generator.ingest.actors import find_mentions
from generator.ingest.lexicon import NameCues
from generator.ingest.name_links import linked_by_words, parenthesised
from generator.ingest.name_reader import (
    LIST_OF,
    PERSON_LISTED,
    PERSON_ROLE,
    Found,
    Line,
    Reader,
    SentenceNames,
    Sighting,
)
from generator.ingest.name_runs import Marks, read_run
from generator.ingest.names import Token, is_acronym, tokens
from generator.ingest.persons import ticket_acts, tickets


def read_sentence(index: int, sentence: str, reader: Reader) -> SentenceNames:
    toks = tickets(tokens(sentence))
    known = _covered(
        toks, [(m.start, m.end) for m in find_mentions(sentence, reader.gazetteer, reader.rules)]
    )
    states: dict[int, str] = {}
    for start, end, code in reader.countries.find(sentence):
        for i in _covered(toks, [(start, end)]):
            if i not in known:
                states[i] = code
    offices = _covered(toks, _phrase_spans(sentence, reader.rules.institutions, words=2))
    offices |= {i for i, t in enumerate(toks) if t.word in reader.cues.institutions}
    marks = Marks(known, states, _covered(toks, _phrase_spans(sentence, reader.cues.phrases)),
                  offices - known - set(states))  # fmt: skip
    out: list[Sighting] = []
    links: list[tuple[str, str]] = []
    junk: set[str] = set()
    line = Line(index, sentence, toks)
    for run in _runs(toks, known, reader):
        read_run(line, run, marks, reader, out, junk)
    out = ticket_acts(sentence, out)
    listed = [s for s in out if s.kind == "person" and len(s.name.split()) >= 2]
    if len(listed) >= LIST_OF and not _agents_listed(sentence, listed[0].name, reader.cues):
        # `dihadiri oleh Presiden …, Perdana Menteri …, dan …`: a list of who attended
        out = [replace(s, weight=PERSON_LISTED) if s.weight == PERSON_ROLE and not s.acting
               else s for s in out]  # fmt: skip
    found = Found(out, links, junk)
    parenthesised(line, known, states, reader, found)
    linked_by_words(sentence, reader, links)
    return SentenceNames(tuple(out), tuple(links), frozenset(junk))


def _agents_listed(sentence: str, first: str, cues: NameCues) -> bool:
    """A list that opens right after a passive verb of acting, with only its first
    person's titles, organisation and `oleh` between: `Piagam itu ditandatangani Ketua
    Umum PCT Bagus …, …`: the signers act (not after `dihadiri`: who attended)."""
    before = sentence[: max(0, sentence.find(first))].split()
    while before and (before[-1][:1].isupper() or before[-1].lower() in cues.agent_markers):
        before.pop()
    if not before:
        return False
    verb = before[-1].lower().strip(",")
    return (
        verb.isalpha()
        and any(verb.startswith(p) and len(verb) >= len(p) + 4 for p in cues.passive_prefixes)
        and verb not in cues.not_verbs
        and verb not in cues.attendance
    )


def _covered(toks: Sequence[Token], spans: Sequence[tuple[int, int]]) -> set[int]:
    return {i for i, t in enumerate(toks) for s, e in spans if t.start < e and s < t.end}


def _phrase_spans(sentence: str, phrases: tuple[str, ...], words: int = 1) -> list[tuple[int, int]]:
    pattern = _phrases_pattern(phrases, words)
    return [m.span() for m in pattern.finditer(sentence)] if pattern else []


@cache
def _phrases_pattern(phrases: tuple[str, ...], words: int) -> re.Pattern[str] | None:
    """The phrases of `words` words or more, longest first, in one pattern (compiled once)."""
    kept = sorted((p for p in phrases if len(p.split()) >= words), key=len, reverse=True)
    if not kept:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(p) for p in kept) + r")(?!\w)")


def _runs(toks: Sequence[Token], known: set[int], reader: Reader) -> list[list[int]]:
    """Capitalised words in a row; lower-case connectors inside an organisation's name."""
    runs: list[list[int]] = []
    current: list[int] = []
    for i, tok in enumerate(toks):
        starts_new = bool(tok.lead) and bool(current)
        if tok.capital and not tok.word[0].isdigit():
            if starts_new:
                runs.append(current)
                current = []
            current.append(i)
        elif _between_capitals(toks, i, current) and (
            # `Mohammed bin Salman`: a particle inside a person's name
            tok.lower in reader.cues.particles
            or (
                tok.lower in reader.cues.connectors
                and _has_head(toks, current, reader)
                # `Partai Golkar dan Partai Gerindra`: a second name, not one
                and not (tok.lower in reader.cues.joiners and _opens_name(toks[i + 1].word, reader))
            )
        ):
            current.append(i)
        else:
            if current:
                runs.append(current)
            current = []
            continue
        if tok.trail:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return [r for r in runs if r]


def _between_capitals(toks: Sequence[Token], i: int, current: Sequence[int]) -> bool:
    """A lower-case word inside a run of capitals, nothing between it and them."""
    return (
        bool(current)
        and not toks[current[-1]].trail
        and i + 1 < len(toks)
        and toks[i + 1].capital
        and not toks[i + 1].lead
    )


def _opens_name(word: str, reader: Reader) -> bool:
    """A word that opens a name of its own: a head (`Partai`) or an acronym (`PKB`)."""
    return word in reader.cues.heads_before or is_acronym(word)


def _has_head(toks: Sequence[Token], run: Sequence[int], reader: Reader) -> bool:
    words = [toks[i].word for i in run]
    return words[0] in reader.cues.heads_before or any(w in reader.cues.heads_after for w in words)
