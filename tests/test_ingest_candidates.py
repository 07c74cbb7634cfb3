"""Candidate actors beside declared ones: names cut at a dossier's, places left out.

The sentences are the development articles' shapes, written for the tests;
`test_ingest_discovery.py` has discovery on a site with nothing declared.
"""

from __future__ import annotations

from pathlib import Path

from generator.ingest.actors import load_gazetteer
from generator.ingest.discovery import article_candidates, load_discovery, title_case
from generator.ingest.language import load_language
from generator.ingest.rules import load_rules
from generator.ingest.text import sentences

ACTORS = Path(__file__).resolve().parent / "fixtures" / "unseen" / "actors"
RULES = load_rules(load_language("id"))[0]
GAZETTEER = load_gazetteer(ACTORS, ACTORS, "id")[0]
DISCOVERY = load_discovery(RULES)


def kept(text: str) -> list[str]:
    units = sentences(text, RULES.words.abbreviations)
    return [c.name for c in article_candidates(units, [], RULES, GAZETTEER, DISCOVERY)]


def test_a_dossier_name_before_a_person_ends_the_run():
    assert kept("Wakil Perdana Menteri Rusia Zhang Gaoli hadir dalam pertemuan itu.") == [
        "Zhang Gaoli"
    ]


def test_institution_words_are_not_part_of_a_name():
    assert kept("kata Juru Bicara Gedung Putih Eric Schultz kepada wartawan.") == ["Eric Schultz"]


def test_places_waters_and_documents_are_not_candidates():
    # (LCS 08, 04, 01) a place word in the name, or a treaty's
    assert kept("Insiden terjadi di dekat Second Thomas Shoal, yang disebut Ayungin Shoal.") == []
    assert kept("Kapal itu berada di perairan Natuna, Kepulauan Riau, pekan lalu.") == []
    assert kept("Janji itu dibuat pada Deklarasi Perilaku Pihak-Pihak tahun 2002.") == []
    # a person and a state acting in the same sentence are still surfaced
    assert kept("Gan Yu mengatakan China berdaulat atas Kepulauan Spratly.") == ["China", "Gan Yu"]


def test_a_name_after_a_place_word_is_a_place():
    # (LCS 05, 04) lower-case `kepulauan` before it, or a street
    sentence = "Vietnam berdaulat atas dua kepulauan Hoang Sa (Paracel) dan Truong Sa (Spratly)."
    assert kept(sentence) == ["Vietnam"]  # the state acts; the islands are places
    assert kept("Rapat di kantor di Jalan Medan Merdeka Barat, kata Retno Marsudi.") == [
        "Retno Marsudi"
    ]


def test_known_places_are_not_candidates():
    # (LCS 03) a court named by its city: the city is a place of the data list
    assert kept("Sebelumnya Pengadilan Den Haag memutuskan bahwa klaim itu tidak sah.") == []


def test_title_case_sentence_surfaces_no_candidates():
    # (LCS 06) the headline repeated in the body
    assert title_case("Pemerintah China Bantah Keras Kapal Penjaga Pantainya Terobos Wilayah")
    assert not title_case("Wang Wenbin, juru bicara kementerian itu, mengatakan kapal itu patroli.")
    assert kept("Menlu Wang Yi Bantah Kapal Penjaga Pantai Terobos Wilayah Natuna Utara") == []


def test_offices_are_not_part_of_a_name():
    # (LCS 04, 09) a coordinating ministry's short form, a bureau
    assert kept("Rapat koordinasi di Kemenko Polhukam berlangsung tertutup.") == []
    assert kept("Kapal Biro Perikanan ikut dalam patroli itu.") == []


def test_a_title_word_ending_a_name_is_part_of_it():
    # `Perdana` is a title in `Perdana Menteri`, a name in `Aditya Perdana`
    sentence = "Pengamat dari sebuah universitas, Aditya Perdana, menilai koalisi itu rapuh."
    assert kept(sentence) == ["Aditya Perdana"]
    assert kept("Pernyataan juru bicara Zhang Gaoli Ketua fraksi itu dibacakan.") == ["Zhang Gaoli"]
