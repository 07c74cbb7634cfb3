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

from generator.ingest.name_reader import Reader, not_an_actor, text_of
from generator.ingest.names import Token, common_word, is_acronym, media_before
from generator.ingest.text import alternatives


def parenthesised(
    sentence: str,
    toks: Sequence[Token],
    known: set[int],
    states: dict[int, str],
    reader: Reader,
    links: list[tuple[str, str]],
    junk: set[str],
) -> None:
    """`Partai Kebangkitan Bangsa (PKB)`, `AHA Centre (ASEAN … Assistance)`, `Joko Widodo (Jokowi)`."""
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
                if not_an_actor(words, reader) or media_before(
                    sentence, toks[before[0]].start, reader.cues
                ):
                    junk.add(toks[i].word)
                else:
                    links.append((outside, toks[i].word))
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
        i = close + 1


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
