"""The checks a build runs, from the cache: what each dossier's texts say is kept with it.

A rebuild finds the Markdown links, aliases and citations of the dossiers that
changed only; those of the others come with them from the build cache. What it
reports must still be what a cold build reports, edit after edit.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from support import edit, make_project

from generator.checks import links
from generator.errors import ExplainerError
from generator.pipeline.build import run_build


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "site", "workflow")


def _problems(project: Path, **options: Any) -> list[str]:
    """Every problem a build reports: its warnings, or the errors it stops at (a broken
    link, an alias two actors share; such a build leaves the cache as it was)."""
    try:
        report = run_build(project, search=False, **options)
    except ExplainerError as error:
        return [p.format() for p in error.problems]
    assert report.cached == options.get("use_cache", True)
    return [p.format() for p in report.warnings]


RUSSIA_EN = "content/actors/russia.en.md"
TALIBAN_ID = "content/actors/taliban.id.md"
SOURCE = "---\ntitle: Kabar\npublisher: Kabar\ndate: 2024-01-05\nlanguage: id\n---\nTeks.\n"
STEPS: list[tuple[str, Callable[[Path], object]]] = [
    # A link to a page the site does not have, then to an anchor it does not have.
    ("broken link", lambda p: edit(p / RUSSIA_EN, "Russia.\n", "Russia [x](/en/nowhere/).\n")),
    ("broken anchor", lambda p: edit(p / RUSSIA_EN, "/en/nowhere/", "/en/actors/taliban/#no")),
    ("link fixed", lambda p: edit(p / RUSSIA_EN, "#no", "")),
    # An alias two actors share, in one language, then in every language.
    (
        "shared alias",
        lambda p: edit(p / TALIBAN_ID, "id: [Taliban, IIA]", "id: [Taliban, IIA, Moskow]"),
    ),
    (
        "shared alias in every language",
        lambda p: edit(
            p / TALIBAN_ID,
            "aliases: {id: [Taliban, IIA, Moskow], en: [Taliban]}",
            "aliases: [Taliban, Rusia]",
        ),
    ),
    ("alias gone", lambda p: edit(p / TALIBAN_ID, "[Taliban, Rusia]", "[Taliban]")),
    # A source nobody cites, then cited.
    (
        "uncited",
        lambda p: (p / "content/sources/kabar-2024-01-05.id.md").write_text(SOURCE, "utf-8"),
    ),
    ("cited", lambda p: edit(p / RUSSIA_EN, "Russia [x]", "Russia [@kabar-2024-01-05] [x]")),
]


@pytest.mark.slow
def test_a_cached_build_reports_what_a_cold_build_reports_after_every_edit(
    project: Path,
) -> None:
    first = run_build(project, search=False)
    assert not first.cached
    seen: list[str] = []
    for name, step in STEPS:
        step(project)
        problems = _problems(project)
        cold = project / f"cold-{name.replace(' ', '-')}"
        assert problems == _problems(project, use_cache=False, out=cold), name
        seen += problems
    # Each rule the steps aim at did speak at some step (else the comparison shows little).
    said = "\n".join(seen)
    for rule in ("broken link", "broken anchor", "is also an alias of", "is cited by nothing"):
        assert rule in said, rule


def _calls(monkeypatch: pytest.MonkeyPatch, owner: object, name: str) -> list[tuple[Any, ...]]:
    """The arguments of every call of `owner.name` from now on (it still does its work)."""
    calls: list[tuple[Any, ...]] = []
    function = getattr(owner, name)

    def counted(*args: Any) -> Any:
        calls.append(args)
        return function(*args)

    monkeypatch.setattr(owner, name, counted)
    return calls


def test_a_rebuild_finds_the_links_of_the_edited_dossier_only(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run_build(project, search=False)
    read = _calls(monkeypatch, links, "text_links")
    edit(project / RUSSIA_EN, "Russia.\n", "Russia [x](/en/nowhere/).\n")
    problems = _problems(project)
    assert any("broken link '/en/nowhere/'" in problem for problem in problems)
    # The edited file's summary and body, and its sibling's (one dossier): not the site's.
    assert 0 < len(read) <= 4, read
