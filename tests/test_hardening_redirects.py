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
from conftest import make_project
from hardening import assert_clean_failure, edit, run

ISIS = "content/actors/isis.id.md"
RUSSIA = "content/actors/russia.id.md"


def test_two_dossiers_claiming_one_old_slug_is_an_error_naming_both(tmp_path: Path) -> None:
    project = make_project(tmp_path / "site")
    edit(project, ISIS, "kind: armed-group", "kind: armed-group\nredirect_from: [daesh]")
    edit(project, RUSSIA, "kind: state", "kind: state\nredirect_from:\n  - moskwa\n  - daesh")
    result = run(project, "build")
    assert_clean_failure(result)
    assert (
        f"{ISIS}:4: error: redirect_from 'daesh' is also claimed by "
        f"{project / RUSSIA}:6: an old URL redirects to one page only" in result.err
    )
    assert f"{RUSSIA}:6: error: redirect_from 'daesh' is also claimed by {project / ISIS}:4" in (
        result.err
    )
    assert "moskwa" not in result.err
    assert not (project / "public").exists()
    assert run(project, "check").code == 1


def test_an_old_slug_naming_a_live_dossier_is_an_error(tmp_path: Path) -> None:
    project = make_project(tmp_path / "site")
    edit(project, ISIS, "kind: armed-group", "kind: armed-group\nredirect_from: [russia, isis]")
    result = run(project, "check")
    assert_clean_failure(result)
    assert (
        f"{ISIS}:4: error: redirect_from 'russia' is a live dossier's ({project / RUSSIA}): "
        "its page wins and the redirect is never made" in result.text
    )
    assert f"{ISIS}:4: error: redirect_from 'isis' is this dossier's own slug" in result.text


def test_the_same_old_slug_in_both_languages_of_one_dossier_is_one_claim(tmp_path: Path) -> None:
    project = make_project(tmp_path / "site")
    edit(project, ISIS, "kind: armed-group", "kind: armed-group\nredirect_from: [daesh]")
    edit(project, "content/actors/isis.en.md", "title: ISIS", "title: ISIS\nredirect_from: [daesh]")
    result = run(project, "build")
    assert result.code == 0, result.text
    assert (project / "public/en/actors/daesh/index.html").is_file()


def test_renaming_back_to_an_old_slug_leaves_a_clean_site(tmp_path: Path) -> None:
    project = make_project(tmp_path / "site")
    assert run(project, "rename", "isis", "daesh").code == 0
    assert run(project, "rename", "daesh", "isis").code == 0
    assert "redirect_from: [daesh]" in (project / ISIS).read_text("utf-8")
    result = run(project, "build")
    assert result.code == 0, result.text
    assert (project / "public/id/aktor/daesh/index.html").is_file()


@pytest.mark.parametrize("slug", ["0", "2024", "yes", "off", "null", "2024-01-02", "0x1f", "010"])
def test_a_slug_yaml_reads_as_another_type_is_refused(tmp_path: Path, slug: str) -> None:
    """Found by the rename fuzzer: `rename taliban 0` wrote `actors: [0, isis]`, which YAML
    reads as a number, so the renamed site no longer checked clean."""
    project = make_project(tmp_path / "site")
    for args in (("rename", "taliban", slug), ("new", "actor", slug)):
        result = run(project, *args)
        assert result.code in (1, 2), result.text  # rename: a usage error; new: located
        assert f"slug '{slug}' would be read in front-matter as a" in result.text
    assert not list((project / "content").rglob(f"{slug}.*.md"))
    (project / f"content/actors/{slug}.id.md").write_text("---\ntitle: X\nkind: state\n---\n")
    assert_clean_failure(run(project, "check"), f"slug '{slug}' would be read")


def test_rename_refuses_a_slug_another_dossier_keeps_as_an_old_one(tmp_path: Path) -> None:
    """Found by the rename fuzzer: 'rename taliban daesh' while isis keeps redirect_from:
    [daesh] left a site that no longer checked clean (the redirect was taken over)."""
    project = make_project(tmp_path / "site")
    edit(project, ISIS, "kind: armed-group", "kind: armed-group\nredirect_from: [daesh]")
    files = {p: p.read_bytes() for p in (project / "content").rglob("*.md")}
    result = run(project, "rename", "taliban", "daesh")
    assert result.code == 2, result.text
    assert "'daesh' is an old slug of 'isis' (redirect_from in " in result.text
    assert "content/actors/isis.id.md): its old URLs redirect there" in (result.text)
    assert {p: p.read_bytes() for p in (project / "content").rglob("*.md")} == files
    assert run(project, "rename", "isis", "daesh").code == 0  # its own old slug: allowed
    assert run(project, "check").code == 0
