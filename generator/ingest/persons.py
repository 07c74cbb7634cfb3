"""A person's name in a run of capitalised words, with the role kept as evidence.

Owns reading `Jenderal Senior Min Aung Hlaing`, `Cak Imin`, `Presiden
Jokowi`, `Menteri Luar Negeri Retno Marsudi` into a person's `Sighting`: the
titles and honorific stripped (the honorific kept with a lone name word), the
name the last stretch of name words, a word the articles write in lower case
left out, and the cue that makes it a person (speaking, a role or title, an
honorific, acting); splitting an organisation glued before a person
(`Ketua Umum Partai Golkar Airlangga Hartarto`, `Sekjen Bintim Hadi Susilo`
where the article writes `Partai Bintim` or `(Bintim)`); and reading a ticket
of two people joined by a hyphen as two names that act together. Pure.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from generator.ingest.lexicon import NameCues
from generator.ingest.name_reader import (
    ORGANISATION,
    PERSON_ACTS,
    PERSON_HONORIFIC,
    PERSON_NAMED,
    PERSON_ROLE,
    PERSON_SPEAKS,
    PERSON_WORD,
    Line,
    Reader,
    Sighting,
    acting_here,
    text_of,
)
from generator.ingest.names import Token, common_word, is_acronym, role_near, speech_before

TICKET_HALF = re.compile(r"[A-Z][a-z]{2,}")  # a name word on either side of a hyphen


def glued(toks: Sequence[Token], run: list[int], reader: Reader, *, titled: bool) -> int | None:
    """Where an organisation's name ends and a person's begins, in one run of capitals:
    `Partai Demokrat Teddy Riyanto`. The longest head of the run the article also
    writes alone is the organisation; after a title, else, its head and one word."""
    shortest = 1 if titled else 2  # after a title, one word may be the person's name
    if len(run) < 2 + shortest or toks[run[0]].word not in reader.cues.heads_before:
        return None
    if toks[run[0]].word in reader.cues.institutions:
        return None
    for k in range(len(run) - shortest, 1, -1):
        org = " ".join(toks[i].word for i in run[:k])
        if re.search(rf"(?<![\w-]){re.escape(org)}(?!\s+[A-Z])(?![\w-])", reader.text):
            return k if names_a_person(toks, run[k:], reader, shortest) else None
    if titled and names_a_person(toks, run[2:], reader, shortest):
        return 2
    return None


def names_a_person(
    toks: Sequence[Token], part: Sequence[int], reader: Reader, shortest: int = 2
) -> bool:
    """Two to four name words (one after a title), none a word of the language."""
    return shortest <= len(part) <= 4 and all(
        PERSON_WORD.fullmatch(toks[i].word)
        and toks[i].word not in reader.rules.not_names
        and not common_word(toks[i].word, reader.cues, reader.vocabulary)
        for i in part
    )


def org_and_person(
    line: Line, run: list[int], split: int, titles: Sequence[int], reader: Reader
) -> list[Sighting]:
    """The organisation glued before a person, and the person with it as their role."""
    index, sentence, toks = line.index, line.text, line.toks
    out: list[Sighting] = []
    head = toks[run[0]].word
    kinds = reader.cues.heads_before[head]
    org = text_of(sentence, toks, run[0], run[split - 1])
    out.append(Sighting(org, kinds[0], kinds, index, ORGANISATION, f"head word '{head}'"))
    acting = acting_here(toks, run[split], run[-1] + 1, reader) is not None
    person = read_person(line, list(run[split:]), reader, acting)
    if person is not None:
        role = " ".join([*(toks[i].word for i in titles), org])
        cue = f"role '{role}'" if person.weight < PERSON_ROLE else person.cue
        out.append(replace(person, kind="person", kinds=("person",), role=role,
                           weight=max(person.weight, PERSON_ROLE), cue=cue))  # fmt: skip
    return out


def _name_word(toks: Sequence[Token], i: int, part: Sequence[int], cues: NameCues) -> bool:
    """A word of a person's name; two capitals only last, after a name (`Mahfud MD`)."""
    word = toks[i].word
    if PERSON_WORD.fullmatch(word) or toks[i].lower in cues.particles:
        return True
    return i == part[-1] and len(part) > 1 and bool(re.fullmatch(r"[A-Z]{1,2}\.?", word))


def read_person(line: Line, part: list[int], reader: Reader, acting: bool) -> Sighting | None:
    index, sentence, toks = line.index, line.text, line.toks
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
    places = _places(toks, part, stripped, reader)
    stretches: list[list[int]] = [[]]
    for i in part:
        word = toks[i].word
        ending = i == part[-1] and bool(toks[i].trail)
        if word in rules.not_names or (word in rules.titles and not ending) or i in places:
            stretches.append([])
        else:
            stretches[-1].append(i)
    part = max(reversed(stretches), key=lambda p: min(len(p), 2))
    while part and toks[part[0]].lower in cues.particles:
        part = part[1:]
    # `Pemimpin Junta Min Aung Hlaing`: a word the articles also write in lower case
    while len(part) >= 3 and common_word(toks[part[0]].word, cues, reader.vocabulary):
        part = part[1:]
    if not part or not all(_name_word(toks, i, part, cues) for i in part):
        return None
    if part[0] > 0 and toks[part[0] - 1].word in cues.institutions:
        return None  # `Komandan Pasukan Dukungan Cepat`: the unit's name, cut
    if len(part) >= 3 and _party_word(toks[part[0]].word, reader):
        stripped.append(toks[part[0]].word)  # `Ketua Umum Gertara Slamet Riyadi Wirawan`
        part = part[1:]
    if sum(1 for i in part if toks[i].lower not in cues.particles) > 4:
        return None
    name = text_of(sentence, toks, part[0], part[-1]).rstrip(".")
    if any(f"{name} ".startswith(f"{organ} ") for organ in cues.organs):
        return None  # `kata Ketua Majelis Pertimbangan PLS`: the party's organ, no one
    role = " ".join(stripped) or role_near(toks, part[0], part[-1] + 1, cues, rules.titles)
    speaks = speech_before(toks, part[0], {v.lower() for v in rules.speech_after})
    if len(part) == 1:
        if honorific is not None:
            return Sighting(f"{honorific} {name}", "person", ("person",), index,
                            PERSON_HONORIFIC, f"honorific '{honorific}'", acting, role=role,
                            word=name)  # fmt: skip
        if common_word(name, cues, reader.vocabulary) or name in cues.pronouns:
            return None  # `Kepala Keuangan`: a title before a noun; `Anda`
        if part[0] != after_titles:
            stripped = []  # `Ketua Dewan Administrasi`: the title is not this word's
        if stripped:
            cue = f"title '{' '.join(stripped)}'"
            return Sighting(name, "person", ("person",), index, PERSON_ROLE - 0.1, cue, acting,
                            role=role)  # fmt: skip
        # `kata Anies`: attributed speech is a person's; `Polri menyatakan` may be anyone's
        says = speaks
        cue = (
            "one name word speaks" if says else "one name word acts" if acting else "one name word"
        )
        return Sighting(name, "short", ("person",) if says else ("organisation", "person"),
                        index, 0.0, cue, acting or says, role=role)  # fmt: skip
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


def _party_word(word: str, reader: Reader) -> bool:
    """A word the article gives an organisation, glued before a person's name: it writes
    it after a head word (`Partai Gertara`, `Partai Demokrat`) or as a short form in
    parentheses (`(Gertara)`)."""
    heads = "|".join(re.escape(h) for h in reader.cues.heads_before)
    w = re.escape(word)
    return bool(heads) and bool(
        re.search(rf"(?<![\w-])(?:{heads})\s+{w}(?![\w-])|\({w}\)", reader.text)
    )


def _places(toks: Sequence[Token], part: list[int], titles: list[str], reader: Reader) -> set[int]:
    """The words of a place in a run of capitals: a region of two words or more that
    ISO 3166-2 knows (`Sulawesi Tengah`); before a person's name, the region after an
    office over one (`Gubernur Sulteng Hasan Lamadi`) and a place after its head (`Kota
    Madiun Yusuf Hidayat`), cut only where two name words are left after it."""
    cues = reader.cues
    heads = [k for k, i in enumerate(part) if toks[i].word in cues.place_heads]
    starts = [0] if titles and titles[-1] in cues.region_titles else []
    out = {part[k] for k in heads}
    for k in range(len(part) - 1):
        for n in (3, 2):
            if " ".join(toks[i].word for i in part[k : k + n]) in reader.countries.places:
                out.update(part[k : k + n])
    for start in [*starts, *(k + 1 for k in heads)]:
        words = [toks[i].word for i in part[start : start + 3]]
        length = next((n for n in range(len(words), 1, -1)
                       if " ".join(words[:n]) in reader.countries.places), 1)  # fmt: skip
        if len(part) - start - length >= 2:
            out.update(part[start : start + length])
    return out


def tickets(toks: list[Token]) -> list[Token]:
    """A ticket of two people joined by a hyphen between name words (`Prabowo
    Subianto-Gibran Rakabuming Raka`) read as two names: the hyphen ends the first."""
    out = []
    for k, tok in enumerate(toks):
        left, _, right = tok.word.partition("-")
        if (
            0 < k < len(toks) - 1
            and TICKET_HALF.fullmatch(left)
            and TICKET_HALF.fullmatch(right)
            and toks[k - 1].capital
            and toks[k + 1].capital
            and not toks[k - 1].trail
            and not tok.trail
            and not is_acronym(toks[k - 1].word)
            and not is_acronym(toks[k + 1].word)
        ):
            cut = tok.start + len(left)
            out += [
                Token(left, tok.start, cut, tok.lead, "-"),
                Token(right, cut + 1, tok.end, "", ""),
            ]
        else:
            out.append(tok)
    return out


def ticket_acts(sentence: str, out: list[Sighting]) -> list[Sighting]:
    """The first of a ticket acts where the second does (`Pasangan Surya Dharma
    Putra-Lestari Ayu Wulandari mendaftar`): the two are one subject."""
    acts = {s.name: s for s in out if s.kind == "person" and s.acting}
    fixed = []
    for s in out:
        second = next((acts[n] for n in acts if f"{s.name}-{n}" in sentence), None)
        if s.kind == "person" and not s.acting and second is not None:
            s = replace(s, acting=True, weight=max(s.weight, second.weight), cue=second.cue)
        fixed.append(s)
    return fixed
