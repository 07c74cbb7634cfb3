"""Each language's UI strings: the theme's `i18n/<lang>.yaml`, with the site's own on top.

Every label a page shows that is not content is a UI string (a section's
name, a month, a URL segment such as `paths.timeline`), so a language is a
configuration change: a site's `templates/i18n/<code>.yaml` overrides the
package theme's key by key, one level into groups, and every language must
have every string the default language has.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from generator.content.frontmatter import parse_yaml_mapping
from generator.errors import ExplainerError, Problem
from generator.fsguard import read_text
from generator.theme_files import I18N_DIR, SITE_TEMPLATES, THEME_DIR, search_path

# UI-string keys a language may go without: its common words (`checks.language`).
OPTIONAL_STRINGS = {"stopwords"}


def load_strings(
    root: Path, codes: list[str], problems: list[Problem]
) -> dict[str, dict[str, Any]]:
    """Each language's UI strings: the package theme's, with the site's own file on top."""
    strings: dict[str, dict[str, Any]] = {}
    for code in codes:
        name = f"{I18N_DIR}/{code}.yaml"
        layers = [folder / name for folder in reversed(search_path(root))]
        found = [path for path in layers if path.is_file()]
        if not found:
            problems.append(
                Problem(
                    str(root / SITE_TEMPLATES / name),
                    None,
                    f"no UI strings for language '{code}': create this file "
                    f"(copy one from {THEME_DIR / I18N_DIR})",
                )
            )
            continue
        merged: dict[str, Any] = {}
        for path in found:
            try:
                text = read_text(path, path.parents[2])
                _merge_strings(merged, parse_yaml_mapping(text, str(path), first_line=1)[0])
            except ExplainerError as exc:
                problems.extend(exc.problems)
        strings[code] = merged
    problems.extend(_incomplete(root, codes, strings))
    return strings


def _incomplete(
    root: Path, codes: list[str], strings: Mapping[str, Mapping[str, Any]]
) -> list[Problem]:
    """Months that are not twelve names, and strings a language lacks that the first has."""
    problems = []
    for code, table in strings.items():
        months = table.get("months")
        if (
            not isinstance(months, list)
            or len(months) != 12
            or not all(isinstance(m, str) for m in months)
        ):
            problems.append(
                Problem(
                    str(root / SITE_TEMPLATES / I18N_DIR / f"{code}.yaml"),
                    None,
                    "months must list the twelve month names, January first",
                )
            )
    if codes and codes[0] in strings:
        reference = _string_keys(strings[codes[0]]) - OPTIONAL_STRINGS
        for code in codes[1:]:
            missing = sorted(reference - _string_keys(strings.get(code, {})))
            if code in strings and missing:
                problems.append(
                    Problem(
                        str(root / SITE_TEMPLATES / I18N_DIR / f"{code}.yaml"),
                        None,
                        f"missing UI strings {', '.join(missing)} (they exist for '{codes[0]}')",
                    )
                )
    return problems


def _merge_strings(base: dict[str, Any], layer: Mapping[str, Any]) -> None:
    """A site's strings override the theme's key by key, one level into groups."""
    for key, value in layer.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            base[key] = {**base[key], **value}
        else:
            base[key] = value


def _string_keys(strings: Mapping[str, Any]) -> set[str]:
    """Every key, with nested maps flattened as `group.key`."""
    keys: set[str] = set()
    for key, value in strings.items():
        if isinstance(value, dict):
            keys.update(f"{key}.{sub}" for sub in value)
        else:
            keys.add(str(key))
    return keys
