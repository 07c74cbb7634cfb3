"""Metadata from datelines, bylines and credits (articles written for the tests):
publisher, author and place; the dateline cut from the text; a page's header date
never the article's."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.ingest.actors import load_gazetteer
from generator.ingest.analyse import analyse
from generator.ingest.records import Analysis
from generator.ingest.rules import Rules

ACTORS = Path(__file__).resolve().parent / "fixtures" / "ingest_war_actors"
LEAD = "Rusia mengecam NATO atas latihan militer di dekat perbatasan, kata juru bicara itu."
REST = "Latihan itu melibatkan ribuan tentara dan puluhan kapal perang dari sejumlah negara."


def read(text: str, rules: Rules) -> Analysis:
    return analyse("a.txt", text, rules, load_gazetteer(ACTORS, ACTORS, "id")[0])


@pytest.mark.parametrize(
    ("opening", "publisher", "place"),
    [
        ("Liputan6.com, Jakarta - ", "Liputan6", "Jakarta"),
        ("TEMPO.CO, Jakarta - ", "TEMPO.CO", "Jakarta"),
        ("REPUBLIKA.CO.ID, JAKARTA -- ", "REPUBLIKA.CO.ID", "Jakarta"),
        ("Jakarta, CNN Indonesia -- ", "CNN Indonesia", "Jakarta"),
        ("KABUL (Suarapena.id) — ", "Suarapena.id", "Kabul"),
        ("KONTAN.CO.ID - MANILA. ", "KONTAN.CO.ID", "Manila"),
        ("MOSKOW - ", None, "Moskow"),
    ],
)
def test_the_dateline_names_publisher_and_place_and_leaves_the_text(
    rules: Rules, opening: str, publisher: str | None, place: str
) -> None:
    analysis = read(f"Rusia Kecam NATO\n\n{opening}{LEAD}\n\n{REST}\n", rules)
    assert (analysis.metadata.publisher, analysis.metadata.place) == (publisher, place)
    assert analysis.clean.paragraphs[0] == LEAD
    assert all(f.sentence.startswith("Rusia") for f in analysis.findings)


def test_a_brand_alone_on_a_line_is_the_publisher(rules: Rules) -> None:
    text = f"detikNews\nRusia Kecam NATO\n\nJakarta - {LEAD}\n\n{REST}\n"
    meta = read(text, rules).metadata
    assert (meta.publisher, meta.place) == ("detikNews", "Jakarta")


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("By Mentari DP, Kamis, 17 September 2020 | 16:15 WIB", "Mentari DP"),
        ("KAMIS, 02 MEI 2024 | 16:06 WIB | LAPORAN: HANI FATUNNISA", "Hani Fatunnisa"),
        ("Rep: Kamran Dikarma/ Red: Teguh Firmansyah", "Kamran Dikarma"),
        ("(Warta.com/Yurika)", "Yurika"),
        ("Penulis: Dewi Anggraini", "Dewi Anggraini"),
    ],
)
def test_the_byline_names_the_author(rules: Rules, line: str, author: str) -> None:
    text = f"Rusia Kecam NATO\n{line}\n\n{LEAD}\n\n{REST}\n"
    assert read(text, rules).metadata.author == author


def test_a_date_above_the_headline_is_the_page_s_not_the_article_s(rules: Rules) -> None:
    text = (
        "Jumat, 30 Januari 2026\nRusia Kecam NATO\nKamis, 02 Mei 2024 | 16:06 WIB\n\n"
        f"{LEAD}\n\n{REST}\n"
    )
    assert read(text, rules).metadata.date == "2024-05-02"
    # with no other date, the one above the headline is all there is
    alone = f"Kamis, 02 Mei 2024 | 16:06 WIB\nRusia Kecam NATO\n\n{LEAD}\n\n{REST}\n"
    assert read(alone, rules).metadata.date == "2024-05-02"


def test_a_headline_signed_by_its_outlet(rules: Rules) -> None:
    text = f"Rusia Kecam NATO - Warta.co\n\nRusia Kecam NATO - Warta.co\n\n{LEAD}\n\n{REST}\n"
    analysis = read(text, rules)
    assert analysis.metadata.title == "Rusia Kecam NATO"
    assert analysis.metadata.publisher == "Warta.co"
    assert analysis.clean.paragraphs[0] == LEAD
