"""The vocabularies of the model: sections, and the default actor kinds, link types, stances.

Kept apart from the schema so the ingester, the templates and the checks all
name the same words. The tuples below are the defaults: a site declares its
own under `vocabulary:` in site.yaml (read by `content.vocabularies` into a
`Vocabularies` value, which is what everything downstream consults). `SECTIONS` is the one table of content sections: a new
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

# The stance a timeline event of each default link type takes when it names none: the
# stance this repository's dossiers give that type. A type whose events vary
# (a statement, a proposal, a denial) has none, so its events must say.
DEFAULT_STANCE: dict[str, str] = {
    "allies": "cooperative",
    "affiliate": "cooperative",
    "splinter": "hostile",
    "rival": "hostile",
    "talks": "mixed",
    "offer": "cooperative",
    "agreement": "cooperative",
    "intelligence-sharing": "cooperative",
    "support": "cooperative",
    "recognition": "cooperative",
    "designation": "hostile",
    "delisting": "cooperative",
    "warning": "hostile",
    "armed-clash": "hostile",
    "strike": "hostile",
    "rejection": "competitive",
}

# The groups a site's `vocabulary:` may declare → the UI-string group holding their labels.
VOCABULARY_GROUPS: dict[str, str] = {
    "actor_kinds": "kinds",
    "link_types": "link_types",
    "stances": "stances",
    "source_kinds": "source_kinds",
}


@dataclass(frozen=True)
class Term:
    """One word of a vocabulary; its labels per language live in the UI strings."""

    code: str
    stance: str | None = None  # a link type's default stance


@dataclass(frozen=True)
class Vocabularies:
    """The words a site's content may use, in the site's order."""

    actor_kinds: tuple[Term, ...]
    link_types: tuple[Term, ...]
    stances: tuple[Term, ...]
    source_kinds: tuple[Term, ...]

    def codes(self, group: str) -> tuple[str, ...]:
        terms: tuple[Term, ...] = getattr(self, group)
        return tuple(term.code for term in terms)

    def default_stance(self, link_type: str) -> str | None:
        return next((t.stance for t in self.link_types if t.code == link_type), None)


DEFAULT_VOCABULARIES = Vocabularies(
    actor_kinds=tuple(Term(code) for code in ACTOR_KINDS),
    link_types=tuple(Term(code, DEFAULT_STANCE.get(code)) for code in LINK_TYPES),
    stances=tuple(Term(code) for code in STANCES),
    source_kinds=tuple(Term(code) for code in SOURCE_KINDS),
)


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
            "place",
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
