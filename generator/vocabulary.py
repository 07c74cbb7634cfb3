"""The closed vocabularies of the model: actor kinds, link types, stances.

Kept apart from the schema so the ingester, the templates and the checks all
name the same words.
"""

from __future__ import annotations

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

SECTIONS: tuple[str, ...] = ("actors", "relationships", "sources", "pages")
