"""What one run of capitalised words in a sentence names: sightings of new actors.

Owns reading a run (`sightings` cuts a sentence into runs and marks its
words) into `Sighting`s: a government that is not the state (`junta militer
Myanmar`), a state acting through an office of it (`Kementerian Luar Negeri
China mengatakan` is China), an organisation by its head word (`Partai …`,
`… Army`) or by a head in lower case before it (`partai Liga …`), or else,
split at the states, acronyms and declared names in it, the states, acronyms
and people it holds (`Ketua Umum Partai Golkar Airlangga Hartarto`: the party
and the person). A run that is a place, a fixed phrase, a party's organ, the
press, an address, a bare title before a state, or a ministry of no actor
named is no sighting. People are read by `persons`, on the records of
`name_reader`. Pure.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from generator.ingest.countries import Countries
from generator.ingest.lexicon import NameCues
from generator.ingest.name_reader import (
    ACRONYM_ACTS,
    ACRONYM_NAMED,
    ACTS_BONUS,
    GOVERNMENT,
    GOVERNMENT_KINDS,
    ORGANISATION,
    STATE_ACTS,
    STATE_NAMED,
    STATE_THROUGH,
    Line,
    Reader,
    Sighting,
    acting_here,
    not_an_actor,
    text_of,
)
from generator.ingest.names import Token, common_word, is_acronym, media_before, phrase_before
from generator.ingest.persons import glued, org_and_person, read_person

ROMAN = re.compile(r"[IVX]{1,4}")  # `Kertanegara VI`: the number of a street


@dataclass(frozen=True)
class Marks:
    """What the words of one sentence are, by token index."""

    known: set[int]  # a declared actor's name
    states: dict[int, str]  # a state's name → its ISO code
    phrases: set[int]  # a fixed phrase (`Garuda Pancasila`)
    offices: set[int]  # an institution's words (`Gedung Putih`, `Kemlu`): never a name


def read_run(
    line: Line, run: list[int], marks: Marks, reader: Reader, out: list[Sighting], junk: set[str]
) -> None:
    """One run of capitals: a government, an office of an actor, an organisation by its
    head word, or else the states, acronyms and people in it (`_split_run`)."""
    index, sentence, toks = line.index, line.text, line.toks
    cues = reader.cues
    known, states = marks.known, marks.states
    before = toks[run[0] - 1].lower if run[0] > 0 else ""
    lower = {toks[i].lower for i in run} | {before}
    if lower & reader.rules.place_words:
        return  # `Jalan Medan Merdeka Barat`, `kepulauan Hoang Sa`: a place
    run = _without_organ(toks, _trimmed(toks, run, known, states, reader), cues)
    if not run:
        return
    words = [toks[i].word for i in run]
    if set(run) <= marks.phrases:
        return
    # `Arab Saudi`, a state's name that reads like a place's or a person's: a state
    if not all(i in states for i in run) and not_an_actor(words, reader):
        return
    first, last = run[0], run[-1]
    name = text_of(sentence, toks, first, last)
    if words[0].lower() in cues.media_people or phrase_before(
        sentence, toks[first].start, cues.media_people, last=2
    ):
        return  # `Jurnalis Al Jazeera Samuel Getachew`: the press reports, no actor
    if phrase_before(sentence, toks[first].start, cues.media_sources, last=3):
        junk.add(name)  # `seperti dilansir Addis Standard`: a medium wherever it is named
        return
    if first > 0 and toks[first - 1].lower in cues.prepositions and ROMAN.fullmatch(words[-1]):
        return  # `di Kertanegara VI`, `di Widya Chandra V`: an address
    if (len(run) == 1 or is_acronym(words[-1])) and media_before(sentence, toks[first].start, cues):
        return  # `dilansir Reuters`, `kepada VOA`; `kepada Presiden … Barack Obama` is a person
    acting = acting_here(toks, first, last + 1, reader) is not None
    bonus = ACTS_BONUS if acting else 0.0
    head = words[0]
    if head.lower() in cues.government_nouns and any(i in states for i in run):
        # `Junta Militer Myanmar`: a government of its own, not the state
        code = states[next(i for i in run if i in states)]
        cue = f"'{head}' before a state"
        out.append(Sighting(name, "government", GOVERNMENT_KINDS, index, GOVERNMENT + bonus,
                            cue, acting, code))  # fmt: skip
        return
    if len(run) > 1 and (head in cues.institutions or head.lower() in cues.state_heads):
        # `Kementerian Luar Negeri China`, `Pemerintah China`: the actor named after it
        if last in states:
            part = [i for i in run if i in states and states[i] == states[last]]
            act = acting_here(toks, first, last + 1, reader, passive=False)
            through = bool(act) or head.lower() not in cues.the_actor_itself
            through = through and head.lower() not in cues.leaders  # its leader: the state
            cue = f"'{head}' of it"
            out.append(_state(index, sentence, toks, part, states, act is not None, cue,
                              reader.countries, through=through))  # fmt: skip
            return
        if last in known:
            return
        if is_acronym(toks[last].word):
            weight = ACRONYM_ACTS if acting else ACRONYM_NAMED
            out.append(Sighting(toks[last].word, "acronym", ("organisation",), index, weight,
                                f"'{head}' of it", acting))  # fmt: skip
            return
        # a ministry, an office or an army of no one named is no actor: a person
        # after it may be (`Juru Bicara Gedung Putih Eric Schultz`)
    # `kelompok Taliban`, `partai Liga …`: a head written in lower case before the name
    lower_head = toks[first - 1].word if first > 0 and toks[first - 1].word.islower() else ""
    if (
        lower_head in cues.lower_heads
        and not set(run) & known
        and not all(i in states for i in run)
    ):
        kinds = cues.lower_heads[lower_head]
        cue = f"after '{toks[first - 1].word}'"
        out.append(Sighting(name, kinds[0], kinds, index, ORGANISATION + 0.1 + bonus, cue, acting))
        return
    if head in cues.heads_before and len(run) > 1 and last not in states and last not in known:
        split = glued(toks, run, reader, titled=False)
        if split is not None:  # `Partai Demokrat Teddy Riyanto`
            out.extend(org_and_person(line, run, split, (), reader))
            return
        kinds = cues.heads_before[head]
        cue = f"head word '{head}'"
        out.append(Sighting(name, kinds[0], kinds, index, ORGANISATION + bonus, cue, acting))
        return
    after = next((w for w in words[1:] if w in cues.heads_after), None)
    if after is not None and not set(run) & known:
        kinds = cues.heads_after[after]
        cue = f"head word '{after}'"
        out.append(Sighting(name, kinds[0], kinds, index, ORGANISATION + bonus, cue, acting))
        return
    _split_run(line, run, marks, reader, out)


def _without_organ(toks: Sequence[Token], run: list[int], cues: NameCues) -> list[int]:
    """The run without a party's organ opening it: `Dewan Pimpinan Pusat PBN` is PBN,
    `Majelis Tinggi` nothing."""
    words = [toks[i].word for i in run]
    for organ in cues.organs:  # longest first
        n = len(organ.split())
        if words[:n] == organ.split():
            return run[n:]
    return run


def _trimmed(
    toks: Sequence[Token], run: list[int], known: set[int], states: dict[int, str], reader: Reader
) -> list[int]:
    """The run without a capital that only opens its sentence, nor function words."""
    cues, rules = reader.cues, reader.rules

    def opener(i: int) -> bool:
        word = toks[i].word
        if i in states or i in known or word in cues.heads_before or word in cues.institutions:
            return False
        if word in rules.not_names or toks[i].lower in cues.clause_openers:
            return True
        at_start = i == 0 or bool(toks[i].lead)
        return at_start and len(run) > 1 and common_word(word, cues, reader.vocabulary)

    while run and opener(run[0]):
        run = run[1:]
    while run and toks[run[-1]].lower in cues.connectors:
        run = run[:-1]
    return run


def _split_run(
    line: Line, run: list[int], marks: Marks, reader: Reader, out: list[Sighting]
) -> None:
    """A run of plain capitalised words: states, acronyms and people in it."""
    index, sentence, toks = line.index, line.text, line.toks
    known, states = marks.known, marks.states
    segment: list[int] = []
    pieces: list[tuple[str, list[int]]] = []
    for i in run:
        word = toks[i].word
        if i in states:
            kind = "state"
        elif i in known or i in marks.offices:
            kind = "known"  # a separator: no new name
        elif is_acronym(word) and not (len(word) <= 2 and segment):
            kind = "acronym"  # `Mahfud MD`: two capitals after a name word are of the name
        else:
            kind = ""
        if kind:
            if segment:
                pieces.append(("name", segment))
                segment = []
            if (
                pieces
                and pieces[-1][0] == kind == "state"
                and states[pieces[-1][1][-1]] == states[i]
            ):
                pieces[-1][1].append(i)
            else:
                pieces.append((kind, [i]))
        else:
            segment.append(i)
    if segment:
        pieces.append(("name", segment))
    for number, (kind, part) in enumerate(pieces):
        end = part[-1] + 1
        tail = number == len(pieces) - 1
        act = acting_here(toks, part[0], end, reader, passive=kind != "state") if tail else None
        acting = act is not None
        if kind == "state":
            gov = _government_before(toks, part[0], reader.cues)
            if gov is not None:
                name = text_of(sentence, toks, gov, part[-1])
                name = name[:1].upper() + name[1:]
                acts = acting_here(toks, gov, end, reader) is not None
                out.append(Sighting(name, "government", GOVERNMENT_KINDS, index,
                                    GOVERNMENT + (ACTS_BONUS if acts else 0),
                                    f"'{toks[gov].word}' before a state", acts, states[part[0]]))  # fmt: skip
            else:
                out.append(_state(index, sentence, toks, part, states, acting, "named",
                                  reader.countries, through=bool(act)))  # fmt: skip
        elif kind == "acronym":
            word = toks[part[0]].word
            following = pieces[number + 1][0] if not tail else ""
            if following in ("acronym", "state", "known"):
                continue  # `DPP PKB`, `Sekjen PBB`: an office of the actor named next
            if word not in reader.rules.titles and word not in reader.rules.not_names:
                weight = ACRONYM_ACTS if acting else ACRONYM_NAMED
                out.append(Sighting(word, "acronym", ("organisation",), index, weight,
                                    "acts" if acting else "acronym", acting))  # fmt: skip
        elif kind == "name":
            titles = [i for i in part if toks[i].word in reader.rules.titles]
            following = pieces[number + 1][0] if not tail else ""
            if (
                titles
                and len(part) - len(titles) <= 1
                and following in ("state", "acronym", "known")
            ):
                continue  # `Menteri Informasi Eritrea`, `Putra Mahkota Saudi`: a bare title
            rest = part[len(titles) :] if part[: len(titles)] == titles else part
            split = glued(toks, rest, reader, titled=bool(titles)) if titles else None
            if split is not None:  # `Ketua Umum Partai Golkar Airlangga Hartarto`
                out.extend(org_and_person(line, rest, split, titles, reader))
                continue
            person = read_person(line, part, reader, acting)
            if person is not None:
                out.append(person)


def _state(
    index: int,
    sentence: str,
    toks: Sequence[Token],
    part: list[int],
    states: dict[int, str],
    acting: bool,
    cue: str,
    countries: Countries,
    *,
    through: bool = False,
) -> Sighting:
    text = text_of(sentence, toks, part[0], part[-1])
    found = countries.find(text)  # `AS` of `AS-Filipina`
    name = text[found[0][0] : found[-1][1]] if found else text
    weight = (STATE_THROUGH if through else STATE_ACTS) if acting else STATE_NAMED
    return Sighting(name, "state", ("state",), index, weight,
                    f"acts ({cue})" if acting else cue, acting, states[part[0]])  # fmt: skip


def _government_before(toks: Sequence[Token], start: int, cues: NameCues) -> int | None:
    """`junta militer Myanmar` → the index of `junta`."""
    j = start - 1
    if j >= 0 and toks[j].lower in cues.government_modifiers and not toks[j].trail:
        j -= 1
    if j >= 0 and toks[j].lower in cues.government_nouns and not toks[j].trail:
        return j
    return None
