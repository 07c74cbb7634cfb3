"""Relations: one finding per pair per sentence, negation, the lexicon, and the clause's own words."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.ingest.actors import Gazetteer, load_gazetteer
from generator.ingest.relations import sentence_findings
from generator.ingest.rules import Rules

ACTORS = Path(__file__).resolve().parent / "fixtures" / "unseen" / "actors"


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return load_gazetteer(ACTORS, ACTORS, "id")[0]


def found(sentence: str, gazetteer: Gazetteer, rules: Rules) -> dict:
    return {f.actors: (f.stance, f.type) for f in sentence_findings(sentence, gazetteer, rules)}


def test_one_finding_per_pair_per_sentence(gazetteer, rules):
    sentence = (
        "Turki memperingatkan pekan lalu bahwa kesepakatan militer itu dapat membahayakan Rusia."
    )
    findings = sentence_findings(sentence, gazetteer, rules)
    assert [(f.actors, f.stance, f.type) for f in findings] == [
        (("russia", "turkey"), "competitive", "warning")
    ]
    assert "chosen over cooperative" in findings[0].reason
    assert 0 < findings[0].confidence < 1


def test_negated_cooperative_cue_is_a_rejection(gazetteer, rules):
    sentence = "Turki menegaskan tidak akan pernah mengakui klaim sepihak yang dilakukan Rusia."
    assert found(sentence, gazetteer, rules) == {("russia", "turkey"): ("competitive", "rejection")}


def test_ending_an_alliance_is_a_rejection(gazetteer, rules):
    sentence = "Presiden Erdogan mengumumkan mengakhiri hubungan sekutu dengan Amerika Serikat."
    assert found(sentence, gazetteer, rules) == {
        ("turkey", "united-states"): ("competitive", "rejection")
    }


def test_protest_targets_the_actor_after_it(gazetteer, rules):
    sentence = "Nota Amerika Serikat kepada PBB untuk memprotes tuntutan Rusia, kata Qatar."
    assert found(sentence, gazetteer, rules) == {
        ("russia", "united-states"): ("competitive", "rejection")
    }


def test_joint_statement_is_an_agreement(gazetteer, rules):
    sentence = "Hal ini merujuk pada joint statement antara Presiden Erdogan dan Presiden Putin."
    assert found(sentence, gazetteer, rules) == {("russia", "turkey"): ("cooperative", "agreement")}


def test_common_enemy_exercise(gazetteer, rules):
    sentence = "Penembakan itu terjadi ketika Turki dan Amerika Serikat mengadakan latihan militer yang telah membuat marah Rusia."
    assert found(sentence, gazetteer, rules) == {
        ("russia", "turkey"): ("hostile", "rival"),
        ("russia", "united-states"): ("hostile", "rival"),
        ("turkey", "united-states"): ("cooperative", "allies"),
    }


@pytest.mark.parametrize(
    ("sentence", "stance", "kind"),
    [
        ("Partai Turki resmi berkoalisi dengan Qatar menjelang pemilu.", "cooperative", "allies"),
        ("Qatar mengusung Turki sebagai tuan rumah perundingan.", "cooperative", "allies"),
        (
            "Turki memutuskan hengkang dari blok yang dipimpin Rusia tahun lalu.",
            "competitive",
            "splinter",
        ),
        # the one left is named after the cue ("keluar dari koalisi bersama Qatar" would be
        # leaving together with Qatar)
        ("Turki keluar dari koalisi Qatar pekan lalu.", "competitive", "splinter"),
        ("Qatar memanggil duta besar Turki untuk meminta penjelasan.", "competitive", "rejection"),
        ("Qatar mengajukan arbitrase terhadap Turki di Den Haag.", "competitive", "rejection"),
        ("Kapal Turki ditembaki meriam air oleh kapal Rusia.", "hostile", "rival"),
        ("Qatar melayangkan kecamannya terhadap Turki.", "competitive", "warning"),
    ],
)
def test_lexicon_for_politics_and_diplomacy(gazetteer, rules, sentence, stance, kind):
    assert {(s, k) for s, k in found(sentence, gazetteer, rules).values()} == {(stance, kind)}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # mediation and hosting are talks, with each side and between the sides
        ("Menteri Qatar memediasi Turki dan Rusia di Doha.",
         {("qatar", "turkey"): "talks", ("qatar", "russia"): "talks", ("russia", "turkey"): "talks"}),
        ("Turki menjamu Qatar di Ankara pekan lalu.", {("qatar", "turkey"): "talks"}),
        # accepting advice, a consensus, friendship
        ("Rusia menerima saran Turki untuk mengakhiri kekerasan.", {("russia", "turkey"): "agreement"}),
        ("Qatar dan Turki mencapai konsensus soal Suriah.", {("qatar", "turkey"): "agreement"}),
        ("Turki mengadopsi kebijakan yang lebih bersahabat dengan Qatar.",
         {("qatar", "turkey"): "agreement"}),
        # acting together
        ("Qatar bersama Turki berunjuk rasa di depan kedutaan.", {("qatar", "turkey"): "allies"}),
        # facing, criticising, reporting to an authority: rivalry and warnings
        ("Qatar akan berhadapan dengan Turki di final.", {("qatar", "turkey"): "rival"}),
        ("Qatar mengkritik langkah Turki.", {("qatar", "turkey"): "warning"}),
        ("Qatar melaporkan Turki ke Dewan Keamanan atas pelanggaran itu.",
         {("qatar", "turkey"): "warning"}),
        # a failed ceasefire is the fighting it paused; one reported is no report of either
        ("Pertempuran pecah setelah gencatan senjata antara Hamas dan Israel gagal dipertahankan.",
         {("hamas", "israel"): "armed-clash"}),
    ],
)  # fmt: skip
def test_general_relation_words(gazetteer, rules, sentence, expected):
    got = {pair: kind for pair, (_, kind) in found(sentence, gazetteer, rules).items()}
    assert got == expected


def test_a_pronoun_is_the_antecedent_though_a_later_word_names_it_again(gazetteer, rules):
    # `dia` is Putin's Russia; `di Rusia` after it is where Erdogan arrived
    sentence = "Dengan demikian dia akan satu forum dengan Erdogan yang tiba di Rusia pagi tadi."
    findings = sentence_findings(sentence, gazetteer, rules, None, "vladimir-putin")
    assert {f.actors: f.type for f in findings} == {("russia", "turkey"): "talks"}


def test_both_of_them_are_the_two_actors_the_sentence_before_named(gazetteer, rules):
    before = ("qatar", "turkey")  # `Qatar menyatakan dukungan terhadap langkah Turki.`
    sentence = "Kedua negara itu sebelumnya bersama-sama menentang kebijakan Rusia."
    findings = sentence_findings(sentence, gazetteer, rules, None, "qatar", before)
    assert {f.actors: f.stance for f in findings} == {
        ("qatar", "russia"): "competitive",
        ("russia", "turkey"): "competitive",
    }
    # never a relation of the two by the phrase alone: they back different sides
    sentence = "Kedua negara mendukung faksi yang berbeda dalam perang itu."
    assert sentence_findings(sentence, gazetteer, rules, None, "qatar", before) == []


def test_acting_together_pairs_the_co_subjects_and_no_one_else(gazetteer, rules):
    got = found("Qatar dan Turki bersama-sama menentang kebijakan Rusia.", gazetteer, rules)
    assert got[("qatar", "turkey")] == ("cooperative", "allies")
    assert got[("russia", "turkey")][0] == "competitive"
    # a noun's `bersama` (a common enemy) joins no one
    assert found("YPG disebut musuh bersama Rusia dan Turki.", gazetteer, rules) == {
        ("russia", "ypg"): ("hostile", "rival"),
        ("turkey", "ypg"): ("hostile", "rival"),
    }


def test_an_adjacent_cue_reaches_the_whole_group_named_after_it(gazetteer, rules):
    got = found("Petahana itu, Erdogan, didukung Rusia dan Qatar dalam pemilu.", gazetteer, rules)
    assert got == {
        ("russia", "turkey"): ("cooperative", "support"),
        ("qatar", "turkey"): ("cooperative", "support"),
        # backing one side together, they are partners
        ("qatar", "russia"): ("cooperative", "support"),
    }


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Sanksi Amerika Serikat terhadap Iran mulai berlaku pekan ini.",
         {("iran", "united-states"): ("hostile", "designation")}),
        ("Dukungan Qatar kepada Hamas memicu protes.", {("hamas", "qatar"): ("cooperative", "support")}),
        ("Serangan Israel terhadap Hizbullah menewaskan tiga orang.",
         {("hezbollah", "israel"): ("hostile", "strike")}),
        # a coup's agent right after it, its target a few words after the marker
        ("Kudeta Erdogan terhadap pemerintahan yang dipimpin kelompok Hamas itu gagal.",
         {("hamas", "turkey"): ("hostile", "armed-clash")}),
        # an aiming noun names its target right after it, not its agent
        ("Rusia berbagi koordinat sasaran Hamas kepada Qatar.",
         {("hamas", "qatar"): ("hostile", "strike"), ("hamas", "russia"): ("hostile", "strike"),
          ("qatar", "russia"): ("cooperative", "intelligence-sharing")}),
    ],
)  # fmt: skip
def test_a_cue_noun_with_its_agent_after_it(gazetteer, rules, sentence, expected):
    assert found(sentence, gazetteer, rules) == expected


def test_a_description_of_the_speaker_is_a_clause_of_the_speakers_side(gazetteer, rules):
    sentence = '"Kami akan terus maju," lanjut jenderal yang pernah menyerang Hizbullah itu.'
    findings = sentence_findings(sentence, gazetteer, rules, "israel")
    assert [(f.actors, f.type, f.claim_by) for f in findings] == [
        (("hezbollah", "israel"), "strike", ())  # the article's words, not Hizbullah's claim
    ]


def test_they_are_the_first_group_the_sentence_before_named(gazetteer, rules):
    # `Para politisi, termasuk Putin, mengumumkan pembentukan Hamas. Mereka …`: a person
    # opened that sentence; `mereka` is the first actor in it that is no person
    before = ("vladimir-putin", "hamas")
    findings = sentence_findings("Mereka menyerang Israel.", gazetteer, rules, None, None, before)
    assert {f.actors: f.type for f in findings} == {("hamas", "israel"): "strike"}
    # `dia` stays the person
    findings = sentence_findings("Dia mengecam Israel.", gazetteer, rules, None, None, before)
    assert {f.actors: f.type for f in findings} == {("israel", "russia"): "warning"}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # the maker of what a cue is about, in a passive relative clause beyond the reach
        ("Qatar menolak rancangan perjanjian perdagangan bebas kawasan tahun 2025 yang diajukan "
         "oleh Turki dalam sidang itu.", {("qatar", "turkey"): ("competitive", "rejection")}),
        # … not across a comma, where the clause has moved on
        ("Hamas merebut sebagian besar wilayah itu, termasuk proyek yang dibiayai oleh Qatar.", {}),
        # a judgment of unfairness; a fine
        ("Qatar menilai Turki tidak adil.", {("qatar", "turkey"): ("competitive", "warning")}),
        ("Turki mendenda Qatar atas pelanggaran itu.", {("qatar", "turkey"): ("hostile", "designation")}),
    ],
)  # fmt: skip
def test_the_maker_of_what_is_rejected_and_judgments_of_unfairness(
    gazetteer, rules, sentence, expected
):
    assert found(sentence, gazetteer, rules) == expected


# -- the article's own words for an event, only where its clause says it plainly


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


def test_a_relative_clause_between_commas_is_no_distance(gazetteer, rules):
    sentence = (
        "Namun Turki, yang mengganti menteri luar negerinya pada bulan Juni lalu, telah "
        "mengadopsi kebijakan luar negeri yang lebih bersahabat dengan Qatar."
    )
    assert found(sentence, gazetteer, rules) == {("qatar", "turkey"): ("cooperative", "agreement")}
