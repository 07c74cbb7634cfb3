"""Incremental rebuilds: only pages whose declared dependencies meet the change."""

from __future__ import annotations

from pathlib import Path

from workflow_site import make_workflow_project

from generator.content.config import load_config
from generator.pipeline.incremental import rebuild
from generator.pipeline.site import SitePipeline


def test_rebuild_renders_only_affected_pages(tmp_path: Path) -> None:
    project = make_workflow_project(tmp_path / "site")
    pipeline = SitePipeline(load_config(project))
    state, first = rebuild(pipeline, None)
    assert first.full and "en/actors/taliban/index.html" in first.write

    # Nothing changed: nothing rendered, nothing written.
    state, update = rebuild(pipeline, state)
    assert not update.rendered and not update.write and not update.delete

    # A body edit in English: the English page changes, nothing in Indonesian.
    path = project / "content/actors/russia.en.md"
    path.write_text(path.read_text().replace("Russia.\n", "Russia, edited.\n"))
    state, update = rebuild(pipeline, state)
    assert update.changed_keys == {"russia#text:en"}
    assert "en/actors/russia/index.html" in update.write
    assert not [name for name in update.write if name.startswith("id/")]
    # Only the page that shows that text, and the status pages (a text edit can make a
    # translation stale); pages that merely link to russia show its title, not its body.
    assert set(update.rendered) == {
        "en/actors/russia/index.html",
        "en/status/index.html",
        "id/status/index.html",
    }

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
