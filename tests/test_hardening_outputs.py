"""Feeds and the sitemap always parse; base_url cannot inject (issue 12, finding 10).

Control characters XML forbids are dropped from feed and sitemap text, and
every `.xml` output is parsed before the swap: a file that does not parse is
an error naming it, never a published feed with exit 0.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hardening import REL, TAL, assert_clean_failure, edit, new_project, run

from generator.errors import ExplainerError
from generator.outputs.xmlsafe import check_xml

CONTROLS = "".join(chr(c) for c in range(1, 32) if chr(c) not in "\t\n\r")


def _yaml_escaped(text: str) -> str:
    return "".join(f"\\x{ord(c):02x}" for c in text)


def test_control_characters_never_break_the_feeds(tmp_path: Path) -> None:
    project = new_project(tmp_path)
    edit(project, TAL, "title: Taliban", f'title: "Tali{_yaml_escaped(CONTROLS)}ban"')
    edit(project, REL, "en: Russia listed", f'en: "Rus{_yaml_escaped(CONTROLS)}sia listed')
    edit(project, REL, "as terrorists.}", 'as terrorists."}')
    result = run(project, "build")
    assert result.code == 0, result.text
    xml_files = list((project / "public").rglob("*.xml"))
    assert len(xml_files) >= 3
    for path in xml_files:
        ET.parse(path)  # raises on the first character XML forbids
        assert not any(c in path.read_text() for c in CONTROLS)


def test_a_feed_that_does_not_parse_is_an_error() -> None:
    with pytest.raises(ExplainerError) as caught:
        check_xml({"en/feed.xml": b"<feed><title>a\x01b</title></feed>", "ok.html": b"<p"})
    assert "public/en/feed.xml:1: error: output is not well-formed XML" in str(caught.value)


@pytest.mark.parametrize(
    "base_url",
    [
        '"https://x.org/\\nDisallow: /"',
        "'https://x.org/\" onload=\"x'",
        "'https://x.org/<script>'",
        "javascript:alert(1)",
        "ftp://x.org/",
        "//x.org/",
        "'https://x.org/ a'",
        "https://",
    ],
)
def test_base_url_is_validated(tmp_path: Path, base_url: str) -> None:
    project = new_project(tmp_path)
    edit(project, "site.yaml", "base_url: https://explainer.example.org/", f"base_url: {base_url}")
    assert_clean_failure(run(project, "build"), "base_url")


@pytest.mark.parametrize(
    "base_url", ["https://example.org/", "http://localhost:8000/", "https://a.b/sub/path/"]
)
def test_good_base_urls(tmp_path: Path, base_url: str) -> None:
    project = new_project(tmp_path)
    edit(project, "site.yaml", "base_url: https://explainer.example.org/", f"base_url: {base_url}")
    assert run(project, "build").code == 0
    robots = (project / "public/robots.txt").read_text()
    assert robots.count("\n") == 4 and f"Sitemap: {base_url}sitemap.xml" in robots
