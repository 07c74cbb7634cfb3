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
    signed = _signature(raw, clean, rules)
    publisher = signed.get("name")
    if publisher is None:
        notes.append("publisher not found in the text: set `publisher`")
    else:
        title = _unsigned(title, signed["raw"])
    author = _author(raw, rules) or _person(signed.get("author")) or _credited(raw, rules)
    place = _place(signed.get("place") or _city(clean, rules))
    # a date above the headline is the page's (its header: today's date), not the article's
    datelines = clean.removed_of("date") or clean.removed_of("header")
    scan = scan_dates([title, *clean.paragraphs] if not derived else clean.paragraphs,
                      datelines, forms=rules.dates)  # fmt: skip
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
        place=place,
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


def _signature(raw: str, clean: CleanText, rules: Rules) -> dict[str, str]:
    """The outlet as it signs the article: `name` (for display) and `raw`, and the
    dateline's `place` and a credit's `author` when its pattern names them."""
    lines = [line.strip() for line in raw.splitlines() if line.strip()]
    furniture = list(clean.removed_of("furniture", "label", "byline", "prefix"))
    # One line at a time: a pattern sees at most text.MAX_LINE_CHARS characters.
    for patterns, where in ((rules.publishers, lines), (rules.publishers_in_furniture, furniture)):
        for pattern in patterns:
            for line in where:
                for match in pattern.finditer(line):
                    found = {k: v for k, v in match.groupdict().items() if v}
                    name = found.get("name")
                    if name and name.lower() not in rules.not_publishers:
                        return {**found, "raw": name, "name": _display_name(name, rules)}
    return {}


def _unsigned(title: str, name: str) -> str:
    """`… Menlu China - GenPI.co` → the headline without its outlet."""
    cut = re.sub(rf"\s+[—–-]\s+{re.escape(name)}\s*$", "", title)
    return cut or title


def _city(clean: CleanText, rules: Rules) -> str | None:
    """The city of a dateline cut from the text (`MOSKOW - …`)."""
    for text in clean.removed_of("dateline", "prefix"):
        for pattern in rules.datelines:
            match = pattern.match(text + " ")
            if match and match.groupdict().get("place"):
                return match.group("place")
    return None


def _place(city: str | None) -> str | None:
    """`MOSKOW` → Moskow; `Jakarta` as written."""
    if not city or not city.strip(" .,"):
        return None
    city = city.strip(" .,")
    return city.title() if city.isupper() else city


def _credited(raw: str, rules: Rules) -> str | None:
    """The writer a credit names beside the outlet: `(Tribunnews.com/Yurika)`."""
    for pattern in (p for p in rules.publishers if "author" in p.groupindex):
        for line in raw.splitlines():
            match = pattern.search(line.strip())
            if match and match.group("author"):
                return _person(match.group("author"))
    return None


def _person(name: str | None) -> str | None:
    """A name in capitals (`HANI FATUNNISA`) in the usual case."""
    if not name:
        return None
    return name.title() if name.isupper() else name


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
                return _person(match.group("name").strip())
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
