"""The open data files under /data/: CSV tables, one JSON document and its schema, GEXF.

The tables are `site.dataset`'s, so every file holds the same rows. CSV
(RFC 4180, UTF-8, a header row): a list is its items joined by "; ", an
empty cell is no value; a text that a spreadsheet would run as a formula
(starting with = + - @) is written with a leading apostrophe, as OWASP
advises, since a repository's content is not trusted to run on a reader's
machine. JSON: `{"$schema", "site", <table>: [rows]}`, lists as lists,
null for no value, with `explainer.schema.json` (draft 2020-12) made from
the same column declarations. GEXF 1.3 (dynamic, dates): actors as nodes,
relationships as edges; each edge lasts from its first to its latest event
and carries its stance over each run of events, so the file states a stance
only for the time its evidence covers. Pure functions of the graph, in slug
order: byte-identical across builds.
"""

from __future__ import annotations

import calendar
import csv
import io
from collections.abc import Mapping
from typing import Any

from generator.content.model import RelationshipData
from generator.graph.build_graph import Graph, stance_runs
from generator.outputs.jsontext import dumps_indent1
from generator.outputs.xmlsafe import attr
from generator.site.dataset import (
    DATA_DIR,
    DOCUMENT,
    DOCUMENT_SCHEMA,
    NETWORK,
    TABLES,
    Column,
    Row,
    column_names,
    data_path,
    data_tables,
)
from generator.site.urls import Urls

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
JSON_SCHEMA_DRAFT = "https://json-schema.org/draft/2020-12/schema"


def open_data_files(graph: Graph) -> dict[str, bytes]:
    tables = data_tables(graph)
    languages = graph.model.config.language_codes
    files = {
        f"{DATA_DIR}/{table}.csv": csv_table(rows, column_names(table, languages))
        for table, rows in tables.items()
    }
    files[f"{DATA_DIR}/{DOCUMENT}"] = _json(_document(graph, tables))
    files[f"{DATA_DIR}/{DOCUMENT_SCHEMA}"] = _json(document_schema(graph))
    files[f"{DATA_DIR}/{NETWORK}"] = gexf(graph, tables)
    return files


def _json(value: Any) -> bytes:
    # json.dumps(value, ensure_ascii=False, indent=1), written twice as fast
    return (dumps_indent1(value) + "\n").encode("utf-8")


def csv_table(rows: list[Row], columns: list[str]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(name)) for name in columns])
    return out.getvalue().encode("utf-8")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        value = "; ".join(str(item) for item in value)
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def _document(graph: Graph, tables: Mapping[str, list[Row]]) -> dict[str, Any]:
    config = graph.model.config
    urls = Urls(config)
    return {
        "$schema": urls.absolute(data_path(DOCUMENT_SCHEMA)),
        "site": {
            "title": dict(config.title),
            "url": config.base_url,
            "languages": list(config.language_codes),
            "license": dict(config.data_license) if config.data_license else None,
            "as_of": graph.newest_date,
        },
        **tables,
    }


def document_schema(graph: Graph) -> dict[str, Any]:
    """The JSON Schema of `explainer.json`, from the tables' column declarations."""
    languages = graph.model.config.language_codes
    text_map = {
        "type": "object",
        "properties": {lang: {"type": "string"} for lang in languages},
        "additionalProperties": False,
    }
    site = {
        "type": "object",
        "required": ["title", "url", "languages", "license", "as_of"],
        "additionalProperties": False,
        "properties": {
            "title": text_map,
            "url": {"type": "string", "format": "uri"},
            "languages": {"type": "array", "items": {"enum": list(languages)}},
            "license": {
                "type": ["object", "null"],
                "properties": {"name": {"type": "string"}, "url": {"type": "string"}},
                "required": ["name"],
                "additionalProperties": False,
            },
            "as_of": {"type": ["string", "null"]},
        },
    }
    return {
        "$schema": JSON_SCHEMA_DRAFT,
        "$id": Urls(graph.model.config).absolute(data_path(DOCUMENT_SCHEMA)),
        "title": f"{graph.model.config.title[languages[0]]}: open data",
        "type": "object",
        "required": ["site", *TABLES],
        "additionalProperties": False,
        "properties": {
            "$schema": {"type": "string"},
            "site": site,
            **{
                table: {"type": "array", "items": _row_schema(columns, languages)}
                for table, columns in TABLES.items()
            },
        },
    }


def _row_schema(columns: tuple[Column, ...], languages: tuple[str, ...]) -> dict[str, Any]:
    properties: dict[str, Any] = {}
    required: list[str] = []
    for column in columns:
        names = (
            [f"{column.name}_{lang}" for lang in languages]
            if column.per_language
            else [column.name]
        )
        for name in names:
            properties[name] = _column_schema(column)
            required.append(name)
    return {
        "type": "object",
        "required": required,
        "additionalProperties": False,
        "properties": properties,
    }


def _column_schema(column: Column) -> dict[str, Any]:
    if column.type == "list":
        return {"type": "array", "items": {"type": "string"}}
    if column.type == "integer":
        return {"type": "integer", "minimum": 0}
    kind: dict[str, Any] = {"type": "string"}
    if column.type == "date":
        kind["pattern"] = r"^\d{4}(-\d{2}(-\d{2})?)?$"
    if column.optional:
        kind["type"] = ["string", "null"]
    return kind


def gexf(graph: Graph, tables: Mapping[str, list[Row]]) -> bytes:
    """GEXF 1.3: the network with each tie's stance over the spans its events cover."""
    languages = graph.model.config.language_codes
    label_lang = languages[0]
    node_attrs = ["kind", *(f"title_{lang}" for lang in languages), "url"]
    # `stance` is dynamic (each run of events, over the days they cover); `last_stance` is the
    # latest reported, held since `since`, and `state` says whether it still holds (current)
    # or the evidence stopped (faded), an actor ended (`ended`) or a membership closed (left).
    edge_attrs = [
        "relationship", "last_stance", "since", "state", "ended", "first_event", "latest_event",
        "events", "url",
    ]  # fmt: skip
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<gexf xmlns="http://gexf.net/1.3" version="1.3">',
        '  <graph defaultedgetype="undirected" mode="dynamic" timeformat="date">',
        '    <attributes class="node" mode="static">',
        *(f'      <attribute id="{name}" title="{name}" type="string"/>' for name in node_attrs),
        "    </attributes>",
        '    <attributes class="edge" mode="static">',
        *(
            f'      <attribute id="{name}" title="{name}" type="{"integer" if name == "events" else "string"}"/>'
            for name in edge_attrs
        ),
        "    </attributes>",
        '    <attributes class="edge" mode="dynamic">',
        '      <attribute id="stance" title="stance" type="string"/>',
        "    </attributes>",
        "    <nodes>",
    ]
    for row in tables["actors"]:
        label = row.get(f"title_{label_lang}") or next(
            (row[f"title_{lang}"] for lang in languages if row.get(f"title_{lang}")), row["slug"]
        )
        out.append(f"      <node id={attr(row['slug'])} label={attr(label)}>")
        out.append("        <attvalues>")
        for name in node_attrs:
            value = row.get(name) if name != "url" else row.get(f"url_{label_lang}")
            if value:
                out.append(f'          <attvalue for="{name}" value={attr(str(value))}/>')
        out.append("        </attvalues>")
        out.append("      </node>")
    out.append("    </nodes>")
    out.append("    <edges>")
    for row in tables["relationships"]:
        out.extend(_edge(graph, row, label_lang))
    out += ["    </edges>", "  </graph>", "</gexf>"]
    return ("\n".join(out) + "\n").encode("utf-8")


def _edge(graph: Graph, row: Row, lang: str) -> list[str]:
    dossier = graph.dossier(row["slug"])
    assert isinstance(dossier.data, RelationshipData)
    timeline = dossier.data.timeline
    label = row.get(f"title_{lang}") or row["slug"]
    span = ""
    if row["first_event"]:
        span = f" start={attr(_start(row['first_event']))} end={attr(_end(row['latest_event']))}"
    lines = [
        f"      <edge id={attr(row['slug'])} source={attr(row['actor_a'])}"
        f" target={attr(row['actor_b'])} label={attr(label)}{span}>",
        "        <attvalues>",
    ]
    static = {"relationship": row["slug"], "last_stance": row["stance"]}
    for name in (
        "relationship",
        "last_stance",
        "since",
        "state",
        "ended",
        "first_event",
        "latest_event",
        "events",
    ):
        value = static[name] if name in static else row.get(name)
        if value is not None:
            lines.append(f'          <attvalue for="{name}" value={attr(str(value))}/>')
    lines.append(f'          <attvalue for="url" value={attr(row[f"url_{lang}"])}/>')
    for run in stance_runs(timeline):
        if run.start and run.end:  # a run of dated events: its stance for the span they cover
            lines.append(
                f'          <attvalue for="stance" value={attr(run.stance)}'
                f" start={attr(_start(run.start))} end={attr(_end(run.end))}/>"
            )
    lines += ["        </attvalues>", "      </edge>"]
    return lines


def _start(date: str) -> str:
    """The first day a partial date covers: 2015 → 2015-01-01, 2015-10 → 2015-10-01."""
    return {4: f"{date}-01-01", 7: f"{date}-01"}.get(len(date), date)


def _end(date: str) -> str:
    """The last day a partial date covers: 2015 → 2015-12-31, 2016-02 → 2016-02-29."""
    if len(date) == 4:
        return f"{date}-12-31"
    if len(date) == 7:
        year, month = int(date[:4]), int(date[5:])
        return f"{date}-{calendar.monthrange(year, month)[1]:02d}"
    return date
