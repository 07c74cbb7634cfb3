"""Date expressions → ISO dates, and the article's own date.

The forms are the same in every language; their words (months, weekdays,
time zones) are the article language's (`DateForms`, from its `Words`). In
Indonesian: `Minggu, 11 Oktober 2015 - 14:07 WIB`, `11 Oktober 2015`,
`Jumat (2/5/2025)`, `27/08/2021` (day/month/year), and `Rabu (1/9)` whose
year comes from the article: the year of a full date with the same day and
month, else the one year among those the article names (and the year after
the latest) on which that day falls on that weekday. A date the text does not
support is None with a note, never guessed.

The article's date is the latest date it speaks from: a dateline if there is
one, else the latest day-and-month date in the news forms above.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from generator.ingest.language import Words
from generator.ingest.records import DateFound
from generator.ingest.text import alternatives

PLAUSIBLE_YEARS = range(2000, 2036)  # news this tool reads: a weekday alone picks from these
YEAR = re.compile(r"\b(?P<y>(?:19[5-9]|20[0-4])\d)\b")


@dataclass(frozen=True)
class DateForms:
    """The date patterns of one language, compiled from its words."""

    months: Mapping[str, int]
    weekdays: Mapping[str, int]
    full: re.Pattern[str]  # `Minggu, 11 Oktober 2015 - 14:07 WIB`
    numeric: re.Pattern[str]  # `Jumat (2/5/2025)`, `27/08/2021`
    short: re.Pattern[str]  # `Rabu (1/9)`, `Selasa lalu (30/4)`, `(3 Mei)`
    time_word: re.Pattern[str]  # a word of a dateline's time: `14`, `WIB`, `pukul`


def date_forms(words: Words) -> DateForms:
    month, day = alternatives(words.months), alternatives(words.weekdays)
    zones, clock = alternatives(words.time_zones), alternatives(words.time_words)
    past = alternatives(words.past)
    full = re.compile(
        rf"(?:\b(?P<wd>{day})\s*,?\s*)?\b(?P<d>\d{{1,2}})\s+(?P<m>{month})\.?\s+(?P<y>\d{{4}})\b"
        rf"(?P<time>\s*[-–,|]?\s*(?:(?:{clock})\s*)?\d{{1,2}}[:.]\d{{2}}(?:\s*(?:{zones}))?)?",
        re.IGNORECASE,
    )
    numeric = re.compile(
        rf"(?:\b(?P<wd>{day})\s*,?\s*)?(?P<open>\()?\b(?P<d>\d{{1,2}})/(?P<m>\d{{1,2}})/(?P<y>\d{{4}})\b\)?",
        re.IGNORECASE,
    )
    short = re.compile(
        rf"(?:\b(?P<wd>{day})\s*(?:(?:{past})\s*)?)?"
        rf"\((?P<d>\d{{1,2}})(?:/(?P<m>\d{{1,2}})|\s+(?P<mw>{month}))\)",
        re.IGNORECASE,
    )
    time_word = re.compile(rf"\d+|{zones}|{clock}", re.IGNORECASE)
    return DateForms(words.months, words.weekdays, full, numeric, short, time_word)


@dataclass(frozen=True)
class DateScan:
    """The dates found in an article, and notes for the writer."""

    dates: tuple[DateFound, ...]
    notes: tuple[str, ...]


def scan_dates(
    lines: Iterable[str], datelines: Iterable[str] = (), *, forms: DateForms
) -> DateScan:
    """Every date in the article text; `datelines` are lines that only give a date."""
    body = "\n".join(lines)
    heads = "\n".join(datelines)
    notes: list[str] = []
    found: list[DateFound] = []
    for text, is_head in ((heads, True), (body, False)):
        for match in forms.full.finditer(text):
            kind = "dateline" if is_head or match.group("time") else "full"
            date = _make(int(match.group("y")), forms.months[match.group("m").lower()],
                         match.group("d"))  # fmt: skip
            _add(found, notes, date, match, kind, forms)
        for match in forms.numeric.finditer(text):
            date = _make(int(match.group("y")), int(match.group("m")), match.group("d"))
            _add(found, notes, date, match, "dateline" if is_head else "numeric", forms)
    years = context_years(body + "\n" + heads)
    for match in forms.short.finditer(body):
        day = int(match.group("d"))
        month = (
            int(match.group("m")) if match.group("m") else forms.months[match.group("mw").lower()]
        )
        year, why = _year_for(day, month, match.group("wd"), years, found, forms)
        notes.append(f"date '{match.group(0)}': {why}")
        if year is not None:
            _add(found, notes, _make(year, month, str(day)), match, "short", forms)
    unique = {(f.iso, f.expression, f.kind): f for f in found}
    return DateScan(
        tuple(sorted(unique.values(), key=lambda f: (f.iso, f.expression))), tuple(notes)
    )


def article_date(scan: DateScan) -> str | None:
    """The latest date the article speaks from, preferring a dateline."""
    for kinds in (("dateline",), ("numeric", "short"), ("full",)):
        isos = [f.iso for f in scan.dates if f.kind in kinds]
        if isos:
            return max(isos)
    return None


def context_years(text: str) -> tuple[int, ...]:
    years = {int(m.group("y")) for m in YEAR.finditer(text)}
    return tuple(sorted(years))


def _year_for(
    day: int,
    month: int,
    weekday: str | None,
    years: tuple[int, ...],
    found: list[DateFound],
    forms: DateForms,
) -> tuple[int | None, str]:
    """The year of a date written without one, and the rule that decided (for the note)."""
    same = sorted({f.iso[:4] for f in found if f.iso[5:] == f"{month:02d}-{day:02d}"})
    if len(same) == 1:
        return int(same[0]), f"year {same[0]} from the full date with the same day and month"
    wanted = forms.weekdays[weekday.lower()] if weekday else None
    if years:
        candidates = sorted({*years, max(years) + 1})
        if wanted is None:
            if len(set(years)) == 1:
                return years[0], f"year {years[0]}, the only year the article names"
            return None, "the article names several years and no weekday; left unset"
        fits = [y for y in candidates if _weekday(y, month, day) == wanted]
        if len(fits) == 1:
            return fits[0], f"year {fits[0]}: the one year the article names with a {weekday} then"
        if fits:
            return None, f"years {', '.join(map(str, fits))} all fit; left unset"
    if wanted is None:
        return None, "no year in the article to place it in; left unset"
    window = [y for y in PLAUSIBLE_YEARS if _weekday(y, month, day) == wanted]
    if len(window) == 1:
        first, last = PLAUSIBLE_YEARS[0], PLAUSIBLE_YEARS[-1]
        return window[0], (f"year {window[0]}: the only year in {first}–{last} "
                           f"with a {weekday} then; check it")  # fmt: skip
    shown = ", ".join(map(str, window[-3:])) or "none"
    return (
        None,
        f"no year in the text, and a {weekday} then fits several years ({shown}…); left unset",
    )


def _weekday(year: int, month: int, day: int) -> int | None:
    try:
        return dt.date(year, month, day).weekday()
    except ValueError:
        return None


def _make(year: int, month: int, day: str) -> dt.date | None:
    try:
        return dt.date(year, month, int(day))
    except ValueError:
        return None


def _add(
    found: list[DateFound],
    notes: list[str],
    date: dt.date | None,
    match: re.Match[str],
    kind: str,
    forms: DateForms,
) -> None:
    expression = match.group(0).strip()
    if date is None:
        notes.append(f"'{expression}' is not a calendar date; ignored")
        return
    weekday = match.group("wd")
    ok = None if not weekday else date.weekday() == forms.weekdays[weekday.lower()]
    if ok is False:
        notes.append(
            f"'{expression}': the weekday contradicts the written year "
            f"({date.isoformat()} is not a {weekday}); check the date"
        )
    found.append(DateFound(date.isoformat(), expression, kind, ok))
