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
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from generator.fsguard import FILE_MODE


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


def make_spool(target: Path) -> Path:
    """A fresh, empty spool folder beside the output folder `target`."""
    return Path(tempfile.mkdtemp(prefix=f".{target.name}.spool-{os.getpid()}-", dir=target.parent))


def spool(folder: Path, output: str, data: bytes) -> Spooled:
    """Write `data` (the page for `output`) into the spool folder."""
    # One file per output: the name only has to be unique within this build.
    name = hashlib.sha256(output.encode()).hexdigest()[:32]
    path = os.path.join(folder, name)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    with os.fdopen(fd, "wb") as handle:
        os.fchmod(handle.fileno(), FILE_MODE)  # a web server must read it, whatever the umask
        handle.write(data)
    return Spooled(path, hashlib.sha256(data).hexdigest())


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
