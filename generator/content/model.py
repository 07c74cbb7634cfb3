"""The model: frozen dataclasses for dossiers as the loader leaves them.

A dossier is one slug in one section, with a `Version` per language file and
the language-neutral data written once and shared by all versions. Nothing
here knows about files beyond the paths and lines kept for error messages.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Self, TypeVar

from generator.content.config import SiteConfig

T = TypeVar("T")

# Per-language text inside structured entries: {"id": "…", "en": "…"}.
LocalText = Mapping[str, str]


@dataclass(frozen=True)
class Ref:
    """One reference from a dossier to another dossier's slug."""

    slug: str
    kind: str  # link, cite, actor, affiliation, source, speaker, about, claim_by, denied_by
    path: str
    line: int | None
    expects: str | None = None  # the section the target must be in, if any


@dataclass(frozen=True)
class Image:
    """A dossier's picture (front-matter `image:`): the page's figure and its og:image."""

    src: str  # relative to content/, or an http(s) URL
    alt: str
    caption: str | None = None
    credit: str | None = None


@dataclass(frozen=True)
class Version:
    """One language file of a dossier."""

    lang: str
    path: str
    title: str
    summary: str
    summary_line: int | None
    body: str
    body_line: int
    draft: bool = False
    untranslated: bool = False
    translated_from: Mapping[str, str] | None = None
    image: Image | None = None
    # Local images this file shows (front-matter and body), relative to content/.
    images: tuple[str, ...] = ()
    updated: str | None = None  # front-matter `updated:` (YYYY-MM-DD)
    publish_date: str | None = None  # front-matter `publish_date:`: hidden until then
    redirect_from: tuple[str, ...] = ()  # old slugs (`explainer rename`) whose URLs redirect here
    generated: bool = False  # its body is still the one the ingester wrote
    # the lines of its timeline events whose text is still the one the ingester wrote
    generated_events: tuple[int | None, ...] = ()
    # The line of every front-matter key path of this file (`aliases.id.0` → 12),
    # so checks point at lines without reading the file again.
    key_lines: Mapping[str, int] = field(default_factory=dict, compare=False)
    extra: Mapping[str, Any] = field(default_factory=dict)  # a theme's keys, for templates only

    def line_of(self, key: str) -> int | None:
        return self.key_lines.get(key)

    @property
    def is_placeholder(self) -> bool:
        """A draft or untranslated file stands in for text not written yet."""
        return self.draft or self.untranslated


@dataclass(frozen=True)
class TimelineEvent:
    """One dated event of a relationship's timeline."""

    date: str | None  # YYYY, YYYY-MM or YYYY-MM-DD
    type: str
    stance: str  # "" for a tie written without one
    claim_by: tuple[str, ...]
    denied_by: tuple[str, ...]
    sources: tuple[str, ...]
    text: LocalText
    date_note: LocalText | None
    line: int | None
    tie: str | None = None  # the tie kind of its link type (affiliation, membership, …)
    membership: str | None = None  # joins | leaves | member, for a membership link type

    @property
    def category(self) -> str:
        """What every view draws and names the event by: its tie kind, else its stance."""
        return self.tie or self.stance


@dataclass(frozen=True)
class Lifespan:
    """When an actor was active (front-matter `active:`): either end may be unknown."""

    start: str | None  # YYYY, YYYY-MM or YYYY-MM-DD
    until: str | None
    sources: tuple[str, ...]
    line: int | None = None


@dataclass(frozen=True)
class Quote:
    """A quotation a source reports, with its translation."""

    speaker: str | None
    text: str
    translation: LocalText
    about: tuple[str, ...]
    line: int | None
    language: str | None = None  # the language the speaker used, when known
    note: LocalText | None = None  # shown with the quote, e.g. how it was translated
    speaker_label: LocalText | None = None  # who spoke, when no actor slug fits


@dataclass(frozen=True)
class ActorData:
    """What an actor's dossier adds to the common fields."""

    kind: str
    aliases: Mapping[str, tuple[str, ...]]  # language → names; "*" for every language
    affiliation: str | None
    role: LocalText | None
    sources: tuple[str, ...]
    active: Lifespan | None = None  # when it began and ended, where the sources say


@dataclass(frozen=True)
class RelationshipData:
    """What a relationship's dossier adds: its two actors, timeline and sources."""

    actors: tuple[str, str]
    timeline: tuple[TimelineEvent, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class SourceData:
    """What a source's dossier adds: who published it, when, where."""

    publisher: str | None
    date: str | None
    language: str
    url: str | None
    author: str | None
    seed: str | None
    quotes: tuple[Quote, ...]
    actors: tuple[str, ...]
    evidence: tuple[Mapping[str, Any], ...]
    review: tuple[str, ...]
    kind: str | None = None  # one of SOURCE_KINDS
    place: str | None = None  # the dateline's city, as the article gives it


@dataclass(frozen=True)
class PageData:
    """A plain page adds nothing to the common fields."""


SectionData = ActorData | RelationshipData | SourceData | PageData
# Each section's data: one field per language-neutral key (`shapes.NEUTRAL_SHAPES`).
SECTION_DATA: dict[str, type[SectionData]] = {
    "actors": ActorData,
    "relationships": RelationshipData,
    "sources": SourceData,
    "pages": PageData,
}


class Derived:
    """Views of an immutable object that a later stage computes once (`derive`): the
    object never changes, so neither do they."""

    def derive(self, name: str, compute: Callable[[Self], T]) -> T:
        if name not in self._derived:
            self._derived[name] = compute(self)
        return self._derived[name]

    @cached_property
    def _derived(self) -> dict[str, Any]:
        return {}


@dataclass(frozen=True)
class Dossier(Derived):
    """One slug's files merged. Its views (`derive`: what a check finds in its texts)
    travel with it: a dossier whose files did not change is the same object in the
    next build (the parse memo's, from the build cache), views included, so an edit
    redoes them for its own dossier only."""

    section: str
    slug: str
    versions: Mapping[str, Version]  # language → version, placeholders included
    data: SectionData
    refs: tuple[Ref, ...] = ()

    def published_version(self, lang: str) -> Version | None:
        version = self.versions.get(lang)
        return None if version is None or version.is_placeholder else version

    @property
    def any_path(self) -> str:
        return next(iter(self.versions.values())).path


@dataclass(frozen=True)
class Model(Derived):
    """The site as loaded. Its views (`derive`: the page plan, the menu, ...) are made
    once per model, and every load makes a new model (they are not pickled)."""

    config: SiteConfig
    dossiers: Mapping[str, Dossier]  # slug → dossier (slugs are unique site-wide)
    excluded_drafts: frozenset[str] = field(default_factory=frozenset)
    unreadable: frozenset[str] = field(default_factory=frozenset)  # slugs whose files failed
    # Dossiers held back until their `publish_date` (slug → date); see graph.dates.
    scheduled: Mapping[str, str] = field(default_factory=dict)
    # Every file marked `draft: true`, as (slug, version), published with --drafts or not.
    draft_files: tuple[tuple[str, Version], ...] = ()

    def in_section(self, section: str) -> list[Dossier]:
        """The section's dossiers by slug (indexed once: pages ask for this many times)."""
        return list(self._by_section.get(section, ()))

    def __getstate__(self) -> dict[str, Any]:
        # The views are remade on demand from a new model each build: not pickled.
        return {k: v for k, v in self.__dict__.items() if k not in ("_derived", "_by_section")}

    @cached_property
    def _by_section(self) -> dict[str, tuple[Dossier, ...]]:
        grouped: dict[str, list[Dossier]] = {}
        for _, dossier in sorted(self.dossiers.items()):
            grouped.setdefault(dossier.section, []).append(dossier)
        return {section: tuple(items) for section, items in grouped.items()}
