"""Quotations and who said them.

Owns finding quoted text (straight "…" and curly “…”, three words or more)
and its speaker from Indonesian attribution: after the quote (`kata Milley`,
`ujar …`, `tegas Austin`, `kata Kabulov kepada …`); `tandasnya`, `ucapnya`
and pronoun openings (`Ia mengatakan, … “…”`) mean the last named speaker; a
name just before the quote (`Kerry "menekankan …"`); a quote with no
attribution continues the previous speaker of its paragraph. An unnamed
source (`kata sumber tersebut`) is a speaker of None.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from generator.ingest.actors import Gazetteer, find_mentions
from generator.ingest.records import Quote
from generator.ingest.rules import Rules
from generator.ingest.text import words

_QUOTE = re.compile(r"\"(?P<a>[^\"]+)\"|“(?P<b>[^”]+)”")
_NAME = re.compile(r"[A-Z][a-z]+(?:[-'’][A-Za-z]+)*(?:\s+(?:al-)?[A-Z][a-z]+(?:-[A-Za-z]+)*)*")
_PRONOUN = re.compile(r"^(?:ia|dia|beliau)\b", re.IGNORECASE)
MIN_WORDS = 3


@dataclass(frozen=True)
class _Speaker:
    slug: str | None
    name: str | None


def extract_quotes(paragraphs: Sequence[str], gazetteer: Gazetteer, rules: Rules) -> list[Quote]:
    out: list[Quote] = []
    last: _Speaker | None = None
    after_verbs = "|".join(sorted(map(re.escape, rules.speech_after), key=len, reverse=True))
    before_verbs = "|".join(sorted(map(re.escape, rules.speech_before), key=len, reverse=True))
    after_re = re.compile(
        rf"^\s*[,.]?\s*(?P<verb>{after_verbs})(?P<nya>nya)?\b(?P<who>[^.;\"“”]*)", re.IGNORECASE
    )
    menurut_re = re.compile(r"^\s*[,.]?\s*menurut\b(?P<who>[^.;\"“”]*)", re.IGNORECASE)
    said_re = re.compile(rf"^(?P<who>.*?)\s+(?:{before_verbs})\b", re.IGNORECASE)
    for paragraph in paragraphs:
        previous: _Speaker | None = None
        for match in _QUOTE.finditer(paragraph):
            text = (match.group("a") or match.group("b") or "").strip().rstrip(",").strip()
            if len(words(text)) < MIN_WORDS:
                continue
            after = paragraph[match.end() :]
            before = _sentence_before(paragraph[: match.start()])
            speaker: _Speaker | None = None
            found = after_re.match(after)
            if found and found.group("nya"):
                earlier = _track_speakers(paragraph[: match.start()], said_re, gazetteer, rules)
                speaker = previous or earlier or last
            elif found:
                speaker = _who(found.group("who"), gazetteer, rules)
            if speaker is None and not (found and found.group("nya")):
                speaker = _adjacent_person(before, gazetteer, rules)
            if speaker is None and (menurut := menurut_re.match(after)):
                speaker = _who(menurut.group("who"), gazetteer, rules)
            if speaker is None and not found:
                opening = said_re.match(before.strip())
                if opening and _PRONOUN.match(opening.group("who")):
                    speaker = last
                elif opening:
                    speaker = _who(opening.group("who"), gazetteer, rules)
                elif previous is not None:
                    speaker = previous
            unnamed = speaker is None or (speaker.slug is None and speaker.name is None)
            out.append(
                Quote(
                    text=text,
                    speaker=None if unnamed or speaker is None else speaker.slug,
                    speaker_name=None if speaker is None else speaker.name,
                    sentence=(before + match.group(0) + _sentence_after(after)).strip(),
                )
            )
            if speaker is not None and not unnamed:
                last = previous = speaker
        last = _track_speakers(paragraph, said_re, gazetteer, rules) or last
    return out


def _who(text: str, gazetteer: Gazetteer, rules: Rules) -> _Speaker | None:
    """The speaker named in an attribution phrase, or an unnamed one."""
    cut = re.split(
        r",|\b(?:" + "|".join(map(re.escape, rules.speaker_stops)) + r")\b", text, maxsplit=1
    )[0]
    mentions = find_mentions(cut, gazetteer, rules)
    persons = [m for m in mentions if gazetteer.is_person(m.slug)]
    chosen = (persons or mentions or [None])[0]
    if chosen is not None:
        return _Speaker(chosen.slug, chosen.surface)
    low = cut.lower()
    if any(re.search(rf"\b{re.escape(u)}\b", low) for u in rules.unnamed_speakers):
        return _Speaker(None, None)
    for name in _NAME.findall(cut):
        parts = [p for p in name.split() if p not in rules.titles and p not in rules.not_names]
        if parts:
            return _Speaker(None, " ".join(parts))
    return None


def _adjacent_person(before: str, gazetteer: Gazetteer, rules: Rules) -> _Speaker | None:
    """A person named right before the quote: `Kerry "menekankan …"`."""
    mentions = find_mentions(before, gazetteer, rules)
    if not mentions or not gazetteer.is_person(mentions[-1].slug):
        return None
    gap = before[mentions[-1].end :]
    gap_words = [w.lower() for w in words(gap)]
    if all(w in rules.speech_before for w in gap_words) and len(gap_words) <= 1:
        return _Speaker(mentions[-1].slug, mentions[-1].surface)
    return None


def _track_speakers(
    paragraph: str, said_re: re.Pattern[str], gazetteer: Gazetteer, rules: Rules
) -> _Speaker | None:
    """The last person a paragraph reports as speaking (`Kabulov mengatakan …`)."""
    last: _Speaker | None = None
    for match in re.finditer(r"(?:^|[.!?]\s+)([^.!?]+)", paragraph):
        said = said_re.match(match.group(1))
        if said and not _PRONOUN.match(said.group("who")):
            who = _who(said.group("who"), gazetteer, rules)
            known = who is not None and (who.slug or who.name)
            if known and (who.slug is None or gazetteer.is_person(who.slug)):
                last = who
    return last


def _sentence_before(text: str) -> str:
    parts = re.split(r"(?<=[.!?])\s+(?=[\"“A-Z])", text)
    return parts[-1] if parts else text


def _sentence_after(text: str) -> str:
    match = re.match(r"[^.!?]*[.!?]?", text)
    return match.group(0) if match else ""
