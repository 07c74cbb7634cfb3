"""The dates writers expect: a dossier's "last updated", and publication on a set date.

"Last updated" is the front-matter `updated:` (the newest of a dossier's
language files), else the newest date of what the dossier rests on: its
sources' dates and its timeline's events. It never comes from the clock, so
two builds of the same content are byte-identical. `publish_date:` in the
future keeps a dossier out of the build until that day; "today" is the
clock's, or `SOURCE_DATE_EPOCH`'s when that is set (reproducible builds):
`generator.clock.today`.
"""

from __future__ import annotations

from dataclasses import replace

from generator.content.model import Dossier, Model, RelationshipData, SourceData

CITING_KINDS = ("cite", "source")


def first_day(date: str) -> str:
    """A partial ISO date as its first day: '2015-12' → '2015-12-01', '2003' → '2003-01-01'
    (where a full date is required: the sitemap, the feeds; never later than the content says)."""
    return (date + "-01-01")[:10] if len(date) == 4 else (date + "-01")[:10]


def publish_date(dossier: Dossier) -> str | None:
    """The latest `publish_date:` of the dossier's files (one file may set it for all)."""
    dates = [v.publish_date for v in dossier.versions.values() if v.publish_date]
    return max(dates) if dates else None


def withhold_scheduled(model: Model, day: str) -> Model:
    """The model without the dossiers whose publish_date is after `day`."""
    later = {
        slug: date
        for slug, dossier in model.dossiers.items()
        if (date := publish_date(dossier)) and date > day
    }
    if not later:
        return model
    kept = {slug: d for slug, d in model.dossiers.items() if slug not in later}
    return replace(model, dossiers=kept, scheduled={**model.scheduled, **later})


def last_updated(model: Model, dossier: Dossier) -> str | None:
    """`updated:`, else the newest date among the dossier's sources and events (or None).

    Kept per model: its page, the sitemap and the feeds each ask for every dossier's."""
    known: dict[str, str | None] = model.derive("last_updated", lambda _: {})
    if dossier.slug not in known:
        known[dossier.slug] = _last_updated(model, dossier)
    return known[dossier.slug]


def _last_updated(model: Model, dossier: Dossier) -> str | None:
    stated = [v.updated for v in dossier.versions.values() if v.updated]
    if stated:
        return max(stated)
    dates: list[str] = []
    data = dossier.data
    if isinstance(data, SourceData) and data.date:
        dates.append(data.date)
    if isinstance(data, RelationshipData):
        dates += [event.date for event in data.timeline if event.date]
    for ref in dossier.refs:
        target = model.dossiers.get(ref.slug)
        cited = target.data if target and ref.kind in CITING_KINDS else None
        if isinstance(cited, SourceData) and cited.date:
            dates.append(cited.date)
    return max(dates) if dates else None
