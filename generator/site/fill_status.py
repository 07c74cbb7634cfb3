"""The translation status page for editors: every dossier, every language.

One page per language at /<lang>/<paths.status>/ (default `status`), a
`PageSpec` of kind "status". It is for editors, not readers: it is kept out
of the sitemap (`PageKind.listed`) and the search index
(`data-pagefind-ignore="all"`), and asks robots not to index it.
"""

from __future__ import annotations

from typing import TypedDict

from generator.graph.translations import STATUSES, translation_status
from generator.site.context import Context
from generator.site.dependencies import ALL, TRANSLATIONS
from generator.site.records import DossierLink, Page


class StatusCell(TypedDict):
    lang: str
    status: str  # one of `graph.translations.STATUSES`
    source_lang: str | None  # what a stale translation was made from
    hash: str | None


class StatusRow(TypedDict):
    ref: DossierLink
    section: str
    languages: list[StatusCell]


class StatusCount(TypedDict):
    status: str
    count: int


class StatusData(TypedDict):
    languages: list[str]
    rows: list[StatusRow]
    counts: list[StatusCount]


def fill_status(ctx: Context, page: Page) -> StatusData:
    """Rows of (dossier, status per language), and the count of each status."""
    ctx.used |= {ALL, TRANSLATIONS}  # every dossier's link, and every translation's status
    ctx.shows_everything = True
    model = ctx.graph.model
    strings = model.config.strings[ctx.lang]
    page["title"] = strings["status_title"]
    page["description"] = strings["status_description"]
    rows: list[StatusRow] = []
    counts = dict.fromkeys(STATUSES, 0)
    for status in translation_status(model):
        dossier = model.dossiers[status.slug]
        rows.append(
            {
                "ref": ctx.ref(dossier.slug),
                "section": status.section,
                "languages": [
                    {
                        "lang": item.lang,
                        "status": item.status,
                        "source_lang": item.source_lang,
                        "hash": item.current_hash,
                    }
                    for item in status.languages
                ],
            }
        )
        for item in status.languages:
            counts[item.status] += 1
    return {
        "languages": list(model.config.language_codes),
        "rows": rows,
        "counts": [{"status": s, "count": n} for s, n in counts.items()],
    }
