"""Speaker attribution, one rule a test, each built from a sentence that shows it."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.ingest.actors import Gazetteer, load_gazetteer
from generator.ingest.language import load_language
from generator.ingest.quotes import extract_quotes
from generator.ingest.rules import Rules, load_rules
from generator.ingest.speaker_register import Register
from generator.ingest.speakers import names_in, resolve

ACTORS = Path(__file__).resolve().parent / "fixtures" / "ingest_actors"


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return load_gazetteer(ACTORS, ACTORS, "id")[0]


def speakers(text: str, gazetteer: Gazetteer, rules: Rules) -> list[tuple[str | None, str | None]]:
    paragraphs = [p for p in text.split("\n") if p.strip()]
    return [(q.speaker, q.speaker_name) for q in extract_quotes(paragraphs, gazetteer, rules)]


def quote_speakers(
    text: str, gazetteer: Gazetteer, rules: Rules
) -> list[tuple[str | None, str | None]]:
    """Speakers as ingest reads them, with the language's name cues (offices, reports)."""
    paragraphs = [p for p in text.split("\n") if p.strip()]
    found = extract_quotes(paragraphs, gazetteer, rules, rules.names)
    return [(q.speaker, q.speaker_name) for q in found]


def test_title_before_the_name_gives_the_person_not_the_ministry(gazetteer, rules):
    text = '"Kami tidak akan diam saja," ujar juru bicara Kementerian Luar Negeri Rusia, Maria Zakharova.'
    assert speakers(text, gazetteer, rules) == [("maria-zakharova", "Maria Zakharova")]


def test_ministry_stands_for_its_state_when_no_person_is_named(gazetteer, rules):
    text = '"Keputusan ini adalah batal demi hukum," ujar Kementerian Luar Negeri Rusia dalam sebuah pernyataan.'
    assert speakers(text, gazetteer, rules)[0][0] == "russia"


def test_person_without_a_dossier_keeps_the_name(gazetteer, rules):
    text = '"Kami akan terus menekan mereka," kata Pompeo kepada wartawan.'
    assert speakers(text, gazetteer, rules) == [(None, "Pompeo")]


def test_title_and_institution_words_are_not_part_of_the_name(gazetteer, rules):
    text = '"Aliansi AS-Filipina dibangun selama 70 tahun," kata Juru Bicara Gedung Putih Eric Schultz.'
    assert speakers(text, gazetteer, rules) == [(None, "Eric Schultz")]


def test_apposition_after_the_role_names_the_speaker(gazetteer, rules):
    text = (
        '"Filipina secara sepihak memulai arbitrase Laut China Selatan," kata juru bicara '
        "Kementerian Luar Negeri China, Hong Lei, seperti dikutip kantor berita Reuters."
    )
    assert speakers(text, gazetteer, rules) == [(None, "Hong Lei")]


def test_surname_only_is_the_full_name_seen_earlier(gazetteer, rules):
    text = (
        "Wang Wenbin, juru bicara kementerian luar negeri China, mengatakan kapal itu tidak melakukan hal ilegal.\n"
        '"Hak dan kepentingan China di perairan yang relevan sudah jelas," kata Wang dalam konferensi pers.'
    )
    assert speakers(text, gazetteer, rules) == [(None, "Wang Wenbin")]


def test_pronoun_after_the_quote_is_the_last_named_speaker(gazetteer, rules):
    text = (
        '"Di tempat ini, saya mengumumkan perpisahan saya," kata Putin.\n'
        "Pernyataan itu disambut tepuk tangan dari para pebisnis.\n"
        '"Baik dalam militer, sosial, dan ekonomi juga," lanjut dia.'
    )
    assert [s for s, _ in speakers(text, gazetteer, rules)] == ["vladimir-putin"] * 2


def test_nya_is_the_subject_reported_just_before(gazetteer, rules):
    text = (
        '"Aliansi ini dibangun selama 70 tahun," kata Maria Zakharova.\n'
        "Sebelumnya, Putin menyebut kalimat kasar kepada wartawan. "
        '"Pergi sana ke neraka!" tegasnya dalam sebuah pidato.'
    )
    assert [s for s, _ in speakers(text, gazetteer, rules)] == ["maria-zakharova", "vladimir-putin"]


def test_speech_verb_before_then_nya_in_the_next_paragraph(gazetteer, rules):
    text = (
        "Lebih lanjut, Zakharova mengatakan, para menteri sepakat untuk melakukan patroli.\n"
        '"Dan juga kegiatan-kegiatan perikanan di perairan itu," ucapnya'
    )
    assert speakers(text, gazetteer, rules) == [("maria-zakharova", "Zakharova")]


def test_institution_as_speaker_and_its_statement_as_anaphor(gazetteer, rules):
    text = (
        '"Kapal Penjaga Pantai pada hari Sabtu mengadang kapal sewaan," kata Angkatan Bersenjata Rusia dalam pernyataannya.\n'
        '"Manuver berbahaya itu mencegah kapal kedua menurunkan perbekalan," kata pernyataan tersebut.'
    )
    assert [s for s, _ in speakers(text, gazetteer, rules)] == ["russia", "russia"]


def test_shorter_form_of_the_last_institution(gazetteer, rules):
    text = (
        "“Kerja sama ini tidak dapat dimaknai sebagai pengakuan atas klaim,” sebut pernyataan Kemlu Rusia.\n"
        "“Rusia juga meyakini bahwa kerja sama tersebut akan mendorong penyelesaian,” lanjut pernyataan Kemlu."
    )
    assert [s for s, _ in speakers(text, gazetteer, rules)] == ["russia", "russia"]


def test_unattributed_quote_paragraph_continues_the_previous_quote(gazetteer, rules):
    text = (
        '"Kami tidak akan mengizinkan pangkalan kami digunakan," kata Putin kepada wartawan.\n'
        '"Jika tidak ada yang menyerang kita, mereka tidak perlu khawatir."'
    )
    assert [s for s, _ in speakers(text, gazetteer, rules)] == ["vladimir-putin"] * 2


def test_quote_opened_straight_and_closed_curly(gazetteer, rules):
    text = '"Langkah-langkah ini sesuai dengan hukum, dan profesional,” kata Zakharova.'
    assert speakers(text, gazetteer, rules) == [("maria-zakharova", "Zakharova")]


def test_scare_quotes_are_not_quotes(gazetteer, rules):
    text = (
        "Filipina dianggap sebagai negara 'penyeimbang' dan reaksi itu \"tidak mengejutkan\". "
        'Filipina tidak akan mengizinkan "tindakan ofensif apa pun" dari pangkalan itu.'
    )
    assert speakers(text, gazetteer, rules) == []


def test_long_partial_quote_in_reported_speech_stays(gazetteer, rules):
    text = (
        "Zakharova mengatakan, keputusan itu “akhirnya menghapus semua hambatan bagi kerja sama "
        "penuh antara kedua negara”."
    )
    assert speakers(text, gazetteer, rules) == [("maria-zakharova", "Zakharova")]


def test_unnamed_source(gazetteer, rules):
    text = '"Jika upaya ini tidak kami lakukan, semuanya akan hancur," kata sumber tersebut.'
    assert speakers(text, gazetteer, rules) == [(None, None)]


def test_register_resolves_a_short_name(gazetteer, rules):
    register = Register().add(
        *names_in("Juru bicara Penjaga Pantai China, Gan Yu, mengatakan", gazetteer, rules)
    )
    assert register.names == ("Gan Yu",)
    found = resolve(
        "Yu lewat akun Penjaga Pantai China di WeChat", gazetteer, rules, register, None
    )
    assert found is not None and found.name == "Gan Yu"


def test_capitalised_opening_is_not_a_name(gazetteer, rules):
    assert resolve("Lebih lanjut", gazetteer, rules, Register(), None) is None


def test_partial_quote_woven_into_reported_speech_is_not_a_quote(gazetteer, rules):
    # (LCS 02, the state renamed) a lower-case fragment with no attribution of its own
    text = (
        "Informasi itu berdasarkan laporan media pemerintah yang menyatakan Rusia “tidak "
        "mengakui ataupun menerima keputusan pengadilan arbitrase internasional”. Bahkan, "
        "Rusia menyebut keputusan itu melanggar hukum."
    )
    assert speakers(text, gazetteer, rules) == []
    # the same fragment with its speaker named stays a quote
    said = "Rusia “tidak mengakui ataupun menerima keputusan pengadilan itu,” kata Maria Zakharova."
    assert speakers(said, gazetteer, rules) == [("maria-zakharova", "Maria Zakharova")]


# -- with the language's name cues (as `analyse` runs it) ---------------------------

EMPTY = Gazetteer({}, ())


def named(text: str, gazetteer: Gazetteer = EMPTY) -> list[tuple[str | None, str | None]]:
    rules = load_rules(load_language("id"))[0]
    paragraphs = [p for p in text.split("\n") if p.strip()]
    found = extract_quotes(paragraphs, gazetteer, rules, rules.names)
    return [(q.speaker, q.speaker_name) for q in found]


def test_a_party_before_a_speakers_name_is_not_part_of_it():
    text = '"Kami siap bekerja sama dengan semua partai," kata Ketua Umum PKB Muhaimin Iskandar di Jakarta.'
    assert named(text) == [(None, "Muhaimin Iskandar")]
    text = (
        'Sekjen PDIP Hasto Kristiyanto menegaskan, "Kami akan mengumumkan calonnya pada waktunya."'
    )
    assert named(text) == [(None, "Hasto Kristiyanto")]


def test_a_description_with_a_demonstrative_is_the_last_speaker():
    text = (
        '"Koalisi ini akan terus solid sampai pendaftaran," ujar Anies Baswedan di Jakarta.\n'
        '"Kami tidak akan meninggalkan mitra koalisi kami begitu saja," tutur politikus itu.\n'
        '"Kami sudah menyiapkan semua berkas untuk KPU," lanjut mantan Gubernur DKI Jakarta tersebut.'
    )
    assert named(text) == [(None, "Anies Baswedan")] * 3


def test_a_description_that_gives_a_nickname_names_that_person():
    text = (
        '"Koalisi ini akan terus solid sampai pendaftaran," ujar Anies Baswedan.\n'
        '"Kami menghormati semua pihak yang berbeda," kata pria yang akrab disapa Cak Imin itu.'
    )
    assert named(text)[1] == (None, "Cak Imin")


def test_the_institution_named_before_speaks_for_its_actor():
    us = ACTORS.parent / "ingest_war_actors"
    gazetteer = load_gazetteer(us, us, "id")[0]
    text = (
        "Departemen Keuangan Amerika Serikat menyatakan bahwa sanksi itu berlaku.\n"
        '"Militer harus membatalkan tindakannya segera," kata departemen itu dalam pernyataan.'
    )
    assert named(text, gazetteer)[0][0] == "united-states"


def test_an_attribution_to_no_one_known_is_no_continuation():
    text = (
        '"Kami siap bekerja sama dengan semua pihak," kata Zaw Min Tun.\n'
        '"Saran tersebut akan dipertimbangkan secara positif," ujar junta.'
    )
    assert named(text) == [(None, "Zaw Min Tun"), (None, None)]


def test_an_organisation_without_a_dossier_keeps_its_name():
    text = '"Kami akan menindaklanjuti laporan tersebut," ujar KPU dalam keterangannya.'
    assert named(text) == [(None, "KPU")]


def test_a_partial_quote_is_its_sentences_subjects_and_a_cited_report_is_no_speaker():
    war = ACTORS.parent / "ingest_war_actors"  # China declared; Xi Jinping is not
    text = (
        "Presiden China Xi Jinping mengunjungi Myanmar pada Januari tahun lalu.\n"
        'Dalam kunjungan itu, dia berjanji bahwa Beijing akan "dengan tegas mendukung '
        'pemerintah Myanmar dan rakyatnya," menurut pembacaan kementerian tentang pertemuan '
        "antara dia dan Presiden Myanmar U Win Myint.\n"
        'Menteri Luar Negeri Retno Marsudi mengatakan pertemuan ini merupakan "refleksi '
        'kekhawatiran yang dalam terhadap situasi di kawasan."'
    )
    assert named(text, load_gazetteer(war, war, "id")[0]) == [
        (None, "Xi Jinping"),
        (None, "Retno Marsudi"),
    ]


def test_the_subject_after_a_long_opening_clause():
    text = (
        "Mengacu pada partai Liga Nasional untuk Demokrasi, yang memimpin pemerintahan yang "
        'digulingkan dua tahun lalu, Chris Sidoti menambahkan, "Kami sering berurusan secara '
        'online dengan mereka."'
    )
    assert named(text) == [(None, "Chris Sidoti")]


def test_a_quote_the_excerpt_stops_inside_is_a_quote():
    text = (
        "Wang Yi tiba di Naypyitaw pada hari Rabu.\n"
        "Media pemerintah China mengutip pernyataan Wang yang mengatakan bahwa China "
        "“menentang kekacauan dan perang di Myanmar, campur tangan dalam urusan"
    )
    assert named(text) == [(None, "Wang Yi")]


def test_a_particle_name_and_a_title_before_it():
    text = (
        '"Pasukan kami tidak pernah melanggar perbatasan," kata juru bicara Kementerian Luar '
        "Negeri Sudan, Ali al-Sadiq, seperti dikutip Reuters."
    )
    assert named(text) == [(None, "Ali al-Sadiq")]


def test_going_on_is_the_last_speaker_and_dia_the_person_who_acted_since():
    text = (
        '"Saya mengumumkan perpisahan saya dari mereka," kata Rodrigo Duterte.\n'
        "Wakil Perdana Menteri Zhang Gaoli hadir dalam pertemuan itu.\n"
        '"Baik dalam militer, sosial, dan ekonomi juga," lanjut dia.\n'
        "Zhang Gaoli kemudian menyambut rombongan itu.\n"
        'Dalam sambutannya, dia mengatakan, "Kami menyambut sahabat lama dengan gembira."'
    )
    assert named(text) == [
        (None, "Rodrigo Duterte"),
        (None, "Rodrigo Duterte"),
        (None, "Zhang Gaoli"),
    ]


def test_an_office_named_without_its_state_is_the_state_the_article_named_it_with(gazetteer, rules):
    text = (
        "Kementerian Luar Negeri (Kemlu) Rusia menolak putusan itu.\n"
        '"Putusan itu batal demi hukum dan tidak mengikat siapa pun," kata juru bicara Kemlu.\n'
        '"Kami tidak akan pernah menerimanya sampai kapan pun," ujar Kemlu dalam keterangannya.\n'
        "Presiden Vladimir Putin menyambut putusan itu di Moskow.\n"
        '"Ini kemenangan bagi seluruh rakyat kami," kata juru bicara Presiden.'
    )
    assert [s for s, _ in quote_speakers(text, gazetteer, rules)] == ["russia"] * 3


def test_an_office_the_article_never_named_with_an_actor_is_no_one(gazetteer, rules):
    text = '"Kami akan terus memantau situasi di kawasan itu," kata juru bicara Kemlu.'
    assert quote_speakers(text, gazetteer, rules) == [(None, None)]


def test_a_quote_from_a_cited_report_is_its_sources(gazetteer, rules):
    text = (
        "Presiden Vladimir Putin tiba di lokasi pertemuan di Jakarta. Agenda utamanya, mengutip "
        "keterangan pers yang diterima wartawan dari Biro Pers Sekretariat Presiden, adalah "
        '"penyelesaian situasi itu."\n'
        "Berdasarkan keterangan yang sama, lewat pertemuan ini diharapkan tercapai "
        '"kesepakatan, utamanya mengenai langkah-langkah yang baik bagi rakyat."'
    )
    assert [s for s, _ in quote_speakers(text, gazetteer, rules)] == ["russia"]
    # a report that is the sentence's predicate frames no quote: reported speech
    text = (
        "Informasi itu berdasarkan laporan dari media pemerintah Rusia yang menyatakan Rusia "
        "“tidak mengakui ataupun menerima keputusan pengadilan arbitrase itu”."
    )
    assert quote_speakers(text, gazetteer, rules) == []


# -- a speaker named in full once, then by part of the name; joint statements; a quote
# opening the paragraph after its speaker's reported speech (names invented for the tests)


def test_a_speaker_named_by_part_of_the_full_name_is_the_full_name(gazetteer, rules):
    text = (
        "Sekretaris Jenderal partai itu, Bayu Pratama Wicaksana, menyatakan partainya siap. "
        '"Kami tidak meminta kursi menteri," ujar Bayu Pratama.\n'
        '"Keputusan ini sudah bulat," kata Bayu.'
    )
    assert quote_speakers(text, gazetteer, rules) == [(None, "Bayu Pratama Wicaksana")] * 2


def test_a_joint_statement_is_the_first_actors_named(gazetteer, rules):
    text = 'Rusia dan Suriah dalam pernyataan bersama menyatakan, "Kedua negara akan membuka kedutaan."'
    assert quote_speakers(text, gazetteer, rules)[0][0] == "russia"
    text = (
        "Rusia dan Amerika Serikat menyambut kesepakatan itu.\n"
        '"Kami mendesak semua pihak menghormati kesepakatan ini," demikian pernyataan bersama '
        "kedua negara."
    )
    assert quote_speakers(text, gazetteer, rules)[0][0] == "russia"


def test_a_quote_opening_the_paragraph_after_its_speakers_reported_speech(gazetteer, rules):
    text = (
        "Menteri Pertahanan Sekar Ayu Maharani tiba di Moskow. Ia menegaskan, timnya sudah siap.\n"
        '"Kami bekerja untuk itu setiap hari."'
    )
    assert quote_speakers(text, gazetteer, rules) == [(None, "Sekar Ayu Maharani")]


def test_no_speaker_is_taken_from_a_person_merely_mentioned(gazetteer, rules):
    # the paragraph before ends with no one speaking: the quote stays unattributed
    text = (
        '"Kami sudah siap sejak pekan lalu," kata Sekar Ayu Maharani.\n'
        "Pertemuan itu digelar di rumah Bayu Pratama Wicaksana di Moskow.\n"
        '"Semua pihak harus menahan diri sampai akhir pekan."'
    )
    assert quote_speakers(text, gazetteer, rules)[1] == (None, None)
