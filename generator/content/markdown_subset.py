"""Markdown's everyday subset rendered directly: markdown-it's bytes at a fraction of its cost.

Most bodies and summaries use only paragraphs, ATX headings, tight lists of
one-line items (`- ` or `1. `), pipe tables, one-paragraph `> ` quotes,
`*em*` and `**strong**`, `[[slug]]`, `[[slug|label]]` and `[@slug]`.
`compile_block` and `compile_inline` render those exactly as the parser of
`content.markdown_rules` does (the same HTML with the same markers, the same
references on the same lines, the heading ids of `{#id}` and of the anchors
plugin), and return None, so the caller parses the text with markdown-it, the
moment a text holds anything else or anything this module is not sure of:
backslashes, backticks, `<`, `&` before anything but a space, `_`, `~`, images,
footnotes, Markdown links, indentation, trailing spaces, tabs and other
whitespace, lazy continuation lines, loose lists, blocks that interrupt a
paragraph (except a heading), emphasis whose delimiters could both open and
close, nest, or go unmatched, a `[` that opens no dossier reference, and tables
past `markdown_rules`' bounds (which markdown-it reports as problems). Refusing
costs only time; a difference would cost trust, so every doubt refuses.
`tests/test_markdown_subset.py` holds the two to the same output.
"""

from __future__ import annotations

import re
from functools import lru_cache

from markdown_it.common.utils import escapeHtml, isMdAsciiPunct, isPunctChar, isWhiteSpace
from mdit_py_plugins.anchors.index import slugify, unique_slug

from generator.content.markdown_rules import (
    CITATION,
    HEADING_ID,
    MAX_TABLE_CELLS,
    MAX_TABLE_COLUMNS,
    WIKILINK,
)

# (kind, slug, 0-based line, own label): a `content.markup.BodyRef`'s fields.
Ref = tuple[str, str, int, str | None]

# Characters outside the subset, and whitespace other than a space or a line break
# (each looked for with `in`: a regex class scans a body ten times slower).
_REFUSED_CHARS = "\\`<_~\x00\t\r\x0b\x0c\x1c\x1d\x1e\x1f"
_OTHER_SPACE = re.compile(r"[^\S \n]")  # all of them, for a text with any non-ASCII character
_ENTITY = re.compile(r"&(?! )")
_BRACKET_OPENS = re.compile(r"\][:(]")  # a reference definition, or a Markdown link
_INLINE_SPECIAL = re.compile(r"[\[*]")  # where an inline rule of the subset may start
_STARS = re.compile(r"\*+")
_HEADING = re.compile(r"(#{1,6}) (\S.*)")
_ORDERED_ITEM = re.compile(r"([0-9]{1,9})\. (.+)")
_LIST_MARKER = re.compile(r"[0-9]+[.)](?: |$)")  # an ordered item's marker, of any shape
_STARS_ONLY = re.compile(r"[* ]+")  # a thematic break, or stars a list rule could take
_DELIMITER_ROW = re.compile(r"\|(?: *:?-+:? *\|)+")


def compile_block(text: str) -> tuple[str, list[Ref]] | None:
    """A body's HTML and references, as markdown-it gives them, or None outside the subset."""
    if _refused(text):
        return None
    return _Document(text).render()


def compile_inline(text: str) -> tuple[str, list[Ref]] | None:
    """A summary's HTML (one paragraph without its <p>) and references, or None."""
    if _refused(text) or text[0] in " \n" or text[-1] in " \n":
        return None
    if " \n" in text or "\n " in text:  # a hard break, or spaces a line break drops
        return None
    lines = text.split("\n")
    refs: list[Ref] = []
    rendered = _inline(text, lines, 0, len(lines), refs)
    return None if rendered is None else ("".join(rendered[0]), refs)


def _refused(text: str) -> bool:
    """Whether the text holds anything outside the subset at the character level (a
    space at a line's end or start is the block reader's to refuse, or the caller's)."""
    if not text:
        return True
    for char in _REFUSED_CHARS:
        if char in text:
            return True
    if not text.isascii() and _OTHER_SPACE.search(text):
        return True
    if "&" in text and _ENTITY.search(text):
        return True
    # Images, footnotes, inline footnotes; reference definitions and Markdown links.
    if "!" in text and "![" in text:
        return True
    if "^" in text and ("[^" in text or "^[" in text):
        return True
    return _BRACKET_OPENS.search(text) is not None


@lru_cache(maxsize=4096)
def _delimiter(last: str, following: str) -> tuple[bool, bool]:
    """Whether a run of `*` between these characters can open and can close emphasis:
    markdown-it's `scanDelims`, for `*`, which may split a word."""
    last_punct = isMdAsciiPunct(ord(last)) or isPunctChar(last)
    next_punct = isMdAsciiPunct(ord(following)) or isPunctChar(following)
    last_space = isWhiteSpace(ord(last))
    next_space = isWhiteSpace(ord(following))
    left = not (next_space or (next_punct and not (last_space or last_punct)))
    right = not (last_space or (last_punct and not (next_space or next_punct)))
    return left, right


def _inline(
    src: str, lines: list[str], start: int, end: int, refs: list[Ref]
) -> tuple[list[str], list[str], bool] | None:
    """One inline text: its HTML parts, its text as the anchors plugin reads it, and
    whether it ends in text; None outside the subset.

    A reference is on the first line of `lines[start:end]` holding it, as
    `content.markup` places markdown-it's (`start` when none does)."""
    if "[" not in src and "*" not in src:  # plain text: most list items and table cells
        return [escapeHtml(src)], [src], True
    html: list[str] = []
    texts: list[str] = []
    escape = escapeHtml if ('"' in src or ">" in src or "&" in src) else _same
    opener = -1  # where the open emphasis's tag goes in `html`
    opener_size = 0
    ends_in_text = False
    pos = 0
    size = len(src)
    for special in _INLINE_SPECIAL.finditer(src):
        at = special.start()
        if at < pos:
            continue  # inside a reference or a run of stars already read
        if at > pos:
            texts.append(src[pos:at])
            html.append(escape(src[pos:at]))
            ends_in_text = True
        if src[at] == "[":
            # markdown-it's order at a `[`: a dossier link, a citation, else a link (refused)
            wikilink = WIKILINK.match(src, at)
            match = wikilink or CITATION.match(src, at)
            if match is None:
                return None
            pos = match.end()
            raw = match.group(0)
            label = match.group(2) if wikilink else None
            line = next((n for n in range(start, end) if raw in lines[n]), start)
            html.append(f"\x00{len(refs)}\x00")
            refs.append(
                (
                    "link" if wikilink else "cite",
                    match.group(1).strip(),
                    line,
                    label and label.strip(),
                )
            )
            ends_in_text = False
            continue
        stars = _STARS.match(src, at)
        assert stars is not None
        pos = stars.end()
        raw = stars.group(0)
        count = pos - at
        if count > 2:
            return None
        can_open, can_close = _delimiter(
            src[at - 1] if at else " ", src[pos] if pos < size else " "
        )
        if can_open and can_close:
            return None
        if can_open:
            if opener >= 0:
                return None
            opener, opener_size = len(html), count
            html.append("")
            ends_in_text = False
        elif can_close:
            if opener < 0 or count != opener_size:
                return None
            tag = "em" if count == 1 else "strong"
            html[opener] = f"<{tag}>"
            html.append(f"</{tag}>")
            opener = -1
            ends_in_text = False
        else:
            texts.append(raw)
            html.append(raw)
            ends_in_text = True
    if opener >= 0:
        return None
    if pos < size:
        texts.append(src[pos:])
        html.append(escape(src[pos:]))
        ends_in_text = True
    return html, texts, ends_in_text


def _same(text: str) -> str:
    return text


def _ordinary(line: str) -> bool:
    """A line that can only start or continue a paragraph, here and in markdown-it."""
    first = line[0]
    if first in "#>-+=|: ":
        return False
    if first == "*":
        return line[1:2] not in ("", " ") and not _STARS_ONLY.fullmatch(line)
    if "0" <= first <= "9":
        return not _LIST_MARKER.match(line)
    return True


class _Document:
    """One body read block by block, each rendered as it is read."""

    def __init__(self, text: str) -> None:
        self.lines = text.split("\n")
        self.refs: list[Ref] = []
        self.html: list[str] = []
        self.explicit_ids: set[str] = set()
        self.anchored: list[tuple[int, str]] = []  # (place in html, title) of h2/h3 with no id
        self.table_cells = 0

    def render(self) -> tuple[str, list[Ref]] | None:
        lines = self.lines
        # A line's trailing spaces are a hard break, or dropped; a leading space is refused
        # where a block would start or go on (none of `_ordinary`'s lines start with one).
        for text in lines:
            if text[-1:] == " ":
                return None
        count = len(lines)
        line = 0
        after_break = True  # at the start, or after a blank line
        while line < count:
            text = lines[line]
            if not text:
                line += 1
                after_break = True
                continue
            first = text[0]
            if first == "#":
                following = self._heading(line)
            elif first == "|":
                following = self._table(line) if after_break else None
            elif first == ">":
                following = self._quote(line) if after_break else None
            elif first == "-" or ("0" <= first <= "9" and _LIST_MARKER.match(text)):
                following = self._list(line) if after_break else None
            elif _ordinary(text):
                following = self._paragraph(line)
            else:
                return None
            if following is None:
                return None
            after_break = False
            line = following
        for place, title in self.anchored:
            self.html[place] = f' id="{escapeHtml(unique_slug(slugify(title), self.explicit_ids))}"'
        return "".join(self.html), self.refs

    def _inline_html(self, src: str, start: int, end: int) -> str | None:
        rendered = _inline(src, self.lines, start, end, self.refs)
        return None if rendered is None else "".join(rendered[0])

    def _paragraph(self, start: int) -> int | None:
        lines = self.lines
        end = start + 1
        while end < len(lines) and lines[end] and lines[end][0] != "#":
            if not _ordinary(lines[end]):
                return None
            end += 1
        inner = self._inline_html("\n".join(lines[start:end]), start, end)
        if inner is None:
            return None
        self.html.append(f"<p>{inner}</p>\n")
        return end

    def _heading(self, line: int) -> int | None:
        match = _HEADING.fullmatch(self.lines[line])
        if match is None or match.group(2).endswith("#"):
            return None
        if line + 1 < len(self.lines) and self.lines[line + 1][:1] == "|":
            return None  # the table rule would read this line as a table's header
        level, content = len(match.group(1)), match.group(2)
        rendered = _inline(content, self.lines, line, line + 1, self.refs)
        if rendered is None:
            return None
        parts, texts, ends_in_text = rendered
        explicit = HEADING_ID.search(content) if ends_in_text else None
        if explicit is not None:
            # `markdown_rules._heading_ids` cuts the id from the last text: the match
            # lies in plain text, so it is the end of the last part, unescaped.
            parts[-1] = parts[-1][: len(parts[-1]) - (len(content) - explicit.start())]
            self.explicit_ids.add(explicit.group(1))
        self.html.append(f"<h{level}")
        if explicit is not None:
            self.html.append(f' id="{escapeHtml(explicit.group(1))}"')
        elif level in (2, 3):
            self.anchored.append((len(self.html), "".join(texts)))
            self.html.append("")
        self.html.append(f">{''.join(parts)}</h{level}>\n")
        return line + 1

    def _list(self, start: int) -> int | None:
        lines = self.lines
        ordered = lines[start][0] != "-"
        items: list[str] = []
        line = start
        number = 1
        while line < len(lines) and lines[line]:
            text = lines[line]
            if ordered:
                match = _ORDERED_ITEM.fullmatch(text)
                if match is None:
                    return None
                content = match.group(2)
                if line == start:
                    number = int(match.group(1))
            else:
                if not text.startswith("- "):
                    return None
                content = text[2:]
            if not content or not _ordinary(content):
                return None
            inner = self._inline_html(content, line, line + 1)
            if inner is None:
                return None
            items.append(f"<li>{inner}</li>\n")
            line += 1
        # A list item after the blank line would make the list loose, or start another.
        following = _next_text(lines, line)
        if following is not None and (following[:2] == "- " or _LIST_MARKER.match(following)):
            return None
        opening = ("<ol>\n" if number == 1 else f'<ol start="{number}">\n') if ordered else "<ul>\n"
        self.html.append(opening + "".join(items) + ("</ol>\n" if ordered else "</ul>\n"))
        return line

    def _quote(self, start: int) -> int | None:
        lines = self.lines
        end = start
        contents: list[str] = []
        while end < len(lines) and lines[end]:
            text = lines[end]
            if not text.startswith("> ") or not _ordinary(text[2:]):
                return None
            contents.append(text[2:])
            end += 1
        inner = self._inline_html("\n".join(contents), start, end)
        if inner is None:
            return None
        self.html.append(f"<blockquote>\n<p>{inner}</p>\n</blockquote>\n")
        return end

    def _table(self, start: int) -> int | None:
        lines = self.lines
        if start + 1 >= len(lines) or not _DELIMITER_ROW.fullmatch(lines[start + 1]):
            return None
        header = lines[start]
        if len(header) < 2 or header[-1] != "|":
            return None
        aligns = [_align(cell.strip(" ")) for cell in lines[start + 1].split("|")[1:-1]]
        heads = header.split("|")[1:-1]
        if len(heads) != len(aligns):
            return None
        end = start + 2
        while end < len(lines) and lines[end]:
            text = lines[end]
            if text[0] != "|" or text[-1] != "|" or len(text) < 2:
                return None
            end += 1
        columns = len(aligns)
        self.table_cells += columns * (end - start - 1)
        if columns > MAX_TABLE_COLUMNS or self.table_cells > MAX_TABLE_CELLS:
            return None  # markdown-it refuses it, with a problem
        head = self._row(heads, aligns, "th", start)
        if head is None:
            return None
        body: list[str] = []
        for line in range(start + 2, end):
            row = self._row(lines[line].split("|")[1:-1], aligns, "td", line)
            if row is None:
                return None
            body.append(row)
        rows = f"<tbody>\n{''.join(body)}</tbody>\n" if body else ""
        self.html.append(f"<table>\n<thead>\n{head}</thead>\n{rows}</table>\n")
        return end

    def _row(self, cells: list[str], aligns: list[str], tag: str, line: int) -> str | None:
        """A table row as markdown-it writes it: a cell per column, the missing ones empty."""
        html = ["<tr>\n"]
        for index, align in enumerate(aligns):
            cell = cells[index].strip(" ") if index < len(cells) else ""
            inner = self._inline_html(cell, line, line + 1)
            if inner is None:
                return None
            html.append(f"<{tag}{align}>{inner}</{tag}>\n")
        html.append("</tr>\n")
        return "".join(html)


def _align(cell: str) -> str:
    """A delimiter cell's alignment as markdown-it writes it on each th and td."""
    if cell.endswith(":"):
        return ' style="text-align:center"' if cell.startswith(":") else ' style="text-align:right"'
    return ' style="text-align:left"' if cell.startswith(":") else ""


def _next_text(lines: list[str], line: int) -> str | None:
    """The first non-blank line from `line` on, if any (no slice: a text of many lists
    would copy its lines once per list)."""
    while line < len(lines) and not lines[line]:
        line += 1
    return lines[line] if line < len(lines) else None
