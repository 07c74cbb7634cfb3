"""The package theme's templates shipped compiled (`generator/theme/compiled.json`)."""

from __future__ import annotations

import shutil
from pathlib import Path

import jinja2
import pytest
from support import make_project

from generator.site import render, shipped_templates
from generator.site.render import make_environment
from generator.theme_files import THEME_DIR


def test_the_shipped_file_is_what_the_theme_and_the_code_generator_make(tmp_path: Path) -> None:
    env = make_environment(make_project(tmp_path / "site"))
    made = shipped_templates.shipped_text(env)
    assert '"base.html"' in made and '"_macros.html"' in made
    assert made == shipped_templates.SHIPPED.read_text(encoding="utf-8"), (
        "a theme template or the code generator changed: run `.venv/bin/python -c 'from "
        "generator.site.render import write_shipped_templates as w; w()'` and commit "
        "generator/theme/compiled.json"
    )


def test_a_theme_template_runs_the_shipped_code_and_gives_what_jinja_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project(tmp_path / "site")
    fresh = make_environment(root)
    want = fresh.get_template("_macros.html").module.cites([1, 2])  # type: ignore[attr-defined]

    def no_compiling(*args: object, **kwargs: object) -> object:
        raise AssertionError("compiled afresh")

    shipped = make_environment(root)
    monkeypatch.setattr(jinja2.Environment, "compile", no_compiling)
    template = shipped.get_template("_macros.html")
    assert template.filename == str(THEME_DIR / "_macros.html")  # errors name the template
    assert template.module.cites([1, 2]) == want  # type: ignore[attr-defined]
    assert 'href="#cite-2"' in want


def test_a_changed_theme_template_is_compiled_not_taken_from_the_file(tmp_path: Path) -> None:
    env = make_environment(make_project(tmp_path / "site"))
    name = "_macros.html"
    source = (THEME_DIR / name).read_text(encoding="utf-8")
    filename = str(THEME_DIR / name)
    assert shipped_templates.shipped_code(env, source, name, filename) is not None
    assert shipped_templates.shipped_code(env, source + "x", name, filename) is None
    assert shipped_templates.shipped_code(env, source, name, str(tmp_path / name)) is None


def test_a_site_that_overrides_the_macros_gets_its_own(tmp_path: Path) -> None:
    root = make_project(tmp_path / "site")
    (root / "templates").mkdir(exist_ok=True)
    macros = (THEME_DIR / "_macros.html").read_text(encoding="utf-8")
    mine = macros.replace('<sup class="cite">', '<sup class="cite mine">')
    assert mine != macros
    (root / "templates" / "_macros.html").write_text(mine, encoding="utf-8")
    env = make_environment(root)
    html = env.get_template("_macros.html").module.cites([3])  # type: ignore[attr-defined]
    assert '<sup class="cite mine">' in str(html)
    shutil.rmtree(root / "templates")


def test_templates_compiled_by_another_generator_are_not_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`.cache/templates` outlives an upgrade: code another code generator made (other
    runtime names, other filters) is not this one's, so it is compiled again."""
    root = make_project(tmp_path / "site")
    compiled = root / ".cache" / "templates"
    make_environment(root, compiled).get_template("_macros.html")
    before = {p.name for p in compiled.iterdir()}
    assert before and all(shipped_templates.generator_fingerprint()[:16] in n for n in before)

    monkeypatch.setattr(shipped_templates, "generator_fingerprint", lambda: "f" * 64)
    monkeypatch.setattr(render, "generator_fingerprint", lambda: "f" * 64)
    make_environment(root, compiled).get_template("_macros.html")
    added = {p.name for p in compiled.iterdir()} - before
    assert added and all("f" * 16 in n for n in added)
