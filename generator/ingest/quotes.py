"""Quotations, told apart from scare quotes, and whose each one is.

Owns finding quoted text (straight "…", curly “…”, and a quote opened with
one and closed with the other, or cut off by the excerpt's end) and walking
an article's paragraphs in order to give each quote its speaker: the one its
attribution names (`attribution`), else the source of a report the sentence
cites, else the subject of the sentence it is woven into, else none (the
quote continues the previous speaker of its paragraph, or of the previous
paragraph when it opens its own). What the article has named so far travels
in a `Register` (`speaker_register`). A phrase of one to three words, or a
short lower-case term quoted inside a sentence, is a scare quote and no
quotation; nor is a lower-case fragment woven into a sentence that names no
speaker for it (a partial quote of reported speech).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from generator.ingest.actors import Gazetteer
from generator.ingest.attribution import (
    after_attribution,
    attribution,
    attribution_patterns,
    cited_report,
    is_statement,
    person_subject,
    reported_speaker,
    sentence_before,
)
from generator.ingest.lexicon import NameCues
from generator.ingest.records import Quote
from generator.ingest.rules import Rules
from generator.ingest.speaker_register import Register, Speaker, institutions_in
from generator.ingest.speakers import names_in
from generator.ingest.text import words

_QUOTE = re.compile(r"[\"“](?P<t>[^\"“”]+)[\"”]")
_OPEN_TO_END = re.compile(r"[\"“](?P<t>[^\"“”]+)$")  # an excerpt cut inside a quote
MIN_WORDS = 4  # fewer: a scare quote
TERM_WORDS = 6  # a lower-case quote this short inside a sentence is a quoted term


def extract_quotes(
    paragraphs: Sequence[str], gazetteer: Gazetteer, rules: Rules, cues: NameCues | None = None
) -> list[Quote]:
    pats = attribution_patterns(rules, cues)
    out: list[Quote] = []
    last: Speaker | None = None  # the last named speaker
    topic: Speaker | None = None  # a person who acted since (`dia` may be them)
    register = Register()
    report: Speaker | None = None  # the source of the last report the article cited
    ended_with_quote = False
    ended_with_speech = False  # the paragraph before ends with its speaker reported speaking
    for paragraph in paragraphs:
        previous: Speaker | None = None
        cursor = 0
        if cues is not None:
            register = register.add_institutions(institutions_in(paragraph, gazetteer, rules, cues))
        register = register.add_persons(paragraph, gazetteer, rules)
        quotes = [m for m in _QUOTE.finditer(paragraph) if not _scare(paragraph, m)]
        if paragraph is paragraphs[-1]:
            quotes += _cut_off(paragraph, quotes)
        for match in quotes:
            text = match.group("t").strip().rstrip(",").strip()
            before_all = paragraph[: match.start()]
            register = register.add(*names_in(before_all, gazetteer, rules, cues))
            register = register.add_together(before_all, gazetteer, rules)
            # a subject reported as speaking since the previous quote is the newest speaker
            subject = reported_speaker(paragraph[cursor : match.start()], pats, gazetteer, rules,
                               register, previous or topic or last)  # fmt: skip
            if subject is not None:
                last = subject
            speaker = attribution(paragraph, match, pats, gazetteer, rules, register,
                                   subject or previous or topic or last,
                                   subject or previous or last)  # fmt: skip
            cited = cited_report(
                sentence_before(before_all), pats, gazetteer, rules, register, report
            )
            report = cited or report
            if speaker is None and cited is not None:
                # `Berdasarkan keterangan yang sama, … "kesepakatan …"`: the report's words
                speaker = replace(cited, rule=f"a report cited: {cited.rule}")
            if speaker is None and _embedded(paragraph, match):
                # `Retno Marsudi mengatakan pertemuan ini merupakan "refleksi …"`: the words
                # of the sentence's subject; without one, no one's words alone
                speaker = reported_speaker(sentence_before(before_all), pats, gazetteer, rules,
                                   register, previous or topic or last)  # fmt: skip
                if speaker is None:
                    continue
            if speaker is None:
                # a quote opening its paragraph, after one that ended with a quote or with
                # its speaker reported speaking (`Lukman menjelaskan, tim … terbentuk.`)
                opens = not paragraph[: match.start()].strip()
                went_on = ended_with_quote or ended_with_speech
                speaker = previous or (last if opens and went_on else None)
            out.append(
                Quote(
                    text=text,
                    speaker=speaker.slug if speaker else None,
                    speaker_name=speaker.name if speaker else None,
                    sentence=(
                        sentence_before(before_all)
                        + match.group(0)
                        + _sentence_after(paragraph[match.end() :])
                    ).strip(),
                )
            )
            if speaker is not None and speaker.named and is_statement(speaker.phrase, pats):
                register = replace(register, statement=speaker)
            if speaker is not None and speaker.named:
                last = previous = speaker
                topic = None
                register = register.add(speaker.name or "")
            cursor = match.end()
        tail = paragraph[cursor:]
        for sentence in re.split(r"(?<=[.!?])\s+", tail):
            report = cited_report(sentence, pats, gazetteer, rules, register, report) or report
        subject = reported_speaker(tail, pats, gazetteer, rules, register, last)
        # who `dia` is next: the last person who spoke, or who acted, in the paragraph
        if subject is not None:
            last, topic = subject, None
        else:
            topic = person_subject(tail, gazetteer, rules, cues) or topic
        register = register.add(*names_in(paragraph, gazetteer, rules, cues))
        register = register.add_together(paragraph, gazetteer, rules)
        if register.together and is_statement(tail, pats) and not quotes:
            # `A dan B menyepakati … dalam pernyataan bersama`: a statement named, of the first
            slug, surface = register.together[0]
            joint = Speaker(slug, surface, "a joint statement named", tail)
            register = replace(register, statement=joint)
        ended_with_quote = bool(quotes) and not words(after_attribution(tail, pats))
        closing = re.split(r"(?<=[.!?])\s+", tail.strip())[-1]
        speaking = reported_speaker(closing, pats, gazetteer, rules, register, last)
        ended_with_speech = (
            subject is not None
            and speaking is not None
            and ((speaking.slug, speaking.name) == (subject.slug, subject.name))
        )
    return out


def _cut_off(paragraph: str, found: Sequence[re.Match[str]]) -> list[re.Match[str]]:
    """A quote the excerpt stops inside: opened after the last closed one, never closed."""
    start = found[-1].end() if found else 0
    match = _OPEN_TO_END.search(paragraph, start)
    if match and len(words(match.group("t"))) >= MIN_WORDS:
        return [match]
    return []


def _scare(paragraph: str, match: re.Match[str]) -> bool:
    """One to three words, or a short lower-case term inside a sentence."""
    text = match.group("t").strip()
    n = len(words(text))
    if n < MIN_WORDS:
        return True
    inside = bool(re.search(r"\w\s*$", paragraph[: match.start()]))
    return inside and text[:1].islower() and n <= TERM_WORDS


def _embedded(paragraph: str, match: re.Match[str]) -> bool:
    """A lower-case fragment continuing its sentence, with no attribution of its own:
    `… menyatakan Tiongkok “tidak mengakui ataupun menerima keputusan …”.`"""
    inside = bool(re.search(r"\w\s*$", paragraph[: match.start()]))
    return inside and match.group("t").strip()[:1].islower()


def _sentence_after(text: str) -> str:
    match = re.match(r"[^.!?]*[.!?]?", text)
    return match.group(0) if match else ""
