"""The writer's report: reminders given once, and each finding's reason and confidence."""

from __future__ import annotations

import json

import pytest
from support import front, ingest_project, run_ingest

from generator.content.frontmatter import parse_front_matter
from generator.content.schema import FieldReader
from generator.ingest import format_report
from generator.ingest.reminders import merged, split


def test_split_and_merge_reminders():
    given = merged({}, {"content/sources/a": ["write `summary`"]})
    fresh, repeated = split(given, "content/sources/a", ["write `summary`", "new note"])
    assert fresh == ("new note",) and repeated == ("write `summary`",)
    # another source's reminder of the same text is its own
    assert split(given, "content/sources/b", ["write `summary`"])[0] == ("write `summary`",)
    # the record only grows, so one article at a time equals all at once
    assert merged(given, {"content/sources/a": ["new note"]})["content/sources/a"] == tuple(
        sorted(merged({}, {"x": ["write `summary`", "new note"]})["x"])
    )


@pytest.mark.slow
def test_rerun_does_not_repeat_reminders(tmp_path):
    root = ingest_project(tmp_path / "project")
    first = format_report(run_ingest(root, [root / "seeds"]), "text")
    assert "for the writer:" in first and "given before" not in first
    again = run_ingest(root, [root / "seeds"])
    text = format_report(again, "text")
    assert "for the writer:" not in text
    assert "reminder(s) given before, not repeated" in text
    data = json.loads(format_report(again, "json"))
    article = data["articles"][0]
    assert article["reminders"] == [] and article["reminders_repeated"] == len(article["review"])


@pytest.mark.slow
def test_dry_run_does_not_record_reminders(tmp_path):
    root = ingest_project(tmp_path / "project")
    run_ingest(root, [root / "seeds"], dry_run=True)
    text = format_report(run_ingest(root, [root / "seeds"], dry_run=True), "text")
    assert "for the writer:" in text


@pytest.mark.slow
def test_writer_dossier_hint_only_for_new_evidence(tmp_path):
    root = ingest_project(tmp_path / "project")
    folder = root / "content" / "relationships"
    folder.mkdir(parents=True)
    own = "---\ntitle: Rusia dan Taliban\nactors: [russia, taliban]\n---\n"
    (folder / "russia--taliban.id.md").write_text(own, encoding="utf-8")

    def hint(paths):
        report = run_ingest(root, paths)
        kept = [a for a in report.files if "russia--taliban" in a.path]
        return kept[0].reason

    first = hint([root / "seeds" / "05_suarapena.txt"])
    assert "add the new evidence from suarapena-2025-05-02" in first
    assert hint([root / "seeds" / "05_suarapena.txt"]) == "a writer's dossier; no new evidence"
    # a new article with evidence for the pair: only its source is named
    more = hint([root / "seeds"])
    assert "suarapena-2025-05-02" not in more and "by hand" in more


def test_evidence_carries_reason_and_confidence_the_schema_accepts(tmp_path):
    root = ingest_project(tmp_path / "project")
    report = run_ingest(root, [root / "seeds" / "05_suarapena.txt"])
    rel = "content/sources/suarapena-2025-05-02.id.md"
    evidence = front(root / rel)["evidence"]
    assert evidence and all(e["reason"].startswith("cue ") for e in evidence)
    assert all(0 < e["confidence"] <= 1 for e in evidence)
    parsed = parse_front_matter((root / rel).read_text(encoding="utf-8"), rel)
    reader = FieldReader(parsed, rel, ("id", "en"))
    assert reader.evidence("evidence", evidence) and not reader.problems
    finding = json.loads(format_report(report, "json"))["articles"][0]["findings"][0]
    assert {"reason", "confidence"} <= set(finding)
