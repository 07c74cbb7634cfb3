"""The typed records templates receive: what every page has, and the links, citations
and texts every kind shows.

Every page's template gets `page` (a `Page`), `site` (a `SiteView`),
`citations` and its kind's own record (`kinds.KindData`: `HomeData`,
`DossierData`, …, each defined beside its filler). They are TypedDicts: plain
dicts when a template reads them (Jinja's fast path for dicts, and a theme
sees the keys it always saw), and checked by mypy where they are built. A
key marked NotRequired is one a template tests with `is defined`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NotRequired, TypedDict


class DossierLink(TypedDict):
    """What a template needs to show a link to a dossier (`Context.ref`)."""

    slug: str
    title: str
    title_lang: str
    url: str
    section: str
    kind: str | None  # an actor's kind
    stance: str | None  # a relationship's category, and how far its evidence goes:
    state: str | None
    latest: str | None
    ended: str | None
    sort_key: str


class SourceLink(DossierLink):
    """A link to a source, with what lists show beside it."""

    publisher: str | None
    date: str | None


class Citation(DossierLink):
    """A numbered entry of a page's list of sources; a source's details when it is one."""

    number: int
    publisher: NotRequired[str | None]
    date: NotRequired[str | None]
    url_original: NotRequired[str | None]
    language: NotRequired[str]


class Localised(TypedDict):
    """A text in the page's language, or the first language that has it (`Context.local`)."""

    text: str
    lang: str


class ImageView(TypedDict):
    src: str  # relative to the page, or an external URL
    absolute: str
    alt: str
    caption: str | None
    credit: str | None


class Alternate(TypedDict):
    """The page in one language (hreflang and the language switch)."""

    lang: str
    name: str
    url: str
    absolute: str
    current: bool


class NavItem(TypedDict):
    """A menu entry: a list page or the timeline (named by `section_<section>`), or a page."""

    section: str | None
    url: str
    title: NotRequired[str]


class LanguageView(TypedDict):
    code: str
    name: str


class TermView(TypedDict):
    code: str
    stance: str | None
    tie: str | None
    membership: str | None


class MethodView(TypedDict):
    """How the charts weigh evidence, in the site's numbers (the about page states them)."""

    fade: str
    events: str
    months: str


class SiteView(TypedDict):
    """What every page shows of the site: its name, links, menu, words and UI strings."""

    title: str
    description: str
    lang: str
    home: str
    search: str
    data: str
    languages: list[LanguageView]
    nav: list[NavItem]
    strings: Mapping[str, Any]  # the UI strings of the page's language, as configured
    vocabulary: dict[str, list[TermView]]
    method: MethodView


class Page(TypedDict):
    """What every page has; its kind's filler sets its title and what its text gives."""

    kind: str
    lang: str
    url: str
    canonical: str
    translated: bool
    text_lang: str
    section: str | None
    slug: str | None
    indexed: bool  # what the search index holds
    link_base: str | None  # links start here (the 404 page, served at any path), not at `url`
    feed: str
    extra: Mapping[str, Any]  # a dossier's `extra:` front-matter, for themes
    title: str
    description: str
    alternates: list[Alternate]
    as_of: str | None  # the newest date the page shows, from content (never the clock)
    jsonld: str | None
    # A page with a text (a dossier, the home page):
    summary_html: NotRequired[str]
    body_html: NotRequired[str]
    image: NotRequired[ImageView | None]
    updated: NotRequired[str | None]
    target: NotRequired[str]  # where a redirect (or the root) sends the reader


class NoData(TypedDict):
    """The record of a kind whose page needs nothing beyond `page` (the root, a redirect)."""
