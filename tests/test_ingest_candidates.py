"""Candidate actors: surfaced, ranked, and accepted into stub dossiers."""

from __future__ import annotations

import json
from pathlib import Path

from generator.ingest.accept import accept_candidates
from generator.ingest.actors import find_candidates, find_mentions, load_gazetteer
from generator.ingest.candidates import not_an_actor, rank_candidates, title_case
from generator.ingest.language import SiteLanguages, load_language
from generator.ingest.records import Candidate, Quote
from generator.ingest.rules import load_rules

ACTORS = Path(__file__).resolve().parent / "fixtures" / "unseen" / "actors"
RULES = load_rules(load_language("id"))[0]
# the articles in Indonesian, the site in Indonesian and English
LANGUAGES = SiteLanguages(
    load_language("id"), ("id", "en"), {c: load_language(c).words for c in ("id", "en")}
)
GAZETTEER = load_gazetteer(ACTORS, ACTORS, "id")[0]


def names(sentence: str) -> list[str]:
    mentions = find_mentions(sentence, GAZETTEER, RULES)
    return [c.name for c in find_candidates(sentence, mentions, GAZETTEER, RULES)]


def test_a_dossier_name_before_a_person_ends_the_run():
    assert names("Wakil Perdana Menteri Rusia Zhang Gaoli hadir dalam pertemuan itu.") == [
        "Zhang Gaoli"
    ]


def test_institution_words_are_not_part_of_a_name():
    assert names("kata Juru Bicara Gedung Putih Eric Schultz kepada wartawan.") == ["Eric Schultz"]


def test_ranked_by_frequency_prominence_and_speaking():
    sentences = [
        "Turki Tolak Usulan Rusia",
        "Wang Wenbin, juru bicara itu, mengatakan kapal itu patroli.",
        "Aan Kurnia menegur kapal itu.",
        "Wang menambahkan bahwa patroli itu normal.",
    ]
    found = {
        "wang-wenbin": Candidate("Wang Wenbin", "wang-wenbin", sentences[1]),
        "aan-kurnia": Candidate("Aan Kurnia", "aan-kurnia", sentences[2]),
    }
    quote = Quote("Hak dan kepentingan kami jelas", None, "Hong Lei", "…")
    ranked = rank_candidates(found, sentences, [quote, quote])
    assert [c.name for c in ranked] == ["Hong Lei", "Wang Wenbin", "Aan Kurnia"]  # 4.0, 3.0, 2.0
    assert ranked[1].count == 2 and ranked[1].aliases == ("Wang",)


def test_accept_writes_stubs_with_aliases_and_never_overwrites(tmp_path):
    candidate = Candidate("Wang Wenbin", "wang-wenbin", "…", aliases=("Wang",))
    actions = accept_candidates(tmp_path, ["Wang Wenbin"], [candidate], LANGUAGES)
    stub = tmp_path / "content" / "actors" / "wang-wenbin.id.md"
    assert "aliases:" in stub.read_text(encoding="utf-8") and "Wang" in stub.read_text(
        encoding="utf-8"
    )
    assert {a.action for a in actions} == {"created"}
    manifest = json.loads((tmp_path / "content" / ".ingest-manifest.json").read_text())
    assert "content/actors/wang-wenbin.id.md" in manifest["files"]
    stub.write_text(
        "---\ntitle: Wang Wenbin\nkind: person\n---\nDitulis penulis.\n", encoding="utf-8"
    )
    again = accept_candidates(tmp_path, ["Wang Wenbin"], [candidate], LANGUAGES)
    assert "Ditulis penulis." in stub.read_text(encoding="utf-8")
    assert any(a.action == "needs update" for a in again)


def kept(sentence: str) -> list[str]:
    mentions = find_mentions(sentence, GAZETTEER, RULES)
    found = find_candidates(sentence, mentions, GAZETTEER, RULES)
    return [c.name for c in found if not not_an_actor(c, RULES)]


def test_places_waters_and_documents_are_not_candidates():
    # (LCS 08, 04, 01) a place word in the name, or a treaty's
    assert kept("Insiden terjadi di dekat Second Thomas Shoal, yang disebut Ayungin Shoal.") == []
    assert kept("Kapal itu berada di perairan Natuna, Kepulauan Riau, pekan lalu.") == []
    assert kept("Janji itu dibuat pada Deklarasi Perilaku Pihak-Pihak tahun 2002.") == []
    # a person in the same sentence is still surfaced
    assert kept("Gan Yu mengatakan China berdaulat atas Kepulauan Spratly.") == ["Gan Yu"]


def test_a_name_after_a_place_word_is_a_place():
    # (LCS 05, 04) lower-case `kepulauan` before it, or a street
    sentence = "Vietnam berdaulat atas dua kepulauan Hoang Sa (Paracel) dan Truong Sa (Spratly)."
    assert kept(sentence) == []
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


def test_offices_are_not_part_of_a_name():
    # (LCS 04, 09) a coordinating ministry's short form, a bureau
    assert kept("Rapat koordinasi di Kemenko Polhukam berlangsung tertutup.") == []
    assert kept("Kapal Biro Perikanan ikut dalam patroli itu.") == []


def test_a_title_word_ending_a_name_is_part_of_it():
    # `Perdana` is a title in `Perdana Menteri`, a name in `Aditya Perdana`
    sentence = "Pengamat dari sebuah universitas, Aditya Perdana, menilai koalisi itu rapuh."
    assert names(sentence) == ["Aditya Perdana"]
    assert names("Pernyataan Zhang Gaoli Ketua fraksi itu dibacakan.")[-1].endswith("Gaoli")
