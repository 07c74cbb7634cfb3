"""The output folder as one unit: where a build's files go, and how they are published.

A build never writes into the published folder. Its path, top to bottom:

1. `Output.begin(target)`: what a killed build left beside `target` is
   repaired (`swap.recover`), and a spool is made there, where rendered pages
   wait on disk until written (`spool`);
2. `put(files, keep)`: the staging folder (begun by `prepare` while the
   build renders), which is the output before last when there is one
   (`swap.take_spare`), else a hard-linked copy of the output
   (`swap.linked_copy`), else a new folder; emptied of all this build
   does not keep, then given this build's files (a spooled page is moved into
   place) and the unchanged files `keep` names, hard-linked from the output.
   Making and removing a tree of page folders on every build cost more than
   anything else in a one-page rebuild; recycling the spare avoids it. (XML
   outputs come here parsed: `stages.checked_outputs`, `Pipeline.static`.)
3. `commit(finish)`: the marker, `finish` (the search index) run on the
   complete folder, then the atomic swap (`swap.swap_in`). The previous
   output is kept as the next build's spare or deleted in a thread; a build
   that had none (a cold one) makes the spare, a linked copy of its output,
   in a thread: its folders while `put` stages the files, its links while it
   indexes and finishes (`spare.SpareMaker`);
4. `abandon()` on any failure: the staging folder is removed, the output
   stays as it was; `close()` in every case: the spool is removed and the
   retired folder's deletion and the spare's making waited for.

`serve` writes its rebuilds in place instead, each file replaced atomically
while the server reads (`write_in_place`).
The output folder must lie inside the project and must be empty, missing, or
a previous build (it carries the marker file): nothing else is ever replaced.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from generator.errors import ExplainerError
from generator.fsguard import DIR_MODE, FILE_MODE, umask_keeps_modes, walk_files
from generator.pipeline.outdir import MARKER, MARKER_TEXT
from generator.pipeline.spare import LinkedPages, SpareMaker
from generator.pipeline.spool import OutputData, Spooled, make_spool, place
from generator.pipeline.swap import (
    keep_as_spare,
    linked_copy,
    recover,
    staging_dir,
    swap_in,
    take_spare,
)


class Output:
    """One build's way into the output folder `target` (checked by `outdir`)."""

    def __init__(self, target: Path, spool: Path | None) -> None:
        self.target = target
        self.spool = spool  # where rendered pages wait (None: they stay in memory)
        self._staging: Path | None = None
        self._retiring: threading.Thread | None = None  # the previous output's deletion
        self._spare: SpareMaker | None = None  # the next build's spare, begun before the swap
        self._sparing: SpareMaker | None = None  # and finished after it
        self._making: threading.Thread | None = None  # the staging folder, begun early
        self._made: Path | BaseException | None = None
        self._survey: _Survey | None = None  # what the staging folder held, read beside it
        self._staged: list[str] = []  # the files `put` staged, for the spare to link

    @classmethod
    def begin(cls, target: Path, *, spool: bool = True) -> Output:
        target.parent.mkdir(parents=True, exist_ok=True)
        recover(target, MARKER)  # a build killed mid-swap, or folders of killed builds
        return cls(target, make_spool(target) if spool else None)

    def prepare(self) -> None:
        """Begin the staging folder now, in a thread, while the build loads and renders:
        with no spare, copying the output's tree of links (`swap.linked_copy`) is most of a
        one-page rebuild's writing; with one, reading its tree (`_survey`) was. `put`
        waits for it."""
        self._making = threading.Thread(target=self._make_staging, name="staging")
        self._making.start()

    def settle(self) -> None:
        """Wait for the staging folder `prepare` began: no thread of this build's runs
        once this returns, so the build may fork (the cache writer)."""
        if self._making is not None:
            self._making.join()

    def _make_staging(self) -> None:
        try:
            made = (
                take_spare(self.target, MARKER)
                or linked_copy(self.target, MARKER)
                or staging_dir(self.target)
            )
            self._survey = _survey(str(made), str(self.target))
            self._made = made
        except BaseException as exc:  # raised again in the build's own thread, by `put`
            self._made = exc

    def _staging_folder(self) -> Path:
        """The staging folder: the one `prepare` began, else one made now."""
        if self._making is None:
            self._make_staging()
        else:
            self._making.join()
            self._making = None
        made, self._made = self._made, None
        if isinstance(made, BaseException):
            raise made
        assert made is not None
        return made

    def published(self, out: str) -> bool:
        """Whether the output folder holds a build that was written as `out` (the
        build cache records where its build went)."""
        return out == str(self.target) and (self.target / MARKER).is_file()

    def put(
        self,
        files: Mapping[str, OutputData],
        keep: Collection[str] = (),
        keep_folders: Iterable[str] = (),
        *,
        spare: bool = False,
        linked: LinkedPages | None = None,
    ) -> None:
        """Stage `files` (relative path → bytes), and the files of the published output
        that `keep` and `keep_folders` name, unchanged: hard-linked (copied where links
        are not possible), never written into, so the output stays intact until the swap.

        With `spare`, a build that has no previous output to retire (a cold one) makes
        the next build's spare, a linked copy of its output, in a thread (`spare`): its
        folders while the files are staged, its links while the build indexes and
        finishes. So the first rebuild finds a spare, as every later one does, instead of
        copying the output itself. The pages `linked` holds (the search shards') it
        takes as they are."""
        # Plain strings: a Path per kept file was a tenth of a one-page rebuild's writing.
        base = str(self.target)
        reuse = {name: os.path.join(base, name) for name in keep}
        for folder in keep_folders:
            reuse.update(_files_under(self.target, folder))
        for rel in files:
            # No symlink is left in the staging folder (`_recycle` unlinks every entry
            # that is not a real folder or the very file kept, `_Folders` makes real
            # ones): a path of plain names stays inside it, no `resolve` needed.
            if not _plain(rel):
                raise ExplainerError.single(rel, None, "page path escapes the output folder")
        self._staged = [*files, *reuse, MARKER]
        if spare and not self.target.exists():
            self._spare = SpareMaker.begin(self.target, self._staged, linked)
        staging = self._staging_folder()
        self._staging = staging
        survey, self._survey = self._survey, None
        assert survey is not None  # read with the folder, by `_make_staging`
        in_place, kept_folders = _recycle(survey, files, reuse)
        # Modes are set as files are made (0644 files, 0755 folders, whatever the umask:
        # a web server must read them); reused files are links to files already so.
        folders = _Folders(str(staging), kept_folders)
        for rel, content in sorted(files.items()):
            folders.make(rel.rpartition("/")[0])
            place(content, os.path.join(staging, rel))
        for rel, source in sorted(reuse.items()):
            if rel in in_place:
                continue
            folders.make(rel.rpartition("/")[0])
            link = os.path.join(staging, rel)
            try:
                os.link(source, link)
            except OSError:
                shutil.copyfile(source, link)
                os.chmod(link, FILE_MODE)

    def commit(self, finish: Callable[[Path], None] | None = None) -> None:
        """Mark the staged folder a build, run `finish` on it (it sets the modes of what
        it writes), and swap it in; if anything raises, the output stays as it was."""
        staging = self._staging if self._staging is not None else staging_dir(self.target)
        self._staging = staging
        place(MARKER_TEXT.encode(), staging / MARKER)
        if self._spare is not None:  # begun by `put`
            self._spare.stage(staging, early=finish is not None)
        if finish is not None:
            finish(staging)
        if self._spare is not None:
            self._spare.settle()
        retired = swap_in(staging, self.target, remove_previous=False)
        self._staging = None
        if self._spare is not None:
            self._spare.published()
            self._sparing, self._spare = self._spare, None
        if retired is not None and not keep_as_spare(retired, self.target):
            # Not a daemon: the process waits for it at exit, whoever forgets `close`.
            self._retiring = threading.Thread(
                target=shutil.rmtree, args=(retired,), kwargs={"ignore_errors": True}
            )
            self._retiring.start()

    def abandon(self) -> None:
        if self._spare is not None:  # before the staging folder it links goes
            self._spare.abandon()
            self._spare = None
        if self._making is not None:  # begun early, never written into: the next build's spare
            unused = self._staging_folder_or_none()
            kept = unused is not None and (unused / MARKER).is_file()
            if unused is not None and not (kept and keep_as_spare(unused, self.target)):
                shutil.rmtree(unused, ignore_errors=True)
        if self._staging is not None:
            shutil.rmtree(self._staging, ignore_errors=True)
            self._staging = None

    def _staging_folder_or_none(self) -> Path | None:
        try:
            return self._staging_folder()
        except Exception:  # nothing was made
            return None

    def spare_made(self) -> None:
        """Wait for the spare a cold build is making (`put(spare=True)`), if any."""
        if self._sparing is not None:
            self._sparing.wait()
            self._sparing = None

    def close(self, *, wait: bool = True) -> None:
        if self._making is not None:  # a build that failed before writing
            self.abandon()
        if self.spool is not None:
            shutil.rmtree(self.spool, ignore_errors=True)
            self.spool = None
        if wait and self._retiring is not None:
            self._retiring.join()
        if self._spare is not None:  # a commit that raised, and was not abandoned
            self._spare.abandon()
            self._spare = None
        self.spare_made()  # never left running: the next build may want it


def write_whole(target: Path, files: Mapping[str, OutputData]) -> None:
    """Publish exactly `files` as the output folder, all or nothing (`serve`'s first build)."""
    output = Output.begin(target, spool=False)
    try:
        output.put(files)
        output.commit()
    except BaseException:
        output.abandon()
        raise
    finally:
        output.close(wait=False)  # a server need not wait for the old folder to go


def _files_under(root: Path, folder: str) -> dict[str, str]:
    """Every file under `root/folder`, by its path relative to `root`."""
    start = len(str(root)) + 1
    found = {
        entry.path[start:]: entry.path
        for entry in walk_files(str(root / folder))
        if entry.is_file(follow_symlinks=False)
    }
    return dict(sorted(found.items()))


def _plain(rel: str) -> bool:
    """Whether `rel` is a relative path of plain names: no root, `.`, `..` or empty part."""
    return not any(part in ("", ".", "..") for part in rel.split("/")) and "\0" not in rel


@dataclass(frozen=True)
class _Survey:
    """What a staging folder held when it was taken, read in `prepare`'s thread while
    the build loads and renders (walking some 2,000 page folders was two thirds of a
    one-page rebuild's writing). Nothing but this build writes into its staging folder,
    and the output it links is swapped only after `put`."""

    folders: list[tuple[str, str]]  # (path in the folder, real path), parents first
    files: list[tuple[str, str, bool]]  # (path in the folder, real path, is the output's)


def _survey(staging: str, target: str) -> _Survey:
    """Every folder and file in `staging`, and whether each file is the very file (same
    inode) at its path in the output `target`.

    Walked with plain strings and the inodes `scandir` reads with the names: a
    `Path` and an `lstat` per entry were most of a one-page rebuild's writing.
    """
    device = os.stat(staging).st_dev  # the folder made for this build, beside the output
    folders: list[tuple[str, str]] = []
    files: list[tuple[str, str, bool]] = []
    pending = [("", staging)]
    while pending:
        prefix, folder = pending.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                rel = prefix + entry.name
                if entry.is_dir(follow_symlinks=False):
                    folders.append((rel, entry.path))
                    pending.append((rel + "/", entry.path))
                else:
                    same = _same_file(entry, os.path.join(target, rel), device)
                    files.append((rel, entry.path, same))
    return _Survey(folders, files)


def _recycle(
    survey: _Survey, files: Mapping[str, OutputData], reuse: Mapping[str, str]
) -> tuple[set[str], set[str]]:
    """Empty a recycled staging folder (its `survey`) of all this build does not keep
    as it is.

    A file stays only when it is the very file (same inode) that `reuse` names
    in the previous output (every name `reuse` holds is its path in the output,
    as the survey's test was); everything else goes, and so does a folder no
    kept or new file lies in. Returns the files and folders kept.
    """
    wanted: set[str] = set()
    for rel in (*files, *reuse):
        parent = rel.rpartition("/")[0]
        while parent and parent not in wanted:
            wanted.add(parent)
            parent = parent.rpartition("/")[0]
    kept: set[str] = set()
    for rel, path in survey.folders:  # a parent before its children
        parent = rel.rpartition("/")[0]
        if parent and parent not in kept:
            continue  # removed with its parent
        if rel in wanted:
            kept.add(rel)
        else:
            shutil.rmtree(path)
    in_place: set[str] = set()
    for rel, path, same in survey.files:
        parent = rel.rpartition("/")[0]
        if parent and parent not in kept:
            continue
        if same and rel in reuse:
            in_place.add(rel)
        else:
            os.unlink(path)
    return in_place, kept


def _same_file(entry: os.DirEntry[str], source: str, device: int) -> bool:
    """Whether `entry` (in the staging folder, on `device`) is the very file `source` is."""
    if not entry.is_file(follow_symlinks=False):
        return False
    try:
        theirs = os.stat(source, follow_symlinks=False)
    except OSError:
        return False
    return (theirs.st_dev, theirs.st_ino) == (device, entry.inode())


class _Folders:
    """Folders made in the staging folder (by their path in it), each once, 0755
    whatever the umask."""

    def __init__(self, staging: str, kept: set[str]) -> None:
        os.chmod(staging, DIR_MODE)  # mkdtemp makes it private
        self._staging = staging
        self._made = {"", *kept}
        self._fix = not umask_keeps_modes()  # else mkdir makes them 0755: no chmod each

    def make(self, rel: str) -> None:
        if rel in self._made:
            return
        self.make(rel.rpartition("/")[0])
        folder = os.path.join(self._staging, rel)
        try:
            os.mkdir(folder, DIR_MODE)
        except FileExistsError:
            os.chmod(folder, DIR_MODE)
        else:
            if self._fix:
                os.chmod(folder, DIR_MODE)
        self._made.add(rel)


def write_in_place(
    folder: Path,
    files: Mapping[str, OutputData],
    delete: Iterable[str] = (),
    *,
    written: Mapping[str, OutputData] | None = None,
) -> None:
    """Replace `files` and delete `delete` in a published folder (`serve`), each file
    atomically (a browser may be reading it); what `written` holds is there already."""
    root = folder.resolve()
    for name, content in files.items():
        if written is not None and written.get(name) == content:
            continue
        path = _inside(root, name)
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, Spooled):
            os.replace(content.path, path)  # written, with its mode, when it was spooled
            continue
        handle, temp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(content)
            os.chmod(temp, FILE_MODE)
            os.replace(temp, path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
    for name in delete:
        path = _inside(root, name)
        path.unlink(missing_ok=True)
        parent = path.parent
        while parent != root and parent.is_dir() and not any(parent.iterdir()):
            parent.rmdir()
            parent = parent.parent


def _inside(root: Path, name: str) -> Path:
    path = (root / name).resolve()
    if root not in path.parents:
        raise ExplainerError.single(name, None, "page path escapes the output folder")
    return path
