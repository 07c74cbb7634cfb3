"""The page-kind registry: each kind plans its own pages and declares its place in the menu.

Read on the reader fixture (tests/fixtures/reader): the root and the 404 page are
kinds like the others (planned by their kind, in no language), the menu is
the pages whose kind declares `nav` (a list per listed section, the timeline,
each dossier of a section with `menu`), and a kind that declares `nav` shows
up in every page's menu without anything else changing.
"""

from __future__ import annotations

import subprocess
import sys
import typing
from dataclasses import replace
from typing import NotRequired

import pytest
from support import fixture_folder

from generator.content.config import load_config
from generator.content.load import load_content
from generator.content.model import Model
from generator.graph.build_graph import Graph, build_graph
from generator.site import kinds
from generator.site.page_data import page_context
from generator.site.records import Page
from generator.site.urls import NOT_FOUND_PATH, Urls


def _model() -> Model:
    model, problems = load_content(load_config(fixture_folder("reader")))
    assert not [p for p in problems if p.severity == "error"], problems
    return model


def _graph() -> Graph:
    return build_graph(_model())


def test_every_page_is_planned_by_its_kind() -> None:
    model = _model()
    urls = Urls(model.config)
    plan = kinds.plan_pages(model)
    by_kind = [
        spec
        for kind in kinds.KINDS
        if not kind.per_language
        for spec in kind.pages(model, urls, None)
    ]
    assert plan[: len(by_kind)] == by_kind
    root, notfound = by_kind
    assert (root.kind, root.lang, root.path) == ("root", None, kinds.ROOT_PATH)
    assert (notfound.kind, notfound.lang, notfound.path) == ("notfound", None, NOT_FOUND_PATH)
    for lang in model.config.language_codes:
        mine = [spec for spec in plan if spec.lang == lang]
        assert mine == [
            s for kind in kinds.KINDS if kind.per_language for s in kind.pages(model, urls, lang)
        ]
    assert {spec.kind for spec in plan} == set(kinds.KIND_BY_NAME) - {"redirect"}  # none renamed


def test_the_menu_is_the_pages_whose_kind_is_in_the_navigation() -> None:
    graph = _graph()
    for lang in graph.model.config.language_codes:
        menu = kinds.menu(graph.model, lang)
        assert [(s.kind, s.section, s.slug) for s in menu] == [
            ("list", "actors", None),
            ("list", "relationships", None),
            ("list", "sources", None),
            ("timeline", None, None),
            ("dossier", "pages", "about"),
        ]
        home = next(s for s in kinds.plan_pages(graph.model) if s.kind == "home" and s.lang == lang)
        data, _ = page_context(graph, home)
        assert [item["url"] for item in data["site"]["nav"]] == [s.path for s in menu]


def test_a_kind_that_declares_nav_joins_every_menu(monkeypatch: pytest.MonkeyPatch) -> None:
    search = replace(kinds.KIND_BY_NAME["search"], nav=True)
    patched = tuple(search if kind.name == "search" else kind for kind in kinds.KINDS)
    monkeypatch.setattr(kinds, "KINDS", patched)
    monkeypatch.setattr(kinds, "KIND_BY_NAME", {kind.name: kind for kind in patched})
    graph = _graph()
    urls = Urls(graph.model.config)
    for lang in graph.model.config.language_codes:
        about = next(
            s for s in kinds.plan_pages(graph.model) if s.slug == "about" and s.lang == lang
        )
        data, _ = page_context(graph, about)
        sections = [item["section"] for item in data["site"]["nav"]]
        assert sections == ["actors", "relationships", "sources", "timeline", "search", "pages"]
        assert data["site"]["nav"][4]["url"] == urls.special(lang, "search")


def test_every_filler_returns_its_kinds_typed_record() -> None:
    """The template seam is typed: each kind's filler takes the typed `Page` and returns a
    TypedDict declared for its kind (mypy checks the builders against it), and on every
    page of the fixture site the record it returns holds exactly the declared keys (all
    the required ones, no undeclared one)."""
    for kind in kinds.KINDS:
        hints = typing.get_type_hints(_filler(kind))
        assert hints["page"] is Page, kind.name
        assert typing.is_typeddict(hints["return"]), kind.name
    graph = _graph()
    for spec in kinds.plan_pages(graph.model):
        kind = kinds.KIND_BY_NAME[spec.kind]
        required, declared = _keys(typing.get_type_hints(_filler(kind))["return"])
        data, _ = page_context(graph, spec)
        own = set(data) - {"page", "site", "citations"}
        assert required <= own <= declared, spec
        required, declared = _keys(Page)
        assert required <= set(data["page"]) <= declared, spec


def _filler(kind: kinds.PageKind) -> kinds.Filler:
    """The kind's filler itself (one the kind imports when first used, imported now)."""
    return kind.fill.load() if isinstance(kind.fill, kinds.LazyFiller) else kind.fill


def test_a_rebuild_of_dossier_pages_imports_no_site_wide_filler() -> None:
    """The fillers of the pages that list the site (the map, the open data) are imported
    when such a page is first filled, not with the registry: a rebuild of dossier pages
    alone never loads them. Seen in a fresh interpreter, which has imported nothing yet."""
    code = (
        "import sys; import generator.pipeline.publish, generator.site.kinds as k; "
        "k.import_fillers(['dossier', 'redirect', 'root']); "
        "print(sorted(m for m in sys.modules if m.startswith('generator.site.fill_') "
        "or m.startswith('generator.outputs.') or m == 'generator.site.map_view'))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert "fill_dossier" in loaded
    for module in ("fill_site", "fill_data", "fill_status", "map_view", "feeds", "opendata"):
        assert f"{module}'" not in loaded, (module, loaded)
    kinds.import_fillers(kind.name for kind in kinds.KINDS)
    assert {"generator.site.fill_site", "generator.site.fill_status"} <= set(sys.modules)


def _keys(record: type) -> tuple[set[str], set[str]]:
    """A TypedDict's required keys and all its keys (its annotations are strings here, so
    `__required_keys__` cannot see NotRequired: read the evaluated hints)."""
    hints = typing.get_type_hints(record, include_extras=True)
    optional = {key for key, hint in hints.items() if typing.get_origin(hint) is NotRequired}
    return set(hints) - optional, set(hints)
