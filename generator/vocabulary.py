"""The vocabularies of the model: sections, and the default actor kinds, link types, stances, ties.

Kept apart from the schema so the ingester, the templates and the checks all
name the same words. The tuples below are the defaults: a site declares its
own under `vocabulary:` in site.yaml (read by `content.vocabularies` into a
`Vocabularies` value, which is what everything downstream consults).

Every event falls in one **category**, the one word every view (map, chart,
table, lists, feeds, search) draws and names it by: its link type's tie kind
when the type declares one (a structural link: an affiliation, a splinter, a
membership), else its stance. A membership link type also says what its
event does to the membership (`joins`, `leaves`, or `member`: attests it),
and the group side of a membership is an actor of a group kind (a coalition).

`SECTIONS` is the one table of content sections: a new section is an entry
here, with its keys in `content.shapes.NEUTRAL_SHAPES` and its data class in
`content.model.SECTION_DATA`.
"""

from __future__ import annotations

from dataclasses import dataclass

ACTOR_KINDS: tuple[str, ...] = (
    "state",
    "government",
    "armed-group",
    "organisation",
    "party",
    "coalition",
    "person",
)

# The actor kinds that are groups: the group side of a membership.
GROUP_KINDS: tuple[str, ...] = ("coalition",)

# Stanford's Mapping Militant Organizations link types, membership, then event-like links.
LINK_TYPES: tuple[str, ...] = (
    "allies",
    "affiliate",
    "splinter",
    "rival",
    "member",
    "joins",
    "leaves",
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

# Structural kinds of tie: a link of one of these is drawn, named and listed as
# itself in every view, never as a stance. A membership forms intervals
# (joined … left), not stances.
MEMBERSHIP = "membership"
TIES: tuple[str, ...] = ("affiliation", "splinter", MEMBERSHIP)

# What a membership link type's event does to a membership.
MEMBERSHIP_ROLES: tuple[str, ...] = ("joins", "leaves", "member")

# The tie kind of each default link type that is structural, and the membership
# role of those that are memberships.
DEFAULT_TIE: dict[str, str] = {
    "affiliate": "affiliation",
    "splinter": "splinter",
    "member": MEMBERSHIP,
    "joins": MEMBERSHIP,
    "leaves": MEMBERSHIP,
}
DEFAULT_MEMBERSHIP: dict[str, str] = {"member": "member", "joins": "joins", "leaves": "leaves"}

# The stance a timeline event of each default link type takes when it names none: the
# stance this repository's dossiers give that type. A type whose events vary
# (a statement, a proposal, a denial) has none, so its events must say.
DEFAULT_STANCE: dict[str, str] = {
    "allies": "cooperative",
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
    "ties": "ties",
    "source_kinds": "source_kinds",
}


@dataclass(frozen=True)
class Term:
    """One word of a vocabulary; its labels per language live in the UI strings."""

    code: str
    stance: str | None = None  # a link type's default stance
    tie: str | None = None  # a link type's tie kind: its events are that tie, not a stance
    membership: str | None = None  # a membership link type's role: joins | leaves | member
    group: bool = False  # an actor kind whose actors are groups (coalitions) others join


@dataclass(frozen=True)
class Vocabularies:
    """The words a site's content may use, in the site's order."""

    actor_kinds: tuple[Term, ...]
    link_types: tuple[Term, ...]
    stances: tuple[Term, ...]
    source_kinds: tuple[Term, ...]
    ties: tuple[Term, ...] = tuple(Term(code) for code in TIES)

    def terms(self, group: str) -> tuple[Term, ...]:
        """The terms of one of the `VOCABULARY_GROUPS`."""
        terms: tuple[Term, ...] = getattr(self, group)
        return terms

    def codes(self, group: str) -> tuple[str, ...]:
        return tuple(term.code for term in self.terms(group))

    def _link_type(self, code: str) -> Term | None:
        return next((t for t in self.link_types if t.code == code), None)

    def default_stance(self, link_type: str) -> str | None:
        term = self._link_type(link_type)
        return term.stance if term else None

    def tie(self, link_type: str) -> str | None:
        """The tie kind of a structural link type (affiliation, membership, …), else None."""
        term = self._link_type(link_type)
        return term.tie if term else None

    def membership(self, link_type: str) -> str | None:
        """What an event of this link type does to a membership: joins, leaves, member."""
        term = self._link_type(link_type)
        return term.membership if term else None

    @property
    def categories(self) -> tuple[str, ...]:
        """What views draw and name an event by: the stances, then the tie kinds."""
        return self.codes("stances") + self.codes("ties")

    @property
    def group_kinds(self) -> tuple[str, ...]:
        """The actor kinds whose actors are the group side of a membership."""
        return tuple(t.code for t in self.actor_kinds if t.group)


DEFAULT_VOCABULARIES = Vocabularies(
    actor_kinds=tuple(Term(code, group=code in GROUP_KINDS) for code in ACTOR_KINDS),
    link_types=tuple(
        Term(code, DEFAULT_STANCE.get(code), DEFAULT_TIE.get(code), DEFAULT_MEMBERSHIP.get(code))
        for code in LINK_TYPES
    ),
    stances=tuple(Term(code) for code in STANCES),
    source_kinds=tuple(Term(code) for code in SOURCE_KINDS),
    ties=tuple(Term(code) for code in TIES),
)


@dataclass(frozen=True)
class Section:
    """One folder of `content/`: what its dossiers are called, whether it has a list page."""

    name: str  # the folder, e.g. "actors"
    singular: str  # `explainer new actor`, template `actor.html`
    listed: bool = True  # has a list page, in the navigation menu
    menu: bool = False  # each of its dossiers is in the navigation menu

    @property
    def template(self) -> str:
        return f"{self.singular}.html"


SECTIONS: tuple[Section, ...] = (
    Section("actors", "actor"),
    Section("relationships", "relationship"),
    Section("sources", "source"),
    Section("pages", "page", listed=False, menu=True),
)
SECTION_NAMES: tuple[str, ...] = tuple(s.name for s in SECTIONS)
SECTION_BY_NAME: dict[str, Section] = {s.name: s for s in SECTIONS}
LISTED_SECTIONS: tuple[str, ...] = tuple(s.name for s in SECTIONS if s.listed)
PAGES_SECTION = "pages"  # free-standing pages; the one with slug `home` is the home page
