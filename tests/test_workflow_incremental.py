"""Incremental rebuilds: only pages whose declared dependencies meet the change."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from support import make_project

from generator.content.config import load_config
from generator.content.load import ParseMemo
from generator.graph.build_graph import Graph
from generator.pipeline.incremental import (
    SiteState,
    finish_rebuild,
    rebuild,
    render_first,
    render_text_edit,
)
from generator.pipeline.stages import Pipeline
from generator.site.dependencies import TRANSLATIONS, text_key


def test_rebuild_renders_only_affected_pages(tmp_path: Path) -> None:
    project = make_project(tmp_path / "site", "workflow")
    pipeline = Pipeline(load_config(project))
    state, first = rebuild(pipeline, None)
    assert first.full and "en/actors/taliban/index.html" in first.write

    # Nothing changed: nothing rendered, nothing written.
    state, update = rebuild(pipeline, state)
    assert not update.rendered and not update.write and not update.delete

    # A body edit in English: the English page changes, nothing in Indonesian.
    path = project / "content/actors/russia.en.md"
    path.write_text(path.read_text().replace("Russia.\n", "Russia, edited.\n"))
    state, update = rebuild(pipeline, state)
    assert update.changed_keys == {text_key("russia", "en")}
    # Only the page that shows that text: pages that merely link to russia show its
    # title, not its body, and the English file is a translation, so no status changed.
    assert set(update.rendered) == {"en/actors/russia/index.html"}

    # A body edit of the Indonesian original makes the English translation stale:
    # the status pages follow.
    original = project / "content/actors/russia.id.md"
    original.write_text(original.read_text().replace("Rusia.\n", "Rusia, diubah.\n"))
    state, update = rebuild(pipeline, state)
    assert update.changed_keys == {text_key("russia", "id"), TRANSLATIONS}
    assert set(update.rendered) == {
        "id/aktor/russia/index.html",
        "en/status/index.html",
        "id/status/index.html",
    }
    assert b"stale" in update.write["en/status/index.html"]

    # A new relationship reaches its actors' pages; removing it deletes its pages.
    rel = project / "content/relationships/russia--united-states.id.md"
    (project / "content/actors/united-states.id.md").write_text(
        "---\ntitle: Amerika Serikat\nkind: state\nsources: [arrahmah-2025-05-02]\n---\nAS.\n"
    )
    rel.write_text("---\ntitle: Rusia dan AS\nactors: [russia, united-states]\n---\nIsi.\n")
    state, update = rebuild(pipeline, state)
    assert "id/hubungan/russia--united-states/index.html" in update.write
    assert "id/aktor/russia/index.html" in update.write  # its relationships list changed
    rel.unlink()
    state, update = rebuild(pipeline, state)
    assert "id/hubungan/russia--united-states/index.html" in update.delete
    assert "id/aktor/russia/index.html" in update.write


def test_serve_writes_the_edited_page_first_and_the_rest_equals_a_whole_rebuild(
    tmp_path: Path,
) -> None:
    """`serve` renders the pages that show a change first (Hugo's fast render mode);
    the lists, status pages and feeds follow, and the two halves give what one
    rebuild gives."""
    project = make_project(tmp_path / "site", "workflow")
    pipeline = Pipeline(load_config(project))
    state, _ = rebuild(pipeline, None)
    path = project / "content/actors/russia.id.md"
    path.write_text(path.read_text().replace("Rusia.\n", "Rusia, diubah.\n"))

    first = render_first(pipeline, state)
    assert first is not None
    assert set(first.rendered.pages) == {"id/aktor/russia/index.html"}
    assert b"Rusia, diubah." in first.rendered.pages["id/aktor/russia/index.html"]
    assert {spec.output for spec in first.later} == {"en/status/index.html", "id/status/index.html"}
    halves, split = finish_rebuild(pipeline, state, first)

    whole, update = rebuild(Pipeline(load_config(project)), state)
    assert split.write == update.write and split.delete == update.delete
    assert halves.digests == whole.digests and halves.dependencies == whole.dependencies

    (project / "site.yaml").write_text((project / "site.yaml").read_text() + "\n")
    assert render_first(pipeline, halves) is None  # site.yaml changed: everything is rebuilt


def test_a_text_edit_is_previewed_from_the_last_graph_with_the_rebuilds_bytes(
    tmp_path: Path,
) -> None:
    """`serve` shows one file's text edit without reloading the site: the pages that
    show that text, rendered from the last graph with the new dossier swapped in, are
    the very bytes the whole rebuild then makes. An edit beyond the texts (a title, a
    new reference) gets no preview."""
    project = make_project(tmp_path / "site", "workflow")
    pipeline = Pipeline(load_config(project), memo=ParseMemo())
    state, _ = rebuild(pipeline, None)
    path = project / "content/actors/russia.en.md"
    text = path.read_text("utf-8")

    path.write_text(text.replace("Russia.\n", "Russia, edited.\n"), "utf-8")
    assert pipeline.memo is not None
    pipeline.memo.roll()
    preview = render_text_edit(pipeline, state, path)
    assert preview is not None and set(preview) == {"en/actors/russia/index.html"}
    page = preview["en/actors/russia/index.html"]
    assert isinstance(page, bytes) and b"Russia, edited." in page
    after, update = rebuild(pipeline, state)
    assert update.write["en/actors/russia/index.html"] == page

    for edited in (
        text.replace("title: Russia", "title: The Russian Federation"),
        text.replace("Russia.\n", "Russia and [[taliban]].\n"),
    ):
        path.write_text(edited, "utf-8")
        pipeline.memo.roll()
        assert render_text_edit(pipeline, after, path) is None, edited[:80]


def test_an_edit_of_bodies_alone_keeps_the_feeds_sitemap_and_open_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """None of the whole-site outputs reads a body: a body edit does not redo them, a
    summary edit (read by the feeds) does, and either way the files equal a cold build's."""
    project = make_project(tmp_path / "site", "workflow")
    pipeline = Pipeline(load_config(project))
    state, _ = rebuild(pipeline, None)
    made: list[int] = []
    outputs = Pipeline.outputs

    def counted(self: Pipeline, graph: Graph, *args: Any) -> dict[str, bytes]:
        made.append(1)
        return outputs(self, graph, *args)

    monkeypatch.setattr(Pipeline, "outputs", counted)
    path = project / "content/actors/russia.en.md"
    path.write_text(path.read_text().replace("Russia.\n", "Russia, edited.\n"))
    state, update = rebuild(pipeline, state)
    assert update.changed_keys == {text_key("russia", "en")} and not made
    assert _whole_site_files(state) == _cold(pipeline)
    made.clear()  # the cold build made them

    # The same text key, but the summary: redone (a feed reads summaries).
    path.write_text(path.read_text().replace("A state [", "A large state ["))
    state, update = rebuild(pipeline, state)
    assert update.changed_keys == {text_key("russia", "en")} and made == [1]
    assert _whole_site_files(state) == _cold(pipeline)


def test_an_edit_of_titles_and_texts_keeps_the_sitemap_and_remakes_what_shows_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The sitemap shows no title or text: an edit of a title and a summary does not redo
    it, the feeds and open data (which show them) are made again; a date edited with a
    title redoes the sitemap too. Either way the files equal a cold build's."""
    project = make_project(tmp_path / "site", "workflow")
    pipeline = Pipeline(load_config(project))
    state, _ = rebuild(pipeline, None)
    made: list[frozenset[str] | None] = []
    outputs = Pipeline.outputs

    def counted(
        self: Pipeline, graph: Graph, beside: Any = None, formats: Any = None
    ) -> dict[str, bytes]:
        made.append(None if formats is None else frozenset(formats))
        return outputs(self, graph, beside, formats)

    monkeypatch.setattr(Pipeline, "outputs", counted)
    path = project / "content/actors/russia.en.md"
    text = path.read_text().replace("title: Russia", "title: Russian Federation")
    path.write_text(text.replace("A state [", "A large state ["))
    sitemap = state.digests["sitemap.xml"]
    state, update = rebuild(pipeline, state)
    assert made == [frozenset({"atom", "open-data"})]
    assert state.digests["sitemap.xml"] == sitemap and "sitemap.xml" not in update.write
    assert b"Russian Federation" in bytes(update.write["data/actors.csv"])
    made.clear()
    assert _whole_site_files(state) == _cold(pipeline)
    made.clear()

    # A date beside the title: the sitemap's lastmod moves, so it is made again.
    path.write_text(
        path.read_text().replace("title: Russian Federation", "title: Russia\nupdated: 2031-01-02")
    )
    state, update = rebuild(pipeline, state)
    assert made == [frozenset({"atom", "discovery", "open-data"})]
    assert b"2031-01-02" in bytes(update.write["sitemap.xml"])
    assert _whole_site_files(state) == _cold(pipeline)


def _cold(pipeline: Pipeline) -> dict[str, str]:
    return _whole_site_files(rebuild(Pipeline(pipeline.config), None)[0])


def _whole_site_files(state: SiteState) -> dict[str, str]:
    return {name: digest for name, digest in state.digests.items() if not name.endswith(".html")}
