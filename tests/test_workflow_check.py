"""`explainer check`: each planted fault is found at its file and line; a clean site is clean."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support import edit, line_of, make_project, run_cli

from generator.graph.translations import hash_text


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "site", "workflow")


def test_clean_site_is_clean(project: Path) -> None:
    result = run_cli(project, "check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("clean: no problems")
    assert not (project / "public").exists(), "check must not write public/"


def test_load_and_reference_faults_are_all_reported(project: Path) -> None:
    actors = project / "content/actors"
    edit(
        actors / "taliban.id.md", "sources: [arrahmah-2025-05-02]", "sources: [arrahmah-2025-05-0]"
    )
    edit(actors / "taliban.en.md", "deal with [[russia]]", "deal with [[rusia]]")
    rel = project / "content/relationships/russia--taliban.en.md"
    edit(rel, "title: Russia", "title: [Russia")  # YAML error
    src = project / "content/sources/arrahmah-2025-05-02.en.md"
    edit(src, "title:", "titel: x\ntitle:")
    result = run_cli(project, "check")
    out = result.stdout
    assert result.returncode == 1
    assert "Traceback" not in out + result.stderr
    tid, ten = "content/actors/taliban.id.md", "content/actors/taliban.en.md"
    assert (
        f"{tid}:{line_of(actors / 'taliban.id.md', 'sources:')}: error: unknown slug "
        "'arrahmah-2025-05-0': no dossier has it; did you mean 'arrahmah-2025-05-02'?" in out
    )
    assert (
        f"{ten}:{line_of(actors / 'taliban.en.md', '[[rusia]]')}: error: unknown slug 'rusia'"
        in out
    )
    assert "did you mean 'russia'" in out
    assert "content/relationships/russia--taliban.en.md:3:8: error: YAML syntax error" in out
    assert "russia--taliban.en.md: warning" not in out  # a broken file is not "untranslated"
    assert (
        f"content/sources/arrahmah-2025-05-02.en.md:{line_of(src, 'titel:')}: error: "
        "unknown key 'titel'" in out
    )
    assert "did you mean 'title'" in out
    assert out.strip().splitlines()[-1].startswith("4 error(s)")


def test_content_faults_are_found_at_their_lines(project: Path) -> None:
    content = project / "content"
    taliban_en = content / "actors/taliban.en.md"
    edit(taliban_en, "See [Russia](../russia/).", "See [Russia](../rusia/) and [here](#histori).")
    (content / "actors/russia.en.md").unlink()  # missing translation
    edit(content / "actors/taliban.id.md", "Taliban berhubungan", "Taliban (diubah) berhubungan")
    edit(content / "actors/russia.id.md", "aliases: [Rusia, Moskow]", "aliases: [Rusia, IIA]")
    (content / "actors/isis.id.md").write_text(
        "---\ntitle: ISIS\nkind: armed-group\n---\nTanpa sumber.\n", encoding="utf-8"
    )
    (content / "actors/isis.en.md").write_text(
        "---\ntitle: ISIS\ndraft: true\n---\nNo source.\n", encoding="utf-8"
    )
    (content / "sources/lonely.id.md").write_text(
        "---\ntitle: Sendiri\nlanguage: id\n---\n", encoding="utf-8"
    )
    (content / "sources/lonely.en.md").write_text("---\ntitle: Alone\n---\n", encoding="utf-8")

    result = run_cli(project, "check", "--format", "json")
    report = json.loads(result.stdout)
    assert result.returncode == 1  # the duplicate alias and the broken links are errors
    found = {
        (p["path"], p["line"], p["severity"], p["message"].split(":")[0])
        for p in report["problems"]
    }
    messages = {(p["path"], p["line"]): p["message"] for p in report["problems"]}
    link_line = line_of(taliban_en, "../rusia/")
    assert ("content/actors/taliban.en.md", link_line, "error", "broken link '../rusia/'") in found
    broken = next(p for p in report["problems"] if "broken link" in p["message"])
    assert "did you mean '/en/actors/russia/'" in broken["message"]
    anchors = [p for p in report["problems"] if "broken anchor '#histori'" in p["message"]]
    assert anchors and anchors[0]["line"] == link_line and "'#history'" in anchors[0]["message"]
    assert (
        anchors[0]["column"]
        == taliban_en.read_text().split("\n")[link_line - 1].index("#histori") + 1
    )
    assert any(
        p["path"] == "content/actors/russia.en.md"
        and "not yet translated into 'en'" in p["message"]
        for p in report["problems"]
    )
    # Stale: the message carries the hash to paste.
    original = content / "actors/taliban.id.md"
    text = original.read_text()
    body = text.split("---\n", 2)[2]
    current = hash_text(
        "Taliban", "Kelompok yang menguasai Afganistan [@arrahmah-2025-05-02].", body
    )
    stale = messages[("content/actors/taliban.en.md", line_of(taliban_en, "translated_from:"))]
    assert stale.startswith("stale translation") and f"hash: {current}" in stale
    assert ("content/actors/isis.id.md", 1, "warning", "'isis' cites no source") in found
    assert (
        "content/sources/lonely.id.md",
        1,
        "warning",
        "source 'lonely' is cited by nothing",
    ) in found
    alias_line = line_of(content / "actors/russia.id.md", "aliases:")
    assert any(
        p["path"] == "content/actors/russia.id.md"
        and p["line"] == alias_line
        and p["severity"] == "error"
        and "also an alias of 'taliban'" in p["message"]
        for p in report["problems"]
    )
    assert ("content/actors/isis.en.md", 3, "warning", "draft") in found


@pytest.mark.slow
def test_stale_translation_is_detected_and_stamped(project: Path) -> None:
    assert run_cli(project, "check").returncode == 0
    edit(project / "content/actors/russia.id.md", "Rusia.\n", "Rusia, negara besar.\n")
    result = run_cli(project, "check", "--translations")
    row = next(line for line in result.stdout.splitlines() if line.startswith("actors/russia"))
    assert row.split()[1:] == ["original", "stale"]
    check = run_cli(project, "check")
    assert "content/actors/russia.en.md:2: warning: stale translation" in check.stdout
    stamped = run_cli(project, "translated", "russia", "en")
    assert stamped.returncode == 0, stamped.stderr
    assert run_cli(project, "check").stdout.startswith("clean")
    result = run_cli(project, "check", "--translations")
    row = next(line for line in result.stdout.splitlines() if line.startswith("actors/russia"))
    assert row.split()[1:] == ["original", "translated"]
