"""Markdown → HTML for dossier bodies and summaries.

markdown-it-py with raw HTML disabled (it is escaped, never passed through)
and its default link validation (which refuses `javascript:`, `vbscript:`,
`file:` and non-image `data:` URLs, for links and images alike). What
writers expect from Hugo or Zola: tables, footnotes (`[^1]`), definition
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
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from html import escape

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.footnote import footnote_plugin

WIKILINK = re.compile(r"\[\[([^\[\]|\n]+?)(?:\|([^\[\]\n]+))?\]\]")
CITATION = re.compile(r"\[@([^\[\]\s]+)\]")
HEADING_ID = re.compile(r"\s*\{#([A-Za-z][\w-]*)\}\s*$")
EXTERNAL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^//")


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
    kind: str  # "link" or "cite"
    slug: str
    line: int  # 0-based line within the text


@cache
def _markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    md.use(footnote_plugin)
    md.use(deflist_plugin)
    md.core.ruler.push("heading_ids", _heading_ids)  # before anchors, which keeps explicit ids
    md.core.ruler.push("figures", _figures)
    md.use(anchors_plugin, min_level=2, max_level=3, permalink=False)
    md.inline.ruler.before("link", "dossier_refs", _dossier_refs)
    md.add_render_rule("wikilink", _render_wikilink)
    md.add_render_rule("citation", _render_citation)
    md.add_render_rule("image", _render_image)
    return md


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
    if "image" in env and not EXTERNAL.match(src):
        src = env["image"](src)
    alt = self.renderInlineAsText(token.children or [], options, env)
    img = f'<img src="{escape(src)}" alt="{escape(alt)}" loading="lazy">'
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


def render_markdown(
    text: str, resolve: Resolver, citations: Citations, image: ImageUrl | None = None
) -> str:
    """Render a body or summary to HTML, numbering citations into `citations`."""
    if not text.strip():
        return ""
    env: dict[str, object] = {"resolve": resolve, "citations": citations}
    if image is not None:
        env["image"] = image
    return _markdown().render(text, env)


def render_inline(
    text: str, resolve: Resolver, citations: Citations, image: ImageUrl | None = None
) -> str:
    """Render one paragraph of text without the surrounding <p>."""
    if not text.strip():
        return ""
    env: dict[str, object] = {"resolve": resolve, "citations": citations}
    if image is not None:
        env["image"] = image
    return _markdown().renderInline(text, env)


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


def local_image(src: str) -> str | None:
    """The content/-relative path of a local image, or None for an external URL."""
    if EXTERNAL.match(src):
        return None
    return src.lstrip("/")


def extract_images(text: str) -> list[tuple[str, int]]:
    """Every image in the text as (src, 0-based line)."""
    if "![" not in text:
        return []
    lines = text.split("\n")
    out: list[tuple[str, int]] = []
    for block in _markdown().parse(text):
        if block.type != "inline" or not block.children or block.map is None:
            continue
        start, end = block.map
        for child in block.children:
            if child.type == "image":
                src = str(child.attrGet("src") or "")
                raw = src.split("/")[-1]
                line = next((n for n in range(start, end) if raw in lines[n]), start)
                out.append((src, line))
    return out


def plain_text(text: str) -> str:
    """Text without Markdown and reference syntax, for meta descriptions and feeds."""
    text = WIKILINK.sub(lambda m: m.group(2) or m.group(1), text)
    text = CITATION.sub("", text)
    text = re.sub(r"!\[([^\]]*)\]\([^)]*\)", "", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"[*_`#>]+", "", text)
    return re.sub(r"\s+", " ", text).strip()
