"""Reading and validating `site.yaml` and the UI strings in `i18n/<lang>.yaml`.

A language is configuration, not code: adding one means adding it to
`languages`, naming it in every per-language map, and (unless the package
theme has it) writing `templates/i18n/<code>.yaml` with every string the
default language has. A site's own i18n file overrides the theme's key by key.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.content.frontmatter import FrontMatter, parse_yaml_mapping
from generator.content.periods import Period, read_periods
from generator.content.vocabularies import read_vocabularies
from generator.errors import ExplainerError, Problem, did_you_mean
from generator.fsguard import read_text
from generator.theme_files import I18N_DIR, SITE_TEMPLATES, THEME_DIR, search_path
from generator.vocabulary import DEFAULT_VOCABULARIES, SECTION_NAMES, Vocabularies

CONFIG_FILE = "site.yaml"
LANG_CODE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8})?\Z")
# An absolute http(s) URL with a host, and no character that could break out of
# robots.txt's line or an XML attribute (newline, quote, angle bracket, space).
BASE_URL = re.compile(r"^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~%!$&()*+,;=:@/-]*)?\Z")
# As Pelican's FEED_MAX_ITEMS: a feed is read for what is new, and one entry per
# source and event of a large site is a download of megabytes for every reader.
FEED_LIMIT = 100
SEGMENT = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*\Z")
KNOWN_KEYS = {
    "base_url",
    "languages",
    "title",
    "description",
    "sections",
    "publish_source_text",
    "ingest",
    "vocabulary",
    "periods",
    "feed_limit",
    "data_license",
    "stance_fades_after",
}
# How long a stance is shown as current after its last report: a year, unless the
# site says otherwise. Conservative: a claim the sources have not repeated in a
# year is shown as "last reported", not as the present.
FADE_MONTHS = 12
FADE = re.compile(r"^(\d{1,3})\s*(y|m)\Z")


# UI-string keys a language may go without: its common words (`checks.language`).
OPTIONAL_STRINGS = {"stopwords"}


@dataclass(frozen=True)
class Language:
    code: str
    name: str


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
    """Read `site.yaml` under `root`; raise ExplainerError listing every problem."""
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

    for key in sorted(set(raw) - KNOWN_KEYS):
        problem(
            key,
            f"unknown key '{key}': expected one of {', '.join(sorted(KNOWN_KEYS))}"
            f"{did_you_mean(str(key), KNOWN_KEYS)}",
        )

    languages = _languages(raw.get("languages"), problem)
    codes = [language.code for language in languages]

    base_url = raw.get("base_url")
    if not isinstance(base_url, str) or not BASE_URL.match(base_url):
        problem("base_url", "base_url must be an absolute http(s) URL, e.g. https://example.org/")
        base_url = "https://example.org/"
    base_url = base_url.rstrip("/") + "/"

    title = _per_language(raw.get("title"), "title", codes, problem)
    description = _per_language(raw.get("description"), "description", codes, problem)

    sections_raw = raw.get("sections") or {}
    sections: dict[str, Mapping[str, str]] = {}
    if not isinstance(sections_raw, dict):
        problem("sections", "sections must map each section to its URL segment per language")
        sections_raw = {}
    for section in SECTION_NAMES:
        names = _per_language(
            sections_raw.get(section, {s: section for s in codes}),
            f"sections.{section}",
            codes,
            problem,
        )
        for segment in names.values():
            if not SEGMENT.match(segment):
                problem(
                    f"sections.{section}",
                    f"section name '{segment}' must be lowercase letters, digits and hyphens",
                )
        sections[section] = names

    publish = raw.get("publish_source_text", False)
    if not isinstance(publish, bool):
        problem("publish_source_text", "publish_source_text must be true or false")
        publish = False

    feed_limit = raw.get("feed_limit", FEED_LIMIT)
    if feed_limit == "all":
        feed_limit = None
    elif isinstance(feed_limit, bool) or not isinstance(feed_limit, int) or feed_limit < 1:
        problem(
            "feed_limit",
            f"feed_limit must be a whole number of entries, 1 or more, or 'all' (default {FEED_LIMIT})",
        )
        feed_limit = FEED_LIMIT

    data_license = _data_license(raw.get("data_license"), problem)
    fade_months = _fade_months(raw.get("stance_fades_after"), problem)
    strings = _load_strings(root, codes, problems)
    vocabulary = read_vocabularies(raw.get("vocabulary"), codes, strings, problem)
    periods = read_periods(raw.get("periods"), codes, problem)
    if problems:
        raise ExplainerError(problems)
    return SiteConfig(
        root=root,
        base_url=base_url,
        languages=tuple(languages),
        title=title,
        description=description,
        sections=sections,
        strings=strings,
        publish_source_text=publish,
        ingest=raw.get("ingest"),
        vocabulary=vocabulary,
        periods=periods,
        feed_limit=feed_limit,
        data_license=data_license,
        fade_months=fade_months,
        key_lines=front.key_lines,
    )


def _data_license(raw: Any, problem: Any) -> dict[str, str] | None:
    """`data_license: {name: CC BY 4.0, url: https://creativecommons.org/licenses/by/4.0/}`."""
    if raw is None:
        return None
    example = (
        "e.g. data_license: {name: CC BY 4.0, url: https://creativecommons.org/licenses/by/4.0/}"
    )
    if not isinstance(raw, dict) or not isinstance(raw.get("name"), str) or not raw["name"].strip():
        problem("data_license", f"data_license needs a name (and a url); {example}")
        return None
    for key in sorted(set(raw) - {"name", "url"}):
        problem(f"data_license.{key}", f"unknown key '{key}' in data_license; {example}")
    url = raw.get("url")
    if url is not None and (not isinstance(url, str) or not BASE_URL.match(url)):
        problem("data_license.url", f"data_license.url must be an http(s) URL; {example}")
        url = None
    return {"name": raw["name"].strip(), **({"url": url} if url else {})}


def _fade_months(raw: Any, problem: Any) -> int:
    """`stance_fades_after: 3y` (years) or `18m` (months); a bare number is years."""
    if raw is None:
        return FADE_MONTHS
    if isinstance(raw, int) and not isinstance(raw, bool) and 0 <= raw <= 999:
        return raw * 12
    match = FADE.match(str(raw).strip()) if isinstance(raw, str) else None
    if match is None:
        problem(
            "stance_fades_after",
            f"stance_fades_after is {str(raw)[:40]!r}: write years or months, e.g. 3y or 18m "
            f"(default {FADE_MONTHS // 12}y)",
        )
        return FADE_MONTHS
    number = int(match.group(1))
    return number * 12 if match.group(2) == "y" else number


def _read_yaml(path: Path) -> FrontMatter:
    text = read_text(path, path.parent if path.name == CONFIG_FILE else path.parents[2])
    data, key_lines = parse_yaml_mapping(text, str(path), first_line=1)
    return FrontMatter(data=data, key_lines=key_lines)


def _languages(raw: Any, problem: Any) -> list[Language]:
    if not isinstance(raw, list) or not raw:
        problem("languages", "languages must list at least one {code, name}")
        return [Language("id", "Bahasa Indonesia")]
    languages: list[Language] = []
    defaults: list[str] = []
    for index, item in enumerate(raw):
        key = f"languages.{index}"
        if not isinstance(item, dict) or not isinstance(item.get("code"), str):
            problem(key, "each language needs a code and a name, e.g. {code: en, name: English}")
            continue
        code = item["code"]
        if not LANG_CODE.match(code):
            problem(key, f"'{code[:40]}' is not a language code such as 'id' or 'en'")
            continue  # it names files (i18n/<code>.yaml): never use one that is not a code
        extra = set(item) - {"code", "name", "default"}
        if extra:
            problem(key, f"unknown key(s) {', '.join(sorted(extra))} in language '{code}'")
        if item.get("default"):
            defaults.append(code)
        languages.append(Language(code=code, name=str(item.get("name") or code)))
    if len(defaults) > 1:
        problem("languages", f"only one language can be the default, not {', '.join(defaults)}")
    if len({lang.code for lang in languages}) != len(languages):
        problem("languages", "a language is listed twice")
    if defaults:
        # The default language goes first: it is the one `/` offers first.
        languages.sort(key=lambda lang: lang.code != defaults[0])
    return languages


def _per_language(raw: Any, key: str, codes: list[str], problem: Any) -> dict[str, str]:
    if isinstance(raw, str):
        return {code: raw for code in codes}
    if not isinstance(raw, dict):
        problem(key, f"{key} must be text or a map of language code to text")
        return {code: "" for code in codes}
    for code in codes:
        if not isinstance(raw.get(code), str) or not raw[code].strip():
            problem(key, f"{key} has no text for language '{code}'")
    for code in sorted(set(raw) - set(codes)):
        problem(key, f"{key} names language '{code}', which is not in `languages`")
    return {code: str(raw.get(code) or "") for code in codes}


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
