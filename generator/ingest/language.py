"""The languages ingest reads and writes: words, cues and furniture as data.

Owns `languages/<code>.yaml`, one file per language (`id.yaml` shows the
shape: `words`, `cues`, `names`, `furniture`), and choosing which one the articles
are read with: `ingest: {language: <code>}` in site.yaml, else the site's
default language, else the first of its languages whose file can read
articles (has a cue lexicon). That language's code names the source
dossiers and the stubs' timelines (`<slug>.<code>.md`); every other site
language gets its untranslated file, titled with its own file's words, or
with FALLBACK's when it has none. A second language is a new file here, not
new code.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.content.config import SiteConfig
from generator.content.frontmatter import FrontMatter
from generator.errors import ExplainerError

LANGUAGES = Path(__file__).parent / "languages"
FALLBACK = "en"  # the words of a site language that has no file of its own
_SLOT = re.compile(r"\{([ab])\}")


@dataclass(frozen=True)
class Words:
    """A language's small words: dates, clitics, and what stubs are written with."""

    months: Mapping[str, int]  # name or abbreviation (lower case) → 1–12
    weekdays: Mapping[str, int]  # name (lower case) → Monday 0 … Sunday 6
    pair_title: str  # a relationship stub's title: `{a} dan {b}`
    untitled: str  # the title of an article that has none
    no_publisher: str  # a source slug's head when no publisher is found
    time_words: tuple[str, ...] = ()  # in a dateline's time: `pukul`
    time_zones: tuple[str, ...] = ()  # `WIB`
    past: tuple[str, ...] = ()  # after a weekday: `Selasa lalu (30/4)`
    clitics: tuple[str, ...] = ()  # glued to a word: `kecamannya`
    according_to: tuple[str, ...] = ()  # before a speaker: `menurut`
    relative: tuple[str, ...] = ()  # opens a relative clause: `, yang …,`
    between: tuple[str, ...] = ()  # `pertikaian antara A dan B`
    title_attribution: tuple[str, ...] = ()  # a derived title is cut before these
    abbreviations: frozenset[str] = frozenset()  # a full stop after these ends no sentence
    stopwords: frozenset[str] = frozenset()  # left out of a slug made from a title
    name_particles: frozenset[str] = frozenset()  # lower-case words inside a name: `al`, `bin`
    relative_dates: Mapping[str, tuple[str, int]] = field(default_factory=dict)  # `pekan lalu`
    year_markers: tuple[str, ...] = ()  # a year after one is a date: `pada 2003`
    date_notes: Mapping[str, str] = field(default_factory=dict)  # how → a note's template
    event: str = "{pair}: {type}, {stance}"  # an event written from its evidence
    claimed_by: str = "{who}"  # … said to be one side's claim
    denied_by: str = "{who}"  # … and who denies it
    # an event in the article's own words, where its clause says it plainly (empty: the
    # language writes every event from labels): `{subject} {verb} {object}{rest}`
    event_said: str = ""

    def pair(self, a: str, b: str) -> str:
        """`pair_title` with both names in (one pass: a name with `{b}` in it stays as is)."""
        return _SLOT.sub(lambda m: a if m.group(1) == "a" else b, self.pair_title)


@dataclass(frozen=True)
class Language:
    """One language file: its words, and its cues and furniture as site.yaml's `ingest:` has them."""

    code: str
    words: Words
    cues: Mapping[str, Any]
    furniture: Mapping[str, Any]
    names: Mapping[str, Any] = field(default_factory=dict)  # discovery's words (`lexicon`)

    @property
    def reads_articles(self) -> bool:
        return bool(self.cues.get("cues"))


@dataclass(frozen=True)
class SiteLanguages:
    """The languages ingest writes a site in."""

    original: Language  # the articles' language: source dossiers, stub timelines
    codes: tuple[str, ...]  # every site language, in the site's order
    words: Mapping[str, Words]  # each site language's words
    # each site language's UI strings: the vocabulary's labels, the months
    strings: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    def label(self, lang: str, group: str, code: str) -> str:
        """A vocabulary word's label in one language (its code when it has none)."""
        labels = self.strings.get(lang, {}).get(group)
        return str(labels.get(code, code)) if isinstance(labels, Mapping) else code

    def pair_title(self, code: str, a: str, b: str) -> str:
        return self.words[code].pair(a, b)


def packaged_codes() -> tuple[str, ...]:
    """The languages that have a file."""
    return tuple(sorted(path.stem for path in LANGUAGES.glob("*.yaml")))


def load_language(code: str) -> Language:
    """The packaged file of `code`, which must be one of `packaged_codes()`."""
    if code not in packaged_codes():  # never a path made from unchecked text
        raise ValueError(f"no ingest language file for '{code}'")
    data = yaml.safe_load((LANGUAGES / f"{code}.yaml").read_text(encoding="utf-8"))
    words = data.get("words") or {}
    return Language(
        code=code,
        words=Words(
            months={str(k).lower(): int(v) for k, v in words["months"].items()},
            weekdays={str(k).lower(): int(v) for k, v in words["weekdays"].items()},
            pair_title=str(words["pair_title"]),
            untitled=str(words["untitled"]),
            no_publisher=str(words["no_publisher"]),
            time_words=_strings(words, "time_words"),
            time_zones=_strings(words, "time_zones"),
            past=_strings(words, "past"),
            clitics=_strings(words, "clitics"),
            according_to=_strings(words, "according_to"),
            relative=_strings(words, "relative"),
            between=_strings(words, "between"),
            title_attribution=_strings(words, "title_attribution"),
            abbreviations=frozenset(_strings(words, "abbreviations")),
            stopwords=frozenset(_strings(words, "stopwords")),
            name_particles=frozenset(_strings(words, "name_particles")),
            relative_dates={
                str(k).lower(): _count(v) for k, v in (words.get("relative_dates") or {}).items()
            },
            year_markers=_strings(words, "year_markers"),
            date_notes={str(k): str(v) for k, v in (words.get("date_notes") or {}).items()},
            event=str(words["event"]),
            claimed_by=str(words["claimed_by"]),
            denied_by=str(words["denied_by"]),
            event_said=str(words.get("event_said") or ""),
        ),
        cues=data.get("cues") or {},
        furniture=data.get("furniture") or {},
        names=data.get("names") or {},
    )


def _count(value: Mapping[str, int]) -> tuple[str, int]:
    """`{weeks: 1}` → ("weeks", 1)."""
    ((unit, amount),) = value.items()
    return str(unit), int(amount)


def _strings(words: Mapping[str, Any], key: str) -> tuple[str, ...]:
    return tuple(str(word) for word in words.get(key) or ())


def site_languages(config: SiteConfig) -> SiteLanguages:
    """The articles' language and the site's; an ExplainerError says how to choose one."""
    loaded = {code: load_language(code) for code in packaged_codes()}
    lines = FrontMatter({}, config.key_lines)
    chosen = config.ingest.get("language") if isinstance(config.ingest, Mapping) else None
    codes = config.language_codes
    readers = [code for code, language in loaded.items() if language.reads_articles]
    if chosen is not None:
        if chosen not in codes or chosen not in readers:
            message = (
                f"ingest.language '{str(chosen)[:40]}' must be one of the site's languages "
                f"({', '.join(codes)}) that ingest can read: {', '.join(readers)}"
            )
            raise ExplainerError.single("site.yaml", lines.line_of("ingest.language"), message)
        original = loaded[chosen]
    else:
        fitting = [code for code in codes if code in readers]
        if not fitting:
            message = (
                f"ingest reads articles in {', '.join(readers)}, and none is a language of this "
                f"site ({', '.join(codes)}): add one to `languages`, or write "
                "generator/ingest/languages/<code>.yaml (with `cues`) for one of the site's"
            )
            raise ExplainerError.single("site.yaml", lines.line_of("languages"), message)
        original = loaded[fitting[0]]
    fallback = loaded[FALLBACK].words
    words = {code: loaded[code].words if code in loaded else fallback for code in codes}
    return SiteLanguages(original, codes, words, config.strings)
