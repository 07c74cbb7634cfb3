"""Old slugs (`redirect_from`) are never silently dropped (issue 21, finding N12).

Two dossiers claiming one old slug was resolved silently (one redirect page
won); an old slug naming a live dossier was ignored (its page won). Both are
errors at each claim, naming the other file. Renaming a dossier back to an
old slug takes that slug out of its `redirect_from`, and a slug YAML would read
as a number, a date or true/false is refused (the rename fuzzer's finding).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from support import assert_clean_failure, edit, make_project, run_cli

ISIS = "content/actors/isis.id.md"
RUSSIA = "content/actors/russia.id.md"


def test_two_dossiers_claiming_one_old_slug_is_an_error_naming_both(tmp_path: Path) -> None:
    project = make_project(tmp_path / "site")
    edit(project / ISIS, "kind: armed-group", "kind: armed-group\nredirect_from: [daesh]")
    edit(project / RUSSIA, "kind: state", "kind: state\nredirect_from:\n  - moskwa\n  - daesh")
    result = run_cli(project, "build")
    assert_clean_failure(result)
    assert (
        f"{ISIS}:4: error: redirect_from 'daesh' is also claimed by "
        f"{RUSSIA}:6: an old URL redirects to one page only" in result.stderr
    )
    assert f"{RUSSIA}:6: error: redirect_from 'daesh' is also claimed by {ISIS}:4" in (
        result.stderr
    )
    assert "moskwa" not in result.stderr
    assert not (project / "public").exists()
    assert run_cli(project, "check").returncode == 1


def test_an_old_slug_naming_a_live_dossier_is_an_error(tmp_path: Path) -> None:
    project = make_project(tmp_path / "site")
    edit(project / ISIS, "kind: armed-group", "kind: armed-group\nredirect_from: [russia, isis]")
    result = run_cli(project, "check")
    assert_clean_failure(result)
    assert (
        f"{ISIS}:4: error: redirect_from 'russia' is a live dossier's ({RUSSIA}): "
        "its page wins and the redirect is never made" in result.output
    )
    assert f"{ISIS}:4: error: redirect_from 'isis' is this dossier's own slug" in result.output


def test_the_same_old_slug_in_both_languages_of_one_dossier_is_one_claim(tmp_path: Path) -> None:
    project = make_project(tmp_path / "site")
    edit(project / ISIS, "kind: armed-group", "kind: armed-group\nredirect_from: [daesh]")
    edit(
        project / "content/actors/isis.en.md", "title: ISIS", "title: ISIS\nredirect_from: [daesh]"
    )
    result = run_cli(project, "build")
    assert result.returncode == 0, result.output
    assert (project / "public/en/actors/daesh/index.html").is_file()


def test_renaming_back_to_an_old_slug_leaves_a_clean_site(tmp_path: Path) -> None:
    project = make_project(tmp_path / "site")
    assert run_cli(project, "rename", "isis", "daesh").returncode == 0
    assert run_cli(project, "rename", "daesh", "isis").returncode == 0
    assert "redirect_from: [daesh]" in (project / ISIS).read_text("utf-8")
    result = run_cli(project, "build")
    assert result.returncode == 0, result.output
    assert (project / "public/id/aktor/daesh/index.html").is_file()


@pytest.mark.parametrize("slug", ["0", "2024", "yes", "off", "null", "2024-01-02", "0x1f", "010"])
def test_a_slug_yaml_reads_as_another_type_is_refused(tmp_path: Path, slug: str) -> None:
    """Found by the rename fuzzer: `rename taliban 0` wrote `actors: [0, isis]`, which YAML
    reads as a number, so the renamed site no longer checked clean."""
    project = make_project(tmp_path / "site")
    for args in (("rename", "taliban", slug), ("new", "actor", slug)):
        result = run_cli(project, *args)
        assert result.returncode in (1, 2), result.output  # rename: a usage error; new: located
        assert f"slug '{slug}' would be read in front-matter as a" in result.output
    assert not list((project / "content").rglob(f"{slug}.*.md"))
    (project / f"content/actors/{slug}.id.md").write_text("---\ntitle: X\nkind: state\n---\n")
    assert_clean_failure(run_cli(project, "check"), f"slug '{slug}' would be read")


def test_rename_refuses_a_slug_another_dossier_keeps_as_an_old_one(tmp_path: Path) -> None:
    """Found by the rename fuzzer: 'rename taliban daesh' while isis keeps redirect_from:
    [daesh] left a site that no longer checked clean (the redirect was taken over)."""
    project = make_project(tmp_path / "site")
    edit(project / ISIS, "kind: armed-group", "kind: armed-group\nredirect_from: [daesh]")
    files = {p: p.read_bytes() for p in (project / "content").rglob("*.md")}
    result = run_cli(project, "rename", "taliban", "daesh")
    assert result.returncode == 2, result.output
    assert "'daesh' is an old slug of 'isis' (redirect_from in " in result.output
    assert "content/actors/isis.id.md): its old URLs redirect there" in (result.output)
    assert {p: p.read_bytes() for p in (project / "content").rglob("*.md")} == files
    assert run_cli(project, "rename", "isis", "daesh").returncode == 0  # its own old slug: allowed
    assert run_cli(project, "check").returncode == 0
