"""Reading and validating `site.yaml` and the UI strings in `i18n/<lang>.yaml`.

A language is configuration, not code: adding one means adding it to
`languages`, naming it in every per-language map, and (unless the package
theme has it) writing `templates/i18n/<code>.yaml` with every string the
default language has. A site's own i18n file overrides the theme's key by key.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.content.frontmatter import FrontMatter, parse_yaml_mapping
from generator.content.periods import Period
from generator.content.site_keys import (
    FADE_MONTHS,
    FEED_LIMIT,
    LANGUAGES,
    SITE_KEY_BY_NAME,
    SITE_KEYS,
    Language,
    Reading,
)
from generator.errors import ExplainerError, Problem, did_you_mean
from generator.fsguard import read_text
from generator.theme_files import I18N_DIR, SITE_TEMPLATES, THEME_DIR, search_path
from generator.vocabulary import DEFAULT_VOCABULARIES, Vocabularies

CONFIG_FILE = "site.yaml"


# UI-string keys a language may go without: its common words (`checks.language`).
OPTIONAL_STRINGS = {"stopwords"}


@dataclass(frozen=True)
class SiteConfig:
    root: Path
    base_url: str
    languages: tuple[Language, ...]
    title: Mapping[str, str]
    description: Mapping[str, str]
    sections: Mapping[str, Mapping[str, str]]  # section → language → URL segment
    strings: Mapping[str, Mapping[str, Any]]  # language → UI string key → text (or list/map)
    publish_source_text: bool = False
    ingest: Mapping[str, Any] | None = None  # raw; owned by generator.ingest
    vocabulary: Vocabularies = DEFAULT_VOCABULARIES  # the words content may use
    periods: tuple[Period, ...] = ()  # the story's spans of years; () derives them from events
    feed_limit: int | None = FEED_LIMIT  # newest entries per feed (None: every entry)
    # The licence of the site's open data ({name, url}), shown on the Data page; None: unstated.
    data_license: Mapping[str, str] | None = None
    fade_months: int = FADE_MONTHS  # `stance_fades_after`: current this long after its last report
    # the line of each dotted key in site.yaml, for problems found later (ingest's rules)
    key_lines: Mapping[str, int] = field(default_factory=dict, compare=False)

    @property
    def default_language(self) -> str:
        return self.languages[0].code

    @property
    def language_codes(self) -> tuple[str, ...]:
        return tuple(language.code for language in self.languages)

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    @property
    def templates_dir(self) -> Path:
        return self.root / SITE_TEMPLATES


def load_config(root: Path) -> SiteConfig:
    """Read `site.yaml` under `root` through `SITE_KEYS`; raise ExplainerError listing
    every problem."""
    path = root / CONFIG_FILE
    if not path.is_file():
        raise ExplainerError.single(
            path, None, "no site.yaml here: run explainer inside a project or pass --project DIR"
        )
    front = _read_yaml(path)
    raw = front.data
    problems: list[Problem] = []

    def problem(key: str, message: str) -> None:
        problems.append(Problem(str(path), front.line_of(key), message))

    for key in sorted(set(raw) - set(SITE_KEY_BY_NAME)):
        problem(
            key,
            f"unknown key '{key}': expected one of {', '.join(sorted(SITE_KEY_BY_NAME))}"
            f"{did_you_mean(str(key), SITE_KEY_BY_NAME)}",
        )
    # The languages first: the other keys are read per language, with its UI strings.
    languages = LANGUAGES.read(LANGUAGES.name, raw.get(LANGUAGES.name), Reading([], {}, problem))
    codes = [language.code for language in languages]
    strings = _load_strings(root, codes, problems)
    reading = Reading(codes, strings, problem)
    values = {
        key.target: key.read(key.name, raw.get(key.name, key.default), reading)
        for key in SITE_KEYS
        if key is not LANGUAGES
    }
    if problems:
        raise ExplainerError(problems)
    return SiteConfig(
        root=root, languages=languages, strings=strings, key_lines=front.key_lines, **values
    )


def _read_yaml(path: Path) -> FrontMatter:
    text = read_text(path, path.parent if path.name == CONFIG_FILE else path.parents[2])
    data, key_lines = parse_yaml_mapping(text, str(path), first_line=1)
    return FrontMatter(data=data, key_lines=key_lines)


def _load_strings(
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
                _merge_strings(merged, dict(_read_yaml(path).data))
            except ExplainerError as exc:
                problems.extend(exc.problems)
        strings[code] = merged
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
    return strings


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
