"""Caches cannot carry code (issue 21, findings N1, N2, N11).

Whatever a repository holds under `.cache/` (a pickle whose loading creates a
file, a Jinja bytecode file whose checksum is such a pickle, symlinks to
places outside the project), `build` and `serve` never run it and never
write through it: every cache file must carry a MAC made with the user's own
key (kept outside the project), checked before anything is unpickled, and a
planted one is discarded, so the build is simply cold.
"""

from __future__ import annotations

import builtins
import os
import pickle
import shutil
import stat
import subprocess
from pathlib import Path

import pytest
from jinja2.bccache import bc_magic
from support import fetch, make_project, run_cli, run_cli_process, serving, snapshot, wait_for

from generator import sealed
from generator.pipeline import summary
from generator.pipeline.cache import CACHE_FILE, read_cache
from generator.pipeline.summary import CACHE_DIR, SUMMARY_FILE

BODY = "content/actors/russia.en.md"


class _Canary:
    """Unpickled, it creates the file at `path` (as a planted cache would run any code)."""

    def __init__(self, path: Path) -> None:
        self.path = str(path)

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return builtins.open, (self.path, "w")


def _evil(canary: Path) -> bytes:
    return pickle.dumps(_Canary(canary))


def _edit(project: Path, text: str) -> None:
    """A body edit, so the next build has work and reads its caches."""
    path = project / BODY
    path.write_text(path.read_text("utf-8").replace("Russia.", text, 1), "utf-8")


def _plant(project: Path, canary: Path, key: bytes | None = None) -> None:
    """Replace every file of the project's caches by one whose loading creates `canary`
    (sealed with `key`, an attacker's own, if given)."""
    cache = project / CACHE_DIR

    def wrap(data: bytes, purpose: bytes) -> bytes:
        return data if key is None else sealed.seal(data, key, purpose)

    (cache / CACHE_FILE).write_bytes(wrap(_evil(canary), sealed.BUILD_CACHE))
    compiled = sorted((cache / "templates").glob("*.cache"))
    assert compiled, "the first build compiled its templates into .cache/templates/"
    for path in compiled:  # Jinja unpickles a file's checksum first
        path.write_bytes(wrap(bc_magic + _evil(canary), sealed.TEMPLATE_CACHE))


def _same_as_cold(project: Path) -> None:
    cold = run_cli(project, "build", "--no-cache", "--no-search", "--out", "cold")
    assert cold.returncode == 0, cold.stderr
    assert snapshot(project / "public") == snapshot(project / "cold")


@pytest.mark.slow
def test_a_planted_cache_never_runs_and_the_build_goes_cold(tmp_path: Path) -> None:
    project = make_project(tmp_path / "site", "workflow")
    canary = tmp_path / "canary"
    assert run_cli_process(project, "build", "--no-search").returncode == 0
    _plant(project, canary)
    _edit(project, "Russia, edited.")
    done = run_cli_process(project, "build", "--no-search")
    assert done.returncode == 0, done.stderr
    assert not canary.exists(), "a planted cache ran code"
    assert "Traceback" not in done.stderr
    _same_as_cold(project)
    # The build wrote sealed caches of its own, and the next build uses them.
    assert read_cache(project) is not None
    _edit(project, "Russia, again.")
    assert run_cli(project, "build", "--no-search").returncode == 0
    # Sealed, but with another key than this user's: no better.
    _plant(project, canary, key=b"the attacker's own key, 32 bytes")
    _edit(project, "Russia, once more.")
    done = run_cli_process(project, "build", "--no-search")
    assert done.returncode == 0, done.stderr
    assert not canary.exists(), "a cache sealed with another key ran code"
    _same_as_cold(project)


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@t", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
    )


@pytest.mark.slow
def test_a_fresh_clone_of_a_repository_that_committed_its_cache_runs_nothing(
    tmp_path: Path,
) -> None:
    """The committed cache was made on another machine (here: another key), then
    poisoned; a contributor's branch built in CI is exactly this."""
    if shutil.which("git") is None:
        pytest.fail("git is needed to clone")
    author = make_project(tmp_path / "author", "workflow")
    canary = tmp_path / "canary"
    assert run_cli_process(author, "build", "--no-search").returncode == 0
    _plant(author, canary)
    _git(author, "init", "-q")
    _git(author, "add", "-f", "site.yaml", "content", CACHE_DIR)  # .cache/ ignores itself
    _git(author, "commit", "-q", "-m", "with its cache")
    clone = tmp_path / "clone"
    _git(tmp_path, "clone", "-q", str(author), str(clone))
    assert (clone / CACHE_DIR / CACHE_FILE).is_file()

    done = run_cli_process(clone, "build", "--no-search")
    assert done.returncode == 0, done.stderr
    assert not canary.exists(), "a committed cache ran code on build"

    shutil.rmtree(clone / "public")
    with serving(clone, tmp_path / "serve.log") as (base, _):
        page = clone / BODY
        page.write_text(page.read_text("utf-8").replace("Russia.", "Russia, served."), "utf-8")
        wait_for(lambda: "Russia, served." in fetch(base + "/en/actors/russia/")[1], 60)
    assert not canary.exists(), "a committed cache ran code on serve"
    assert "Traceback" not in (tmp_path / "serve.log").read_text("utf-8")


@pytest.mark.slow
def test_a_symlinked_cache_folder_is_never_written_through(tmp_path: Path) -> None:
    project = make_project(tmp_path / "site", "workflow")
    outside = tmp_path / "outside"
    outside.mkdir()
    (project / CACHE_DIR).symlink_to(outside)
    done = run_cli(project, "build", "--no-search")
    assert done.returncode == 0, done.stderr
    _edit(project, "Russia, edited.")
    assert run_cli(project, "build", "--no-search").returncode == 0
    assert list(outside.iterdir()) == [], "the build wrote through the symlinked .cache"
    assert (project / CACHE_DIR).is_symlink()


@pytest.mark.slow
def test_symlinks_inside_the_cache_folder_are_never_followed(tmp_path: Path) -> None:
    """A link in `.cache/` to a file elsewhere is neither read nor written through."""
    project = make_project(tmp_path / "site", "workflow")
    canary = tmp_path / "canary"
    assert run_cli(project, "build", "--no-search").returncode == 0
    cache = project / CACHE_DIR
    outside = tmp_path / "outside"
    outside.mkdir()
    mine = {name: outside / name for name in ("gitignore", "summary", "pickle")}
    mine["gitignore"].write_text("mine\n")
    mine["summary"].write_text("{}")
    mine["pickle"].write_bytes(_evil(canary))
    for name, target in ((".gitignore", "gitignore"), (SUMMARY_FILE, "summary")):
        (cache / name).unlink()
        (cache / name).symlink_to(mine[target])
    (cache / CACHE_FILE).unlink()
    (cache / CACHE_FILE).symlink_to(mine["pickle"])
    shutil.rmtree(cache / "templates")
    (cache / "templates").symlink_to(outside)
    before = snapshot(outside)
    _edit(project, "Russia, edited.")
    done = run_cli(project, "build", "--no-search")
    assert done.returncode == 0, done.stderr
    assert not canary.exists()
    assert snapshot(outside) == before, "the build wrote through a link in .cache/"
    _same_as_cold(project)


def test_the_users_key_is_private_and_a_link_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "xdg"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    key = sealed.user_key()
    assert key is not None and len(key) == sealed.KEY_BYTES
    path = home / "explainer" / "key"
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert sealed.user_key() == key  # the same key on every run

    data = b"payload" * 1000
    blob = sealed.seal(data, key, sealed.BUILD_CACHE)
    assert sealed.unseal(blob, key, sealed.BUILD_CACHE) == data
    assert sealed.unseal(blob, key, sealed.TEMPLATE_CACHE) is None  # not for another use
    assert sealed.unseal(blob, b"k" * sealed.KEY_BYTES, sealed.BUILD_CACHE) is None
    flipped = blob[:-1] + bytes([blob[-1] ^ 1])
    assert sealed.unseal(flipped, key, sealed.BUILD_CACHE) is None

    os.chmod(path, 0o644)  # readable by others: no longer a secret
    assert sealed.user_key() is None
    path.unlink()
    elsewhere = tmp_path / "planted-key"
    elsewhere.write_bytes(b"k" * sealed.KEY_BYTES)
    os.chmod(elsewhere, 0o600)
    path.symlink_to(elsewhere)
    assert sealed.user_key() is None
    path.unlink()
    assert sealed.user_key() not in (None, key)  # a new key, made afresh


def test_the_code_fingerprint_follows_every_source_and_data_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cache (and a summary) of other generator code is discarded: the fingerprint
    they are keyed by changes with the bytes of any of the package's source and data
    files, one added or one moved, and with nothing else there (compiled bytecode)."""
    package = tmp_path / "generator"
    for name, text in {
        "a.py": "x = 1\n",
        "theme/base.html": "<p>\n",
        "theme/i18n/en.yaml": "a: b\n",
        "starter/README.md": "# x\n",
        "__pycache__/a.cpython-311.pyc": "compiled",
        "theme/static/notes.txt": "not code",
    }.items():
        (package / name).parent.mkdir(parents=True, exist_ok=True)
        (package / name).write_text(text, "utf-8")
    monkeypatch.setattr(summary, "PACKAGE", package)

    def fingerprint() -> str:
        return summary.code_fingerprint.__wrapped__()  # not the process's cached one

    first = fingerprint()
    (package / "__pycache__/a.cpython-311.pyc").write_text("compiled again", "utf-8")
    (package / "theme/static/notes.txt").write_text("still not code", "utf-8")
    assert fingerprint() == first
    seen = {first}
    for change in (
        lambda: (package / "theme/i18n/en.yaml").write_text("a: c\n", "utf-8"),
        lambda: (package / "theme/new.html").write_text("<p>\n", "utf-8"),
        lambda: (package / "theme/new.html").rename(package / "new.html"),
        lambda: (package / "starter/README.md").unlink(),
    ):
        change()
        seen.add(fingerprint())
    assert len(seen) == 5
