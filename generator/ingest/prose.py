"""Short sentences written from structured evidence, in every site language.

Owns what a relationship stub says before a writer does: each timeline event
as one sentence built only from its evidence (its two actors' titles, its
link type and stance by the vocabulary's labels, who claims or denies it, its
date with the site's month names), in every language of the site, so a new
site reads in all of them from its first build:
`Rusia dan Taliban: Penghapusan dari daftar, Kooperatif (April 2025).` /
`Russia and Taliban: Delisting, Cooperative (April 2025).` Nothing is said
that the evidence does not hold: no direction, no motive, no verb of our
own. Where the event's clause says it plainly (`clause_words`), the
articles' language uses the clause's own words with the actors' titles:
`Rusia secara resmi mencoret Taliban dari daftar organisasi teroris (April
2025).`; the other languages stay with labels (no translation offline). The
templates are the language files' words (`event`, `event_said`,
`claimed_by`, `denied_by`); the labels and month names are the site's UI
strings. Pure.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from generator.ingest.clause_words import Said
from generator.ingest.language import SiteLanguages

_SLOT = re.compile(r"\{(\w+)\}")

Names = Callable[[str, str], str]  # (actor slug, language) → its title there


def fill(template: str, **slots: str) -> str:
    """`template` with `{slot}`s replaced in one pass (a name with braces stays as is)."""
    return _SLOT.sub(lambda m: slots.get(m.group(1), m.group(0)), template)


def event_texts(
    entry: Mapping[str, Any],
    pair: Sequence[str],
    names: Names,
    site: SiteLanguages,
    said: Said | None = None,
) -> dict[str, str]:
    """A timeline entry (type, stance, claim_by, denied_by, date) said in every site
    language; in the articles' language with the clause's own words where `said`."""
    out = {lang: _event_text(entry, pair, names, site, lang) for lang in site.codes}
    original = site.original.code
    template = site.words[original].event_said if original in site.words else ""
    if said is not None and template and original in out:
        subject, verb, object_, rest = said
        text = fill(template, subject=names(subject, original), verb=verb,
                    object=names(object_, original), rest=rest)  # fmt: skip
        when = _date(entry.get("date"), site, original)
        out[original] = f"{text} ({when})." if when else f"{text}."
    return out


def cited_line(text: str, sources: Sequence[str]) -> str:
    """One event of a stub's body: its sentence with its sources cited."""
    cites = "; ".join(f"@{source}" for source in sources)
    return f"- {text} [{cites}]" if cites else f"- {text}"


def _event_text(
    entry: Mapping[str, Any], pair: Sequence[str], names: Names, site: SiteLanguages, lang: str
) -> str:
    words = site.words[lang]
    text = fill(
        words.event,
        pair=words.pair(*(names(slug, lang) for slug in pair)),
        type=site.label(lang, "link_types", str(entry.get("type"))),
        stance=site.label(lang, "stances", str(entry.get("stance"))),
    )
    for key, template in (("claim_by", words.claimed_by), ("denied_by", words.denied_by)):
        who = [names(slug, lang) for slug in entry.get(key) or ()]
        if who:
            text += ", " + fill(template, who=", ".join(who))
    when = _date(entry.get("date"), site, lang)
    return f"{text} ({when})." if when else f"{text}."


def _date(value: object, site: SiteLanguages, lang: str) -> str:
    """`2025-04-02` → `2 April 2025`, `2025-04` → `April 2025`, `2003` → `2003`."""
    if value is None:
        return ""
    iso = str(value)
    months = site.strings.get(lang, {}).get("months")
    parts = iso.split("-")
    if len(parts) == 1 or not isinstance(months, list) or len(months) != 12:
        return iso
    month = str(months[int(parts[1]) - 1])
    return f"{int(parts[2])} {month} {parts[0]}" if len(parts) == 3 else f"{month} {parts[0]}"
