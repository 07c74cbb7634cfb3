"""Reading a site's `vocabulary:` from site.yaml: its actor kinds, link types, stances, ties.

A group a site does not declare keeps the package defaults
(`generator.vocabulary`). A declared group replaces the default list, in the
order written; each entry maps a language code to its label (for an actor
kind also `plural` and `group: true` for coalitions, for a link type its
default `stance`, or the `tie` kind it is, and for a membership what its
event does: `membership: joins | leaves | member`). An entry may leave
a label out when the UI strings (the theme's `i18n/<lang>.yaml`, or the
site's own) already have one. The labels end up in the UI strings, the one
place templates read them from (`{{ kind | t('kinds') }}`); the stances' and
ties' labels also in one `categories` group, the word every view names an
event's category by (`{{ category | t('categories') }}`).
"""

from __future__ import annotations

import re
from typing import Any

from generator.errors import Report, did_you_mean
from generator.vocabulary import (
    DEFAULT_VOCABULARIES,
    MEMBERSHIP,
    MEMBERSHIP_ROLES,
    VOCABULARY_GROUPS,
    Term,
    Vocabularies,
)

CODE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*\Z")
PLURAL_GROUP = "kind_plural"  # the UI-string group of an actor kind's plural label
CATEGORY_GROUP = "categories"  # the UI-string group naming stances and ties alike
# The keys an entry of each group may carry besides its labels → their help.
ENTRY_KEYS: dict[str, dict[str, str]] = {
    "actor_kinds": {
        "plural": "Its plural label per language, for list headings.",
        "group": "true for a kind of group others join (a coalition): a membership's group side.",
    },
    "link_types": {
        "stance": "The stance an event of this type takes when it names none.",
        "tie": "The tie kind this type is: its events are drawn as that tie, not a stance.",
        "membership": "What its event does to a membership: joins, leaves or member.",
    },
}
EXAMPLE = (
    "e.g. vocabulary: {actor_kinds: {party: {id: Partai politik, en: Political party}}, "
    "link_types: {nominates: {id: Mengusung, en: Nominates, stance: cooperative}}}"
)


def read_vocabularies(
    raw: Any, codes: list[str], strings: dict[str, dict[str, Any]], problem: Report
) -> Vocabularies:
    """The site's vocabularies; every label is added to `strings` (language → UI strings)."""
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        problem("vocabulary", f"vocabulary must be a mapping of groups; {EXAMPLE}")
        raw = {}
    for key in sorted(set(raw) - set(VOCABULARY_GROUPS), key=str):
        problem(
            f"vocabulary.{key}",
            f"unknown vocabulary '{key}': expected one of {', '.join(VOCABULARY_GROUPS)}"
            f"{did_you_mean(str(key), VOCABULARY_GROUPS)}",
        )
    groups: dict[str, tuple[Term, ...]] = {}
    # Stances and ties first: a link type's default stance or tie must name one.
    for group in ("stances", "ties", "actor_kinds", "source_kinds", "link_types"):
        declared = raw.get(group)
        if declared is None:
            groups[group] = getattr(DEFAULT_VOCABULARIES, group)
        else:
            groups[group] = _group(group, declared, codes, strings, groups, problem)
        _require_labels(group, groups[group], codes, strings, problem, declared is not None)
    clash = set(_codes(groups["stances"])) & set(_codes(groups["ties"]))
    for code in sorted(clash):
        problem(
            f"vocabulary.ties.{code}",
            f"'{code}' is both a stance and a tie kind: name the tie kind otherwise",
        )
    _check_memberships(groups, bool(raw.get("link_types")), problem)
    if raw.get("stances") is not None and raw.get("link_types") is None:
        _check_default_link_types(groups["stances"], problem)
    for lang in codes:
        if lang in strings:
            labels = strings[lang]
            strings[lang][CATEGORY_GROUP] = {**labels.get("stances", {}), **labels.get("ties", {})}
    return Vocabularies(**groups)


def _codes(terms: tuple[Term, ...]) -> tuple[str, ...]:
    return tuple(term.code for term in terms)


def _check_memberships(
    groups: dict[str, tuple[Term, ...]], declared: bool, problem: Report
) -> None:
    """A membership the site declares needs a group side: an actor kind marked
    `group: true`. The default link types' memberships ask for nothing: a site that
    never uses them need not declare a coalition kind (an event that does use one
    without a group actor is `checks.timeline.memberships_without_a_group`'s error)."""
    members = [t.code for t in groups["link_types"] if t.membership]
    if not declared or not members or any(t.group for t in groups["actor_kinds"]):
        return
    problem(
        f"vocabulary.link_types.{members[0]}",
        f"link type '{members[0]}' is a membership, but no actor kind is a group: "
        "add `group: true` to the kind of the coalitions, e.g. "
        "actor_kinds: {coalition: {id: Koalisi, en: Coalition, group: true}}",
    )


def _check_default_link_types(stances: tuple[Term, ...], problem: Report) -> None:
    """The default link types give their events default stances: the site's own
    stances must still have them (or the site declares its own link types)."""
    declared = {term.code for term in stances}
    missing = sorted({t.stance for t in DEFAULT_VOCABULARIES.link_types if t.stance} - declared)
    if missing and stances:
        problem(
            "vocabulary.stances",
            f"the default link types give events the stances {', '.join(missing)}, "
            "which vocabulary.stances does not declare: declare them too, or declare "
            "vocabulary.link_types with a stance of yours for each type",
        )


def _group(
    group: str,
    declared: Any,
    codes: list[str],
    strings: dict[str, dict[str, Any]],
    groups: dict[str, tuple[Term, ...]],
    problem: Report,
) -> tuple[Term, ...]:
    key = f"vocabulary.{group}"
    if not isinstance(declared, dict) or not declared:
        problem(key, f"{key} must map each code to its labels; {EXAMPLE}")
        return ()
    extra = tuple(ENTRY_KEYS.get(group, ()))
    allowed = {*codes, *extra}
    terms: list[Term] = []
    for code, entry in declared.items():
        where = f"{key}.{code}"
        if not isinstance(code, str) or not CODE.match(code):
            problem(where, f"'{code}' must be lowercase letters, digits and hyphens")
            continue
        entry = entry if entry is not None else {}
        if not isinstance(entry, dict):
            problem(where, f"'{code}' must map language codes to labels, e.g. {{en: …}}")
            continue
        for unknown in sorted(set(entry) - allowed, key=str):
            problem(
                f"{where}.{unknown}",
                f"unknown key '{unknown}' in {where}; expected a language "
                f"({', '.join(codes)}){''.join(', ' + k for k in extra)}"
                f"{did_you_mean(str(unknown), extra) if extra else ''}",
            )
        label_group = VOCABULARY_GROUPS[group]
        for lang in codes:
            if isinstance(entry.get(lang), str) and lang in strings:
                strings[lang].setdefault(label_group, {})[code] = entry[lang]
        plural = entry.get("plural")
        if isinstance(plural, dict):
            for lang in codes:
                if isinstance(plural.get(lang), str) and lang in strings:
                    strings[lang].setdefault(PLURAL_GROUP, {})[code] = plural[lang]
        if group == "link_types":
            terms.append(_link_type(where, code, entry, groups, problem))
        else:
            group_flag = entry.get("group", False)
            if not isinstance(group_flag, bool):
                problem(f"{where}.group", f"`group` must be true or false in {where}")
                group_flag = False
            terms.append(Term(code, group=group_flag))
    return tuple(terms)


def _choice(where: str, value: Any, allowed: tuple[str, ...], what: str, problem: Report) -> Any:
    if value is not None and value not in allowed:
        problem(
            where,
            f"{what} '{value}' is not one: expected one of {', '.join(allowed)}"
            f"{did_you_mean(str(value), allowed)}",
        )
        return None
    return value


def _link_type(
    where: str,
    code: str,
    entry: dict[str, Any],
    groups: dict[str, tuple[Term, ...]],
    problem: Report,
) -> Term:
    """A link type: a stance by default, or a tie kind (and, for a membership, its role)."""
    stance = _choice(
        f"{where}.stance", entry.get("stance"), _codes(groups["stances"]), "stance", problem
    )
    tie = _choice(f"{where}.tie", entry.get("tie"), _codes(groups["ties"]), "tie kind", problem)
    role = _choice(
        f"{where}.membership", entry.get("membership"), MEMBERSHIP_ROLES, "membership role", problem
    )
    if role is not None:
        if tie not in (None, MEMBERSHIP):
            problem(
                f"{where}.tie", f"'{code}' is a membership: its tie is '{MEMBERSHIP}', not '{tie}'"
            )
        tie = MEMBERSHIP
        if MEMBERSHIP not in _codes(groups["ties"]):
            problem(
                f"{where}.membership",
                f"'{code}' is a membership, but vocabulary.ties has no '{MEMBERSHIP}': add it",
            )
    if tie is not None and stance is not None:
        problem(
            f"{where}.stance",
            f"'{code}' is a tie ({tie}), drawn as itself, never as a stance: remove `stance`",
        )
        stance = None
    return Term(code, stance, tie, role)


def _require_labels(
    group: str,
    terms: tuple[Term, ...],
    codes: list[str],
    strings: dict[str, dict[str, Any]],
    problem: Report,
    declared: bool,
) -> None:
    label_group = VOCABULARY_GROUPS[group]
    for term in terms:
        for lang in codes:
            labels = strings.get(lang, {})
            group_labels = labels.get(label_group)
            if not isinstance(group_labels, dict):  # `kinds: null` in an i18n file, say
                group_labels = labels[label_group] = {}
            if term.code not in group_labels:
                where = f"vocabulary.{group}.{term.code}" if declared else "vocabulary"
                problem(
                    where,
                    f"{group} '{term.code}' has no label in '{lang}': "
                    f"add `{lang}: …` to vocabulary.{group}.{term.code}",
                )
            if group == "actor_kinds":
                # A kind without a plural is listed under its singular label.
                plurals = labels.get(PLURAL_GROUP)
                if not isinstance(plurals, dict):
                    plurals = labels[PLURAL_GROUP] = {}
                plurals.setdefault(term.code, group_labels.get(term.code, ""))
