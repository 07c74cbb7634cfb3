"""Markdown → HTML for dossier bodies and summaries.

markdown-it-py with raw HTML disabled (it is escaped, never passed through)
and its default link validation (which refuses `javascript:`, `vbscript:`,
`file:` and non-image `data:` URLs). Two inline extensions:
`[[slug]]` / `[[slug|label]]` link to another dossier, and `[@slug]` cites a
source as a numbered note. Headings get stable ids from mdit-py-plugins'
anchors plugin, so they can be linked and checked.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from html import escape

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from mdit_py_plugins.anchors import anchors_plugin

WIKILINK = re.compile(r"\[\[([^\[\]|\n]+?)(?:\|([^\[\]\n]+))?\]\]")
CITATION = re.compile(r"\[@([^\[\]\s]+)\]")


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


@dataclass(frozen=True)
class BodyRef:
    kind: str  # "link" or "cite"
    slug: str
    line: int  # 0-based line within the text
    label: str | None = None  # a link's own label: [[slug|label]]


@dataclass(frozen=True)
class Compiled:
    """A text parsed once: its references, and its HTML with a marker where each one goes.

    The markers (`\x00<n>\x00`; Markdown input never yields a NUL) are filled in
    per page by `finish`, which knows the page's language and numbers its
    citations. So a body is parsed once per build however many pages show it.
    """

    html: str
    refs: tuple[BodyRef, ...]


MARKER = re.compile("\x00(\\d+)\x00")


@cache
def _markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.use(anchors_plugin, min_level=2, max_level=3, permalink=False)
    md.inline.ruler.before("link", "dossier_refs", _dossier_refs)
    md.add_render_rule("wikilink", _render_marker)
    md.add_render_rule("citation", _render_marker)
    return md


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
    """Number every reference token in document order (the order they render in)."""
    refs: list[BodyRef] = []
    for block in tokens:
        if block.type != "inline" or not block.children:
            continue
        start, end = block.map if block.map is not None else (0, 1)
        for child in block.children:
            if child.type not in ("wikilink", "citation"):
                continue
            raw = child.meta["raw"]
            line = next((n for n in range(start, end) if raw in lines[n]), start)
            kind = "link" if child.type == "wikilink" else "cite"
            child.meta["index"] = len(refs)
            refs.append(BodyRef(kind, child.meta["slug"], line, child.meta.get("label")))
    return tuple(refs)


@lru_cache(maxsize=65536)
def compile_markdown(text: str) -> Compiled:
    """Parse a body or summary once: its references and its HTML with markers."""
    if not text.strip():
        return Compiled("", ())
    md = _markdown()
    tokens = md.parse(text)
    refs = _collect(tokens, text.split("\n"))
    return Compiled(md.renderer.render(tokens, md.options, {}), refs)


@lru_cache(maxsize=65536)
def compile_inline(text: str) -> Compiled:
    """Like `compile_markdown`, for one paragraph rendered without its <p>."""
    if not text.strip():
        return Compiled("", ())
    md = _markdown()
    tokens = md.parseInline(text)
    refs = _collect(tokens, text.split("\n"))
    return Compiled(md.renderer.render(tokens, md.options, {}), refs)


def finish(compiled: Compiled, resolve: Resolver, citations: Citations) -> str:
    """The compiled HTML with each reference resolved for this page."""
    if not compiled.refs:
        return compiled.html

    def fill(match: re.Match[str]) -> str:
        ref = compiled.refs[int(match.group(1))]
        if ref.kind == "cite":
            number = citations.number(ref.slug)
            return f'<sup class="cite"><a href="#cite-{number}">[{number}]</a></sup>'
        target = resolve(ref.slug)
        if target is None:
            return f'<span class="broken-ref">{escape(ref.label or ref.slug)}</span>'
        return f'<a href="{escape(target.url)}">{escape(ref.label or target.title)}</a>'

    return MARKER.sub(fill, compiled.html)


def render_markdown(text: str, resolve: Resolver, citations: Citations) -> str:
    """Render a body or summary to HTML, numbering citations into `citations`."""
    return finish(compile_markdown(text), resolve, citations)


def render_inline(text: str, resolve: Resolver, citations: Citations) -> str:
    """Render one paragraph of text without the surrounding <p>."""
    return finish(compile_inline(text), resolve, citations)


def extract_refs(text: str) -> list[BodyRef]:
    """Every `[[slug]]` and `[@slug]` in the text, with its line (0-based)."""
    if "[" not in text:
        return []
    return list(compile_markdown(text).refs)


def plain_text(text: str) -> str:
    """Text without Markdown and reference syntax, for meta descriptions and feeds."""
    text = WIKILINK.sub(lambda m: m.group(2) or m.group(1), text)
    text = CITATION.sub("", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"[*_`#>]+", "", text)
    return re.sub(r"\s+", " ", text).strip()
