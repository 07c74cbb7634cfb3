"""The keys of `site.yaml`, as one table: what each holds, its default, its help, its reader.

`content.config.load_config` reads site.yaml through `SITE_KEYS` (the
languages first: the other keys are read per language), a key not in it is
an unknown key, and `content.reference` prints it for the reference. Each
reader reports a problem at its key's line, saying what to write instead,
and returns what `SiteConfig` holds (a usable value even then, so every
problem is found in one pass). A new key is an entry here and a field of
`SiteConfig`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from generator.content.periods import KEYS as PERIOD_KEYS
from generator.content.periods import read_periods
from generator.content.vocabularies import ENTRY_KEYS, read_vocabularies
from generator.errors import Report
from generator.vocabulary import SECTION_NAMES, VOCABULARY_GROUPS

LANG_CODE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8})?\Z")
# An absolute http(s) URL with a host, and no character that could break out of
# robots.txt's line or an XML attribute (newline, quote, angle bracket, space).
BASE_URL = re.compile(r"^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~%!$&()*+,;=:@/-]*)?\Z")
# As Pelican's FEED_MAX_ITEMS: a feed is read for what is new, and one entry per
# source and event of a large site is a download of megabytes for every reader.
FEED_LIMIT = 100
SEGMENT = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*\Z")
# How long a stance is shown as current after its last report: a year, unless the
# site says otherwise. Conservative: a claim the sources have not repeated in a
# year is shown as "last reported", not as the present.
FADE_MONTHS = 12
FADE = re.compile(r"^(\d{1,3})\s*(y|m)\Z")
LICENCE_EXAMPLE = (
    "e.g. data_license: {name: CC BY 4.0, url: https://creativecommons.org/licenses/by/4.0/}"
)


@dataclass(frozen=True)
class Language:
    """One of the site's languages: its code and its name."""

    code: str
    name: str


@dataclass(frozen=True)
class Reading:
    """What a key's reader may consult: the site's languages (read first) and UI strings."""

    codes: list[str]
    strings: dict[str, dict[str, Any]]
    problem: Report


@dataclass(frozen=True)
class SiteKey:
    """One key of site.yaml."""

    name: str
    holds: str  # what it holds, as the reference says it
    help: str
    read: Callable[[str, Any, Reading], Any]  # (key, value as written, reading) → its value
    default: Any = None  # the value read when the key is left out
    required: bool = False
    parts: Mapping[str, str] = field(default_factory=dict)  # its own keys → help
    field: str = ""  # the `SiteConfig` field it fills, when not its name

    @property
    def target(self) -> str:
        return self.field or self.name


LANGUAGE_KEYS: dict[str, str] = {
    "code": "Its code, such as id or en: file names (`<slug>.<code>.md`) and URLs use it.",
    "name": "Its name in itself, as the language switch shows it.",
    "default": "true for the language `/` sends readers to (else the first listed).",
}
LICENCE_KEYS: dict[str, str] = {
    "name": "The licence's name, e.g. CC BY 4.0.",
    "url": "Its http(s) address.",
}


def read_languages(key: str, raw: Any, reading: Reading) -> tuple[Language, ...]:
    problem = reading.problem
    if not isinstance(raw, list) or not raw:
        problem(key, "languages must list at least one {code, name}")
        return (Language("id", "Bahasa Indonesia"),)
    languages: list[Language] = []
    defaults: list[str] = []
    for index, item in enumerate(raw):
        where = f"{key}.{index}"
        if not isinstance(item, dict) or not isinstance(item.get("code"), str):
            problem(where, "each language needs a code and a name, e.g. {code: en, name: English}")
            continue
        code = item["code"]
        if not LANG_CODE.match(code):
            problem(where, f"'{code[:40]}' is not a language code such as 'id' or 'en'")
            continue  # it names files (i18n/<code>.yaml): never use one that is not a code
        extra = set(item) - set(LANGUAGE_KEYS)
        if extra:
            problem(where, f"unknown key(s) {', '.join(sorted(extra))} in language '{code}'")
        if item.get("default"):
            defaults.append(code)
        languages.append(Language(code=code, name=str(item.get("name") or code)))
    if len(defaults) > 1:
        problem(key, f"only one language can be the default, not {', '.join(defaults)}")
    if len({lang.code for lang in languages}) != len(languages):
        problem(key, "a language is listed twice")
    if defaults:
        # The default language goes first: it is the one `/` offers first.
        languages.sort(key=lambda lang: lang.code != defaults[0])
    return tuple(languages)


def read_per_language(key: str, raw: Any, reading: Reading) -> dict[str, str]:
    codes, problem = reading.codes, reading.problem
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


def _base_url(key: str, raw: Any, reading: Reading) -> str:
    if not isinstance(raw, str) or not BASE_URL.match(raw):
        reading.problem(key, "base_url must be an absolute http(s) URL, e.g. https://example.org/")
        raw = "https://example.org/"
    return raw.rstrip("/") + "/"


def _sections(key: str, raw: Any, reading: Reading) -> dict[str, Mapping[str, str]]:
    raw = raw or {}
    if not isinstance(raw, dict):
        reading.problem(key, "sections must map each section to its URL segment per language")
        raw = {}
    sections: dict[str, Mapping[str, str]] = {}
    for section in SECTION_NAMES:
        where = f"{key}.{section}"
        names = read_per_language(
            where, raw.get(section, dict.fromkeys(reading.codes, section)), reading
        )
        for segment in names.values():
            if not SEGMENT.match(segment):
                reading.problem(
                    where, f"section name '{segment}' must be lowercase letters, digits and hyphens"
                )
        sections[section] = names
    return sections


def _flag(key: str, raw: Any, reading: Reading) -> bool:
    if not isinstance(raw, bool):
        reading.problem(key, f"{key} must be true or false")
        return False
    return raw


def _feed_limit(key: str, raw: Any, reading: Reading) -> int | None:
    if raw == "all":
        return None
    if isinstance(raw, bool) or not isinstance(raw, int) or raw < 1:
        reading.problem(
            key,
            f"{key} must be a whole number of entries, 1 or more, or 'all' (default {FEED_LIMIT})",
        )
        return FEED_LIMIT
    return raw


def _data_license(key: str, raw: Any, reading: Reading) -> dict[str, str] | None:
    """`data_license: {name: CC BY 4.0, url: https://creativecommons.org/licenses/by/4.0/}`."""
    problem = reading.problem
    if raw is None:
        return None
    if not isinstance(raw, dict) or not isinstance(raw.get("name"), str) or not raw["name"].strip():
        problem(key, f"{key} needs a name (and a url); {LICENCE_EXAMPLE}")
        return None
    for unknown in sorted(set(raw) - set(LICENCE_KEYS)):
        problem(f"{key}.{unknown}", f"unknown key '{unknown}' in {key}; {LICENCE_EXAMPLE}")
    url = raw.get("url")
    if url is not None and (not isinstance(url, str) or not BASE_URL.match(url)):
        problem(f"{key}.url", f"{key}.url must be an http(s) URL; {LICENCE_EXAMPLE}")
        url = None
    return {"name": raw["name"].strip(), **({"url": url} if url else {})}


def _fade_months(key: str, raw: Any, reading: Reading) -> int:
    """`stance_fades_after: 3y` (years) or `18m` (months); a bare number is years."""
    if raw is None:
        return FADE_MONTHS
    if isinstance(raw, int) and not isinstance(raw, bool) and 0 <= raw <= 999:
        return raw * 12
    match = FADE.match(str(raw).strip()) if isinstance(raw, str) else None
    if match is None:
        reading.problem(
            key,
            f"{key} is {str(raw)[:40]!r}: write years or months, e.g. 3y or 18m "
            f"(default {FADE_MONTHS // 12}y)",
        )
        return FADE_MONTHS
    number = int(match.group(1))
    return number * 12 if match.group(2) == "y" else number


def _vocabulary(key: str, raw: Any, reading: Reading) -> Any:
    return read_vocabularies(raw, reading.codes, reading.strings, reading.problem)


def _periods(key: str, raw: Any, reading: Reading) -> Any:
    return read_periods(raw, reading.codes, reading.problem)


def _as_written(key: str, raw: Any, reading: Reading) -> Any:
    return raw


_GROUP_HELP = {
    "actor_kinds": "What an actor may be (state, armed-group, …).",
    "link_types": "What an event may be (talks, armed-clash, …).",
    "stances": "The stances an event may take (cooperative, hostile, …).",
    "ties": "The structural ties a link type may be (affiliation, splinter, membership).",
    "source_kinds": "What kind of outlet a source may be.",
}


def _vocabulary_parts() -> dict[str, str]:
    """Each group, then the keys its entries may carry besides their labels."""
    parts: dict[str, str] = {}
    for group in VOCABULARY_GROUPS:
        parts[f"{group}.<code>"] = _GROUP_HELP[group] + " Its labels: one per language."
        for name, text in ENTRY_KEYS.get(group, {}).items():
            parts[f"{group}.<code>.{name}"] = text
    return parts


LANGUAGES = SiteKey(
    "languages",
    "a list of {code, name, default}",
    "The site's languages, the default first: a language is configuration, not code.",
    read_languages,
    required=True,
    parts=LANGUAGE_KEYS,
)

SITE_KEYS: tuple[SiteKey, ...] = (
    SiteKey(
        "base_url",
        "an absolute http(s) URL",
        "Where the site is published: canonical URLs, feeds, the sitemap.",
        _base_url,
        required=True,
    ),
    LANGUAGES,
    SiteKey(
        "title",
        "text, or text per language",
        "The site's name, in every language.",
        read_per_language,
        required=True,
    ),
    SiteKey(
        "description",
        "text, or text per language",
        "One sentence on what the site explains, in every language.",
        read_per_language,
        required=True,
    ),
    SiteKey(
        "sections",
        "section → URL segment per language",
        "The URL segment of each section, `/<lang>/<segment>/<slug>/` (default: its folder name).",
        _sections,
        parts={name: f"The {name} section's segment per language." for name in SECTION_NAMES},
    ),
    SiteKey(
        "publish_source_text",
        "true or false",
        "Publish a source's full article text on its page (articles belong to their publishers).",
        _flag,
        default=False,
    ),
    SiteKey(
        "vocabulary",
        "group → code → labels per language",
        "The site's own words: a group given replaces the built-in one, in the order written.",
        _vocabulary,
        parts=_vocabulary_parts(),
    ),
    SiteKey(
        "periods",
        "a list of {from, to, label}, oldest first",
        "The spans of years the story falls into: the timeline's small maps and the chart's "
        "table columns (default: years taken from the events).",
        _periods,
        parts=PERIOD_KEYS,
    ),
    SiteKey(
        "feed_limit",
        "a whole number, or all",
        "The newest entries each feed holds.",
        _feed_limit,
        default=FEED_LIMIT,
    ),
    SiteKey(
        "data_license",
        "{name, url}",
        "The licence of the site's open data, shown on the Data page (default: unstated).",
        _data_license,
        parts=LICENCE_KEYS,
    ),
    SiteKey(
        "stance_fades_after",
        "years (3y) or months (18m)",
        "How long a stance is shown as current after its last report; then 'last reported'.",
        _fade_months,
        default=f"{FADE_MONTHS // 12}y",
        field="fade_months",
    ),
    SiteKey(
        "ingest",
        "a mapping (read by ingest)",
        "How `explainer ingest` reads this site's articles: the articles' language, and cues "
        "and page furniture added to that language's own.",
        _as_written,
        parts={
            "language": "The articles' language code (default: the first of the site's "
            "languages that ingest reads).",
            "furniture": "What the news sites print around an article (bylines, captions, "
            "publishers, …), added to the language's own.",
            "cues": "How the news text says who works with or against whom, added to the "
            "language's own (`generator/ingest/languages/<code>.yaml` shows the shape).",
        },
    ),
)
SITE_KEY_BY_NAME: dict[str, SiteKey] = {key.name: key for key in SITE_KEYS}
