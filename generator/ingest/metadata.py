"""Title, publisher, author and date of an article, and its source slug.

The title is the headline line when there is one; an article that opens with
a dateline (`KABUL (Arrahmah.id) — …`) gets a title derived from its first
sentence, flagged for the writer. The publisher comes from the signals in the
rules (`tirto.id -`, `Copyright © … SINDOnews.com`, `(…/arrahmah.id)`,
`WowKeren -`); the author from a byline (`Penulis: …`).
"""

from __future__ import annotations

import re

from generator.ingest.dates import article_date, scan_dates
from generator.ingest.language import Words
from generator.ingest.records import CleanText, Metadata
from generator.ingest.rules import Rules
from generator.ingest.text import cap_slug, sentences, slugify

TITLE_WORDS = 14
_DATELINE = re.compile(r"^[A-Z][A-Z .,]{1,30}\s*(?:\([^)]*\))?\s*[—–-]\s+")


def extract_metadata(raw: str, clean: CleanText, rules: Rules) -> Metadata:
    notes: list[str] = []
    title, derived = _title(clean, rules.words)
    if derived:
        notes.append(f"title derived from the first sentence, check it: {title}")
    publisher = _publisher(raw, clean, rules)
    if publisher is None:
        notes.append("publisher not found in the text: set `publisher`")
    author = _author(raw, rules)
    scan = scan_dates([title, *clean.paragraphs] if not derived else clean.paragraphs,
                      clean.removed_of("date"), forms=rules.dates)  # fmt: skip
    notes.extend(scan.notes)
    date = article_date(scan)
    if date is None:
        notes.append("date not found in the text: `date` left null, set it if known")
    return Metadata(
        title=title,
        title_derived=derived,
        publisher=publisher,
        publisher_slug=publisher_slug(publisher, rules) if publisher else None,
        author=author,
        date=date,
        dates=scan.dates,
        notes=tuple(notes),
    )


def _title(clean: CleanText, words: Words) -> tuple[str, bool]:
    if clean.headline:
        return clean.headline, False
    if not clean.paragraphs:
        return words.untitled, True
    first = sentences(clean.paragraphs[0], words.abbreviations)[0]
    first = _DATELINE.sub("", first)
    if words.title_attribution:
        said = "|".join(re.escape(w) for w in words.title_attribution)
        first = re.sub(rf",\s*(?:{said})\b.*$", "", first, flags=re.IGNORECASE)
    first = first.strip().rstrip(".!?,;:")
    parts = first.split()
    if len(parts) > TITLE_WORDS:
        first = " ".join(parts[:TITLE_WORDS]).rstrip(",;:") + " …"
    return first, True


def _publisher(raw: str, clean: CleanText, rules: Rules) -> str | None:
    lines = [line.strip() for line in raw.splitlines() if line.strip()]
    furniture = list(clean.removed_of("furniture", "label", "byline", "prefix"))
    # One line at a time: a pattern sees at most text.MAX_LINE_CHARS characters.
    for patterns, where in ((rules.publishers, lines), (rules.publishers_in_furniture, furniture)):
        for pattern in patterns:
            for line in where:
                for match in pattern.finditer(line):
                    name = match.groupdict().get("name")
                    if name and name.lower() not in rules.not_publishers:
                        return _display_name(name, rules)
    return None


def _display_name(name: str, rules: Rules) -> str:
    for suffix in rules.name_suffixes_dropped:
        if name.lower().endswith(suffix):
            return name[: -len(suffix)]
    return name


def publisher_slug(name: str, rules: Rules) -> str:
    low = name.lower()
    for suffix in sorted(rules.slug_suffixes_dropped, key=len, reverse=True):
        if low.endswith(suffix) and len(low) > len(suffix):
            low = low[: -len(suffix)]
            break
    return slugify(low)


def _author(raw: str, rules: Rules) -> str | None:
    for pattern in rules.authors:
        for line in raw.splitlines():  # one line at a time, as every pattern
            match = pattern.search(line)
            if match and match.groupdict().get("name"):
                return match.group("name").strip()
    return None


def source_slug(meta: Metadata, words: Words) -> str:
    """`<publisher>-<YYYY-MM-DD>`, else `<publisher or artikel>-<three title words>`
    (`artikel` and the stop words are the language's)."""
    head = meta.publisher_slug or slugify(words.no_publisher)
    if meta.date:
        return cap_slug(f"{head}-{meta.date}")
    tokens = re.findall(r"[a-z0-9]+", slugify(meta.title))
    significant = [w for w in tokens if w not in words.stopwords]
    tail = "-".join(significant[:3]) or slugify(words.untitled)
    return cap_slug(f"{head}-{tail}")
