"""Ingest end to end in a temporary project: what is written, and what is not."""

from __future__ import annotations

import json

import pytest
import yaml
from support import FIXTURES, front, ingest_project, run_ingest, snapshot

from generator.ingest import format_report


def test_writes_sources_and_stubs(tmp_path):
    root = ingest_project(tmp_path / "project")
    report = run_ingest(root, [root / "seeds"])
    assert not report.problems
    source = front(root / "content/sources/pojokwarta-2021-09-02.id.md")
    assert source["seed"] == "01_portal.txt"
    assert str(source["date"]) == "2021-09-02"
    assert source["language"] == "id" and source["url"] is None and source["draft"] is True
    assert "mark-milley" in source["actors"]
    assert {"speaker": "lloyd-austin", "translation": {}}.items() <= source["quotes"][1].items()
    assert source["evidence"] and source["review"]
    english = front(root / "content/sources/pojokwarta-2021-09-02.en.md")
    assert english == {"title": source["title"], "draft": True, "untranslated": True}
    undated = front(root / "content/sources/artikel-taliban-lama-dikenal.id.md")
    assert undated["date"] is None
    stub_path = "content/relationships/russia--taliban.id.md"
    stub = front(root / stub_path)
    assert stub["actors"] == ["russia", "taliban"] and stub["draft"] is True
    assert {e["stance"] for e in stub["timeline"]} >= {"cooperative", "hostile"}
    assert all(e["type"] and e["sources"] and e["text"]["id"] for e in stub["timeline"])
    assert all(0.5 <= e["confidence"] <= 1 for e in stub["timeline"])  # only sure ones
    dated = [e for e in stub["timeline"] if e["sources"] == ["suarapena-2025-05-02"]]
    # each event dated by its own sentence: the delisting "bulan lalu", the rest that Friday
    assert {str(e["date"]) for e in dated} == {"2025-04", "2025-05-02"}
    delisting = next(e for e in dated if str(e["date"]) == "2025-04")
    assert (
        "Bulan lalu" in delisting["date_note"]["id"]
        and "Bulan lalu" in delisting["date_note"]["en"]
    )
    assert any("date" not in e for e in stub["timeline"])  # undated source: no date
    body = (root / stub_path).read_text(encoding="utf-8")
    assert "> " in body and "[@suarapena-2025-05-02]" in body
    manifest = json.loads((root / "content/.ingest-manifest.json").read_text(encoding="utf-8"))
    assert stub_path in manifest["files"]
    # the articles are never changed
    assert (root / "seeds" / "02_blog.txt").read_bytes() == (
        FIXTURES / "ingest_articles" / "02_blog.txt"
    ).read_bytes()


@pytest.mark.slow
def test_rerun_is_byte_identical_and_writes_nothing(tmp_path):
    root = ingest_project(tmp_path / "project")
    run_ingest(root, [root / "seeds"])
    before = snapshot(root / "content")
    mtimes = {p: (root / "content" / p).stat().st_mtime_ns for p in before}
    report = run_ingest(root, [root / "seeds"])
    assert snapshot(root / "content") == before
    assert {p: (root / "content" / p).stat().st_mtime_ns for p in before} == mtimes
    actions = [a for art in report.articles for a in art.files] + list(report.files)
    assert actions and {a.action for a in actions} == {"unchanged"}


@pytest.mark.slow
def test_one_at_a_time_equals_all_at_once(tmp_path):
    together = ingest_project(tmp_path / "a" / "project")
    run_ingest(together, [together / "seeds"])
    apart = ingest_project(tmp_path / "b" / "project")
    for seed in sorted((apart / "seeds").glob("*.txt")):
        run_ingest(apart, [seed])
    assert snapshot(apart / "content") == snapshot(together / "content")


@pytest.mark.slow
def test_edited_stub_is_not_overwritten(tmp_path):
    root = ingest_project(tmp_path / "project")
    run_ingest(root, [root / "seeds" / "05_suarapena.txt"])
    stub = root / "content/relationships/russia--taliban.id.md"
    edited = stub.read_text(encoding="utf-8").replace("summary: null", "summary: Ditulis penulis.")
    stub.write_text(edited, encoding="utf-8")
    report = run_ingest(root, [root / "seeds"])
    assert stub.read_text(encoding="utf-8") == edited
    needs = [a for a in report.files if a.action == "needs update"]
    assert [a.path for a in needs] == ["content/relationships/russia--taliban.id.md"]
    assert "needs update" in format_report(report, "text")


def test_dry_run_writes_nothing(tmp_path):
    root = ingest_project(tmp_path / "project")
    before = snapshot(root / "content")
    report = run_ingest(root, [root / "seeds"], dry_run=True)
    assert snapshot(root / "content") == before
    assert report.dry_run
    created = [a for art in report.articles for a in art.files if a.action == "created"]
    assert len(created) == 10
    assert "dry run" in format_report(report, "text")


def test_binary_beside_good_files(tmp_path):
    root = ingest_project(tmp_path / "project")
    (root / "seeds" / "005_photo.txt").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" * 50)
    report = run_ingest(root, [root / "seeds"])
    skipped = [a for a in report.articles if a.analysis is None]
    assert [a.path for a in skipped] == ["seeds/005_photo.txt"]
    assert skipped[0].problems[0].severity == "warning"
    assert sum(1 for a in report.articles if a.analysis is not None) == 5
    assert (root / "content/sources/kabarnusa-2015-10-11.id.md").is_file()


def test_candidate_actor_without_dossier(tmp_path):
    root = ingest_project(tmp_path / "project", without=("zamir-kabulov",))
    report = run_ingest(root, [root / "seeds" / "05_suarapena.txt"], dry_run=True)
    analysis = report.articles[0].analysis
    assert "Zamir Kabulov" in [c.name for c in analysis.candidates]
    assert "zamir-kabulov" not in analysis.actors
    assert all(
        c.slug not in ("kota-kazan", "duta-besar", "bulan-lalu") for c in analysis.candidates
    )
    assert all(
        q.speaker is None and q.speaker_name == "Zamir Kabulov" for q in analysis.quotes
    )  # the surname resolves to the full name seen earlier
    assert any("Zamir Kabulov" in note for note in analysis.review)


def test_existing_source_recognised_by_seed(tmp_path):
    root = ingest_project(tmp_path / "project")
    sources = root / "content" / "sources"
    sources.mkdir(parents=True)
    hand = "---\ntitle: Ditulis tangan\nseed: 04_kabarnusa.txt\n---\nTeks.\n"
    (sources / "kabar-rusia-heran.id.md").write_text(hand, encoding="utf-8")
    report = run_ingest(root, [root / "seeds" / "04_kabarnusa.txt"])
    assert sorted(p.name for p in sources.glob("*.md")) == ["kabar-rusia-heran.id.md"]
    assert (sources / "kabar-rusia-heran.id.md").read_text(encoding="utf-8") == hand
    stub = front(root / "content/relationships/russia--united-states.id.md")
    assert all(e["sources"] == ["kabar-rusia-heran"] for e in stub["timeline"])
    assert report.articles[0].files[0].action == "kept"


def test_writer_relationship_dossier_kept(tmp_path):
    root = ingest_project(tmp_path / "project")
    folder = root / "content" / "relationships"
    folder.mkdir(parents=True)
    own = "---\ntitle: Rusia dan Taliban\nactors: [russia, taliban]\n---\n"
    (folder / "russia--taliban.id.md").write_text(own, encoding="utf-8")
    report = run_ingest(root, [root / "seeds"])
    assert (folder / "russia--taliban.id.md").read_text(encoding="utf-8") == own
    assert not (folder / "russia--taliban.en.md").exists()
    assert any(a.action == "kept" and "russia--taliban" in a.path for a in report.files)


def test_site_yaml_extends_rules(tmp_path):
    root = ingest_project(tmp_path / "project")
    site = yaml.safe_load((root / "site.yaml").read_text(encoding="utf-8"))
    site["ingest"] = {"furniture": {"lines": ["Kenapa Putin .*"]}, "cues": {"cues": ["bad"]}}
    (root / "site.yaml").write_text(yaml.safe_dump(site), encoding="utf-8")
    report = run_ingest(root, [root / "seeds" / "02_blog.txt"], dry_run=True)
    body = "\n".join(report.articles[0].analysis.clean.paragraphs)
    assert "Kenapa Putin" not in body
    assert any(p.path == "site.yaml" and "cues[" in p.message for p in report.problems)


def test_missing_path_is_a_warning_and_json_report(tmp_path):
    root = ingest_project(tmp_path / "project")
    report = run_ingest(root, [root / "nope", root / "seeds" / "03_lintas.txt"], dry_run=True)
    assert [p.severity for p in report.problems] == ["warning"]
    data = json.loads(format_report(report, "json"))
    assert data["articles"][0]["publisher"] == "lintas.id"
    assert data["articles"][0]["date"] is None
    assert format_report(report, "json") == format_report(report, "json")
    with pytest.raises(ValueError):
        format_report(report, "xml")
