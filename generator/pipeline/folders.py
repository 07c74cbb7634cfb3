"""A cold build's page folders, made while its pages render.

Every page is `<path>/index.html`, so a cold build makes a folder per page:
2,000 at 1,000 dossiers, twice (the staging folder, and the linked copy that
becomes the next build's spare, `pipeline.spare`). Made after rendering, on
one core, that was 0.15-0.3 s of the build's serial tail. `EarlyFolders`
makes them in a thread as soon as the pages are planned, while the workers
render (each `mkdir` releases the GIL); writing then only moves files in,
and the spare only links them.

Only into folders this build made empty (a fresh staging folder, a fresh copy
named as a staging folder): a recycled spare is not trusted until
`output._recycle` has emptied it of what it does not keep, so nothing is made
in it early. A build killed meanwhile leaves folders with staging names, which
the next build's `swap.recover` removes.
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from generator.fsguard import DIR_MODE
from generator.pipeline.swap import spare_dir, staging_dir


def parent_folders(names: Iterable[str]) -> list[str]:
    """Every folder the files `names` (relative paths) lie in, each after its parent."""
    folders: set[str] = set()
    for name in names:
        parent = name.rpartition("/")[0]
        while parent and parent not in folders:
            folders.add(parent)
            parent = parent.rpartition("/")[0]
    return sorted(folders)  # a parent sorts before the folders in it


class EarlyFolders:
    """The folders of `names`, made in a thread in the staging folder `fresh()` waits
    for (None: not one this build made empty, so nothing is made), and, with `spare`,
    in a new copy beside `target` that is to become the next build's spare."""

    def __init__(
        self,
        names: Iterable[str],
        fresh: Callable[[], Path | None],
        target: Path,
        *,
        spare: bool,
    ) -> None:
        self._folders = parent_folders(names)
        self._fresh, self._target, self._spare = fresh, target, spare
        self.made: set[str] = set()  # folders made in the staging folder (relative)
        self.copy: Path | None = None  # the spare's copy, with the folders in `copied`
        self.copied: set[str] = set()  # (relative)
        # Not a daemon: the process waits for it at exit, whoever forgets `wait`.
        self._thread = threading.Thread(target=self._make, name="folders")
        self._thread.start()

    def wait(self) -> None:
        self._thread.join()

    def take_copy(self) -> tuple[Path, frozenset[str]] | None:
        """The spare's copy and the folders made in it, now the caller's to finish or remove."""
        self.wait()
        if self.copy is None:
            return None
        copy, self.copy = self.copy, None
        return copy, frozenset(os.path.join(copy, rel) for rel in self.copied)

    def discard(self) -> None:
        """Remove the spare's copy unless it was taken (the staging folder is the build's)."""
        self.wait()
        if self.copy is not None:
            shutil.rmtree(self.copy, ignore_errors=True)
            self.copy = None

    def _make(self) -> None:
        staging = self._fresh()
        if staging is None:
            return
        try:
            _make_all(str(staging), self._folders, self.made)
            target = self._target
            if self._spare and not target.exists() and not spare_dir(target).exists():
                self.copy = staging_dir(target)
                os.chmod(self.copy, DIR_MODE)  # mkdtemp makes it private
                _make_all(str(self.copy), self._folders, self.copied)
        except OSError:  # what was not made here is made as the files are written
            return


def _make_all(root: str, folders: list[str], made: set[str]) -> None:
    """`folders` (relative, parents first) made under `root`, 0755 whatever the umask;
    each added to `made` once it is."""
    for rel in folders:
        path = os.path.join(root, rel)
        os.mkdir(path)
        os.chmod(path, DIR_MODE)
        made.add(rel)
