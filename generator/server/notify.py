"""Being told at once that a watched file was written (Linux inotify), so `serve`
need not wait for its next poll.

Polling every POLL_MS stays the rule and the fallback (`watch.snapshot` decides
what changed); this only makes the poll come sooner. A `Notifier` watches
every folder under the project's watched paths for a file closed after
writing, created, deleted or moved, and its `fileno` becomes readable when
one is; `drain` empties it and re-watches, so new folders are watched too.
Where inotify is missing (not Linux, or no watches left), `open_notifier`
returns None and the server only polls.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
from collections.abc import Sequence
from pathlib import Path

# From <sys/inotify.h>: a file closed after writing, created, deleted, moved in or out.
_IN_CLOSE_WRITE = 0x00000008
_IN_MOVED_FROM = 0x00000040
_IN_MOVED_TO = 0x00000080
_IN_CREATE = 0x00000100
_IN_DELETE = 0x00000200
_IN_NONBLOCK = 0o4000
_IN_CLOEXEC = 0o2000000
_EVENTS = _IN_CLOSE_WRITE | _IN_MOVED_FROM | _IN_MOVED_TO | _IN_CREATE | _IN_DELETE


class Notifier:
    """An inotify descriptor watching folders (and everything below them)."""

    def __init__(
        self, libc: ctypes.CDLL, fd: int, trees: Sequence[Path], folders: Sequence[Path]
    ) -> None:
        self._libc = libc
        self._fd = fd
        self._trees = trees  # watched with every folder below them
        self._folders = folders  # watched alone (the project folder, for site.yaml)
        self.watch()

    def fileno(self) -> int:
        return self._fd

    def watch(self) -> None:
        """Watch the folders, and every folder in the trees (once: a folder watched
        already stays as it is)."""
        for alone in self._folders:
            self._libc.inotify_add_watch(self._fd, os.fsencode(str(alone)), _EVENTS)
        for root in self._trees:
            pending = [str(root)] if root.is_dir() else []
            while pending:
                folder = pending.pop()
                self._libc.inotify_add_watch(self._fd, os.fsencode(folder), _EVENTS)
                with contextlib.suppress(OSError), os.scandir(folder) as entries:
                    pending += [e.path for e in entries if e.is_dir(follow_symlinks=False)]

    def drain(self) -> None:
        """Read what is waiting (what changed is the poll's to find out), then re-watch."""
        with contextlib.suppress(BlockingIOError, InterruptedError):
            while os.read(self._fd, 65536):
                pass
        self.watch()

    def close(self) -> None:
        with contextlib.suppress(OSError):
            os.close(self._fd)


def open_notifier(root: Path, watched: Sequence[str]) -> Notifier | None:
    """A notifier for the watched paths of the project at `root`, or None without inotify."""
    name = ctypes.util.find_library("c")
    if name is None:
        return None
    try:
        libc = ctypes.CDLL(name, use_errno=True)
        fd = libc.inotify_init1(_IN_NONBLOCK | _IN_CLOEXEC)
    except (OSError, AttributeError):
        return None
    if fd < 0:
        return None
    # A watched file (site.yaml) is watched through its folder: editors replace it.
    trees = [root / name for name in watched if (root / name).is_dir()]
    folders = [root] if any(not (root / name).is_dir() for name in watched) else []
    try:
        return Notifier(libc, fd, trees, folders)
    except OSError:
        os.close(fd)
        return None
