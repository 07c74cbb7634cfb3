"""When an event happened: the date its own sentence gives, against the article's date.

Owns dating one finding. Every date expression of its sentence is read, and
the one nearest the finding's cue dates it:

- a full date (`22 Februari 2021`, `Jumat (2/5/2025)`), a month and year
  (`Agustus 2021`) or a year (`pada 2003`): as written, no note;
- a day and month, with or without a weekday (`Senin (18/9)`, `Selasa lalu
  (30/4)`, `24 April lalu`): the latest such day up to the article's date,
  its weekday checked; a note says the year is the article's;
- a weekday alone (`pada Rabu`, `Jumat kemarin`): the latest such day up to
  the article's date, with a note;
- a relative expression (`kemarin`, `pekan lalu`, `bulan lalu`, `tahun lalu`)
  from the language's `relative_dates`: counted back from the article's date,
  at the precision it allows (a week back is its month), with a note;
- none: the article's date, with a note saying the sentence names none.
Without an article date, only a date the sentence writes in full is taken.
The note is a kind and the expression (`EventDate`); `plan` writes it in
every site language. Pure.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from generator.ingest.dates import DateForms
from generator.ingest.language import Words
from generator.ingest.records import EventDate
from generator.ingest.text import alternatives

LATE_DAYS = 1  # an event may be dated a day after the article's date (time zones)


@dataclass(frozen=True)
class _Found:
    """A date found in a text, and where."""

    start: int
    end: int
    date: EventDate


def event_date(
    sentence: str, cue_at: int, article: str | None, forms: DateForms, words: Words
) -> EventDate:
    """The date of the event whose cue stands at `cue_at` in `sentence`."""
    anchor = dt.date.fromisoformat(article) if article else None
    found = _expressions(sentence, anchor, forms, words)
    if found:
        nearest = min(found, key=lambda f: (_gap(f, cue_at), f.start))
        return nearest.date
    if article:
        return EventDate(article, "article", "")
    return EventDate(None, "none", "")


def _gap(found: _Found, offset: int) -> int:
    if found.start <= offset < found.end:
        return 0
    return found.start - offset if found.start >= offset else offset - found.end


def _expressions(
    sentence: str, anchor: dt.date | None, forms: DateForms, words: Words
) -> list[_Found]:
    out: list[_Found] = []
    taken: list[tuple[int, int]] = []

    def add(match: re.Match[str], date: EventDate | None) -> None:
        start, end = match.span()
        if date is not None and not any(a < end and start < b for a, b in taken):
            taken.append((start, end))
            out.append(_Found(start, end, date))

    for match in forms.full.finditer(sentence):
        month = forms.months[match.group("m").lower()]
        add(match, _exact(int(match.group("y")), month, int(match.group("d")), match))
    for match in forms.numeric.finditer(sentence):
        add(
            match,
            _exact(int(match.group("y")), int(match.group("m")), int(match.group("d")), match),
        )
    for match in forms.short.finditer(sentence):
        month = (
            int(match.group("m")) if match.group("m") else forms.months[match.group("mw").lower()]
        )
        weekday = forms.weekdays[match.group("wd").lower()] if match.group("wd") else None
        add(match, _day_month(int(match.group("d")), month, weekday, anchor, match))
    if anchor is None:
        for match in _month_year(forms).finditer(sentence):
            month = forms.months[match.group("m").lower()]
            add(match, EventDate(f"{match.group('y')}-{month:02d}", "exact", match.group(0)))
        for match in _year(words).finditer(sentence):
            add(match, EventDate(match.group("y"), "exact", match.group(0)))
        return out
    for match in _day_month_past(forms, words).finditer(sentence):
        month = forms.months[match.group("m").lower()]
        add(match, _day_month(int(match.group("d")), month, None, anchor, match))
    for match in _month_year(forms).finditer(sentence):
        month = forms.months[match.group("m").lower()]
        add(match, EventDate(f"{match.group('y')}-{month:02d}", "exact", match.group(0)))
    for match in _month_past(forms, words).finditer(sentence):
        month = forms.months[match.group("m").lower()]
        year = anchor.year if month <= anchor.month else anchor.year - 1
        if match.group("ago"):
            year = anchor.year - 1  # `Februari tahun lalu`
        add(match, EventDate(f"{year}-{month:02d}", "year_of_article", match.group(0)))
    for match in _weekday(forms, words).finditer(sentence):
        weekday = forms.weekdays[match.group("wd").lower()]
        back = 1 if match.group("past") else 0
        day = anchor - dt.timedelta(days=back + (anchor.weekday() - weekday - back) % 7)
        add(match, EventDate(day.isoformat(), "weekday", match.group(0).strip()))
    for match in _relative(words).finditer(sentence):
        add(match, _counted_back(match, anchor, words))
    for match in _year(words).finditer(sentence):
        add(match, EventDate(match.group("y"), "exact", match.group(0)))
    return out


def _exact(year: int, month: int, day: int, match: re.Match[str]) -> EventDate | None:
    try:
        return EventDate(dt.date(year, month, day).isoformat(), "exact", match.group(0).strip())
    except ValueError:
        return None


def _day_month(
    day: int, month: int, weekday: int | None, anchor: dt.date | None, match: re.Match[str]
) -> EventDate | None:
    """The latest such day up to the article's date (a day after it at most)."""
    if anchor is None:
        return None
    latest = anchor + dt.timedelta(days=LATE_DAYS)
    for year in (latest.year, latest.year - 1):
        try:
            date = dt.date(year, month, day)
        except ValueError:
            continue
        if date <= latest and (weekday is None or date.weekday() == weekday):
            return EventDate(date.isoformat(), "year_of_article", match.group(0).strip())
    return None


def _counted_back(match: re.Match[str], anchor: dt.date, words: Words) -> EventDate | None:
    key = " ".join(match.group(0).lower().split())
    unit, amount = words.relative_dates[key]
    if unit == "days":
        iso = (anchor - dt.timedelta(days=amount)).isoformat()
    elif unit == "weeks":
        iso = (anchor - dt.timedelta(weeks=amount)).isoformat()[:7]
    elif unit == "months":
        months = anchor.year * 12 + anchor.month - 1 - amount
        iso = f"{months // 12}-{months % 12 + 1:02d}"
    else:
        iso = str(anchor.year - amount)
    return EventDate(iso, "relative", match.group(0))


def _relative(words: Words) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{alternatives(words.relative_dates)})\b", re.IGNORECASE)


def _month_year(forms: DateForms) -> re.Pattern[str]:
    return re.compile(
        rf"\b(?P<m>{alternatives(forms.months)})\s+(?P<y>(?:19|20)\d\d)\b", re.IGNORECASE
    )


def _month_past(forms: DateForms, words: Words) -> re.Pattern[str]:
    """`April lalu`, `Februari tahun lalu`: a month said to be past, without its year."""
    ago = alternatives(k for k, (unit, _) in words.relative_dates.items() if unit == "years")
    return re.compile(
        rf"\b(?P<m>{alternatives(forms.months)})\s+(?:(?P<ago>{ago})|{alternatives(words.past)})\b",
        re.IGNORECASE,
    )


def _day_month_past(forms: DateForms, words: Words) -> re.Pattern[str]:
    """`24 April lalu`, `pada 5 Maret`: a day and month without the year."""
    return re.compile(
        rf"\b(?P<d>\d{{1,2}})\s+(?P<m>{alternatives(forms.months)})\b(?!\.?\s+\d)",
        re.IGNORECASE,
    )


def _year(words: Words) -> re.Pattern[str]:
    """`pada 2003`, `sejak 2015`, `tahun 2001`: a year after a word that makes it one."""
    return re.compile(
        rf"\b(?:{alternatives(words.year_markers)})\s+(?P<y>(?:19|20)\d\d)\b", re.IGNORECASE
    )


def _weekday(forms: DateForms, words: Words) -> re.Pattern[str]:
    """`pada Rabu`, `Jumat kemarin`, `hari Senin`: a weekday alone (capitalised)."""
    names = alternatives(w.capitalize() for w in forms.weekdays)
    return re.compile(rf"\b(?P<wd>{names})\b(?P<past>\s+(?:{alternatives(words.past)}))?(?!\s*\()")
