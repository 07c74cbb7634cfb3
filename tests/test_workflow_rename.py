"""`explainer rename`, and deleting a dossier that others cite.

Run on a copy of this repository's content, choosing the actor that the most
files reference (no slug is hard-coded): after the rename, `check` is clean,
every translation that was current still is, and the old URLs redirect.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from support import REAL, make_project, run_cli

from generator.content.config import load_config
from generator.content.load import load_content


@pytest.fixture
def real(tmp_path: Path) -> Path:
    return make_project(tmp_path / "site", REAL)


def _most_cited_actor(project: Path) -> tuple[str, int]:
    """The actor referenced from the most files, and how many files that is."""
    model, _ = load_content(load_config(project))
    actors = {d.slug for d in model.in_section("actors")}
    citing: dict[str, set[str]] = {slug: set() for slug in actors}
    for dossier in model.dossiers.values():
        for ref in dossier.refs:
            if ref.slug in actors:
                citing[ref.slug].add(ref.path)
    return Counter({slug: len(paths) for slug, paths in citing.items()}).most_common(1)[0]


@pytest.mark.slow
def test_rename_an_actor_cited_in_ten_files_keeps_check_clean_and_redirects(real: Path) -> None:
    old, citing = _most_cited_actor(real)
    assert citing >= 10
    assert run_cli(real, "check").returncode == 0
    result = run_cli(real, "rename", old, "renamed-actor")
    assert result.returncode == 0, result.stderr
    assert not list((real / "content").rglob(f"{old}.*.md"))
    assert list((real / "content/actors").glob("renamed-actor.*.md"))
    check = run_cli(real, "check")
    assert check.returncode == 0 and "clean: no problems" in check.stdout, check.stdout
    assert "stale" not in check.stdout
    build = run_cli(real, "build", "--strict")
    assert build.returncode == 0, build.stderr
    config = load_config(real)
    for lang in config.language_codes:
        segment = config.sections["actors"][lang]
        page = (real / "public" / lang / segment / old / "index.html").read_text("utf-8")
        assert 'http-equiv="refresh" content="0; url=../renamed-actor/"' in page
    # A relationship's slug followed its actor, and its old URL redirects too.
    moved = [p.name.split(".")[0] for p in (real / "content/relationships").glob("*renamed-actor*")]
    assert moved
    for slug in moved:
        assert slug.split("--") == sorted(slug.split("--"))


def test_rename_refuses_an_existing_slug_and_a_relationship(real: Path) -> None:
    model, _ = load_content(load_config(real))
    actors = [d.slug for d in model.in_section("actors")]
    relationship = model.in_section("relationships")[0].slug
    result = run_cli(real, "rename", actors[0], actors[1])
    assert result.returncode == 2 and "exists already" in result.stderr
    result = run_cli(real, "rename", relationship, "x--y")
    assert result.returncode == 2 and "follows its actors" in result.stderr


def test_deleting_a_cited_dossier_lists_who_cites_it(real: Path) -> None:
    old, _ = _most_cited_actor(real)
    for path in (real / "content/actors").glob(f"{old}.*.md"):
        path.unlink()
    result = run_cli(real, "check")
    assert result.returncode == 1
    assert f"unknown slug '{old}': no dossier has it" in result.stdout
    assert (
        "cited from " in result.stdout
        and "restore the dossier or remove these references" in result.stdout
    )
