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
from dataclasses import dataclass, replace

from generator.ingest.actors import Gazetteer, find_mentions
from generator.ingest.lexicon import NameCues
from generator.ingest.records import Quote
from generator.ingest.rules import Rules
from generator.ingest.speaker_register import Register, Speaker, institutions_in
from generator.ingest.speakers import names_in, resolve, up_to_verb
from generator.ingest.text import alternatives, words

_QUOTE = re.compile(r"[\"“](?P<t>[^\"“”]+)[\"”]")
_OPEN_TO_END = re.compile(r"[\"“](?P<t>[^\"“”]+)$")  # an excerpt cut inside a quote
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
    joint: re.Pattern[str] | None = None  # after it: `, pernyataan bersama A-B dirilis …`
    cues: NameCues | None = None  # descriptions, report nouns, institutions named before


def extract_quotes(
    paragraphs: Sequence[str], gazetteer: Gazetteer, rules: Rules, cues: NameCues | None = None
) -> list[Quote]:
    pats = _patterns(rules, cues)
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
            subject = _subject(paragraph[cursor : match.start()], pats, gazetteer, rules,
                               register, previous or topic or last)  # fmt: skip
            if subject is not None:
                last = subject
            speaker = _attribution(paragraph, match, pats, gazetteer, rules, register,
                                   subject or previous or topic or last,
                                   subject or previous or last)  # fmt: skip
            cited = _report(_sentence_before(before_all), pats, gazetteer, rules, register, report)
            report = cited or report
            if speaker is None and cited is not None:
                # `Berdasarkan keterangan yang sama, … "kesepakatan …"`: the report's words
                speaker = replace(cited, rule=f"a report cited: {cited.rule}")
            if speaker is None and _embedded(paragraph, match):
                # `Retno Marsudi mengatakan pertemuan ini merupakan "refleksi …"`: the words
                # of the sentence's subject; without one, no one's words alone
                speaker = _subject(_sentence_before(before_all), pats, gazetteer, rules,
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
                        _sentence_before(before_all)
                        + match.group(0)
                        + _sentence_after(paragraph[match.end() :])
                    ).strip(),
                )
            )
            if speaker is not None and speaker.named and _is_statement(speaker.phrase, pats):
                register = replace(register, statement=speaker)
            if speaker is not None and speaker.named:
                last = previous = speaker
                topic = None
                register = register.add(speaker.name or "")
            cursor = match.end()
        tail = paragraph[cursor:]
        for sentence in re.split(r"(?<=[.!?])\s+", tail):
            report = _report(sentence, pats, gazetteer, rules, register, report) or report
        subject = _subject(tail, pats, gazetteer, rules, register, last)
        # who `dia` is next: the last person who spoke, or who acted, in the paragraph
        if subject is not None:
            last, topic = subject, None
        else:
            topic = _person_subject(tail, gazetteer, rules, cues) or topic
        register = register.add(*names_in(paragraph, gazetteer, rules, cues))
        register = register.add_together(paragraph, gazetteer, rules)
        if register.together and _is_statement(tail, pats) and not quotes:
            # `A dan B menyepakati … dalam pernyataan bersama`: a statement named, of the first
            slug, surface = register.together[0]
            joint = Speaker(slug, surface, "a joint statement named", tail)
            register = replace(register, statement=joint)
        ended_with_quote = bool(quotes) and not words(_after_attribution(tail, pats))
        closing = re.split(r"(?<=[.!?])\s+", tail.strip())[-1]
        speaking = _subject(closing, pats, gazetteer, rules, register, last)
        ended_with_speech = (
            subject is not None
            and speaking is not None
            and ((speaking.slug, speaking.name) == (subject.slug, subject.name))
        )
    return out


def _patterns(rules: Rules, cues: NameCues | None) -> _Patterns:
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
        joint=re.compile(
            rf"^\s*[,.]?\s*(?:{alternatives(cues.joint_statements)})\b(?P<who>[^.;\"“”]*)",
            re.IGNORECASE,
        )
        if cues is not None and cues.joint_statements
        else None,
        cues=cues,
    )


def _attribution(
    paragraph: str,
    match: re.Match[str],
    pats: _Patterns,
    gazetteer: Gazetteer,
    rules: Rules,
    register: Register,
    last: Speaker | None,
    speaking: Speaker | None = None,
) -> Speaker | None:
    """Who the attribution around a quote names; `last` is who `dia` would be, and
    `speaking` the last speaker, whom a verb of going on (`lanjut dia`) means."""
    after = paragraph[match.end() :]
    found = pats.after.match(after)
    if found and pats.cues is not None and found.group("verb").lower() in pats.cues.continuing:
        last = speaking
    if found and found.group("clitic"):
        verb = found.group("verb") + found.group("clitic")
        return _pronoun(last, f"'{verb}' → the last named speaker")
    if found:
        who = up_to_verb(found.group("who"), rules)
        # an attribution naming no one known (`ujar junta` without a dossier) is still
        # one: the quote is not the previous speaker's
        return resolve(who, gazetteer, rules, register, last, pats.cues) or Speaker(
            None, None, "the attribution names no actor or person", who
        )
    joint = pats.joint.match(after) if pats.joint is not None else None
    if joint is not None:
        return _joint_statement(joint.group(0), gazetteer, rules, register)
    before = _sentence_before(paragraph[: match.start()])
    adjacent = _adjacent_person(before, gazetteer, rules)
    if adjacent is not None:
        return adjacent
    according = pats.according.match(after)
    if according and not _cites_a_report(according.group("who"), pats):
        return resolve(according.group("who"), gazetteer, rules, register, last, pats.cues)
    named = _issuer(according.group("who"), pats) if according else None
    if named:
        # `menurut pernyataan Kementerian Luar Negeri Kerajaan Lembayung`: its issuer's words
        issued = resolve(named, gazetteer, rules, register, last, pats.cues)
        if issued is not None and issued.named:
            return issued
    stated = _stated_in(before, pats)
    if stated:
        issuer = resolve(stated, gazetteer, rules, register, last, pats.cues)
        if issuer is not None and issuer.named:
            return issuer
    opening = pats.said.match(before.strip())
    if opening:
        who = pats.according_word.sub("", opening.group("who"))
        said = _said_by(who, pats, gazetteer, rules, register, last)
        if said is not None:
            return said
    if according := pats.according_before.match(before):
        return resolve(according.group("who"), gazetteer, rules, register, last, pats.cues)
    return None


def _joint_statement(
    who: str, gazetteer: Gazetteer, rules: Rules, register: Register
) -> Speaker | None:
    """`"…," pernyataan bersama Lembayung-Sarwana dirilis …`: the first party named
    with the statement, else the first of the actors a sentence last named together."""
    parties = [m for m in find_mentions(who, gazetteer, rules) if not gazetteer.is_person(m.slug)]
    if parties:
        rule = "a joint statement: the first party named with it"
        return Speaker(parties[0].slug, parties[0].surface, rule, who)
    if register.together:
        slug, surface = register.together[0]
        return Speaker(slug, surface, "a joint statement: the first actor named with it", who)
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
    """The last speaker a stretch of text reports (`Retno mengatakan, …`). A pronoun
    (`Ia menegaskan`) is the person who opened the sentence before, if one did
    (`Menteri … Naledi Mokoena Dlamini juga hadir di Nairobi. Ia menegaskan, …`),
    else the last named speaker."""
    found: Speaker | None = None
    recent = last  # who a pronoun stands for
    for match in re.finditer(r"(?:^|[.!?]\s+)([^.!?\"“”]+)", text):
        sentence = match.group(1).strip()
        said = pats.said.match(sentence)
        who = (
            _said_by(said.group("who"), pats, gazetteer, rules, register, recent) if said else None
        )
        if who is not None and who.named:
            found = recent = who
        else:
            recent = _person_subject(sentence, gazetteer, rules, pats.cues) or recent
    return found


def _cut_off(paragraph: str, found: Sequence[re.Match[str]]) -> list[re.Match[str]]:
    """A quote the excerpt stops inside: opened after the last closed one, never closed."""
    start = found[-1].end() if found else 0
    match = _OPEN_TO_END.search(paragraph, start)
    if match and len(words(match.group("t"))) >= MIN_WORDS:
        return [match]
    return []


def _person_subject(
    text: str, gazetteer: Gazetteer, rules: Rules, cues: NameCues | None
) -> Speaker | None:
    """The person who opens the last sentence that opens with one (`Presiden China
    Xi Jinping mengunjungi Myanmar …`): declared, or a full name without a dossier."""
    found: Speaker | None = None
    rule = "the person the sentence is about"
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        lead = re.match(r"(?:[A-Z][\w'’-]*\s+)+", sentence.strip() + " ")
        if not lead:
            continue
        persons = [m for m in find_mentions(lead.group(0), gazetteer, rules)
                   if gazetteer.is_person(m.slug)]  # fmt: skip
        full = [n for n in names_in(lead.group(0), gazetteer, rules, cues) if len(n.split()) >= 2]
        if persons:
            found = Speaker(persons[-1].slug, persons[-1].surface, rule)
        elif full:
            found = Speaker(None, full[-1], rule)
    return found


def _said_by(
    who: str,
    pats: _Patterns,
    gazetteer: Gazetteer,
    rules: Rules,
    register: Register,
    last: Speaker | None,
) -> Speaker | None:
    """The subject before a speech verb: the words before it, or those after the last
    comma of an opening clause (`Mengacu pada partai …, yang memimpin …, Sidoti
    menambahkan`; `Dalam kunjungan tersebut, dia berjanji`)."""
    found = None
    if len(words(who)) <= SUBJECT_WORDS:
        found = resolve(who, gazetteer, rules, register, last, pats.cues)
    tail = [part for part in who.split(",") if part.strip()][-1:]
    retry = (found is None or not found.named) and tail and tail[0] != who
    if retry and len(words(tail[0])) <= SUBJECT_WORDS:
        return resolve(tail[0], gazetteer, rules, register, last, pats.cues) or found
    return found


def _report(
    sentence: str,
    pats: _Patterns,
    gazetteer: Gazetteer,
    rules: Rules,
    register: Register,
    before: Speaker | None,
) -> Speaker | None:
    """The source of a report a sentence cites: `mengutip keterangan pers … dari Biro Pers
    … Sekretariat Presiden` (the source named after `dari`), `Berdasarkan keterangan
    yang sama` (`before`, the one cited last); None when it cites none or no one known."""
    cues = pats.cues
    if cues is None or not cues.report_openers:
        return None
    opener = alternatives(cues.report_openers)
    nouns = alternatives(cues.report_nouns)
    # the citation frames the sentence: at its start or after a comma (`Agenda utamanya,
    # mengutip keterangan pers …, adalah`), not its predicate (`Informasi itu berdasarkan
    # laporan dari media … yang menyatakan …`)
    found = re.search(
        rf"(?:^|,)\s*(?:{opener})\s+(?:{nouns})\w*\b(?P<rest>[^\"“”]*)", sentence.strip(), re.I
    )
    if found is None:
        return None
    rest = found.group("rest")
    head = " ".join(words(rest)[:3]).lower()
    if before is not None and any(re.match(rf"(?:\w+ )?{re.escape(w)}\b", head)
                                  for w in cues.same_report):  # fmt: skip
        return before
    source = re.search(rf"\b(?:{alternatives(cues.report_sources)})\b(?P<who>.*)", rest, re.I)
    if source is None:
        return None
    speaker = resolve(source.group("who"), gazetteer, rules, register, None, cues)
    return speaker if speaker is not None and speaker.named else None


def _is_statement(text: str, pats: _Patterns) -> bool:
    """Words naming a statement: `pernyataan bersama`, `menurut pernyataan Kemlu`."""
    cues = pats.cues
    if cues is None:
        return False
    low = text.lower()
    return any(j in low for j in cues.joint_statements) or any(
        re.search(rf"\b{re.escape(n)}\b", low) for n in cues.report_nouns
    )


def _cites_a_report(who: str, pats: _Patterns) -> bool:
    """`menurut pembacaan kementerian luar negeri …`: a report, not the speaker."""
    first = who.strip().split(" ", 1)[0].lower()
    return pats.cues is not None and first in pats.cues.report_nouns


def _stated_in(before: str, pats: _Patterns) -> str | None:
    """`Dalam pernyataan Kementerian Luar Negeri Kerajaan A disebutkan, `: the statement's
    capitalised issuer (`Kementerian … A`), else None."""
    cues = pats.cues
    if cues is None or not cues.statement_verbs:
        return None
    found = re.search(
        rf"(?:^|[,.]\s*)(?:{alternatives(cues.report_openers)})?\s*"
        rf"(?:{alternatives(cues.report_nouns)})\s+(?P<who>(?-i:[A-Z])[^,.;]*?)\s+"
        rf"(?:{alternatives(cues.statement_verbs)})\s*[,:]?\s*$",
        before.strip(),
        re.IGNORECASE,
    )
    return found.group("who") if found else None


def _issuer(who: str, pats: _Patterns) -> str | None:
    """The name a cited report is of, capitalised right after its noun (`pernyataan
    Kementerian Luar Negeri …`), never a description (`pembacaan kementerian …`)."""
    if not _cites_a_report(who, pats):
        return None
    rest = who.strip().split(" ", 1)[1:]
    return rest[0] if rest and rest[0][:1].isupper() else None


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
