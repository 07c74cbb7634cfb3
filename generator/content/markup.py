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
from functools import cache
from html import escape

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from mdit_py_plugins.anchors import anchors_plugin

WIKILINK = re.compile(r"\[\[([^\[\]|\n]+?)(?:\|([^\[\]\n]+))?\]\]")
CITATION = re.compile(r"\[@([^\[\]\s]+)\]")
# A Markdown link `[label](url)`; neither part may hold a bracket, so matching stays linear.
MD_LINK = re.compile(r"\[([^\[\]]*)\]\([^()\[\]]*\)")


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


@cache
def _markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.use(anchors_plugin, min_level=2, max_level=3, permalink=False)
    md.inline.ruler.before("link", "dossier_refs", _dossier_refs)
    md.add_render_rule("wikilink", _render_wikilink)
    md.add_render_rule("citation", _render_citation)
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


def _render_wikilink(self, tokens, idx, options, env) -> str:  # type: ignore[no-untyped-def]
    meta = tokens[idx].meta
    target = env["resolve"](meta["slug"]) if "resolve" in env else None
    if target is None:
        return f'<span class="broken-ref">{escape(meta.get("label") or meta["slug"])}</span>'
    label = meta.get("label") or target.title
    return f'<a href="{escape(target.url)}">{escape(label)}</a>'


def _render_citation(self, tokens, idx, options, env) -> str:  # type: ignore[no-untyped-def]
    slug = tokens[idx].meta["slug"]
    if "citations" not in env:
        return ""
    number = env["citations"].number(slug)
    return f'<sup class="cite"><a href="#cite-{number}">[{number}]</a></sup>'


def render_markdown(text: str, resolve: Resolver, citations: Citations) -> str:
    """Render a body or summary to HTML, numbering citations into `citations`."""
    if not text.strip():
        return ""
    return _markdown().render(text, {"resolve": resolve, "citations": citations})


def render_inline(text: str, resolve: Resolver, citations: Citations) -> str:
    """Render one paragraph of text without the surrounding <p>."""
    if not text.strip():
        return ""
    return _markdown().renderInline(text, {"resolve": resolve, "citations": citations})


def extract_refs(text: str) -> list[BodyRef]:
    """Every `[[slug]]` and `[@slug]` in the text, with its line (0-based)."""
    if "[" not in text:
        return []
    lines = text.split("\n")
    refs: list[BodyRef] = []
    for block in _markdown().parse(text):
        if block.type != "inline" or not block.children or block.map is None:
            continue
        start, end = block.map
        for child in block.children:
            if child.type not in ("wikilink", "citation"):
                continue
            raw = child.meta["raw"]
            line = next((n for n in range(start, end) if raw in lines[n]), start)
            kind = "link" if child.type == "wikilink" else "cite"
            refs.append(BodyRef(kind, child.meta["slug"], line))
    return refs


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
    text = MD_LINK.sub(r"\1", text)
    text = re.sub(r"[*_`#>]+", "", text)
    return re.sub(r"\s+", " ", text).strip()
