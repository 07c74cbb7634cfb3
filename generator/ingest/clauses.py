"""Where one clause ends and the next begins, and what is quoted.

Owns cutting a sentence into the clauses whose actors a cue may relate: at
the rules' clause breaks (`namun`, `karena`, `di tengah` …), at the edges of
a quote that names a pair (`Marcos mengatakan, "Kerja sama Indonesia dan
China …"` pairs Indonesia and China, never Marcos with them), and at a comma
that opens a new subject with a cue of its own (`Iran Kirim Bantuan ke
Hizbullah, Israel Ancam Balas`); finding quoted stretches; and taking a
trailing attribution (`…, kata Zakharova.`) off a sentence. Pure.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from generator.ingest.actors import Gazetteer, find_mentions
from generator.ingest.records import Mention
from generator.ingest.rules import Rules
from generator.ingest.text import alternatives, words

QUOTE_MIN_WORDS = 4  # a shorter quoted phrase is a scare quote, part of its clause
_QUOTED = re.compile(r"[\"“][^\"“”]*[\"”]")


def clauses(
    body: str, gazetteer: Gazetteer, rules: Rules, quoted: Sequence[tuple[int, int]]
) -> list[tuple[int, int]]:
    """The clauses of `body` as offsets; `quoted` are its quoted stretches."""
    cuts = [
        edge
        for a, b in quoted
        if len(words(body[a:b])) >= QUOTE_MIN_WORDS
        and len({gazetteer.pair_actor(m.slug) for m in find_mentions(body[a:b], gazetteer, rules)})
        >= 2
        for edge in (a, b)
    ]
    return _clauses(body, rules, [*cuts, *_new_subjects(body, gazetteer, rules)])


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Offsets of quoted stretches; an unclosed opening or unopened closing mark
    (a quote running over several sentences) quotes to the sentence's end or start."""
    spans = [m.span() for m in _QUOTED.finditer(text)]
    marks = [m.start() for m in re.finditer(r"[\"“”]", text)]
    if len(marks) % 2 and marks:
        rest = [i for i in marks if not any(a <= i < b for a, b in spans)]
        if rest and text[rest[0]] == "”":
            spans.append((0, rest[0]))
        elif rest:
            spans.append((rest[0], len(text)))
    return spans


def inside(offset: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= offset < b for a, b in spans)


def _new_subjects(body: str, gazetteer: Gazetteer, rules: Rules) -> list[int]:
    """Commas that open a new clause: an actor, then a cue of its own, after a
    stretch with a cue of its own (`Iran Kirim Bantuan ke Hizbullah, Israel
    Ancam Balas`). A list (`AS, Rusia dan Turki sepakat`) has no cue before
    its comma, nor one after a cue (`bergabung dengan koalisi PSR, PBN dan PKM untuk
    mendukung …`: the actor after the comma is followed by another of the list); a
    relative clause (`Rusia, yang didukung Iran, …`) has no actor after it."""
    out: list[int] = []
    commas = [m.start() for m in re.finditer(r",", body)]
    for index, comma in enumerate(commas):
        start = commas[index - 1] + 1 if index else 0
        end = commas[index + 1] if index + 1 < len(commas) else len(body)
        before, after = body[start:comma], body[comma + 1 : end]
        first = find_mentions(after, gazetteer, rules)
        if not first or len(words(after[: first[0].start])) > 1:
            continue
        if _listed(find_mentions(before, gazetteer, rules), before, after, first, rules):
            continue
        if _has_cue(before, rules) and _has_cue(after[first[0].end :], rules):
            out.append(comma)
    return out


def _listed(
    ahead: Sequence[Mention], before: str, after: str, named: Sequence[Mention], rules: Rules
) -> bool:
    """The actor after a comma is one of a list: an actor (of `ahead`) ends the stretch
    before the comma, and the one after it ends its own stretch or is joined to the
    next (`PSR, PBN dan PKM`)."""
    if not ahead or words(before[ahead[-1].end :]):
        return False
    # `Partai Rakyat Bahari (PRB) dan …`: one actor named twice is one item of the list
    items: list[tuple[Mention, int]] = []  # (its first mention, where its last ends)
    for m in named:
        if items and m.slug == items[-1][0].slug and not words(after[items[-1][1] : m.start]):
            items[-1] = (items[-1][0], m.end)
        else:
            items.append((m, m.end))
    rest = after[items[0][1] :]
    if not words(rest):
        return True
    gap = words(after[items[0][1] : items[1][0].start]) if len(items) > 1 else []
    return bool(gap) and all(w.lower() in rules.group_joiners for w in gap)


def _has_cue(text: str, rules: Rules) -> bool:
    return any(cue.pattern.search(text) for cue in rules.cues)


def _clauses(text: str, rules: Rules, extra: Sequence[int] = ()) -> list[tuple[int, int]]:
    """Clauses, cut at the rules' clause breaks and at `extra` offsets: the
    edges of a quote that names a pair (`Marcos mengatakan, "Kerja sama
    Indonesia dan China …"` pairs Indonesia and China, never Marcos with
    them; a quote of fewer actors, `Putin menyebut AS "musuh bersama kita
    semua"`, or a scare quote is no edge) and commas that open a new clause."""
    cuts = {0, len(text), *extra}
    for match in rules.clause_break.finditer(text):
        if match.start() > 0:
            cuts.add(match.start())
    return [(a, b) for a, b in pairwise(sorted(cuts)) if b > a]


def strip_attribution(
    sentence: str, gazetteer: Gazetteer, rules: Rules
) -> tuple[str, tuple[str, ...], tuple[int, int] | None]:
    """`…, kata Zakharova.` → the claim without it, who claims it, and where in the
    sentence a description of the speaker is (`…, lanjut jenderal yang menggulingkan
    pemerintahan Aung San Suu Kyi tersebut`: from `yang`; its actors are not the speaker)."""
    verbs, clitics = alternatives(rules.speech_after), alternatives(rules.words.clitics)
    according = alternatives(rules.words.according_to)
    pattern = re.compile(
        rf"(?:,|[\"”])\s*,?\s*\b(?:(?:{verbs})(?:{clitics})?|{according})\b(?P<who>[^\"“”]*)$",
        re.I,
    )
    match = pattern.search(sentence)
    if not match:
        return sentence, (), None
    relative = re.search(rf"\b(?:{alternatives(rules.words.relative)})\b", match.group("who"), re.I)
    cut = relative.start() if relative else len(match.group("who"))
    who = find_mentions(match.group("who")[:cut], gazetteer, rules)
    claim = tuple(sorted({gazetteer.pair_actor(m.slug) for m in who[:1]}))
    described = (match.start("who") + cut, match.end("who")) if relative else None
    return sentence[: match.start()], claim, described
