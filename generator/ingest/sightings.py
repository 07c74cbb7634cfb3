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
sighted, nor an acronym whose expansion is one. Pure.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from generator.ingest.actors import Gazetteer, find_mentions
from generator.ingest.countries import Countries
from generator.ingest.lexicon import NameCues
from generator.ingest.names import (
    Token,
    acting_verb,
    common_word,
    is_acronym,
    media_before,
    role_near,
    speech_before,
    subject_position,
    tokens,
)
from generator.ingest.rules import Rules

CONNECTORS = frozenset({"untuk", "dan", "di", "of", "for", "the", "and", "on", "&", "de", "van",
                        "bin", "binti", "al", "el", "von", "der", "da"})  # fmt: skip
PARTICLES = frozenset({"bin", "binti", "al", "el", "van", "de", "der", "von", "da", "abu"})
_PERSON_WORD = re.compile(
    r"(?:(?:al|el|ad|as|ash|ar|az|an|at|ibn)-)?(?:[A-Z][a-z]+|[A-Z]')(?:[-'’][A-Za-z]+)*\.?"
)

# weights: how much one sighting says that the name is an actor (see `candidates`)
STATE_ACTS, STATE_NAMED = 0.9, 0.2
STATE_THROUGH = 0.45  # acting only through its ministry or army: not proposed on this alone
GOVERNMENT = 0.8
ORGANISATION, ACTS_BONUS = 0.65, 0.15
EXPANDED = 0.75  # an acronym with its expansion
ACRONYM_ACTS, ACRONYM_NAMED = 0.55, 0.2
GOVERNMENT_KINDS = ("government", "organisation")
PERSON_SPEAKS, PERSON_ROLE, PERSON_HONORIFIC, PERSON_ACTS, PERSON_NAMED = 0.85, 0.7, 0.6, 0.5, 0.2
PERSON_LISTED, LIST_OF = 0.45, 3  # a role in a list of three or more people: who attended


@dataclass(frozen=True)
class Sighting:
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


@dataclass(frozen=True)
class SentenceNames:
    sightings: tuple[Sighting, ...]
    links: tuple[tuple[str, str], ...] = ()  # two names of one actor
    junk: frozenset[str] = field(default_factory=frozenset)  # acronyms of non-actors


@dataclass(frozen=True)
class _Marks:
    """What the words of one sentence are, by token index."""

    known: set[int]  # a declared actor's name
    states: dict[int, str]  # a state's name → its ISO code
    phrases: set[int]  # a fixed phrase (`Garuda Pancasila`)
    offices: set[int]  # an institution's words (`Gedung Putih`, `Kemlu`): never a name


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


def read_sentence(index: int, sentence: str, reader: Reader) -> SentenceNames:
    toks = tokens(sentence)
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
    marks = _Marks(known, states, _covered(toks, _phrase_spans(sentence, reader.cues.phrases)),
                   offices - known - set(states))  # fmt: skip
    out: list[Sighting] = []
    links: list[tuple[str, str]] = []
    junk: set[str] = set()
    for run in _runs(toks, known, reader):
        _read_run(index, sentence, toks, run, marks, reader, out, junk)
    if sum(1 for s in out if s.kind == "person" and len(s.name.split()) >= 2) >= LIST_OF:
        # `dihadiri oleh Presiden …, Perdana Menteri …, dan …`: a list of who attended
        out = [replace(s, weight=PERSON_LISTED) if s.weight == PERSON_ROLE and not s.acting
               else s for s in out]  # fmt: skip
    _parenthesised(sentence, toks, known, states, reader, links, junk)
    _linked_by_words(sentence, reader, links)
    return SentenceNames(tuple(out), tuple(links), frozenset(junk))


def _covered(toks: Sequence[Token], spans: Sequence[tuple[int, int]]) -> set[int]:
    return {i for i, t in enumerate(toks) for s, e in spans if t.start < e and s < t.end}


def _phrase_spans(sentence: str, phrases: Iterable[str], words: int = 1) -> list[tuple[int, int]]:
    out = []
    for phrase in phrases:
        if len(phrase.split()) < words:
            continue
        for match in re.finditer(rf"(?<!\w){re.escape(phrase)}(?!\w)", sentence):
            out.append(match.span())
    return out


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
        elif (
            tok.lower in CONNECTORS
            and current
            and not toks[current[-1]].trail
            and i + 1 < len(toks)
            and toks[i + 1].capital
            and not toks[i + 1].lead
            and _has_head(toks, current, reader)
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


def _has_head(toks: Sequence[Token], run: Sequence[int], reader: Reader) -> bool:
    words = [toks[i].word for i in run]
    return words[0] in reader.cues.heads_before or any(w in reader.cues.heads_after for w in words)


def _read_run(
    index: int,
    sentence: str,
    toks: Sequence[Token],
    run: list[int],
    marks: _Marks,
    reader: Reader,
    out: list[Sighting],
    junk: set[str],
) -> None:
    cues = reader.cues
    known, states = marks.known, marks.states
    before = toks[run[0] - 1].lower if run[0] > 0 else ""
    lower = {toks[i].lower for i in run} | {before}
    if lower & reader.rules.place_words:
        return  # `Jalan Medan Merdeka Barat`, `kepulauan Hoang Sa`: a place
    run = _trimmed(toks, run, known, states, reader)
    if not run:
        return
    words = [toks[i].word for i in run]
    if set(run) <= marks.phrases or _not_an_actor(words, reader):
        return
    first, last = run[0], run[-1]
    name = _text(sentence, toks, first, last)
    if (len(run) == 1 or is_acronym(words[-1])) and media_before(sentence, toks[first].start, cues):
        return  # `dilansir Reuters`, `kepada VOA`; `kepada Presiden … Barack Obama` is a person
    acting = _acts(toks, first, last + 1, reader) is not None
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
            act = _acts(toks, first, last + 1, reader, passive=False)
            through = bool(act) or head.lower() not in cues.the_actor_itself
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
    lower_head = toks[first - 1].lower if first > 0 else ""
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
        split = _glued(toks, run, reader, titled=False)
        if split is not None:  # `Partai Demokrat Teddy Riyanto`
            _org_and_person(index, sentence, toks, run, split, (), reader, out)
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
    _split_run(index, sentence, toks, run, marks, reader, out)


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
    while run and toks[run[-1]].lower in CONNECTORS:
        run = run[:-1]
    return run


def _split_run(
    index: int,
    sentence: str,
    toks: Sequence[Token],
    run: list[int],
    marks: _Marks,
    reader: Reader,
    out: list[Sighting],
) -> None:
    """A run of plain capitalised words: states, acronyms and people in it."""
    known, states = marks.known, marks.states
    segment: list[int] = []
    pieces: list[tuple[str, list[int]]] = []
    for i in run:
        word = toks[i].word
        if i in states:
            kind = "state"
        elif i in known or i in marks.offices:
            kind = "known"  # a separator: no new name
        elif is_acronym(word):
            kind = "acronym"
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
        act = _acts(toks, part[0], end, reader, passive=kind != "state") if tail else None
        acting = act is not None
        if kind == "state":
            gov = _government_before(toks, part[0], reader.cues)
            if gov is not None:
                name = _text(sentence, toks, gov, part[-1])
                name = name[:1].upper() + name[1:]
                acts = _acts(toks, gov, end, reader) is not None
                out.append(Sighting(name, "government", GOVERNMENT_KINDS, index,
                                    GOVERNMENT + (ACTS_BONUS if acts else 0),
                                    f"'{toks[gov].word}' before a state", acts, states[part[0]]))  # fmt: skip
            else:
                out.append(_state(index, sentence, toks, part, states, acting, "named",
                                  reader.countries, through=bool(act)))  # fmt: skip
        elif kind == "acronym":
            word = toks[part[0]].word
            if word not in reader.rules.titles and word not in reader.rules.not_names:
                weight = ACRONYM_ACTS if acting else ACRONYM_NAMED
                out.append(Sighting(word, "acronym", ("organisation",), index, weight,
                                    "acts" if acting else "acronym", acting))  # fmt: skip
        elif kind == "name":
            titles = [i for i in part if toks[i].word in reader.rules.titles]
            rest = part[len(titles) :] if part[: len(titles)] == titles else part
            split = _glued(toks, rest, reader, titled=bool(titles)) if titles else None
            if split is not None:  # `Ketua Umum Partai Golkar Airlangga Hartarto`
                _org_and_person(index, sentence, toks, rest, split, titles, reader, out)
                continue
            person = _person(index, sentence, toks, part, reader, acting)
            if person is not None:
                out.append(person)


def _glued(toks: Sequence[Token], run: list[int], reader: Reader, *, titled: bool) -> int | None:
    """Where an organisation's name ends and a person's begins, in one run of capitals:
    `Partai Demokrat Teddy Riyanto`. The longest head of the run the article also
    writes alone is the organisation; after a title, else, its head and one word."""
    if len(run) < 4 or toks[run[0]].word not in reader.cues.heads_before:
        return None
    if toks[run[0]].word in reader.cues.institutions:
        return None
    for k in range(len(run) - 2, 1, -1):
        org = " ".join(toks[i].word for i in run[:k])
        if re.search(rf"(?<![\w-]){re.escape(org)}(?!\s+[A-Z])(?![\w-])", reader.text):
            return k if _names_a_person(toks, run[k:]) else None
    if titled and _names_a_person(toks, run[2:]):
        return 2
    return None


def _names_a_person(toks: Sequence[Token], part: Sequence[int]) -> bool:
    return 2 <= len(part) <= 4 and all(_PERSON_WORD.fullmatch(toks[i].word) for i in part)


def _org_and_person(
    index: int,
    sentence: str,
    toks: Sequence[Token],
    run: list[int],
    split: int,
    titles: Sequence[int],
    reader: Reader,
    out: list[Sighting],
) -> None:
    head = toks[run[0]].word
    kinds = reader.cues.heads_before[head]
    org = _text(sentence, toks, run[0], run[split - 1])
    out.append(Sighting(org, kinds[0], kinds, index, ORGANISATION, f"head word '{head}'"))
    person = _person(
        index,
        sentence,
        toks,
        list(run[split:]),
        reader,
        _acts(toks, run[split], run[-1] + 1, reader) is not None,
    )
    if person is not None:
        role = " ".join([*(toks[i].word for i in titles), org])
        out.append(replace(person, role=role, weight=max(person.weight, PERSON_ROLE),
                           cue=f"role '{role}'" if person.weight < PERSON_ROLE else person.cue))  # fmt: skip


def _person(
    index: int,
    sentence: str,
    toks: Sequence[Token],
    part: list[int],
    reader: Reader,
    acting: bool,
) -> Sighting | None:
    cues, rules = reader.cues, reader.rules
    stripped: list[str] = []
    honorific: str | None = None
    while part and (toks[part[0]].word in rules.titles or toks[part[0]].word in cues.honorifics):
        word = toks[part[0]].word
        if word in cues.honorifics and word not in rules.titles:
            honorific = word
        else:
            stripped.append(word)
            honorific = None
        part = part[1:]
    # a title word ending the run before lower case is a title (`Zhang Gaoli Ketua fraksi`);
    # at a comma it is part of the name (`Aditya Perdana,`)
    while len(part) > 1 and toks[part[-1]].word in rules.titles and not toks[part[-1]].trail:
        part = part[:-1]
    # a name word never: a weekday, a month, a title or an office inside
    # (`Menteri Luar Negeri Retno Marsudi`, `Retno Marsudi Senin`): the name is the
    # last stretch of name words, the fullest if several
    after_titles = part[0] if part else None
    stretches: list[list[int]] = [[]]
    for i in part:
        word = toks[i].word
        ending = i == part[-1] and bool(toks[i].trail)
        if word in rules.not_names or (word in rules.titles and not ending):
            stretches.append([])
        else:
            stretches[-1].append(i)
    part = max(reversed(stretches), key=lambda p: min(len(p), 2))
    while part and toks[part[0]].lower in PARTICLES:
        part = part[1:]
    # `Pemimpin Junta Min Aung Hlaing`: a word the articles also write in lower case
    while len(part) >= 3 and common_word(toks[part[0]].word, cues, reader.vocabulary):
        part = part[1:]
    if not part or not all(
        _PERSON_WORD.fullmatch(toks[i].word) or toks[i].lower in PARTICLES for i in part
    ):
        return None
    if len(part) > 4:
        return None
    name = _text(sentence, toks, part[0], part[-1]).rstrip(".")
    role = " ".join(stripped) or role_near(toks, part[0], part[-1] + 1, cues, rules.titles)
    speaks = speech_before(toks, part[0], {v.lower() for v in rules.speech_after})
    if len(part) == 1:
        if honorific is not None:
            return Sighting(f"{honorific} {name}", "person", ("person",), index,
                            PERSON_HONORIFIC, f"honorific '{honorific}'", acting, role=role,
                            word=name)  # fmt: skip
        if common_word(name, cues, reader.vocabulary):
            return None  # `Kepala Keuangan`: a title before a noun
        if part[0] != after_titles:
            stripped = []  # `Ketua Dewan Administrasi`: the title is not this word's
        kind = "person" if stripped else "short"
        weight = PERSON_ROLE - 0.1 if stripped else 0.0
        return Sighting(name, kind, ("person",), index, weight, f"title '{' '.join(stripped)}'" if stripped else "one name word", acting, role=role)  # fmt: skip
    if speaks:
        weight, cue = PERSON_SPEAKS, "speaks"
    elif role:
        weight, cue = PERSON_ROLE, f"role '{role}'"
    elif honorific:
        weight, cue = PERSON_HONORIFIC, f"honorific '{honorific}'"
    elif acting:
        weight, cue = PERSON_ACTS, "acts"
    else:
        weight, cue = PERSON_NAMED, "named"
    return Sighting(name, "person", ("person",), index, weight, cue, acting, role=role or None)


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
    text = _text(sentence, toks, part[0], part[-1])
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


def _acts(
    toks: Sequence[Token], start: int, end: int, reader: Reader, *, passive: bool = True
) -> str | None:
    """None when the name does not act here; "" when it does; the institution's word
    when it acts through one (`militer Myanmar harus …`)."""
    through = subject_position(toks, start, reader.cues)
    if through is None:
        return None
    verb = acting_verb(toks, end, reader.cues, reader.speech, passive=passive)
    return None if verb is None else through


def _not_an_actor(words: Sequence[str], reader: Reader) -> bool:
    cues, rules = reader.cues, reader.rules
    lower = {w.lower() for w in words}
    if lower & (rules.place_words | rules.document_words):
        return True
    # `Hotel Mulia Senayan`, `Eastern Economic Forum`; not `Juru Bicara Gedung Putih Eric Schultz`
    ends = {words[0], words[-1]} if words else set()
    if ends & (cues.event_words | cues.venue_words):
        return True
    name = " ".join(words)
    return bool(name in reader.countries.places or any(p in name for p in rules.places))


def _text(sentence: str, toks: Sequence[Token], first: int, last: int) -> str:
    return sentence[toks[first].start : toks[last].end]


def _parenthesised(
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
        inside = _text(sentence, toks, i, close)
        before = _name_before(toks, i, reader)
        if before:
            outside = _text(sentence, toks, before[0], before[-1])
            words = outside.split()
            if close == i and is_acronym(toks[i].word):
                if _not_an_actor(words, reader) or media_before(
                    sentence, toks[before[0]].start, reader.cues
                ):
                    junk.add(toks[i].word)
                else:
                    links.append((outside, toks[i].word))
            elif close > i and any(is_acronym(toks[k].word) for k in before):
                if _not_an_actor(inside.split(), reader):
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
        if tok.capital or (tok.lower in CONNECTORS and run and toks[run[0]].capital):
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
            word.lower() in CONNECTORS
            or word in reader.rules.titles
            or word in reader.rules.not_names
            or word.lower() in cues.clause_openers
            or (len(run) > 1 and common_word(word, cues, reader.vocabulary))
        )

    while run and opener(toks[run[0]].word):
        run = run[1:]
    return run


def _linked_by_words(sentence: str, reader: Reader, links: list[tuple[str, str]]) -> None:
    """`SAC atau Dewan Administrasi Negara`, `Muhaimin Iskandar alias Cak Imin`."""
    name = r"[A-Z][\w'’-]*(?:\s+(?:untuk|dan|of|for|the)?\s*[A-Z][\w'’-]*){0,6}"
    for link in reader.cues.name_links:
        pattern = rf"(?<![\w-])({name}),?\s+(?:atau\s+)?{re.escape(link)}\s+({name})"
        for match in re.finditer(pattern, sentence):
            a, b = match.group(1), match.group(2)
            a_words, b_words = a.split(), b.split()
            if link == "atau" and not (is_acronym(a) or is_acronym(b)):
                continue  # `China atau Rusia`: two actors, not two names
            if _not_an_actor(a_words, reader) or _not_an_actor(b_words, reader):
                continue
            links.append((a, b))
