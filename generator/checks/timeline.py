"""Timeline rules: events that cannot be placed, and events their sources cannot report.

An event without a date is left out of the timeline and the feeds, and an
event dated after the newest source that reports it is almost always a
typo (a source cannot report what had not happened yet). Both are warnings
with the event's `path:line`, so `build --strict` makes them errors.
"""

from __future__ import annotations

from generator.content.model import Dossier, Model, RelationshipData, SourceData, TimelineEvent
from generator.errors import Problem


def _event_path(dossier: Dossier, event: TimelineEvent) -> str:
    # The timeline is a neutral key, written in one language's file: the one
    # holding the references of this event's sources.
    lines = [r for r in dossier.refs if r.kind == "source" and r.slug in event.sources]
    after = [
        r for r in lines if r.line is not None and event.line is not None and r.line > event.line
    ]
    if after:
        return min(after, key=lambda r: r.line or 0).path
    return dossier.any_path


def _earliest(date: str) -> str:
    return (date + "-01-01")[:10] if len(date) == 4 else (date + "-01")[:10]


def undated_events(model: Model) -> list[Problem]:
    out = []
    for dossier in model.dossiers.values():
        if not isinstance(dossier.data, RelationshipData):
            continue
        for event in dossier.data.timeline:
            if event.date is None:
                out.append(
                    Problem(
                        _event_path(dossier, event),
                        event.line,
                        "timeline event has no date: add `date: YYYY`, `YYYY-MM` or "
                        "`YYYY-MM-DD` (undated events are left off the timeline and feeds)",
                        severity="warning",
                    )
                )
    return out


def events_after_their_sources(model: Model) -> list[Problem]:
    out = []
    for dossier in model.dossiers.values():
        if not isinstance(dossier.data, RelationshipData):
            continue
        for event in dossier.data.timeline:
            dates = []
            for slug in event.sources:
                source = model.dossiers.get(slug)
                if source is None or not isinstance(source.data, SourceData):
                    break
                if not source.data.date:
                    break
                dates.append(source.data.date)
            else:
                if event.date and dates and _earliest(event.date) > max(dates):
                    out.append(
                        Problem(
                            _event_path(dossier, event),
                            event.line,
                            f"event dated {event.date} is after its newest source "
                            f"({max(dates)}): a source cannot report what had not happened yet",
                            severity="warning",
                        )
                    )
    return out
