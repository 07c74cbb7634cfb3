"""Structured data for each page: schema.org JSON-LD, as search engines and archives read it.

A dossier page is an `Article` (headline, language, last update, the site as
publisher) about what it explains: an actor is a `Person`, a `Country`, a
`GovernmentOrganization` or an `Organization`, with every name it goes by
(`alternateName`: its other-language titles and aliases); a relationship's
article is about its two actors; a source's is based on the `NewsArticle`
it summarises (its headline, date, language, publisher, author and address,
as far as the dossier knows them). The Data page is a `Dataset` with a
`DataDownload` per file. Only what the content states is said: no date is
invented, a missing value is left out.
"""

from __future__ import annotations

import json
from typing import Any

from generator.content.model import ActorData, Dossier, RelationshipData, SourceData
from generator.site.context import Context
from generator.site.dataset import DATA_FILES, data_path
from generator.site.records import Page

CONTEXT = "https://schema.org"
# The default actor kinds as schema.org types; a site's own kinds (a candidate, a company) are
# only known to be a `Thing`.
ACTOR_TYPES = {
    "person": "Person",
    "state": "Country",
    "government": "GovernmentOrganization",
    "armed-group": "Organization",
    "organisation": "Organization",
    "party": "Organization",
    "coalition": "Organization",
}
Json = dict[str, Any]


def dossier_jsonld(ctx: Context, page: Page, dossier: Dossier) -> str:
    """A dossier page's JSON-LD: an `Article` about what it explains."""
    return _script(_article(ctx, page, dossier))


def dataset_jsonld(
    ctx: Context, page: Page, years: tuple[int, int] | None, date: str | None
) -> str:
    """The Data page's JSON-LD: a `Dataset` with a `DataDownload` per file."""
    return _script(_dataset(ctx, page, years, date))


def _script(value: Json) -> str:
    """JSON safe inside `<script type="application/ld+json">`."""
    text = json.dumps({"@context": CONTEXT, **value}, ensure_ascii=False, sort_keys=True)
    # "</script>" or "<!--" inside a value must not end the block: JSON allows \u003c.
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _publisher(ctx: Context) -> Json:
    config = ctx.graph.model.config
    return {"@type": "Organization", "name": config.title[ctx.lang], "url": config.base_url}


def _article(ctx: Context, page: Page, dossier: Dossier) -> Json:
    article: Json = {
        "@type": "Article",
        "headline": page["title"],
        "description": page["description"],
        "inLanguage": page["text_lang"],
        "url": page["canonical"],
        "mainEntityOfPage": page["canonical"],
        "publisher": _publisher(ctx),
    }
    if page.get("updated"):
        article["dateModified"] = page["updated"]
    data = dossier.data
    if isinstance(data, ActorData):
        article["about"] = _actor(ctx, dossier)
    elif isinstance(data, RelationshipData):
        # Their aliases are their data: the page depends on both actors (`Context.dossier`).
        article["about"] = [_actor(ctx, ctx.dossier(slug)) for slug in data.actors]
    elif isinstance(data, SourceData):
        article["isBasedOn"] = _news_article(ctx, dossier, data)
    return _without_empty(article)


def _names(ctx: Context, dossier: Dossier) -> list[str]:
    """Every name a dossier goes by: its titles in every language, then its aliases."""
    names = [v.title for v in dossier.versions.values() if not v.is_placeholder]
    if isinstance(dossier.data, ActorData):
        names += [alias for group in dossier.data.aliases.values() for alias in group]
    return list(dict.fromkeys(names))


def _actor(ctx: Context, dossier: Dossier) -> Json:
    data = dossier.data
    kind = data.kind if isinstance(data, ActorData) else ""
    name = ctx.shown_version(dossier).title
    return _without_empty(
        {
            "@type": ACTOR_TYPES.get(kind, "Thing"),
            "@id": ctx.urls.absolute(ctx.urls.dossier(ctx.lang, dossier)) + "#about",
            "name": name,
            "alternateName": [n for n in _names(ctx, dossier) if n != name],
            "url": ctx.urls.absolute(ctx.urls.dossier(ctx.lang, dossier)),
        }
    )


def _news_article(ctx: Context, dossier: Dossier, data: SourceData) -> Json:
    original = dossier.versions.get(data.language) or next(iter(dossier.versions.values()))
    return _without_empty(
        {
            "@type": "NewsArticle",
            "headline": original.title,
            "inLanguage": data.language,
            "datePublished": data.date,
            "url": data.url,
            "publisher": {"@type": "Organization", "name": data.publisher}
            if data.publisher
            else None,
            "author": {"@type": "Person", "name": data.author} if data.author else None,
        }
    )


def _dataset(ctx: Context, page: Page, years: tuple[int, int] | None, date: str | None) -> Json:
    config = ctx.graph.model.config
    dataset: Json = {
        "@type": "Dataset",
        "name": page["title"] + " · " + config.title[ctx.lang],
        "description": page["description"],
        "url": page["canonical"],
        "inLanguage": list(config.language_codes),
        "creator": _publisher(ctx),
        "publisher": _publisher(ctx),
        "dateModified": date,
        "temporalCoverage": f"{years[0]}/{years[1]}" if years else None,
        "license": (config.data_license or {}).get("url")
        or (config.data_license or {}).get("name"),
        "isAccessibleForFree": True,
        "distribution": [
            {
                "@type": "DataDownload",
                "name": file.name,
                "encodingFormat": file.media_type,
                "contentUrl": ctx.urls.absolute(data_path(file.name)),
            }
            for file in DATA_FILES
        ],
    }
    return _without_empty(dataset)


def _without_empty(value: Json) -> Json:
    return {key: item for key, item in value.items() if item not in (None, "", [], {})}
