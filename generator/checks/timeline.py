"""Timeline rules: events that cannot be placed, that their sources cannot report,
that come after an actor ended, and memberships without a group to belong to.

An event without a date is left out of the timeline and the feeds, and an
event dated after the newest source that reports it is almost always a
typo (a source cannot report what had not happened yet); so is one dated
after one of its actors ended (`active.until`). These are warnings with the
event's `path:line`, so `build --strict` makes them errors. A membership
event (`joins`, `leaves`, `member`) in a relationship that has no group-kind
actor (a coalition), or two, is an error: there is no one group to be in.
"""

from __future__ import annotations

from generator.content.model import Dossier, Model, RelationshipData, SourceData, TimelineEvent
from generator.errors import Problem
from generator.graph.build_graph import actor_end, group_side
from generator.graph.dates import first_day


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


def _at(dossier: Dossier, event: TimelineEvent, message: str, severity: str = "warning") -> Problem:
    """A problem at the event's file and line."""
    return Problem(_event_path(dossier, event), event.line, message, severity=severity)


def undated_events(model: Model) -> list[Problem]:
    out = []
    for dossier in model.dossiers.values():
        if not isinstance(dossier.data, RelationshipData):
            continue
        for event in dossier.data.timeline:
            if event.date is None:
                out.append(
                    _at(
                        dossier,
                        event,
                        "timeline event has no date: add `date: YYYY`, `YYYY-MM` or "
                        "`YYYY-MM-DD` (undated events are left off the timeline and feeds)",
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
                if event.date and dates and first_day(event.date) > max(dates):
                    out.append(
                        _at(
                            dossier,
                            event,
                            f"event dated {event.date} is after its newest source "
                            f"({max(dates)}): a source cannot report what had not happened yet",
                        )
                    )
    return out


def events_after_an_end(model: Model) -> list[Problem]:
    """A warning for each event dated after one of its actors ended (its `active.until`)."""
    out = []
    for dossier in model.dossiers.values():
        data = dossier.data
        if not isinstance(data, RelationshipData):
            continue
        end = actor_end(model, data.actors)
        # the end's last possible day: "2021-08" runs to "2021-08-99" in string order
        last = (end + "-99")[:10] if end and len(end) < 10 else end
        for event in data.timeline if last else ():
            if event.date and last and first_day(event.date) > last:
                out.append(
                    _at(
                        dossier,
                        event,
                        f"event dated {event.date} is after an actor of '{dossier.slug}' ended "
                        f"({end}, its `active.until`): correct the date, or the actor's end",
                    )
                )
    return out


def memberships_without_a_group(model: Model) -> list[Problem]:
    """An error for each membership event whose relationship has not exactly one group."""
    groups = model.config.vocabulary.group_kinds
    out = []
    for dossier in model.dossiers.values():
        data = dossier.data
        if not isinstance(data, RelationshipData) or group_side(model, data.actors):
            continue
        for event in data.timeline:
            if event.membership:
                out.append(
                    _at(
                        dossier,
                        event,
                        f"'{event.type}' is a membership, but '{dossier.slug}' needs exactly "
                        f"one actor of a group kind ({', '.join(groups) or 'none declared'}) "
                        "to be the group: set that actor's `kind`, or use another link type",
                        severity="error",
                    )
                )
    return out
