"""Bad input gets a clear `path:line` error, exit 1, no traceback, and loses nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import edit, run_cli, snapshot, staging_leftovers


@pytest.fixture
def previous(project: Path) -> dict[str, bytes]:
    """A good build already in public/, to prove a failed build leaves it intact."""
    result = run_cli(project, "build")
    assert result.returncode == 0, result.stderr
    return snapshot(project / "public")


def assert_fails_cleanly(project: Path, previous: dict[str, bytes], *expected: str) -> str:
    result = run_cli(project, "build")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    for line in expected:
        assert line in result.stderr, result.stderr
    assert snapshot(project / "public") == previous
    assert staging_leftovers(project) == []
    return result.stderr


def test_unknown_slug_in_body(project: Path, previous: dict[str, bytes]) -> None:
    edit(project / "content/actors/taliban.en.md", "[[isis]]", "[[isiss]]")
    assert_fails_cleanly(
        project,
        previous,
        "content/actors/taliban.en.md:4: error: unknown slug 'isiss': no dossier has it; "
        "did you mean 'isis'?",
    )


def test_unknown_slug_in_front_matter(project: Path, previous: dict[str, bytes]) -> None:
    edit(
        project / "content/relationships/russia--taliban.id.md",
        "claim_by: [russia]",
        "claim_by: [rusia]",
    )
    assert_fails_cleanly(
        project,
        previous,
        "content/relationships/russia--taliban.id.md:9: error: unknown slug 'rusia'",
    )


def test_unknown_citation_and_wrong_section(project: Path, previous: dict[str, bytes]) -> None:
    edit(project / "content/pages/about.en.md", "About this site.", "Cited [@taliban].\n\n[@nope]")
    assert_fails_cleanly(
        project,
        previous,
        "content/pages/about.en.md:4: error: 'taliban' is an actor, but cite needs a source",
        "content/pages/about.en.md:6: error: unknown slug 'nope'",
    )


def test_conflicting_inherited_key(project: Path, previous: dict[str, bytes]) -> None:
    edit(project / "content/actors/isis.en.md", "title: ISIS\n", "title: ISIS\nkind: state\n")
    assert_fails_cleanly(
        project,
        previous,
        "content/actors/isis.en.md:3: error: 'kind' differs from",
        "isis.id.md:3",
    )


def test_missing_required_key(project: Path, previous: dict[str, bytes]) -> None:
    edit(project / "content/actors/isis.en.md", "title: ISIS\n", "")
    edit(project / "content/actors/isis.id.md", "kind: armed-group\n", "")
    assert_fails_cleanly(
        project,
        previous,
        "content/actors/isis.en.md:2: error: 'title' is required",
        "content/actors/isis.id.md:2: error: 'kind' is required",
    )


def test_yaml_syntax_error(project: Path, previous: dict[str, bytes]) -> None:
    edit(project / "content/actors/russia.id.md", "kind: state", "kind: [state")
    assert_fails_cleanly(project, previous, "content/actors/russia.id.md:", "YAML syntax error")


def test_all_errors_are_reported_not_only_the_first(
    project: Path, previous: dict[str, bytes]
) -> None:
    edit(project / "content/actors/taliban.en.md", "[[isis]]", "[[nobody]]")
    edit(project / "content/actors/isis.id.md", "kind: armed-group", "kind: army")
    stderr = assert_fails_cleanly(project, previous, "unknown slug 'nobody'", "'kind' is 'army'")
    assert "2 error(s)" in stderr


def test_unknown_key_and_bad_values(project: Path, previous: dict[str, bytes]) -> None:
    edit(
        project / "content/relationships/isis--taliban.id.md",
        "    stance: hostile",
        "    stance: angry\n    when: now",
    )
    assert_fails_cleanly(
        project,
        previous,
        "isis--taliban.id.md:7: error: 'timeline.0.stance' is 'angry'; expected one of: cooperative",
        "isis--taliban.id.md:8: error: unknown key 'when' in timeline",
    )


def test_bad_file_names(project: Path, previous: dict[str, bytes]) -> None:
    (project / "content/actors/Bad_Slug.en.md").write_text("---\ntitle: x\n---\n")
    (project / "content/actors/russia.fr.md").write_text("---\ntitle: x\n---\n")
    (project / "content/relationships/taliban--russia.en.md").write_text("---\ntitle: x\n---\n")
    assert_fails_cleanly(
        project,
        previous,
        "Bad_Slug.en.md: error: slug 'Bad_Slug' must be lowercase",
        "russia.fr.md: error: unknown language 'fr'",
        "taliban--russia.en.md: error: relationship slug 'taliban--russia' must name its two actors "
        "in alphabetical order: 'russia--taliban'",
    )


def test_out_outside_project_or_not_a_build_is_refused(project: Path, tmp_path: Path) -> None:
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "keep.txt").write_text("mine")
    outside = run_cli(project, "build", "--out", str(precious))
    assert outside.returncode == 1 and "must be inside the project" in outside.stderr
    for target in ("content", "templates", ".", "content/actors"):
        result = run_cli(project, "build", "--out", target)
        assert result.returncode == 1, target
        assert "Traceback" not in result.stderr
    notes = project / "notes"
    notes.mkdir()
    (notes / "draft.txt").write_text("mine")
    refused = run_cli(project, "build", "--out", "notes")
    assert refused.returncode == 1
    assert "refusing to replace a folder that is not a previous build" in refused.stderr
    assert (precious / "keep.txt").read_text() == "mine"
    assert (notes / "draft.txt").read_text() == "mine"
    assert (project / "content/actors/russia.id.md").is_file()
    # An empty or missing folder, or a previous build, is fine.
    assert run_cli(project, "build", "--out", "site-out").returncode == 0
    assert run_cli(project, "build", "--out", "site-out").returncode == 0


def test_usage_errors_exit_2(project: Path) -> None:
    assert run_cli(project, "build", "--nope").returncode == 2
    assert run_cli(project, "frobnicate").returncode == 2
    result = run_cli(project / "content", "build")
    assert result.returncode == 1 and "no site.yaml here" in result.stderr


def test_template_error_is_reported_not_raised(project: Path, previous: dict[str, bytes]) -> None:
    # A site's templates/page.html overrides the theme's.
    (project / "templates").mkdir(exist_ok=True)
    (project / "templates/page.html").write_text(
        "{% extends 'base.html' %}{% block main %}{{ x.y }"
    )
    stderr = assert_fails_cleanly(project, previous, "templates/page.html")
    assert "error" in stderr
