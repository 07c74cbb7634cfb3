"""The journal (`generator.journal`): changes to content/ all or nothing, finished after a kill.

The kill tests of the commands that use it are in tests/test_hardening_journal.py;
these pin the module's own promises: validation before any write, recovery of
a committed or an uncommitted journal, a planted journal confined to content/,
and one writing command at a time.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
from dataclasses import replace
from pathlib import Path

import pytest
from support import run_cli, snapshot

from generator import journal
from generator.changes import Change, Delete, Write
from generator.errors import ExplainerError
from generator.journal import JOURNAL_DIR, apply_changes, recover


@pytest.fixture
def root(tmp_path: Path) -> Path:
    project = tmp_path / "site"
    (project / "content/actors").mkdir(parents=True)
    (project / "content/actors/a.id.md").write_text("A\n")
    (project / "content/actors/b.id.md").write_text("B\n")
    return project


def test_every_change_is_made_and_the_journal_is_gone(root: Path) -> None:
    apply_changes(
        root,
        [
            Write(root / "content/actors/c.id.md", b"C\n", create=True),
            Write(root / "content/actors/a.id.md", b"A2\n"),
            Delete(root / "content/actors/b.id.md"),
            Write(root / "content/sections/new/x.id.md", b"X\n", create=True),  # new folders
        ],
        "test",
    )
    assert snapshot(root) == {
        "content/actors/a.id.md": b"A2\n",
        "content/actors/c.id.md": b"C\n",
        "content/sections/new/x.id.md": b"X\n",
    }
    assert not (root / JOURNAL_DIR).exists()
    assert recover(root) is None


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (Write(Path("content/actors/" + "x" * 300 + ".id.md"), b"", create=True), "file name of"),
        (Write(Path("content/actors/a.id.md"), b"", create=True), "exists already"),
        (Delete(Path("content/actors/none.id.md")), "no such file"),
        (Write(Path("site.yaml"), b""), "outside content/"),
        (Write(Path("content/../x.md"), b""), "outside content/"),
        (Write(Path("/etc/passwd"), b""), "outside content/"),
        (Write(Path("content/linked/x.id.md"), b""), "is a symlink or not a folder"),
        (Write(Path("content/actors/link.id.md"), b""), "not a regular file"),
    ],
)
def test_a_change_that_cannot_be_made_stops_all_of_them_before_any_write(
    root: Path, tmp_path: Path, change: Change, message: str
) -> None:
    (tmp_path / "elsewhere").mkdir()
    (root / "content/linked").symlink_to(tmp_path / "elsewhere")
    (root / "content/actors/link.id.md").symlink_to(tmp_path / "elsewhere")
    before = snapshot(root)
    first = Write(root / "content/actors/b.id.md", b"changed\n")  # valid, listed first
    if not change.path.is_absolute():
        change = replace(change, path=root / change.path)
    with pytest.raises(ExplainerError) as caught:
        apply_changes(root, [first, change], "test")
    assert [p.message for p in caught.value.problems if message in p.message], caught.value
    assert snapshot(root) == before
    assert not (root / JOURNAL_DIR).exists()
    assert list((tmp_path / "elsewhere").iterdir()) == []


def test_a_path_changed_twice_is_refused(root: Path) -> None:
    path = root / "content/actors/a.id.md"
    with pytest.raises(ExplainerError, match="twice"):
        apply_changes(root, [Write(path, b"1"), Delete(path)], "test")


def _die_after(monkeypatch: pytest.MonkeyPatch, calls: int) -> None:
    """os.replace raises (as a kill would stop it) after `calls` successful calls."""
    real = os.replace
    done = [0]

    def replace(src: object, dst: object) -> None:
        if done[0] == calls:
            raise KeyboardInterrupt
        done[0] += 1
        real(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(journal.os, "replace", replace)


def test_a_committed_journal_is_finished_by_the_next_command(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    changes = [
        Write(root / "content/actors/a.id.md", b"A2\n"),
        Write(root / "content/actors/c.id.md", b"C\n", create=True),
        Delete(root / "content/actors/b.id.md"),
    ]
    _die_after(monkeypatch, 2)  # the commit record's rename, then the first file
    with pytest.raises(KeyboardInterrupt):
        apply_changes(root, changes, "rename b c")
    monkeypatch.undo()
    assert (root / JOURNAL_DIR / "commit").is_file()
    assert (root / "content/actors/a.id.md").read_bytes() == b"A2\n"  # half made
    assert (root / "content/actors/b.id.md").exists()
    done = run_cli(root, "check")  # any command finishes it first, and says so
    assert "finished the interrupted `explainer rename b c`" in done.stderr
    assert "(2 file(s) written, 1 removed)" in done.stderr
    assert snapshot(root) == {"content/actors/a.id.md": b"A2\n", "content/actors/c.id.md": b"C\n"}
    assert not (root / JOURNAL_DIR).exists()


def test_a_planted_journals_command_is_printed_on_one_line(root: Path) -> None:
    folder = root / JOURNAL_DIR
    folder.mkdir()
    data = b"A3\n"
    (folder / "0").write_bytes(data)
    change = {"path": "content/actors/a.id.md", "staged": "0"}
    change["sha256"] = hashlib.sha256(data).hexdigest()
    (folder / "commit").write_text(json.dumps({"command": "x\n{y}\x1b[2J", "changes": [change]}))
    message = recover(root)
    assert message is not None and "\n" not in message and "\x1b" not in message, message
    assert (root / "content/actors/a.id.md").read_bytes() == data


def test_an_uncommitted_journal_is_discarded(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = snapshot(root)
    (root / JOURNAL_DIR).mkdir()
    (root / JOURNAL_DIR / "0").write_bytes(b"staged, never committed")
    message = recover(root)
    assert message is not None and "discarded" in message
    assert snapshot(root) == before and not (root / JOURNAL_DIR).exists()


@pytest.mark.parametrize(
    "path", ["../outside.txt", ".git/hooks/pre-commit", "site.yaml", "/tmp/x", "content/../x"]
)
def test_a_planted_journal_never_writes_outside_content(root: Path, path: str) -> None:
    folder = root / JOURNAL_DIR
    folder.mkdir()
    (folder / "0").write_bytes(b"#!/bin/sh\necho pwned\n")
    record = {"command": "x", "changes": [{"path": path, "staged": "0", "sha256": "0" * 64}]}
    (folder / "commit").write_text(json.dumps(record))
    before = snapshot(root)
    result = run_cli(root, "check")
    assert result.returncode == 1 and "outside content/" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(root) == before
    assert not (root.parent / "outside.txt").exists()


def test_a_planted_journal_with_other_bytes_or_a_link_is_refused(
    root: Path, tmp_path: Path
) -> None:
    secret = tmp_path / "secret"
    secret.write_text("secret")
    folder = root / JOURNAL_DIR
    folder.mkdir()
    (folder / "0").symlink_to(secret)
    (folder / "1").write_bytes(b"other bytes")
    digest = hashlib.sha256(b"secret").hexdigest()
    for staged in ("0", "1"):
        record = {
            "command": "x",
            "changes": [{"path": "content/actors/a.id.md", "staged": staged, "sha256": digest}],
        }
        (folder / "commit").write_text(json.dumps(record))
        with pytest.raises(ExplainerError, match=r"not those committed|staged file"):
            recover(root)
        assert (root / "content/actors/a.id.md").read_text() == "A\n"


def test_one_writing_command_at_a_time(root: Path) -> None:
    fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # another command, mid-change
        with pytest.raises(ExplainerError, match="another explainer command"):
            apply_changes(root, [Write(root / "content/actors/a.id.md", b"x")], "test")
    finally:
        os.close(fd)
    assert (root / "content/actors/a.id.md").read_text() == "A\n"
