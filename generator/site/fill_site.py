"""The data of the site-wide pages: home, lists, the timeline, search, 404.

Each of these pages shows every dossier of a kind. Home and search show them
all and depend on all of them (`ALL`); a list and the timeline depend on the
sections they read (`Context.section`) and on the titles they show, so a
renamed actor leaves the sources list and the timeline as they are. The URL
segment of the timeline and search pages is a UI string (`paths` in
templates/i18n/<lang>.yaml), so a language stays a configuration change. Each
filler returns its kind's record (`HomeData`, `ListData`, …).
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from operator import itemgetter
from typing import Any, NotRequired, TypedDict, TypeVar

from generator.content.model import ActorData, RelationshipData, SourceData, TimelineEvent
from generator.graph.build_graph import PlacedEvent
from generator.site.answer import AnswerView, stance_view
from generator.site.chart import Chart, chart
from generator.site.context import Context
from generator.site.dependencies import ALL
from generator.site.fill_dossier import EventItem, event_item, fill_text
from generator.site.map_view import MapView, relationship_map
from generator.site.membership import MembershipView, membership_view
from generator.site.records import DossierLink, Page, SourceLink
from generator.site.urls import HOME_PAGE_SLUG
from generator.vocabulary import PAGES_SECTION, SECTION_NAMES

STORY_ANSWERS = 2  # the home page opens with the answers of the story's first relationships
CHANGELOG_ITEMS = 5

Link = TypeVar("Link", bound=DossierLink)


class AnswerItem(DossierLink):
    answer: AnswerView | None


class RelationshipItem(DossierLink):
    since: str | None
    answer: AnswerView | None
    actors: list[DossierLink]


class ActorGroup(TypedDict):
    kind: str
    members: list[DossierLink]


class ChangelogItem(TypedDict):
    """A dated event or source: what changed in the content."""

    date: str
    event: NotRequired[EventItem]
    source: NotRequired[SourceLink]


class HomeData(TypedDict):
    answers: list[AnswerItem]
    chart: Chart | None
    members: MembershipView | None
    map: MapView | None
    changelog: list[ChangelogItem]
    timeline_url: str
    actors: list[ActorGroup]
    relationships: list[DossierLink]
    sources: list[SourceLink]


class ListData(TypedDict):
    groups: list[ActorGroup]  # the actors list: by kind
    items: Sequence[DossierLink]  # every other list
    map: MapView | None  # the relationships list


class YearGroup(TypedDict):
    year: str | None
    events: list[EventItem]


class TimelineData(TypedDict):
    years: list[YearGroup]
    map: MapView | None


class SectionGroup(TypedDict):
    section: str
    members: list[DossierLink]


class SearchData(TypedDict):
    groups: list[SectionGroup]


class LanguageHome(TypedDict):
    lang: str
    name: str
    strings: Mapping[str, Any]
    home: str
    search: str


class NotFoundData(TypedDict):
    languages: list[LanguageHome]


EventKey = tuple[str, str, int]  # `PlacedEvent.sort_key`: (date, relationship, index)


def _keyed_events(ctx: Context) -> Iterator[tuple[EventKey, TimelineEvent]]:
    """Every timeline event of every relationship, with the key it is ordered by."""
    for d in ctx.section("relationships"):
        if isinstance(d.data, RelationshipData):
            for index, event in enumerate(d.data.timeline):
                yield (event.date or "", d.slug, index), event


def all_events(ctx: Context) -> list[PlacedEvent]:
    """Every timeline event of every relationship, newest first (stable order)."""
    ordered = sorted(_keyed_events(ctx), key=itemgetter(0), reverse=True)
    return [PlacedEvent(slug, event, index) for (_, slug, index), event in ordered]


def newest_events(ctx: Context, count: int) -> list[PlacedEvent]:
    """The first `count` of `all_events`, without placing and sorting every event: the
    home page's changelog shows five of them, at 5,000 dossiers out of some 20,000.
    The keys are unique, so `nlargest` orders them as the sort does."""
    newest = heapq.nlargest(count, _keyed_events(ctx), key=itemgetter(0))
    return [PlacedEvent(slug, event, index) for (_, slug, index), event in newest]


def fill_home(ctx: Context, page: Page) -> HomeData:
    ctx.used.add(ALL)
    ctx.shows_everything = True
    model = ctx.graph.model
    home = model.dossiers.get(HOME_PAGE_SLUG)
    if home is not None and home.section == PAGES_SECTION:
        fill_text(ctx, home, page)
        page["title"] = model.config.title[ctx.lang]
    story = story_relationships(ctx)
    return {
        "answers": [
            {**ctx.ref(slug), "answer": stance_view(ctx.graph.stance_of.get(slug))}
            for slug in story[:STORY_ANSWERS]
        ],
        "chart": chart(ctx, (d.slug for d in model.in_section("relationships")), story),
        "members": membership_view(ctx, (d.slug for d in model.in_section("actors"))),
        "map": relationship_map(ctx),
        "changelog": changelog(ctx),
        "timeline_url": ctx.urls.special(ctx.lang, "timeline"),
        "actors": grouped_actors(ctx),
        "relationships": _by_title(ctx.refs(d.slug for d in model.in_section("relationships"))),
        "sources": sources_newest_first(ctx),
    }


def story_relationships(ctx: Context) -> list[str]:
    """The relationships the home page's text links, in the order it names them."""
    home = ctx.graph.model.dossiers.get(HOME_PAGE_SLUG)
    if home is None:
        return []
    slugs = [ref.slug for ref in home.refs if ref.kind == "link"]
    dossiers = ctx.graph.model.dossiers
    return list(
        dict.fromkeys(s for s in slugs if s in dossiers and dossiers[s].section == "relationships")
    )


def changelog(ctx: Context) -> list[ChangelogItem]:
    """The newest dated events and sources, newest first: what changed in the content."""
    items: list[tuple[str, int, ChangelogItem]] = []
    for placed in newest_events(ctx, CHANGELOG_ITEMS):
        if placed.event.date:
            item = event_item(ctx, placed)
            items.append((placed.event.date, 1, {"event": item, "date": placed.event.date}))
    for source in sources_newest_first(ctx)[:CHANGELOG_ITEMS]:
        if source["date"]:
            items.append((source["date"], 0, {"source": source, "date": source["date"]}))
    items.sort(key=lambda item: (item[0], item[1]), reverse=True)
    return [item for _, _, item in items[:CHANGELOG_ITEMS]]


def grouped_actors(ctx: Context) -> list[ActorGroup]:
    """Actors grouped by kind (in the vocabulary's order), each group by title."""
    groups: dict[str, list[DossierLink]] = {}
    for dossier in ctx.section("actors"):
        kind = dossier.data.kind if isinstance(dossier.data, ActorData) else "organisation"
        groups.setdefault(kind, []).append(ctx.ref(dossier.slug))
    kinds = ctx.graph.model.config.vocabulary.codes("actor_kinds")
    order = [k for k in kinds if k in groups] + sorted(set(groups) - set(kinds))
    return [{"kind": kind, "members": _by_title(groups[kind])} for kind in order]


def sources_newest_first(ctx: Context) -> list[SourceLink]:
    items: list[SourceLink] = []
    for dossier in ctx.section("sources"):
        data = dossier.data if isinstance(dossier.data, SourceData) else None
        publisher, date = (data.publisher, data.date) if data else (None, None)
        items.append({**ctx.ref(dossier.slug), "publisher": publisher, "date": date})
    items.sort(key=lambda item: item["sort_key"])
    items.sort(key=lambda item: item["date"] or "", reverse=True)
    return items


def relationships_with_actors(ctx: Context) -> list[RelationshipItem]:
    items: list[RelationshipItem] = []
    for dossier in ctx.section("relationships"):
        stance = ctx.graph.stance_of.get(dossier.slug)
        actors = dossier.data.actors if isinstance(dossier.data, RelationshipData) else ()
        items.append(
            {
                **ctx.ref(dossier.slug),
                "since": stance.since if stance else None,
                "answer": stance_view(stance),
                "actors": ctx.refs(actors),
            }
        )
    return _by_title(items)


def _titled(ctx: Context, section: str) -> list[DossierLink]:
    return _by_title(ctx.refs(d.slug for d in ctx.section(section)))


# What a section's list page lists, when it is not every dossier by title.
LIST_ITEMS: dict[str, Callable[[Context], Sequence[DossierLink]]] = {
    "actors": lambda ctx: [],  # grouped by kind instead: `grouped_actors`
    "sources": sources_newest_first,
    "relationships": relationships_with_actors,
}


def fill_list(ctx: Context, page: Page) -> ListData:
    ctx.shows_everything = True
    section = page["section"] or ""
    strings = ctx.graph.model.config.strings[ctx.lang]
    page["title"] = strings[f"section_{section}"]
    page["description"] = strings.get("list_descriptions", {}).get(section, page["title"])
    items = LIST_ITEMS.get(section, lambda ctx: _titled(ctx, section))
    return {
        "map": relationship_map(ctx) if section == "relationships" else None,
        "groups": grouped_actors(ctx) if section == "actors" else [],
        "items": items(ctx),
    }


def fill_timeline(ctx: Context, page: Page) -> TimelineData:
    """Every dated link of every relationship, newest first, grouped by year."""
    ctx.shows_everything = True
    strings = ctx.graph.model.config.strings[ctx.lang]
    page["title"] = strings["timeline_title"]
    page["description"] = strings["timeline_description"]
    years: list[YearGroup] = []
    for placed in all_events(ctx):
        year = (placed.event.date or "")[:4] or None
        if not years or years[-1]["year"] != year:
            years.append({"year": year, "events": []})
        years[-1]["events"].append(event_item(ctx, placed))
    return {"years": years, "map": relationship_map(ctx)}


def fill_search(ctx: Context, page: Page) -> SearchData:
    """The search page: without JavaScript, every dossier by title."""
    ctx.used.add(ALL)
    ctx.shows_everything = True
    strings = ctx.graph.model.config.strings[ctx.lang]
    page["title"] = strings["search_title"]
    page["description"] = strings["search_description"]
    groups: list[SectionGroup] = []
    for section in SECTION_NAMES:
        slugs = [
            d.slug
            for d in ctx.graph.model.in_section(section)
            if section != PAGES_SECTION or d.slug != HOME_PAGE_SLUG
        ]
        members = _by_title(ctx.refs(slugs))
        if members:
            groups.append({"section": section, "members": members})
    return {"groups": groups}


def fill_not_found(ctx: Context, page: Page) -> NotFoundData:
    """One 404 page for every language: it is served at any missing path."""
    config = ctx.graph.model.config
    page["title"] = config.strings[ctx.lang]["not_found_title"]
    return {
        "languages": [
            {
                "lang": language.code,
                "name": language.name,
                "strings": config.strings[language.code],
                "home": ctx.urls.home(language.code),
                "search": ctx.urls.special(language.code, "search"),
            }
            for language in config.languages
        ]
    }


def _by_title(items: Iterable[Link]) -> list[Link]:
    return sorted(items, key=lambda item: (item["sort_key"], item["slug"]))
