"""Loading content: each text read once, as it is rendered (issue 25).

A summary is rendered as one paragraph, so it is checked as one: its
references and unsafe links are those the page shows, at their lines, and it
is parsed once. Loading runs with the cyclic GC paused (it makes no cycles)
and leaves it as it found it.
"""

from __future__ import annotations

import gc
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from support import TAL, assert_clean_failure, make_project, run_cli

from generator.content import files, markup
from generator.content.config import load_config
from generator.content.load import ParseMemo, config_key, load_content
from generator.fsguard import file_stamp


def _with_summary(project: Path, summary_yaml: str) -> None:
    path = project / TAL
    text = path.read_text("utf-8").replace("title: Taliban", f"title: Taliban\n{summary_yaml}")
    path.write_text(text, "utf-8")


def test_a_summary_reference_is_checked_as_the_page_shows_it(tmp_path: Path) -> None:
    # Indented four spaces: a code block to a body, but a summary is one paragraph, and
    # the page links it (or would show it broken): so it is a reference to check.
    project = make_project(tmp_path / "site")
    _with_summary(project, 'summary: "    Lihat [[no-such-dossier]]."')
    assert_clean_failure(run_cli(project, "check"), f"{TAL}:3: error:")
    assert "no-such-dossier" in run_cli(project, "check").output


def test_an_inline_texts_problems_and_references_keep_their_lines() -> None:
    # markdown-it maps an inline text to its first line; what it holds is on its own.
    text = "Baris satu.\nLihat [ini](javascript:void(0)) dan [[isis]].\n![x](images/a.png)"
    inline, blocks = markup.compile_inline(text), markup.compile_markdown(text)
    assert [line for line, _ in inline.problems] == [1] == [line for line, _ in blocks.problems]
    assert [ref.line for ref in inline.refs] == [1, 2] == [ref.line for ref in blocks.refs]


def test_a_summary_is_parsed_once(tmp_path: Path) -> None:
    project = make_project(tmp_path / "site")
    _with_summary(project, "summary: Taliban dan [[isis]], menurut [@arrahmah-2025-05-02].")
    markup._compile_markdown.cache_clear()
    markup._compile_inline.cache_clear()
    model, problems = load_content(load_config(project))
    summary = model.dossiers["taliban"].versions["id"].summary
    assert summary.startswith("Taliban dan") and not problems
    assert markup._compile_inline.cache_info().misses >= 1
    parsed_as_blocks = markup._compile_markdown.cache_info().misses
    markup._compile_markdown(summary)  # a miss now: loading never parsed it as blocks
    assert markup._compile_markdown.cache_info().misses == parsed_as_blocks + 1


def test_loading_pauses_the_cyclic_gc_and_restores_it(tmp_path: Path) -> None:
    project = make_project(tmp_path / "site", "reader")
    config = load_config(project)
    collections: list[int] = []
    paused: list[bool] = []

    def note(phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            collections.append(info["generation"])

    def parse_many(apply: Callable[[Any], Any], jobs: Sequence[Any]) -> list[Any]:
        """Parse in this process, noting whether the GC could collect meanwhile."""
        before = len(collections)
        out = [apply(job) for job in jobs]
        paused.append(not gc.isenabled() and len(collections) == before)
        return out

    gc.callbacks.append(note)
    try:
        model, _ = load_content(config, parse_many=parse_many)
        assert gc.isenabled()
        gc.disable()
        load_content(config, parse_many=parse_many)
        assert not gc.isenabled()  # left as it was found
    finally:
        gc.enable()
        gc.callbacks.remove(note)
    assert len(model.dossiers) > 10
    assert paused == [True, True]


def test_a_file_found_before_is_not_checked_again_unless_its_language_went(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The parse memo's files are what a name makes them: found again, each is that file,
    its name not checked again (a rebuild checks the new names only). A file whose
    language the site no longer has is reported as a load without the memo reports it."""
    project = make_project(tmp_path / "site", "workflow")
    config = load_config(project)
    memo = ParseMemo()
    load_content(config, memo=memo)
    memo.roll()
    (project / "content/actors/qatar.id.md").write_text(
        "---\ntitle: Qatar\nkind: state\n---\nTuan rumah.\n", "utf-8"
    )
    checked: list[str] = []
    slug_error = files.slug_error

    def counted(section: str, slug: str) -> str | None:
        checked.append(slug)
        return slug_error(section, slug)

    monkeypatch.setattr(files, "slug_error", counted)
    model, problems = load_content(config, memo=memo)
    assert checked == ["qatar"] and "qatar" in model.dossiers, checked
    assert model.dossiers.keys() == load_content(config)[0].dossiers.keys()
    memo.roll()
    indonesian = replace(config, languages=tuple(x for x in config.languages if x.code == "id"))
    _, problems = load_content(indonesian, memo=memo)
    expected = load_content(indonesian)[1]
    assert [str(p) for p in problems] == [str(p) for p in expected]
    assert any("unknown language 'en'" in p.message for p in problems)


def test_a_cold_load_leaves_reading_to_the_workers_and_a_memo_load_compares_bytes(
    tmp_path: Path,
) -> None:
    """With nothing to compare a file's bytes with, the process that parses it reads it
    (a cold build reads on every core); a file the memo holds is read here, and parsed
    only when its bytes changed. Either way the memo keeps the same keys and stamps."""
    project = make_project(tmp_path / "site")
    (project / "content/actors/broken.en.md").symlink_to("/etc/hostname")
    config = load_config(project)
    handed: list[tuple[str, bytes | None]] = []

    def parse_many(apply: Callable[[Any], Any], jobs: Sequence[Any]) -> list[Any]:
        handed.extend((job[0].path.name, job[1]) for job in jobs)
        return [apply(job) for job in jobs]

    memo = ParseMemo()
    model, problems = load_content(config, memo=memo, parse_many=parse_many)
    assert handed and all(raw is None for _, raw in handed)
    assert any(
        p.path.endswith("broken.en.md") and "outside the project" in p.message for p in problems
    )
    taliban = memo.current[str(project / TAL)]
    assert taliban.key == (
        hashlib.sha256((project / TAL).read_bytes()).hexdigest() + config_key(config)
    )
    assert taliban.stamp == file_stamp(project / TAL)

    memo.roll()
    (project / TAL).write_text((project / TAL).read_text("utf-8") + "\nMore.\n", "utf-8")
    handed.clear()
    again, _ = load_content(config, memo=memo, parse_many=parse_many)
    assert [name for name, raw in handed if raw is not None] == [Path(TAL).name]
    assert set(again.dossiers) == set(model.dossiers)
