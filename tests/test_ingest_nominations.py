"""Pairs told the way held-back election articles tell them (sentences and invented
parties written for the tests): a list of parties welcoming another, cooperation as a
noun over a list, a nominee behind a title and a comma, and supporters of a candidate
outside a coalition, who are no partners of its members."""

from __future__ import annotations

import pytest
from ingest_scores import NOMINATIONS, score_dev_set
from support import gazetteer_of

from generator.ingest.actors import Gazetteer
from generator.ingest.relations import sentence_findings
from generator.ingest.rules import Rules

ACTORS = {
    "pab": ("party", "Partai Arus Bangsa", ["PAB"]),
    "pbp": ("party", "Partai Bumi Pertiwi", ["PBP"]),
    "pcn": ("party", "Partai Cakrawala Nusa", ["PCN"]),
    "pdr": ("party", "Partai Delta Raya", ["PDR"]),
    "pep": ("party", "Partai Embun Pagi", ["PEP"]),
    "budi": ("person", "Budi Santoso", ["Budi"]),
    "lembayung": ("state", "Lembayung", []),
    "sarwana": ("state", "Sarwana", []),
}


@pytest.fixture(scope="module")
def gazetteer(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    return gazetteer_of(tmp_path_factory.mktemp("actors"), ACTORS)


def pairs(sentence: str, gazetteer: Gazetteer, rules: Rules) -> dict:
    return {f.actors: f.stance for f in sentence_findings(sentence, gazetteer, rules)}


def test_a_list_welcoming_a_party_cooperates_with_it(gazetteer, rules):
    sentence = "PAB, PBP, PCN dan PDR menyambut Partai Embun Pagi dengan suka cita di Jakarta."
    assert pairs(sentence, gazetteer, rules) == {
        (a, "pep"): "cooperative" for a in ("pab", "pbp", "pcn", "pdr")
    }
    # welcoming an act names no one welcomed
    event = "Lembayung menyambut keputusan hakim yang membebaskan nelayan Sarwana."
    assert pairs(event, gazetteer, rules) == {}


def test_cooperation_as_a_noun_over_a_list_pairs_the_named_ones(gazetteer, rules):
    sentence = "Menurut dia, kerja sama antara PAB, PBP, PCN, dan lainnya dibangun sejak lama."
    assert pairs(sentence, gazetteer, rules) == {
        ("pab", "pbp"): "cooperative",
        ("pab", "pcn"): "cooperative",
        ("pbp", "pcn"): "cooperative",
    }
    assert pairs("Ia menyebut kerja sama PBP dan PCN akan diperluas.", gazetteer, rules) == {
        ("pbp", "pcn"): "cooperative"
    }


def test_a_nominee_behind_a_title_and_a_comma(gazetteer, rules):
    sentence = (
        "Partai Arus Bangsa resmi mendeklarasikan Gubernur Kota Samudra, Budi Santoso"
        " sebagai calon presiden dalam rapat kerja nasional."
    )
    assert pairs(sentence, gazetteer, rules) == {("budi", "pab"): "cooperative"}


def test_the_nominations_set_meets_the_targets():
    scores = score_dev_set(NOMINATIONS)
    # supporters of the candidate outside the coalition are no partners of its members
    assert scores.pairs.precision >= 0.95, scores.misses["pairs"]
    assert scores.fields["pairs"].f1 >= 0.95, scores.misses["pairs"]
