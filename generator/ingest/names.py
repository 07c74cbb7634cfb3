"""Reading the words around a name in one sentence: is it a subject, a speaker, a role?

Owns the small grammar discovery needs, all of it from `NameCues` (the
language's words): a sentence as tokens with their punctuation; runs of
capitalised words; whether a name is the subject of a verb (`China menolak`,
`AS pada Senin, 22 Februari 2021 beri sanksi`, `Kyaw Zaw, juru bicara NUG,
mengatakan`), told by the verb's prefix or the language's bare verbs, past
fillers, time phrases, appositions and coordinated names, and never after a
preposition or as the modifier of a noun (`di Myanmar`, `rakyat Myanmar`);
a role or title near a name (`juru bicara junta, Zaw Min Tun`); a speech
verb before it (`kata Wang`); and a capitalised word that only opens its
sentence (`Kemarahan Duterte`). Pure functions of their inputs.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import cache

from generator.ingest.lexicon import NameCues

_TOKEN = re.compile(r"\S+")
# the Arabic article glued to a name, in any language's press: `al-Sadiq`, `ash-Sharaa`
ARTICLE_PREFIX = r"(?:al|el|ad|as|ash|ar|az|an|at|ibn)-"
_PARTICLE_NAME = re.compile(rf"{ARTICLE_PREFIX}[A-Z]")
_LEAD = "(\"“‘'[-–—"
_TRAIL = ",.;:!?)\"”’'…]"
CLAUSE_END = frozenset(".;!?")
LOOKBACK = 10  # tokens a role, a title or a speech verb may stand before a name
APPOSITION = 12  # tokens an apposition may run before its closing comma


@dataclass(frozen=True)
class Token:
    """One word of a sentence, with the punctuation around it."""

    word: str  # without the punctuation around it
    start: int  # offsets of `word` in the sentence
    end: int
    lead: str  # punctuation before it: ( " “
    trail: str  # punctuation after it: , . ) ”

    @property
    def capital(self) -> bool:
        return self.word[:1].isupper() or bool(_PARTICLE_NAME.match(self.word))

    @property
    def lower(self) -> str:
        return self.word.lower()


def tokens(sentence: str) -> list[Token]:
    """The words of a sentence; a dash or a quote standing alone leads the next word."""
    out = []
    pending = ""
    for match in _TOKEN.finditer(sentence):
        raw = match.group(0)
        body = raw.lstrip(_LEAD)
        lead = raw[: len(raw) - len(body)]
        word = body.rstrip(_TRAIL)
        trail = body[len(word) :]
        if not word:
            pending += raw  # `JAKSELNEWS.COM - Amerika Serikat …`
            continue
        start = match.start() + len(lead)
        out.append(Token(word, start, start + len(word), pending + lead, trail))
        pending = ""
    return out


def is_acronym(word: str) -> bool:
    """`PKB`, `NasDem`, `ASEAN`, `PDI-P`: two to eight letters, two or more capitals."""
    letters = re.sub(r"(?<=[A-Z])-(?=[A-Z]{1,3}$)", "", word.replace("&", ""))
    return (
        2 <= len(letters) <= 8
        and letters.isalpha()
        and letters[:1].isupper()
        and sum(c.isupper() for c in letters) >= 2
        and not re.search(r"[a-z]{4}", letters)
    )


def verb_like(word: str, cues: NameCues, speech: Collection[str], *, passive: bool) -> bool:
    """A verb by its prefix (`menolak`, `bergabung`, `dipimpin`) or the language's list."""
    w = word.lower()
    if w in cues.not_verbs or (not w.isalpha() and "-" not in w):
        return False
    if w in cues.bare_verbs or w in speech:
        return True
    if any(w.startswith(p) and len(w) >= len(p) + 4 for p in cues.active_prefixes):
        return True
    return passive and any(w.startswith(p) and len(w) >= len(p) + 4 for p in cues.passive_prefixes)


def acting_verb(
    toks: Sequence[Token],
    after: int,
    cues: NameCues,
    speech: Collection[str],
    *,
    passive: bool = True,
) -> str | None:
    """The verb a name ending before `toks[after]` is the subject of, if any."""
    i = after
    if i > 0 and toks[i - 1].trail.startswith(","):
        # an apposition: `Kyaw Zaw, juru bicara kantor kepresidenan NUG, mengatakan`
        close = next(
            (j for j in range(i, min(len(toks), i + APPOSITION)) if "," in toks[j].trail), None
        )
        if close is None or any(c in toks[k].trail for k in range(i, close) for c in CLAUSE_END):
            return None
        i = close + 1
    while i < len(toks):
        tok = toks[i]
        low = tok.lower
        if tok.lead.startswith("("):  # `Tentara Arakan (AA) menyatakan`
            while i < len(toks) and ")" not in toks[i].trail:
                i += 1
            i += 1
            continue
        if i == after and i > 0 and toks[i - 1].trail == "-" and tok.capital:
            i += 1  # `Prabowo Subianto-Gibran Rakabuming Raka mendaftar`: a ticket
            while i < len(toks) and toks[i].capital and not toks[i - 1].trail:
                i += 1
            continue
        if low in cues.joiners and i + 1 < len(toks) and toks[i + 1].capital:
            i += 1  # `Indonesia dan ASEAN nampaknya punya …`: coordinated names
            while i < len(toks) and toks[i].capital and not toks[i - 1].trail:
                i += 1
            continue
        if low in cues.fillers:
            i += 1
            continue
        if low in cues.time_openers:
            i = _past_time_phrase(toks, i + 1, cues)
            continue
        if _acting_role(toks, i, cues):
            return tok.word  # `Afrika Selatan menjadi tuan rumah perundingan itu`
        if verb_like(tok.word, cues, speech, passive=passive) and "(" not in tok.lead:
            return tok.word  # `China “menentang …`: a partial quote opens with its verb
        return None
    return None


def _acting_role(toks: Sequence[Token], i: int, cues: NameCues) -> bool:
    """A verb of being and a role in talks or a deal (`menjadi tuan rumah`, `bertindak
    sebagai penengah`): the name before it acts."""
    text = " ".join(t.lower for t in toks[i : i + 4])
    return any(text == p or text.startswith(p + " ") for p in cues.acting_roles)


def agent_position(toks: Sequence[Token], start: int, cues: NameCues) -> bool:
    """Right after a passive verb (`difasilitasi Arab Saudi`, `ditengahi Qatar`): the
    name is its agent."""
    if start == 0 or toks[start - 1].trail or toks[start].lead:
        return False
    word = toks[start - 1].lower
    return word not in cues.not_verbs and any(
        word.startswith(p) and len(word) >= len(p) + 4 and word.isalpha()
        for p in cues.passive_prefixes
    )


def _past_time_phrase(toks: Sequence[Token], i: int, cues: NameCues) -> int:
    """After `pada`: `Senin, 22 Februari 2021`, `hari Minggu (6/8)`, `pekan lalu`."""
    end = min(len(toks), i + 8)
    while i < end:
        tok = toks[i]
        if not (tok.capital or tok.word[:1].isdigit() or tok.lower in cues.time_words):
            return i
        i += 1
    return i


def subject_position(toks: Sequence[Token], start: int, cues: NameCues) -> str | None:
    """Whether a name beginning at `toks[start]` may be the subject of a verb after it:
    None if not, "" if it is, or the institution's word it is the subject through
    (`militer Myanmar harus …` → "militer": the army acts, for its state).

    Not after a preposition (`di Myanmar`) nor as a noun's modifier (`rakyat
    Myanmar`, `mengunjungi Myanmar … untuk menandai`); yes at a clause's start,
    after a conjunction, a verb of asking (`mendesak Indonesia tak mengizinkan`)
    or an institution's words (`pemerintah China`).
    """
    j = start - 1
    through = ""
    while j >= 0:
        prev = toks[j]
        if prev.trail or toks[j + 1].lead:
            return through
        low = prev.lower
        if low in cues.prepositions:
            return None
        if low in cues.clause_openers:
            return through
        if low in cues.institution_words or low in cues.state_heads:
            if low not in cues.the_actor_itself:
                through = through or low
            j -= 1
            continue
        if prev.word in cues.state_form_words and j == start - 1:
            j -= 1  # `Kerajaan Arab Saudi`: the state's own name
            continue
        if prev.capital:
            # `Kementerian … China`, `Presiden China`, `DPP PKB`: an office of the actor
            if prev.word in cues.institutions or low in cues.state_heads or is_acronym(prev.word):
                return through or low
            return None
        return through if low in cues.control_verbs else None
    return through


def role_near(
    toks: Sequence[Token], start: int, end: int, cues: NameCues, titles: Collection[str]
) -> str | None:
    """A role or title before the name in its clause, or in an apposition after it,
    as the article writes it (`juru bicara`, `Presiden`)."""
    first = start
    while first > 0 and start - first < LOOKBACK:
        if any(c in toks[first - 1].trail for c in CLAUSE_END):
            break
        first -= 1
    found = _role_in(toks[first:start], cues)
    if found:
        return found
    if start > 0 and toks[start - 1].word in titles:
        return toks[start - 1].word
    if end < len(toks) and toks[end - 1].trail.startswith(","):
        after = _role_in(toks[end : end + 4], cues, at_start=True)
        if after:
            return after
    if end < len(toks) and not toks[end - 1].trail and toks[end].lower in cues.role_links:
        # `mengusung Wahyu Setiadi Nugroho sebagai calon presiden`
        return _role_in(toks[end + 1 : end + 5], cues, at_start=True)
    return None


def _role_in(window: Sequence[Token], cues: NameCues, *, at_start: bool = False) -> str | None:
    """The role nearest the name's side of `window` (its start when `at_start`)."""
    low = [t.lower for t in window]
    by_first = _roles_by_first(cues.roles)
    starts = [0] if at_start else range(len(low) - 1, -1, -1)
    for i in starts:
        for words in by_first.get(low[i], ()):  # longest first
            if low[i : i + len(words)] == list(words):
                return " ".join(t.word for t in window[i : i + len(words)])
    return None


@cache
def _roles_by_first(roles: tuple[str, ...]) -> dict[str, tuple[tuple[str, ...], ...]]:
    out: dict[str, list[tuple[str, ...]]] = {}
    for role in roles:
        words = tuple(role.split())
        out.setdefault(words[0], []).append(words)
    return {k: tuple(v) for k, v in out.items()}


def speech_before(toks: Sequence[Token], start: int, speech_after: Collection[str]) -> bool:
    """`kata juru bicara junta, Zaw Min Tun`: a speech verb opens the attribution."""
    j = start - 1
    while j >= 0 and start - j <= LOOKBACK:
        if any(c in toks[j].trail for c in CLAUSE_END) or toks[j].trail.endswith(("”", '"')):
            return toks[j].lower in speech_after
        if toks[j].lower in speech_after:
            return True
        j -= 1
    return False


def media_before(sentence: str, start: int, cues: NameCues) -> bool:
    """`dilansir Reuters`, `kepada VOA`, `kantor berita Rusia, TASS`."""
    return phrase_before(sentence, start, cues.media_cues)


def phrase_before(sentence: str, start: int, phrases: Collection[str], *, last: int = 4) -> bool:
    """One of `phrases` (lower case) among the `last` words before `sentence[start]`."""
    before = sentence[max(0, start - 40) : start].lower()
    words = re.findall(r"[\w-]+", before)[-last:]
    text = " " + " ".join(words) + " "
    return any(f" {cue} " in text for cue in phrases)


def common_word(word: str, cues: NameCues, lower_vocabulary: Collection[str]) -> bool:
    """A capitalised word that only opens its sentence: used in lower case elsewhere,
    or made with the language's affixes (`Kemarahan`, `Pernyataan`, `Dikatakan`)."""
    w = word.lower()
    if w in lower_vocabulary:
        return True
    if len(w) < 6 or w.endswith(cues.name_endings):  # Setiawan, Sudirman: names
        return False
    return any(w.startswith(p) for p in cues.common_prefixes) and any(
        w.endswith(s) for s in cues.common_suffixes
    )


def lower_vocabulary(texts: Sequence[str]) -> frozenset[str]:
    """Every word the texts use in lower case."""
    return frozenset(w for text in texts for w in re.findall(r"(?<![\w-])[a-z][a-z-]+", text))
