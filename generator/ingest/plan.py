"""What ingest would write: file paths and their exact text, decided in memory.

Owns the shape of the files ingest writes (docs/writers-guide.md, "Ingesting
articles"): one source dossier per article in its original language (the articles' language, from
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
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.content.frontmatter import dump_front_matter, parse_front_matter
from generator.content.generated import digest
from generator.content.markup import escape_refs
from generator.errors import ExplainerError
from generator.fsguard import read_text
from generator.ingest.actors import Gazetteer
from generator.ingest.language import SiteLanguages
from generator.ingest.prose import cited_line, event_texts
from generator.ingest.records import Analysis, EventDate, Finding, Quote


@dataclass(frozen=True)
class Planned:
    """A file ingest plans to write."""

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
        "quotes": [_quote(q) for q in analysis.quotes],
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
    """The stub of a relationship in every site language. Each event is said in
    every language from its evidence (`prose`), its article's sentence kept
    beside it; each file's body lists them, cited; every generated text carries
    the digest that marks it as the ingester's until a writer changes it."""
    slug = f"{pair[0]}--{pair[1]}"
    original = site.original.code
    ours = {source for _, source, _ in evidence}
    kept = [e for e in earlier if not set(e.get("sources") or ()) & ours]

    def names(actor: str, lang: str) -> str:
        return _title(gazetteer, actor, lang)

    new = [_timeline_entry(f, source, date, site) for f, source, date in evidence]
    for entry, (finding, _, _) in zip(new, evidence, strict=True):
        entry["text"] = event_texts(entry, pair, names, site, finding.said)
        entry["generated"] = digest(entry["text"])
    entries = _unique_sorted([*kept, *new])
    titles = {lang: site.pair_title(lang, *(names(a, lang) for a in pair)) for lang in site.codes}
    out = []
    for lang in site.codes:
        lines = [cited_line(escape_refs(_text(e, lang)), e.get("sources") or ()) for e in entries]
        body = "\n".join(dict.fromkeys(line for line in lines if line != "- "))
        if lang == original:
            quoted = [f"> {escape_refs(_sentence(e, original))} [@{e['sources'][0]}]"
                      for e in entries if e.get("sources")]  # fmt: skip
            body = "\n\n".join([body, *dict.fromkeys(quoted)])
            data: dict[str, Any] = {
                "title": titles[lang],
                "actors": list(pair),
                "summary": None,
                "timeline": entries,
                "draft": True,
            }
        else:
            data = {"title": titles[lang], "draft": True}
        data["generated"] = digest(body)
        path = f"content/relationships/{slug}.{lang}.md"
        out.append(Planned(path, dump_front_matter(data, body), ""))
    return out


def _text(entry: Mapping[str, Any], lang: str) -> str:
    text = entry.get("text")
    return str(text.get(lang, "")) if isinstance(text, dict) else ""


def _sentence(entry: Mapping[str, Any], original: str) -> str:
    """The article's sentence of an event (in the text of a stub from before `sentence`)."""
    return str(entry.get("sentence") or _text(entry, original))


def actor_files(slug: str, site: SiteLanguages, title: str | None = None) -> list[Planned]:
    title = title or slug.replace("-", " ").title()
    out = []
    for lang in site.codes:
        data: dict[str, Any] = {"title": title, "draft": True}
        if lang != site.original.code:
            data["untranslated"] = True
        out.append(Planned(f"content/actors/{slug}.{lang}.md", dump_front_matter(data, ""), ""))
    return out


def as_written(slug: str, texts: Iterable[str]) -> str | None:
    """A slug's name as the articles write it (`PKB`, `Partai NasDem`), the commonest form."""
    words = [re.escape(w) for w in slug.split("-") if w]
    if not words:
        return None
    pattern = re.compile(r"(?<![\w-])" + r"[\s-]+".join(words) + r"(?![\w-])", re.IGNORECASE)
    seen = Counter(m.group(0) for text in texts for m in pattern.finditer(text))
    return max(seen, key=lambda n: (seen[n], n)) if seen else None


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


def _quote(quote: Quote) -> dict[str, Any]:
    out: dict[str, Any] = {"speaker": quote.speaker}
    if quote.speaker is None and quote.speaker_name:
        out["speaker_label"] = quote.speaker_name  # until the writer accepts the actor
    out.update({"text": quote.text, "translation": {}, "about": list(quote.about)})
    return out


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
            "sentence": finding.sentence,
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


# what differs between sentences of one article that report the same event
_EVIDENCE_OF_AN_EVENT = ("sentence", "confidence", "date_note", "text", "generated")


def _unique_sorted(entries: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """One event per source, link, stance, claim and date: several sentences of one
    article saying the same event are one event (the surest kept), in date order."""
    seen: dict[str, dict[str, Any]] = {}
    for entry in entries:
        same = {k: v for k, v in entry.items() if k not in _EVIDENCE_OF_AN_EVENT}
        key = repr(sorted((k, repr(v)) for k, v in same.items()))
        # the surest; of equals, the one whose sentence writes its date in full
        rank = (entry.get("confidence", 0), "date_note" not in entry)
        if key not in seen or rank > (seen[key].get("confidence", 0), "date_note" not in seen[key]):
            seen[key] = dict(entry)

    def order(entry: Mapping[str, Any]) -> tuple[str, str, str, str, str]:
        sources = ",".join(map(str, entry.get("sources") or ()))
        return (str(entry.get("date", "")), sources, str(entry.get("sentence", "")),
                str(entry.get("stance")), str(entry.get("type")))  # fmt: skip

    return sorted(seen.values(), key=order)


def _title(gazetteer: Gazetteer, slug: str, lang: str) -> str:
    actor = gazetteer.actors.get(slug)
    if actor is None:
        return slug.replace("-", " ").title()
    return actor.title_in(lang)


def _date(iso: str | None) -> dt.date | None:
    return dt.date.fromisoformat(iso) if iso else None
