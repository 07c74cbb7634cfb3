"""The article's own words for an event, where its clause is simple.

Owns telling when the clause that carried a cue says the event plainly: its
two actors named once each, by their own names (no person standing for a
state), the first the subject of an active verb that opens the cue (`Rusia
secara resmi mencoret IIA dari daftar organisasi teroris`), the second right
after that verb (or after one preposition: `bekerja sama dengan`), nothing
but the language's fillers between the subject and the verb (`secara resmi`,
`tidak akan`), and after the object at most a short complement that opens
with a preposition, up to a comma (`dari daftar organisasi teroris`). Such a
clause is kept as (subject, verb phrase, object, complement); the stub's
sentence in the article's language is written from it with the actors'
titles (`prose`). Anything else (a passive, a headline, a quote, a claim, a
time phrase before the verb, a third actor) is said from labels. Pure.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from generator.ingest.actors import Gazetteer
from generator.ingest.names import verb_like
from generator.ingest.records import Mention
from generator.ingest.rules import Rules
from generator.ingest.text import words

MAX_LEAD_WORDS = 4  # fillers between the subject and the verb
MAX_REST_WORDS = 8  # words of the complement after the object
_STOPS = re.compile(r"[,;:\"“”(]")

Said = tuple[str, str, str, str]  # (subject slug, verb phrase, object slug, complement)


def said_plainly(
    clause: str,
    mentions: Sequence[Mention],
    cue: tuple[int, int],
    pair: tuple[str, str],
    gazetteer: Gazetteer,
    rules: Rules,
) -> Said | None:
    """The clause's own words for the event of the cue at `cue` (its span), or None."""
    if len(mentions) != 2 or {m.slug for m in mentions} != set(pair):
        return None
    if any(gazetteer.pair_actor(m.slug) != m.slug for m in mentions):
        return None  # `Putin mengecam NATO`: a person named for a state's event
    subject, object_ = mentions
    cues = rules.names
    # the verb: the cue's first word that is no filler (`tidak akan pernah mengakui`)
    verb = next((w for w in re.finditer(r"[\w-]+", clause[: object_.start])
                 if w.start() >= cue[0] and w.group(0).lower() not in cues.fillers), None)  # fmt: skip
    if verb is None or not subject.end <= cue[0] or not _active_verb(verb.group(0), rules):
        return None  # a passive (`dicoret oleh`), a noun or a headline's capital
    lead = clause[subject.end : verb.start()]
    lead_words = [w.lower() for w in words(lead)]
    if _STOPS.search(lead) or len(lead_words) > MAX_LEAD_WORDS:
        return None
    if any(w not in cues.fillers for w in lead_words):
        return None  # `Rusia pada Senin (18/9) …`: a time phrase, or another word
    # after the verb, the rest of the cue's words (`bekerja sama dengan`), then at most
    # one preposition before the object
    between = clause[max(verb.end(), min(cue[1], object_.start)) : object_.start]
    gap = [w.lower() for w in words(between)]
    if _STOPS.search(between) or len(gap) > 1 or (gap and gap[0] not in cues.prepositions):
        return None
    phrase = " ".join(clause[subject.end : object_.start].split())
    return subject.slug, phrase, object_.slug, _complement(clause[object_.end :], rules)


def _active_verb(word: str, rules: Rules) -> bool:
    """An active verb in lower case (`mencoret`, `bekerja`); not a passive, not a headline's."""
    return word.islower() and verb_like(word, rules.names, (), passive=False)


def _complement(text: str, rules: Rules) -> str:
    """` dari daftar organisasi teroris`: from a preposition up to a comma, cut before a
    time phrase (the date is said apart), at most `MAX_REST_WORDS` words; else nothing."""
    cues, dates = rules.names, rules.words
    stop = _STOPS.search(text)
    found = words(text[: stop.start()] if stop else text)
    if not found or found[0].lower() not in cues.prepositions:
        return ""
    kept: list[str] = []
    for word in found:
        low = word.lower()
        if kept and (low in cues.time_openers or low in dates.months or low in dates.weekdays):
            break
        if any(c.isdigit() for c in word):
            break
        kept.append(word)
    if len(kept) < 2 or len(kept) > MAX_REST_WORDS:
        return ""
    return " " + " ".join(kept)
