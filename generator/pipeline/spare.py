"""The next build's spare, left by a build that had none (a cold one).

A rebuild updates the output before last (`.public.spare`, named in `swap`)
instead of making a tree of page folders anew. A cold build has no previous
output to keep as the spare, so the first rebuild after it had to copy the
whole output as links first (`swap.linked_copy`: at 1,000 dossiers 4,300
files in 2,100 folders, 0.2-0.4 s of system time), and cost nearly twice a
later rebuild; that is the benchmark's body edit, and a CI job's.

`SpareMaker` makes that copy in the cold build instead, in a thread, where the
build waits anyway: the files staged before the search index is written are
linked while Pagefind indexes them (`begin`), what the index added once the
output is published (`published`). The files it links are the ones the build
put (`Output.put` names them), so no folder of the output is listed again.
The copy has a staging name until it is whole, and only then is renamed the
spare, so a build killed meanwhile leaves a staging folder, which the next
build's `swap.recover` removes; the copy is made by this process, with no
child process that could outlive it.

Pages a build has linked already, in folders laid out as the output (the
search shards' pages, linked for Pagefind as they render: `search_ahead`), are
not linked again: that tree is handed over once the index is made and
becomes the copy, the few files linked early moved into it (`LinkedPages`).
At 1,000 dossiers that spares about 2,000 folders made and 2,000 removed, and
as many links.

A spare is never trusted: the next build keeps a file of it only if it is
the very file (device and inode) of the output it keeps (`output._recycle`).
So a copy made while the index was written, or a page missing from it, costs
time at worst, never bytes.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import threading
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from pathlib import Path

from generator.fsguard import DIR_MODE, fix_modes, umask_keeps_modes
from generator.pipeline.swap import keep_as_spare, link_tree, spare_dir, staging_dir


@dataclass(frozen=True)
class LinkedPages:
    """Output files a build has hard-linked already, in a tree laid out as the output."""

    pages: frozenset[str]  # their paths in the output
    take: Callable[[], Path | None]  # the tree, handed over once (None: there is none)


class SpareMaker:
    """A linked copy of a build's output, made in a thread as the build finishes, and
    renamed the spare beside `target` once whole."""

    def __init__(self, target: Path, files: list[str], linked: LinkedPages | None) -> None:
        self._target, self._files, self._linked = target, files, linked
        self._staging: Path | None = None
        self._early = False
        self._ready = threading.Event()  # the files are staged (`stage`)
        self._staged = threading.Event()  # what was linked early is: `staging` may move
        self._published = threading.Event()
        self._abandoned = False
        # Not a daemon: the process waits for it at exit, whoever forgets `close`.
        self._thread = threading.Thread(target=self._make, name="spare")

    @classmethod
    def begin(
        cls, target: Path, files: Collection[str] = (), linked: LinkedPages | None = None
    ) -> SpareMaker | None:
        """Start the spare of `target`, unless there is one already: a copy of the output
        about to be staged, whose files are `files` (any other is found by listing the
        output once published). Its folders are made at once, while the build stages
        the files; what `linked` holds is taken as it is."""
        if spare_dir(target).exists():
            return None
        maker = cls(target, sorted(files), linked)
        maker._thread.start()
        return maker

    def stage(self, staging: Path, *, early: bool) -> None:
        """The files are staged in `staging`, the complete output bar its search index.
        With `early` (the build will index, and wait for it), they are linked at once;
        otherwise once the output is published."""
        self._staging, self._early = staging, early
        self._ready.set()

    def settle(self) -> None:
        """Wait until the files begun early are linked (sooner than the index is made):
        the staging folder may be swapped in, and its paths change, only then."""
        self._staged.wait()

    def published(self) -> None:
        """The staging folder is now the output: link what is new in it, then name the
        copy the spare (in the thread; `wait` for it)."""
        self._published.set()

    def abandon(self) -> None:
        """The build failed, or was never published: the copy is removed."""
        self._abandoned = True
        self._ready.set()
        self._published.set()
        self.wait()

    def wait(self) -> None:
        self._thread.join()

    def _make(self) -> None:
        copy: Path | None = None
        made = _Made()
        skip = self._linked.pages if self._linked is not None else frozenset()
        files = [name for name in self._files if name not in skip]
        try:
            copy = staging_dir(self._target)
            os.chmod(copy, DIR_MODE)  # mkdtemp makes it private
            made.folders(copy, files)  # most of the cost: made while the files are staged
            self._ready.wait()
            if self._early and not self._abandoned and self._staging is not None:
                made.link(self._staging, copy, files)
                files = []
        except (OSError, NotImplementedError):  # as swap.linked_copy
            self._abandoned = True  # nothing more is tried, and the copy goes
        finally:
            self._staged.set()
        self._published.wait()
        if copy is None:
            return
        with contextlib.suppress(OSError, NotImplementedError):
            if not self._abandoned:
                made.link(self._target, copy, files)
                tree = self._linked.take() if self._linked is not None else None
                if tree is not None:  # most of the output: it becomes the copy
                    move_tree(copy, tree, fix_modes_too=False)  # the few files linked
                    shutil.rmtree(copy)  # folders both held, emptied
                    os.chmod(tree, DIR_MODE)
                    os.rename(tree, copy)
                listed = {name.partition("/")[0] for name in self._files}
                for name in sorted(set(os.listdir(self._target)) - listed):
                    link_tree(self._target / name, copy / name)
                if keep_as_spare(copy, self._target):
                    return
        shutil.rmtree(copy, ignore_errors=True)


class _Made:
    """The folders of the copy, each made once, 0755 whatever the umask."""

    def __init__(self) -> None:
        self._folders = {""}
        self._fix = not umask_keeps_modes()  # read once: a read of /proc per folder costs

    def folders(self, copy: Path, files: Iterable[str]) -> None:
        """The folders in `copy` that `files` lie in."""
        into = str(copy)
        for rel in files:
            self._make(into, rel.rpartition("/")[0])

    def link(self, source: Path, copy: Path, files: Iterable[str]) -> None:
        """Link each of `files` (paths in `source`) into `copy`, in the same folders."""
        base, into = str(source), str(copy)
        for rel in files:
            self._make(into, rel.rpartition("/")[0])
            os.link(os.path.join(base, rel), os.path.join(into, rel), follow_symlinks=False)

    def _make(self, into: str, rel: str) -> None:
        if rel in self._folders:
            return
        self._make(into, rel.rpartition("/")[0])
        folder = os.path.join(into, rel)
        try:
            os.mkdir(folder, DIR_MODE)
        except FileExistsError:  # moved in with the linked pages (`move_tree`), 0755 then
            pass
        else:
            if self._fix:
                os.chmod(folder, DIR_MODE)
        self._folders.add(rel)


def move_tree(tree: Path, copy: Path, *, fix_modes_too: bool) -> None:
    """Move what `tree` holds into `copy`: a folder `copy` lacks by one rename, a folder
    both hold by moving its entries; what `copy` has already stays. With `fix_modes_too`
    (the umask did not leave them so), the moved folders are made 0755."""
    with os.scandir(tree) as entries:
        for entry in entries:
            into = copy / entry.name
            if entry.is_dir(follow_symlinks=False) and into.is_dir() and not into.is_symlink():
                move_tree(Path(entry.path), into, fix_modes_too=fix_modes_too)
            elif not os.path.lexists(into):
                os.rename(entry.path, into)
                if fix_modes_too and entry.is_dir(follow_symlinks=False):
                    fix_modes(into)
