"""The build cache's memo in parts: an edit saves only the parts it changed, and a part
that is missing, not ours or not the one named is never read (the build starts cold)."""

from __future__ import annotations

import pickle
import shutil
import threading
from pathlib import Path
from typing import Any

import pytest
from support import edit, make_project, run_cli, snapshot

from generator import sealed
from generator.pipeline import cache
from generator.pipeline.build import run_build
from generator.pipeline.cache import CACHE_DIR, CACHE_FILE, CacheWriter, read_cache
from generator.pipeline.cache_parts import PARTS_DIR, part_of


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "site", "workflow")


def _parts(project: Path) -> set[str]:
    return {p.name for p in (project / CACHE_DIR / PARTS_DIR).iterdir()}


def _same_as_cold(project: Path, name: str) -> None:
    cold = run_cli(project, "build", "--no-cache", "--no-search", "--out", f"cold-{name}")
    assert cold.returncode == 0, cold.stderr
    assert snapshot(project / "public") == snapshot(project / f"cold-{name}")


def test_an_edit_of_one_dossier_saves_its_part_alone(project: Path) -> None:
    run_build(project, search=False)
    before = _parts(project)
    assert len(before) > 1, "the memo is kept in parts"
    edit(project / "content/actors/russia.en.md", "Russia.\n", "Russia, edited.\n")
    assert run_build(project, search=False).cached
    after = _parts(project)
    assert len(after - before) == 1, "one part written anew"
    assert len(before - after) == 1, "the part it replaces swept"
    cache = read_cache(project)
    assert cache is not None
    russia = cache.memo.merged_current["russia"][1]
    assert cache.state.graph.model.dossiers["russia"] is russia  # the model's, the memo's
    assert "Russia, edited." in russia.versions["en"].body
    (changed,) = after - before
    assert part_of("russia") == [p.name if p else None for p in cache.parts].index(changed)
    edit(project / "content/actors/russia.en.md", "Russia, edited.\n", "Russia, again.\n")
    assert run_build(project, search=False).cached  # the parts kept are read again
    _same_as_cold(project, "edited")


def test_nothing_in_the_memo_changed_writes_no_part(project: Path) -> None:
    run_build(project, search=False)
    before = {p.name: p.stat().st_mtime_ns for p in (project / CACHE_DIR / PARTS_DIR).iterdir()}
    (project / "templates").mkdir(exist_ok=True)
    (project / "templates/robots.txt").write_text("x")  # a rebuild, no content file touched
    run_build(project, search=False)
    after = {p.name: p.stat().st_mtime_ns for p in (project / CACHE_DIR / PARTS_DIR).iterdir()}
    assert after == before


@pytest.mark.parametrize("harm", ["missing", "swapped", "foreign", "unsealed"])
def test_a_part_not_as_the_cache_names_it_is_never_read(project: Path, harm: str) -> None:
    run_build(project, search=False)
    folder = project / CACHE_DIR / PARTS_DIR
    first, second = sorted(folder.iterdir())[:2]
    if harm == "missing":
        first.unlink()
    elif harm == "swapped":  # both sealed by this user, each under the other's name
        data = first.read_bytes()
        first.write_bytes(second.read_bytes())
        second.write_bytes(data)
    elif harm == "foreign":  # sealed by another key
        first.write_bytes(sealed.seal(pickle.dumps(({}, {})), b"k" * 32, sealed.BUILD_CACHE_PART))
    else:  # this user's seal, but for the cache itself, not a part
        key = sealed.user_key()
        assert key is not None
        first.write_bytes(sealed.seal(pickle.dumps(({}, {})), key, sealed.BUILD_CACHE))
    assert read_cache(project) is None
    edit(project / "content/actors/russia.en.md", "Russia.\n", "Russia, edited.\n")
    assert not run_build(project, search=False).cached
    assert read_cache(project) is not None  # and the cold build saved a whole cache again
    _same_as_cold(project, harm)


def test_a_cache_without_its_parts_folder_is_cold(project: Path) -> None:
    run_build(project, search=False)
    shutil.rmtree(project / CACHE_DIR / PARTS_DIR)
    assert (project / CACHE_DIR / CACHE_FILE).is_file()
    edit(project / "content/actors/russia.en.md", "Russia.\n", "Russia, edited.\n")
    assert not run_build(project, search=False).cached
    _same_as_cold(project, "no-parts")


def test_a_parts_folder_that_is_a_link_is_neither_read_nor_written_through(
    project: Path, tmp_path: Path
) -> None:
    run_build(project, search=False)
    parts = project / CACHE_DIR / PARTS_DIR
    outside = tmp_path / "outside"
    shutil.copytree(parts, outside)  # the very parts, sealed by this user
    shutil.rmtree(parts)
    parts.symlink_to(outside)
    assert read_cache(project) is None
    before = snapshot(outside)
    edit(project / "content/actors/russia.en.md", "Russia.\n", "Russia, edited.\n")
    assert not run_build(project, search=False).cached
    assert snapshot(outside) == before, "the build wrote through the linked parts folder"
    _same_as_cold(project, "linked-parts")


def test_an_edit_saves_its_cache_in_a_thread_a_cold_build_in_a_process(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Forking a process that holds the whole cache costs more than pickling an edit's
    few parts: a thread pickles those; a process pickles a cold build's whole memo."""
    threads: list[str] = []
    real = CacheWriter._pickle

    def pickle_here(writer: CacheWriter, *args: Any) -> None:
        threads.append(threading.current_thread().name)
        real(writer, *args)

    monkeypatch.setattr(CacheWriter, "_pickle", pickle_here)
    monkeypatch.setattr(cache, "FORK_ABOVE", 1)  # the fixture has a few parts, not 64
    run_build(project, search=False)
    assert threads == [], "a cold build's whole memo is pickled by a forked process"
    assert read_cache(project) is not None
    edit(project / "content/actors/russia.en.md", "Russia.\n", "Russia, edited.\n")
    assert run_build(project, search=False).cached
    assert threads == ["cache"]
    assert read_cache(project) is not None
    _same_as_cold(project, "threaded")


def test_a_drafts_build_keeps_its_own_dossiers_beside_the_memos(project: Path) -> None:
    """With --drafts the model's dossiers are the memo's with their drafts published (new
    objects): the cache keeps those itself, and the next build starts from them."""
    draft = project / "content/actors/qatar.en.md"
    draft.write_text("---\ntitle: Qatar\nkind: state\ndraft: true\n---\nHost.\n", "utf-8")
    run_build(project, search=False, drafts=True)
    cache = read_cache(project)
    assert cache is not None
    assert not cache.state.graph.model.dossiers["qatar"].versions["en"].draft
    assert cache.memo.merged_current["qatar"][1].versions["en"].draft
    edit(draft, "Host.\n", "Host, edited.\n")
    assert run_build(project, search=False, drafts=True).cached
    cold = run_cli(project, "build", "--no-cache", "--no-search", "--drafts", "--out", "cold")
    assert cold.returncode == 0, cold.stderr
    assert snapshot(project / "public") == snapshot(project / "cold")
