"""Reading a site's `vocabulary:` from site.yaml: its actor kinds, link types, stances.

A group a site does not declare keeps the package defaults
(`generator.vocabulary`). A declared group replaces the default list, in the
order written; each entry maps a language code to its label (for an actor
kind also `plural`, for a link type its default `stance`). An entry may leave
a label out when the UI strings (the theme's `i18n/<lang>.yaml`, or the
site's own) already have one. The labels end up in the UI strings, the one
place templates read them from (`{{ kind | t('kinds') }}`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from generator.errors import did_you_mean
from generator.vocabulary import DEFAULT_VOCABULARIES, VOCABULARY_GROUPS, Term, Vocabularies

CODE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*\Z")
PLURAL_GROUP = "kind_plural"  # the UI-string group of an actor kind's plural label
EXAMPLE = (
    "e.g. vocabulary: {actor_kinds: {party: {id: Partai politik, en: Political party}}, "
    "link_types: {nominates: {id: Mengusung, en: Nominates, stance: cooperative}}}"
)

Report = Callable[[str, str], None]  # (key path in site.yaml, message)


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
    # Stances first: a link type's default stance must name one.
    for group in ("stances", "actor_kinds", "source_kinds", "link_types"):
        declared = raw.get(group)
        if declared is None:
            groups[group] = getattr(DEFAULT_VOCABULARIES, group)
        else:
            stances = tuple(term.code for term in groups.get("stances", ()))
            groups[group] = _group(group, declared, codes, strings, stances, problem)
        _require_labels(group, groups[group], codes, strings, problem, declared is not None)
    if raw.get("stances") is not None and raw.get("link_types") is None:
        _check_default_link_types(groups["stances"], problem)
    return Vocabularies(**groups)


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
    stances: tuple[str, ...],
    problem: Report,
) -> tuple[Term, ...]:
    key = f"vocabulary.{group}"
    if not isinstance(declared, dict) or not declared:
        problem(key, f"{key} must map each code to its labels; {EXAMPLE}")
        return ()
    allowed = {*codes, "stance"} if group == "link_types" else set(codes)
    if group == "actor_kinds":
        allowed.add("plural")
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
                f"({', '.join(codes)}){', stance' if group == 'link_types' else ''}"
                f"{', plural' if group == 'actor_kinds' else ''}",
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
        stance = entry.get("stance")
        if stance is not None and stance not in stances:
            problem(
                f"{where}.stance",
                f"stance '{stance}' is not a stance: expected one of {', '.join(stances)}"
                f"{did_you_mean(str(stance), stances)}",
            )
            stance = None
        terms.append(Term(code, stance if isinstance(stance, str) else None))
    return tuple(terms)


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
