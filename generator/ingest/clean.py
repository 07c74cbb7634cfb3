"""Page furniture out, the article in: from raw text to clean paragraphs.

Owns deciding which lines are the article. Patterned furniture (navigation,
share and comment prompts, `Baca juga`, copyright, render timings, font
widgets, bylines, photo credits) comes from the rules' data; generic rules do
the rest: a headline line at the top and its repeats, short unpunctuated
lines around the body (section labels, "Berita Terkait"), short unpunctuated
lines inside it (other articles' headlines), and repeated paragraphs or whole
repeated blocks. Every dropped line is kept in `removed`, with why. Lines a
hard line break cut inside a sentence are joined first (`_unwrapped`).
"""

from __future__ import annotations

import re

from generator.ingest.records import CleanText, Removed
from generator.ingest.rules import Rules
from generator.ingest.text import ends_sentence, normalise_line, sentences, words

HEADLINE_WORDS = (3, 20)
LONG_WORDS = 8
_DASH = re.compile(r"[—–-]")
_GLUE = re.compile(r"(?<=[a-z0-9])(?=[A-Z][a-z])")
SIGNATURE_WORDS = 3  # `… - GenPI.co`, `… | Kompas TV`: a headline signed by its outlet
DATELINE_REST_WORDS = 6  # `KAMIS, 02 MEI 2024 | 16:06 WIB | LAPORAN: HANI FATUNNISA`


def clean_article(text: str, rules: Rules) -> CleanText:
    lines = _unwrapped([normalise_line(line) for line in text.split("\n")])
    lines = [part for line in lines if line for part in _unglue(line, rules)]
    kinds = [_classify(line, rules) for line in lines]
    _mark_sidebar(lines, kinds, rules)
    headline = _headline(lines, kinds)
    if headline is not None:
        top = lines.index(headline)
        for index, line in enumerate(lines):
            if kinds[index] == "text" and _repeats(line, headline):
                kinds[index] = "title"
            elif kinds[index] == "date" and index < top:
                kinds[index] = "header"  # above the headline: the page's date, not the article's
    _mark_labels(lines, kinds, rules)
    removed: list[Removed] = []
    paragraphs: list[str] = []
    seen_paragraphs: set[str] = set()
    seen_sentences: set[str] = set()
    for line, kind in zip(lines, kinds, strict=True):
        if kind != "text":
            removed.append(Removed(kind, line))
            continue
        line, cut = _strip_edges(line, rules, lead=not paragraphs)
        removed.extend(cut)
        if not line:
            continue
        key = _key(line)
        parts = [_key(s) for s in sentences(line, rules.words.abbreviations)]
        if key in seen_paragraphs or (parts and all(p in seen_sentences for p in parts)):
            removed.append(Removed("repeat", line))
            continue
        seen_paragraphs.add(key)
        seen_sentences.update(parts)
        paragraphs.append(line)
    return CleanText(tuple(paragraphs), tuple(removed), headline)


def _unwrapped(lines: list[str]) -> list[str]:
    """Lines a hard line break cut inside a sentence, joined again: a word hyphenated
    across them (`Par-` / `tai Keadilan`), a sentence going on in lower case, or a
    name whose short form after it spells both halves (`Partai Keadilan` /
    `Sejahtera Rakyat (PKSR)`), or a quotation opened on one line and closed on the
    next, whatever ends the first. A blank line between two lines keeps them apart."""
    out: list[str] = []
    for line in lines:
        before = out[-1] if out else ""
        if before and line and not ends_sentence(before):
            if re.search(r"[a-z]-$", before) and line[:1].islower():
                out[-1] = before[:-1] + line
                continue
            if line[:1].islower() or _spelt_across(before, line):
                out[-1] = f"{before} {line}"
                continue
        if before and line and _open_quote(before) and _closes_quote(line):
            out[-1] = f"{before} {line}"
            continue
        out.append(line)
    return out


def _open_quote(line: str) -> bool:
    """A quotation opened and not closed on the line: `“Saya menelepon … berhenti.`"""
    return line.count("“") > line.count("”") or line.count('"') % 2 == 1


def _closes_quote(line: str) -> bool:
    """The line closes a quotation before it opens any: `Sekarang … semua orang,” kata X.`
    (a straight quote opening the line opens a new quotation)."""
    straight = line.find('"')
    if straight == 0:
        straight = -1
    closing = min((i for i in (line.find("”"), straight) if i >= 0), default=-1)
    opening = line.find("“")
    return closing >= 0 and (opening < 0 or closing < opening)


_TAIL_NAME = re.compile(r"(?:[A-Z][\w'’-]*\s+)*[A-Z][\w'’-]*$")
_HEAD_NAME = re.compile(r"((?:[A-Z][\w'’-]*\s+)*[A-Z][\w'’-]*)\s*\(([A-Z][A-Za-z-]{1,9})\)")


def _spelt_across(before: str, line: str) -> bool:
    """`… Partai Keadilan` then `Sejahtera Rakyat (PKSR) …`: the initials of the name
    across the break are its short form."""
    tail, head = _TAIL_NAME.search(before), _HEAD_NAME.match(line)
    if tail is None or head is None:
        return False
    initials = "".join(w[0] for w in (*tail.group(0).split(), *head.group(1).split()))
    return initials.upper() == head.group(2).upper().replace("-", "")


def _unglue(line: str, rules: Rules) -> list[str]:
    """`BACA JUGA: … Wilayah TaiwanEmpat pangkalan …` → the link line, then the text.

    A related-headline link pasted without a line break ends where a lower-case
    letter runs into a capital: the text after it is the article's and stays.
    """
    for pattern in rules.glued_furniture:
        match = pattern.match(line)
        if not match:
            continue
        glue = _GLUE.search(line, match.end())
        if glue:
            return [line[: glue.start()].strip(), line[glue.start() :].strip()]
    return [line]


def _mark_sidebar(lines: list[str], kinds: list[str], rules: Rules) -> None:
    """A "Populer" list and everything after it is a sidebar, never the article.

    Its headlines and dates (`Jumat, 30 Januari 2026 | 02:25`) belong to other
    articles: marked "sidebar" so that no date is taken from them either.
    """
    for index, line in enumerate(lines):
        if any(p.fullmatch(line) for p in rules.sidebar_starts):
            for after in range(index, len(lines)):
                kinds[after] = "sidebar"
            return


def _classify(line: str, rules: Rules) -> str:
    if any(p.fullmatch(line) for p in rules.furniture_lines):
        return "furniture"
    if any(p.fullmatch(line) for p in rules.bylines):
        return "byline"
    n_words = len(words(line))
    if any(p.fullmatch(line) for p in rules.captions) or (
        n_words <= 30 and rules.caption_credit.search(line)
    ):
        return "caption"
    for pattern in (rules.dates.full, rules.dates.numeric):
        match = pattern.search(line)
        rest = line[: match.start()] + line[match.end() :] if match else ""
        rest_words = [w for w in words(rest) if not rules.dates.time_word.fullmatch(w)]
        if match and len(rest_words) < 3:
            return "date"
        timed = match and (match.groupdict().get("time") or "|" in line)
        if timed and len(rest_words) <= DATELINE_REST_WORDS and not ends_sentence(line):
            return "date"  # a dateline with its byline: time and `|` separators
    return "text"


def _headline(lines: list[str], kinds: list[str]) -> str | None:
    """The first text line, when it looks like a headline rather than a paragraph."""
    low, high = HEADLINE_WORDS
    for line, kind in zip(lines, kinds, strict=True):
        if kind != "text" or len(words(line)) < low:
            continue  # furniture, or a one- or two-word section label
        if low <= len(words(line)) <= high and not re.search(r"[.!:;,]$", line):
            return line
        return None
    return None


def _mark_labels(lines: list[str], kinds: list[str], rules: Rules) -> None:
    """Short unpunctuated lines: labels around the body, stray headlines inside it."""
    body = [i for i, k in enumerate(kinds) if k == "text" and _is_long(lines[i])]
    if not body:
        return
    first, last = body[0], body[-1]
    for index, line in enumerate(lines):
        if kinds[index] != "text" or ends_sentence(line) or _is_long(line):
            continue
        n_words = len(words(line))
        if (index < first or index > last) and n_words <= rules.short_line_words:
            kinds[index] = "label"
        elif first < index < last and n_words <= rules.stray_headline_words:
            kinds[index] = "stray"


def _is_long(line: str) -> bool:
    n_words = len(words(line))
    return n_words >= 20 or (n_words >= LONG_WORDS and ends_sentence(line))


def _strip_edges(line: str, rules: Rules, *, lead: bool) -> tuple[str, list[Removed]]:
    """A trailing byline `(hanoum/arrahmah.id)`; a leading dateline with its
    outlet (`tirto.id - `, `REPUBLIKA.CO.ID, JAKARTA -- `, `KABUL (Arrahmah.id) — `)
    or its city alone (`MOSKOW - `): the article's text starts after it."""
    cut: list[Removed] = []
    for pattern in rules.bylines:
        match = re.search(rf"\s+{pattern.pattern}\s*$", line, pattern.flags)
        if match:
            cut.append(Removed("byline", match.group(0).strip()))
            line = line[: match.start()].rstrip()
    datelines = rules.datelines if lead else ()  # a city alone only opens the first paragraph
    for patterns, kind in ((rules.publishers, "prefix"), (datelines, "dateline")):
        for pattern in patterns:
            match = pattern.match(line)
            if match and match.end() < len(line) and _DASH.search(match.group(0)):
                cut.append(Removed(kind, match.group(0).strip()))
                line = line[match.end() :].lstrip()
                break
    return line, cut


def _repeats(line: str, headline: str) -> bool:
    """The headline again, or signed by its outlet (`… Menlu China - GenPI.co`)."""
    if _key(line) == _key(headline):
        return True
    signed = re.fullmatch(rf"{re.escape(headline)}\s+[—–|-]\s+(?P<by>.+)", line)
    return signed is not None and len(words(signed.group("by"))) <= SIGNATURE_WORDS


def _key(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.lower())
