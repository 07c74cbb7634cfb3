"""The next build's spare, left by a build that had none (a cold one).

A rebuild updates the output before last (`.public.spare`, named in `swap`)
instead of making a tree of page folders anew. A cold build has no previous
output to keep as the spare, so the first rebuild after it had to copy the
whole output as links first (`swap.linked_copy`: at 1,000 dossiers 4,300
files in 2,100 folders, 0.2-0.4 s of system time), and cost nearly twice a
later rebuild; that is the benchmark's body edit, and a CI job's.

`SpareMaker` makes that copy in the cold build instead, in a thread, where the
build waits anyway: the folders that are in the staging folder before the
search index is written are linked while Pagefind indexes them (`begin`),
what the index added once the output is published (`published`). The copy
has a staging name until it is whole, and only then is renamed the spare, so
a build killed meanwhile leaves a staging folder, which the next build's
`swap.recover` removes; the copy is made by this process, with no child
process that could outlive it.

A spare is never trusted: the next build keeps a file of it only if it is
the very file (device and inode) of the output it keeps (`output._recycle`).
So a copy made while the index was written costs time at worst, never bytes.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import threading
from pathlib import Path

from generator.fsguard import DIR_MODE
from generator.pipeline.swap import keep_as_spare, link_tree, spare_dir, staging_dir


class SpareMaker:
    """A linked copy of a build's output, made in a thread as the build finishes, and
    renamed the spare beside `target` once whole."""

    def __init__(self, staging: Path, target: Path, first: list[str]) -> None:
        self._staging, self._target, self._first = staging, target, first
        self._staged = threading.Event()  # what `first` names is linked: `staging` may move
        self._published = threading.Event()
        self._abandoned = False
        # Not a daemon: the process waits for it at exit, whoever forgets `close`.
        self._thread = threading.Thread(target=self._make, name="spare")

    @classmethod
    def begin(cls, staging: Path, target: Path, *, early: bool) -> SpareMaker | None:
        """Start copying `staging`, the complete output bar its search index, to be the
        spare of `target`, unless there is one already. With `early` (the build will
        index, and wait for it), the folders `staging` holds now are linked at once;
        otherwise all of it is linked once it is published."""
        if spare_dir(target).exists():
            return None
        first = sorted(os.listdir(staging)) if early else []
        maker = cls(staging, target, first)
        maker._thread.start()
        return maker

    def settle(self) -> None:
        """Wait until the folders begun early are linked (sooner than the index is made):
        the staging folder may be swapped in, and its paths change, only then."""
        self._staged.wait()

    def published(self) -> None:
        """The staging folder is now the output: link what is new in it, then name the
        copy the spare (in the thread; `wait` for it)."""
        self._published.set()

    def abandon(self) -> None:
        """The build failed, or was never published: the copy is removed."""
        self._abandoned = True
        self._published.set()
        self.wait()

    def wait(self) -> None:
        self._thread.join()

    def _make(self) -> None:
        copy: Path | None = None
        try:
            copy = staging_dir(self._target)
            os.chmod(copy, DIR_MODE)  # mkdtemp makes it private
            for name in self._first:
                link_tree(self._staging / name, copy / name)
        except (OSError, NotImplementedError):  # as swap.linked_copy
            self._abandoned = True  # nothing more is tried, and the copy goes
        finally:
            self._staged.set()
        self._published.wait()
        if copy is None:
            return
        with contextlib.suppress(OSError, NotImplementedError):
            if not self._abandoned:
                for name in sorted(set(os.listdir(self._target)) - set(self._first)):
                    link_tree(self._target / name, copy / name)
                if keep_as_spare(copy, self._target):
                    return
        shutil.rmtree(copy, ignore_errors=True)
