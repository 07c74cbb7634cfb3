"""Who is speaking: an attribution phrase, or a pronoun, resolved to a speaker.

Owns reading the words that name a speaker (`juru bicara Kementerian Luar
Negeri China, Hong Lei, seperti dikutip …`, `Angkatan Bersenjata Filipina`,
`dia`, `Wang`) into a `Speaker`: a dossier slug and/or a name as written, and
the rule that decided. A person named in the phrase wins over the ministry
or state they speak for; an institution stands for the state it names only
when no person is named. A short mention (`Wang`, `pernyataan Kemlu`) is the
fuller name seen earlier in the article (`Wang Wenbin`, `pernyataan Kemlu
RI`); a pronoun or an anaphor (`dia`, `-nya`, `pernyataan tersebut`) is the
last named speaker. The article's names seen so far live in a `Register`,
a value passed along, never global state.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from generator.ingest.actors import Gazetteer, find_mentions
from generator.ingest.rules import Rules

_TOKEN = re.compile(r"[A-Z][a-z]+(?:[-'’][A-Za-z]+)*|[A-Z]{2,5}")
MAX_NAME_TOKENS = 4


@dataclass(frozen=True)
class Speaker:
    slug: str | None  # a dossier slug (a person, or a state or organisation)
    name: str | None  # the name as written, kept when there is no dossier
    rule: str  # which rule decided, for the writer's review
    phrase: str = ""  # the attribution words, to resolve later short references

    @property
    def named(self) -> bool:
        return bool(self.slug or self.name)


UNNAMED = Speaker(None, None, "unnamed source")


@dataclass(frozen=True)
class Register:
    """Full names seen so far in the article, earliest first."""

    names: tuple[str, ...] = ()

    def add(self, *names: str) -> Register:
        new = tuple(n for n in names if n and n not in self.names)
        return Register(self.names + new) if new else self

    def full_name(self, short: str) -> str | None:
        """The latest longer name seen earlier that contains every word of `short`."""
        wanted = short.split()
        for name in reversed(self.names):
            parts = name.split()
            if len(parts) > len(wanted) and all(w in parts for w in wanted):
                return name
        return None


def resolve(
    phrase: str,
    gazetteer: Gazetteer,
    rules: Rules,
    register: Register,
    last: Speaker | None,
) -> Speaker | None:
    """The speaker an attribution phrase names (None when it names nobody)."""
    words = phrase.strip().split()
    low = phrase.strip().lower()
    if last is not None and last.named and _is_anaphor(low, rules):
        return Speaker(last.slug, last.name, f"'{phrase.strip()}' → the last named speaker",
                       last.phrase)  # fmt: skip
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
    if last is not None and last.named and _shorter_reference(segments, last.phrase):
        return Speaker(last.slug, last.name, "a shorter form of the last speaker", last.phrase)
    if words and any(re.search(rf"\b{re.escape(u)}\b", low) for u in rules.unnamed_speakers):
        return UNNAMED
    return None


def names_in(text: str, gazetteer: Gazetteer, rules: Rules) -> list[str]:
    """Runs of capitalised name words in `text` that are no dossier, title or institution."""
    masked = _mask_known(text, gazetteer, rules)
    out: list[str] = []
    run: list[str] = []
    for token in re.finditer(r"\S+", masked + " ."):
        raw = token.group(0)
        word = raw.strip(",.;:!?()\"“”'’")
        closes = raw[-1:] in ",.;:!?)\"”'’" or raw[:1] in "(\"“'"
        name_word = bool(_TOKEN.fullmatch(word)) and word.isascii() and not _not_name(word, rules)
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


def _person(
    segment: str, gazetteer: Gazetteer, rules: Rules, register: Register
) -> tuple[str | None, str] | None:
    mentions = find_mentions(segment, gazetteer, rules)
    persons = [m for m in mentions if gazetteer.is_person(m.slug)]
    if persons:
        return persons[-1].slug, persons[-1].surface
    found = names_in(segment, gazetteer, rules)
    if not found:
        return None
    name = found[-1]
    if len(name.split()) == 1:
        full = register.full_name(name)
        if full is None and (mentions or name.upper() == name or name != segment.strip()):
            # one word beside a state (`Kementrian … China`), an acronym, or a
            # capitalised sentence opening (`Lebih lanjut`): not a person
            return None
        name = full or name
    return None, name


def _institution(segment: str, gazetteer: Gazetteer, rules: Rules, phrase: str) -> Speaker | None:
    mentions = [m for m in find_mentions(segment, gazetteer, rules)
                if not gazetteer.is_person(m.slug)]  # fmt: skip
    if not mentions:
        return None
    return Speaker(mentions[-1].slug, segment.strip(), "institution or state named", phrase)


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
    for phrase in sorted(rules.institutions, key=len, reverse=True):
        masked = re.sub(rf"(?<!\w){re.escape(phrase)}(?!\w)", lambda m: "#" * len(m.group(0)),
                        masked, flags=re.IGNORECASE)  # fmt: skip
    return masked


def _not_name(word: str, rules: Rules) -> bool:
    return word in rules.titles or word in rules.not_names or word.lower() in rules.anaphora
