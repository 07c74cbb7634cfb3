"""The build cache: a cached, incremental build is byte-identical to a cold one.

After each step of a scripted sequence of edits (a body, a title, a rename,
an addition, a deletion, a template change), `explainer build` (cached) and
`explainer build --no-cache` into a fresh folder must give the same bytes,
search index included; and each cached build renders only what the step
reaches (nothing at all when nothing changed).
"""

from __future__ import annotations

import json
import multiprocessing
import os
import pickle
import re
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest
from support import edit, make_project, run_cli, snapshot

from generator import sealed
from generator.content import load
from generator.errors import ExplainerError
from generator.outputs import search
from generator.pipeline import output as output_module
from generator.pipeline import parallel, swap
from generator.pipeline import spare as spare_maker
from generator.pipeline.build import run_build
from generator.pipeline.cache import CACHE_DIR, CACHE_FILE, CacheWriter, read_cache
from generator.pipeline.outdir import MARKER
from generator.pipeline.output import Output
from generator.pipeline.stages import Pipeline
from generator.site.map import place as mapplace
from generator.site.spec import PageSpec
from generator.theme_files import THEME_DIR as THEME


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "site", "workflow")


def _same_as_cold(project: Path, name: str, *, search: bool = False) -> None:
    flags = () if search else ("--no-search",)
    cold = run_cli(project, "build", "--no-cache", *flags, "--out", f"cold-{name}")
    assert cold.returncode == 0, cold.stderr
    warm, fresh = snapshot(project / "public"), snapshot(project / f"cold-{name}")
    differ = sorted(k for k in warm.keys() | fresh.keys() if warm.get(k) != fresh.get(k))
    assert not differ, f"after {name}, the cached build differs from a cold one: {differ[:10]}"


def _write(path: Path, front: str, body: str) -> None:
    path.parent.mkdir(exist_ok=True)
    path.write_text(f"---\n{front}\n---\n{body}\n", "utf-8")


def _rename_actor(project: Path) -> None:
    """Rename the actor `russia` by hand, as a writer would: files and every reference."""
    content = project / "content"
    slug = re.compile(r"(?<![\w-])russia(?=--|[^\w-]|$)")
    for path in sorted(content.rglob("*.md")):
        path.write_text(slug.sub("russian-federation", path.read_text("utf-8")), "utf-8")
    for path in sorted(content.rglob("*russia*.md")):
        path.rename(path.with_name(slug.sub("russian-federation", path.name)))


def _override_base(project: Path) -> None:
    """A site override of the theme's base template (templates/ wins over the package)."""
    theme = (THEME / "base.html").read_text("utf-8")
    (project / "templates").mkdir(exist_ok=True)
    (project / "templates/base.html").write_text(theme.replace("<body", '<body data-x="1"', 1))


STEPS: list[tuple[str, Callable[[Path], None]]] = [
    ("body", lambda p: edit(p / "content/actors/russia.en.md", "Russia.\n", "Russia, edited.\n")),
    (
        "original",
        lambda p: edit(p / "content/actors/russia.id.md", "Rusia.\n", "Rusia, diubah.\n"),
    ),
    (
        "title",
        lambda p: edit(
            p / "content/actors/taliban.id.md", "title: Taliban", "title: Taliban (IIA)"
        ),
    ),
    (
        "add",
        lambda p: (p / "content/actors/qatar.id.md").write_text(
            "---\ntitle: Qatar\nkind: state\nsources: [arrahmah-2025-05-02]\n---\nTuan rumah [[taliban]].\n",
            "utf-8",
        ),
    ),
    (
        "add-en",
        lambda p: (p / "content/actors/qatar.en.md").write_text(
            "---\ntitle: Qatar\n---\nHost of [[taliban]].\n", "utf-8"
        ),
    ),
    ("delete", lambda p: [f.unlink() for f in (p / "content/actors").glob("qatar.*.md")]),
    ("page", lambda p: _write(p / "content/pages/tentang.id.md", "title: Tentang", "Halaman.")),
    (
        "newer source",  # the site's newest date: every page's "as of" and chart end move
        lambda p: _write(
            p / "content/sources/kabar-2026-01-05.id.md",
            "title: Kabar baru\npublisher: Kabar\ndate: 2026-01-05\nlanguage: id",
            "Teks.",
        ),
    ),
    ("rename", _rename_actor),
    ("template", _override_base),
]


@pytest.mark.slow
def test_cached_builds_equal_cold_builds_after_every_step(project: Path) -> None:
    first = run_build(project)
    assert first.rendered > 0 and not first.cached
    again = run_build(project)
    assert again.cached and again.written == 0 and again.rendered == 0
    for name, step in STEPS:
        step(project)
        search = name == "body"  # the search index is compared once (it is slow to make)
        report = run_build(project, search=search)
        assert report.cached, name
        if name == "body":  # one English page (a translation: no status changes), not the site
            assert report.rendered == 1, report
        if name == "original":  # its page, and the status pages (the translation is stale now)
            assert report.rendered == 3, report
        if name == "title":  # not the lists that do not show actors: the sources lists
            assert "id/aktor/taliban/index.html" in report.rendered_pages
            assert not {"id/sumber/index.html", "en/sources/index.html"} & {*report.rendered_pages}
        _same_as_cold(project, name, search=search)


@pytest.mark.slow
def test_a_corrupt_or_foreign_cache_is_discarded(project: Path) -> None:
    run_build(project)
    cache = project / CACHE_DIR / CACHE_FILE
    body = project / "content/actors/russia.en.md"
    cache.write_bytes(b"not a pickle")
    edit(body, "Russia.\n", "Russia, once.\n")  # a change, so the cache would be read
    assert not run_build(project).cached
    key = sealed.user_key()
    assert key is not None
    # sealed by this user, but not a cache of this code: still discarded
    cache.write_bytes(sealed.seal(pickle.dumps({"foreign": True}), key, sealed.BUILD_CACHE))
    edit(body, "Russia, once.\n", "Russia, twice.\n")
    assert not run_build(project).cached
    _same_as_cold(project, "after-corrupt-cache", search=True)


def test_no_cache_neither_reads_nor_writes_it(project: Path) -> None:
    assert run_cli(project, "build", "--no-cache").returncode == 0
    assert not (project / CACHE_DIR / CACHE_FILE).exists()


@pytest.mark.slow
def test_parsing_and_rendering_on_several_cores_give_the_same_bytes(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parallel, "MIN_PAGES", 1)  # the fixture site is small
    monkeypatch.setattr(parallel, "MIN_FILES", 1)
    monkeypatch.setenv("EXPLAINER_JOBS", "2")
    assert run_cli(project, "build", "--no-cache", "--no-search", "--out", "par").returncode == 0
    monkeypatch.setenv("EXPLAINER_JOBS", "1")
    assert run_cli(project, "build", "--no-cache", "--no-search", "--out", "seq").returncode == 0
    assert snapshot(project / "par") == snapshot(project / "seq")


@pytest.mark.slow
def test_an_edit_reindexes_only_its_search_shard(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The search index is sharded: a body edit re-indexes one shard, the rest is reused."""
    monkeypatch.setattr(search, "PAGES_PER_SHARD", 1)  # the fixture site is small
    run_build(project)
    manifest = json.loads((project / "public" / search.MANIFEST).read_text("utf-8"))
    assert len(manifest["shards"]) > 2
    before = _inodes(project / "public" / search.BUNDLE)
    edit(project / "content/actors/russia.en.md", "Russia.\n", "Russia, edited.\n")
    run_build(project)
    after = _inodes(project / "public" / search.BUNDLE)
    renewed = {name.split("/")[0] for name in after if after[name] != before.get(name)}
    assert len(renewed - {"shards.json"}) == 1, renewed  # the edited page's shard alone
    _same_as_cold(project, "shard", search=True)


@pytest.mark.slow
def test_a_title_change_reindexes_the_pages_that_say_it_not_those_that_list_it(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Lists of links to other dossiers are left out of the index, so a renamed
    dossier's title in a "Mentioned in" list re-indexes nothing."""
    monkeypatch.setattr(search, "PAGES_PER_SHARD", 1)  # a shard a page, or nearly
    actors = project / "content/actors"
    for n in range(6):  # actors whose "Mentioned in" lists the Taliban, and nothing else of it
        (actors / f"group-{n}.id.md").write_text(
            f"---\ntitle: Kelompok {n}\nkind: armed-group\n---\n"
        )
    links = " ".join(f"[[group-{n}]]" for n in range(6))
    edit(actors / "taliban.id.md", "dengan [[russia]].", f"dengan [[russia]]. {links}")
    run_build(project)
    before = _inodes(project / "public" / search.BUNDLE)
    edit(actors / "taliban.id.md", "title: Taliban", "title: Taliban (IIA)")
    run_build(project)
    after = _inodes(project / "public" / search.BUNDLE)
    renewed = {name.split("/")[0] for name in after if after[name] != before.get(name)}
    cache = read_cache(project)
    assert cache is not None
    shard_of = {page: shard.name for shard in cache.search for page in shard.pages}
    says, lists = set(), set()
    for page in shard_of:
        html = (project / "public" / page).read_text("utf-8")
        main = html[html.index("<main") : html.index("</main>")]
        without_lists = re.sub(r"<section data-pagefind-ignore.*?</section>", "", main, flags=re.S)
        if "Taliban (IIA)" in without_lists:
            says.add(page)
        elif "Taliban (IIA)" in main:
            lists.add(page)
    assert "id/aktor/taliban/index.html" in says
    assert renewed - {"shards.json"} == {shard_of[page] for page in says}
    assert {shard_of[page] for page in lists} - renewed, "no page only lists the new title"
    _same_as_cold(project, "title-shards", search=True)


@pytest.mark.slow
def test_a_dossier_renamed_in_every_language_reindexes_one_shard(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A dossier's pages in every language share a shard (placed by its slug, not by each
    page's path), so a title changed in both files re-indexes that one shard (and those
    of the pages whose text shows the title), not one per language."""
    monkeypatch.setattr(search, "PAGES_PER_SHARD", 1)  # a shard a page, or nearly
    run_build(project)
    cache = read_cache(project)
    assert cache is not None and len(cache.search) > 2
    shard_of = {page: shard.name for shard in cache.search for page in shard.pages}
    by_slug: dict[str, set[str]] = {}
    for page, shard in shard_of.items():
        by_slug.setdefault(page.rsplit("/", 2)[-2], set()).add(shard)
    assert all(len(shards) == 1 for shards in by_slug.values()), by_slug
    assert shard_of["en/actors/russia/index.html"] == shard_of["id/aktor/russia/index.html"]
    before = _inodes(project / "public" / search.BUNDLE)
    edit(project / "content/actors/russia.en.md", "title: Russia", "title: Russian Federation")
    edit(project / "content/actors/russia.id.md", "title: Rusia", "title: Federasi Rusia")
    run_build(project)
    after = _inodes(project / "public" / search.BUNDLE)
    renewed = {name.split("/")[0] for name in after if after[name] != before.get(name)}
    says = set()  # the pages whose indexed text holds the new title: russia's, and its links'
    for page in shard_of:
        html = (project / "public" / page).read_text("utf-8")
        main = html[html.index("<main") : html.index("</main>")]
        kept = re.sub(r"<section data-pagefind-ignore.*?</section>", "", main, flags=re.S)
        if "Russian Federation" in kept or "Federasi Rusia" in kept:
            says.add(page)
    assert {"en/actors/russia/index.html", "id/aktor/russia/index.html"} <= says
    assert renewed - {"shards.json"} == {shard_of[page] for page in says}
    _same_as_cold(project, "renamed-shard", search=True)


def _inodes(folder: Path) -> dict[str, int]:
    return {
        p.relative_to(folder).as_posix(): p.stat().st_ino for p in folder.rglob("*") if p.is_file()
    }


@pytest.mark.slow
def test_a_build_that_fails_before_writing_leaves_the_spare_for_the_next(project: Path) -> None:
    """The staging folder is begun while the site loads (the spare taken, or the output
    copied as links); a build that stops on an error gives it back as the spare."""
    russia = project / "content/actors/russia.en.md"
    assert run_cli(project, "build", "--no-search").returncode == 0
    edit(russia, "Russia.\n", "Russia, edited.\n")
    assert run_cli(project, "build", "--no-search").returncode == 0
    spare = project / ".public.spare"
    assert (spare / ".explainer-build").is_file()
    text = russia.read_text("utf-8")
    russia.write_text(text.replace("title:", "title: [unclosed", 1), "utf-8")
    assert run_cli(project, "build", "--no-search").returncode == 1
    assert (spare / ".explainer-build").is_file()
    assert not [p for p in project.iterdir() if ".public." in p.name and p != spare]
    russia.write_text(text, "utf-8")
    assert run_cli(project, "build", "--no-search").returncode == 0
    _same_as_cold(project, "after-failure")


@pytest.mark.slow
def test_the_output_before_last_is_updated_not_trusted(project: Path, tmp_path: Path) -> None:
    """The previous output is kept as `.public.spare` and becomes the next build's
    staging folder: every file in it is checked against the current output, so a
    file changed, added or swapped for a link there never reaches the site."""
    assert run_cli(project, "build", "--no-search").returncode == 0
    edit(project / "content/actors/russia.en.md", "Russia.\n", "Russia, edited.\n")
    assert run_cli(project, "build", "--no-search").returncode == 0
    spare = project / ".public.spare"
    assert (spare / ".explainer-build").is_file()
    outside = tmp_path / "outside.txt"
    outside.write_text("not the site's")
    page = spare / "en/actors/taliban/index.html"  # unchanged since: a link to public/'s
    page.unlink()
    page.write_text("tampered")
    (spare / "en/stray.html").write_text("stray")
    (spare / "en/actors/link.html").symlink_to(outside)
    edit(project / "content/actors/russia.en.md", "Russia, edited.\n", "Russia, again.\n")
    assert run_cli(project, "build", "--no-search").returncode == 0
    _same_as_cold(project, "spare")
    assert outside.read_text() == "not the site's"

    # a folder of that name that no build made is never emptied
    for path in sorted(spare.rglob("*"), reverse=True):
        path.unlink() if not path.is_dir() or path.is_symlink() else path.rmdir()
    (spare / "notes.txt").write_text("mine")
    edit(project / "content/actors/russia.en.md", "Russia, again.\n", "Russia.\n")
    assert run_cli(project, "build", "--no-search").returncode == 0
    assert (spare / "notes.txt").read_text() == "mine"
    _same_as_cold(project, "foreign")


PAGE = (
    '<!DOCTYPE html><html lang="en"><head><title>{title}</title></head><body>'
    "<main id=main data-pagefind-body><h1>Taliban</h1><p>{text}</p>"
    '<section data-pagefind-ignore aria-labelledby="b"><h2 id="b">Mentioned in</h2>'
    '<ul class="refs"><li><a href="../x/">{listed}</a></li></ul></section></main></body></html>'
)


def _digest(**parts: str) -> str:
    values = {"title": "T", "text": "Text.", "listed": "Russia", **parts}
    return search.indexed_digest(PAGE.format(**values).encode())


def test_what_the_index_reads_of_a_page_decides_its_digest() -> None:
    """A page's indexed digest follows its text, not its lists of links or its <head>;
    a page whose index could read more than `<main>` is digested whole."""
    assert _digest(listed="Russian Federation") == _digest() == _digest(title="Other")
    assert _digest(text="Text, edited.") != _digest()
    outside = PAGE.replace("<body>", '<body><p data-pagefind-meta="x">x</p>')
    inside = PAGE.replace("<h2 id", '<p data-pagefind-filter="y">y</p><h2 id')
    for shape in (outside, inside):
        one, two = (shape.format(title="T", text="Text.", listed=v).encode() for v in "AB")
        assert search.indexed_digest(one) != search.indexed_digest(two), shape
    # Any element may be left out, with elements of its own name nested inside (the
    # timeline's events and maps are <div data-pagefind-ignore> holding more divs).
    nested = PAGE.replace(
        "</main>",
        "<div data-pagefind-ignore><div><svg><text>{listed}</text></svg></div></div></main>",
    )
    one, two = (nested.format(title="T", text="Text.", listed=v).encode() for v in "AB")
    assert search.indexed_digest(one) == search.indexed_digest(two)
    unclosed = nested.replace("</div></div></main>", "</div></main>")
    one, two = (unclosed.format(title="T", text="Text.", listed=v).encode() for v in "AB")
    assert search.indexed_digest(one) != search.indexed_digest(two)


@pytest.mark.slow
def test_the_maps_placement_is_kept_for_the_next_build(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The map's placement (a few tenths of a second) is kept in the cache: a rebuild
    whose map has the same actors and lines, a renamed actor's say, does not redo it."""
    placed: list[object] = []
    placing_beside: list[bool] = []  # whether render workers were at work meanwhile
    real = mapplace._place

    def counting(*key: Any) -> mapplace.Placement:
        placed.append(key)
        children = multiprocessing.active_children()
        placing_beside.append(any("PoolWorker" in child.name for child in children))
        return real.__wrapped__(*key)  # not the process's own memo: as a new process would

    monkeypatch.setattr(mapplace, "_place", counting)
    # The first build renders on forked workers, as a large site's does: the placements
    # they make come back with their pages and are kept all the same.
    with monkeypatch.context() as forked:
        forked.setattr(parallel, "MIN_PAGES", 1)
        forked.setenv("EXPLAINER_JOBS", "2")
        run_build(project, search=False)
    assert read_cache(project).placements.known, "the first build places the map"  # type: ignore[union-attr]
    # Placed once, here, while the workers render the pages that do not draw it.
    assert placing_beside == [True]
    placed.clear()
    edit(project / "content/actors/taliban.id.md", "title: Taliban", "title: Taliban (IIA)")
    report = run_build(project, search=False)
    assert "id/index.html" in report.rendered_pages and not placed
    _same_as_cold(project, "placement-kept")
    (project / "content/actors/qatar.id.md").write_text(
        "---\ntitle: Qatar\nkind: state\n---\nTuan rumah.\n", "utf-8"
    )
    run_build(project, search=False)
    assert placed, "a new actor on the map is placed anew"
    _same_as_cold(project, "placement-new")


@pytest.mark.slow
def test_a_forked_cold_build_places_the_map_once(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The map is placed before the workers fork, not again in each worker that renders a
    page drawing it (home, the relationships list, the timeline: both workers draw one)."""
    log = tmp_path / "placed.log"
    real = mapplace._place

    def counting(*key: Any) -> mapplace.Placement:
        with log.open("a") as out:  # from a forked worker too
            out.write(f"{os.getpid()}\n")
        return real.__wrapped__(*key)

    monkeypatch.setattr(mapplace, "_place", counting)
    monkeypatch.setattr(parallel, "MIN_PAGES", 1)
    monkeypatch.setenv("EXPLAINER_JOBS", "2")
    run_build(project, search=False)
    assert log.read_text().splitlines() == [str(os.getpid())]
    _same_as_cold(project, "placed-ahead")


def test_a_killed_builds_unfinished_cache_file_is_removed(project: Path) -> None:
    """The cache is pickled into `.build-<pid>-…` beside it: a build killed meanwhile
    leaves that file, and the next build removes it (not another live build's)."""
    run_build(project, search=False)
    folder = project / CACHE_DIR
    dead, live = folder / ".build-999999999-x", folder / ".build-1-y"  # pid 1 runs
    dead.write_bytes(b"half a cache")
    live.write_bytes(b"half a cache")
    edit(project / "content/actors/russia.en.md", "Russia.\n", "Russia, edited.\n")
    assert run_build(project, search=False).cached
    assert not dead.exists() and live.exists()
    assert {p.name for p in folder.glob(".build-*")} == {live.name}
    assert run_build(project, search=False).cached  # the new cache is in place and read


@pytest.mark.slow
def test_the_first_build_after_a_cold_one_recycles_a_spare_the_cold_one_left(
    project: Path,
) -> None:
    """A cold build leaves a linked copy of its output as the spare, so the first edit
    after it updates that spare, as every later edit does, rather than copying the
    whole output while it builds; the edit's output is still the cold build's bytes."""
    assert run_cli(project, "build").returncode == 0
    public, spare = project / "public", project / ".public.spare"
    assert (spare / ".explainer-build").is_file()
    assert _inodes(spare) == _inodes(public)  # links to the output's files, not copies
    assert not [p for p in project.iterdir() if ".public." in p.name and p != spare]
    recycled = spare.stat().st_ino
    edit(project / "content/actors/russia.en.md", "Russia.\n", "Russia, edited.\n")
    assert run_cli(project, "build").returncode == 0
    assert public.stat().st_ino == recycled  # the spare became the output
    assert (spare / ".explainer-build").is_file()  # and the output before it, the spare
    _same_as_cold(project, "first-edit", search=True)

    # without search (nothing to wait for) the spare is made once the output is out
    shutil.rmtree(public)
    shutil.rmtree(spare)
    assert run_cli(project, "build", "--no-search").returncode == 0
    assert _inodes(spare) == _inodes(public)

    # only a build that writes the cache leaves one: nothing else would use it
    shutil.rmtree(public)
    shutil.rmtree(spare)
    assert run_cli(project, "build", "--no-cache").returncode == 0
    assert not spare.exists()


def test_a_cold_build_saves_its_cache_only_once_its_spare_is_whole(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cache's summary tells the next build that nothing changed, and such a build
    makes no spare: so a cold build writes it only after its spare is whole, and a build
    killed in between leaves no summary (the next one rebuilds, and keeps a spare)."""
    real_link = spare_maker._Made.link

    def slow_link(made: spare_maker._Made, source: Path, copy: Path, files: list[str]) -> None:
        time.sleep(0.2)  # a spare that takes longer than the cache's fork
        real_link(made, source, copy, files)

    seen: list[bool] = []
    real_commit = CacheWriter.commit

    def commit(writer: CacheWriter) -> None:
        seen.append((project / ".public.spare/.explainer-build").is_file())
        real_commit(writer)

    monkeypatch.setattr(spare_maker._Made, "link", slow_link)
    monkeypatch.setattr(CacheWriter, "commit", commit)
    run_build(project, search=False)
    assert seen == [True]


def _index(folder: Path) -> None:
    """What the search index adds to a staged output, as it is made."""
    (folder / "pagefind/shard").mkdir(parents=True)
    (folder / "pagefind/shard/entry.json").write_bytes(b"{}")


@pytest.mark.parametrize("early", [True, False])
def test_a_cold_builds_spare_is_its_whole_output_linked(tmp_path: Path, early: bool) -> None:
    """Folders staged before the index is made are linked while it is made (`early`),
    the rest once the output is swapped in; only then is the copy named the spare."""
    target = tmp_path / "public"
    output = Output.begin(target, spool=False)
    try:
        output.put(
            {"en/a/index.html": b"a", "id/b/index.html": b"b", "robots.txt": b"r"}, spare=True
        )
        output.commit(_index if early else None)
    finally:
        output.close()
    spare = tmp_path / ".public.spare"
    assert _inodes(spare) == _inodes(target)
    assert ("pagefind/shard/entry.json" in _inodes(spare)) == early
    assert sorted(p.name for p in tmp_path.iterdir()) == [".public.spare", "public"]


def test_a_cold_builds_spare_makes_its_folders_while_the_files_are_staged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Making the spare's folders is most of its cost: they are made while `put` stages
    the files (here, staging waits for them), not after, when the build waits for it."""
    made = threading.Event()
    real_folders, real_place = spare_maker._Made.folders, output_module.place

    def folders(maker: spare_maker._Made, copy: Path, files: Iterable[str]) -> None:
        real_folders(maker, copy, files)
        made.set()

    def place(content: bytes, path: str | Path) -> None:
        assert made.wait(timeout=30), "the spare's folders were not begun before staging"
        real_place(content, path)

    monkeypatch.setattr(spare_maker._Made, "folders", folders)
    monkeypatch.setattr(output_module, "place", place)
    target = tmp_path / "public"
    output = Output.begin(target, spool=False)
    try:
        output.put({"en/a/index.html": b"a", "id/b/c/index.html": b"b"}, spare=True)
        output.commit()
    finally:
        output.close()
    assert _inodes(tmp_path / ".public.spare") == _inodes(target)


def _publish(
    target: Path, files: dict[str, bytes], keep: Iterable[str] = (), *, early: bool = False
) -> None:
    """One build's writing: the staging folder begun early (`prepare`) or in `put`."""
    output = Output.begin(target, spool=False)
    try:
        if early:
            output.prepare()
            output.settle()
        output.put(files, keep)
        output.commit()
    finally:
        output.close()


def test_a_recycled_spare_is_read_while_the_build_renders_not_as_it_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Walking the spare's page folders was two thirds of a one-page rebuild's writing:
    the thread `prepare` starts reads it (`output._survey`) while the build loads and
    renders, and `put` updates it from what was read: the very files it keeps stay, the
    rest (stale pages, stray files and folders) go."""
    target = tmp_path / "public"
    _publish(target, {"index.html": b"1", "en/a/index.html": b"a", "en/gone/index.html": b"g"})
    _publish(target, {"index.html": b"2"}, ["en/a/index.html", "en/gone/index.html"])
    spare = tmp_path / ".public.spare"
    (spare / "en/stray").mkdir()
    (spare / "en/stray/x.html").write_bytes(b"x")
    (spare / "junk.txt").write_bytes(b"j")
    kept = (target / "en/a/index.html").stat().st_ino
    assert (spare / "en/a/index.html").stat().st_ino == kept  # the very file: kept in place
    read_in: list[str] = []
    real_survey = output_module._survey

    def survey(staging: str, published: str) -> Any:
        read_in.append(threading.current_thread().name)
        return real_survey(staging, published)

    monkeypatch.setattr(output_module, "_survey", survey)
    _publish(target, {"index.html": b"3"}, ["en/a/index.html"], early=True)
    assert read_in == ["staging"]  # once, beside the build; `put` read nothing again
    files = {
        p.relative_to(target).as_posix(): p.read_bytes()
        for p in target.rglob("*")
        if p.is_file() and p.name != MARKER
    }
    assert files == {"index.html": b"3", "en/a/index.html": b"a"}
    assert sorted(p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_dir()) == [
        "en",
        "en/a",
    ]
    assert (target / "en/a/index.html").stat().st_ino == kept


@pytest.mark.parametrize("abandoned", [True, False])
def test_a_cold_build_that_fails_as_it_indexes_leaves_no_spare(
    tmp_path: Path, abandoned: bool
) -> None:
    """The copy begun while the index is made is removed with the staging folder, also
    when the caller only closes (nothing waits forever for a swap that never comes)."""

    def failing(folder: Path) -> None:
        _index(folder)
        raise OSError(28, "No space left on device")

    target = tmp_path / "public"
    output = Output.begin(target, spool=False)
    try:
        output.put({"en/a/index.html": b"a", "robots.txt": b"r"}, spare=True)
        with pytest.raises(OSError):
            output.commit(failing)
        if abandoned:
            output.abandon()
    finally:
        output.close()
    left = [p.name for p in tmp_path.iterdir()]
    # The copy is gone either way; a staging folder not abandoned is the next build's to
    # remove (`swap.recover`), as before.
    assert len(left) == (0 if abandoned else 1)
    assert all(name.startswith(".public.new-") for name in left)


@pytest.mark.slow
def test_a_build_without_a_spare_updates_a_linked_copy_and_never_writes_through_it(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With no spare (the first build after a cold one), the staging folder starts as
    a hard-linked copy of the output; every file the build writes replaces a link, never
    writes into it, so the previous output keeps its bytes. Where linking fails, nothing
    is lost."""
    copies: list[tuple[Path, Path]] = []
    real_link_tree = swap.link_tree

    def spying(source: Path, copy: Path) -> None:
        copies.append((source, copy))
        real_link_tree(source, copy)

    monkeypatch.setattr(swap, "link_tree", spying)
    run_build(project)
    shutil.rmtree(project / ".public.spare")  # the cold build's spare, gone (deleted by hand)
    copies.clear()
    public = project / "public"
    before = {
        p.relative_to(public).as_posix(): p.read_bytes() for p in public.rglob("*") if p.is_file()
    }
    edit(project / "content/actors/russia.en.md", "Russia.\n", "Russia, edited.\n")
    assert run_build(project).written > 0
    assert [(source, copy.name.startswith(".public.new-")) for source, copy in copies] == [
        (public, True)
    ], copies
    spare = project / ".public.spare"  # the previous output, kept for the next build
    kept = {
        p.relative_to(spare).as_posix(): p.read_bytes() for p in spare.rglob("*") if p.is_file()
    }
    assert kept == before
    _same_as_cold(project, "linked-copy", search=True)

    shutil.rmtree(spare)

    def failing(source: Path, copy: Path) -> None:  # a file system without hard links
        os.mkdir(copy)
        raise OSError("no hard links here")

    monkeypatch.setattr(swap, "link_tree", failing)
    edit(project / "content/actors/russia.en.md", "Russia, edited.\n", "Russia, again.\n")
    assert run_build(project).written > 0
    assert not list(project.glob(".public.new-*"))
    _same_as_cold(project, "no-linked-copy", search=True)


def test_a_few_pages_worth_many_render_on_several_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    """A rebuild of a few site-wide pages of a large site (their weight) is forked over
    the cores; as many light pages render here. Either way, in the order given."""
    monkeypatch.setenv("EXPLAINER_JOBS", "2")
    specs = [PageSpec("list", "en", f"/en/p{n}/", "list.html") for n in range(4)]

    def where(spec: PageSpec) -> int:
        return os.getpid()

    heavy = parallel.render_all(specs, where, weight=parallel.MIN_PAGES)
    light = parallel.render_all(specs, where)
    assert [output for output, _ in heavy] == [spec.output for spec in specs]
    assert os.getpid() not in {pid for _, pid in heavy}
    assert {pid for _, pid in light} == {os.getpid()}


@pytest.mark.slow
def test_a_build_with_nothing_to_do_never_imports_the_pipeline(project: Path) -> None:
    """The last build's summary answers before Jinja, markdown-it or the model load;
    a build with work loads them, and either way from here or with --project."""
    probe = (
        "import sys\n"
        "from generator.cli import main\n"
        "code = main(sys.argv[1:])\n"
        "heavy = [m for m in ('jinja2', 'markdown_it', 'generator.pipeline.stages') if m in sys.modules]\n"
        "print(code, ','.join(heavy))\n"
    )

    def build(*where: str, cwd: Path) -> str:
        done = subprocess.run(
            [sys.executable, "-c", probe, *where, "build", "--no-search"],
            cwd=cwd,
            capture_output=True,
            text=True,
            check=True,
        )
        return done.stdout.strip()

    assert build(cwd=project).startswith("0 jinja2")  # the first build: all of it
    assert build(cwd=project) == "0"
    assert build("--project", project.name, cwd=project.parent) == "0"
    edit(project / "content/actors/russia.en.md", "Russia.\n", "Russia, edited.\n")
    assert build(cwd=project) == "0 jinja2,markdown_it,generator.pipeline.stages"


@pytest.mark.slow
def test_a_content_file_that_is_a_link_is_read_again_when_its_target_changes(
    project: Path,
) -> None:
    """Every stamp is taken of what a path names (`fsguard.file_stamp`): a content file
    that is a symlink to a file elsewhere in the project changes when its target does,
    for the parse memo as for the build summary."""
    page = project / "content/actors/russia.en.md"
    kept = project / "drafts/russia.en.md"
    kept.parent.mkdir()
    page.rename(kept)
    page.symlink_to(kept)
    run_build(project, search=False)
    edit(kept, "Russia.\n", "Russia, through the link.\n")
    assert run_build(project, search=False).cached
    assert (
        b"Russia, through the link."
        in (project / "public/en/actors/russia/index.html").read_bytes()
    )
    _same_as_cold(project, "linked-content")


@pytest.mark.slow
def test_a_build_whose_output_is_gone_parses_no_file_again(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The parse memo is keyed by the files, not by the output: with public/ deleted,
    the next build renders every page (there is nothing published to reuse) but
    parses no unchanged file again."""
    run_build(project, search=False)
    shutil.rmtree(project / "public")
    parsed: list[object] = []
    real = load.parse_file

    def counting(*args: Any, **kwargs: Any) -> Any:
        parsed.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(load, "parse_file", counting)
    report = run_build(project, search=False)
    assert not report.cached and report.rendered > 0
    assert parsed == []
    _same_as_cold(project, "output-gone")


def test_a_build_reads_its_static_files_and_images_once(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The link check knows the static files and images the build has made already: it
    does not read them again (a quarter of an edit build's checking), cold or cached,
    and still finds a link to one."""
    calls: list[str] = []
    for name in ("static", "images"):
        real = getattr(Pipeline, name)

        def counted(self: Pipeline, *args: Any, _real: Any = real, _name: str = name) -> Any:
            calls.append(_name)
            return _real(self, *args)

        monkeypatch.setattr(Pipeline, name, counted)
    page = project / "content/actors/russia.en.md"
    edit(page, "Russia.\n", "Russia, [styled](/static/style.css).\n")
    assert run_build(project, search=False).warnings == ()
    assert sorted(calls) == ["images", "static"]
    calls.clear()
    edit(page, "[styled](/static/style.css)", "[styled](/static/nothing.css)")
    with pytest.raises(ExplainerError, match=r"nothing\.css"):
        run_build(project, search=False)
    assert sorted(calls) == ["images", "static"]
