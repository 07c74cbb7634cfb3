"""Relations a writer can trust: a cue links two actors only when it reaches both,
a person's own organisation is no partner, negation and demands assert nothing,
joint tickets and coalitions are cooperation (sentences written for the tests)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.ingest.actors import Gazetteer, load_gazetteer
from generator.ingest.analyse import analyse
from generator.ingest.relations import sentence_findings
from generator.ingest.rules import Rules

POLITICS = Path(__file__).resolve().parent / "fixtures" / "ingest_politics_actors"


@pytest.fixture(scope="module")
def parties() -> Gazetteer:
    return load_gazetteer(POLITICS, POLITICS, "id")[0]


def found(sentence: str, parties: Gazetteer, rules: Rules) -> set[tuple[tuple[str, str], str]]:
    return {(f.actors, f.stance) for f in sentence_findings(sentence, parties, rules)}


def pairs(sentence: str, parties: Gazetteer, rules: Rules) -> set[tuple[str, str]]:
    return {f.actors for f in sentence_findings(sentence, parties, rules)}


def test_a_cue_links_only_the_actors_it_reaches(parties, rules):
    # PKS owns the building where it happened: a place, not a partner
    sentence = "NasDem mengusung Anies dalam acara yang digelar di gedung tua milik PKS di Jakarta."
    assert pairs(sentence, parties, rules) == {("anies-baswedan", "nasdem")}
    # of two actors before a cue, only the nearer is its subject
    sentence = (
        "Demokrat adalah bagian dari Koalisi Perubahan, sebuah koalisi yang menantang Gerindra."
    )
    assert ("demokrat", "gerindra") not in pairs(sentence, parties, rules)


def test_a_person_and_their_own_organisation_are_no_pair(parties, rules):
    sentence = "Ketua DPP PDIP Ganjar Pranowo bertemu Prabowo di Jakarta."
    assert pairs(sentence, parties, rules) == {("ganjar-pranowo", "gerindra")}
    described = "Ganjar Pranowo, kader PDIP, mengunjungi NasDem."
    assert pairs(described, parties, rules) == {("ganjar-pranowo", "nasdem")}


def test_the_writer_is_told_of_an_affiliation_the_dossier_lacks(parties, rules):
    text = "Ganjar Bertemu NasDem\n\nKetua DPP PDIP Ganjar Pranowo bertemu pimpinan NasDem.\n"
    review = analyse("a.txt", text, rules, parties).review
    assert any("set `affiliation: pdip`" in note for note in review), review


def test_running_mates_and_joint_nominations_are_cooperation(parties, rules):
    ticket = "Pasangan Anies-Muhaimin bersaing dengan Prabowo dalam pemilu."
    result = found(ticket, parties, rules)
    assert (("anies-baswedan", "pkb"), "cooperative") in result
    assert (("anies-baswedan", "gerindra"), "competitive") in result
    assert not any(
        stance != "cooperative" for p, stance in result if p == ("anies-baswedan", "pkb")
    )
    joint = "PKB, NasDem dan PKS mengusung Anies Baswedan."
    assert found(joint, parties, rules) >= {
        (("nasdem", "pkb"), "cooperative"),
        (("nasdem", "pks"), "cooperative"),
        (("anies-baswedan", "pks"), "cooperative"),
    }


def test_a_coalition_founded_by_several_has_each_as_member(parties, rules):
    sentence = "NasDem, PKS dan Demokrat membentuk Koalisi Perubahan pada Maret."
    result = found(sentence, parties, rules)
    for party in ("demokrat", "nasdem", "pks"):
        assert ((*sorted((party, "koalisi-perubahan")),), "cooperative") in result, result


def test_negation_and_denial_flip_or_drop_a_cue(parties, rules):
    assert found("PKS tidak akan bergabung dengan Gerindra.", parties, rules) == {
        (("gerindra", "pks"), "competitive")
    }
    assert found("Demokrat batal bergabung dengan Gerindra.", parties, rules) == {
        (("demokrat", "gerindra"), "competitive")
    }
    assert found("PKB bukan musuh NasDem.", parties, rules) == set()
    assert found("Gerindra tidak akan menyerang PKS.", parties, rules) == set()
    denied = sentence_findings(
        "Muncul kabar bahwa PKS berkoalisi dengan Gerindra, namun hal itu dibantah.",
        parties,
        rules,
    )
    assert [(f.actors, f.stance, f.type) for f in denied] == [
        (("gerindra", "pks"), "competitive", "denial")
    ]


def test_an_act_demanded_of_someone_is_not_done(parties, rules):
    sentence = "NasDem mendesak PKB meninggalkan Gerindra."
    result = pairs(sentence, parties, rules)
    assert ("gerindra", "pkb") not in result
    assert ("nasdem", "pkb") in result  # the demand itself


def test_low_confidence_goes_to_the_review_not_the_stub(parties, rules):
    text = (
        "PKB dan NasDem\n\nPKB dan NasDem bersekutu sekaligus bersaing dalam pemilu.\n"
        "PKS bekerja sama dengan Gerindra dalam pemilu.\n"
    )
    analysis = analyse("a.txt", text, rules, parties)
    assert [f.actors for f in analysis.findings] == [("gerindra", "pks")]
    assert all(f.confidence >= 0.5 for f in analysis.findings)
    low = [f for f in analysis.set_aside if f.actors == ("nasdem", "pkb")]
    assert low and all("confidence" in f.reason and f.confidence < 0.5 for f in low)
    assert any(note.startswith("not proposed (nasdem--pkb") for note in analysis.review)


def test_a_subject_pronoun_is_the_actor_the_sentence_before_began_with(parties, rules):
    def pairs_of(text: str) -> set[tuple[str, str]]:
        return {
            f.actors for f in analyse("a.txt", f"Judul Berita\n\n{text}\n", rules, parties).findings
        }

    # `dia` is a person (Prabowo stands for Gerindra), `mereka` a party, never a person
    assert pairs_of("Prabowo tiba di Jakarta pada Senin. Kemudian dia mengecam PKS.") == {
        ("gerindra", "pks")
    }
    assert pairs_of("PKS menggelar rapat pada Senin. Mereka kemudian mengecam Gerindra.") == {
        ("gerindra", "pks")
    }
    assert pairs_of("Prabowo tiba di Jakarta pada Senin. Mereka kemudian mengecam PKS.") == set()
