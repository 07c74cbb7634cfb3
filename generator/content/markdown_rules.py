"""The Markdown parser texts are read with: markdown-it-py and the rules that make it safe.

CommonMark with raw HTML disabled (it is escaped, never passed through), tables,
strikethrough, footnotes, definition lists and heading anchors. Rules of our own:
every link and image becomes a token, and `_safe_urls` renders one whose scheme
`content.schemes` refuses as its text, noted with its line under `PROBLEMS`; so
are a footnote label defined twice and a table too large to be read
(`MAX_TABLE_COLUMNS`, `MAX_TABLE_CELLS`: a 5,000-column table took 28 s to parse);
`## Title {#id}` gives a heading its id; an image alone in its paragraph is a
figure; `[[slug]]`, `[[slug|label]]` and `[@slug]` become `wikilink` and
`citation` tokens, rendered as markers `content.markup` fills in per page.
"""

from __future__ import annotations

import re
from collections.abc import MutableMapping
from functools import cache
from html import escape
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_block.table import escapedSplit, getLine, table
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.footnote import footnote_plugin

from generator.content.markdown_dispatch import dispatch_by_first_char
from generator.content.schemes import image_url_problem, link_problem, scheme_of

WIKILINK = re.compile(r"\[\[([^\[\]|\n]+?)(?:\|([^\[\]\n]+))?\]\]")
CITATION = re.compile(r"\[@([^\[\]\s]+)\]")
DELIMITER_ROW = re.compile(r"[-:|][-:| \t]*")  # what markdown-it's table rule accepts, and more
HEADING_ID = re.compile(r"\s*\{#([A-Za-z][\w-]*)\}\s*$")
# Far beyond any table a reader can read, far below what makes a build crawl (~0.1 ms a cell).
MAX_TABLE_COLUMNS = 64
MAX_TABLE_CELLS = 20_000
PROBLEMS = "explainer_problems"  # the parser's env key where rules note (0-based line, message)


class _Parser(MarkdownIt):
    def validateLink(self, url: str) -> bool:
        # Every URL becomes a token, so `_safe_urls` can name an unsafe one at its line
        # (markdown-it's own check drops it silently); `_safe_urls` renders it as text.
        return True


def build_parser(*, dispatch: bool = True) -> MarkdownIt:
    """A new parser; `dispatch=False` keeps markdown-it's own rule chains (for tests)."""
    md = _Parser("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    md.block.ruler.at("table", _bounded_table, {"alt": ["paragraph", "reference"]})
    md.use(footnote_plugin)
    md.core.ruler.after("block", "footnote_labels", _footnote_labels)
    md.core.ruler.after("footnote_tail", "safe_urls", _safe_urls)
    md.use(deflist_plugin)
    md.core.ruler.push("heading_ids", _heading_ids)  # before anchors, which keeps explicit ids
    md.core.ruler.push("figures", _figures)
    md.use(anchors_plugin, min_level=2, max_level=3, permalink=False)
    md.inline.ruler.before("link", "dossier_refs", _dossier_refs)
    md.add_render_rule("wikilink", _render_marker)
    md.add_render_rule("citation", _render_marker)
    md.add_render_rule("image", _render_image)
    if dispatch:
        # With "html" off, the raw-HTML rules refuse everything at their first test (raw
        # HTML is escaped as text): not asking them changes nothing and saves their calls.
        md.disable(["html_block", "html_inline"])
        dispatch_by_first_char(md)
    return md


@cache
def parser() -> MarkdownIt:
    """The parser pages are rendered with (the link checker reads texts with it too)."""
    return build_parser()


def _note(env: MutableMapping[str, Any], line: int, message: str) -> None:
    problems = env.setdefault(PROBLEMS, [])
    if isinstance(problems, list) and (line, message) not in problems:
        problems.append((line, message))


def _bounded_table(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """GFM tables, refused (left as text, with a problem) past the size limits."""
    # The table rule's own first test, made before calling it: it is asked at nearly
    # every line, and a table's second line holds only `|`, `-`, `:` and blanks.
    if start + 1 >= end:
        return False
    second = start + 1
    pos = state.bMarks[second] + state.tShift[second]
    if not DELIMITER_ROW.fullmatch(state.src, pos, state.eMarks[second]):
        return False
    if not table(state, start, end, True):
        return False
    count = _table_columns(state, start)
    rows = _table_rows(state, start, end)
    cells = int(state.env.get("table_cells", 0)) + count * (rows + 1)
    too_wide = count > MAX_TABLE_COLUMNS
    if not too_wide and cells <= MAX_TABLE_CELLS:
        if not silent:
            state.env["table_cells"] = cells
        return table(state, start, end, silent)
    if not silent:
        size = f"{count:,} columns and {rows + 1:,} rows"
        _note(
            state.env,
            start,
            f"table of {size} is larger than a page can show (at most {MAX_TABLE_COLUMNS} "
            f"columns, {MAX_TABLE_CELLS:,} cells in one text): split it, or publish the "
            "data as a file and link to it"
            if too_wide or count * (rows + 1) > MAX_TABLE_CELLS
            else f"table of {size} brings this text's tables past {MAX_TABLE_CELLS:,} cells: "
            "split the text, or publish the data as a file and link to it",
        )
    return False


def _table_columns(state: StateBlock, start: int) -> int:
    """The header's columns, counted as markdown-it counts them (outer pipes optional)."""
    cells = escapedSplit(getLine(state, start).strip())
    if cells and cells[0] == "":
        cells.pop(0)
    if cells and cells[-1] == "":
        cells.pop()
    return len(cells)


def _table_rows(state: StateBlock, start: int, end: int) -> int:
    """How many body rows markdown-it's table rule would read (its own stopping rules)."""
    terminators = state.md.block.ruler.getRules("blockquote")
    line = start + 2
    while line < end and state.sCount[line] >= state.blkIndent:
        if any(rule(state, line, end, True) for rule in terminators):
            break
        if not getLine(state, line).strip() or state.is_code_block(line):
            break
        line += 1
    return line - start - 2


def _footnote_labels(state: StateCore) -> None:
    """A footnote label defined twice: the plugin would keep the second text silently."""
    seen: set[str] = set()
    for token in state.tokens:
        if token.type != "footnote_reference_open" or token.map is None:
            continue
        label = str(token.meta.get("label"))
        if label in seen:
            _note(
                state.env,
                token.map[0],
                f"footnote [^{label}] is defined a second time here, which would replace "
                "the first text; give each note its own label ([^1], [^2], …)",
            )
        seen.add(label)


def _safe_urls(state: StateCore) -> None:
    """Links and images whose URL may not be published: noted, and rendered as text."""
    lines: list[str] = []  # split only when a URL is refused: few texts have one
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        # An inline text (a summary) is one block of all its lines; markdown-it maps it
        # to the first.
        span = None if state.inlineMode else block.map or (0, 1)
        children = block.children
        for index, child in enumerate(children):
            if child.type == "link_open":
                url = str(child.attrGet("href") or "")
                problem = link_problem(url)
            elif child.type == "image":
                url = str(child.attrGet("src") or "")
                problem = image_url_problem(url)
            else:
                continue
            if problem is None:
                continue
            needle = f"{scheme_of(url) or url}".lower()
            lines = lines or state.src.split("\n")
            start, end = span or (0, len(lines))
            line = next((n for n in range(start, end) if needle in lines[n].lower()), start)
            _note(state.env, line, problem)
            if child.type == "image":
                children[index] = _text(child.content)  # its alt text
            else:
                _unlink(children, index)


def _text(content: str) -> Token:
    token = Token("text", "", 0)
    token.content = content
    return token


def _unlink(children: list[Token], index: int) -> None:
    """The link at `index` as its label alone: its open and close become empty text."""
    depth = 0
    for position in range(index, len(children)):
        kind = children[position].type
        depth += kind == "link_open"
        depth -= kind == "link_close"
        if depth == 0:
            children[position] = _text("")
            break
    children[index] = _text("")


def _heading_ids(state: StateCore) -> None:
    """`## Title {#id}`: the id is the writer's, the same in every language."""
    tokens = state.tokens
    for index in range(len(tokens) - 1):
        token, inline = tokens[index], tokens[index + 1]
        if token.type != "heading_open" or not inline.children:
            continue
        last = inline.children[-1]
        match = HEADING_ID.search(last.content) if last.type == "text" else None
        if match:
            token.attrSet("id", match.group(1))
            last.content = last.content[: match.start()]
            inline.content = HEADING_ID.sub("", inline.content)


def _figures(state: StateCore) -> None:
    """A paragraph holding one image and nothing else becomes a <figure>."""
    tokens = state.tokens
    for index in range(1, len(tokens) - 1):
        inline = tokens[index]
        if inline.type != "inline" or tokens[index - 1].type != "paragraph_open":
            continue
        children = [c for c in inline.children or [] if not (c.type == "text" and not c.content)]
        if len(children) == 1 and children[0].type == "image":
            tokens[index - 1].tag = tokens[index + 1].tag = "figure"
            children[0].meta["figure"] = True


def _render_image(self, tokens, idx, options, env) -> str:  # type: ignore[no-untyped-def]
    token = tokens[idx]
    src = str(token.attrGet("src") or "")
    # A local image's URL depends on the page: a marker, filled in by `finish`.
    src_html = f"\x00{token.meta['index']}\x00" if "index" in token.meta else escape(src)
    alt = self.renderInlineAsText(token.children or [], options, env)
    img = f'<img src="{src_html}" alt="{escape(alt)}" loading="lazy">'
    title = str(token.attrGet("title") or "")
    if not token.meta.get("figure") or not title:
        return img if not title else img[:-1] + f' title="{escape(title)}">'
    caption, _, credit = title.partition(" | ")
    credit_html = f' <span class="credit">{escape(credit.strip())}</span>' if credit else ""
    return f"{img}<figcaption>{escape(caption.strip())}{credit_html}</figcaption>"


def _dossier_refs(state: StateInline, silent: bool) -> bool:
    if state.src[state.pos] != "[":
        return False
    wikilink = WIKILINK.match(state.src, state.pos)
    citation = None if wikilink else CITATION.match(state.src, state.pos)
    match = wikilink or citation
    if match is None:
        return False
    if not silent:
        token = state.push("wikilink" if wikilink else "citation", "", 0)
        token.meta = {"slug": match.group(1).strip(), "raw": match.group(0)}
        if wikilink and match.group(2):
            token.meta["label"] = match.group(2).strip()
    state.pos = match.end()
    return True


def _render_marker(self, tokens, idx, options, env) -> str:  # type: ignore[no-untyped-def]
    return f"\x00{tokens[idx].meta['index']}\x00"
