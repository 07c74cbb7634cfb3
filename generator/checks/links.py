"""Checking plain Markdown links in dossier text against the rendered site.

`[[slug]]` links are references and are resolved by `generator.graph.build_graph`; this
module checks the other kind, `[text](/en/actors/taliban/#timeline)` or
`[text](../russia/)`, which Hugo and Zola leave unchecked: the path must be a
page (or static file) of the site and the `#anchor` an id on that page. Links
are found with the parser the site renders with (so a footnote `[^1]: Text.`
is a footnote, not a link definition), and located at their file, line and
column.
"""

from __future__ import annotations

import difflib
import posixpath
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from generator.content.markdown_rules import CITATION, WIKILINK, parser
from generator.content.model import Dossier, Model, Version
from generator.errors import Problem
from generator.site.urls import Urls

DESTINATION = re.compile(r"\]\(\s*<?([^)\s>]*)")
HTML_ID = re.compile(r"""\sid=["']([^"']+)["']""")
QUOTES = ("'", '"')
QUOTE = re.compile("[\"']")


@dataclass(frozen=True)
class TextLink:
    """A link in a text, where it is."""

    href: str
    line: int  # file line
    column: int | None


def text_links(text: str, first_line: int) -> Iterator[TextLink]:
    """Every Markdown link in `text`, whose first line is file line `first_line`."""
    if "](" not in text and "]:" not in text:
        return
    # Blank out [[…]] and [@…] (same length, so columns stay right).
    blanked = WIKILINK.sub(lambda m: " " * len(m.group(0)), text)
    blanked = CITATION.sub(lambda m: " " * len(m.group(0)), blanked)
    lines = blanked.split("\n")
    md = parser()
    for block in md.parse(blanked):
        if block.type != "inline" or not block.children or block.map is None:
            continue
        start, end = block.map
        raw = [
            (n, m.start(1), m.group(1))
            for n in range(start, end)
            for m in DESTINATION.finditer(lines[n])
        ]
        for child in block.children:
            if child.type != "link_open":
                continue
            href = str(child.attrGet("href") or "")
            found = next((r for r in raw if md.normalizeLink(r[2]) == href), None)
            if found is not None:
                raw.remove(found)
                yield TextLink(href, first_line + found[0], found[1] + 1)
            else:
                yield TextLink(href, first_line + start, None)


def site_path_of(href: str, page: str) -> tuple[str, str] | None:
    """(site path, anchor) an internal link points to from `page`; None if external."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith("//"):
        return None
    path = unquote(parts.path)
    if not path:
        return page, unquote(parts.fragment)
    if not path.startswith("/"):
        base = page if page.endswith("/") else posixpath.dirname(page) + "/"
        trailing = path.endswith("/") or path in (".", "..")
        path = posixpath.normpath(posixpath.join(base, path))
        if trailing and not path.endswith("/"):
            path += "/"
    return path, unquote(parts.fragment)


def page_ids(html: bytes | str) -> frozenset[str]:
    """The ids on a rendered page: what `HTML_ID.findall` finds, found faster.

    The regex tries every character of the page (it begins with a class, `\\s`),
    about a tenth of a page's render time; `str.find` jumps from one `id=` to
    the next, and each is held to the same pattern: whitespace before, a quote
    after, at least one character up to the next quote of either kind.
    """
    text = html if isinstance(html, str) else html.decode("utf-8", "replace")
    ids = set()
    at = text.find("id=", 1)
    while at > 0:
        end = at + 3
        if text[at - 1].isspace() and text[end : end + 1] in QUOTES:
            match = QUOTE.search(text, end + 1)
            if match is not None and match.start() > end + 1:
                ids.add(text[end + 1 : match.start()])
                end = match.end()
        at = text.find("id=", end)
    return frozenset(ids)


def check_links(
    model: Model, known_paths: frozenset[str], ids: Mapping[str, frozenset[str]]
) -> list[Problem]:
    """A problem for every internal Markdown link to a missing page or anchor.

    `known_paths` are the site's paths (`/en/actors/taliban/`, `/static/style.css`);
    `ids` maps a site path to the ids on its rendered page, when it was rendered.
    """
    urls = Urls(model.config)
    problems: list[Problem] = []
    for dossier in model.dossiers.values():
        # Finding a text's links parses it: its links stay with the dossier (see
        # `Dossier.derive`), so a rebuild finds the links of the dossiers that changed only.
        for lang, path, links in dossier.derive(TEXT_LINKS, _dossier_links):
            page = urls.dossier(lang, dossier)
            for link in links:
                problem = _check_one(link, page, path, known_paths, ids)
                if problem is not None:
                    problems.append(problem)
    return problems


TEXT_LINKS = "text links"  # the key of a dossier's links (`_dossier_links`) in `derive`


def _dossier_links(dossier: Dossier) -> tuple[tuple[str, str, tuple[TextLink, ...]], ...]:
    """(language, file, its links) of each published version that has Markdown links: a
    function of the dossier's texts alone."""
    found = []
    for lang, version in dossier.versions.items():
        if version.is_placeholder:
            continue
        links = tuple(_version_links(version))
        if links:
            found.append((lang, version.path, links))
    return tuple(found)


def _version_links(version: Version) -> Iterator[TextLink]:
    if version.summary and version.summary_line:
        yield from text_links(version.summary, version.summary_line)
    yield from text_links(version.body, version.body_line)


def _check_one(
    link: TextLink,
    page: str,
    path: str,
    known: frozenset[str],
    ids: Mapping[str, frozenset[str]],
) -> Problem | None:
    target = site_path_of(link.href, page)
    if target is None:
        return None
    site_path, anchor = target
    resolved = _resolve(site_path, known)
    if resolved is None:
        message = f"broken link '{link.href}': the site has no page at {site_path}"
        close = difflib.get_close_matches(site_path, sorted(known), n=2, cutoff=0.7)
        if close:
            message += "; did you mean " + " or ".join(f"'{c}'" for c in close) + "?"
        return Problem(path, link.line, message, column=link.column)
    if anchor and resolved in ids and anchor not in ids[resolved]:
        message = (
            f"broken anchor '#{anchor}' in '{link.href}': {resolved} has no element with that id"
        )
        close = difflib.get_close_matches(anchor, sorted(ids[resolved]), n=2, cutoff=0.6)
        if close:
            message += "; did you mean " + " or ".join(f"'#{c}'" for c in close) + "?"
        return Problem(path, link.line, message, column=link.column)
    return None


def _resolve(site_path: str, known: frozenset[str]) -> str | None:
    candidates = [site_path]
    if site_path.endswith("/index.html"):
        candidates.append(site_path.removesuffix("index.html"))
    if not site_path.endswith("/"):
        candidates.append(site_path + "/")
    return next((c for c in candidates if c in known), None)


def output_to_site_path(output: str) -> str:
    """`en/actors/taliban/index.html` → `/en/actors/taliban/`."""
    if output == "index.html" or output.endswith("/index.html"):
        return "/" + output.removesuffix("index.html")
    return "/" + output
