"""The world's states by name: ISO 3166 (pycountry) in the site's languages.

Owns knowing that `Amerika Serikat`, `United States`, `AS` and `US` name
one state, as general knowledge of the languages (like month names), never a
subject's list. Every country's name, common name and official name in
English and, through pycountry's gettext catalogues, in each site language;
the short name an official one implies (`Federasi Rusia` → `Rusia`,
`Republik Rakyat Tiongkok` → `Tiongkok`, `Iran, Islamic Republic of` →
`Iran`); and the names and abbreviations the language has and the catalogue
lacks (`AS`, `RI`, `Inggris`: the language's data). A name two states share
(`Korea`) names neither. ISO 3166-2 subdivisions (`Rakhine`, `Jawa Barat`)
are places.
"""

from __future__ import annotations

import gettext
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache

import pycountry

from generator.ingest.lexicon import NameCues

MIN_NAME = 4  # a catalogue name shorter than this is no name in running text


@dataclass(frozen=True)
class Countries:
    """Country names and their codes, and the places within them."""

    codes: Mapping[str, str]  # name as written → ISO 3166 alpha-3
    places: frozenset[str]  # subdivision names
    pattern: re.Pattern[str]

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, code) of every state named in `text`, longest name first."""
        out = []
        for match in self.pattern.finditer(text):
            out.append((match.start(), match.end(), self.codes[match.group(0)]))
        return out

    def code_of(self, name: str) -> str | None:
        return self.codes.get(name)


def load_countries(
    languages: Sequence[str],
    form_words: Iterable[str],
    extra: Mapping[str, Sequence[str]] | None = None,
) -> Countries:
    """Every state's names in `languages`; `extra` adds the language's own (`AS`, `Inggris`)."""
    forms = frozenset(form_words)
    names: dict[str, set[str]] = defaultdict(set)
    for country in pycountry.countries:
        code = country.alpha_3
        english = [
            getattr(country, attr, None) for attr in ("name", "common_name", "official_name")
        ]
        written = [n for n in english if isinstance(n, str)]
        for lang in dict.fromkeys(languages):
            if lang == "en":
                continue
            catalogue = _catalogue(lang)
            if catalogue is not None:
                written += [catalogue.gettext(n) for n in written if catalogue.gettext(n) != n]
        for name in written:
            for form in _forms(name, forms):
                names[form].add(code)
    codes = {n: next(iter(c)) for n, c in names.items() if len(c) == 1 and len(n) >= MIN_NAME}
    for code, written_by_language in (extra or {}).items():
        for name in written_by_language:
            codes[name] = code
    places = frozenset(s.name for s in pycountry.subdivisions if s.name not in codes)
    body = "|".join(re.escape(n) for n in sorted(codes, key=lambda n: (-len(n), n)))
    pattern = re.compile(rf"(?<![\w-])(?:{body})(?!\w)(?!-[a-z])")  # `AS-Filipina` yes
    return Countries(codes, places, pattern)


def states_for(languages: Sequence[str], cues: NameCues) -> Countries:
    """The world's states named in `languages` (English always) and the language's
    own names for them (`cues.state_names`), loaded once per process."""
    codes = tuple(dict.fromkeys(code for code in languages if code != "en"))
    extra = tuple(sorted((code, tuple(names)) for code, names in cues.state_names.items()))
    return _loaded(codes, cues.state_form_words, extra)


@cache  # ISO 3166 in several languages: 0.2 s, the same for every run of a process
def _loaded(
    codes: tuple[str, ...], forms: frozenset[str], extra: tuple[tuple[str, tuple[str, ...]], ...]
) -> Countries:
    return load_countries(codes, forms, dict(extra))


def _forms(name: str, form_words: frozenset[str]) -> list[str]:
    """A name and the short names it implies."""
    out = [name]
    head, _, tail = name.partition(",")
    if tail and form_words & set(tail.split()):  # `Iran, Islamic Republic of`, not
        out.append(head.strip())  # `Perancis, Wilayah Bagian Selatan`
    if "(" in name:  # `Bolivia (Plurinational State of)`
        out.append(name.split("(")[0].strip())
    words = name.split()
    start = 0
    while start < len(words) - 1 and words[start] in form_words:
        start += 1
    if start and words[start][:1].isupper():
        out.append(" ".join(words[start:]))
    return [n for n in out if n]


def _catalogue(lang: str) -> gettext.NullTranslations | None:
    try:
        return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang])
    except OSError:
        return None


def country_names(countries: Countries) -> Mapping[str, tuple[str, ...]]:
    """alpha-3 → every name of it (for a writer's aliases)."""
    out: dict[str, list[str]] = defaultdict(list)
    for name, code in sorted(countries.codes.items()):
        out[code].append(name)
    return {code: tuple(names) for code, names in out.items()}
