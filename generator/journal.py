"""All-or-nothing changes to `content/`: every write planned, staged, committed, then applied.

A command that edits a writer's files (`rename`, `translated`, `new`) first
works out every change as a value, `Write(path, data)` or `Delete(path)`
(`changes`; paths as the caller names them: absolute, or from the working
folder), and hands the list to `apply_changes`, which:

1. validates every target (`changes`): under `content/`, no symlink on the
   way, a regular file or nothing (nothing, for `Write(..., create=True)`), a
   name within the file system's NAME_MAX and PATH_MAX, on the project's file
   system; a problem names the file and nothing at all is written;
2. stages the new contents, synced, in `.explainer-journal/` at the project
   root (inside the project, outside `content/`: no temporary file ever
   appears among the dossiers);
3. writes the commit record (`commit`: every change, its staged file and that
   file's sha256), whole or not at all, by rename: the moment of decision;
4. applies it: each staged file renamed over its target, each deleted file
   unlinked; then removes the record and the folder.

A command killed before step 3 changed nothing; one killed after it is
finished by the next command: `recover`, which the CLI calls before any
command reads the project, rolls a committed journal forward (each step
idempotent: a staged file already moved is done) or discards an uncommitted
one, and says so in one line. The command writing holds a lock on the
project folder (flock, released by the kernel when the process dies) from
before the journal exists until it is gone, so a journal being written is
never taken for an abandoned one, and two writing commands never interleave.

A journal found in a project (say, committed to a repository) is checked as
strictly as one being made: only files under `content/` are written, only
with staged bytes whose digest the record gives.

    apply_changes(root, [Write(path, text.encode()), Delete(old)], "rename a b")
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import stat
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.changes import Change, Write, path_error, problems_of, relative_path, way_error
from generator.errors import ExplainerError, Problem, one_line

JOURNAL_DIR = ".explainer-journal"
COMMIT = "commit"
WAIT_SECONDS = 5.0  # how long `recover` waits for a writing command to finish


@dataclass(frozen=True)
class _Entry:
    """One file of a journaled change: where it goes, and what is staged for it."""

    path: str  # relative to the project, POSIX
    staged: str | None  # the staged file's name in the journal; None to delete
    sha256: str = ""


def apply_changes(root: Path, changes: Sequence[Change], what: str) -> None:
    """Make every change or none (see the module's docstring); `what` names the command
    in the line `recover` prints if it has to finish them. Raises ExplainerError."""
    entries = [_entry(root, change) for change in changes]
    problems = [p for change in changes for p in problems_of(root, change)]
    seen: set[str] = set()
    for entry in entries:
        if entry.path in seen:
            problems.append(Problem(str(root / entry.path), None, "changed twice by one command"))
        seen.add(entry.path)
    if problems:
        raise ExplainerError(problems)
    folder = root / JOURNAL_DIR
    lock = _lock(root, wait=0)
    if lock is None:
        raise _busy(folder)
    try:
        try:
            os.mkdir(folder, 0o700)
        except FileExistsError:
            raise _busy(folder) from None  # an unfinished journal `recover` could not finish
        try:
            staged = []
            for number, (change, entry) in enumerate(zip(changes, entries, strict=True)):
                if isinstance(change, Write):
                    name = str(number)
                    _write_synced(folder / name, change.data)
                    entry = _Entry(entry.path, name, hashlib.sha256(change.data).hexdigest())
                staged.append(entry)
            # Checked again just before the point of no return: a file made meanwhile.
            late = [p for change in changes for p in problems_of(root, change)]
            if late:
                raise ExplainerError(late)
            _commit(folder, what, staged)
        except BaseException:
            _remove(folder)  # not committed: nothing in content/ was touched
            raise
        _finish(root, folder, staged, "{reason}; the next explainer command finishes the change")
    finally:
        _unlock(lock)


def _busy(folder: Path) -> ExplainerError:
    return ExplainerError.single(
        folder,
        None,
        "another explainer command is changing this project; "
        "run this one again once it has finished",
    )


def recover(root: Path) -> str | None:
    """Finish a committed journal a killed command left, or discard an uncommitted one;
    the line to print about it, or None when there was none (or its command still runs).

    Called before every command: a single `lstat` when there is no journal."""
    folder = root / JOURNAL_DIR
    try:
        info = os.lstat(folder)
    except OSError:
        return None
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
        return None  # not one of ours: a writing command refuses to start beside it
    lock = _lock(root, wait=WAIT_SECONDS)
    if lock is None:
        return None  # its command is alive (or stopped): it finishes its own journal
    try:
        if not os.path.isdir(folder):  # its command finished while we waited
            return None
        record = _read_commit(folder)
        if record is None:
            _remove(folder)
            return (
                "explainer: discarded the unfinished changes of an interrupted command "
                "(nothing had been written)"
            )
        what, entries = record
        _finish(
            root, folder, entries, f"cannot finish the interrupted `explainer {what}`: {{reason}}"
        )
    finally:
        _unlock(lock)
    written = sum(1 for e in entries if e.staged is not None)
    return (
        f"explainer: finished the interrupted `explainer {what}` "
        f"({written} file(s) written, {len(entries) - written} removed)"
    )


def _entry(root: Path, change: Change) -> _Entry:
    """`change` as the record will name it, before anything is staged."""
    return _Entry(relative_path(root, change), None)


def _lock(root: Path, *, wait: float) -> int | None:
    """An exclusive lock on the project folder, held by the descriptor returned (None if
    another process holds it for longer than `wait` seconds). Where the file system
    cannot lock, the descriptor is returned unlocked: journals still work, unguarded."""
    fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return fd
        except BlockingIOError:
            if time.monotonic() >= deadline:
                os.close(fd)
                return None
            time.sleep(0.05)
        except OSError:
            return fd


def _unlock(fd: int) -> None:
    os.close(fd)  # the lock goes with the descriptor


def _write_synced(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
    with os.fdopen(fd, "wb") as stream:
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())


def _sync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _commit(folder: Path, what: str, entries: list[_Entry]) -> None:
    record = {
        "command": what,
        "changes": [
            {"path": e.path, "staged": e.staged, "sha256": e.sha256}
            if e.staged is not None
            else {"path": e.path, "delete": True}
            for e in entries
        ],
    }
    _sync_folder(folder)  # the staged files' names are durable before the record is
    temp = folder / f"{COMMIT}.new"
    _write_synced(temp, json.dumps(record, indent=1, sort_keys=True).encode("utf-8"))
    os.replace(temp, folder / COMMIT)
    _sync_folder(folder)


def _read_commit(folder: Path) -> tuple[str, list[_Entry]] | None:
    """The committed record, or None when there is none; ExplainerError if it is not
    one `apply_changes` could have written (it would write where it may not)."""
    try:
        fd = os.open(folder / COMMIT, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise _damaged(folder, f"unreadable commit record ({exc.strerror})") from None
    with os.fdopen(fd, "rb") as stream:
        raw = stream.read(10_000_000)
    try:
        data: Any = json.loads(raw)
        what = one_line(str(data["command"]))[:200]  # printed: a planted one is one line
        entries = [_parse(item) for item in data["changes"]]
    except (ValueError, KeyError, TypeError, AttributeError):
        raise _damaged(folder, "its commit record is not one explainer wrote") from None
    for entry in entries:
        error = path_error(entry.path)
        if error:
            raise _damaged(folder, f"it would write {entry.path}: {error}")
    return what, entries


def _parse(item: dict[str, Any]) -> _Entry:
    path = item["path"]
    if not isinstance(path, str):
        raise TypeError(path)
    if item.get("delete") is True:
        return _Entry(path, None)
    staged, digest = item["staged"], item["sha256"]
    if not (isinstance(staged, str) and staged.isdigit() and isinstance(digest, str)):
        raise ValueError(staged)
    return _Entry(path, staged, digest)


def _damaged(folder: Path, why: str) -> ExplainerError:
    return ExplainerError.single(
        folder,
        None,
        f"an interrupted command's journal, but {why}: look at it, then remove the folder",
    )


def _apply(root: Path, folder: Path, entries: list[_Entry]) -> None:
    """Make each committed change; any step already made is passed over (so a killed
    recovery is finished by the next one)."""
    touched: set[Path] = set()
    for entry in entries:
        target = root / entry.path
        error, _ = way_error(root, entry.path)
        if error:
            raise _damaged(folder, f"{entry.path}: {error}")
        if entry.staged is None:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(target)
            touched.add(target.parent)
            continue
        staged = folder / entry.staged
        try:
            fd = os.open(staged, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        except FileNotFoundError:
            continue  # moved into place before the kill
        except OSError as exc:  # a symlink (ELOOP): not a file the journal staged
            raise _damaged(folder, f"the staged file for {entry.path}: {exc.strerror}") from None
        with os.fdopen(fd, "rb") as stream:
            regular = stat.S_ISREG(os.fstat(stream.fileno()).st_mode)
            digest = hashlib.sha256(stream.read() if regular else b"").hexdigest()
        if not regular or digest != entry.sha256:
            raise _damaged(folder, f"the staged bytes for {entry.path} are not those committed")
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staged, target)
        touched.add(target.parent)
    for parent in sorted(touched):
        _sync_folder(parent)


def _finish(root: Path, folder: Path, entries: list[_Entry], failed: str) -> None:
    """Apply a committed journal, then remove it; a disk fault is a located error
    (`failed`, with its `{reason}`) and the journal stays for the next command."""
    try:
        _apply(root, folder, entries)
    except OSError as exc:
        reason = str(exc.strerror or exc)
        raise ExplainerError.single(
            exc.filename or folder, None, failed.replace("{reason}", reason)
        ) from None
    _remove(folder)


def _remove(folder: Path) -> None:
    """The journal, gone: its record first (from then on, nothing is committed)."""
    with contextlib.suppress(FileNotFoundError):
        os.unlink(folder / COMMIT)
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
    with contextlib.suppress(OSError):
        os.rmdir(folder)
