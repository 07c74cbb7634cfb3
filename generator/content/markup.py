"""Markdown → HTML for dossier bodies and summaries.

markdown-it-py with raw HTML disabled (it is escaped, never passed through).
Every link and image becomes a token, and a link whose scheme is not http(s),
mailto or none, or an image's that is not http(s) or none (`content.schemes`),
is rendered as its text and named with its line in `Compiled.problems`; so are
a footnote label defined twice (the second would silently replace the first)
and a table too large to be read (more than MAX_TABLE_COLUMNS columns, or
MAX_TABLE_CELLS cells in one text: a 5,000-column table took 28 s to parse).
What writers expect from Hugo or Zola: tables, footnotes (`[^1]`), definition
lists, and images; an image alone in its paragraph is a figure whose title
is its caption, with an optional credit after ` | `:
`![Alt text](images/x.jpg "Caption | Photo: AFP")`. Image paths are relative
to content/ and published at the same path. Two inline extensions:
`[[slug]]` / `[[slug|label]]` link to another dossier, and `[@slug]` cites a
source as a numbered note. Headings get stable ids from mdit-py-plugins'
anchors plugin; `## Metode {#method}` gives one explicitly, so a link to
`#method` survives translation.
"""

from __future__ import annotations

import re
from collections.abc import Callable, MutableMapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
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

from generator.content.schemes import image_url_problem, link_problem, scheme_of

WIKILINK = re.compile(r"\[\[([^\[\]|\n]+?)(?:\|([^\[\]\n]+))?\]\]")
CITATION = re.compile(r"\[@([^\[\]\s]+)\]")
HEADING_ID = re.compile(r"\s*\{#([A-Za-z][\w-]*)\}\s*$")
EXTERNAL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^//")
# A Markdown link `[label](url)`; neither part may hold a bracket, so matching stays linear.
MD_LINK = re.compile(r"\[([^\[\]]*)\]\([^()\[\]]*\)")
MD_IMAGE = re.compile(r"!\[[^\[\]]*\]\([^()\[\]]*\)")
# Far beyond any table a reader can read, far below what makes a build crawl (~0.1 ms a cell).
MAX_TABLE_COLUMNS = 64
MAX_TABLE_CELLS = 20_000
PROBLEMS = "explainer_problems"  # the parser's env key where rules note (0-based line, message)


@dataclass(frozen=True)
class Target:
    """What a `[[slug]]` link shows and points to, in the page's language."""

    title: str
    url: str


@dataclass
class Citations:
    """Numbers the sources a page cites, in order of first citation."""

    order: list[str] = field(default_factory=list)

    def number(self, slug: str) -> int:
        if slug not in self.order:
            self.order.append(slug)
        return self.order.index(slug) + 1


Resolver = Callable[[str], Target | None]
ImageUrl = Callable[[str], str]  # an image path relative to content/ → its URL from the page


@dataclass(frozen=True)
class BodyRef:
    kind: str  # "link", "cite", or "image" (a local image; `slug` is its path)
    slug: str
    line: int  # 0-based line within the text
    label: str | None = None  # a link's own label: [[slug|label]]


@dataclass(frozen=True)
class Compiled:
    """A text parsed once: its references, and its HTML with a marker where each one goes.

    The markers (`\\x00<n>\\x00`; Markdown input never yields a NUL) are filled in
    per page by `finish`, which knows the page's language, numbers its
    citations and places its images. So a body is parsed once per build
    however many pages show it.
    """

    html: str
    refs: tuple[BodyRef, ...]
    problems: tuple[tuple[int, str], ...] = ()  # (0-based line, message): what to fix


MARKER = re.compile("\x00(\\d+)\x00")


class _Parser(MarkdownIt):
    def validateLink(self, url: str) -> bool:
        # Every URL becomes a token, so `_safe_urls` can name an unsafe one at its line
        # (markdown-it's own check drops it silently); `_safe_urls` renders it as text.
        return True


@cache
def _markdown() -> MarkdownIt:
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
    return md


def parser() -> MarkdownIt:
    """The parser pages are rendered with (the link checker reads texts with it too)."""
    return _markdown()


def _note(env: MutableMapping[str, Any], line: int, message: str) -> None:
    problems = env.setdefault(PROBLEMS, [])
    if isinstance(problems, list) and (line, message) not in problems:
        problems.append((line, message))


def _bounded_table(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """GFM tables, refused (left as text, with a problem) past the size limits."""
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
    lines = state.src.split("\n")
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        start, end = block.map if block.map is not None else (0, 1)
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
    for index, token in enumerate(state.tokens[:-1]):
        inline = state.tokens[index + 1]
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
        children = [c for c in inline.children or [] if not (c.type == "text" and not c.content)]
        if (
            tokens[index - 1].type == "paragraph_open"
            and inline.type == "inline"
            and len(children) == 1
            and children[0].type == "image"
        ):
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


def _collect(tokens: list[Token], lines: list[str]) -> tuple[BodyRef, ...]:
    """Number every reference and local image in document order (the order they render in)."""
    refs: list[BodyRef] = []
    for block in tokens:
        if block.type != "inline" or not block.children:
            continue
        start, end = block.map if block.map is not None else (0, 1)
        for child in block.children:
            if child.type == "image":
                src = str(child.attrGet("src") or "")
                if EXTERNAL.match(src):
                    continue
                raw = src.split("/")[-1]
                kind, slug, label = "image", src, None
            elif child.type in ("wikilink", "citation"):
                raw = child.meta["raw"]
                kind = "link" if child.type == "wikilink" else "cite"
                slug, label = child.meta["slug"], child.meta.get("label")
            else:
                continue
            line = next((n for n in range(start, end) if raw in lines[n]), start)
            child.meta["index"] = len(refs)
            refs.append(BodyRef(kind, slug, line, label))
    return tuple(refs)


# Texts compiled elsewhere (in a worker process at load, or by an earlier build,
# from the build cache), so rendering them here parses nothing. A memo of a pure
# function, like the lru_caches below: it can only save work, never change output.
_KNOWN_LIMIT = 65536
_known: dict[tuple[bool, str], Compiled] = {}


def remember(inline: bool, text: str, compiled: Compiled) -> None:
    """Make `compiled` the answer of `compile_inline(text)` (or `compile_markdown`)."""
    if len(_known) >= _KNOWN_LIMIT:
        _known.clear()
    _known[(inline, text)] = compiled


def compile_markdown(text: str) -> Compiled:
    """Parse a body or summary once: its references and its HTML with markers."""
    return _known.get((False, text)) or _compile_markdown(text)


def compile_inline(text: str) -> Compiled:
    """Like `compile_markdown`, for one paragraph rendered without its <p>."""
    return _known.get((True, text)) or _compile_inline(text)


@lru_cache(maxsize=65536)
def _compile_markdown(text: str) -> Compiled:
    if not text.strip():
        return Compiled("", ())
    md = _markdown()
    env: dict[str, object] = {}  # the footnotes plugin keeps its notes here from parse to render
    tokens = md.parse(text, env)
    refs = _collect(tokens, text.split("\n"))
    return Compiled(md.renderer.render(tokens, md.options, env), refs, _problems(env))


@lru_cache(maxsize=65536)
def _compile_inline(text: str) -> Compiled:
    if not text.strip():
        return Compiled("", ())
    md = _markdown()
    env: dict[str, object] = {}
    tokens = md.parseInline(text, env)
    refs = _collect(tokens, text.split("\n"))
    return Compiled(md.renderer.render(tokens, md.options, env), refs, _problems(env))


def _problems(env: dict[str, object]) -> tuple[tuple[int, str], ...]:
    found = env.get(PROBLEMS)
    return tuple(sorted(found)) if isinstance(found, list) else ()


def finish(
    compiled: Compiled, resolve: Resolver, citations: Citations, image: ImageUrl | None = None
) -> str:
    """The compiled HTML with each reference resolved and each image placed for this page."""
    if not compiled.refs:
        return compiled.html

    def fill(match: re.Match[str]) -> str:
        ref = compiled.refs[int(match.group(1))]
        if ref.kind == "image":
            return escape(image(ref.slug) if image is not None else ref.slug)
        if ref.kind == "cite":
            number = citations.number(ref.slug)
            return f'<sup class="cite"><a href="#cite-{number}">[{number}]</a></sup>'
        target = resolve(ref.slug)
        if target is None:
            return f'<span class="broken-ref">{escape(ref.label or ref.slug)}</span>'
        return f'<a href="{escape(target.url)}">{escape(ref.label or target.title)}</a>'

    return MARKER.sub(fill, compiled.html)


def render_markdown(
    text: str, resolve: Resolver, citations: Citations, image: ImageUrl | None = None
) -> str:
    """Render a body or summary to HTML, numbering citations into `citations`."""
    return finish(compile_markdown(text), resolve, citations, image)


def render_inline(
    text: str, resolve: Resolver, citations: Citations, image: ImageUrl | None = None
) -> str:
    """Render one paragraph of text without the surrounding <p>."""
    return finish(compile_inline(text), resolve, citations, image)


def extract_refs(text: str) -> list[BodyRef]:
    """Every `[[slug]]` and `[@slug]` in the text, with its line (0-based)."""
    if "[" not in text:
        return []
    return [ref for ref in compile_markdown(text).refs if ref.kind != "image"]


def text_problems(text: str) -> tuple[tuple[int, str], ...]:
    """What a body or summary must fix before it is published, as (0-based line, message)."""
    if not any(mark in text for mark in ("](", "]:", "<", "|", "[^")):
        return ()
    return compile_markdown(text).problems


def extract_images(text: str) -> list[tuple[str, int]]:
    """Every local image in the text as (src, 0-based line)."""
    if "![" not in text:
        return []
    return [(ref.slug, ref.line) for ref in compile_markdown(text).refs if ref.kind == "image"]


def escape_refs(text: str) -> str:
    """Text with every `[[` and `[@` backslash-escaped, so it shows as written.

    For text that comes from outside (an ingested article): it must never
    become a dossier link or a citation of the site.
    """
    return _REF_OPENING.sub(r"\\[", text)


# A `[` that opens `[[` or `[@`, or is the second `[` of `[[`.
_REF_OPENING = re.compile(r"(?<!\\)\[(?=[\[@])|(?<=\[)\[")


def plain_text(text: str) -> str:
    """Text without Markdown and reference syntax, for meta descriptions and feeds.

    Linear in the length of the text: every pattern's repeated part stops at the
    next bracket, so no match can rescan the text from each `[` (a summary full
    of `[` once took minutes).
    """
    text = WIKILINK.sub(lambda m: m.group(2) or m.group(1), text)
    text = CITATION.sub("", text)
    text = MD_IMAGE.sub("", text)
    text = MD_LINK.sub(r"\1", text)
    text = re.sub(r"[*_`#>]+", "", text)
    return re.sub(r"\s+", " ", text).strip()
