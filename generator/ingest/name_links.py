"""Two names of one actor, linked in a sentence.

Owns the links a sentence makes: an acronym and its expansion in
parentheses (`Partai Kebangkitan Bangsa (PKB)`, `AHA Centre (ASEAN …)`), a
nickname in parentheses after a full name (`Joko Widodo (Jokowi)`), and
names joined by the language's linking words (`SAC atau Dewan Administrasi
Negara`, `Muhaimin Iskandar atau yang akrab disapa Cak Imin`). An acronym
whose expansion is no actor (a convention, a meeting) is junk. Pure.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from generator.ingest.name_reader import (
    EXPANSION_CUE,
    INSTITUTION_KINDS,
    ORGANISATION,
    Found,
    Line,
    Reader,
    Sighting,
    not_an_actor,
    text_of,
)
from generator.ingest.names import Token, common_word, is_acronym, media_before
from generator.ingest.text import alternatives


def parenthesised(
    line: Line,
    known: set[int],
    states: dict[int, str],
    reader: Reader,
    found: Found,
) -> None:
    """`Partai Kebangkitan Bangsa (PKB)`, `AHA Centre (ASEAN … Assistance)`, `Joko Widodo (Jokowi)`.

    An organisation's name with its short form in parentheses is a name of its own,
    whatever words it holds (`Konfederasi Serikat Buruh Indonesia (KSBI)` is no
    state, `Kementerian Ketenagakerjaan (Kemnaker)` a ministry the article names)."""
    sentence, toks = line.text, line.toks
    links, junk = found.links, found.junk
    i = 0
    while i < len(toks):
        if not toks[i].lead.startswith("(") or i == 0:
            i += 1
            continue
        close = next((j for j in range(i, min(len(toks), i + 12)) if ")" in toks[j].trail), None)
        if close is None:
            i += 1
            continue
        inside = text_of(sentence, toks, i, close)
        before = _name_before(toks, i, reader)
        if before:
            outside = text_of(sentence, toks, before[0], before[-1])
            words = outside.split()
            if close == i and is_acronym(toks[i].word):
                if not_an_actor(words, reader, short_form=True) or media_before(
                    sentence, toks[before[0]].start, reader.cues
                ):
                    junk.add(toks[i].word)
                else:
                    links.append((outside, toks[i].word))
                    found.sightings.extend(_expansion(line, before, close, (known, states), reader))
            elif close > i and any(is_acronym(toks[k].word) for k in before):
                if not_an_actor(inside.split(), reader):
                    junk.add(outside)
                else:
                    links.append((outside, inside))
            elif (
                close == i
                and toks[i].capital
                and len(before) >= 2
                and reader.cues.honorifics.isdisjoint(words)
            ):
                links.append((outside, toks[i].word))  # `Joko Widodo (Jokowi)`
                if not not_an_actor(words, reader, short_form=True):  # `… Indonesia (Walhi)`
                    found.sightings.extend(_expansion(line, before, close, (known, states), reader))
        i = close + 1


def _expansion(
    line: Line, run: Sequence[int], close: int, marks: tuple[set[int], dict[int, str]],
    reader: Reader,
) -> list[Sighting]:  # fmt: skip
    """The name before a short form in parentheses, when it names an organisation: a
    head or an institution's word in it, a state's name or a connector inside it, or the
    short form its initials (`Forum Petani Poboya (FPP)`); not a person's (`Joko Widodo`),
    nor a place's (`Laut China Selatan (LCS)`), nor an office of a state or an actor
    named in it or right after it (`Kementerian Luar Negeri (Kemlu) Vietnam`)."""
    cues, toks = reader.cues, line.toks
    known, states = marks
    short = toks[close].word.strip("()")
    words = [toks[k].word for k in run]
    if len(run) < 2 or all(k in states for k in run) or any(k in known for k in run):
        return []
    if run[0] > 0 and toks[run[0] - 1].lower in reader.rules.place_words:
        return []
    initials = "".join(w[0] for w in words if w[:1].isupper())
    letters = short.replace("-", "").upper()
    if is_acronym(short) and len(initials) < len(letters) and letters.endswith(initials):
        return []  # `… of the Union of Burma (NCGUB)`: the name was cut short
    heads = [cues.heads_before.get(words[0]), *(cues.heads_after.get(w) for w in words[1:])]
    kinds = next((k for k in heads if k), None)
    if kinds is None and (words[0] in cues.institutions or words[0] in reader.rules.institutions):
        named = [*run, close + 1]
        if any(k in states or k in known for k in named):
            return []
        kinds = INSTITUTION_KINDS
    organisation = (
        kinds is not None
        or any(k in states for k in run)
        or any(w.lower() in cues.connectors for w in words)
        or initials == letters
    )
    if not organisation:
        return []
    name = text_of(line.text, toks, run[0], run[-1])
    cue = f"{EXPANSION_CUE} '{short}'"
    return [
        Sighting(name, "organisation", kinds or ("organisation",), line.index, ORGANISATION, cue)
    ]


def _name_before(toks: Sequence[Token], paren: int, reader: Reader) -> list[int]:
    """The capitalised words (and connectors) right before an opening parenthesis."""
    j = paren - 1
    run: list[int] = []
    while j >= 0:
        tok = toks[j]
        if tok.trail and j != paren - 1:
            break
        if tok.capital or (tok.lower in reader.cues.connectors and run and toks[run[0]].capital):
            run.insert(0, j)
            if tok.lead:
                break
            j -= 1
            continue
        break
    cues = reader.cues

    def opener(word: str) -> bool:
        if word in cues.heads_before or word in cues.institutions:
            return False
        return (
            word.lower() in cues.connectors
            or word in reader.rules.titles
            or word in reader.rules.not_names
            or word.lower() in cues.clause_openers
            or (len(run) > 1 and common_word(word, cues, reader.vocabulary))
        )

    while run and opener(toks[run[0]].word):
        run = run[1:]
    return run


def linked_by_words(sentence: str, reader: Reader, links: list[tuple[str, str]]) -> None:
    """`SAC atau Dewan Administrasi Negara`, `Muhaimin Iskandar alias Cak Imin`."""
    cues = reader.cues
    inside = alternatives(cues.connectors)
    name = rf"[A-Z][\w'’-]*(?:\s+(?:(?:{inside})\s+)?[A-Z][\w'’-]*){{0,6}}"
    joiners = [link for link in cues.name_links if link in cues.joiners]  # `atau`
    weak = rf"(?:(?:{alternatives(joiners)})\s+)?" if joiners else ""
    for link in cues.name_links:
        pattern = rf"(?<![\w-])({name}),?\s+{weak}{re.escape(link)}\s+({name})"
        for match in re.finditer(pattern, sentence):
            a, b = match.group(1), match.group(2)
            a_words, b_words = a.split(), b.split()
            if link in joiners and not (is_acronym(a) or is_acronym(b)):
                continue  # `China atau Rusia`: two actors, not two names
            if not_an_actor(a_words, reader) or not_an_actor(b_words, reader):
                continue
            links.append((a, b))
