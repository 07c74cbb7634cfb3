"""Disk faults are one-line errors and lose nothing; output modes ignore the umask (findings 5, 7, 15).

Real faults where the machine allows them (root: a 16 MB tmpfs for ENOSPC, an
immutable or read-only-mounted `public/` for EPERM/EROFS, a mount point as
`public/` for EBUSY; anyone: RLIMIT_FSIZE for EFBIG), injected ones
otherwise. Each must exit 1 with one `path: error: reason` line, no
traceback, the previous `public/` byte-identical, and no staging left.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from support import TAL, edit, make_project, run_cli, snapshot, staging_leftovers

import generator.pipeline.output as write_module
from generator.pipeline import swap
from generator.pipeline.spool import OutputData

ROOT = os.geteuid() == 0


def _built(tmp_path: Path) -> tuple[Path, dict[str, bytes]]:
    project = make_project(tmp_path / "site", theme=True)
    assert run_cli(project, "build").returncode == 0
    edit(project / TAL, "title: Taliban", "title: Taliban Baru")  # the next build differs
    return project, snapshot(project / "public")


def _assert_one_line_error(result: object, needle: str) -> None:
    text = result.output  # type: ignore[attr-defined]
    assert result.returncode == 1, text  # type: ignore[attr-defined]
    assert "Traceback" not in text
    assert needle in text, text
    assert len([line for line in text.splitlines() if ": error: " in line]) == 1, text


def _fill(disk: Path) -> None:
    """Fill the small disk to the last byte: the next write fails with ENOSPC."""
    with contextlib.suppress(OSError), open(disk / "filler", "wb") as handle:
        handle.write(b"x" * (16 << 20))


def _mount(*args: str) -> bool:
    return subprocess.run(["mount", *args], capture_output=True).returncode == 0


@pytest.fixture
def tmpfs(tmp_path: Path) -> Iterator[Path]:
    if not ROOT:
        pytest.skip("mounting a small tmpfs needs root")
    point = tmp_path / "small"
    point.mkdir()
    if not _mount("-t", "tmpfs", "-o", "size=16m", "tmpfs", str(point)):
        pytest.skip("cannot mount tmpfs here")
    yield point
    subprocess.run(["umount", "-l", str(point)], check=False)


@pytest.mark.slow
@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EFBIG, errno.EPERM, errno.EIO])
def test_injected_write_fault_keeps_previous_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    project, before = _built(tmp_path)
    calls = {"n": 0}

    place = write_module.place

    def failing_write(content: OutputData, path: Path) -> None:
        calls["n"] += 1
        if calls["n"] == 7:  # mid-build: some files are written, the rest are not
            raise OSError(code, os.strerror(code), str(path))
        place(content, path)

    monkeypatch.setattr(write_module, "place", failing_write)
    result = run_cli(project, "build")
    _assert_one_line_error(result, os.strerror(code))
    assert snapshot(project / "public") == before
    assert staging_leftovers(project) == []


@pytest.mark.slow
@pytest.mark.parametrize("code", [errno.EBUSY, errno.EPERM, errno.EROFS])
def test_injected_swap_fault_keeps_previous_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    project, before = _built(tmp_path)

    def refuse(a: Path, b: Path) -> bool:
        raise OSError(code, os.strerror(code), str(b))

    monkeypatch.setattr(swap, "_exchange", refuse)
    result = run_cli(project, "build")
    _assert_one_line_error(result, os.strerror(code))
    assert snapshot(project / "public") == before
    assert staging_leftovers(project) == []


def test_full_disk_for_real(tmpfs: Path) -> None:
    project, before = _built(tmpfs)
    _fill(tmpfs)
    result = run_cli(project, "build")
    _assert_one_line_error(result, "No space left on device")
    assert snapshot(project / "public") == before
    assert staging_leftovers(project) == []


def test_new_on_a_full_disk_leaves_no_empty_dossier(tmpfs: Path) -> None:
    project = make_project(tmpfs / "site", theme=True)
    with open(tmpfs / "filler", "wb") as handle, contextlib.suppress(OSError):
        handle.write(b"x" * (16 << 20))
    result = run_cli(project, "new", "actor", "someone")
    _assert_one_line_error(result, "No space left on device")
    assert not list((project / "content").rglob("someone*"))
    assert not list((project / "content").rglob(".*tmp*"))


@pytest.mark.slow
def test_immutable_public(tmp_path: Path) -> None:
    if not ROOT:
        pytest.skip("chattr +i needs root")
    project, before = _built(tmp_path)
    public = project / "public"
    if subprocess.run(["chattr", "+i", str(public)], capture_output=True).returncode:
        pytest.skip("this file system has no immutable flag")
    try:
        result = run_cli(project, "build")
    finally:
        subprocess.run(["chattr", "-i", str(public)], check=True)
    _assert_one_line_error(result, "public")
    assert snapshot(public) == before
    assert staging_leftovers(project) == []


@pytest.mark.slow
def test_mount_point_public_is_busy(tmp_path: Path) -> None:
    if not ROOT:
        pytest.skip("mounting needs root")
    project, _ = _built(tmp_path)
    public = project / "public"
    if not _mount("--bind", str(public), str(public)):
        pytest.skip("cannot bind-mount here")
    try:
        result = run_cli(project, "build")
    finally:
        subprocess.run(["umount", "-l", str(public)], check=False)
    assert result.returncode == 1 and "Traceback" not in result.output, result.output
    assert "busy" in result.output.lower(), result.output
    assert staging_leftovers(project) == []


def test_read_only_mount(tmp_path: Path, tmpfs: Path) -> None:
    project, before = _built(tmpfs)
    if not _mount("-o", "remount,ro", str(tmpfs)):
        pytest.skip("cannot remount read-only")
    try:
        result = run_cli(project, "build")
        _assert_one_line_error(result, "Read-only file system")
        assert snapshot(project / "public") == before
    finally:
        _mount("-o", "remount,rw", str(tmpfs))


@pytest.mark.slow
def test_file_size_limit_for_real(tmp_path: Path) -> None:
    project, before = _built(tmp_path)
    # RLIMIT_FSIZE of 3 KB: the first larger page fails with EFBIG (SIGXFSZ ignored).
    code = (
        "import resource, signal, sys\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (3000, 3000))\n"
        "from generator.cli import main\n"
        f"sys.exit(main(['--project', {str(project)!r}, 'build']))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert "File too large" in result.stderr
    assert snapshot(project / "public") == before
    assert staging_leftovers(project) == []


def test_output_modes_ignore_the_umask(tmp_path: Path) -> None:
    project = make_project(tmp_path / "site", theme=True)
    old = os.umask(0o077)
    try:
        assert run_cli(project, "build").returncode == 0
        edit(project / TAL, "title: Taliban", "title: Taliban Baru")
        assert run_cli(project, "build").returncode == 0  # updates the cold build's spare
    finally:
        os.umask(old)
    public = project / "public"
    assert (public.stat().st_mode & 0o777) == 0o755
    for path in public.rglob("*"):
        expected = 0o755 if path.is_dir() else 0o644
        assert (path.stat().st_mode & 0o777) == expected, path


@pytest.mark.slow
def test_kill_between_the_two_renames_is_recovered(tmp_path: Path) -> None:
    """The fallback swap's window: public/ renamed away, the new one not yet in place."""
    project, _ = _built(tmp_path)
    public = project / "public"
    dead = 999_999  # no such process
    public.rename(project / f".public.old-{dead}-abc")
    (project / f".public.new-{dead}-def").mkdir()
    (project / f".public.new-{dead}-def/half.html").write_text("half")
    assert run_cli(project, "check").returncode == 0  # check never touches public/
    result = run_cli(project, "build")
    assert result.returncode == 0, result.output
    assert public.is_dir() and (public / "index.html").is_file()
    assert staging_leftovers(project) == []


@pytest.mark.slow
def test_live_build_staging_is_left_alone(tmp_path: Path) -> None:
    project, _ = _built(tmp_path)
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        live = project / f".public.new-{sleeper.pid}-xyz"
        live.mkdir()
        assert run_cli(project, "build").returncode == 0
        assert live.is_dir()
    finally:
        sleeper.kill()
        sleeper.wait()


def test_swap_is_one_atomic_exchange(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """On Linux no rename is needed: there is never a moment without public/."""
    if not sys.platform.startswith("linux"):
        pytest.skip("renameat2(RENAME_EXCHANGE) is Linux's")
    new, public = tmp_path / "new", tmp_path / "public"
    new.mkdir()
    public.mkdir()
    (new / "index.html").write_text("new")
    (public / "index.html").write_text("old")

    def no_rename(self: Path, target: object) -> None:
        raise AssertionError("a two-rename swap leaves a moment without public/")

    monkeypatch.setattr(Path, "rename", no_rename)
    swap.swap_in(new, public)
    assert (public / "index.html").read_text() == "new"
    assert not new.exists()


@pytest.mark.slow
def test_a_retired_folder_that_is_no_build_is_neither_published_nor_deleted(
    tmp_path: Path,
) -> None:
    """Only a build's retired output (it carries the marker) is restored after a kill
    between the two renames; a folder that merely has that name is left alone."""
    project, _ = _built(tmp_path)
    public = project / "public"
    shutil.rmtree(public)
    foreign = project / ".public.old-999999-abc"  # no such process
    foreign.mkdir()
    (foreign / "notes.txt").write_text("mine")
    result = run_cli(project, "build")
    assert result.returncode == 0, result.output
    assert (public / "index.html").is_file() and not (public / "notes.txt").exists()
    assert (foreign / "notes.txt").read_text() == "mine"
