"""Who is speaking: an attribution phrase, or a pronoun, resolved to a speaker.

Owns reading the words that name a speaker (`juru bicara Kementerian Luar
Negeri China, Hong Lei, seperti dikutip …`, `Angkatan Bersenjata Filipina`,
`dia`, `Wang`) into a `Speaker`: a dossier slug and/or a name as written, and
the rule that decided. A person named in the phrase wins over the ministry
or state they speak for; an institution stands for the state it names only
when no person is named. A short mention (`Wang`, `pernyataan Kemlu`) is the
fuller name seen earlier in the article (`Wang Wenbin`, `pernyataan Kemlu
RI`); a pronoun or an anaphor (`dia`, `-nya`, `pernyataan tersebut`) is the
last named speaker; a joint statement is its first party's, and `pernyataan
tersebut` the last statement's; a name after `bernama` speaks whole; a name one
letter off a declared one is that actor (`spelling`). The article's names, and
whose the last statement was, live in a `Register` (`speaker_register`),
a value passed along, never global state.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from functools import cache

from generator.ingest.actors import Gazetteer, find_mentions
from generator.ingest.countries import states_for
from generator.ingest.lexicon import NameCues
from generator.ingest.names import ARTICLE_PREFIX, common_word
from generator.ingest.rules import Rules
from generator.ingest.speaker_register import UNNAMED, Register, Speaker
from generator.ingest.spelling import misspelt

# a name word: `Wang`, `al-Sadiq`; never an acronym (`PKB Muhaimin Iskandar` is a
# party, then a person)
_TOKEN = re.compile(rf"(?:{ARTICLE_PREFIX})?[A-Z][a-z]+(?:[-'’][A-Za-z]+)*")
_ACRONYM = re.compile(r"[A-Z][A-Za-z]{0,6}[A-Z][A-Za-z]*")
MAX_NAME_TOKENS = 4


def resolve(
    phrase: str,
    gazetteer: Gazetteer,
    rules: Rules,
    register: Register,
    last: Speaker | None,
    cues: NameCues | None = None,
) -> Speaker | None:
    """The speaker an attribution phrase names (None when it names nobody)."""
    words = phrase.strip().split()
    low = phrase.strip().lower()
    if (register.statement is not None and cues is not None
            and _is_anaphor(low, rules) and low.split()[0] in cues.report_nouns):  # fmt: skip
        # `lanjut pernyataan tersebut`: the statement's, though others spoke since
        earlier = register.statement
        rule = f"'{phrase.strip()}' → the statement quoted or named before"
        return Speaker(earlier.slug, earlier.name, rule, earlier.phrase)
    if last is not None and last.named and _is_anaphor(low, rules):
        return Speaker(last.slug, last.name, f"'{phrase.strip()}' → the last named speaker",
                       last.phrase)  # fmt: skip
    if cues is not None:
        called = _called(phrase, gazetteer, rules, cues)
        if called is not None:
            return called
        described = _described(phrase, gazetteer, rules, register, last, cues)
        if described is not None:
            return described
    segments = _segments(phrase, rules)
    institution: Speaker | None = None
    for segment in segments:
        person = _person(segment, gazetteer, rules, register)
        if person is not None:
            return Speaker(*person, rule="person named in the attribution", phrase=phrase)
        if institution is None:
            institution = _institution(segment, gazetteer, rules, phrase)
    if institution is not None:
        return institution
    joint = cues is not None and _joint(low, rules, cues)
    parties = [m for m in find_mentions(phrase, gazetteer, rules)
               if not gazetteer.is_person(m.slug)] if joint else []  # fmt: skip
    if parties:
        # `pernyataan bersama yang dirilis Kamboja dan Thailand`: the first party named
        return Speaker(
            parties[0].slug, parties[0].surface, "a joint statement's first party", phrase
        )
    if joint and register.together:
        slug, surface = register.together[0]
        return Speaker(slug, surface, "a joint statement: the first actor named with it", phrase)
    if segments and _ACRONYM.fullmatch(segments[0].split()[0]) and len(segments[0].split()) == 1:
        # `ujar KPU`: an organisation without a dossier keeps its name
        return Speaker(None, segments[0], "organisation named in the attribution", phrase)
    if last is not None and last.named and _shorter_reference(segments, last.phrase):
        return Speaker(last.slug, last.name, "a shorter form of the last speaker", last.phrase)
    office = _office(segments, gazetteer, rules, register, phrase)
    if office is not None:
        return office
    if words and any(re.search(rf"\b{re.escape(u)}\b", low) for u in rules.unnamed_speakers):
        return UNNAMED
    return None


def _office(
    segments: Sequence[str], gazetteer: Gazetteer, rules: Rules, register: Register, phrase: str
) -> Speaker | None:
    """An institution or an office named without its actor (`juru bicara Kemlu`, `kata
    juru bicara Presiden`, `ujar Kemlu`): the actor the article named it with before
    (`Kementerian Luar Negeri (Kemlu) China`, `Presiden Joko Widodo`), for its state;
    where the article never did, no one."""
    for segment in reversed(segments):
        for word in reversed(re.findall(r"\b[A-Z][\w-]*", segment)):
            if word not in rules.titles and not _is_institution(word, rules):
                continue
            actor = register.institution(word.lower())
            if actor is not None and actor.slug is not None:
                slug = gazetteer.pair_actor(actor.slug)
                rule = f"'{word}' → the actor the article named it with"
                return Speaker(slug, gazetteer.actors[slug].title if slug in gazetteer.actors
                               else actor.name, rule, phrase)  # fmt: skip
    return None


def _called(phrase: str, gazetteer: Gazetteer, rules: Rules, cues: NameCues) -> Speaker | None:
    """`Sebuah komite rakyat bernama Suara Rakyat Lembayung`: the name after the naming
    word, whole (a declared actor only when the name is all of it)."""
    for word in cues.naming_words:
        found = re.search(
            rf"(?<!\w)(?i:{re.escape(word)})\s+(?P<name>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)",
            phrase,
        )
        if found is None:
            continue
        name = found.group("name")
        rule = f"named after '{word}'"
        whole = [m for m in find_mentions(name, gazetteer, rules) if m.surface == name]
        if whole:
            return Speaker(whole[0].slug, name, rule, phrase)
        return Speaker(None, name, rule, phrase)
    return None


def _is_institution(word: str, rules: Rules) -> bool:
    return word in rules.names.institutions or word.lower() in rules.names.institution_words


def _described(
    phrase: str,
    gazetteer: Gazetteer,
    rules: Rules,
    register: Register,
    last: Speaker | None,
    cues: NameCues,
) -> Speaker | None:
    """Someone described, not named: `pria yang akrab disapa Cak Imin itu` (the name
    after the link), `politikus PKB itu` (the last speaker), `departemen itu` (the
    department named before, for its actor)."""
    text = phrase.strip()
    low = " " + text.lower() + " "
    for link in cues.name_links:
        at = low.find(f" {link} ")
        if at >= 0 and text[:1].islower():
            rest = text[at + len(link) + 1 :]
            named = names_in(rest, gazetteer, rules, cues)
            mentions = find_mentions(rest, gazetteer, rules)
            if mentions:
                return Speaker(
                    mentions[0].slug, mentions[0].surface, f"named after '{link}'", phrase
                )
            if named:
                full = register.full_name(named[0]) or named[0]
                return Speaker(None, full, f"named after '{link}'", phrase)
    parts = text.split()
    if not parts or not parts[0][:1].islower() or parts[0].lower() in rules.anaphora:
        return None
    end = next(
        (i for i, w in enumerate(parts[:12]) if w.lower().strip(",.") in cues.demonstratives), None
    )
    if end is None or end == 0:
        return None
    head = parts[0].lower()
    if any(" ".join(parts[:end]).lower().startswith(u) for u in rules.unnamed_speakers):
        return UNNAMED  # `sumber tersebut`: the unnamed source spoken of before
    if head in cues.institution_words or head.capitalize() in cues.institutions:
        actor = register.institution(head)
        if actor is not None:
            return Speaker(
                actor.slug, actor.name, f"'{head} {parts[end]}' → the {head} named before", phrase
            )
        return None
    if last is not None and last.named:
        rule = f"'{' '.join(parts[: end + 1])}' → the last named speaker"
        return Speaker(last.slug, last.name, rule, last.phrase)
    return None


def names_in(
    text: str, gazetteer: Gazetteer, rules: Rules, cues: NameCues | None = None
) -> list[str]:
    """Runs of capitalised name words in `text` that are no dossier, title or institution;
    with `cues`, not a word that only opens its sentence (`Dikatakan Wang` is Wang)."""
    masked = _mask_known(text, gazetteer, rules)
    out: list[str] = []
    run: list[str] = []
    opens = True  # the next word opens a sentence
    for token in re.finditer(r"\S+", masked + " ."):
        raw = token.group(0)
        word = raw.strip(",.;:!?()\"“”'’")
        closes = raw[-1:] in ",.;:!?)\"”'’" or raw[:1] in "(\"“'"
        name_word = bool(_TOKEN.fullmatch(word)) and word.isascii() and not _not_name(word, rules)
        if opens and name_word and cues is not None and common_word(word, cues, ()):
            name_word = False
        opens = raw[-1:] in ".!?"
        if name_word and raw[:1] not in "(\"“'":
            run.append(word)
        if not name_word or closes:
            if 1 <= len(run) <= MAX_NAME_TOKENS:
                out.append(" ".join(run))
            run = []
    return out


def _segments(phrase: str, rules: Rules) -> list[str]:
    """Comma-separated parts of a phrase, up to the first that starts with a stop word."""
    stops = {s.lower() for s in rules.speaker_stops}
    out = []
    for part in phrase.split(","):
        first = part.strip().split(" ", 1)[0].lower()
        if first in stops:
            break
        cut = re.split(r"\b(?:" + "|".join(map(re.escape, stops)) + r")\b", part, maxsplit=1)
        out.append(cut[0].strip())
        if len(cut) > 1:
            break
    return [s for s in out if s]


def up_to_verb(part: str, rules: Rules) -> str:
    """The words after a speech verb up to a verb after a capitalised word: in `kata
    Ketua Harian PRB menanggapi pertanyaan soal Citra …` the speaker is the officer,
    never the person the question was about (a word of the language's verb prefixes,
    lower case, that is no title: `menanggapi`, `didampingi`, `berbicara`)."""
    prefixes = (*rules.names.active_prefixes, *rules.names.passive_prefixes)
    named = False
    for match in re.finditer(r"[\w-]+", part):
        word = match.group(0)
        if word[:1].isupper():
            named = True
        elif (named and len(word) > 4 and word.startswith(prefixes)
              and word.capitalize() not in rules.titles
              and not _is_institution(word.capitalize(), rules)):  # fmt: skip
            return part[: match.start()]
    return part


def _person(
    segment: str, gazetteer: Gazetteer, rules: Rules, register: Register
) -> tuple[str | None, str] | None:
    mentions = find_mentions(segment, gazetteer, rules)
    persons = [m for m in mentions if gazetteer.is_person(m.slug)]
    if persons:
        return persons[-1].slug, persons[-1].surface
    # `Muhammad Faisal Harun alias Ical`: the name before the link is the full one
    for link in rules.names.name_links:
        segment = re.split(rf"\s+{re.escape(link)}\s+", segment, maxsplit=1)[0]
    found = names_in(segment, gazetteer, rules)
    if not found:
        return None
    name = found[-1]
    full = register.full_name(name)  # `ujar Yoga Pratama` after `… Yoga Pratama Mahendra`
    near = None if full is not None else misspelt(name, gazetteer)
    if near is not None:
        return near, name
    if len(name.split()) == 1:
        known = register.known_person(name)
        if known is not None:
            return known[1], known[0]
        if full is None and (mentions or name.upper() == name or name != segment.strip()):
            # one word beside a state (`Kementrian … China`), an acronym, or a
            # capitalised sentence opening (`Lebih lanjut`): not a person
            return None
    return None, full or name


def _institution(segment: str, gazetteer: Gazetteer, rules: Rules, phrase: str) -> Speaker | None:
    """The actor an institution or a state named in the segment stands for: the last
    named (`juru bicara Kementerian Luar Negeri China`), or the first of actors named
    together, whose joint words they are (`PHB dan PSR dalam pernyataan bersama`,
    `Republik Sarwana (RS) dan Lembayung`)."""
    mentions = [m for m in find_mentions(segment, gazetteer, rules)
                if not gazetteer.is_person(m.slug)]  # fmt: skip
    if not mentions:
        return None
    # a short form in brackets between two names joins nothing (`Republik Sarwana (RS) dan
    # Lembayung dalam pernyataan bersama`)
    joined = all(
        all(w.lower() in rules.group_joiners
            for w in re.findall(r"\w+", re.sub(r"\([^)]*\)", " ", segment[a.end : b.start])))
        for a, b in itertools.pairwise(mentions)
    )  # fmt: skip
    chosen = mentions[0] if joined else mentions[-1]
    return Speaker(chosen.slug, segment.strip(), "institution or state named", phrase)


def _joint(low: str, rules: Rules, cues: NameCues) -> bool:
    """A joint statement (`pernyataan bersama`), or one of "both of them" (`kedua pihak`)."""
    return any(j in low for j in cues.joint_statements) or bool(
        rules.both is not None and rules.both.search(low)
    )


def _is_anaphor(low: str, rules: Rules) -> bool:
    return any(low == a or low.startswith(a + " ") for a in rules.anaphora)


def _shorter_reference(segments: Sequence[str], earlier: str) -> bool:
    """`pernyataan Kemlu` after `pernyataan Kemlu RI`: every capitalised word seen before."""
    caps = [w for s in segments for w in re.findall(r"\b[A-Z][\w-]*", s)]
    before = set(re.findall(r"\b[A-Z][\w-]*", earlier))
    return bool(caps) and all(w in before for w in caps)


def _mask_known(text: str, gazetteer: Gazetteer, rules: Rules) -> str:
    """Dossier names and institution phrases blanked out (`Gedung Putih`, `Kemlu`)."""
    chars = list(text)
    for mention in find_mentions(text, gazetteer, rules):
        chars[mention.start : mention.end] = "#" * (mention.end - mention.start)
    masked = "".join(chars)
    # a party's organ (`Majelis Pertimbangan`, `Badan Pemenangan Pemilu`) is no one's name
    pattern = _institutions_pattern((*rules.institutions, *rules.names.organs))
    return pattern.sub(lambda m: "#" * len(m.group(0)), masked) if pattern else masked


@cache
def _institutions_pattern(phrases: tuple[str, ...]) -> re.Pattern[str] | None:
    """Every institution phrase, longest first, in one pattern (compiled once)."""
    if not phrases:
        return None
    body = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)


def _not_name(word: str, rules: Rules) -> bool:
    # a state's name (any of the world's, `Juru bicara Penjaga Pantai China, Gan Yu`)
    # is no word of a person's name
    return (
        word in rules.titles
        or word in rules.not_names
        or word.lower() in rules.anaphora
        or states_for((rules.language,), rules.names).code_of(word) is not None
    )
