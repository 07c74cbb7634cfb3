"""The Data page: each file under /data/, what it holds, its licence, and how to cite it.

It reads how many rows each table has (which dossiers the sections hold, and
their data), the events' years and the newest date, and depends on those,
not on titles: a renamed dossier leaves it be. Its JSON-LD is a schema.org `Dataset` with a
`DataDownload` per file.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypedDict

from generator.site.context import Context
from generator.site.dataset import (
    DATA_FILES,
    TABLE_SECTIONS,
    column_names,
    data_path,
    data_tables,
)
from generator.site.dependencies import EVENT_YEARS, NEWEST_DATE, section_key
from generator.site.jsonld import dataset_jsonld
from generator.site.records import Page


class DataFileView(TypedDict):
    name: str
    url: str
    absolute: str
    format: str
    media_type: str
    table: str | None
    rows: int | None  # a table's rows
    columns: list[str]  # a table's columns


class CitationView(TypedDict):
    """How to cite the data: the site's title, the year of its newest content, the page."""

    title: str
    year: str | None
    url: str


class DataPageData(TypedDict):
    files: list[DataFileView]
    license: Mapping[str, str] | None
    date: str | None  # the newest date of the content
    years: tuple[int, int] | None  # the first and last year of the events
    citation: CitationView


def fill_data(ctx: Context, page: Page) -> DataPageData:
    """The Data page: each file, what it holds, the licence, the date, how to cite it."""
    # The row counts: the dossiers of the tables' sections and their data (timelines, quotes).
    ctx.used.update(section_key(section) for section in TABLE_SECTIONS)
    ctx.used |= {EVENT_YEARS, NEWEST_DATE}
    ctx.shows_everything = True
    config = ctx.graph.model.config
    strings = config.strings[ctx.lang]
    page["title"] = strings["data_title"]
    page["description"] = strings["data_description"]
    tables = data_tables(ctx.graph)
    years = ctx.graph.event_years
    span = (years[0], years[-1]) if years else None
    page["jsonld"] = dataset_jsonld(ctx, page, span, ctx.graph.newest_date)
    return {
        "files": [
            {
                "name": file.name,
                "url": data_path(file.name),
                "absolute": ctx.urls.absolute(data_path(file.name)),
                "format": file.format,
                "media_type": file.media_type,
                "table": file.table,
                "rows": len(tables[file.table]) if file.table else None,
                "columns": column_names(file.table, config.language_codes) if file.table else [],
            }
            for file in DATA_FILES
        ],
        "license": dict(config.data_license) if config.data_license else None,
        "date": ctx.graph.newest_date,
        "years": span,
        "citation": {
            "title": config.title[ctx.lang],
            "year": (ctx.graph.newest_date or "")[:4] or None,
            "url": page["canonical"],
        },
    }
