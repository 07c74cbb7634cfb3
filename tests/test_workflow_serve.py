"""`explainer serve`: a real server on a free loopback port, edited while it runs."""

from __future__ import annotations

import gzip
import os
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from support import fetch, make_project, serving, wait_for


def files_state(public: Path) -> dict[str, tuple[int, int]]:
    """The pages' files (the search index is written in the background, on its own)."""
    # The index's folder is never walked: its temporary folders come and go as we walk.
    found: dict[str, tuple[int, int]] = {}
    for folder, subfolders, files in os.walk(public):
        if Path(folder) == public:
            subfolders[:] = [name for name in subfolders if name != "pagefind"]
        for name in files:
            stat = (Path(folder) / name).stat()
            found[(Path(folder) / name).relative_to(public).as_posix()] = (
                stat.st_ino,
                stat.st_mtime_ns,
            )
    return found


def indexed_text(public: Path) -> str:
    """What the search index holds: every page fragment of every shard, decompressed.

    The index is re-written in the background: a shard folder may be swapped while
    it is read (then this reads nothing, and the caller asks again)."""
    texts = []
    for path in sorted(public.glob("pagefind/*/fragment/*.pf_fragment")):
        if path.parts[-3].startswith("."):  # a shard being written, not yet in place
            continue
        try:
            texts.append(gzip.decompress(path.read_bytes()).decode("utf-8", "replace"))
        except (FileNotFoundError, EOFError):
            return ""
    return "".join(texts)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str, subprocess.Popen[bytes]]]:
    project = make_project(tmp_path / "site", "workflow")
    with serving(project, tmp_path / "serve.log") as (base, process):
        yield project, base, process


@pytest.mark.slow
def test_edit_rebuilds_only_affected_pages_and_errors_show_in_the_browser(
    served: tuple[Path, str, subprocess.Popen[bytes]],
) -> None:
    project, base, process = served
    public = project / "public"
    page = base + "/en/actors/taliban/"
    status, html = fetch(page)
    assert status == 200 and "livereload.js" in html  # the reload script is injected
    before = files_state(public)
    time.sleep(0.05)  # mtimes of a rewrite must differ from the first build's

    dossier = project / "content/actors/taliban.en.md"
    dossier.write_text(dossier.read_text().replace("The Taliban deal", "NEWTEXT: The Taliban deal"))
    wait_for(lambda: "NEWTEXT" in fetch(page)[1], timeout=5)

    after = files_state(public)
    rewritten = {name for name in after if before.get(name) != after[name]}
    assert "en/actors/taliban/index.html" in rewritten
    assert not [name for name in rewritten if name.startswith("id/")], rewritten
    assert set(before) == set(after)
    assert len(rewritten) <= 3, rewritten  # the page (and at most the feeds)
    # and the search index catches up in the background, while the server serves
    wait_for(lambda: "NEWTEXT" in indexed_text(public), timeout=30)

    # Broken YAML: every URL shows the error with file and line; the server stays up.
    russia = project / "content/actors/russia.id.md"
    good = russia.read_text()
    russia.write_text(good.replace("title: Rusia", "title: [Rusia"))
    wait_for(lambda: fetch(base + "/en/")[0] == 500, timeout=5)
    status, html = fetch(base + "/id/any/where/")
    assert status == 500
    assert "content/actors/russia.id.md:2:8: error: YAML syntax error" in html
    assert "is required" not in html  # only the real problem, not its echoes
    assert "livereload.js" in html
    assert process.poll() is None

    russia.write_text(good)
    wait_for(lambda: fetch(base + "/en/")[0] == 200, timeout=5)
    assert "NEWTEXT" in fetch(page)[1]
    assert process.poll() is None

    # A broken link is found by the site-wide checks, which run after the edited page
    # is written: the error page still comes, and goes when the link is fixed.
    russia.write_text(good + "\n[Lihat](/id/tidak-ada/)\n")
    wait_for(lambda: fetch(base + "/en/")[0] == 500, timeout=10)
    assert "broken link &#x27;/id/tidak-ada/&#x27;" in fetch(base + "/en/")[1]
    russia.write_text(good)
    wait_for(lambda: fetch(base + "/en/")[0] == 200, timeout=10)
    assert process.poll() is None


def test_serve_sees_an_edit_that_keeps_the_files_size_and_time(tmp_path: Path) -> None:
    """`serve` watches the one file stamp the build compares (`fsguard.file_stamp`):
    a save of the same size whose modification time was set back (a tool that keeps
    times, a checkout) is still an edit, seen by its change time."""
    from generator.server import Watcher  # in process: no loop, a rebuild finishes in `poll`

    project = make_project(tmp_path / "site", "workflow")
    watcher = Watcher(project.resolve(), project.resolve() / "public", search=False, log=print)
    watcher.start()
    path = project / "content/actors/russia.en.md"
    before = path.stat()
    path.write_text(path.read_text("utf-8").replace("Russia.\n", "Rossia.\n"), "utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size
    assert watcher.poll()
    assert b"Rossia." in (project / "public/en/actors/russia/index.html").read_bytes()
