"""Changes a command makes to `content/`, and whether each may be made.

Owns the values a writing command plans, `Write(path, data)` and
`Delete(path)` (paths as the caller names them: absolute, or from the
working folder), and the checks each target passes before the journal
(`journal.apply_changes`) stages anything: under `content/`, no symlink or
file on the way, a regular file or nothing (nothing, for `Write(...,
create=True)`), a name within the file system's NAME_MAX and PATH_MAX, on the
project's file system. The journal checks a committed record it finds with
the same rules (`path_error`, `way_error`) before it applies it. A target
that may not be written is a message naming it, never an exception.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from generator.errors import Problem

WRITABLE = "content"  # the one folder a journal may write in


@dataclass(frozen=True)
class Write:
    """`path` gets `data` (created, or replaced whole); with `create`, it must not exist."""

    path: Path
    data: bytes
    create: bool = False


@dataclass(frozen=True)
class Delete:
    """`path`, a regular file, is removed."""

    path: Path


Change = Write | Delete


def relative_path(root: Path, change: Change) -> str:
    """Its path relative to `root` (both as the caller names them: absolute, or from
    the working folder), or as given when it is not under `root`."""
    path, base = os.path.abspath(change.path), os.path.abspath(root)
    relative = os.path.relpath(path, base)
    return Path(relative).as_posix() if not relative.startswith("..") else path


def problems_of(root: Path, change: Change) -> list[Problem]:
    """Why `change` may not be made; [] when it may."""
    relative = relative_path(root, change)
    error = path_error(relative) or _target_error(root, relative, change)
    return [Problem(str(root / relative), None, error)] if error else []


def path_error(relative: str) -> str | None:
    parts = PurePosixPath(relative).parts
    if (
        not parts
        or PurePosixPath(relative).is_absolute()
        or ".." in parts
        or len(parts) < 2
        or parts[0] != WRITABLE
    ):
        return f"outside {WRITABLE}/: explainer writes only there"
    return None


def way_error(root: Path, relative: str) -> tuple[str | None, Path]:
    """Why the folders on the way to `relative` may not be written through (a symlink,
    a file), else None; and the deepest of them that exists."""
    folder, nearest = root, root
    for part in PurePosixPath(relative).parts[:-1]:
        folder = folder / part
        info = _lstat(folder)
        if info is None:
            break
        if not stat.S_ISDIR(info.st_mode):
            shown = folder.relative_to(root).as_posix()
            return f"{shown} is a symlink or not a folder; refused", nearest
        nearest = folder
    info = _lstat(root / relative)
    if info is not None and not stat.S_ISREG(info.st_mode):
        return "is a symlink or not a regular file; refused", nearest
    return None, nearest


def _lstat(path: Path) -> os.stat_result | None:
    """`path`'s own status; None when there is nothing there (or the name cannot be)."""
    try:
        return os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:
        if exc.errno == errno.ENAMETOOLONG:  # the limits are checked, and named, after
            return None
        raise


def _target_error(root: Path, relative: str, change: Change) -> str | None:
    error, nearest = way_error(root, relative)
    if error:
        return error
    name_max = os.pathconf(nearest, "PC_NAME_MAX")
    path_max = os.pathconf(nearest, "PC_PATH_MAX")
    longest = max(len(os.fsencode(part)) for part in PurePosixPath(relative).parts)
    if longest > name_max:
        return (
            f"a file name of {longest} bytes; this file system allows {name_max}: "
            "choose a shorter slug"
        )
    full = len(os.fsencode(os.path.abspath(root / relative)))
    if full >= path_max:
        return f"a path of {full} bytes; this file system allows {path_max - 1}"
    if os.stat(nearest).st_dev != os.stat(root).st_dev:
        return "on another file system than the project folder: cannot be replaced atomically"
    exists = _lstat(root / relative) is not None
    if isinstance(change, Delete):
        return None if exists else "no such file to remove"
    if change.create and exists:
        return "exists already; never overwritten"
    return None
