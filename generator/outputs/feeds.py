"""Atom feeds, one per language: the sources and the timeline events, newest first.

A feed holds the newest `feed_limit` entries (site.yaml; 100 by default).

A pure function of the graph: every id is the absolute URL of the entry's
page (an event's is its anchor on its relationship page), and every
`updated` comes from the content's own dates — never from the clock — so a
rebuild of the same content gives the same bytes. A partial date stands for
its first day (`2015-12` → 2015-12-01T00:00:00Z, `2003` → 2003-01-01), as in
the sitemap. Undated sources and events cannot be placed in a feed and are
left out. An event's entry carries two categories: its link type, and its
category (stance or tie kind) with the label every page gives it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial
from typing import Any

from generator.content.markdown_rules import WIKILINK
from generator.content.markup import plain_text
from generator.content.model import Dossier, RelationshipData, SourceData, TimelineEvent
from generator.graph.build_graph import Graph
from generator.graph.dates import first_day, last_updated
from generator.outputs.xmlsafe import attr as quoteattr
from generator.outputs.xmlsafe import text as escape
from generator.site.urls import Urls, event_anchor, output_file

ATOM = "http://www.w3.org/2005/Atom"
DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?\Z")


@dataclass(frozen=True)
class Entry:
    """One entry of a feed."""

    id: str
    updated: str
    title: str
    url: str
    summary: str
    category: str  # "source" or the link type
    # An event's category (stance or tie kind) and its label, as every view names it
    kind: tuple[str, str] | None = None


def atom_feeds(graph: Graph) -> dict[str, bytes]:
    """Every feed of the site: output path → Atom XML."""
    urls = Urls(graph.model.config)
    return {
        output_file(urls.feed(lang)): atom_feed(graph, lang)
        for lang in graph.model.config.language_codes
    }


def atom_feed(graph: Graph, lang: str) -> bytes:
    config = graph.model.config
    urls = Urls(config)
    entries = feed_entries(graph, lang, config.feed_limit)
    home = urls.absolute(urls.home(lang))
    self_url = urls.absolute(urls.feed(lang))
    updated = entries[0].updated if entries else "1970-01-01T00:00:00Z"
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="{ATOM}" xml:lang="{lang}">',
        f"  <title>{escape(config.title[lang])}</title>",
        f"  <subtitle>{escape(config.description[lang])}</subtitle>",
        f"  <id>{escape(home)}</id>",
        f'  <link rel="self" type="application/atom+xml" href={quoteattr(self_url)}/>',
        f'  <link rel="alternate" type="text/html" href={quoteattr(home)}/>',
        f"  <updated>{updated}</updated>",
        f"  <author><name>{escape(config.title[lang])}</name></author>",
    ]
    for entry in entries:
        out += [
            "  <entry>",
            f"    <id>{escape(entry.id)}</id>",
            f"    <title>{escape(entry.title)}</title>",
            f"    <updated>{entry.updated}</updated>",
            f'    <link rel="alternate" type="text/html" href={quoteattr(entry.url)}/>',
            f"    <category term={quoteattr(entry.category)}/>",
        ]
        if entry.kind:
            term, label = entry.kind
            out.append(f"    <category term={quoteattr(term)} label={quoteattr(label)}/>")
        if entry.summary:
            out.append(f"    <summary>{escape(entry.summary)}</summary>")
        out.append("  </entry>")
    out.append("</feed>")
    return ("\n".join(out) + "\n").encode("utf-8")


def feed_entries(graph: Graph, lang: str, limit: int | None = None) -> list[Entry]:
    """The feed's entries, newest first: sources and timeline events, at most `limit`.

    Every candidate is dated and sorted first; only those kept are written out
    (titles, plain-text summaries), so a large site's feed costs its entries,
    not its dossiers.
    """
    model = graph.model
    urls = Urls(model.config)
    strings = model.config.strings[lang]
    found: list[tuple[str, str, Callable[[], Entry]]] = []  # (updated, id, entry)
    for dossier in model.in_section("sources"):
        # A source's entry is dated by its "last updated" (its `updated:`, else its date).
        when = timestamp(last_updated(model, dossier))
        if not isinstance(dossier.data, SourceData) or not when:
            continue
        url = urls.absolute(urls.dossier(lang, dossier))
        found.append((when, url, partial(_source_entry, graph, dossier, lang, url, when)))
    for dossier in model.in_section("relationships"):
        data = dossier.data
        if not isinstance(data, RelationshipData):
            continue
        page = urls.absolute(urls.dossier(lang, dossier))
        for index, event in enumerate(data.timeline):
            when = timestamp(event.date)
            if when:
                url = f"{page}#{event_anchor(dossier.slug, index)}"
                make = partial(_event_entry, graph, dossier, event, strings, lang, url, when)
                found.append((when, url, make))
    found.sort(key=lambda candidate: candidate[:2], reverse=True)
    return [make() for _, _, make in found[:limit]]


def _source_entry(graph: Graph, dossier: Dossier, lang: str, url: str, when: str) -> Entry:
    title, summary = _text(graph, dossier, lang)
    return Entry(url, when, title, url, summary, "source")


def _event_entry(
    graph: Graph,
    dossier: Dossier,
    event: TimelineEvent,
    strings: Mapping[str, Any],
    lang: str,
    url: str,
    when: str,
) -> Entry:
    rel_title, _ = _text(graph, dossier, lang)
    text = _local(event.text, lang, graph.model.config.language_codes)
    title = f"{rel_title}: {strings['link_types'].get(event.type, event.type)}"
    kind = (event.category, str(strings["categories"].get(event.category, event.category)))
    return Entry(url, when, title, url, _plain(graph, text, lang), event.type, kind)


def timestamp(date: str | None) -> str:
    """'2015-10' → '2015-10-01T00:00:00Z'; '' for no or unreadable date."""
    if not DATE.match(date or ""):
        return ""
    return f"{first_day(str(date))}T00:00:00Z"


def title_in(dossier: Dossier, lang: str, languages: tuple[str, ...]) -> tuple[str, str]:
    """The dossier's (title, summary) in `lang`, or in the first language that has it."""
    for code in (lang, *languages):
        version = dossier.published_version(code)
        if version is not None:
            return version.title, version.summary
    version = next(iter(dossier.versions.values()))
    return version.title, version.summary


def _text(graph: Graph, dossier: Dossier, lang: str) -> tuple[str, str]:
    title, summary = title_in(dossier, lang, graph.model.config.language_codes)
    return title, _plain(graph, summary, lang)


def _plain(graph: Graph, text: str, lang: str) -> str:
    """Plain text, with `[[slug]]` links shown as their target's title."""
    languages = graph.model.config.language_codes

    def label(match: re.Match[str]) -> str:
        target = graph.model.dossiers.get(match.group(1).strip())
        if match.group(2) or target is None:
            return match.group(2) or match.group(1)
        return title_in(target, lang, languages)[0]

    return plain_text(WIKILINK.sub(label, text))


def _local(text: object, lang: str, languages: tuple[str, ...]) -> str:
    if isinstance(text, Mapping):
        for code in (lang, *languages):
            value = text.get(code)
            if value:
                return str(value)
    return ""
