"""The site's data as tables: actors, relationships, events, quotes and sources.

One row per item, with stable slugs (an event's id is its anchor on its
relationship page), each language's title or text in a column of its own,
and the URL of the item's page in each language. `outputs.opendata` writes
the tables as CSV, one JSON document (with its JSON Schema) and a network
file; the Data page (`fill_data`) lists those files. `TABLES` declares the
columns once: the CSV headers, the JSON Schema and the page all read it.

A row says what the content says and no more: a missing translation is an
empty cell, not the other language's text; a relationship's stance is the
latest one reported, since the first event of its run, with `state` saying
whether it still holds as of the data's date (current), or the evidence
stopped (faded: last reported `latest_event`), an actor ended (`ended`) or a
membership closed (left), and the dates of its first and latest events, the
span its evidence covers.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from generator.content.model import ActorData, Dossier, RelationshipData, SourceData
from generator.graph.build_graph import Graph
from generator.site.urls import Urls, event_anchor, event_id

DATA_DIR = "data"
DOCUMENT = "explainer.json"
DOCUMENT_SCHEMA = "explainer.schema.json"
NETWORK = "network.gexf"
Row = dict[str, Any]


@dataclass(frozen=True)
class Column:
    """One column of an open-data table."""

    name: str  # with `per_language`, the prefix of one column per language: title_id, title_en
    type: str  # text | integer | date | list (of slugs); `optional` adds null
    optional: bool = True
    per_language: bool = False


def _columns(*spec: str) -> tuple[Column, ...]:
    """'slug!' is required, 'title*' one per language, 'sources[]' a list, 'events#' a count,
    'date@' a date (YYYY, YYYY-MM or YYYY-MM-DD)."""
    out = []
    for item in spec:
        name = item.rstrip("!*[]#@")
        kind = (
            "list"
            if "[]" in item
            else "integer"
            if "#" in item
            else "date"
            if "@" in item
            else "text"
        )
        out.append(Column(name, kind, "!" not in item, "*" in item))
    return tuple(out)


# Each table's columns, in order; `url*` is the item's page in each language.
TABLES: dict[str, tuple[Column, ...]] = {
    "actors": _columns("slug!", "kind!", "title*", "aliases*[]", "affiliation", "sources[]", "url*"),
    "relationships": _columns(
        "slug!", "actor_a!", "actor_b!", "title*", "stance", "since@", "state", "ended@",
        "first_event@", "latest_event@", "events#", "sources[]", "url*",
    ),
    "events": _columns(
        "id!", "relationship!", "actor_a!", "actor_b!", "date@", "type!", "stance!",
        "claim_by[]", "denied_by[]", "sources[]", "text*", "url*",
    ),
    "quotes": _columns(
        "id!", "source!", "speaker", "speaker_label*", "language", "text!", "translation*",
        "about[]", "url*",
    ),
    "sources": _columns(
        "slug!", "kind", "title*", "publisher", "date@", "language", "author", "original_url",
        "url*",
    ),
}  # fmt: skip


@dataclass(frozen=True)
class DataFile:
    """One file of the open data, as the Data page lists it."""

    name: str  # under /data/
    format: str  # shown on the Data page
    media_type: str
    table: str | None = None  # the table a CSV holds


DATA_FILES: tuple[DataFile, ...] = (
    *(DataFile(f"{table}.csv", "CSV", "text/csv", table) for table in TABLES),
    DataFile(DOCUMENT, "JSON", "application/json"),
    DataFile(DOCUMENT_SCHEMA, "JSON Schema", "application/schema+json"),
    DataFile(NETWORK, "GEXF", "application/gexf+xml"),
)


def data_file_paths() -> tuple[str, ...]:
    """The output files, relative to public/ (the same for every site)."""
    return tuple(f"{DATA_DIR}/{file.name}" for file in DATA_FILES)


def data_path(name: str) -> str:
    """The site path of a data file: /data/actors.csv."""
    return f"/{DATA_DIR}/{name}"


def column_names(table: str, languages: tuple[str, ...]) -> list[str]:
    return [
        name
        for column in TABLES[table]
        for name in (
            [f"{column.name}_{lang}" for lang in languages]
            if column.per_language
            else [column.name]
        )
    ]


# The sections whose dossiers (and their data) make the tables' rows.
TABLE_SECTIONS = ("actors", "relationships", "sources")


def data_tables(graph: Graph) -> dict[str, list[Row]]:
    """Every table's rows, in slug order (events in their relationship's order)."""
    tables = _Tables(graph)
    return {
        "actors": list(tables.actors()),
        "relationships": list(tables.relationships()),
        "events": list(tables.events()),
        "quotes": list(tables.quotes()),
        "sources": list(tables.sources()),
    }


@dataclass(frozen=True)
class _Tables:
    """The open-data tables of one graph."""

    graph: Graph

    @property
    def languages(self) -> tuple[str, ...]:
        return self.graph.model.config.language_codes

    def _section(self, name: str) -> list[Dossier]:
        return self.graph.model.in_section(name)

    def _per_language(self, name: str, values: Mapping[str, str | None]) -> Row:
        return {f"{name}_{lang}": values.get(lang) or None for lang in self.languages}

    def _titles(self, dossier: Dossier) -> Row:
        """Each language's own title: a missing or draft translation is an empty cell."""
        titles = {}
        for lang in self.languages:
            version = dossier.published_version(lang)
            titles[lang] = version.title if version else None
        return self._per_language("title", titles)

    def _urls(self, dossier: Dossier, anchor: str = "") -> Row:
        urls = Urls(self.graph.model.config)
        pages = {
            lang: urls.absolute(urls.dossier(lang, dossier)) + anchor for lang in self.languages
        }
        return self._per_language("url", pages)

    def actors(self) -> Iterator[Row]:
        for dossier in self._section("actors"):
            data = dossier.data
            if not isinstance(data, ActorData):
                continue
            aliases = {
                lang: list(dict.fromkeys([*data.aliases.get("*", ()), *data.aliases.get(lang, ())]))
                for lang in self.languages
            }
            yield {
                "slug": dossier.slug,
                "kind": data.kind,
                **self._titles(dossier),
                **{f"aliases_{lang}": aliases[lang] for lang in self.languages},
                "affiliation": data.affiliation,
                "sources": list(data.sources),
                **self._urls(dossier),
            }

    def relationships(self) -> Iterator[Row]:
        for dossier in self._section("relationships"):
            data = dossier.data
            if not isinstance(data, RelationshipData):
                continue
            stance = self.graph.stance_of.get(dossier.slug)
            dates = sorted(e.date for e in data.timeline if e.date)
            sources = [*data.sources, *(s for e in data.timeline for s in e.sources)]
            yield {
                "slug": dossier.slug,
                "actor_a": data.actors[0],
                "actor_b": data.actors[1],
                **self._titles(dossier),
                "stance": stance.stance if stance else None,
                "since": stance.since if stance else None,
                "state": stance.state if stance else None,
                "ended": stance.ended if stance else None,
                "first_event": dates[0] if dates else None,
                "latest_event": dates[-1] if dates else None,
                "events": len(data.timeline),
                "sources": list(dict.fromkeys(sources)),
                **self._urls(dossier),
            }

    def events(self) -> Iterator[Row]:
        for dossier in self._section("relationships"):
            data = dossier.data
            if not isinstance(data, RelationshipData):
                continue
            for index, event in enumerate(data.timeline):
                yield {
                    "id": event_id(dossier.slug, index),
                    "relationship": dossier.slug,
                    "actor_a": data.actors[0],
                    "actor_b": data.actors[1],
                    "date": event.date,
                    "type": event.type,
                    "stance": event.stance,
                    "claim_by": list(event.claim_by),
                    "denied_by": list(event.denied_by),
                    "sources": list(event.sources),
                    **self._per_language("text", dict(event.text)),
                    **self._urls(dossier, "#" + event_anchor(dossier.slug, index)),
                }

    def quotes(self) -> Iterator[Row]:
        for dossier in self._section("sources"):
            data = dossier.data
            if not isinstance(data, SourceData):
                continue
            for number, quote in enumerate(data.quotes, 1):
                yield {
                    "id": f"{dossier.slug}-q{number}",
                    "source": dossier.slug,
                    "speaker": quote.speaker,
                    **self._per_language("speaker_label", dict(quote.speaker_label or {})),
                    "language": quote.language or data.language,
                    "text": quote.text,
                    **self._per_language("translation", dict(quote.translation)),
                    "about": list(quote.about),
                    **self._urls(dossier),
                }

    def sources(self) -> Iterator[Row]:
        for dossier in self._section("sources"):
            data = dossier.data
            if not isinstance(data, SourceData):
                continue
            yield {
                "slug": dossier.slug,
                "kind": data.kind,
                **self._titles(dossier),
                "publisher": data.publisher,
                "date": data.date,
                "language": data.language,
                "author": data.author,
                "original_url": data.url,
                **self._urls(dossier),
            }
