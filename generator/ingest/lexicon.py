"""The words discovery reads names by: a language file's `names` as a typed value.

Owns reading the cues that tell, in a language, an organisation's head word
and the kinds it suggests, an honorific, a role, a verb, a medium, a place
phrase or a fixed phrase from a name (the `names` part of
`languages/<code>.yaml`, read by `language`). Built once per run with the
rules and passed along as a frozen `NameCues`; no subject's actors are in
it, only the language's words.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from generator.ingest.language import Language


@dataclass(frozen=True)
class NameCues:
    """The words around a name that tell what kind of actor it names."""

    heads_before: Mapping[str, tuple[str, ...]]  # head word → kinds, best first
    heads_after: Mapping[str, tuple[str, ...]]
    institutions: frozenset[str]  # heads that stand for the actor after them
    state_heads: frozenset[str]  # lower case: `pemerintah China` is China
    institution_words: frozenset[str]  # lower case: `pihak junta`, `kementerian luar negeri`
    the_actor_itself: frozenset[str]  # of those: `pemerintah China` is China
    leaders: frozenset[str]  # of the state heads, its leader's: `Presiden Rusia menolak` acts
    attendance: frozenset[str]  # passive verbs whose agents only attend: `dihadiri`
    agent_markers: frozenset[str]  # between a passive verb and its agent: `oleh`
    government_nouns: frozenset[str]
    government_modifiers: frozenset[str]
    state_form_words: frozenset[str]
    state_names: Mapping[str, tuple[str, ...]]  # ISO alpha-3 → the language's own names
    honorifics: frozenset[str]
    pronouns: frozenset[str]
    name_links: tuple[str, ...]  # longest first
    roles: tuple[str, ...]  # lower case, longest first
    report_nouns: frozenset[str]  # `menurut pembacaan …`: a report cited, not a speaker
    demonstratives: frozenset[str]  # `politikus PKB itu`: someone named before
    continuing: frozenset[str]  # `lanjut dia`: the last speaker, going on
    fillers: frozenset[str]
    time_openers: frozenset[str]
    time_words: frozenset[str]
    control_verbs: frozenset[str]
    active_prefixes: tuple[str, ...]
    passive_prefixes: tuple[str, ...]
    not_verbs: frozenset[str]
    bare_verbs: frozenset[str]
    media_cues: tuple[str, ...]  # lower case, longest first
    prepositions: frozenset[str]
    clause_openers: frozenset[str]
    event_words: frozenset[str]
    venue_words: frozenset[str]
    phrases: tuple[str, ...]
    common_prefixes: tuple[str, ...]
    common_suffixes: tuple[str, ...]
    name_endings: tuple[str, ...] = ()  # `Setiawan`: a name, though affixed like a word
    connectors: frozenset[str] = frozenset()  # lower case inside a name: `untuk`, `bin`
    particles: frozenset[str] = frozenset()  # … of a person's name (the language's words)
    joiners: frozenset[str] = frozenset()  # between two actors: `dan`, `atau` (its cues)
    region_titles: frozenset[str] = frozenset()  # `Gubernur Sulteng Hasan Lamadi`
    place_heads: frozenset[str] = frozenset()  # `Kota Madiun Yusuf Hidayat`
    report_openers: tuple[str, ...] = ()  # `berdasarkan keterangan …`: citing a report
    report_sources: tuple[str, ...] = ()  # `… dari Sekretariat Presiden`: its source
    same_report: tuple[str, ...] = ()  # `keterangan yang sama`: the one cited before
    joint_statements: tuple[str, ...] = ()  # `pernyataan bersama`: the actors named together
    organs: tuple[str, ...] = ()  # `Majelis Tinggi`, `Dewan Pimpinan Pusat`: a party's, no actor
    media_people: tuple[str, ...] = ()  # lower case: `jurnalis`, `wartawan` before a name
    media_sources: tuple[str, ...] = ()  # lower case: `dilansir` before a medium's name
    acting_roles: tuple[str, ...] = ()  # lower case: `menjadi tuan rumah`: the name acts
    role_links: frozenset[str] = frozenset()  # `mengusung X sebagai calon presiden`
    naming_words: tuple[str, ...] = ()  # lower case: `komite bernama Suara Rakyat …`
    statement_verbs: tuple[str, ...] = ()  # `Dalam pernyataan Kemlu X disebutkan, "…"`

    @property
    def lower_heads(self) -> Mapping[str, tuple[str, ...]]:
        """`partai`, `koalisi`: a head in lower case, giving its kind to the name after it."""
        return {
            k.lower(): v
            for k, v in self.heads_before.items()
            if k not in self.institutions and v[0] != "government"  # `pemerintahan Suu Kyi`
        }


def name_cues(language: Language) -> NameCues:
    """A language file's `names`, with its name particles and group joiners (a file
    without `names`: a language whose names discovery cannot read yet)."""
    data = language.names
    particles = frozenset(w.lower() for w in language.words.name_particles)
    return NameCues(
        heads_before=_kinds(data.get("heads_before")),
        heads_after=_kinds(data.get("heads_after")),
        institutions=frozenset(_words(data, "institutions")),
        state_heads=_lower(data, "state_heads"),
        institution_words=_lower(data, "institution_words"),
        the_actor_itself=_lower(data, "the_actor_itself"),
        leaders=_lower(data, "leaders"),
        attendance=_lower(data, "attendance"),
        agent_markers=_lower(data, "agent_markers"),
        government_nouns=_lower(data, "government_nouns"),
        government_modifiers=_lower(data, "government_modifiers"),
        state_form_words=frozenset(_words(data, "state_form_words")),
        state_names=_kinds(data.get("state_names")),
        honorifics=frozenset(_words(data, "honorifics")),
        pronouns=frozenset(_words(data, "pronouns")),
        name_links=_longest_first(_words(data, "name_links")),
        roles=_longest_first(w.lower() for w in _words(data, "roles")),
        report_nouns=_lower(data, "report_nouns"),
        demonstratives=_lower(data, "demonstratives"),
        continuing=_lower(data, "continuing"),
        fillers=_lower(data, "fillers"),
        time_openers=_lower(data, "time_openers"),
        time_words=_lower(data, "time_words"),
        control_verbs=_lower(data, "control_verbs"),
        active_prefixes=tuple(_words(data, "active_prefixes")),
        passive_prefixes=tuple(_words(data, "passive_prefixes")),
        not_verbs=_lower(data, "not_verbs"),
        bare_verbs=_lower(data, "bare_verbs"),
        media_cues=_longest_first(w.lower() for w in _words(data, "media_cues")),
        prepositions=_lower(data, "prepositions"),
        clause_openers=_lower(data, "clause_openers"),
        event_words=frozenset(_words(data, "event_words")),
        venue_words=frozenset(_words(data, "venue_words")),
        phrases=_longest_first(_words(data, "phrases")),
        common_prefixes=_longest_first(_words(data, "common_prefixes")),
        common_suffixes=_longest_first(_words(data, "common_suffixes")),
        name_endings=tuple(_words(data, "name_endings")),
        connectors=_lower(data, "connectors") | particles,
        region_titles=frozenset(_words(data, "region_titles")),
        place_heads=frozenset(_words(data, "place_heads")),
        report_openers=_longest_first(w.lower() for w in _words(data, "report_openers")),
        report_sources=_longest_first(w.lower() for w in _words(data, "report_sources")),
        same_report=_longest_first(w.lower() for w in _words(data, "same_report")),
        joint_statements=_longest_first(w.lower() for w in _words(data, "joint_statements")),
        organs=_longest_first(_words(data, "organs")),
        media_people=_longest_first(w.lower() for w in _words(data, "media_people")),
        media_sources=_longest_first(w.lower() for w in _words(data, "media_sources")),
        acting_roles=_longest_first(w.lower() for w in _words(data, "acting_roles")),
        role_links=_lower(data, "role_links"),
        naming_words=_longest_first(w.lower() for w in _words(data, "naming_words")),
        statement_verbs=_longest_first(w.lower() for w in _words(data, "statement_verbs")),
        particles=particles,
        joiners=frozenset(_lower(language.cues, "group_joiners")),
    )


def _lower(data: Mapping[str, Any], key: str) -> frozenset[str]:
    return frozenset(w.lower() for w in _words(data, key))


def _words(data: Mapping[str, Any], key: str) -> list[str]:
    value = data.get(key)
    return [str(v) for v in value if isinstance(v, str | int)] if isinstance(value, list) else []


def _kinds(value: Any) -> dict[str, tuple[str, ...]]:
    """A mapping of words to lists of words (`Partai: [party, organisation]`)."""
    if not isinstance(value, dict):
        return {}
    return {
        str(head): tuple(str(k) for k in kinds)
        for head, kinds in value.items()
        if isinstance(kinds, list) and kinds
    }


def _longest_first(words: Any) -> tuple[str, ...]:
    return tuple(sorted(dict.fromkeys(words), key=lambda w: (-len(w), w)))
