"""Stance: the rules that read a pair right in one sentence, and across an article.

Sentences marked (LCS) are quoted from the South China Sea development set
(`../shared/dev-articles/lcs/`, one sentence each); the others were written
for the test.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.ingest.actors import Gazetteer, load_gazetteer
from generator.ingest.analyse import analyse
from generator.ingest.records import Finding
from generator.ingest.relations import sentence_findings
from generator.ingest.rules import Rules
from generator.ingest.stance import weigh

FIXTURES = Path(__file__).resolve().parent / "fixtures"
LCS_ACTORS = FIXTURES / "ingest_lcs_actors"
UNSEEN_ACTORS = FIXTURES / "unseen" / "actors"


@pytest.fixture(scope="module")
def lcs() -> Gazetteer:
    return load_gazetteer(LCS_ACTORS, LCS_ACTORS, "id")[0]


@pytest.fixture(scope="module")
def unseen() -> Gazetteer:
    return load_gazetteer(UNSEEN_ACTORS, UNSEEN_ACTORS, "id")[0]


def one(sentence: str, gazetteer: Gazetteer, rules: Rules, side: str | None = None) -> Finding:
    findings = sentence_findings(sentence, gazetteer, rules, side)
    assert len(findings) == 1, findings
    return findings[0]


HEAD = "Laporan Kawasan Pekan Ini\nJAKARTA - Para menteri bertemu pada hari Senin di ibu kota.\n"


def article(text: str, gazetteer: Gazetteer, rules: Rules):
    """`text` after a neutral headline and lead, as the body of an article."""
    return analyse("test.txt", HEAD + text, rules, gazetteer)


def labels(findings) -> set[tuple[tuple[str, str], str, str]]:
    return {(f.actors, f.stance, f.type) for f in findings}


# -- one sentence -----------------------------------------------------------------


def test_denial_of_a_hostile_act_is_a_rejection(lcs, rules):
    # (LCS 06) China denies the intrusion Indonesia reports: it rejects the accusation
    sentence = (
        "2 Hari Nangkring di Laut Natuna hingga Diusir Paksa, Pemerintah China Bantah Keras "
        "Kapal Penjaga Pantainya Terobos Wilayah Indonesia, 'Kami Cuman Patroli'"
    )
    finding = one(sentence, lcs, rules)
    assert (finding.stance, finding.type) == ("competitive", "rejection")
    assert finding.denied_by == ("china",) and "denial of a hostile act" in finding.reason


def test_denial_of_cooperation_stays_a_denial(unseen, rules):
    finding = one("Hizbullah membantah menerima rudal presisi dari Iran.", unseen, rules)
    assert (finding.stance, finding.type) == ("competitive", "denial")


def test_territorial_violation_is_hostile(lcs, rules):
    # (LCS 04)
    sentence = (
        "Retno Marsudi mengatakan, telah terjadi pelanggaran yang dilakukan kapal-kapal China "
        "di wilayah Zona Ekonomi Eksklusif (ZEE) Indonesia di perairan Natuna, Kepulauan Riau."
    )
    finding = one(sentence, lcs, rules)
    assert (finding.stance, finding.type) == ("hostile", "rival")


def test_breaking_international_law_is_only_an_accusation(lcs, rules):
    sentence = "Filipina menuding China melanggar hukum internasional."
    assert one(sentence, lcs, rules).stance == "competitive"


def test_ships_entering_an_exclusive_economic_zone_is_hostile(lcs, rules):
    # (LCS 06)
    sentence = (
        "Sebelumnya, sebuah kapal coast guard China dengan nomor lambung 5204 terdeteksi "
        "memasuki zona ekonomi eksklusif (ZEE) 200 mil Indonesia di lepas pulau Natuna utara."
    )
    assert one(sentence, lcs, rules).stance == "hostile"


def test_trampling_rights_is_hostile_even_when_refused(lcs, rules):
    # (LCS 07) the negators turn cooperative cues only: refusing to be trampled is hostile
    sentence = (
        "Marcos bersikeras dia tidak akan membiarkan Beijing menginjak-injak hak maritim Manila."
    )
    finding = one(sentence, lcs, rules)
    assert (finding.actors, finding.stance) == (("china", "philippines"), "hostile")


def test_insults_and_severed_ties_are_hostile(lcs, rules):
    # (LCS 03), both
    insult = (
        "Sebelumnya, Duterte menyebut kalimat kasar yang ditujukannya kepada Presiden "
        "Amerika Serikat Barack Obama."
    )
    severed = "Setelah hubungan diplomatik dengan AS putus, Duterte akan mendekati Rusia."
    for sentence in (insult, severed):
        assert one(sentence, lcs, rules).stance == "hostile"


def test_pressure_is_competitive(unseen, rules):
    sentence = "Mesir dan Qatar bekerja sama untuk menekan Hamas agar segera berunding."
    found = labels(sentence_findings(sentence, unseen, rules))
    assert (("egypt", "hamas"), "competitive", "warning") in found
    assert (("egypt", "qatar"), "cooperative", "agreement") in found


def test_cue_inside_quote_marks_is_quoted(lcs, rules):
    # (LCS 03)
    sentence = '"Aliansi AS-Filipina dibangun selama 70 tahun," kata Juru Bicara Gedung Putih.'
    finding = one(sentence, lcs, rules)
    assert finding.quoted and finding.stance == "cooperative"
    outside = one("Aliansi AS-Filipina dibangun selama 70 tahun.", lcs, rules)
    assert not outside.quoted


def test_a_quote_naming_a_pair_is_its_own_clause(lcs, rules):
    said = 'Marcos mengatakan, "Kerja sama Indonesia dan China di bidang perikanan berjalan baik."'
    assert [f.actors for f in sentence_findings(said, lcs, rules)] == [("china", "indonesia")]
    # a quote naming one actor or none belongs to the sentence around it
    called = 'Marcos menyebut China "musuh bersama bagi kita semua di kawasan ini".'
    assert [f.actors for f in sentence_findings(called, lcs, rules)] == [("china", "philippines")]


def test_open_door_to_talks_is_hedged(lcs, rules):
    # (LCS 01)
    sentence = (
        "Dia menambahkan pintu dialog antara China dan Filipina untuk menyelesaikan masalah "
        "Laut Cina Selatan lewat perundingan selalu terbuka."
    )
    finding = one(sentence, lcs, rules)
    assert finding.hedged and finding.stance == "cooperative"
    assert not one("China dan Filipina menandatangani perjanjian.", lcs, rules).hedged


def test_first_person_in_a_quote_is_the_speakers_side(lcs, rules):
    # (LCS 08, with the speaker known) "kami" is China, the side the quote speaks for
    sentence = (
        '"Kami mendesak pihak Filipina untuk segera menghentikan aktivitas pelanggarannya di '
        'perairan ini," tulis juru bicara itu.'
    )
    assert sentence_findings(sentence, lcs, rules) == []
    finding = one(sentence, lcs, rules, side="china")
    assert finding.actors == ("china", "philippines") and finding.quoted
    # where two actors are named, the cue is about them, not about the speaker
    both = '"Kami lihat Indonesia dan Vietnam bekerja sama," kata juru bicara itu.'
    assert [f.actors for f in sentence_findings(both, lcs, rules, "china")] == [
        ("indonesia", "vietnam")
    ]
    # outside the quote marks "kami" is the narrator's, never a side
    plain = "Kami mendesak pihak Filipina untuk menghentikan pelanggarannya."
    assert sentence_findings(plain, lcs, rules, "china") == []


# -- across an article ------------------------------------------------------------


def test_accusation_joins_a_hostility_the_article_reports(lcs, rules):
    # (LCS 08, the second sentence) the condemnation follows a water-cannon attack
    text = (
        "Kapal Filipina ditembaki meriam air oleh Penjaga Pantai China pada hari Sabtu.\n"
        "Filipina pada hari Minggu melayangkan kecamannya terhadap kapal Penjaga Pantai China "
        "setelah sebuah kapal pemasok militernya diadang.\n"
    )
    found = article(text, lcs, rules)
    assert {(f.stance, f.type) for f in found.findings} == {
        ("hostile", "rival"),
        ("hostile", "warning"),
    }
    assert any("hostile: the article reports" in f.reason for f in found.findings)


def test_accusation_alone_stays_competitive(lcs, rules):
    text = "Amerika Serikat menuding China melakukan kecurangan dagang.\n"
    found = article(text, lcs, rules)
    assert labels(found.findings) == {(("china", "united-states"), "competitive", "warning")}


def test_hedged_cooperation_set_aside_by_hostility(lcs, rules):
    # (LCS 01) an open door to talks does not make a dispute cooperative
    text = (
        "China terlibat pertikaian teritorial dengan Filipina terkait Laut China Selatan.\n"
        "Dia menambahkan pintu dialog antara China dan Filipina untuk menyelesaikan masalah "
        "lewat perundingan selalu terbuka.\n"
    )
    found = article(text, lcs, rules)
    assert {f.stance for f in found.findings} == {"hostile"}
    assert [f.type for f in found.set_aside] == ["talks"]
    assert "set aside: an offer or hope" in found.set_aside[0].reason
    assert any("not proposed" in note for note in found.review)


def test_quoted_cooperation_set_aside_by_hostility(lcs, rules):
    # (LCS 03) one side's words about the alliance, in an article about its end
    text = (
        "Setelah hubungan diplomatik dengan AS putus, Duterte akan mendekati Rusia.\n"
        '"Aliansi AS-Filipina dibangun selama 70 tahun," kata Juru Bicara Gedung Putih.\n'
    )
    found = article(text, lcs, rules)
    assert {f.stance for f in found.findings} == {"hostile"}
    assert "one side's quoted words" in found.set_aside[0].reason


def test_asserted_cooperation_stands_beside_hostility(lcs, rules):
    # a relation can be both: only hedged or quoted cooperation is outweighed
    text = (
        "Kapal China menembaki kapal Filipina dengan meriam air.\n"
        "China dan Filipina menandatangani perjanjian perikanan tahun lalu.\n"
    )
    found = article(text, lcs, rules)
    assert {f.stance for f in found.findings} == {"hostile", "cooperative"}
    assert not found.set_aside


def test_weigh_keeps_order_and_ignores_quoted_hostility(rules):
    quoted_hostile = Finding(("a", "b"), "hostile", "strike", "x", "s1", quoted=True)
    offer = Finding(("a", "b"), "cooperative", "talks", "x", "s2", hedged=True)
    weighed = weigh([quoted_hostile, offer], rules)
    assert weighed.kept == (quoted_hostile, offer) and not weighed.set_aside


def test_quote_cues_are_claimed_by_the_speakers_side(lcs, rules):
    # the speaker is named before the quote, so the sentence has no trailing
    # attribution; its cue is still the speaker's claim, not the article's
    text = (
        "Marcos mengatakan, “Kerja sama Indonesia dan China di bidang perikanan berjalan "
        "baik bagi kawasan.”\n"
    )
    found = article(text, lcs, rules)
    (finding,) = found.findings
    assert finding.actors == ("china", "indonesia")
    assert finding.claim_by == ("philippines",) and finding.quoted
    assert "said by philippines (quoted)" in finding.reason and finding.confidence <= 0.5


def test_a_cue_linking_just_two_actors_beats_the_clause(unseen, rules):
    # the adjacent `didukung` says how these two relate; the clause's `mengecam` is about Israel
    found = labels(
        sentence_findings("Hizbullah yang didukung Iran mengecam Israel.", unseen, rules)
    )
    assert (("hezbollah", "iran"), "cooperative", "support") in found
    assert (("hezbollah", "israel"), "competitive", "warning") in found


def test_a_group_tied_to_another_is_an_affiliate(unseen, rules):
    sentence = "Turki menetapkan YPG sebagai organisasi teroris yang terkait dengan PKK."
    found = labels(sentence_findings(sentence, unseen, rules))
    assert (("pkk", "ypg"), "cooperative", "affiliate") in found
    assert (("turkey", "ypg"), "hostile", "designation") in found
    # attacks tied to a group say nothing of the attacked and the group being allies
    attacks = "Turki terguncang oleh berbagai serangan yang terkait dengan PKK."
    assert all(f.stance != "cooperative" for f in sentence_findings(attacks, unseen, rules))


def test_a_comma_before_a_new_subject_with_its_own_cue_opens_a_clause(unseen, rules):
    # a headline of two clauses: Qatar's protest is not about Egypt and Israel's talks
    sentence = "Mesir Gelar Perundingan dengan Israel, Qatar Protes Keras"
    assert [f.actors for f in sentence_findings(sentence, unseen, rules)] == [("egypt", "israel")]
    # a list before the verb, and a relative clause, are no new subject
    listed = "Mesir, Qatar dan Israel sepakat memperpanjang gencatan senjata."
    assert len(sentence_findings(listed, unseen, rules)) == 3
    relative = "Hamas, yang didukung Iran, menyerang Israel."
    found = labels(sentence_findings(relative, unseen, rules))
    assert (("hamas", "iran"), "cooperative", "support") in found
    assert (("hamas", "israel"), "hostile", "strike") in found


def test_headline_verbs_without_prefix_are_cues(lcs, rules):
    # headlines drop meN-: `Tolak`, `Kecam`, `Ancam`, `Serang`, `Dukung`
    assert one("China Tolak Gugatan Filipina", lcs, rules).type == "rejection"
    assert one("Vietnam Kecam China", lcs, rules).stance == "competitive"
    assert one("AS Dukung Filipina", lcs, rules).stance == "cooperative"


# -- politics (sentences written for the test) --------------------------------------

POLITICS_ACTORS = FIXTURES / "ingest_politics_actors"


@pytest.fixture(scope="module")
def parties() -> Gazetteer:
    return load_gazetteer(POLITICS_ACTORS, POLITICS_ACTORS, "id")[0]


def test_co_targets_of_an_accusation_are_not_rivals(parties, rules):
    found = labels(
        sentence_findings("Demokrat menuding NasDem dan PKB berkhianat.", parties, rules)
    )
    assert found == {
        (("demokrat", "nasdem"), "competitive", "warning"),
        (("demokrat", "pkb"), "competitive", "warning"),
    }
    # the dispute between two is theirs
    between = one("Pertikaian antara NasDem dan PKB memanas.", parties, rules)
    assert (between.actors, between.stance) == (("nasdem", "pkb"), "hostile")


def test_a_relative_clause_pairs_with_the_noun_it_follows(parties, rules):
    sentence = "PKS, yang sebelumnya mengusung Anies, kini bergabung dengan koalisi Prabowo."
    assert labels(sentence_findings(sentence, parties, rules)) == {
        (("anies-baswedan", "pks"), "cooperative", "allies"),
        (("gerindra", "pks"), "cooperative", "allies"),
    }


def test_leaving_names_the_one_left_after_the_cue(parties, rules):
    left = one("PKB hengkang dari koalisi NasDem.", parties, rules)
    assert (left.actors, left.stance, left.type) == (("nasdem", "pkb"), "competitive", "splinter")
    # leaving an unnamed coalition to join a party: only the joining is a relation
    joined = one("Demokrat keluar dari koalisi dan merapat ke Gerindra.", parties, rules)
    assert (joined.actors, joined.stance) == (("demokrat", "gerindra"), "cooperative")


def test_running_mates_are_allies(parties, rules):
    sentence = "NasDem menggandeng Muhaimin Iskandar sebagai pendamping Anies."
    found = labels(sentence_findings(sentence, parties, rules))
    assert (("nasdem", "pkb"), "cooperative", "allies") in found


# -- another war (sentences written for the test) ---------------------------------

WAR_ACTORS = FIXTURES / "ingest_war_actors"


@pytest.fixture(scope="module")
def war() -> Gazetteer:
    return load_gazetteer(WAR_ACTORS, WAR_ACTORS, "id")[0]


def test_a_denied_attack_gives_the_rejection_only(war, rules):
    finding = one("Kremlin membantah pasukannya menargetkan warga sipil Ukraina.", war, rules)
    assert (finding.actors, finding.stance, finding.type) == (
        ("russia", "ukraine"),
        "competitive",
        "rejection",
    )


def test_a_warning_is_between_who_warns_and_who_is_warned(war, rules):
    sentence = "Putin memperingatkan NATO agar tidak mengirim pasukan ke Ukraina."
    pairs = {f.actors for f in sentence_findings(sentence, war, rules)}
    assert pairs == {("nato", "russia"), ("russia", "ukraine")}  # never NATO–Ukraine


def test_seizing_and_occupying_are_hostile(war, rules):
    sentence = "Pasukan Ukraina berhasil merebut kembali wilayah yang diduduki Rusia."
    assert one(sentence, war, rules).stance == "hostile"


def test_what_an_accuser_says_another_did_is_the_accusers_claim(war, rules):
    sentence = "AS menuduh China memasok senjata kepada Rusia."
    found = {f.actors: f for f in sentence_findings(sentence, war, rules)}
    supply = found[("china", "russia")]
    assert supply.stance == "cooperative" and supply.claim_by == ("united-states",)
    assert "alleged by united-states" in supply.reason and supply.confidence < 0.6
    assert found[("china", "united-states")].claim_by == ()


def test_an_agreement_in_the_passive_is_an_agreement(lcs, rules):
    # (LCS 10, shortened) `disepakati` inside a relative clause pairs its two actors
    sentence = (
        "Kerja sama ini sejalan dengan deklarasi itu, yang telah disepakati negara-negara "
        "Vietnam dan China pada 2002, serta upaya menjaga perdamaian."
    )
    finding = one(sentence, lcs, rules)
    assert (finding.actors, finding.type) == (("china", "vietnam"), "agreement")


def test_nomination_and_pairing_in_headlines_and_prose(parties, rules):
    headline = "PKB Hengkang dari Koalisi Perubahan, NasDem Tetap Usung Anies"
    found = labels(sentence_findings(headline, parties, rules))
    # leaving a coalition (a group kind, and the default vocabulary's `leaves`) ends a
    # membership; the cue no longer swallows the `Koalisi` of the name it is about
    assert found == {
        (("anies-baswedan", "nasdem"), "cooperative", "allies"),
        (("koalisi-perubahan", "pkb"), "competitive", "leaves"),
    }
    paired = one("Muhaimin Iskandar dipasangkan dengan Anies Baswedan.", parties, rules)
    assert (paired.actors, paired.stance) == (("anies-baswedan", "pkb"), "cooperative")


def test_betrayal_is_between_the_betrayer_and_the_betrayed(parties, rules):
    assert one("NasDem mengkhianati Demokrat.", parties, rules).stance == "competitive"
    # accused together of betraying: not each other's rivals
    sentence = "Demokrat menuding NasDem dan PKB berkhianat."
    assert {f.actors for f in sentence_findings(sentence, parties, rules)} == {
        ("demokrat", "nasdem"),
        ("demokrat", "pkb"),
    }
    # the betrayal of an agreement outweighs the agreement it names
    noun = 'AHY menyebut langkah NasDem sebagai "pengkhianatan terhadap kesepakatan bersama."'
    assert one(noun, parties, rules).stance == "competitive"


def test_diplomatic_and_maritime_acts(lcs, rules):
    cases = {
        "Presiden Marcos mengunjungi Beijing pekan lalu.": ("cooperative", "talks"),
        "Vietnam mendesak China menghentikan pembangunan pulau buatan.": (
            "competitive",
            "warning",
        ),
        "Kapal China menabrak kapal nelayan Vietnam di dekat pulau itu.": ("hostile", "rival"),
        "Indonesia mengusir kapal penjaga pantai China dari perairan Natuna.": (
            "hostile",
            "rival",
        ),
        "AS menyatakan solidaritas dengan Filipina.": ("cooperative", "support"),
    }
    for sentence, expected in cases.items():
        finding = one(sentence, lcs, rules)
        assert (finding.stance, finding.type) == expected, sentence
