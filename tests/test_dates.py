"""Dates writers expect: "last updated" from the content (never the clock), and publish_date.

"Last updated" is `updated:`, else the newest source or event a dossier rests
on; it is on the page, in the sitemap's `lastmod` and in the feeds. A future
`publish_date` keeps a dossier out of the build until that day, "today"
being SOURCE_DATE_EPOCH's when it is set.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_cli

JAN_2024 = "1704067200"  # 2024-01-01T00:00:00Z
JAN_2030 = "1893456000"  # 2030-01-01T00:00:00Z


def _add_key(path: Path, line: str) -> None:
    text = path.read_text("utf-8")
    path.write_text(text.replace("---\n", f"---\n{line}\n", 1), "utf-8")


def test_last_updated_is_on_the_page_in_the_sitemap_and_from_content(project: Path) -> None:
    _add_key(project / "content/actors/russia.id.md", "updated: 2025-06-30")
    result = run_cli(project, "build")
    assert result.returncode == 0, result.stderr
    russia = (project / "public/en/actors/russia/index.html").read_text("utf-8")
    assert '<time datetime="2025-06-30">30 June 2025</time>' in russia
    relation = (project / "public/en/relationships/isis--taliban/index.html").read_text("utf-8")
    assert '<p class="meta updated">' in relation and 'datetime="2025-05-02"' in relation
    sitemap = (project / "public/sitemap.xml").read_text("utf-8")
    assert "/en/actors/russia/</loc>\n    <lastmod>2025-06-30</lastmod>" in sitemap
    feed = (project / "public/en/feed.xml").read_text("utf-8")
    assert "2025-05-02T00:00:00Z" in feed


def test_a_future_publish_date_keeps_a_dossier_out_until_that_day(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for lang in ("id", "en"):
        _add_key(
            project / f"content/relationships/isis--taliban.{lang}.md", "publish_date: 2026-01-01"
        )
    monkeypatch.setenv("SOURCE_DATE_EPOCH", JAN_2024)
    result = run_cli(project, "build")
    assert result.returncode == 0, result.stderr
    assert not (project / "public/en/relationships/isis--taliban").exists()
    sitemap = (project / "public/sitemap.xml").read_text("utf-8")
    assert "isis--taliban" not in sitemap
    monkeypatch.setenv("SOURCE_DATE_EPOCH", JAN_2030)
    assert run_cli(project, "build").returncode == 0
    assert (project / "public/en/relationships/isis--taliban/index.html").is_file()
