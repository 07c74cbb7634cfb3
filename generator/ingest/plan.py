"""What ingest would write: file paths and their exact text, decided in memory.

Owns the shape of the files ingest writes (per README): one source dossier
per article in its original language (the articles' language, from
`language.SiteLanguages`) plus an untranslated file per other site
language; a stub per relationship and per referenced actor that has no
dossier yet, titled in each language with that language's words. A relationship stub written earlier by ingest and untouched
since keeps the timeline entries of sources not in this run, so ingesting
articles one at a time builds the same stub as ingesting them together.
Deterministic: sorted keys and lists, no timestamps.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.content.frontmatter import dump_front_matter, parse_front_matter
from generator.content.markup import escape_refs
from generator.errors import ExplainerError
from generator.fsguard import read_text
from generator.ingest.actors import Gazetteer
from generator.ingest.language import SiteLanguages
from generator.ingest.records import Analysis, EventDate, Finding


@dataclass(frozen=True)
class Planned:
    path: str  # relative to the project folder, '/' separators
    text: str
    owner: str  # the source slug, or "" for shared stubs


def source_files(analysis: Analysis, slug: str, site: SiteLanguages) -> list[Planned]:
    meta = analysis.metadata
    original = site.original.code
    data: dict[str, Any] = {
        "title": meta.title,
        "publisher": meta.publisher,
        "date": _date(meta.date),
        "language": original,
        "url": None,
        "author": meta.author,
        "place": meta.place,
        "seed": analysis.seed,
        "summary": None,
        "actors": list(analysis.actors),
        "evidence": [_evidence(f) for f in analysis.findings],
        "quotes": [
            {
                "speaker": q.speaker,
                "text": q.text,
                "translation": {},
                "about": list(q.about),
            }
            for q in analysis.quotes
        ],
        "review": list(analysis.review),
        "draft": True,
    }
    body = escape_refs("\n\n".join(analysis.clean.paragraphs))  # an article's `[[x]]` stays text
    out = [Planned(f"content/sources/{slug}.{original}.md", dump_front_matter(data, body), slug)]
    for lang in site.codes:
        if lang != original:
            other = {"title": meta.title, "draft": True, "untranslated": True}
            out.append(
                Planned(f"content/sources/{slug}.{lang}.md", dump_front_matter(other, ""), slug)
            )
    return out


def relationship_files(
    pair: tuple[str, str],
    evidence: Sequence[tuple[Finding, str, str | None]],  # (finding, source slug, source date)
    earlier: Sequence[Mapping[str, Any]],
    gazetteer: Gazetteer,
    site: SiteLanguages,
) -> list[Planned]:
    slug = f"{pair[0]}--{pair[1]}"
    original = site.original.code
    ours = {source for _, source, _ in evidence}
    kept = [e for e in earlier if not set(e.get("sources") or ()) & ours]
    new = [_timeline_entry(f, source, date, site) for f, source, date in evidence]
    entries = _unique_sorted([*kept, *new], original)
    titles = {
        lang: site.pair_title(lang, *(_title(gazetteer, a, lang) for a in pair))
        for lang in site.codes
    }
    data = {
        "title": titles[original],
        "actors": list(pair),
        "summary": None,
        "timeline": entries,
        "draft": True,
    }
    quoted = []
    for entry in entries:
        line = f"> {escape_refs(entry['text'][original])} [@{entry['sources'][0]}]"
        if line not in quoted:
            quoted.append(line)
    out = [
        Planned(
            f"content/relationships/{slug}.{original}.md",
            dump_front_matter(data, "\n\n".join(quoted)),
            "",
        )
    ]
    for lang in site.codes:
        if lang != original:
            other = {"title": titles[lang], "draft": True, "untranslated": True}
            out.append(
                Planned(f"content/relationships/{slug}.{lang}.md", dump_front_matter(other, ""), "")
            )
    return out


def actor_files(slug: str, site: SiteLanguages) -> list[Planned]:
    title = slug.replace("-", " ").title()
    out = []
    for lang in site.codes:
        data: dict[str, Any] = {"title": title, "draft": True}
        if lang != site.original.code:
            data["untranslated"] = True
        out.append(Planned(f"content/actors/{slug}.{lang}.md", dump_front_matter(data, ""), ""))
    return out


def earlier_timeline(root: Path, rel: str) -> list[Mapping[str, Any]]:
    """The timeline of an ingest-written relationship stub, to merge with."""
    path = root / rel
    try:
        data = parse_front_matter(read_text(path, root, shown=rel), rel).data
    except (OSError, UnicodeDecodeError, ExplainerError):
        return []
    timeline = data.get("timeline")
    return [e for e in timeline if isinstance(e, dict)] if isinstance(timeline, list) else []


def dossier_exists(root: Path, section: str, slug: str) -> list[str]:
    folder = root / "content" / section
    if not folder.is_dir():
        return []
    return sorted(p.relative_to(root).as_posix() for p in folder.glob(f"{slug}.*.md"))


def sources_by_seed(root: Path) -> dict[str, str]:
    """seed file name → source slug, for every source dossier with a `seed:`."""
    folder = root / "content" / "sources"
    found: dict[str, str] = {}
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        try:
            data = parse_front_matter(read_text(path, root), path.name).data
        except (OSError, UnicodeDecodeError, ExplainerError):
            continue
        seed = data.get("seed")
        if isinstance(seed, str) and seed:
            found.setdefault(seed, path.name.split(".")[0])
    return found


def _evidence(finding: Finding) -> dict[str, Any]:
    return {
        "actors": list(finding.actors),
        "stance": finding.stance,
        "type": finding.type,
        "claim_by": list(finding.claim_by),
        "denied_by": list(finding.denied_by),
        "reason": finding.reason,
        "confidence": finding.confidence,
        "date": finding.when.iso if finding.when else None,
        "text": finding.sentence,
    }


def _timeline_entry(
    finding: Finding, source: str, date: str | None, site: SiteLanguages
) -> dict[str, Any]:
    """One event: dated by its own sentence (`when`), else by its source; a date
    the sentence does not write in full carries a note in every site language."""
    original = site.original.code
    when = finding.when or EventDate(date, "article" if date else "none", "")
    entry: dict[str, Any] = {}
    if when.iso:
        entry["date"] = _partial(when.iso)
    entry.update(
        {
            "type": finding.type,
            "stance": finding.stance,
            "claim_by": list(finding.claim_by),
            "denied_by": list(finding.denied_by),
            "sources": [source],
            "text": {original: finding.sentence},
            "confidence": finding.confidence,
        }
    )
    if when.iso and when.how not in ("exact", "none"):
        entry["date_note"] = {lang: _date_note(when, date, site, lang) for lang in site.codes}
    return entry


def _date_note(when: EventDate, article: str | None, site: SiteLanguages, lang: str) -> str:
    words = site.words[lang]
    template = words.date_notes.get(when.how) or site.original.words.date_notes[when.how]
    weekday = ""
    if when.how == "weekday" and when.iso:
        number = dt.date.fromisoformat(when.iso).weekday()
        weekday = next((n for n, d in words.weekdays.items() if d == number), "").capitalize()
    slots = {"expression": when.expression, "article": article or "", "weekday": weekday}
    return re.sub(r"\{(expression|article|weekday)\}", lambda m: slots[m.group(1)], template)


def _partial(iso: str) -> dt.date | str | int:
    """A day as a date, a month as `YYYY-MM`, a year as a number (as writers write them)."""
    if len(iso) == 10:
        return dt.date.fromisoformat(iso)
    return iso if len(iso) == 7 else int(iso)


def _unique_sorted(entries: Iterable[Mapping[str, Any]], original: str) -> list[dict[str, Any]]:
    seen: dict[str, dict[str, Any]] = {}
    for entry in entries:
        key = repr(sorted((k, repr(v)) for k, v in entry.items()))
        seen.setdefault(key, dict(entry))

    def order(entry: Mapping[str, Any]) -> tuple[str, str, str, str, str]:
        text = entry.get("text")
        sentence = text.get(original, "") if isinstance(text, dict) else str(text)
        sources = ",".join(map(str, entry.get("sources") or ()))
        return (str(entry.get("date", "")), sources, sentence, str(entry.get("stance")),
                str(entry.get("type")))  # fmt: skip

    return sorted(seen.values(), key=order)


def _title(gazetteer: Gazetteer, slug: str, lang: str) -> str:
    actor = gazetteer.actors.get(slug)
    if actor is None:
        return slug.replace("-", " ").title()
    return actor.title_in(lang)


def _date(iso: str | None) -> dt.date | None:
    return dt.date.fromisoformat(iso) if iso else None
