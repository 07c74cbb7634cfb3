"""Small text helpers shared by the ingest steps: normalising, sentences, words.

Sentences are split on `.`, `!` or `?` (and a closing quote after them)
followed by a capital letter or an opening quote, except after the
language's abbreviations, so that `Jl. Sudirman` and `ISIS-K` stay whole.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable

_SENTENCE_END = re.compile(r"[.!?]+[\"”’')\]]*(?=\s+[\"“‘]?\(?[A-Z0-9])")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_WORD = re.compile(r"[A-Za-z0-9À-ɏ]+(?:[-'’][A-Za-z0-9À-ɏ]+)*")
QUOTE_CHARS = '"“”'
# The longest line any pattern sees. News paragraphs stay far below it (the
# longest seen is about 1,400 characters); a longer line is cut at a sentence
# end or a space, so that a pattern slow on long text (`\\s+x`, `.*a.*b`)
# is slow on 2,000 characters at most, never on a 2 MB article in one line.
MAX_LINE_CHARS = 2000
# The longest slug ingest makes: with `.id.md` and a `-2` it stays far below the 255
# bytes of a file name (a title word of 300 letters once made ingest fail there).
MAX_SLUG = 80


def bounded_lines(text: str, limit: int = MAX_LINE_CHARS) -> str:
    """`text` with every line longer than `limit` cut into lines of at most `limit`:
    after the last sentence end in the second half of the window, else the last space
    there, else at `limit` exactly."""
    out: list[str] = []
    for line in text.split("\n"):
        while len(line) > limit:
            window = line[:limit]
            cut = max(window.rfind(". "), window.rfind("? "), window.rfind("! ")) + 1
            if cut <= limit // 2:
                cut = window.rfind(" ")
            if cut <= limit // 2:
                cut = limit
            out.append(line[:cut])
            line = line[cut:].lstrip(" ")
        out.append(line)
    return "\n".join(out)


def normalise_line(line: str) -> str:
    """One line with invisible characters and runs of spaces made plain."""
    line = line.replace("\ufeff", "").replace("\u200c", "").replace("\u200d", "")
    return _SPACES.sub(" ", line).strip()


def sentences(paragraph: str, abbreviations: Collection[str]) -> list[str]:
    """The sentences of a paragraph, in order, stripped; a full stop after one of
    `abbreviations` (lower case, without the stop) or a single letter ends none."""
    out: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(paragraph):
        before = paragraph[start : match.start()].rsplit(" ", 1)[-1].lower().rstrip(".")
        if match.group(0).startswith(".") and (before in abbreviations or len(before) == 1):
            continue
        if _inside_quote(paragraph, start, match.end()):
            continue
        out.append(paragraph[start : match.end()].strip())
        start = match.end()
    rest = paragraph[start:].strip()
    if rest:
        out.append(rest)
    return [s for s in out if s]


def _inside_quote(text: str, start: int, end: int) -> bool:
    """True when `end` falls inside an open quotation begun in this sentence."""
    part = text[start:end]
    straight = part.count('"')
    return straight % 2 == 1 or part.count("“") > part.count("”")


def alternatives(choices: Iterable[str]) -> str:
    """A regular expression matching any of `choices` literally, longest first;
    one that never matches when there are none (a language without such words)."""
    escaped = sorted((re.escape(c) for c in choices), key=len, reverse=True)
    return "|".join(escaped) if escaped else "(?!)"


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def ascii_fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def slugify(text: str) -> str:
    """Lowercase ASCII letters, digits and single hyphens; at most MAX_SLUG characters."""
    folded = ascii_fold(text).lower()
    return cap_slug(re.sub(r"[^a-z0-9]+", "-", folded).strip("-"))


def cap_slug(slug: str) -> str:
    """`slug` cut to MAX_SLUG characters (an article's odd 300-letter word is no file name)."""
    return slug[:MAX_SLUG].strip("-") if len(slug) > MAX_SLUG else slug


def ends_sentence(line: str) -> bool:
    return bool(re.search(r"[.!?:;\"”’)]\s*$", line))
