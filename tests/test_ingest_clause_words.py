"""The article's own words for an event, only where its clause says it plainly."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.ingest.actors import Gazetteer, load_gazetteer
from generator.ingest.language import load_language
from generator.ingest.relations import sentence_findings
from generator.ingest.rules import Rules, load_rules

ACTORS = Path(__file__).resolve().parent / "fixtures" / "unseen" / "actors"


@pytest.fixture(scope="module")
def rules() -> Rules:
    return load_rules(load_language("id"))[0]


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return load_gazetteer(ACTORS, ACTORS, "id")[0]


def said(sentence: str, gazetteer: Gazetteer, rules: Rules) -> list:
    return [f.said for f in sentence_findings(sentence, gazetteer, rules)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Rusia secara resmi mencoret Hamas dari daftar organisasi teroris, kata pejabat itu.",
         None),  # a claim: said from labels
        ("Rusia secara resmi mencoret Hamas dari daftar organisasi teroris.",
         ("russia", "secara resmi mencoret", "hamas", " dari daftar organisasi teroris")),
        # the negation stays: the words between subject and verb are kept as written
        ("Turki tidak akan pernah mengakui Israel.",
         ("turkey", "tidak akan pernah mengakui", "israel", "")),
        # cooperation with a preposition; the complement stops before its time phrase
        ("Qatar bekerja sama dengan Mesir dalam perundingan pada Senin.",
         ("qatar", "bekerja sama dengan", "egypt", " dalam perundingan")),
    ],
)  # fmt: skip
def test_a_plain_clause_keeps_its_words(gazetteer, rules, sentence, expected):
    assert said(sentence, gazetteer, rules) == [expected]


@pytest.mark.parametrize(
    "sentence",
    [
        "Hamas dicoret oleh Rusia dari daftar organisasi teroris.",  # a passive
        "Putin mengecam Israel atas serangan itu.",  # a person standing for a state
        "Rusia pada Senin (18/9) mengecam Israel.",  # a time phrase before the verb
        "Rusia Kecam Israel soal Serangan ke Gaza",  # a headline's capitals
        "Rusia mengecam keras serangan Israel.",  # the object is no actor right after the verb
        '"Rusia mengecam Israel atas serangan itu," kata Erdogan.',  # a quote
    ],
)
def test_anything_else_is_said_from_labels(gazetteer, rules, sentence):
    assert all(s is None for s in said(sentence, gazetteer, rules))
