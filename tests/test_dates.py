"""Dates writers expect: "last updated" from the content (never the clock), and publish_date.

"Last updated" is `updated:`, else the newest source or event a dossier rests
on; it is on the page, in the sitemap's `lastmod` and in the feeds. A future
`publish_date` keeps a dossier out of the build until that day, "today"
being SOURCE_DATE_EPOCH's when it is set.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from support import run_cli

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
    assert (
        '<p class="meta updated" data-pagefind-ignore>' in relation
        and 'datetime="2025-05-02"' in relation
    )
    sitemap = (project / "public/sitemap.xml").read_text("utf-8")
    assert "/en/actors/russia/</loc>\n    <lastmod>2025-06-30</lastmod>" in sitemap
    feed = (project / "public/en/feed.xml").read_text("utf-8")
    assert "2025-05-02T00:00:00Z" in feed


@pytest.mark.slow
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


@pytest.mark.slow
@pytest.mark.parametrize("limit", [2, "all"])
def test_a_feed_holds_the_newest_feed_limit_entries(project: Path, limit: object) -> None:
    """`feed_limit:` in site.yaml (100 by default, as Pelican's FEED_MAX_ITEMS): the
    newest entries of every feed, in order; 'all' keeps every one."""
    assert run_cli(project, "build", "--no-search").returncode == 0
    every = _entries(project / "public/en/feed.xml")
    assert len(every) > 2  # the fixture has more sources and events than the limit below
    config = project / "site.yaml"
    config.write_text(config.read_text("utf-8") + f"feed_limit: {limit}\n", "utf-8")
    assert run_cli(project, "build", "--no-search").returncode == 0
    kept = _entries(project / "public/en/feed.xml")
    assert kept == (every[:2] if limit == 2 else every)


@pytest.mark.parametrize("value", ["0", "-3", "many", "2.5", "true"])
def test_a_feed_limit_that_is_not_a_count_is_an_error_at_its_line(
    project: Path, value: str
) -> None:
    config = project / "site.yaml"
    text = config.read_text("utf-8")
    config.write_text(text + f"feed_limit: {value}\n", "utf-8")
    result = run_cli(project, "build")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    line = len(text.splitlines()) + 1
    assert f"site.yaml:{line}:" in result.stderr, result.stderr
    assert "feed_limit must be a whole number of entries, 1 or more, or 'all'" in result.stderr


def _entries(feed: Path) -> list[tuple[str, str]]:
    atom = "{http://www.w3.org/2005/Atom}"
    root = ET.parse(feed).getroot()
    return [
        (e.findtext(f"{atom}updated") or "", e.findtext(f"{atom}id") or "")
        for e in root.iter(f"{atom}entry")
    ]
