"""Linking: one pass over the model that resolves every reference.

From the references the loader collected it derives the graph the pages show:
backlinks, each actor's relationships and people, the sources that mention an
actor, what cites each source, the quotes shown on each relationship, merged
timelines, each relationship's answer (`graph.evidence`: its runs of one
category, its current category since the start of the latest run, and how far
the evidence goes: current, faded, ended with an actor, or a membership left)
and each coalition's memberships over time.
A reference to a slug that does not exist is an error at its file and line.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from generator.content.model import (
    ActorData,
    Dossier,
    Model,
    Quote,
    Ref,
    RelationshipData,
    SourceData,
    TimelineEvent,
)
from generator.errors import Problem
from generator.graph.evidence import (
    WARMTH,
    Interval,
    Run,
    Stance,
    current_stance,
    memberships,
    stance_runs,
    when,
)

__all__ = [
    "WARMTH",
    "Graph",
    "Interval",
    "Run",
    "Stance",
    "build_graph",
    "current_stance",
    "stance_runs",
]

SECTION_NOUN = {"actors": "an actor", "sources": "a source", "relationships": "a relationship"}


@dataclass(frozen=True)
class PlacedEvent:
    """A timeline event with the relationship it belongs to."""

    relationship: str
    event: TimelineEvent
    index: int  # position in its relationship's timeline, for stable ordering

    @property
    def sort_key(self) -> tuple[str, str, int]:
        return (self.event.date or "", self.relationship, self.index)


@dataclass(frozen=True)
class PlacedQuote:
    """A quote, with the source that reports it and its place there."""

    source: str
    quote: Quote
    index: int


@dataclass(frozen=True)
class Graph:
    """The model, with the links between its dossiers resolved both ways."""

    model: Model
    backlinks: Mapping[str, tuple[str, ...]]  # slug → slugs whose text or keys name it
    relationships_of: Mapping[str, tuple[str, ...]]  # actor → relationship slugs
    people_of: Mapping[str, tuple[str, ...]]  # organisation → person slugs
    mentioned_in: Mapping[str, tuple[str, ...]]  # actor → source slugs
    cited_by: Mapping[str, tuple[str, ...]]  # source → dossier slugs citing it
    quotes_about: Mapping[str, tuple[PlacedQuote, ...]]  # relationship → quotes
    quotes_by: Mapping[str, tuple[PlacedQuote, ...]]  # actor → quotes they said
    timeline_of: Mapping[str, tuple[PlacedEvent, ...]]  # actor → events, newest first
    stance_of: Mapping[str, Stance | None]  # relationship → its answer (category, since, state)
    # group actor (a coalition) → its members' intervals, by member then start
    memberships_of: Mapping[str, tuple[Interval, ...]] = field(default_factory=dict)

    def dossier(self, slug: str) -> Dossier:
        return self.model.dossiers[slug]

    @cached_property
    def dated_events(self) -> tuple[TimelineEvent, ...]:
        """Every dated event of every relationship (derived once: every page's chart and
        "as of" date reads it, and walking all timelines per page grows as pages × events)."""
        return tuple(
            event
            for dossier in self.model.in_section("relationships")
            if isinstance(dossier.data, RelationshipData)
            for event in dossier.data.timeline
            if event.date
        )

    @cached_property
    def event_years(self) -> tuple[int, ...]:
        """The years that have a dated event, ascending."""
        return tuple(sorted({int(event.date[:4]) for event in self.dated_events if event.date}))

    @cached_property
    def newest_date(self) -> str | None:
        """The content's newest date: an event's or a source's (never the clock's)."""
        return newest_date(self.model)


def newest_date(model: Model) -> str | None:
    """The content's newest date: an event's or a source's (never the clock's)."""
    dates = []
    for dossier in model.dossiers.values():
        if isinstance(dossier.data, SourceData) and dossier.data.date:
            dates.append(dossier.data.date)
        elif isinstance(dossier.data, RelationshipData):
            dates += [event.date for event in dossier.data.timeline if event.date]
    return max(dates, key=lambda d: (when(d), d)) if dates else None


def actor_end(model: Model, actors: tuple[str, ...]) -> str | None:
    """The earliest end of the given actors' lifespans (`active.until`), if any ended."""
    ends = [
        data.active.until
        for slug in actors
        if (dossier := model.dossiers.get(slug)) is not None
        and isinstance(data := dossier.data, ActorData)
        and data.active is not None
        and data.active.until
    ]
    return min(ends, key=when) if ends else None


def group_side(model: Model, actors: tuple[str, str]) -> tuple[str, str] | None:
    """(group, member) when exactly one of the two actors is of a group kind (a coalition)."""
    groups = model.config.vocabulary.group_kinds
    kinds = [
        d.data.kind if (d := model.dossiers.get(a)) and isinstance(d.data, ActorData) else None
        for a in actors
    ]
    flags = [kind in groups for kind in kinds]
    if flags.count(True) != 1:
        return None
    return (actors[0], actors[1]) if flags[0] else (actors[1], actors[0])


def build_graph(model: Model) -> Graph:
    """Derive the graph's views from a model whose references resolve (`resolve_references`)."""
    dossiers = model.dossiers
    backlinks: dict[str, set[str]] = defaultdict(set)
    cited_by: dict[str, set[str]] = defaultdict(set)
    for dossier in dossiers.values():
        for ref in dossier.refs:
            if ref.slug != dossier.slug:
                backlinks[ref.slug].add(dossier.slug)
                if ref.kind in ("cite", "source"):
                    cited_by[ref.slug].add(dossier.slug)

    relationships_of: dict[str, list[str]] = defaultdict(list)
    people_of: dict[str, list[str]] = defaultdict(list)
    mentioned_in: dict[str, set[str]] = defaultdict(set)
    quotes_about: dict[str, list[PlacedQuote]] = defaultdict(list)
    quotes_by: dict[str, list[PlacedQuote]] = defaultdict(list)
    events_of: dict[str, list[PlacedEvent]] = defaultdict(list)
    stance_of: dict[str, Stance | None] = {}
    members: dict[str, list[Interval]] = defaultdict(list)
    as_of = newest_date(model)
    fade_years = model.config.fade_months / 12
    for slug, dossier in sorted(dossiers.items()):
        data = dossier.data
        if isinstance(data, RelationshipData):
            placed = [PlacedEvent(slug, e, i) for i, e in enumerate(data.timeline)]
            for actor in data.actors:
                relationships_of[actor].append(slug)
                events_of[actor].extend(placed)
            stance_of[slug] = current_stance(
                data.timeline,
                as_of=as_of,
                fade_years=fade_years,
                ended=actor_end(model, data.actors),
            )
            sides = group_side(model, data.actors)
            if sides and any(e.membership for e in data.timeline):
                members[sides[0]].extend(memberships(slug, *sides, data.timeline))
        elif isinstance(data, ActorData) and data.affiliation:
            people_of[data.affiliation].append(slug)
        elif isinstance(data, SourceData):
            for actor in data.actors:
                mentioned_in[actor].add(slug)
            for index, quote in enumerate(data.quotes):
                placed_quote = PlacedQuote(slug, quote, index)
                if quote.speaker:
                    mentioned_in[quote.speaker].add(slug)
                    quotes_by[quote.speaker].append(placed_quote)
                for relationship in quote.about:
                    quotes_about[relationship].append(placed_quote)

    return Graph(
        model=model,
        backlinks=_frozen(backlinks),
        relationships_of={k: tuple(v) for k, v in relationships_of.items()},
        people_of={k: tuple(v) for k, v in people_of.items()},
        mentioned_in=_frozen(mentioned_in),
        cited_by=_frozen(cited_by),
        quotes_about={k: tuple(v) for k, v in quotes_about.items()},
        quotes_by={k: tuple(v) for k, v in quotes_by.items()},
        timeline_of={
            actor: tuple(sorted(events, key=lambda e: e.sort_key, reverse=True))
            for actor, events in events_of.items()
        },
        stance_of=stance_of,
        memberships_of={
            group: tuple(sorted(items, key=lambda i: (i.member, i.start or "", i.end or "")))
            for group, items in members.items()
        },
    )


def resolve_references(model: Model) -> list[Problem]:
    """A problem for every reference to a slug that is missing or in the wrong section."""
    problems: list[Problem] = []
    known = sorted(model.dossiers)
    missing: dict[str, list[Ref]] = {}
    names: dict[str, dict[str, str]] | None = None  # built at the first unknown slug
    for dossier in model.dossiers.values():
        for ref in dossier.refs:
            if ref.slug not in model.dossiers and ref.slug not in model.unreadable:
                missing.setdefault(ref.slug, []).append(ref)
    for dossier in model.dossiers.values():
        for ref in dossier.refs:
            target = model.dossiers.get(ref.slug)
            if target is None and ref.slug in model.unreadable:
                continue  # its own file's error is reported already
            if target is None:
                names = name_index(model) if names is None else names
                message = _unknown_message(ref.slug, model, known, names)
                problems.append(Problem(ref.path, ref.line, message + _cited_by(missing[ref.slug])))
            elif ref.expects and target.section != ref.expects:
                problems.append(
                    Problem(
                        ref.path,
                        ref.line,
                        f"'{ref.slug}' is {SECTION_NOUN.get(target.section, 'a page')}, "
                        f"but {ref.kind} needs {SECTION_NOUN.get(ref.expects, ref.expects)}",
                    )
                )
    return problems


def _unknown_message(
    slug: str, model: Model, known: list[str], names: Mapping[str, Mapping[str, str]]
) -> str:
    if slug in model.excluded_drafts:
        return f"'{slug}' is a draft: publish it (remove `draft: true`) or build with --drafts"
    if slug in model.scheduled:
        return (
            f"'{slug}' is not published until {model.scheduled[slug]} (its publish_date): "
            "link to it from then on, or schedule this text for the same day"
        )
    renamed = next(
        (
            d.slug
            for d in model.dossiers.values()
            if any(slug in v.redirect_from for v in d.versions.values())
        ),
        None,
    )
    if renamed:
        return f"'{slug}' was renamed to '{renamed}': write '{renamed}' here"
    named = _named(slug, names)
    if named:
        return f"unknown slug '{slug}': {named}"
    message = f"unknown slug '{slug}': no dossier has it"
    close = difflib.get_close_matches(slug, known, n=3, cutoff=0.6)
    if close:
        message += "; did you mean " + " or ".join(f"'{c}'" for c in close) + "?"
    return message


def _named(slug: str, names: Mapping[str, Mapping[str, str]]) -> str:
    """Which dossiers have `slug` as a title or an alias (`[[pdip]]` for the actor whose
    alias is PDIP), said as a did-you-mean; '' when none."""
    found = names.get(_name_key(slug), {})
    if not found:
        return ""
    chosen = sorted(found)[:3]
    said = " and ".join(found[s] for s in chosen)
    return f"{said}; did you mean " + " or ".join(f"'{s}'" for s in chosen) + "?"


def name_index(model: Model) -> dict[str, dict[str, str]]:
    """Every title and alias, as a slug would write it (case and all but letters and digits
    aside) → the dossiers that have it → what it is to them."""
    index: dict[str, dict[str, str]] = defaultdict(dict)
    for slug, dossier in sorted(model.dossiers.items()):
        names = [(v.title, "title") for v in dossier.versions.values()]
        if isinstance(dossier.data, ActorData):
            names += [(a, "alias") for group in dossier.data.aliases.values() for a in group]
        for name, what in names:
            index[_name_key(name)].setdefault(slug, f"'{name}' is the {what} of '{slug}'")
    return index


def _name_key(text: str) -> str:
    return "".join(c for c in text.casefold() if c.isalnum())


def _cited_by(refs: list[Ref]) -> str:
    """Who else cites a missing slug, so a deleted dossier's citers are listed together."""
    files = sorted({Path(ref.path).as_posix() for ref in refs})
    if len(files) < 2:
        return ""
    shown = ", ".join(files[:10]) + (f" and {len(files) - 10} more" if len(files) > 10 else "")
    return (
        f" (cited from {len(files)} files: {shown}; restore the dossier or remove these references)"
    )


def _frozen(mapping: Mapping[str, set[str]]) -> dict[str, tuple[str, ...]]:
    return {key: tuple(sorted(values)) for key, values in mapping.items()}
