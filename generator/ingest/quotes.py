"""Quotations, told apart from scare quotes, and where their attribution is.

Owns finding quoted text (straight "…", curly “…”, and a quote opened with
one and closed with the other) and locating its attribution: a clause after
it (`"…," kata Milley`, `tegasnya`, `lanjut dia`), a clause before it
(`Ia mengatakan, "…"`, `Menurut X, "…"`, `X: "…"`), a person just before it
(`Kerry "menekankan …"`), or none (the quote continues the previous speaker
of its paragraph, or of the previous paragraph when it opens its own). Who
the attribution names is `speakers.resolve`. A phrase of one to three words,
or a short lower-case term quoted inside a sentence, is a scare quote and no
quotation; nor is a lower-case fragment woven into a sentence that names no
speaker for it (a partial quote of reported speech).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from generator.ingest.actors import Gazetteer, find_mentions
from generator.ingest.records import Quote
from generator.ingest.rules import Rules
from generator.ingest.speakers import Register, Speaker, names_in, resolve
from generator.ingest.text import alternatives, words

_QUOTE = re.compile(r"[\"“](?P<t>[^\"“”]+)[\"”]")
MIN_WORDS = 4  # fewer: a scare quote
TERM_WORDS = 6  # a lower-case quote this short inside a sentence is a quoted term
SUBJECT_WORDS = 12


@dataclass(frozen=True)
class _Patterns:
    after: re.Pattern[str]  # `, kata Milley.`, `tegasnya`
    according: re.Pattern[str]  # after the quote: `, menurut Retno`
    said: re.Pattern[str]  # before it: `Retno mengatakan, `
    according_before: re.Pattern[str]  # before it: `Menurut Retno, `
    according_word: re.Pattern[str]  # the word itself, opening a phrase


def extract_quotes(paragraphs: Sequence[str], gazetteer: Gazetteer, rules: Rules) -> list[Quote]:
    pats = _patterns(rules)
    out: list[Quote] = []
    last: Speaker | None = None
    register = Register()
    ended_with_quote = False
    for paragraph in paragraphs:
        previous: Speaker | None = None
        cursor = 0
        quotes = [m for m in _QUOTE.finditer(paragraph) if not _scare(paragraph, m)]
        for match in quotes:
            text = match.group("t").strip().rstrip(",").strip()
            before_all = paragraph[: match.start()]
            register = register.add(*names_in(before_all, gazetteer, rules))
            # a subject reported as speaking since the previous quote is the newest speaker
            subject = _subject(paragraph[cursor : match.start()], pats, gazetteer, rules,
                               register, previous or last)  # fmt: skip
            if subject is not None:
                last = subject
            speaker = _attribution(paragraph, match, pats, gazetteer, rules, register,
                                   subject or previous or last)  # fmt: skip
            if speaker is None and _embedded(paragraph, match):
                continue  # a partial quote woven into reported speech, no one's words alone
            if speaker is None:
                opens = not paragraph[: match.start()].strip()
                speaker = previous or (last if opens and ended_with_quote else None)
            out.append(
                Quote(
                    text=text,
                    speaker=speaker.slug if speaker else None,
                    speaker_name=speaker.name if speaker else None,
                    sentence=(
                        _sentence_before(before_all)
                        + match.group(0)
                        + _sentence_after(paragraph[match.end() :])
                    ).strip(),
                )
            )
            if speaker is not None and speaker.named:
                last = previous = speaker
                register = register.add(speaker.name or "")
            cursor = match.end()
        tail = paragraph[cursor:]
        subject = _subject(tail, pats, gazetteer, rules, register, last)
        last = subject or last
        register = register.add(*names_in(paragraph, gazetteer, rules))
        ended_with_quote = bool(quotes) and not words(_after_attribution(tail, pats))
    return out


def _patterns(rules: Rules) -> _Patterns:
    after, before = alternatives(rules.speech_after), alternatives(rules.speech_before)
    clitics, according = alternatives(rules.words.clitics), alternatives(rules.words.according_to)
    return _Patterns(
        after=re.compile(
            rf"^\s*[,.!?]?\s*(?P<verb>{after})(?P<clitic>{clitics})?\b(?P<who>[^;\"“”]*?)"
            r"(?:\.(?:\s|$)|$)",
            re.IGNORECASE,
        ),
        according=re.compile(rf"^\s*[,.]?\s*(?:{according})\b(?P<who>[^.;\"“”]*)", re.IGNORECASE),
        said=re.compile(rf"^(?P<who>.*?)(?:\s+(?:{before})\b|\s*:\s*$)", re.IGNORECASE),
        according_before=re.compile(
            rf"^\s*(?:{according})\b(?P<who>[^\"“”]*?),?\s*$", re.IGNORECASE
        ),
        according_word=re.compile(rf"^\s*(?:{according})\b", re.IGNORECASE),
    )


def _attribution(
    paragraph: str,
    match: re.Match[str],
    pats: _Patterns,
    gazetteer: Gazetteer,
    rules: Rules,
    register: Register,
    last: Speaker | None,
) -> Speaker | None:
    after = paragraph[match.end() :]
    found = pats.after.match(after)
    if found and found.group("clitic"):
        verb = found.group("verb") + found.group("clitic")
        return _pronoun(last, f"'{verb}' → the last named speaker")
    if found:
        return resolve(found.group("who"), gazetteer, rules, register, last)
    before = _sentence_before(paragraph[: match.start()])
    adjacent = _adjacent_person(before, gazetteer, rules)
    if adjacent is not None:
        return adjacent
    if according := pats.according.match(after):
        return resolve(according.group("who"), gazetteer, rules, register, last)
    opening = pats.said.match(before.strip())
    if opening and len(words(opening.group("who"))) <= SUBJECT_WORDS:
        who = pats.according_word.sub("", opening.group("who"))
        return resolve(who, gazetteer, rules, register, last)
    if according := pats.according_before.match(before):
        return resolve(according.group("who"), gazetteer, rules, register, last)
    return None


def _pronoun(last: Speaker | None, rule: str) -> Speaker | None:
    if last is None or not last.named:
        return None
    return Speaker(last.slug, last.name, rule, last.phrase)


def _subject(
    text: str,
    pats: _Patterns,
    gazetteer: Gazetteer,
    rules: Rules,
    register: Register,
    last: Speaker | None,
) -> Speaker | None:
    """The last speaker a stretch of text reports (`Retno mengatakan, …`)."""
    found: Speaker | None = None
    for match in re.finditer(r"(?:^|[.!?]\s+)([^.!?\"“”]+)", text):
        said = pats.said.match(match.group(1).strip())
        if not said or len(words(said.group("who"))) > SUBJECT_WORDS:
            continue
        who = resolve(said.group("who"), gazetteer, rules, register, found or last)
        if who is not None and who.named:
            found = who
    return found


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


def _adjacent_person(before: str, gazetteer: Gazetteer, rules: Rules) -> Speaker | None:
    """A person named right before the quote: `Kerry "menekankan …"`."""
    mentions = find_mentions(before, gazetteer, rules)
    if not mentions or not gazetteer.is_person(mentions[-1].slug):
        return None
    gap = [w.lower() for w in words(before[mentions[-1].end :])]
    if len(gap) <= 1 and all(w in rules.speech_before for w in gap):
        m = mentions[-1]
        return Speaker(m.slug, m.surface, "person named just before the quote")
    return None


def _after_attribution(tail: str, pats: _Patterns) -> str:
    found = pats.after.match(tail)
    return tail[found.end() :] if found else tail


def _sentence_before(text: str) -> str:
    parts = re.split(r"(?<=[.!?])\s+(?=[\"“A-Z])", text)
    return parts[-1] if parts else text


def _sentence_after(text: str) -> str:
    match = re.match(r"[^.!?]*[.!?]?", text)
    return match.group(0) if match else ""
