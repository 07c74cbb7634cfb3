"""Indonesian date expressions: resolved when the text supports them, else None."""

from __future__ import annotations

from generator.ingest.dates import DateScan, article_date, date_forms, scan_dates
from generator.ingest.language import load_language

FORMS = date_forms(load_language("id").words)


def read(lines: list[str], datelines: tuple[str, ...] | list[str] = ()) -> DateScan:
    """The Indonesian date forms' reading of these lines."""
    return scan_dates(lines, datelines, forms=FORMS)


def test_dateline_with_time():
    scan = read(["Isi berita."], ["Minggu, 11 Oktober 2015 - 14:07 WIB"])
    assert article_date(scan) == "2015-10-11"
    assert scan.dates[0].weekday_ok is True


def test_day_month_year_in_parentheses():
    assert article_date(read(["kata dia pada Jumat (2/5/2025)."])) == "2025-05-02"


def test_short_date_takes_year_from_context_and_weekday():
    lines = ["Taliban merebut Kabul pada pertengahan Agustus 2021.", "kata Milley, Kamis (2/9)."]
    assert article_date(read(lines)) == "2021-09-02"


def test_short_date_without_support_is_none_with_a_note():
    scan = read(["Pada 2001 dan 2015 terjadi sesuatu.", "kata dia, (3/4)."])
    assert article_date(scan) is None
    assert any("left unset" in note for note in scan.notes)


def test_weekday_that_fits_no_named_year_is_none():
    scan = read(["Peristiwa Agustus 2021.", "kata dia, Senin (2/9)."])
    assert article_date(scan) is None
    assert scan.notes


def test_a_bare_weekday_is_not_a_date():
    assert article_date(read(["Pertemuan berlangsung pada Jumat waktu setempat."])) is None


def test_wrong_weekday_is_noted():
    scan = read(["Senin, 11 Oktober 2015 - 14:07 WIB"])
    assert article_date(scan) == "2015-10-11"
    assert any("not a Senin" in note for note in scan.notes)
