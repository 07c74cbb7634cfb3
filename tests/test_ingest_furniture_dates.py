"""Furniture and dates of the issue's cases, each from a sentence that shows it."""

from __future__ import annotations

import pytest

from generator.ingest.clean import clean_article
from generator.ingest.dates import DateScan, article_date, date_forms, scan_dates
from generator.ingest.language import load_language
from generator.ingest.metadata import extract_metadata
from generator.ingest.rules import Rules

BODY = (
    "Kementerian Luar Negeri menegaskan bahwa kerja sama kedua negara terkait isu maritim "
    "diharapkan menjadi model upaya memelihara perdamaian di kawasan."
)

FORMS = date_forms(load_language("id").words)


def read(lines: list[str], datelines: tuple[str, ...] | list[str] = ()) -> DateScan:
    """The Indonesian date forms' reading of these lines."""
    return scan_dates(lines, datelines, forms=FORMS)


def body(text: str, rules: Rules) -> str:
    return "\n".join(clean_article(text, rules).paragraphs)


def test_baca_juga_glued_to_the_next_sentence_keeps_the_sentence(rules):
    text = (
        f"{BODY}\nBACA JUGA: AS Pantau Cermat Latihan Militer China di Dekat Wilayah TaiwanEmpat "
        "pangkalan tambahan termasuk lokasi di dekat Laut China Selatan yang disengketakan.\n"
    )
    out = body(text, rules)
    assert "AS Pantau Cermat" not in out
    assert "Empat pangkalan tambahan termasuk lokasi" in out


def test_caption_glued_to_its_credit_is_gone(rules):
    caption = (
        "Menteri Luar Negeri Retno Marsudi di Kantor Kemenko Polhukam, Jumat (3/1/2020). "
        "KOMPAS.com/HaryantipuspasariMenteri Luar Negeri Retno Marsudi di Kantor Kemenko Polhukam."
    )
    assert "Haryantipuspasari" not in body(f"{caption}\n{BODY}", rules)


def test_caption_ending_in_date_and_credit_is_gone(rules):
    caption = "Kapal pasokan dihantam oleh dua water canon penjaga pantai, Selasa, 5 Maret 2024/Net"
    assert "water canon" not in body(f"{caption}\n{BODY}", rules)


@pytest.mark.parametrize(
    "line",
    [
        "Terima kasih telah membaca Kompas.com.",
        "Dapatkan informasi, inspirasi dan insight di email kamu.",
        "Daftarkan email",
        "Find Us On Social Media :",
        "Advertisement",
        "(nwk/nwk)",
        "(Ahmad Taufik )",
        "Penulis Ardi Priyatno Utomo",
        'Artikel ini telah tayang di Kompas.com dengan judul "Walhi Laporkan Perusahaan Tambang"',
    ],
)
def test_furniture_lines(rules, line):
    assert line.strip(" :") not in body(f"{BODY}\n{line}\n{BODY} Lagi.", rules)


def test_populer_sidebar_and_its_dates_are_not_the_article(rules):
    text = (
        "Judul Berita Tentang Kapal di Laut\nKAMIS, 02 MEI 2024 | 16:06 WIB | LAPORAN: HANI FATUNNISA\n"
        f"{BODY}\nPopuler\nDosen Unikama Kecewa, Lima Bulan Kampus Dikuasai Kelompok Tak Dikenal\n"
        "Jumat, 30 Januari 2026 | 02:25\nEnam Pengusaha Muda Berebut Kursi Ketum HIPMI, Siapa Saja?\n"
    )
    clean = clean_article(text, rules)
    assert "Dosen Unikama" not in "\n".join(clean.paragraphs)
    assert extract_metadata(text, clean, rules).date == "2024-05-02"


def test_upper_case_dateline_with_time_zone():
    assert article_date(read([], ["KAMIS, 02 MEI 2024 | 16:06 WIB"])) == "2024-05-02"


def test_english_abbreviated_month_and_ahad():
    scan = read([], ["Ahad 13 Aug 2023 07:15 WITA"])
    assert article_date(scan) == "2023-08-13"
    assert scan.dates[0].weekday_ok is True


def test_yearless_date_from_a_unique_weekday_in_the_window():
    scan = read(["Pertemuan itu digelar pada Sabtu (29/2)."])
    assert article_date(scan) == "2020-02-29"
    assert any("only year in 2000–2035" in note for note in scan.notes)


def test_yearless_date_with_several_fitting_years_is_left_unset():
    scan = read(["kata Presiden Ferdinand Marcos Jr., Senin (10/4)."])
    assert article_date(scan) is None
    assert any("fits several years" in note for note in scan.notes)


def test_day_and_month_word_without_year():
    scan = read(["Tahun 2020 penuh sengketa.", "pada Kamis (11 Juni), juru bicara itu berkata."])
    assert article_date(scan) == "2020-06-11"
    assert any("one year the article names" in note for note in scan.notes)


def test_weekday_contradicting_the_written_year_is_noted():
    scan = read(["kata Retno usai rapat, Jumat (3/1/2019)."])
    assert any("weekday contradicts the written year" in note for note in scan.notes)
