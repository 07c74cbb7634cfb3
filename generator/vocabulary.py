"""The closed vocabularies of the model: sections, actor kinds, link types, stances.

Kept apart from the schema so the ingester, the templates and the checks all
name the same words. `SECTIONS` is the one table of content sections: a new
section, or a new language-neutral key of one, is an entry here (and its
reader in `content.load`).
"""

from __future__ import annotations

from dataclasses import dataclass

ACTOR_KINDS: tuple[str, ...] = (
    "state",
    "government",
    "armed-group",
    "organisation",
    "coalition",
    "person",
)

# Stanford's Mapping Militant Organizations link types, then event-like links.
LINK_TYPES: tuple[str, ...] = (
    "allies",
    "affiliate",
    "splinter",
    "rival",
    "talks",
    "offer",
    "proposal",
    "statement",
    "agreement",
    "intelligence-sharing",
    "support",
    "recognition",
    "designation",
    "delisting",
    "warning",
    "armed-clash",
    "strike",
    "rejection",
    "denial",
)

# What kind of outlet a source is, so readers can weigh its claims.
SOURCE_KINDS: tuple[str, ...] = ("news-site", "entertainment-portal", "wire-relay", "blog")

STANCES: tuple[str, ...] = ("cooperative", "competitive", "hostile", "mixed")


@dataclass(frozen=True)
class Section:
    """One folder of `content/`: what its dossiers are called and which keys they carry."""

    name: str  # the folder, e.g. "actors"
    singular: str  # `explainer new actor`, template `actor.html`
    neutral: tuple[str, ...]  # language-neutral keys: written once, inherited by every language
    required: tuple[str, ...] = ()  # neutral keys a published dossier must have
    listed: bool = True  # has a list page and a navigation entry

    @property
    def template(self) -> str:
        return f"{self.singular}.html"


SECTIONS: tuple[Section, ...] = (
    Section(
        "actors",
        "actor",
        neutral=("kind", "aliases", "affiliation", "role", "sources"),
        required=("kind",),
    ),
    Section(
        "relationships",
        "relationship",
        neutral=("actors", "timeline", "sources"),
        required=("actors",),
    ),
    Section(
        "sources",
        "source",
        neutral=(
            "kind",
            "publisher",
            "date",
            "language",
            "url",
            "author",
            "seed",
            "quotes",
            "actors",
            "evidence",
            "review",
        ),
    ),
    Section("pages", "page", neutral=(), listed=False),
)
SECTION_NAMES: tuple[str, ...] = tuple(s.name for s in SECTIONS)
SECTION_BY_NAME: dict[str, Section] = {s.name: s for s in SECTIONS}
LISTED_SECTIONS: tuple[str, ...] = tuple(s.name for s in SECTIONS if s.listed)
PAGES_SECTION = "pages"  # free-standing pages; the one with slug `home` is the home page
