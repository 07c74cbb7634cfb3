"""Writing a build to disk, all or nothing.

A build is written into a staging folder beside the output folder and swapped
in only when complete (`pipeline.swap`), so a failed or killed build leaves the
previous output untouched, and every XML output is parsed first. The staging
folder is the output before last when there is one (`take_spare`), else a
hard-linked copy of the output (`linked_copy`), updated to this build's files:
making and removing a tree of page folders on every build cost more than
anything else in a one-page rebuild.
The output folder must lie inside the project and must be empty, missing, or
a previous build (it carries a marker file): nothing else is ever replaced.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import threading
from collections.abc import Callable, Mapping
from pathlib import Path

from generator.errors import ExplainerError
from generator.fsguard import DIR_MODE, FILE_MODE
from generator.outputs.xmlsafe import check_xml
from generator.pipeline.outdir import MARKER, MARKER_TEXT, check_output_dir
from generator.pipeline.spool import OutputData, bytes_of, place
from generator.pipeline.swap import (
    keep_as_spare,
    linked_copy,
    recover,
    staging_dir,
    swap_in,
    take_spare,
)


class Retiring:
    """The previous output, deleted in a thread while the build finishes its other work."""

    def __init__(self, folder: Path | None) -> None:
        self._thread = None
        if folder is not None:
            # Not a daemon: the process waits for it at exit, whoever forgets `wait`.
            self._thread = threading.Thread(
                target=shutil.rmtree, args=(folder,), kwargs={"ignore_errors": True}
            )
            self._thread.start()

    def wait(self) -> None:
        if self._thread is not None:
            self._thread.join()


def write_build(
    files: Mapping[str, OutputData],
    out: Path,
    project_root: Path,
    finish: Callable[[Path], None] | None = None,
    reuse: Mapping[str, Path] | None = None,
) -> Retiring:
    """Write `files` (relative path → bytes) and swap them in as `out`.

    `reuse` names files of the previous output that are unchanged: they are
    hard-linked into the staging folder (copied where links are not possible)
    instead of being rendered and written again. Nothing ever writes into a
    reused file, so the previous output stays intact until the swap.
    `finish`, if given, runs on the complete staging folder before the swap
    (e.g. a search indexer); if it raises, the previous output stays.
    The previous output is kept as the next build's staging folder or, when
    it cannot be, deleted in a thread: `wait` on the result.
    """
    target = check_output_dir(out, project_root)
    target.parent.mkdir(parents=True, exist_ok=True)
    recover(target)  # a build killed mid-swap, or staging folders of killed builds
    check_output_dir(out, project_root)
    # A feed no reader can parse is never swapped in.
    check_xml({name: bytes_of(c) for name, c in files.items() if name.endswith(".xml")})
    reuse = reuse or {}
    staging = take_spare(target, MARKER) or linked_copy(target, MARKER) or staging_dir(target)
    try:
        in_place, kept_folders = _recycle(staging, files, reuse)
        # Modes are set as files are made (0644 files, 0755 folders, whatever the umask:
        # a web server must read them); reused files are links to files already so.
        folders = _Folders(staging, kept_folders)
        for rel, content in sorted(files.items()):
            path = (staging / rel).resolve()
            if staging.resolve() not in path.parents:
                raise ExplainerError.single(rel, None, "page path escapes the output folder")
            folders.make(path.parent)
            place(content, path)
        for rel, source in sorted(reuse.items()):
            if rel in in_place:
                continue
            path = staging / rel
            folders.make(path.parent)
            try:
                os.link(source, path)
            except OSError:
                shutil.copyfile(source, path)
                os.chmod(path, FILE_MODE)
        place(MARKER_TEXT.encode(), staging / MARKER)
        if finish is not None:
            finish(staging)  # sets the modes of what it writes (see outputs.search)
        retired = swap_in(staging, target, remove_previous=False)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if retired is not None and keep_as_spare(retired, target):
        return Retiring(None)
    return Retiring(retired)


def _recycle(
    staging: Path, files: Mapping[str, OutputData], reuse: Mapping[str, Path]
) -> tuple[set[str], set[str]]:
    """Empty a recycled staging folder of all this build does not keep as it is.

    A file stays only when it is the very file (same device and inode) that
    `reuse` names in the previous output; everything else goes, and so does a
    folder no kept or new file lies in. Returns the files and folders kept.
    """
    wanted: set[str] = set()
    for rel in (*files, *reuse):
        parent = rel.rpartition("/")[0]
        while parent and parent not in wanted:
            wanted.add(parent)
            parent = parent.rpartition("/")[0]
    in_place: set[str] = set()
    kept: set[str] = set()
    pending = [("", staging)]
    while pending:
        prefix, folder = pending.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                rel = prefix + entry.name
                if entry.is_dir(follow_symlinks=False):
                    if rel in wanted:
                        kept.add(rel)
                        pending.append((rel + "/", Path(entry.path)))
                    else:
                        shutil.rmtree(entry.path)
                elif rel in reuse and _same_file(entry, reuse[rel]):
                    in_place.add(rel)
                else:
                    os.unlink(entry.path)
    return in_place, kept


def _same_file(entry: os.DirEntry[str], source: Path) -> bool:
    if not entry.is_file(follow_symlinks=False):
        return False
    try:
        theirs = os.stat(source, follow_symlinks=False)
    except OSError:
        return False
    ours = entry.stat(follow_symlinks=False)
    return (ours.st_dev, ours.st_ino) == (theirs.st_dev, theirs.st_ino)


class _Folders:
    """Folders made in the staging folder, each once, 0755 whatever the umask."""

    def __init__(self, staging: Path, kept: set[str]) -> None:
        os.chmod(staging, DIR_MODE)  # mkdtemp makes it private
        self._made = {staging, *(staging / rel for rel in kept)}

    def make(self, folder: Path) -> None:
        if folder in self._made:
            return
        self.make(folder.parent)
        with contextlib.suppress(FileExistsError):
            folder.mkdir()
        os.chmod(folder, DIR_MODE)
        self._made.add(folder)
