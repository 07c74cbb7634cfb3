"""A title change re-renders the pages that show the title, and no others."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from support import make_project

from generator.content.config import load_config
from generator.pipeline.incremental import rebuild
from generator.pipeline.stages import Pipeline
from generator.site.dependencies import address_key, changed_keys, link_key


def test_a_rename_leaves_labelled_links_and_the_data_page_be(tmp_path: Path) -> None:
    project = make_project(tmp_path / "site", "workflow")
    pipeline = Pipeline(load_config(project))
    about = project / "content/pages/about.en.md"
    about.parent.mkdir()
    about.write_text("---\ntitle: About\nsummary: How.\n---\nWe follow [[russia|Moscow]].\n")
    state, _ = rebuild(pipeline, None)

    russia = project / "content/actors/russia.en.md"
    russia.write_text(russia.read_text().replace("title: Russia", "title: Russian Federation"))
    state, update = rebuild(pipeline, state)
    assert "en/actors/russia/index.html" in update.write
    assert "en/actors/index.html" in update.write  # the list shows the new title
    # The labelled link reads where russia is, not its title; the data page counts rows.
    assert "en/pages/about/index.html" not in update.rendered
    assert "en/data/index.html" not in update.rendered
    assert "id/data/index.html" not in update.rendered
    # An unlabelled link shows the title, so that page follows the rename.
    about.write_text(about.read_text().replace("[[russia|Moscow]]", "[[russia]]"))
    state, update = rebuild(pipeline, state)
    assert b"Russian Federation" in bytes(update.write["en/pages/about/index.html"])

    # The same bytes as a build from nothing.
    cold, _ = rebuild(Pipeline(load_config(project)), None)
    assert state.digests == cold.digests

    # A new actor is a row more: the data page counts it.
    (project / "content/actors/iran.id.md").write_text(
        "---\ntitle: Iran\nkind: state\nsources: [arrahmah-2025-05-02]\n---\nIran.\n"
    )
    state, update = rebuild(pipeline, state)
    assert "id/data/index.html" in update.write


def test_a_dossier_moved_or_removed_changes_where_links_to_it_go(tmp_path: Path) -> None:
    project = make_project(tmp_path / "site", "workflow")
    pipeline = Pipeline(load_config(project))
    graph = pipeline.link(pipeline.load())
    model = graph.model
    russia = model.dossiers["russia"]

    moved = {**model.dossiers, "russia": replace(russia, section="sources")}
    keys = changed_keys(graph, replace(graph, model=replace(model, dossiers=moved)))
    assert {address_key("russia"), link_key("russia")} <= keys

    renamed = {
        **model.dossiers,
        "russia": replace(
            russia, versions={k: replace(v, title="X") for k, v in russia.versions.items()}
        ),
    }
    keys = changed_keys(graph, replace(graph, model=replace(model, dossiers=renamed)))
    assert link_key("russia") in keys and address_key("russia") not in keys

    gone = {slug: d for slug, d in model.dossiers.items() if slug != "russia"}
    keys = changed_keys(graph, replace(graph, model=replace(model, dossiers=gone)))
    assert address_key("russia") in keys
