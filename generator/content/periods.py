"""Reading a site's `periods:` from site.yaml: the spans of years its story falls into.

The per-period small maps and the columns of the stance chart's table show
the network at the end of each period; without `periods:` they use years
derived from the events (`generator.site.chart`). Each period gives its first
and last year and, optionally, a label in every language:

    periods:
      - {from: 2001, to: 2013, label: {id: Perang melawan teror, en: The war on terror}}
      - {from: 2014, to: 2019, label: {id: ISIS dan perang Suriah, en: ISIS and the Syrian war}}

Periods are listed oldest first and do not overlap (gaps are allowed). Every
problem is reported at its line in site.yaml with what to write instead.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from generator.errors import Report, did_you_mean

MAX_PERIODS = 6  # small maps side by side and table columns stay readable on a phone
FIRST_YEAR, LAST_YEAR = 1, 9999
KEYS: dict[str, str] = {  # a period's keys → their help (`content.reference`)
    "from": "Its first year.",
    "to": "Its last year (the same as `from` for one year).",
    "label": "Its name, in every language or once for all (default: the years).",
}
EXAMPLE = "e.g. - {from: 2014, to: 2019, label: {id: Kekhalifahan ISIS, en: The ISIS caliphate}}"


@dataclass(frozen=True)
class Period:
    """Years `start` to `end`, both included; `label` by language (empty: none given)."""

    start: int
    end: int
    label: Mapping[str, str]

    @property
    def years(self) -> str:
        """'2014–2019', or '2021' for a period of one year."""
        return str(self.start) if self.start == self.end else f"{self.start}–{self.end}"


def read_periods(raw: Any, codes: list[str], problem: Report) -> tuple[Period, ...]:
    """The site's periods, oldest first; () when site.yaml has none."""
    if raw is None:
        return ()
    if not isinstance(raw, list) or not raw:
        problem("periods", f"periods must list at least one period, oldest first; {EXAMPLE}")
        return ()
    if len(raw) > MAX_PERIODS:
        problem(
            "periods",
            f"{len(raw)} periods: at most {MAX_PERIODS} fit side by side on a phone; "
            "merge some into longer periods",
        )
    periods: list[Period] = []
    for index, entry in enumerate(raw):
        period = _period(f"periods.{index}", entry, codes, problem)
        if period is None:
            continue
        if periods and period.start <= periods[-1].end:
            before = periods[-1]
            problem(
                f"periods.{index}.from",
                f"period {period.years} starts before the period {before.years} ends: "
                f"list periods oldest first, without overlap (start this one in "
                f"{before.end + 1} or later)",
            )
            continue
        periods.append(period)
    return tuple(periods)


def _period(where: str, entry: Any, codes: list[str], problem: Report) -> Period | None:
    if not isinstance(entry, dict):
        problem(where, f"a period must be a mapping with from, to and label; {EXAMPLE}")
        return None
    for key in sorted(set(entry) - set(KEYS), key=str):
        problem(
            f"{where}.{key}",
            f"unknown key '{key}' in a period: expected {', '.join(KEYS)}"
            f"{did_you_mean(str(key), KEYS)}",
        )
    start = _year(f"{where}.from", entry.get("from"), problem)
    end = _year(f"{where}.to", entry.get("to"), problem)
    label = _label(f"{where}.label", entry.get("label"), codes, problem)
    if start is None or end is None:
        return None
    if end < start:
        problem(
            f"{where}.to",
            f"period ends in {end}, before it starts in {start}: "
            f"write the earlier year as `from`, the later as `to`",
        )
        return None
    return Period(start, end, label)


def _year(where: str, value: Any, problem: Report) -> int | None:
    key = where.rpartition(".")[2]
    if value is None:
        problem(where, f"a period needs `{key}:`, a year such as 2014")
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        problem(where, f"`{key}` is {str(value)[:40]!r}; expected a year such as 2014")
        return None
    if not FIRST_YEAR <= value <= LAST_YEAR:
        problem(where, f"`{key}` is {value}; expected a year between {FIRST_YEAR} and {LAST_YEAR}")
        return None
    return value


def _label(where: str, value: Any, codes: list[str], problem: Report) -> Mapping[str, str]:
    """A text per language, or one text for all; {} when left out (the years stand for it)."""
    if value is None:
        return {}
    if isinstance(value, str) and value.strip():
        return {code: value.strip() for code in codes}
    if not isinstance(value, dict):
        problem(where, f"label must be text or a map of language code to text; {EXAMPLE}")
        return {}
    for code in codes:
        if not isinstance(value.get(code), str) or not value[code].strip():
            problem(where, f"label has no text for language '{code}': add `{code}: …`")
    for code in sorted(set(value) - set(codes), key=str):
        problem(
            where,
            f"label names language '{code}', which is not in `languages`"
            f"{did_you_mean(str(code), codes)}",
        )
    return {code: str(value.get(code) or "").strip() for code in codes}
