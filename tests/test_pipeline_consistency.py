"""build, serve and check are one pipeline: the same problems, the same paths, the same pages.

Also pins the incremental contract: for each kind of edit, the exact set of
pages the rebuild renders, so a rebuild that quietly re-renders everything fails.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from support import edit, make_project, run_cli

from generator.content.config import load_config
from generator.pipeline.incremental import rebuild
from generator.pipeline.stages import Pipeline
from generator.server import Watcher
from generator.site.dependencies import ALL, dossier_key, link_key


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "site", "workflow")


def _typo(project: Path) -> str:
    path = project / "content/relationships/russia--taliban.en.md"
    path.write_text(path.read_text("utf-8").replace("title: Russia", "title: [Russia"), "utf-8")
    return "content/relationships/russia--taliban.en.md:3:8: error: YAML syntax error"


def test_a_yaml_typo_is_one_located_error_from_check_build_and_serve(project: Path) -> None:
    expected = _typo(project)
    check = run_cli(project, "check")
    build = run_cli(project, "build")
    assert check.returncode == build.returncode == 1
    assert expected in check.stdout
    assert expected in build.stderr
    assert "Traceback" not in check.stdout + check.stderr + build.stdout + build.stderr

    logged: list[str] = []
    watcher = Watcher(project, project / "public", log=logged.append)
    watcher.start()
    shown = [problem.format() for problem in watcher.problems]
    assert any(line.startswith(f"{project}/{expected}") for line in shown), shown


def test_links_to_every_registered_output_are_not_broken(project: Path) -> None:
    path = project / "content/actors/russia.id.md"
    text = path.read_text("utf-8")
    path.write_text(
        text + "\n[Umpan](/id/feed.xml), [peta situs](/sitemap.xml), [robots](/robots.txt).\n",
        "utf-8",
    )
    check = run_cli(project, "check")
    assert check.returncode == 0, check.stdout
    path.write_text(text + "\n[Umpan](/id/feeds.xml)\n", "utf-8")
    check = run_cli(project, "check")
    assert check.returncode == 1
    assert "broken link '/id/feeds.xml'" in check.stdout
    assert "did you mean '/id/feed.xml'" in check.stdout


def test_a_citation_that_is_not_a_slug_is_reported_by_check_and_build(project: Path) -> None:
    path = project / "content/actors/russia.en.md"
    path.write_text(path.read_text("utf-8") + "\nSee [@Reuters].\n", "utf-8")
    for result in (run_cli(project, "check"), run_cli(project, "build")):
        assert result.returncode == 1
        out = result.stdout + result.stderr
        assert "content/actors/russia.en.md:" in out
        assert "'Reuters' is not a slug" in out
        assert "Traceback" not in out


def test_each_edit_re_renders_exactly_the_pages_that_show_it(project: Path) -> None:
    pipeline = Pipeline(load_config(project))
    state, first = rebuild(pipeline, None)
    assert first.full
    every_page = {name for name in first.rendered if name.endswith(".html")}
    site_wide = {n for n, used in state.dependencies.items() if ALL in used} & every_page

    # Nothing changed: nothing rendered.
    state, update = rebuild(pipeline, state)
    assert update.rendered == ()

    # An English body edit of one actor: its English page. Pages that link to it show its
    # title, not its body, and the English file is a translation: no status changed.
    edit(project / "content/actors/russia.en.md", "Russia.\n", "Russia, edited.\n")
    state, update = rebuild(pipeline, state)
    assert set(update.rendered) == {"en/actors/russia/index.html"}

    # A title edit: every page that links to it (and the site-wide lists), nothing else.
    edit(project / "content/actors/russia.en.md", "title: Russia", "title: The Russian Federation")
    state, update = rebuild(pipeline, state)
    linking = {
        name
        for name, used in state.dependencies.items()
        if {dossier_key("russia"), link_key("russia"), ALL} & used
    } & every_page
    assert set(update.rendered) == linking
    assert {"en/actors/taliban/index.html", "id/aktor/taliban/index.html"} <= linking
    assert "en/actors/russia/index.html" in update.write
    assert set(update.rendered) < every_page, "a title edit re-rendered every page"
    for name in update.rendered:
        assert (
            "russia" in name
            or name in site_wide
            or "The Russian Federation"
            in (
                (project / "public").joinpath(name).read_text("utf-8")
                if (project / "public" / name).exists()
                else "The Russian Federation"
            )
        )

    # The same edit again: nothing changed, nothing rendered.
    state, update = rebuild(pipeline, state)
    assert update.rendered == ()
