"""Rendered pages kept on disk, not in memory, between rendering and writing.

A build renders every page before it knows which to write (it compares each
page's digest with the last build's). Holding them all as bytes made the
build's memory grow with the site's total HTML, about 170 MB at 5,000
dossiers. With a spool, each page is written, as it is rendered (in the
render worker), to a file in a folder beside the output folder, and travels
as a small `Spooled` (path and digest); writing the build moves the file into
place. The folder is named like the build's staging folders
(`.public.spool-<pid>-…`), so a killed build's spool is removed by
`pipeline.swap.recover`.

A build with no output yet (a cold one, which will leave the next build a
spare: `pipeline.spare`) spools its pages as a tree instead: each at its own
path under the spool's `pages/` folder, the folders made by the render workers
while they render. Writing then links each page into place, not moves it, and
that tree, already the output's pages as links, becomes the spare: the spare's
2,000 folders are no longer made one by one after the output is published.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from generator.fsguard import DIR_MODE, FILE_MODE

TREE = "pages"  # the folder of a spool that holds its pages at their output paths


@dataclass(frozen=True)
class Spooled:
    """A rendered file in the spool: where it is, and the digest of its bytes."""

    path: str
    digest: str


# What the pipeline carries for one output file: its bytes, or where they wait.
OutputData = bytes | Spooled


def digest_of(content: OutputData) -> str:
    if isinstance(content, Spooled):
        return content.digest
    return hashlib.sha256(content).hexdigest()


def make_spool(target: Path, *, tree: bool = False) -> Path:
    """A fresh spool folder beside the output folder `target`; with `tree`, one that
    spools pages at their output paths (in its `TREE` folder)."""
    folder = tempfile.mkdtemp(prefix=f".{target.name}.spool-{os.getpid()}-", dir=target.parent)
    if tree:
        os.mkdir(os.path.join(folder, TREE), DIR_MODE)
        os.chmod(os.path.join(folder, TREE), DIR_MODE)
    return Path(folder)


def spool_tree(folder: Path) -> Path | None:
    """The spool's tree of pages, if it spools them as a tree."""
    tree = folder / TREE
    return tree if tree.is_dir() else None


def spool(folder: Path, output: str, data: bytes) -> Spooled:
    """Write `data` (the page for `output`) into the spool folder."""
    tree = os.path.join(folder, TREE)
    if os.path.isdir(tree) and plain_path(output):
        path = os.path.join(tree, output)
        _make_folders(tree, output.rpartition("/")[0])
    else:
        # One file per output: the name only has to be unique within this build.
        path = os.path.join(folder, hashlib.sha256(output.encode()).hexdigest()[:32])
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    with os.fdopen(fd, "wb") as handle:
        os.fchmod(handle.fileno(), FILE_MODE)  # a web server must read it, whatever the umask
        handle.write(data)
    return Spooled(path, hashlib.sha256(data).hexdigest())


def plain_path(rel: str) -> bool:
    """Whether `rel` is a relative path of plain names: no root, `.`, `..` or empty part
    (else a page is spooled flat, and refused where it would be written: `output.put`)."""
    return not any(part in ("", ".", "..") for part in rel.split("/")) and "\0" not in rel


def _make_folders(root: str, rel: str) -> None:
    """`root/rel` and the folders above it, 0755 whatever the umask; another worker may
    make one at the same time."""
    if not rel:
        return
    folder = os.path.join(root, rel)
    try:
        os.mkdir(folder)
    except FileExistsError:
        return
    except FileNotFoundError:
        _make_folders(root, rel.rpartition("/")[0])
        try:
            os.mkdir(folder)
        except FileExistsError:
            return
    os.chmod(folder, DIR_MODE)


def link_into_place(content: OutputData, path: str) -> None:
    """`place`, but a page spooled as a tree is linked, so the tree keeps it too."""
    if isinstance(content, Spooled):
        try:
            os.link(content.path, path)
            return
        except OSError:  # no hard links here: moved, and the spare links it later
            pass
    place(content, path)


def place(content: OutputData, path: str | Path) -> None:
    """Put `content` at `path`, which must not exist: a spooled file is moved there."""
    if isinstance(content, Spooled):
        os.rename(content.path, path)
        return
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    with os.fdopen(fd, "wb") as handle:
        os.fchmod(handle.fileno(), FILE_MODE)
        handle.write(content)


def bytes_of(content: OutputData) -> bytes:
    if isinstance(content, Spooled):
        return Path(content.path).read_bytes()
    return content
