"""`explainer serve`: a real server on a free loopback port, edited while it runs."""

from __future__ import annotations

import gzip
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from workflow_site import make_workflow_project


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0, ""


def wait_for(predicate: Callable[[], bool], timeout: float) -> float:
    """Seconds until `predicate` holds; fails after `timeout`."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if predicate():
            return time.perf_counter() - start
        time.sleep(0.02)
    raise AssertionError(f"not within {timeout} s")


def files_state(public: Path) -> dict[str, tuple[int, int]]:
    """The pages' files (the search index is written in the background, on its own)."""
    return {
        p.relative_to(public).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
        for p in public.rglob("*")
        if p.is_file() and p.relative_to(public).parts[0] != "pagefind"
    }


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
    project = make_workflow_project(tmp_path / "site")
    port = free_port()
    log = (tmp_path / "serve.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--port", str(port)],
        cwd=project,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(lambda: fetch(base + "/en/")[0] == 200, timeout=30)
        yield project, base, process
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


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
    elapsed = wait_for(lambda: "NEWTEXT" in fetch(page)[1], timeout=5)
    assert elapsed < 1.0, f"served after {elapsed:.2f} s"

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
    assert "content/actors/russia.id.md:3:5: error: YAML syntax error" in html
    assert "is required" not in html  # only the real problem, not its echoes
    assert "livereload.js" in html
    assert process.poll() is None

    russia.write_text(good)
    wait_for(lambda: fetch(base + "/en/")[0] == 200, timeout=5)
    assert "NEWTEXT" in fetch(page)[1]
    assert process.poll() is None
