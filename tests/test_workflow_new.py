"""`explainer new`: a dossier in every language from the archetypes, never overwriting."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import make_project, run_cli


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "site", "workflow")


@pytest.mark.slow
def test_new_creates_every_language_and_builds(project: Path) -> None:
    for args in (
        ("actor", "isis-k"),
        ("relationship", "taliban", "isis-k"),
        ("source", "kompas-2021-08-27"),
        ("page", "about"),
    ):
        result = run_cli(project, "new", *args)
        assert result.returncode == 0, result.stderr
    content = project / "content"
    for name in (
        "actors/isis-k",
        "relationships/isis-k--taliban",
        "sources/kompas-2021-08-27",
        "pages/about",
    ):
        assert (content / f"{name}.id.md").is_file() and (content / f"{name}.en.md").is_file()
    default = (content / "actors/isis-k.id.md").read_text()
    other = (content / "actors/isis-k.en.md").read_text()
    assert "\nkind: " in default and "\naliases:" in default  # neutral keys: default file only
    assert "\nkind: " not in other and "isis-k.id.md" in other
    assert (
        "actors: [isis-k, taliban]" in (content / "relationships/isis-k--taliban.id.md").read_text()
    )

    build = run_cli(project, "build", "--drafts")
    assert build.returncode == 0, build.stderr
    for page in ("en/actors/isis-k", "id/aktor/isis-k", "en/relationships/isis-k--taliban"):
        assert (project / "public" / page / "index.html").is_file(), page
    assert run_cli(project, "build").returncode == 0  # drafts are left out, still builds


def test_new_refuses_to_overwrite(project: Path) -> None:
    before = (project / "content/actors/russia.id.md").read_text()
    result = run_cli(project, "new", "actor", "russia")
    assert result.returncode == 1
    assert "'russia' exists already" in result.stderr
    assert (project / "content/actors/russia.id.md").read_text() == before


def test_new_rejects_a_bad_slug_with_the_rule(project: Path) -> None:
    result = run_cli(project, "new", "actor", "Bad_Slug")
    assert result.returncode == 1
    assert (
        "slug 'Bad_Slug' must be lowercase ASCII letters, digits and single hyphens"
        in result.stderr
    )
    result = run_cli(project, "new", "relationship", "taliban")
    assert result.returncode == 2
    assert not list((project / "content").glob("*/Bad_Slug*"))
