"""Stubs readable in every site language: each event said from its evidence with the
vocabulary's labels, marked as generated until a writer edits it; `check` lists what
is still generated."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import front, ingest_project, run_cli, run_ingest

from generator.content.generated import digest
from generator.ingest.language import SiteLanguages, load_language
from generator.ingest.prose import event_texts

LANGUAGES = SiteLanguages(
    load_language("id"),
    ("id", "en"),
    {code: load_language(code).words for code in ("id", "en")},
    {
        "id": {"link_types": {"warning": "Peringatan"}, "stances": {"competitive": "Kompetitif"},
               "months": ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli",
                          "Agustus", "September", "Oktober", "November", "Desember"]},
        "en": {"link_types": {"warning": "Warning"}, "stances": {"competitive": "Competitive"},
               "months": ["January", "February", "March", "April", "May", "June", "July",
                          "August", "September", "October", "November", "December"]},
    },
)  # fmt: skip

NAMES = {("china", "id"): "China", ("china", "en"): "China",
         ("philippines", "id"): "Filipina", ("philippines", "en"): "the Philippines"}  # fmt: skip


def names(slug: str, lang: str) -> str:
    return NAMES[(slug, lang)]


def test_an_event_is_said_from_its_evidence_alone() -> None:
    entry = {"type": "warning", "stance": "competitive", "claim_by": ["china"],
             "denied_by": ["philippines"], "date": "2023-08"}  # fmt: skip
    texts = event_texts(entry, ("china", "philippines"), names, LANGUAGES)
    assert texts == {
        "id": "China dan Filipina: Peringatan, Kompetitif, menurut China, "
        "dibantah oleh Filipina (Agustus 2023).",
        "en": "China and the Philippines: Warning, Competitive, according to China, "
        "denied by the Philippines (August 2023).",
    }
    undated = event_texts({"type": "warning", "stance": "competitive"}, ("china", "philippines"),
                          names, LANGUAGES)  # fmt: skip
    assert undated["en"] == "China and the Philippines: Warning, Competitive."


def test_every_site_language_reads_the_stub(tmp_path: Path) -> None:
    root = ingest_project(tmp_path / "project")
    run_ingest(root, [root / "seeds" / "05_suarapena.txt"])
    rel = "content/relationships/russia--taliban"
    original, english = front(root / f"{rel}.id.md"), front(root / f"{rel}.en.md")
    for event in original["timeline"]:
        assert set(event["text"]) == {"id", "en"}
        assert event["text"]["en"].startswith(
            "Rusia and Taliban: "
        )  # no English title: the Indonesian
        assert event["sentence"] and event["generated"] == digest(event["text"])
    delisting = next(e for e in original["timeline"] if e["type"] == "delisting")
    assert delisting["text"]["en"] == "Rusia and Taliban: Delisting, Cooperative (April 2025)."
    # the articles' language says it in its clause's own words (issue 23d), with the titles
    assert delisting["text"]["id"] == (
        "Rusia secara resmi mencoret Taliban dari daftar organisasi teroris (April 2025)."
    )
    body = (root / f"{rel}.en.md").read_text(encoding="utf-8").split("---\n", 2)[2]
    assert "Delisting, Cooperative (April 2025). [@suarapena-2025-05-02]" in body
    assert "untranslated" not in english and english["generated"] == digest(body)


@pytest.mark.slow
def test_check_lists_what_is_still_generated_until_a_writer_edits_it(tmp_path: Path) -> None:
    root = ingest_project(tmp_path / "project")
    run_ingest(root, [root / "seeds" / "05_suarapena.txt"])
    rel = root / "content/relationships/russia--taliban"
    listed = [
        line for line in run_cli(root, "check").output.splitlines() if "as ingest generated" in line
    ]
    assert any("russia--taliban.en.md" in line for line in listed)
    events = [line for line in listed if "russia--taliban.id.md" in line and "event" in line]
    assert events
    # the writer rewrites the English page and one event: they are no longer listed
    english = (rel.with_suffix(".en.md")).read_text(encoding="utf-8")
    (rel.with_suffix(".en.md")).write_text(english + "\nDitulis penulis.\n", encoding="utf-8")
    original = (rel.with_suffix(".id.md")).read_text(encoding="utf-8")
    edited = original.replace("Delisting, Cooperative (April 2025).", "Russia delisted them.", 1)
    assert edited != original
    (rel.with_suffix(".id.md")).write_text(edited, encoding="utf-8")
    after = [
        line for line in run_cli(root, "check").output.splitlines() if "as ingest generated" in line
    ]
    assert not any("russia--taliban.en.md" in line for line in after)
    assert len([line for line in after if "russia--taliban.id.md" in line and "event" in line]) == (
        len(events) - 1
    )


def test_a_plain_clause_is_said_in_its_own_words_in_the_articles_language() -> None:
    entry = {"type": "warning", "stance": "competitive", "date": "2023-08"}
    said = ("china", "memperingatkan", "philippines", " soal kapal di perairan itu")
    texts = event_texts(entry, ("china", "philippines"), names, LANGUAGES, said)
    assert texts == {
        "id": "China memperingatkan Filipina soal kapal di perairan itu (Agustus 2023).",
        "en": "China and the Philippines: Warning, Competitive (August 2023).",
    }
