"""What ingest would write: file paths and their exact text, decided in memory.

Owns the shape of the files ingest writes (per README): one source dossier
per article in its original language plus an untranslated file per other
language; a stub per relationship and per referenced actor that has no
dossier yet. A relationship stub written earlier by ingest and untouched
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
from generator.content.markup import escape_refs
from generator.errors import ExplainerError
from generator.fsguard import read_text
from generator.ingest.actors import Gazetteer
from generator.ingest.records import Analysis, Finding, Quote

ORIGINAL = "id"


@dataclass(frozen=True)
class Planned:
    path: str  # relative to the project folder, '/' separators
    text: str
    owner: str  # the source slug, or "" for shared stubs


def source_files(analysis: Analysis, slug: str, languages: Sequence[str]) -> list[Planned]:
    meta = analysis.metadata
    data: dict[str, Any] = {
        "title": meta.title,
        "publisher": meta.publisher,
        "date": _date(meta.date),
        "language": ORIGINAL,
        "url": None,
        "author": meta.author,
        "seed": analysis.seed,
        "summary": None,
        "actors": list(analysis.actors),
        "evidence": [_evidence(f) for f in analysis.findings],
        "quotes": [_quote(q) for q in analysis.quotes],
        "review": list(analysis.review),
        "draft": True,
    }
    body = escape_refs("\n\n".join(analysis.clean.paragraphs))  # an article's `[[x]]` stays text
    out = [Planned(f"content/sources/{slug}.{ORIGINAL}.md", dump_front_matter(data, body), slug)]
    for lang in languages:
        if lang != ORIGINAL:
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
    languages: Sequence[str],
) -> list[Planned]:
    slug = f"{pair[0]}--{pair[1]}"
    ours = {source for _, source, _ in evidence}
    kept = [e for e in earlier if not set(e.get("sources") or ()) & ours]
    new = [_timeline_entry(f, source, date) for f, source, date in evidence]
    entries = _unique_sorted([*kept, *new])
    titles = {lang: [_title(gazetteer, a, lang) for a in pair] for lang in languages}
    data = {
        "title": f"{titles[ORIGINAL][0]} dan {titles[ORIGINAL][1]}",
        "actors": list(pair),
        "summary": None,
        "timeline": entries,
        "draft": True,
    }
    quoted = []
    for entry in entries:
        line = f"> {escape_refs(entry['text'][ORIGINAL])} [@{entry['sources'][0]}]"
        if line not in quoted:
            quoted.append(line)
    out = [
        Planned(
            f"content/relationships/{slug}.{ORIGINAL}.md",
            dump_front_matter(data, "\n\n".join(quoted)),
            "",
        )
    ]
    for lang in languages:
        if lang != ORIGINAL:
            names = titles[lang]
            other = {"title": f"{names[0]} and {names[1]}", "draft": True, "untranslated": True}
            out.append(
                Planned(f"content/relationships/{slug}.{lang}.md", dump_front_matter(other, ""), "")
            )
    return out


def actor_files(slug: str, languages: Sequence[str], title: str | None = None) -> list[Planned]:
    title = title or slug.replace("-", " ").title()
    out = []
    for lang in languages:
        data: dict[str, Any] = {"title": title, "draft": True}
        if lang != ORIGINAL:
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
        "text": finding.sentence,
    }


def _timeline_entry(finding: Finding, source: str, date: str | None) -> dict[str, Any]:
    entry: dict[str, Any] = {}
    if date:
        entry["date"] = _date(date)
    entry.update(
        {
            "type": finding.type,
            "stance": finding.stance,
            "claim_by": list(finding.claim_by),
            "denied_by": list(finding.denied_by),
            "sources": [source],
            "text": {ORIGINAL: finding.sentence},
        }
    )
    return entry


def _unique_sorted(entries: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    seen: dict[str, dict[str, Any]] = {}
    for entry in entries:
        key = repr(sorted((k, repr(v)) for k, v in entry.items()))
        seen.setdefault(key, dict(entry))

    def order(entry: Mapping[str, Any]) -> tuple[str, str, str, str, str]:
        text = entry.get("text")
        sentence = text.get(ORIGINAL, "") if isinstance(text, dict) else str(text)
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
