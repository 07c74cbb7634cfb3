"""Speakers told the way held-back war articles tell them (sentences, states and
people invented for the tests): a joint statement whose parties follow the quote,
a ministry under its state's formal style, a quote a line break cuts in two, an
organisation named with `bernama`, a declared name misspelt by one letter."""

from __future__ import annotations

import pytest
from ingest_scores import MEDIATORS, score_dev_set
from support import gazetteer_of

from generator.ingest.actors import Gazetteer
from generator.ingest.clean import clean_article
from generator.ingest.quotes import extract_quotes
from generator.ingest.rules import Rules

ACTORS = {
    "lembayung": ("state", "Lembayung", []),
    "sarwana": ("state", "Sarwana", []),
    "qirwan": ("state", "Qirwan", []),
    "wirananda": ("person", "Donald Wirananda", ["Wirananda"]),
    "wiranandi": ("person", "Bima Wiranandi", ["Wiranandi"]),
}


@pytest.fixture(scope="module")
def gazetteer(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    return gazetteer_of(tmp_path_factory.mktemp("actors"), ACTORS)


def speakers(text: str, gazetteer: Gazetteer, rules: Rules) -> list[tuple[str | None, str | None]]:
    paragraphs = [p for p in text.split("\n") if p.strip()]
    found = extract_quotes(paragraphs, gazetteer, rules, rules.names)
    return [(q.speaker, q.speaker_name) for q in found]


def test_a_joint_statement_named_after_the_quote_is_its_first_partys(gazetteer, rules):
    text = (
        "“Kerajaan Lembayung dan Republik Sarwana menyambut dimulainya pembicaraan"
        " langsung,” pernyataan bersama Lembayung-Sarwana dirilis kantor berita Bernama.\n"
        "Pertempuran menewaskan sedikitnya 40 orang.\n"
        "“Akhirnya, kedua pihak berkomitmen menahan diri,” lanjut pernyataan tersebut."
    )
    assert [s for s, _ in speakers(text, gazetteer, rules)] == ["lembayung", "lembayung"]


def test_a_statements_continuation_is_the_statements_after_another_speaker(gazetteer, rules):
    text = (
        "“Kedua pihak menyambut dimulainya pembicaraan langsung,” pernyataan bersama"
        " Lembayung-Sarwana dirilis kantor berita Bernama.\n"
        "Bima Wiranandi mengatakan, “Kami siap menjadi tuan rumah putaran berikutnya.”\n"
        "“Akhirnya, kedua pihak berkomitmen menahan diri,” lanjut pernyataan tersebut."
    )
    assert [s for s, _ in speakers(text, gazetteer, rules)] == [
        "lembayung",
        "wiranandi",
        "lembayung",
    ]
    # a statement named without a quote of its own
    text = (
        "Sarwana dan Lembayung menyepakati gencatan senjata dalam pernyataan bersama, Minggu.\n"
        "“Akhirnya, kedua pihak berkomitmen menahan diri,” lanjut pernyataan tersebut."
    )
    assert [s for s, _ in speakers(text, gazetteer, rules)] == ["sarwana"]


def test_a_short_form_in_brackets_leaves_the_first_party_speaking(gazetteer, rules):
    text = (
        "“Gencatan senjata berlaku sejak pukul 00.00 waktu setempat,” kata Republik"
        " Sarwana (RS) dan Lembayung dalam pernyataan bersama pada Minggu."
    )
    assert [s for s, _ in speakers(text, gazetteer, rules)] == ["sarwana"]
    # … or named after a relative clause the speaker's words stop at
    text = "“Komisi perbatasan bersama segera dibentuk,” tulis pernyataan bersama yang dirilis"
    assert speakers(text + " Sarwana dan Lembayung.", gazetteer, rules)[0][0] == "sarwana"


def test_a_statement_of_a_ministry_under_its_states_formal_style(gazetteer, rules):
    text = (
        "Dana itu disalurkan melalui Palang Merah, kata juru bicara Qirwan Bima Wiranandi.\n"
        "“Kami siap berunding, tetapi kedaulatan kerajaan tidak bisa ditawar,” menurut"
        " pernyataan Kementerian Luar Negeri Kerajaan Lembayung pada Sabtu."
    )
    assert [s for s, _ in speakers(text, gazetteer, rules)] == ["lembayung"]
    # `bunyi`: a statement's wording
    worded = "“Kami tidak akan mundur dari wilayah kami,” bunyi pernyataan Kementerian Luar"
    assert speakers(worded + " Negeri Kesultanan Qirwan.", gazetteer, rules)[0][0] == "qirwan"
    # a statement's issuer before a passive verb of what it says
    stated = "Dalam pernyataan Kementerian Luar Negeri Republik Sarwana disebutkan, “Kami siap"
    assert speakers(stated + " berunding kapan saja.”", gazetteer, rules)[0][0] == "sarwana"
    # … never a document of no one named
    document = "Lembayung menolak. Dalam dokumen itu disebutkan, “Kami siap berunding kapan saja.”"
    assert speakers(document, gazetteer, rules) == [(None, None)]
    # a report described in lower case is still no speaker of its own
    described = "“Kami siap berunding kapan saja di mana saja,” menurut pernyataan kementerian itu."
    assert speakers(described, gazetteer, rules) != [("lembayung", None)]


def test_a_quote_cut_by_a_line_break_is_one_quote(gazetteer, rules):
    raw = (
        "Judul Berita Contoh Tentang Gencatan Senjata\n\n"
        "Wirananda mengklaim perannya menentukan. “Saya menelepon kedua pemimpin.\n"
        "Sekarang mereka berdamai, dan itu bagus untuk semua orang,” kata Wirananda.\n"
    )
    paragraphs = clean_article(raw, rules).paragraphs
    quotes = extract_quotes(paragraphs, gazetteer, rules, rules.names)
    assert [(q.speaker, q.text[:24]) for q in quotes] == [("wirananda", "Saya menelepon kedua pem")]


def test_an_organisation_named_with_bernama_speaks_by_its_whole_name(gazetteer, rules):
    text = (
        "Sebuah komite rakyat bernama Suara Rakyat Lembayung menyatakan dalam sebuah"
        " pernyataan, “Kami menuntut kedua pemerintah membayar ganti rugi.”"
    )
    assert speakers(text, gazetteer, rules) == [(None, "Suara Rakyat Lembayung")]


def test_a_declared_name_misspelt_by_one_letter(gazetteer, rules):
    said = "“Kami akan terus memantau kesepakatan ini,” imbuh {}."
    assert speakers(said.format("Wiranenda"), gazetteer, rules) == [("wirananda", "Wiranenda")]
    # one letter off two declared names (Wirananda, Wiranandi): the name as written
    assert speakers(said.format("Wiranandu"), gazetteer, rules) == [(None, "Wiranandu")]
    # two letters off is another person
    assert speakers(said.format("Wirenendo"), gazetteer, rules)[0][0] is None


def test_the_mediators_set_meets_the_targets():
    scores = score_dev_set(MEDIATORS)
    assert scores.quotes.f1 >= 0.9, scores.misses["quotes"]
    assert scores.fields["speakers"].f1 >= 0.9, scores.misses["speakers"]


def test_a_line_that_opens_a_new_quotation_is_not_joined(rules):
    raw = (
        "Judul Berita Contoh Tentang Gencatan Senjata\n\n"
        'Wirananda berkata, "Saya menelepon kedua pemimpin itu.\n'
        '"Kami akan terus memantau kesepakatan ini," kata Wirananda.\n'
    )
    assert len(clean_article(raw, rules).paragraphs) == 2
