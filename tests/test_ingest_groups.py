"""A coordinated group acting as one, and a group's members listed with it: co-founders
of a coalition are partners and each its member, a party joining "the coalition of A
and B" is the partner of each, a coalition's parties in parentheses or after "terdiri
dari" are its members (sentences and invented parties written for the tests)."""

from __future__ import annotations

import pytest
from support import gazetteer_of

from generator.ingest.actors import Gazetteer, load_gazetteer
from generator.ingest.language import load_language
from generator.ingest.relations import sentence_findings
from generator.ingest.rules import Rules, load_rules

ACTORS = {
    "pad": ("party", "Partai Amanat Desa", ["PAD"]),
    "pelita": ("party", "Partai Pelita", ["Pelita"]),
    "pbk": ("party", "Partai Buruh Kepulauan", ["PBK"]),
    "fajar": ("coalition", "Koalisi Fajar Baru", []),
    "sekar": ("person", "Sekar Ayu Lestari", ["Sekar"]),
}


@pytest.fixture(scope="module")
def rules() -> Rules:
    return load_rules(load_language("id"))[0]  # the default vocabulary: a coalition is a group


@pytest.fixture(scope="module")
def gazetteer(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    return gazetteer_of(tmp_path_factory.mktemp("actors"), ACTORS)


def found(sentence: str, gazetteer: Gazetteer, rules: Rules, before: tuple[str, ...] = ()) -> dict:
    findings = sentence_findings(sentence, gazetteer, rules, before=before)
    return {f.actors: (f.stance, f.type) for f in findings}


PARTNERS = {
    ("pad", "pbk"): ("cooperative", "allies"),
    ("pad", "pelita"): ("cooperative", "allies"),
    ("pbk", "pelita"): ("cooperative", "allies"),
}


def members(role: str) -> dict[tuple[str, str], tuple[str, str]]:
    return {(slug, "fajar") if slug < "fajar" else ("fajar", slug): ("cooperative", role)
            for slug in ("pad", "pbk", "pelita")}  # fmt: skip


def test_co_founders_are_partners_and_each_joins_the_coalition(gazetteer, rules):
    sentence = "Partai Amanat Desa, Pelita dan PBK sepakat membangun Koalisi Fajar Baru di Medan."
    assert found(sentence, gazetteer, rules) == {**PARTNERS, **members("joins")}


def test_a_headline_joining_and_the_ranks_of_a_coalition(gazetteer, rules):
    assert found("PBK Gabung Koalisi Fajar Baru", gazetteer, rules) == {
        ("fajar", "pbk"): ("cooperative", "joins")
    }
    sentence = "Sejak hari ini PBK berada di barisan Koalisi Fajar Baru."
    assert found(sentence, gazetteer, rules) == {("fajar", "pbk"): ("cooperative", "joins")}


def test_joining_the_coalition_of_a_and_b_partners_each(gazetteer, rules):
    # the comma inside the list after the cue opens no clause of its own
    sentence = "PBK resmi bergabung dengan koalisi PAD, Pelita dan Partai Amanat Desa untuk mendukung Sekar."
    pairs = found(sentence, gazetteer, rules)
    assert {("pad", "pbk"), ("pbk", "pelita")} <= set(pairs)
    assert pairs[("pad", "pbk")][0] == pairs[("pbk", "pelita")][0] == "cooperative"


@pytest.mark.parametrize(
    "sentence",
    [
        "Koalisi Fajar Baru (Partai Amanat Desa, Pelita dan PBK) belum menentukan calonnya.",
        "Koalisi Fajar Baru yang terdiri dari Partai Amanat Desa, Pelita dan PBK menolak usulan itu.",
    ],
)
def test_a_coalitions_members_listed_with_it(gazetteer, rules, sentence):
    # members, and partners of each other; rejecting something together is no rivalry
    assert found(sentence, gazetteer, rules) == {**PARTNERS, **members("member")}


def test_members_listed_without_the_coalitions_name_are_partners(gazetteer, rules):
    sentence = "Sekar menyebut partai-partai anggota koalisi: PAD, Pelita dan PBK sudah mendaftar."
    assert found(sentence, gazetteer, rules) == PARTNERS


def test_a_parenthesis_of_one_name_lists_no_members(gazetteer, rules):
    sentence = "Partai Buruh Kepulauan (PBK) menolak usulan Partai Pelita."
    assert found(sentence, gazetteer, rules) == {("pbk", "pelita"): ("competitive", "rejection")}


def test_co_subjects_of_a_transitive_rejection_are_not_rivals(gazetteer, rules):
    assert found("PAD dan Pelita menolak usulan itu.", gazetteer, rules) == {}
    # … but of a reciprocal verb they are
    assert found("PAD dan Pelita berseteru sejak pemilu.", gazetteer, rules) == {
        ("pad", "pelita"): ("hostile", "rival")
    }


def test_both_of_them_agreeing_are_partners(gazetteer, rules):
    sentence = "Keduanya sepakat mengusung Sekar sebagai calon gubernur."
    pairs = found(sentence, gazetteer, rules, before=("pad", "pelita"))
    assert pairs[("pad", "pelita")][0] == "cooperative"
    # supporting a third together says nothing of each other
    pairs = found("Keduanya mendukung Sekar.", gazetteer, rules, before=("pad", "pelita"))
    assert ("pad", "pelita") not in pairs


def test_both_of_them_after_two_named_in_the_clause_are_those_two(gazetteer, rules):
    sentence = 'PAD dan Pelita dalam pernyataan bersama menyatakan, "Kedua partai akan membentuk sekretariat bersama."'
    assert found(sentence, gazetteer, rules, before=("pbk", "fajar")) == {
        ("pad", "pelita"): ("cooperative", "agreement")
    }


@pytest.fixture(scope="module")
def war(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    folder = tmp_path_factory.mktemp("war")
    for slug, title in {"chad": "Chad", "fpn": "FPN", "niger": "Niger"}.items():
        text = f"---\ntitle: {title}\nkind: state\naliases: [{title}]\n---\n"
        (folder / f"{slug}.id.md").write_text(text, encoding="utf-8")
    return load_gazetteer(folder, folder, "id")[0]


TALKS = {
    ("chad", "fpn"): ("cooperative", "agreement"),
    ("chad", "niger"): ("cooperative", "talks"),
    ("fpn", "niger"): ("cooperative", "talks"),
}


def test_the_broker_of_talks_is_in_talks_with_their_parties(war, rules):
    # ending hostilities asserts none; the facilitator, in a clause of its own, meets both
    sentence = (
        "Chad dan FPN sepakat mengakhiri permusuhan setelah perundingan yang difasilitasi Niger."
    )
    assert found(sentence, war, rules) == TALKS
    # the host of "the talks" named in the sentence before
    hosted = found("Niger menjadi tuan rumah perundingan tersebut.", war, rules, ("chad", "fpn"))
    assert hosted == {
        ("chad", "niger"): ("cooperative", "talks"),
        ("chad", "fpn"): ("cooperative", "talks"),
        ("fpn", "niger"): ("cooperative", "talks"),
    }
    # … not of any talks: without a word pointing back, the sentence before is not its
    assert found("Niger menjadi tuan rumah perundingan damai.", war, rules, ("chad", "fpn")) == {}
    assert found("Chad Sepakati Penghentian Permusuhan dengan FPN", war, rules) == {
        ("chad", "fpn"): ("cooperative", "agreement")
    }
