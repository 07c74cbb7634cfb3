"""The site's configuration: `site.yaml` read through its key table, with the UI strings.

`load_config` reads each key as `content.site_keys` declares it and each
language's UI strings (`content.strings`) into one `SiteConfig`. A language
is configuration, not code: adding one means adding it to `languages`,
naming it in every per-language map, and (unless the package theme has it)
writing `templates/i18n/<code>.yaml` with every string the default language
has.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
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
from generator.content.strings import load_strings
from generator.errors import ExplainerError, Problem, did_you_mean
from generator.fsguard import read_text
from generator.theme_files import SITE_TEMPLATES
from generator.vocabulary import DEFAULT_VOCABULARIES, Vocabularies

CONFIG_FILE = "site.yaml"


@dataclass(frozen=True)
class SiteConfig:
    """The site's settings, as `site.yaml` gives them."""

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

    @cached_property
    def language_codes(self) -> tuple[str, ...]:
        # Asked ~10 times per page (each link's fallback language): made once.
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
    strings = load_strings(root, codes, problems)
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
