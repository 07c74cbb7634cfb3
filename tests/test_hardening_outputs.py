"""Feeds and the sitemap always parse; base_url cannot inject (issue 12, finding 10).

Control characters are refused where a writer typed them (issue 21); those XML
forbids are also dropped from feed and sitemap text, and
every `.xml` output is parsed before the swap: a file that does not parse is
an error naming it, never a published feed with exit 0.
"""

from __future__ import annotations

import sys
from collections.abc import Collection
from pathlib import Path

import pytest
from support import REL, TAL, assert_clean_failure, edit, make_project, run_cli, snapshot

from generator.errors import ExplainerError
from generator.graph.build_graph import Graph
from generator.outputs import pagefind
from generator.outputs.xmlsafe import check_xml
from generator.pipeline import stages
from generator.pipeline.build import run_build

CONTROLS = "".join(chr(c) for c in range(1, 32) if chr(c) not in "\t\n\r")


def _yaml_escaped(text: str) -> str:
    return "".join(f"\\x{ord(c):02x}" for c in text)


def test_control_characters_never_reach_the_feeds(tmp_path: Path) -> None:
    """Refused at their lines (issue 21) before any feed is made; `xmlsafe` stays the
    backstop for what a template might add."""
    project = make_project(tmp_path / "site", theme=True)
    edit(project / TAL, "title: Taliban", f'title: "Tali{_yaml_escaped(CONTROLS)}ban"')
    edit(project / REL, "en: Russia listed", f'en: "Rus{_yaml_escaped(CONTROLS)}sia listed')
    edit(project / REL, "as terrorists.}", 'as terrorists."}')
    result = run_cli(project, "build")
    assert_clean_failure(result, "control character U+0001")
    assert f"{TAL}:2: error: 'title' holds control character U+0001" in result.stderr
    assert f"{REL}:11: error: 'timeline.0.text.en' holds control character" in result.stderr
    assert not (project / "public").exists()


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
    project = make_project(tmp_path / "site", theme=True)
    edit(project / "site.yaml", "base_url: https://explainer.example.org/", f"base_url: {base_url}")
    assert_clean_failure(run_cli(project, "build"), "base_url")


@pytest.mark.slow
@pytest.mark.parametrize(
    "base_url", ["https://example.org/", "http://localhost:8000/", "https://a.b/sub/path/"]
)
def test_good_base_urls(tmp_path: Path, base_url: str) -> None:
    project = make_project(tmp_path / "site", theme=True)
    edit(project / "site.yaml", "base_url: https://explainer.example.org/", f"base_url: {base_url}")
    assert run_cli(project, "build").returncode == 0
    robots = (project / "public/robots.txt").read_text()
    assert robots.count("\n") == 4 and f"Sitemap: {base_url}sitemap.xml" in robots


@pytest.mark.slow
def test_a_pagefind_crash_is_one_line_that_says_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Rust panic ends with a note about RUST_BACKTRACE: the error gives the panic's
    own line instead, and the previous output stays."""
    project = make_project(tmp_path / "site", theme=True)
    assert run_cli(project, "build").returncode == 0
    before = snapshot(project / "public")
    fake = tmp_path / "pagefind"
    fake.write_text(
        "#!/bin/sh\n"
        "echo \"thread 'main' panicked at src/fossick.rs:12:5:\" >&2\n"
        "echo 'No space left on device (os error 28)' >&2\n"
        "echo 'note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace' >&2\n"
        "exit 101\n"
    )
    fake.chmod(0o755)
    monkeypatch.setattr(pagefind, "pagefind_binary", lambda: str(fake))
    edit(project / TAL, "title: Taliban", "title: Taliban Baru")  # the next build differs
    result = run_cli(project, "build")
    assert_clean_failure(result, "search indexing (pagefind) failed: thread 'main' panicked at")
    assert "RUST_BACKTRACE" not in result.output
    assert snapshot(project / "public") == before


def test_pagefind_is_found_as_its_package_finds_it_or_named_missing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`PAGEFIND_BINARY_PATH` wins; else the bundled binary; with neither package, the
    error says what to install."""
    bundled = Path(pagefind.pagefind_binary())
    assert bundled.is_file() and bundled.stat().st_mode & 0o111
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", "/opt/pagefind/bin/pagefind")
    assert pagefind.pagefind_binary() == "/opt/pagefind/bin/pagefind"
    monkeypatch.delenv("PAGEFIND_BINARY_PATH")
    for module in ("pagefind_bin_extended", "pagefind.service"):
        monkeypatch.setitem(sys.modules, module, None)  # an import of it fails
    with pytest.raises(ExplainerError, match=r"pip install 'pagefind\[extended\]'"):
        pagefind.pagefind_binary()


@pytest.mark.parametrize("jobs", [1, 2])  # made here, or in a forked process beside the pages
def test_a_build_whose_feed_does_not_parse_fails_naming_it_and_publishes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    """The backstop holds in a build: a template or output that made an unparseable
    feed is an error naming the file, and the previous output stays."""
    project = make_project(tmp_path / "site", theme=True)
    assert run_build(project, search=False).pages > 0
    before = snapshot(project / "public")
    made = stages.render_outputs

    def broken(graph: Graph, formats: Collection[str] | None = None) -> dict[str, bytes]:
        return {**made(graph, formats), "en/feed.xml": b"<feed><title>a\x01b</title></feed>"}

    monkeypatch.setattr(stages, "render_outputs", broken)
    edit(project / TAL, "title: Taliban", "title: Taliban Baru")
    with pytest.raises(ExplainerError) as caught:
        run_build(project, search=False, use_cache=False, jobs=jobs)
    assert "public/en/feed.xml:1: error: output is not well-formed XML" in str(caught.value)
    assert snapshot(project / "public") == before


def test_a_static_xml_file_that_does_not_parse_is_an_error(tmp_path: Path) -> None:
    project = make_project(tmp_path / "site", theme=True)
    (project / "templates/static/broken.xml").write_bytes(b"<a><b></a>")
    result = run_cli(project, "build", "--no-search")
    assert_clean_failure(result, "public/static/broken.xml:1: error: output is not well-formed")
    assert not (project / "public").exists()
