"""A cold build indexes each search shard as soon as its pages are rendered.

The shards' bundles made while the pages render (`pipeline/search_ahead.py`)
are put in place when the build is written, and the output is byte for byte
the output of indexing every shard at the end.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
from support import edit, make_project, run_cli, snapshot

from generator.errors import ExplainerError, Problem
from generator.outputs import search
from generator.outputs.pagefind import BundleRun
from generator.pipeline import parallel, search_ahead, spare
from generator.pipeline.search_ahead import SearchAhead
from generator.pipeline.stages import Pipeline
from generator.site.spec import PageSpec


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(search, "PAGES_PER_SHARD", 1)  # the fixture site is small: many shards
    return make_project(tmp_path / "site", "workflow")


def _count(monkeypatch: pytest.MonkeyPatch, owner: object, name: str) -> list[str]:
    calls: list[str] = []
    original = getattr(owner, name)

    def counted(*args: object, **kwargs: object) -> object:
        calls.append(name)
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, counted)
    return calls


def _build(project: Path, out: str) -> dict[str, bytes]:
    result = run_cli(project, "build", "--no-cache", "--out", out)
    assert result.returncode == 0, result.output
    return snapshot(project / out)


@pytest.mark.slow
def test_a_cold_build_indexes_shards_while_rendering_and_the_bytes_are_the_same(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ahead = _count(monkeypatch, SearchAhead, "_index")
    queued = _count(monkeypatch, SearchAhead, "_start")
    at_the_end = _count(monkeypatch, search, "_index_shard")
    made_ahead = _build(project, "ahead")
    shards = [name for name in made_ahead if name.endswith("pagefind-entry.json")]
    assert len(shards) > 2 and ahead
    assert len(ahead) + len(queued) + len(at_the_end) == len(shards)
    # The shards still waiting when the build is written are indexed from the folders
    # their pages were linked into, not linked again from the output.
    assert not at_the_end

    ahead.clear()
    queued.clear()
    at_the_end.clear()
    monkeypatch.setattr(SearchAhead, "rendered", lambda self, output, content: None)
    at_end_only = _build(project, "at-the-end")
    assert not ahead and len(at_the_end) == len(shards)
    assert made_ahead == at_end_only


@pytest.mark.slow
def test_shards_whose_turn_had_not_come_are_indexed_from_their_linked_pages(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the thread slow, most shards wait when the build is written: each is indexed
    from its linked pages (a few at a time), none linked again, and the bytes are the same."""
    slow_index = SearchAhead._index

    def slow(self: SearchAhead, shard: search.SearchShard) -> Path | None:
        time.sleep(0.5)
        return slow_index(self, shard)

    monkeypatch.setattr(SearchAhead, "_index", slow)
    queued = _count(monkeypatch, SearchAhead, "_start")
    at_the_end = _count(monkeypatch, search, "_index_shard")
    made = _build(project, "queued")
    assert queued and not at_the_end
    assert not [p for p in project.iterdir() if ".spool" in p.name]
    monkeypatch.setattr(SearchAhead, "rendered", lambda self, output, content: None)
    assert made == _build(project, "at-the-end")


@pytest.mark.slow
def test_pages_rendered_by_workers_feed_the_index_too(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parallel, "MIN_PAGES", 1)
    monkeypatch.setenv("EXPLAINER_JOBS", "2")
    ahead = _count(monkeypatch, SearchAhead, "_index")
    by_workers = _build(project, "workers")
    assert ahead
    monkeypatch.setenv("EXPLAINER_JOBS", "1")
    assert by_workers == _build(project, "one-process")


@pytest.mark.slow
def test_a_rebuild_starts_its_changed_shard_as_soon_as_its_pages_are_rendered(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The edited page's shard is started before the checks are made (its Pagefind runs
    beside them and the writing), and the output is a cold build's."""
    assert run_cli(project, "build").returncode == 0
    started = _count(monkeypatch, search_ahead, "BundleRun")
    made = _count(monkeypatch, SearchAhead, "_finish")
    at_the_end = _count(monkeypatch, search, "_index_shard")
    started_before_checks: list[int] = []
    review = Pipeline.review

    def counted_review(self: Pipeline, *args: Any, **kwargs: Any) -> list[Problem]:
        started_before_checks.append(len(started))
        return review(self, *args, **kwargs)

    monkeypatch.setattr(Pipeline, "review", counted_review)
    edit(project / "content/actors/russia.en.md", "Russia.\n", "Russia, edited.\n")
    assert run_cli(project, "build").returncode == 0
    assert started_before_checks == [1] and len(made) == 1 and not at_the_end
    assert snapshot(project / "public") == _build(project, "cold")


@pytest.mark.slow
def test_a_failed_shard_started_early_is_indexed_again_and_named(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Pagefind run started early that fails is dropped: the shard is indexed when
    the build is written, as if nothing had been started."""
    assert run_cli(project, "build").returncode == 0
    at_the_end = _count(monkeypatch, search, "_index_shard")
    monkeypatch.setattr(search_ahead, "BundleRun", _Failing)
    edit(project / "content/actors/russia.en.md", "Russia.\n", "Russia, edited.\n")
    assert run_cli(project, "build").returncode == 0
    assert len(at_the_end) == 1
    assert snapshot(project / "public") == _build(project, "cold")


class _Failing(BundleRun):
    def finish(self) -> None:
        super().finish()
        raise ExplainerError.single(self.pages, None, "made to fail")


def test_pages_go_to_workers_in_runs_of_one_order_key() -> None:
    """The site-wide pages (each its own key) go one by one, to different workers; the
    pages of a shard together, in runs of at most the chunk size."""
    specs = [PageSpec("home", "en", f"/{n}/", "home.html") for n in range(7)]
    keys = {"0/index.html": (0, "a"), "1/index.html": (0, "b")}
    runs = parallel._runs(specs, lambda output: keys.get(output, (1, "00")), 3)
    assert [[s.output for s in run] for run in runs] == [
        ["0/index.html"],
        ["1/index.html"],
        ["2/index.html", "3/index.html", "4/index.html"],
        ["5/index.html", "6/index.html"],
    ]


def _inodes(folder: Path) -> dict[str, int]:
    return {
        p.relative_to(folder).as_posix(): p.stat().st_ino for p in folder.rglob("*") if p.is_file()
    }


@pytest.mark.slow
def test_a_cold_builds_spare_takes_the_shards_linked_pages_as_they_are(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pages linked for Pagefind are moved into the spare, not deleted and linked
    again: the spare links only the other files, and is still the whole output, linked;
    a build that leaves no spare (a previous output, retired as the spare) deletes them."""
    linked: list[str] = []
    link = spare._Made.link

    def counted(self: spare._Made, source: Path, copy: Path, files: Iterable[str]) -> None:
        listed = list(files)
        linked.extend(listed)
        link(self, source, copy, listed)

    monkeypatch.setattr(spare._Made, "link", counted)
    shards: list[frozenset[str]] = []
    pages_of = SearchAhead.linked

    def recorded(self: SearchAhead) -> spare.LinkedPages | None:
        found = pages_of(self)
        shards.append(found.pages if found is not None else frozenset())
        return found

    monkeypatch.setattr(SearchAhead, "linked", recorded)
    assert run_cli(project, "build").returncode == 0
    public, kept = project / "public", project / ".public.spare"
    assert _inodes(kept) == _inodes(public)
    assert len(shards) == 1 and len(shards[0]) >= 10
    assert not shards[0] & set(linked) and set(linked) | shards[0] >= set(_inodes(public)) - {
        name for name in _inodes(public) if name.startswith("pagefind/")
    }
    assert not [p for p in project.iterdir() if ".spool" in p.name or ".new-" in p.name]

    shutil.rmtree(project / ".cache")  # cold again, but over an output: no spare to make
    shutil.rmtree(kept)
    taken = _count(monkeypatch, SearchAhead, "_hand_over")
    assert run_cli(project, "build").returncode == 0
    assert not taken and _inodes(kept) != _inodes(public)  # the retired output
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".public")) == [
        ".public.spare"
    ]


def test_a_tree_moved_into_a_copy_keeps_what_the_copy_has(tmp_path: Path) -> None:
    tree, copy = tmp_path / "tree", tmp_path / "copy"
    for rel in ("en/a/index.html", "en/b/index.html", "id/c/index.html", "x.html"):
        (tree / rel).parent.mkdir(parents=True, exist_ok=True)
        (tree / rel).write_text(f"tree {rel}")
    (copy / "en/a").mkdir(parents=True)
    (copy / "en/a/index.html").write_text("copy")
    (copy / "x.html").write_text("copy")
    moved = (tree / "id/c").stat().st_ino
    spare.move_tree(tree, copy, fix_modes_too=False)
    assert (copy / "id/c").stat().st_ino == moved  # a folder the copy lacks: renamed
    assert (copy / "en/b/index.html").read_text() == "tree en/b/index.html"
    assert (copy / "en/a/index.html").read_text() == "copy"
    assert (copy / "x.html").read_text() == "copy"
    assert sorted(p.relative_to(tree).as_posix() for p in tree.rglob("*")) == [
        "en",
        "en/a",
        "en/a/index.html",
        "x.html",
    ]
