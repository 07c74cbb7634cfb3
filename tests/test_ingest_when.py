"""Event dates from their own sentence, against the article's date (sentences written
for the tests); a date the sentence does not write in full carries a note."""

from __future__ import annotations

import pytest

from generator.ingest.dates import date_forms
from generator.ingest.language import load_language
from generator.ingest.records import EventDate
from generator.ingest.when import event_date

WORDS = load_language("id").words
FORMS = date_forms(WORDS)
ARTICLE = "2023-09-20"  # a Wednesday


def when(sentence: str, cue: str = "", article: str | None = ARTICLE) -> EventDate:
    return event_date(sentence, sentence.find(cue) if cue else 0, article, FORMS, WORDS)


@pytest.mark.parametrize(
    ("sentence", "iso", "how"),
    [
        ("Rusia bertemu Taliban pada Senin (18/9) di Kazan.", "2023-09-18", "year_of_article"),
        ("Kedua pihak berunding Selasa lalu (12/9).", "2023-09-12", "year_of_article"),
        ("Kedua pihak berunding pada 24 April lalu.", "2023-04-24", "year_of_article"),
        ("China mengecam Filipina kemarin.", "2023-09-19", "relative"),
        ("China mengecam Filipina pekan lalu.", "2023-09", "relative"),
        ("Rusia mencoret Taliban dari daftar bulan lalu.", "2023-08", "relative"),
        ("Rusia mencoret Taliban dari daftar tahun lalu.", "2022", "relative"),
        ("Mereka berunding pada Februari tahun lalu.", "2022-02", "year_of_article"),
        ("Mereka berunding pada Jumat kemarin.", "2023-09-15", "weekday"),
        ("Mereka berunding pada hari Senin.", "2023-09-18", "weekday"),
        ("AS menyerang Taliban pada 2001.", "2001", "exact"),
        ("AS menyerang Taliban pada Agustus 2021.", "2021-08", "exact"),
        ("AS menjatuhkan sanksi pada Senin, 22 Februari 2021.", "2021-02-22", "exact"),
        ("Rusia membantu Taliban, kata utusan itu, Jumat (2/5/2025).", "2025-05-02", "exact"),
        ("Rusia membantu Taliban melawan ISIS.", ARTICLE, "article"),
    ],
)
def test_the_sentence_dates_its_event(sentence: str, iso: str, how: str) -> None:
    found = when(sentence)
    assert (found.iso, found.how) == (iso, how), found


def test_the_date_nearest_the_cue_wins() -> None:
    sentence = "Bulan lalu Rusia mencoret Taliban dari daftar teroris, tempat ia masuk sejak 2003."
    assert when(sentence, "mencoret").iso == "2023-08"
    assert when(sentence, "teroris").iso == "2003"


def test_without_an_article_date_only_a_full_date_counts() -> None:
    assert when("Mereka berunding pekan lalu.", article=None).iso is None
    assert when("Mereka berunding pada Senin (18/9).", article=None).iso is None
    assert when("AS menyerang Taliban pada 2001.", article=None).iso == "2001"


def test_a_day_that_does_not_fit_its_weekday_is_not_taken() -> None:
    # 18 September 2023 is a Monday, not a Tuesday: no year up to the article fits
    assert when("Mereka berunding Selasa (18/9).").how == "article"
