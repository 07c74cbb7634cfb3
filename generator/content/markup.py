"""Markdown → HTML for dossier bodies and summaries, parsed once per build.

A text is compiled once (`compile_markdown`, `compile_inline`) with the parser
of `content.markdown_rules` (raw HTML escaped, unsafe URLs refused, bounded
tables, footnotes, figures, heading ids) into HTML with a marker for each
`[[slug]]` link, `[@slug]` citation and local image, and its problems with
their lines; `finish` fills the markers in per page (the page's language,
its citation numbers, the images' URLs from the page). What writers expect
from Hugo or Zola: tables, footnotes (`[^1]`), definition lists, and images;
an image alone in its paragraph is a figure whose title is its caption, with
an optional credit after ` | `: `![Alt text](images/x.jpg "Caption | Photo:
AFP")`. Image paths are relative to content/ and published at the same
path; `## Metode {#method}` gives a heading an id that survives translation.
`plain_text` and `escape_refs` read the same syntax without parsing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from html import escape

from markdown_it.token import Token

from generator.content import markdown_subset
from generator.content.markdown_rules import CITATION, PROBLEMS, WIKILINK, parser

EXTERNAL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^//")
# A Markdown link `[label](url)`; neither part may hold a bracket, so matching stays linear.
MD_LINK = re.compile(r"\[([^\[\]]*)\]\([^()\[\]]*\)")
MD_IMAGE = re.compile(r"!\[[^\[\]]*\]\([^()\[\]]*\)")


@dataclass(frozen=True)
class Target:
    """What a `[[slug]]` link shows and points to, in the page's language."""

    title: str  # "" when the resolver was told the link has its own label
    url: str


@dataclass
class Citations:
    """Numbers the sources a page cites, in order of first citation."""

    order: list[str] = field(default_factory=list)

    def number(self, slug: str) -> int:
        if slug not in self.order:
            self.order.append(slug)
        return self.order.index(slug) + 1


# The target of `[[slug]]`, or None when there is none; the flag says whether the link
# shows the target's title (`[[slug]]`) or only goes to it (`[[slug|label]]`): a page
# reads, and so depends on, no more of its target than that.
Resolver = Callable[[str, bool], Target | None]
ImageUrl = Callable[[str], str]  # an image path relative to content/ → its URL from the page


@dataclass(frozen=True)
class BodyRef:
    """A link, citation or image a body text names."""

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


def _collect(tokens: list[Token], lines: list[str], inline: bool) -> tuple[BodyRef, ...]:
    """Number every reference and local image in document order (the order they render in).

    An `inline` text is one block of all its lines (markdown-it maps it to the first)."""
    refs: list[BodyRef] = []
    for block in tokens:
        if block.type != "inline" or not block.children:
            continue
        start, end = (0, len(lines)) if inline else block.map or (0, 1)
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
    # Most texts use only Markdown's everyday subset, which renders to the same bytes
    # without markdown-it at a fraction of its cost; any other text is parsed in full.
    fast = markdown_subset.compile_block(text)
    return _from_subset(fast) if fast is not None else compile_with_markdown_it(text)


@lru_cache(maxsize=65536)
def _compile_inline(text: str) -> Compiled:
    if not text.strip():
        return Compiled("", ())
    fast = markdown_subset.compile_inline(text)
    if fast is not None:
        return _from_subset(fast)
    return compile_with_markdown_it(text, inline=True)


def _from_subset(compiled: tuple[str, list[markdown_subset.Ref]]) -> Compiled:
    return Compiled(compiled[0], tuple(BodyRef(*ref) for ref in compiled[1]))


def compile_with_markdown_it(text: str, *, inline: bool = False) -> Compiled:
    """A text parsed by markdown-it, whatever it holds (the subset's reference)."""
    md = parser()
    env: dict[str, object] = {}  # the footnotes plugin keeps its notes here from parse to render
    tokens = md.parseInline(text, env) if inline else md.parse(text, env)
    refs = _collect(tokens, text.split("\n"), inline=inline)
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
        target = resolve(ref.slug, ref.label is None)
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


def _compiled(text: str, inline: bool) -> Compiled:
    return compile_inline(text) if inline else compile_markdown(text)


def extract_refs(text: str, *, inline: bool = False) -> list[BodyRef]:
    """Every `[[slug]]` and `[@slug]` in the text, with its line (0-based); `inline` for a
    text rendered as one paragraph (a summary), read as it is rendered."""
    if "[" not in text:
        return []
    return [ref for ref in _compiled(text, inline).refs if ref.kind != "image"]


def text_problems(text: str, *, inline: bool = False) -> tuple[tuple[int, str], ...]:
    """What a body or summary must fix before it is published, as (0-based line, message)."""
    if not any(mark in text for mark in ("](", "]:", "<", "|", "[^")):
        return ()
    return _compiled(text, inline).problems


def extract_images(text: str, *, inline: bool = False) -> list[tuple[str, int]]:
    """Every local image in the text as (src, 0-based line)."""
    if "![" not in text:
        return []
    return [(ref.slug, ref.line) for ref in _compiled(text, inline).refs if ref.kind == "image"]


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
