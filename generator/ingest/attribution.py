"""A quotation's attribution: where it is, and whom it names.

Owns reading the words around a quote for its speaker: a clause after it
(`"…," kata Milley`, `tegasnya`, `lanjut dia`, `"…," pernyataan bersama A-B`),
a clause before it (`Ia mengatakan, "…"`, `Menurut X, "…"`, `X: "…"`,
`Dalam pernyataan Kementerian … A disebutkan, "…"`), or a person just before
it (`Kerry "menekankan …"`); the speaker a stretch of text reports
(`Retno mengatakan, …`) and the person a sentence is about, whom a later
pronoun may mean; and the source of a report a sentence cites (`mengutip
keterangan pers … dari Biro Pers …`). Who the words name is
`speakers.resolve`; which quote is whose, paragraph by paragraph, `quotes`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.ingest.actors import Gazetteer, find_mentions
from generator.ingest.lexicon import NameCues
from generator.ingest.rules import Rules
from generator.ingest.speaker_register import Register, Speaker
from generator.ingest.speakers import names_in, resolve, up_to_verb
from generator.ingest.text import alternatives, words

SUBJECT_WORDS = 12


@dataclass(frozen=True)
class AttributionPatterns:
    """The patterns that tie a quote to its speaker, in one language."""

    after: re.Pattern[str]  # `, kata Milley.`, `tegasnya`
    according: re.Pattern[str]  # after the quote: `, menurut Retno`
    said: re.Pattern[str]  # before it: `Retno mengatakan, `
    according_before: re.Pattern[str]  # before it: `Menurut Retno, `
    according_word: re.Pattern[str]  # the word itself, opening a phrase
    joint: re.Pattern[str] | None = None  # after it: `, pernyataan bersama A-B dirilis …`
    cues: NameCues | None = None  # descriptions, report nouns, institutions named before


def attribution_patterns(rules: Rules, cues: NameCues | None) -> AttributionPatterns:
    after, before = alternatives(rules.speech_after), alternatives(rules.speech_before)
    clitics, according = alternatives(rules.words.clitics), alternatives(rules.words.according_to)
    return AttributionPatterns(
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


def attribution(
    paragraph: str,
    match: re.Match[str],
    pats: AttributionPatterns,
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
    before = sentence_before(paragraph[: match.start()])
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


def reported_speaker(
    text: str,
    pats: AttributionPatterns,
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
            recent = person_subject(sentence, gazetteer, rules, pats.cues) or recent
    return found


def person_subject(
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
    pats: AttributionPatterns,
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


def cited_report(
    sentence: str,
    pats: AttributionPatterns,
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


def is_statement(text: str, pats: AttributionPatterns) -> bool:
    """Words naming a statement: `pernyataan bersama`, `menurut pernyataan Kemlu`."""
    cues = pats.cues
    if cues is None:
        return False
    low = text.lower()
    return any(j in low for j in cues.joint_statements) or any(
        re.search(rf"\b{re.escape(n)}\b", low) for n in cues.report_nouns
    )


def _cites_a_report(who: str, pats: AttributionPatterns) -> bool:
    """`menurut pembacaan kementerian luar negeri …`: a report, not the speaker."""
    first = who.strip().split(" ", 1)[0].lower()
    return pats.cues is not None and first in pats.cues.report_nouns


def _stated_in(before: str, pats: AttributionPatterns) -> str | None:
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


def _issuer(who: str, pats: AttributionPatterns) -> str | None:
    """The name a cited report is of, capitalised right after its noun (`pernyataan
    Kementerian Luar Negeri …`), never a description (`pembacaan kementerian …`)."""
    if not _cites_a_report(who, pats):
        return None
    rest = who.strip().split(" ", 1)[1:]
    return rest[0] if rest and rest[0][:1].isupper() else None


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


def after_attribution(tail: str, pats: AttributionPatterns) -> str:
    found = pats.after.match(tail)
    return tail[found.end() :] if found else tail


def sentence_before(text: str) -> str:
    parts = re.split(r"(?<=[.!?])\s+(?=[\"“A-Z])", text)
    return parts[-1] if parts else text
