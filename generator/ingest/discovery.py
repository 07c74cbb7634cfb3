"""One article's candidate actors: its sightings merged into names a writer would accept.

Owns turning the sightings of every sentence (`sightings.read_sentence`) and
the quotes' speakers without a dossier into `Candidate`s: the names of one
actor merged (a state's names; an acronym and its expansion; a person's full
name, the surname alone after it, a nickname the article links or clips
from it (`Jokowi` from Joko Widodo, `Cak Imin` from Muhaimin), a misspelt
repeat (`Ming Aung Hlaing`)); the name a writer would title it with (the form
the article uses most, a person's full name); the kind its strongest cue
suggests; a confidence from its cues and how often it is named; and the
sentences that show it. A state counts only where it acts. Below
`MIN_CONFIDENCE` (its strongest cue) a name is not proposed. Pure.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from generator.ingest.actors import Gazetteer, find_mentions
from generator.ingest.countries import Countries, states_for
from generator.ingest.lexicon import NameCues
from generator.ingest.name_reader import EXPANSION_CUE, PERSON_SPEAKS, Reader, Sighting
from generator.ingest.names import is_acronym, lower_vocabulary
from generator.ingest.records import Candidate, Quote
from generator.ingest.rules import Rules
from generator.ingest.sightings import read_sentence
from generator.ingest.text import slugify, words

MIN_CONFIDENCE = 0.5
LONE_WORD = 0.5  # one name word acting in two sentences, no cue of kind
FREQUENT_ACRONYM, FREQUENT = 0.5, 3  # an acronym in three sentences or more
PER_SENTENCE = 0.03  # each further sentence naming it
MAX_CONFIDENCE = 0.95
EVIDENCE = 3  # sentences kept per candidate
TITLE_CASE_SHARE = 0.7  # of a sentence's words capitalised: a headline, not prose
TITLE_CASE_WORDS = 6


@dataclass(frozen=True)
class Discovery:
    """The language's cues and the world's states, read once per run."""

    cues: NameCues
    countries: Countries


def load_discovery(rules: Rules, site_languages: Sequence[str] = ()) -> Discovery:
    """The articles' language's name cues (`rules.names`), and the world's states by
    their names in it, in English and in the site's languages."""
    cues = rules.names
    return Discovery(cues, states_for((rules.language, *site_languages), cues))


def title_case(sentence: str) -> bool:
    """`… Pemerintah China Bantah Keras Kapal Penjaga Pantainya Terobos …`: most words
    capitalised and no full stop (a sentence full of names still ends with one)."""
    found = [w for w in words(sentence) if w[:1].isalpha()]
    capital = sum(1 for w in found if w[:1].isupper())
    if re.search(r"[.!?][\"”’')]*\s*$", sentence):
        return False
    return len(found) >= TITLE_CASE_WORDS and capital >= TITLE_CASE_SHARE * len(found)


def article_candidates(
    sentences: Sequence[str],
    quotes: Sequence[Quote],
    rules: Rules,
    gazetteer: Gazetteer,
    discovery: Discovery,
) -> tuple[Candidate, ...]:
    """The article's names without a dossier that a writer would accept, best first."""
    reader = Reader(discovery.cues, rules, discovery.countries, gazetteer,
                    lower_vocabulary(sentences), "\n".join(sentences))  # fmt: skip
    sightings: list[Sighting] = []
    links: list[tuple[str, str]] = []
    junk: set[str] = set()
    for index, sentence in enumerate(sentences):
        found = read_sentence(index, sentence, reader)
        if not title_case(sentence):  # a headline repeated in the body: every word capitalised
            sightings += found.sightings
        links += found.links
        junk |= found.junk
    sightings += _speakers(sentences, quotes, reader, sightings)
    # an acronym whose expansion is no actor; a name the article gives a medium
    junk = {j.casefold() for j in junk}
    sightings = [s for s in sightings
                 if s.kind in ("state", "government") or s.name.casefold() not in junk]  # fmt: skip
    sightings = _unglued(sightings)
    sightings, links = _branches(sightings, links)
    groups = _group(sightings, links, discovery.cues)
    out = []
    for members in groups:
        if _frequent_acronym(members):
            members = [replace(m, weight=max(m.weight, FREQUENT_ACRONYM)) for m in members]
        if max(m.weight for m in members) < MIN_CONFIDENCE and not _acts_alone(members):
            continue  # no cue strong enough: named often is not an actor yet
        candidate = _candidate(members, sentences, gazetteer, rules)
        if candidate is not None:
            out.append(candidate)
    return tuple(sorted(out, key=lambda c: (-c.confidence, -c.count, c.name)))


def _speakers(
    sentences: Sequence[str], quotes: Sequence[Quote], reader: Reader, seen: Sequence[Sighting]
) -> list[Sighting]:
    """A quote's speaker without a dossier, named in full: a person who speaks."""
    persons = sorted({s.name for s in seen if s.kind == "person" and not s.word
                      and len(s.name.split()) >= 2}, key=len, reverse=True)  # fmt: skip
    out = []
    for quote in quotes:
        name = quote.speaker_name
        if quote.speaker is not None or not name:
            continue
        # `Demokrat Teddy Riyanto`, `Filipina Rodrigo Duterte` as the attribution
        # wrote them: the person the article names in them
        known = next((p for p in persons if name.endswith(p)), None)
        if known is not None:
            index = next((i for i, s in enumerate(sentences) if known in s), 0)
            out.append(Sighting(known, "person", ("person",), index, PERSON_SPEAKS, "speaks"))
            continue
        for found in read_sentence(0, name, reader).sightings:
            if found.kind == "person" and len(found.name.split()) >= 2:
                index = next((i for i, s in enumerate(sentences) if found.name in s), 0)
                out.append(replace(found, sentence=index, weight=PERSON_SPEAKS, cue="speaks"))
    return out


def _unglued(sightings: list[Sighting]) -> list[Sighting]:
    """A person named with one word glued before a name the article also gives alone
    (`Ketua Umum Demokrat Agus Harimurti Yudhoyono` … `Agus Harimurti Yudhoyono
    mengatakan`): that name, the word kept in the role."""
    alone = {s.name for s in sightings if s.kind == "person" and len(s.name.split()) >= 2}
    out = []
    for s in sightings:
        word, _, rest = s.name.partition(" ")
        if s.kind == "person" and not s.word and rest in alone and len(rest.split()) >= 2:
            role = " ".join(r for r in (s.role, word) if r)
            s = replace(s, name=rest, role=role)
        out.append(s)
    return out


def _branches(
    sightings: list[Sighting], links: list[tuple[str, str]]
) -> tuple[list[Sighting], list[tuple[str, str]]]:
    """A "person" whose name holds an organisation's short form is that organisation or
    a branch of it (`Direktur Walhi Sulteng` after `Wahana Lingkungan Hidup Indonesia
    (Walhi)`): an organisation, named with it, never a person."""
    expansions = {s.name for s in sightings if s.cue.startswith(EXPANSION_CUE)}
    shorts = {b for a, b in links if a in expansions}
    out, extra = [], []
    for s in sightings:
        held = shorts & set(s.name.split()) if s.kind in ("person", "short") else set()
        if held and not s.word:
            cue = f"holds a short form: {s.cue}"
            s = replace(s, kind="organisation", kinds=("organisation",), cue=cue)
            extra += [(s.name, short) for short in sorted(held)]
        out.append(s)
    return out, [*links, *extra]


class _Union:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, key: str) -> str:
        self.parent.setdefault(key, key)
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def join(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _key(sighting: Sighting) -> str:
    if sighting.kind == "state":
        return f"state:{sighting.code}"
    if sighting.kind == "government":
        return f"government:{sighting.code}"
    return sighting.name


def _frequent_acronym(members: Sequence[Sighting]) -> bool:
    """An acronym in three sentences or more (`menumpas ISIS`, `memerangi ISIS`, `umur
    ISIS`): an organisation the article is about, acting or acted upon."""
    named = {m.sentence for m in members if m.kind == "acronym"}
    return len(named) >= FREQUENT


def _acts_alone(members: Sequence[Sighting]) -> bool:
    """One name word that no full name explains, acting in two sentences or more
    (`Hamas menembakkan …`, `Taliban menguasai …`): an actor named the short way."""
    return (
        all(m.kind == "short" for m in members)
        and len({m.sentence for m in members if m.acting}) >= 2
    )


def _group(
    sightings: Sequence[Sighting], links: Iterable[tuple[str, str]], cues: NameCues
) -> list[list[Sighting]]:
    union = _Union()
    by_name: dict[str, str] = {}
    for s in sightings:
        key = _key(s)
        union.find(key)
        by_name.setdefault(s.name, key)
    for a, b in links:
        # the link's words may hold a title or more: `Ketua Umum PKB Muhaimin Iskandar`
        union.join(by_name.get(_within(a, by_name, end=True), a),
                   by_name.get(_within(b, by_name, end=False), b))  # fmt: skip
    full_names = {s.name for s in sightings if s.kind == "person" and not s.word}
    persons = sorted((n for n in full_names if len(n.split()) >= 2),
                     key=lambda n: (-len(n.split()), n))  # fmt: skip
    for s in sightings:
        if s.kind in ("person", "short"):
            full = _fuller(s.word or s.name, persons)
            if full is not None:
                union.join(full, s.name)
    for a, b in _misspelt(persons):
        union.join(a, b)
    named = {s.name for s in sightings}
    for s in sightings:
        # `Partai Golkar` … `Golkar menyatakan`, `Kelompok Taliban` … `kelompok Taliban`:
        # the name without its head word
        words_ = s.name.split()
        if len(words_) == 2 and words_[0] in cues.heads_before and words_[1] in named:
            union.join(s.name, words_[1])
    groups: dict[str, list[Sighting]] = defaultdict(list)
    for s in sightings:
        groups[union.find(_key(s))].append(s)
    return list(groups.values())


def _within(text: str, names: Iterable[str], *, end: bool) -> str:
    """The longest sighted name that ends (or starts) `text`, else `text`."""
    fits = [n for n in names if (text.endswith(n) if end else text.startswith(n))]
    return max(fits, key=len) if fits else text


def _fuller(name: str, persons: Sequence[str]) -> str | None:
    """The full name a shorter one stands for: its words in order (`Suu Kyi`), or
    one word of it or clipped from it (`Jokowi` from Joko Widodo; `Imin`, the word
    of `Cak Imin` after its honorific, from Muhaimin)."""
    parts = name.split()
    clipped = name if len(parts) == 1 else ""
    for full in persons:
        words_ = full.split()
        if full == name or len(words_) <= len(parts):
            continue
        n = len(parts)
        if any(words_[i : i + n] == parts for i in range(len(words_) - n + 1)):
            return full
        if clipped and (clipped in words_ or _clipped(clipped, words_)):
            return full
    return None


def _clipped(nickname: str, parts: Sequence[str]) -> bool:
    """`Jokowi` = Jo(ko) + Wi(dodo); `Imin` = (Muha)imin: a nickname made of a name's pieces."""
    nick = nickname.lower()
    low = [p.lower() for p in parts]
    if len(nick) < 3:
        return False
    if any(len(p) > len(nick) and (p.startswith(nick) or p.endswith(nick)) for p in low):
        return True
    for a, b in itertools.pairwise(low):
        for cut in range(2, len(a) + 1):
            rest = nick[cut:]
            if nick.startswith(a[:cut]) and len(rest) >= 2 and b.startswith(rest):
                return True
    return False


MISSPELT_WORD = 5  # letters of the word a two-word name's misspelling differs in


def _misspelt(persons: Sequence[str]) -> list[tuple[str, str]]:
    """Two names of two words or more that differ in one letter of one word, the
    shorter in order in the longer (`Ming Aung Hlaing`, `Olesegun Obasanjo`, `Rini
    Anggraini` after `Rini Anggraeni Putri`)."""
    out = []
    for i, a in enumerate(persons):
        for b in persons[i + 1 :]:
            if misspelt(a, b):
                out.append((a, b))
    return out


def misspelt(a: str, b: str) -> bool:
    """`Kidane Hailu Gebru` and `Kidane Haile Gebru`: one name, one letter misspelt."""
    short, long_ = sorted((a.split(), b.split()), key=len)
    if len(short) < 2 or a == b:
        return False
    for start in range(len(long_) - len(short) + 1):
        window = long_[start : start + len(short)]
        differ = [(x, y) for x, y in zip(short, window, strict=True) if x != y]
        if (
            len(differ) == 1
            # in a name of two words, a short word may be another person's (`Ali Hasan`)
            and (len(short) >= 3 or min(map(len, differ[0])) >= MISSPELT_WORD)
            and _one_edit(*differ[0])
        ):
            return True
    return False


def _one_edit(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def _candidate(
    members: Sequence[Sighting], sentences: Sequence[str], gazetteer: Gazetteer, rules: Rules
) -> Candidate | None:
    strong = [m for m in members if m.kind != "short"]
    if not strong:
        if not _acts_alone(members):
            return None
        # a word alone: its kind by whether it speaks, its confidence just enough
        said = max(members, key=lambda m: (len(m.kinds) == 1, m.sentence))
        members = strong = [replace(m, kind=said.kinds[0], weight=LONE_WORD, kinds=said.kinds)
                            for m in members]  # fmt: skip
    kinds = [m.kind for m in strong]
    if "state" in kinds:
        chosen = [m for m in strong if m.kind == "state"]
    elif "government" in kinds:
        chosen = [m for m in strong if m.kind == "government"]
    else:
        chosen = sorted(strong, key=lambda m: -m.weight)
    top = max(chosen, key=lambda m: m.weight)
    kind = top.kinds
    if top.kind == "acronym":
        headed = [m for m in strong if m.kind not in ("acronym", "person")]
        kind = headed[0].kinds if headed else top.kinds
    name = _title(members, top)
    seen = sorted({m.sentence for m in members})
    weight = max(m.weight for m in members)
    confidence = round(min(MAX_CONFIDENCE, weight + PER_SENTENCE * (len(seen) - 1)), 2)
    aliases = tuple(sorted({m.name for m in members} - {name}))
    roles = tuple(sorted({m.role for m in members if m.role}))
    cues = tuple(dict.fromkeys(m.cue for m in sorted(members, key=lambda m: -m.weight)))
    evidence = tuple(sentences[i] for i in seen[:EVIDENCE] if 0 <= i < len(sentences))
    first = evidence[0] if evidence else ""
    near = tuple(
        sorted({gazetteer.pair_actor(m.slug) for m in find_mentions(first, gazetteer, rules)})
    )
    return Candidate(
        name=name,
        slug=slugify(name),
        sentence=first,
        near=near,
        count=len(seen),
        score=confidence,
        aliases=aliases,
        kinds=kind,
        confidence=confidence,
        roles=roles,
        sentences=evidence,
        cues=cues[:4],
        code=top.code,
    )


def _title(members: Sequence[Sighting], top: Sighting) -> str:
    """The form the article uses most (a person's full name); on a tie, a state's
    shortest name, a person's first, anything else's fullest."""
    # a name counts once a sentence, however many cues saw it there
    members = list({(m.name, m.sentence): m for m in members}.values())
    if top.kind == "person":
        full = [m.name for m in members
                if m.kind == "person" and not m.word and len(m.name.split()) >= 2]  # fmt: skip
        pool = full or [m.name for m in members if m.kind == "person"]
    elif top.kind in ("state", "government"):
        pool = [m.name for m in members if m.kind == top.kind and not is_acronym(m.name)]
        pool = pool or [m.name for m in members if m.kind == top.kind]
    else:
        pool = [m.name for m in members if m.kind != "short"]
    counts = Counter(pool)
    order = {n: i for i, n in reversed(list(enumerate(pool)))}
    # a state by its common name (`Rusia` over `Federasi Rusia`), others by their fullest;
    # a person by the full name that holds the others (`Slamet Riyadi Wirawan` over
    # `kata Slamet Riyadi`), then the form used most
    longer = {"state": -1, "person": 0}.get(top.kind, 1)
    fullest = top.kind == "person"
    return max(counts, key=lambda n: (fullest * len(n.split()), counts[n], not is_acronym(n),
                                      longer * len(n), -order[n]))  # fmt: skip
