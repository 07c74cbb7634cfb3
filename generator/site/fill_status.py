"""The translation status page for editors: every dossier, every language.

One page per language at /<lang>/<paths.status>/ (default `status`), a
`PageSpec` of kind "status". It is for editors, not readers: it is kept out
of the sitemap (`PageKind.listed`) and the search index
(`data-pagefind-ignore="all"`), and asks robots not to index it.
"""

from __future__ import annotations

from typing import Any

from generator.graph.translations import STATUSES, translation_status
from generator.site.context import Context
from generator.site.dependencies import ALL, TRANSLATIONS


def fill_status(ctx: Context, page: dict[str, Any], data: dict[str, Any]) -> None:
    """Rows of (dossier, status per language), and the count of each status."""
    ctx.used |= {ALL, TRANSLATIONS}  # every dossier's link, and every translation's status
    ctx.shows_everything = True
    model = ctx.graph.model
    strings = model.config.strings[ctx.lang]
    page["title"] = strings["status_title"]
    page["description"] = strings["status_description"]
    rows = []
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
    data["languages"] = list(model.config.language_codes)
    data["rows"] = rows
    data["counts"] = [{"status": s, "count": n} for s, n in counts.items()]
