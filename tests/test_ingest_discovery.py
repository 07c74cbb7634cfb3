"""Discovery from nothing: candidate actors with their kinds, aliases and confidence.

Sentences and articles written for these tests (`fixtures/discovery/`,
synthetic, Indonesian-style): states that act and states that are places,
organisations by acronym and head word, people with roles, honorifics and
nicknames, one actor under several names, and the junk a newsroom's pages
carry (formulae, hotels, photographers, documents, media).
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from support import init_site, run_cli

from generator.ingest.actors import Gazetteer, load_gazetteer
from generator.ingest.candidates import merge_candidates
from generator.ingest.clean import clean_article
from generator.ingest.discovery import article_candidates, load_discovery
from generator.ingest.language import load_language
from generator.ingest.records import Candidate
from generator.ingest.rules import load_rules
from generator.ingest.text import sentences

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures" / "discovery"
RULES = load_rules(load_language("id"))[0]
EMPTY = Gazetteer({}, ())
DISCOVERY = load_discovery(RULES)
ABBREVIATIONS = RULES.words.abbreviations
PARTY_SITE = """
vocabulary:
  actor_kinds:
    state: {}
    party: {id: Partai, en: Party}
    coalition: {}
    organisation: {}
    government: {}
    person: {}
"""


def found(text: str, gazetteer: Gazetteer = EMPTY) -> dict[str, Candidate]:
    units = [s for paragraph in text.split("\n") for s in sentences(paragraph, ABBREVIATIONS)]
    return {c.name: c for c in article_candidates(units, [], RULES, gazetteer, DISCOVERY)}


def test_a_state_is_proposed_where_it_acts_not_where_it_is_a_place():
    assert found("China menolak putusan pengadilan itu.")["China"].kinds[0] == "state"
    assert found("Rusia pada Senin, 22 Mei 2023 menawarkan bantuan.")["Rusia"].confidence >= 0.8
    assert found("Kapal itu berlayar di Myanmar. Rakyat Myanmar berunjuk rasa.") == {}
    # the object of a verb, then a time phrase and another clause: not the subject
    assert found("Presiden itu mengunjungi Myanmar pada Januari untuk menandai hari jadi.") == {}


def test_a_ministry_or_an_army_acts_for_its_state_but_proposes_nothing_alone():
    assert found("Kementerian Luar Negeri Sudan mengatakan pasukannya tidak bersalah.") == {}
    assert found("Tentara Mesir menembaki kapal nelayan itu.") == {}
    # the government is the state itself
    assert "Sudan" in found("Pemerintah Sudan menolak tuduhan itu.")


def test_a_states_names_in_the_site_languages_are_one_candidate():
    got = found("Federasi Rusia menawarkan bantuan. Rusia juga mengirim pasukan.")
    assert list(got) == ["Rusia"] and "Federasi Rusia" in got["Rusia"].aliases
    got = found("Amerika Serikat (AS) menolak usulan itu. AS mengecam serangan tersebut.")
    assert list(got) == ["Amerika Serikat"] and got["Amerika Serikat"].aliases == ("AS",)


def test_an_acronym_and_its_expansion_are_one_candidate_with_the_heads_kind():
    got = found(
        "Partai Kebangkitan Bangsa (PKB) resmi bergabung dengan koalisi. "
        "PKB menyatakan siap bekerja sama."
    )
    assert list(got) == ["PKB"]
    assert got["PKB"].aliases == ("Partai Kebangkitan Bangsa",)
    assert got["PKB"].kinds[:2] == ("party", "organisation")
    # a syllable acronym in parentheses, and an English head at the end
    got = found("Partai Gerakan Indonesia Raya (Gerindra) mengusung calon itu.")
    assert got["Partai Gerakan Indonesia Raya"].aliases == ("Gerindra",)
    assert found("Arakan Army menyerang pos itu.")["Arakan Army"].kinds[0] == "armed-group"
    assert (
        found("partai Liga Nasional untuk Demokrasi menolak hasil pemilu.")[
            "Liga Nasional untuk Demokrasi"
        ].kinds[0]
        == "party"
    )


def test_an_acronym_of_a_document_or_an_event_is_no_candidate():
    text = (
        "Kedua negara merujuk United Nations Convention on the Law of the Sea (UNCLOS). "
        "UNCLOS mengatur batas laut. Pertemuan ASEAN Leaders' Meeting (ALM) digelar. "
        "ALM ini dapat terselenggara berkat inisiatif bersama."
    )
    assert found(text) == {}


def test_a_role_is_stripped_from_a_persons_name_and_kept_as_evidence():
    got = found("Ketua Umum Partai Golkar Airlangga Hartarto menyatakan partainya solid.")
    assert set(got) == {"Airlangga Hartarto", "Partai Golkar"}
    assert got["Airlangga Hartarto"].roles == ("Ketua Umum Partai Golkar",)
    got = found("Presiden China Xi Jinping mengunjungi Myanmar pada Januari.")
    assert "Xi Jinping" in got and got["Xi Jinping"].roles == ("Presiden",)


def test_nicknames_honorifics_surnames_and_a_misspelling_are_one_person():
    got = found(
        "Ketua Umum PKB Muhaimin Iskandar atau yang akrab disapa Cak Imin tiba di Jakarta. "
        '"Kami siap," kata Cak Imin. Muhaimin menambahkan, partainya solid.'
    )
    assert got["Muhaimin Iskandar"].aliases == ("Cak Imin", "Muhaimin")
    got = found(
        "Presiden Joko Widodo tiba di lokasi. Pertemuan itu terselenggara berkat inisiatif "
        "Presiden Jokowi."
    )
    assert got["Joko Widodo"].aliases == ("Jokowi",)
    got = found(
        "Jenderal Min Aung Hlaing berkunjung ke Rusia. "
        '"Terima kasih atas bantuan Anda," kata Ming Aung Hlaing.'
    )
    assert list(got) == ["Min Aung Hlaing"] and got["Min Aung Hlaing"].aliases == (
        "Ming Aung Hlaing",
    )


def test_a_government_that_is_not_the_state():
    got = found("Pihak junta militer Myanmar menerima saran itu.")
    assert list(got) == ["Junta militer Myanmar"]
    assert got["Junta militer Myanmar"].kinds[0] == "government"


def test_junk_is_never_proposed():
    text = (
        "Assalamualaikum warahmatullahi wabarakatuh, kata Ahmad Syaikhu membuka acara. "
        "Rapat digelar di Hotel Mulia Senayan di depan lambang Garuda Pancasila. "
        "Dokumen Perjanjian Batas 1899 dibacakan, menurut laporan Al Ahram, "
        "seperti dikutip Reuters. Warga di Provinsi Laut Merah mengatakan situasi tenang."
    )
    assert list(found(text)) == ["Ahmad Syaikhu"]


def test_a_declared_actor_is_no_candidate(tmp_path):
    actors = tmp_path / "actors"
    actors.mkdir()
    (actors / "pkb.id.md").write_text(
        "---\ntitle: PKB\nkind: organisation\naliases: [Partai Kebangkitan Bangsa]\n---\n",
        encoding="utf-8",
    )
    gazetteer = load_gazetteer(actors, tmp_path, "id")[0]
    got = found("Ketua Umum PKB Muhaimin Iskandar mengatakan PKB siap bekerja sama.", gazetteer)
    assert list(got) == ["Muhaimin Iskandar"]


def _candidate(name: str, *, kinds=("person",), aliases=(), code=None, conf=0.7) -> Candidate:
    return Candidate(name, name.lower(), "…", kinds=kinds, aliases=aliases, code=code,
                     confidence=conf, count=1)  # fmt: skip


def test_the_run_merges_articles_by_state_and_name_never_by_a_surname_alone():
    merged = merge_candidates(
        [
            (
                "a.txt",
                [
                    _candidate("AS", kinds=("state",), code="USA", conf=0.9),
                    _candidate("Wang Wenbin", aliases=("Wang",)),
                ],
            ),
            (
                "b.txt",
                [
                    _candidate("Amerika Serikat", kinds=("state",), code="USA", conf=0.9),
                    _candidate("Wang Yi", aliases=("Wang",)),
                ],
            ),
            (
                "c.txt",
                [
                    _candidate(
                        "PKB",
                        kinds=("party", "organisation"),
                        aliases=("Partai Kebangkitan Bangsa",),
                    )
                ],
            ),
            ("d.txt", [_candidate("Partai Kebangkitan Bangsa", kinds=("party", "organisation"))]),
        ],
        ("state", "organisation", "person"),
    )
    by_name = {c.name: c for c in merged}
    assert set(by_name) == {
        "Amerika Serikat",
        "Wang Wenbin",
        "Wang Yi",
        "Partai Kebangkitan Bangsa",
    }
    assert by_name["Amerika Serikat"].aliases == ("AS",)
    assert by_name["Amerika Serikat"].articles == ("a.txt", "b.txt")
    assert by_name["Amerika Serikat"].confidence == 0.95  # a second article raises it
    # the site's vocabulary has no `party`: the next kind is proposed
    pkb = by_name["Partai Kebangkitan Bangsa"]  # named once each way: the fuller name
    assert pkb.kind == "organisation" and pkb.articles == ("c.txt", "d.txt")
    assert pkb.aliases == ("PKB",)


def _init_site(tmp_path: Path, vocabulary: str = "") -> Path:
    return init_site(
        tmp_path / "site", vocabulary=vocabulary, articles=sorted(FIXTURES.glob("*.txt"))
    )


def test_a_new_site_with_nothing_declared_gets_the_actors_a_writer_needs(tmp_path):
    site = _init_site(tmp_path, PARTY_SITE)
    result = run_cli(site, "ingest", "seeds", "--dry-run", "--report", "json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    expected = yaml.safe_load((FIXTURES / "expected.yaml").read_text(encoding="utf-8"))
    proposed = report["candidates"]
    names = [{c["name"].casefold(), *(a.casefold() for a in c["aliases"])} for c in proposed]
    hits = {}
    for slug, actor in expected["actors"].items():
        wanted = {n.casefold() for n in actor["names"]}
        hit = [c for c, n in zip(proposed, names, strict=True) if n & wanted]
        if hit:
            hits[slug] = hit
    recall = len(hits) / len(expected["actors"])
    useful = sum(1 for n in names if any(n & {x.casefold() for x in a["names"]}
                                          for a in expected["actors"].values()))  # fmt: skip
    assert recall >= 0.9, sorted(set(expected["actors"]) - set(hits))
    assert useful / len(proposed) >= 0.9, [c["name"] for c in proposed]
    kinds_right = sum(
        hit[0]["kind"] == expected["actors"][slug]["kind"] for slug, hit in hits.items()
    )
    assert kinds_right / len(hits) >= 0.9
    for together in expected["together"]:
        assert any({n.casefold() for n in together} <= n for n in names), together
    never = {n.casefold() for n in expected["never"]}
    assert not [n for n in names if n & never]
    for c in proposed:  # each with what a writer needs to decide
        assert c["kind"] and 0 < c["confidence"] <= 1 and c["evidence"] and c["articles"]
    # an article's candidate is named as the run names it: one actor, one name
    run_names = {c["name"] for c in proposed}
    for article in report["articles"]:
        assert {c["name"] for c in article["candidates"]} <= run_names


def test_the_short_forms_of_a_party_and_a_person():
    got = found(
        "Ketua Umum PDI-P Megawati Soekarnoputri mengumumkan dukungan. PDI-P juga menyatakan "
        "siap berkoalisi. Partai Golkar mendukung langkah itu. Golkar menyatakan solid. "
        "Mahfud MD menegaskan komitmennya."
    )
    assert got["PDI-P"].kinds[0] == "organisation"
    assert got["Partai Golkar"].aliases == ("Golkar",)
    assert "Mahfud MD" in got and "MD" not in got


def test_one_name_word_acting_again_and_again_is_proposed_with_a_kind_by_its_verbs():
    got = found(
        "Hamas menembakkan roket ke wilayah itu. Israel membalas. Hamas menolak gencatan "
        "senjata. Anies mengatakan bahwa koalisi solid. Menurut dia, kata Anies, pintu terbuka."
    )
    assert got["Hamas"].kinds[0] == "organisation" and got["Hamas"].confidence >= 0.5
    assert got["Anies"].kinds[0] == "person"
    # named once, or only as a place, is not enough
    assert "Israel" in got  # a state: by ISO 3166, once acting is enough
    assert "Gaza" not in found("Warga Gaza mengungsi. Warga Gaza kembali mengungsi.")


def test_an_acronym_the_article_is_about_though_it_never_acts():
    got = found(
        "Kedua negara sepakat menumpas ISIS. Koalisi itu memerangi ISIS sejak lama. "
        "Serangan udara memperpendek umur ISIS. Pertemuan itu membahas UNCLOS."
    )
    assert list(got) == ["ISIS"] and got["ISIS"].kinds[0] == "organisation"


def test_the_role_kept_is_the_one_nearest_the_name():
    got = found(
        "Presiden Rusia Vladimir Putin menemui Menteri Luar Negeri Amerika Serikat, John Kerry "
        "di Moskow. Kenapa Putin menemui Kerry, tanya wartawan."
    )
    assert got["John Kerry"].roles == ("Menteri",)
    assert "Kenapa Putin" not in got and got["Vladimir Putin"].roles == ("Presiden",)


def test_the_text_report_lists_the_runs_candidates_with_kind_and_confidence(tmp_path):
    site = _init_site(tmp_path, PARTY_SITE)
    result = run_cli(site, "ingest", "seeds", "--dry-run")
    assert result.returncode == 0, result.stderr
    listed = result.stdout.split("candidate actors (accept with", 1)[1]
    assert "\n  PKB — party, 0." in listed and "also: Partai Kebangkitan Bangsa" in listed
    assert "\n  Sudan — state, 0.9" in listed


def test_offices_of_a_party_and_a_person_named_by_one_word_after_their_party():
    got = found(
        "Wakil Ketua Umum Partai Gerindra Habiburokhman menyatakan dukungan. Partai Gerindra "
        "solid. DPP PKB menerima keputusan itu. DPP PKB juga menyambut langkah tersebut. "
        "Tim Pemenangan Nasional (TPN) menyatakan siap."
    )
    assert got["Habiburokhman"].kinds[0] == "person"
    assert got["Habiburokhman"].roles == ("Wakil Ketua Umum Partai Gerindra",)
    assert "Partai Gerindra" in got and "PKB" in got and "DPP" not in got
    assert got["Tim Pemenangan Nasional"].aliases == ("TPN",)


def test_companies_by_their_head_words_and_a_force_by_one_word():
    got = found(
        "PT Pertamina menaikkan harga. Grup Wagner menarik pasukannya. Uni Eropa menjatuhkan "
        "sanksi. Polri menangkap tersangka. Polri menyatakan kasus selesai."
    )
    assert got["PT Pertamina"].kinds[:2] == ("company", "organisation")
    assert got["Grup Wagner"].kinds[0] == "company"
    assert got["Uni Eropa"].kinds[0] == "organisation"
    assert got["Polri"].kinds[0] == "organisation"  # `menyatakan` may be anyone's


def test_a_name_given_its_short_form_is_an_organisation_whatever_words_it_holds():
    got = found(
        "Konfederasi Serikat Buruh Indonesia (KSBI) menyatakan dukungan kepada serikat itu.\n"
        "Wahana Lingkungan Hidup Indonesia (Walhi) menggugat perusahaan itu. Direktur Walhi "
        "Sulteng, Sunardi Katili, mengatakan limbah itu mencemari sungai.\n"
        "Warga yang tergabung dalam Forum Petani Poboya (FPP) berunjuk rasa."
    )
    # a state's name inside is no state: the name is the organisation's
    assert "Indonesia" not in got
    assert got["Konfederasi Serikat Buruh Indonesia"].aliases == ("KSBI",)
    # a branch named with the short form (`Walhi Sulteng`) is the organisation, no person
    walhi = got["Wahana Lingkungan Hidup Indonesia"]
    assert walhi.kinds[0] == "organisation"
    assert set(walhi.aliases) == {"Walhi", "Walhi Sulteng"}
    # `Forum` names an event unless the article gives it a short form
    assert got["Forum Petani Poboya"].aliases == ("FPP",)
    assert found("Presiden itu menghadiri Forum Ekonomi Timur di Vladivostok.") == {}


def test_a_ministry_the_article_names_with_its_short_form_and_no_state_is_proposed():
    got = found("Kementerian Ketenagakerjaan (Kemnaker) turun tangan sebagai penengah.")
    assert got["Kementerian Ketenagakerjaan"].kinds[0] == "government"
    assert got["Kementerian Ketenagakerjaan"].aliases == ("Kemnaker",)
    # a state's office stays the state's: named inside it or right after it
    assert list(found("Kementerian Luar Negeri (Kemlu) Vietnam mengatakan hal itu.")) == ["Vietnam"]
    # a place's short form is no actor, nor a name cut short
    assert found("Kapal itu berlayar di Laut China Selatan (LCS).") == {}


def test_two_parties_joined_by_a_conjunction_are_two_names():
    got = found("Bambang didukung Partai Golkar dan Partai Gerindra dalam pemilihan itu.")
    assert {"Partai Golkar", "Partai Gerindra"} <= set(got)
    assert not any(" dan " in name for name in got)
    got = found("PT Sinar Baja Nusantara di Jakarta menolak tuntutan itu.")
    assert "PT Sinar Baja Nusantara" in got


def test_a_region_or_a_place_before_a_persons_name_is_no_part_of_it():
    got = found(
        "Ketua DPC PDI-P Kota Madiun Yusuf Hidayat mengatakan koalisi sudah cukup. "
        "Gubernur Sulteng Hasan Lamadi meminta kedua pihak menahan diri. "
        "Direktur Utama perusahaan, Robert Tanoto, mengatakan perusahaan merugi."
    )
    assert {"Yusuf Hidayat", "Hasan Lamadi", "Robert Tanoto"} <= set(got)
    assert not {"Madiun Yusuf Hidayat", "Gubernur Sulteng Hasan Lamadi", "Utama"} & set(got)
    # a region ISO 3166-2 knows is no person
    assert "Sulawesi" not in found("Walhi Sulawesi Tengah melaporkan perusahaan itu.")


def test_a_faction_in_an_assembly_is_its_party():
    got = found(
        "Fraksi Partai Demokrat menilai anggaran pembangunan jalan terlalu kecil. "
        "Fraksi PKS sepakat dengan penilaian itu."
    )
    assert {"Partai Demokrat", "PKS"} <= set(got)
    assert not any(name.startswith("Fraksi") for name in got)


def test_a_person_is_titled_by_the_fullest_name_the_article_gives():
    text = (
        "Ketua Umum partai itu, Galih Saputra Nugroho, menyatakan partainya siap.\n"
        '"Kami sudah bulat," kata Galih Saputra. "Tidak ada jalan mundur," ujar Galih Saputra.'
    )
    got = found(text)
    assert (
        "Galih Saputra Nugroho" in got and "Galih Saputra" in got["Galih Saputra Nugroho"].aliases
    )
    short = Candidate("Galih Saputra", "galih-saputra", "", count=5, kinds=("person",))
    full = Candidate("Galih Saputra Nugroho", "galih-saputra-nugroho", "", kinds=("person",),
                     aliases=("Galih Saputra",))  # fmt: skip
    merged = merge_candidates([("a", [short]), ("b", [full])], ("person",))
    assert [c.name for c in merged] == ["Galih Saputra Nugroho"]


# Discovery junk (precision): synthetic sentences on an invented provincial
# election and a coastal dispute, none from the development sets.


def test_a_partys_organs_are_the_party_or_nothing():
    got = found(
        "Partai Nelayan Sejahtera (PNS) memutuskan mengusung Hadi Purnomo Saleh. "
        "Keputusan itu diambil dalam rapat Majelis Tinggi pada Selasa malam. "
        "Dewan Pimpinan Pusat PNS menyetujui hasil rapat itu. "
        "Majelis Pertimbangan Partai Nelayan Sejahtera juga merestui langkah itu. "
        "Tim Pemenangan Nasional menyusun jadwal kampanye. Dewan Syuro PNS menerima laporan itu."
    )
    assert "PNS" in got
    organs = ("Majelis", "Dewan", "Tim")
    assert not [name for name in got if name.startswith(organs)]


def test_a_person_glued_to_their_partys_word_is_the_person():
    got = found(
        "Partai Bintang Timur (Bintim) resmi mendaftar ke KPU daerah. "
        "Sekretaris Jenderal Bintim Hadi Susilo Pranoto mengatakan partainya siap. "
        "Menurut Bintim Hadi Susilo Pranoto, partainya tidak terburu-buru."
    )
    assert "Hadi Susilo Pranoto" in got
    assert "Sekretaris Jenderal Bintim" in got["Hadi Susilo Pranoto"].roles
    assert not any(name.startswith("Bintim ") for name in got)
    assert got["Partai Bintang Timur"].aliases == ("Bintim",)


def test_a_ticket_joined_by_a_hyphen_is_two_people():
    got = found(
        "Pasangan Surya Dharma Putra-Lestari Ayu Wulandari mendaftar ke KPU daerah. "
        "Kedua pasangan calon itu diantar ratusan pendukung."
    )
    assert {"Surya Dharma Putra", "Lestari Ayu Wulandari"} <= set(got)
    assert not any("-" in name for name in got)


def test_a_capitalised_pronoun_is_no_name():
    assert found('Kami menolak usulan itu. Kami meminta rapat ulang. Kita tunggu saja."') == {}


def test_a_units_name_cut_from_its_full_form_is_no_person():
    got = found(
        "Pasukan Gerak Cepat menembaki perahu nelayan. "
        "Komandan Pasukan Gerak Cepat menolak tuduhan itu. "
        "Pasukan Gerak Cepat membantah telah melanggar batas."
    )
    assert "Gerak Cepat" not in got


def test_the_press_and_its_journalists_are_no_actors():
    got = found(
        "Jurnalis Kabar Pesisir Bayu Nugraha Saputra mencatat, kapal itu berlayar sejak pagi. "
        "Gema Samudra melaporkan penangkapan itu, seperti dilansir Gema Samudra. "
        "Wartawan Gema Samudra Dimas Prakoso Aji menyaksikan penangkapan itu."
    )
    assert not {"Bayu Nugraha Saputra", "Gema Samudra", "Dimas Prakoso Aji"} & set(got)


def test_a_bare_title_before_a_state_is_no_person(tmp_path):
    text = (
        "Menteri Informasi Vietnam Tran Van Thanh menolak tuduhan itu. "
        "Putra Mahkota Saudi menerima kedua delegasi. Putra Mahkota Saudi menawarkan bantuan."
    )
    got = found(text)
    assert "Tran Van Thanh" in got
    assert not {"Informasi", "Putra Mahkota Saudi", "Putra"} & set(got)
    # the state declared: a bare title before it all the same
    actors = tmp_path / "actors"
    actors.mkdir()
    (actors / "vietnam.id.md").write_text(
        "---\ntitle: Vietnam\nkind: state\n---\n", encoding="utf-8"
    )
    got = found(text, load_gazetteer(actors, tmp_path, "id")[0])
    assert "Tran Van Thanh" in got and "Informasi" not in got


def test_a_street_address_is_no_person():
    got = found(
        "Pertemuan kedua ketua umum berlangsung di Kertanegara VI, Jakarta Selatan. "
        "Ketua Umum PNS Hadi Purnomo Saleh menerima tamunya di Widya Chandra V."
    )
    assert "Hadi Purnomo Saleh" in got
    assert not {"Kertanegara VI", "Widya Chandra V"} & set(got)


def test_a_misspelt_repeat_is_one_candidate_in_an_article_and_across_articles():
    got = found(
        "Ketua Umum PNS Hadi Purnomo Saleh tiba di lokasi bersama Rini Anggraeni Putri. "
        '"Kami akan berkeliling ke desa-desa," kata Rini Anggraini.'
    )
    assert "Rini Anggraini" in got["Rini Anggraeni Putri"].aliases
    assert "Rini Anggraini" not in got
    one = Candidate("Olusegun Obasanjo", "olusegun-obasanjo", "", kinds=("person",))
    other = Candidate("Olesegun Obasanjo", "olesegun-obasanjo", "", kinds=("person",))
    two = Candidate("Joko Santoso", "joko-santoso", "", kinds=("person",))
    merged = merge_candidates([("a", [one]), ("b", [other, two])], ("person",))
    assert len(merged) == 2
    assert {"Olusegun Obasanjo", "Olesegun Obasanjo"} <= {
        n for c in merged for n in (c.name, *c.aliases)
    }


# Discovery recall: states in subordinate roles and people named with a title
# before them (synthetic sentences on invented talks and an invented election).


def test_a_state_that_hosts_brokers_or_cosigns_is_proposed():
    # the agent of a passive verb, a host, the first of co-subjects after its formal name
    got = found(
        "Perundingan antara Armenia dan Azerbaijan digelar di Doha yang ditengahi Qatar. "
        "Oman menjadi tuan rumah putaran berikutnya. "
        "Kerajaan Yordania dan Uni Emirat Arab menyambut kesepakatan itu."
    )
    assert {"Qatar", "Oman", "Yordania", "Uni Emirat Arab"} <= set(got)
    assert all(got[n].kinds[0] == "state" for n in ("Qatar", "Oman", "Yordania"))
    # a state's name the language's places list holds is still a state where it acts
    assert "Arab Saudi" in found("Pertemuan di Jeddah yang difasilitasi Arab Saudi berakhir.")
    # a passive verb's agent, not a place after a preposition
    assert found("Delegasi itu dikirim ke Qatar pada Senin.") == {}


def test_people_named_with_a_title_before_them_are_proposed():
    got = found(
        "Putra Mahkota Mohammed bin Salman menerima kedua delegasi di Jeddah. "
        "Emir Qatar Tamim bin Hamad Al Thani menelepon kedua pemimpin."
    )
    assert {"Mohammed bin Salman", "Tamim bin Hamad Al Thani"} <= set(got)
    assert got["Tamim bin Hamad Al Thani"].roles == ("Emir",)


def test_a_party_word_glued_before_a_name_given_alone_is_the_role():
    got = found(
        "Ketua Umum Demokrat Agus Harimurti Yudhoyono tiba di lokasi. "
        "Agus Harimurti Yudhoyono mengatakan partainya siap bergabung."
    )
    assert "Agus Harimurti Yudhoyono" in got
    assert not any(name.startswith("Demokrat") for name in got)
    assert "Ketua Umum Demokrat" in got["Agus Harimurti Yudhoyono"].roles


def test_a_person_given_a_role_after_sebagai_is_proposed():
    got = found("Kedua partai sepakat mengusung Wahyu Setiadi Nugroho sebagai calon gubernur.")
    assert got["Wahyu Setiadi Nugroho"].roles == ("calon gubernur",)
    # no role after it: named once, not yet an actor
    assert found("Kedua partai sepakat mengusung Wahyu Setiadi Nugroho sebagai penerus.") == {}


def test_a_name_cut_by_a_line_break_is_one_name():
    text = (
        "Dua Partai Sepakat Berkoalisi di Pilkada Sulawesi\n\n"
        "Partai Bintang Timur (PBT) dan Partai Keadilan\n"
        "Sejahtera Rakyat (PKSR) sepakat berkoalisi untuk pilkada. Ketua Umum PBT Hadi "
        "Susilo Pranoto mengatakan kedua partai sudah lama berkomunikasi.\n\n"
        '"Kami sepakat berjalan bersama," kata Hadi Susilo. Menurut dia, Par-\n'
        "tai Keadilan Sejahtera Rakyat akan mengumumkan calonnya\n"
        "pekan depan.\n"
    )
    paragraphs = clean_article(text, RULES).paragraphs
    assert paragraphs[0].startswith("Partai Bintang Timur (PBT) dan Partai Keadilan Sejahtera")
    assert (
        "Menurut dia, Partai Keadilan Sejahtera Rakyat akan mengumumkan calonnya pekan"
        in (paragraphs[1])
    )
    got = found("\n".join(paragraphs))
    assert got["Partai Keadilan Sejahtera Rakyat"].aliases == ("PKSR",)
    assert not [n for n in got if n in ("Partai Keadilan", "Sejahtera Rakyat", "Par")]
    # a blank line between two lines keeps them two paragraphs
    apart = clean_article(
        "Judul Berita Contoh\n\nPartai Bintang Timur (PBT) dan Partai Keadilan\n\n"
        "Sejahtera Rakyat (PKSR) menolak berkomentar soal koalisi itu.\n",
        RULES,
    )
    assert "Sejahtera Rakyat (PKSR) menolak berkomentar soal koalisi itu." in apart.paragraphs
