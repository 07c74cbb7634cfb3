"""The parse memo's share of the build cache, kept in parts (`.cache/parts/`).

The parsed files and merged dossiers are most of the cache (about 90% of its
bytes at 1,000 dossiers), and an edit changes those of one dossier or a few.
So they are split by slug into `PART_COUNT` parts, each its own sealed pickle
named by its seal's MAC, and a build pickles again only the parts whose
entries are not the very objects it read: an edit of one dossier writes one
part, not the whole memo. The rest of the cache (`pipeline.cache`) names the
parts it goes with, and is put in place only after they are all written, so
a cache in place is always whole; parts no cache names are swept after each
commit.

A part is read only when its seal is this user's key's, for parts, and its
MAC is the name the cache gave it: a part is never taken for another, nor
for the cache itself.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import tempfile
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.content.load import ParseMemo, Remembered
from generator.content.model import Dossier
from generator.errors import Problem
from generator.pipeline.swap import alive
from generator.sealed import (
    BUILD_CACHE_PART,
    HEADER_BYTES,
    MAGIC,
    read_private,
    seal,
    unseal,
)
from generator.vocabulary import Vocabularies

PARTS_DIR = "parts"
PART_COUNT = 64  # an edit rewrites one part: about 1/64 of the memo's bytes

Merged = tuple[tuple[str, ...], Dossier, tuple[Problem, ...]]  # ParseMemo.merged_current's


@dataclass(frozen=True)
class Part:
    """One part of the memo: its files (by path) and merged dossiers (by slug), and the
    file it was read from or written to."""

    name: str
    files: Mapping[str, Remembered]
    merged: Mapping[str, Merged]

    def holds(self, files: Mapping[str, Remembered], merged: Mapping[str, Merged]) -> bool:
        """Whether these entries are this part's very objects (so its file holds them)."""
        return _same(self.files, files) and _same(self.merged, merged)


def _same(kept: Mapping[str, object], now: Mapping[str, object]) -> bool:
    return len(kept) == len(now) and all(kept.get(k) is v for k, v in now.items())


def part_of(slug: str) -> int:
    """The part a slug's files and dossier go in (the same in every process and run)."""
    return zlib.crc32(slug.encode("utf-8")) % PART_COUNT


def split(memo: ParseMemo) -> list[tuple[dict[str, Remembered], dict[str, Merged]]]:
    """The memo's current entries, part by part."""
    parts: list[tuple[dict[str, Remembered], dict[str, Merged]]] = [
        ({}, {}) for _ in range(PART_COUNT)
    ]
    number: dict[str, int] = {}  # a slug's part, for its dossier and each of its files
    for slug, merged in memo.merged_current.items():
        number[slug] = part_of(slug)
        parts[number[slug]][1][slug] = merged
    for path, hit in memo.current.items():
        slug = hit.parsed.file.slug
        at = number.get(slug)
        parts[part_of(slug) if at is None else at][0][path] = hit
    return parts


# A part as a cache is saved: the name of a part kept as it was read, the entries of
# one to write, or None for an empty part.
Planned = str | tuple[dict[str, Remembered], dict[str, Merged]] | None


def plan_parts(memo: ParseMemo, before: Sequence[Part | None]) -> tuple[Planned, ...]:
    """The memo's parts: those whose entries are the very objects `before` read are kept
    (by name); the others are to be written."""
    planned: list[Planned] = []
    for number, (files, merged) in enumerate(split(memo)):
        kept = before[number] if number < len(before) else None
        if not files and not merged:
            planned.append(None)
        elif kept is not None and kept.holds(files, merged):
            planned.append(kept.name)
        else:
            planned.append((files, merged))
    return tuple(planned)


def to_write(planned: Sequence[Planned]) -> int:
    return sum(1 for part in planned if isinstance(part, tuple))


def write_parts(
    folder: Path, planned: Sequence[Planned], key: bytes, vocabulary: Vocabularies
) -> tuple[str | None, ...]:
    """Each part's file name (None: an empty part), the planned ones written. Raises
    OSError or a pickling error.

    The files' readers of a part written are given the site's `vocabulary` object
    where theirs is an equal copy: each parse worker's batch brought its own, and a
    part would pickle every copy its files hold (about a tenth of the memo's bytes
    at 1,000 dossiers)."""
    same: dict[int, bool] = {id(vocabulary): True}
    names: list[str | None] = []
    for part in planned:
        if not isinstance(part, tuple):
            names.append(part)
            continue
        files, merged = part
        for hit in files.values():
            reader = hit.parsed.reader
            held = reader.vocabulary
            if held is not vocabulary and same.setdefault(id(held), held == vocabulary):
                reader.vocabulary = vocabulary
        names.append(_write_part(folder, files, merged, key))
    return tuple(names)


def _write_part(
    folder: Path, files: dict[str, Remembered], merged: dict[str, Merged], key: bytes
) -> str:
    data = seal(
        pickle.dumps((files, merged), protocol=pickle.HIGHEST_PROTOCOL), key, BUILD_CACHE_PART
    )
    name = data[len(MAGIC) : HEADER_BYTES].hex()
    path = folder / name  # replaced even if there: what is there may not be these bytes
    handle, temp = tempfile.mkstemp(prefix=f".part-{os.getpid()}-", dir=folder)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temp, path)  # a whole part or none under its name
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    return name


def read_parts(
    folder: Path, names: Sequence[str | None], key: bytes
) -> tuple[ParseMemo, tuple[Part | None, ...]] | None:
    """The memo the named parts hold, and the parts as read; None when any is missing,
    not sealed by `key` for a part, or not the part of that name."""
    memo = ParseMemo()
    parts: list[Part | None] = []
    for name in names:
        if name is None:
            parts.append(None)
            continue
        blob = read_private(folder / name)
        if blob is None or blob[len(MAGIC) : HEADER_BYTES].hex() != name:
            return None
        data = unseal(blob, key, BUILD_CACHE_PART)
        if data is None:
            return None  # never unpickled: not this user's part
        files, merged = pickle.loads(data)
        memo.current.update(files)
        memo.merged_current.update(merged)
        parts.append(Part(name, files, merged))
    return memo, tuple(parts)


def sweep_parts(folder: Path, keep: Sequence[str | None]) -> None:
    """Remove the parts the cache in place does not name (older builds' parts), and the
    temporary files of builds killed while writing one."""
    kept = set(keep)
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            if entry.name in kept or _writing(entry.name):
                continue
            with contextlib.suppress(OSError):
                os.unlink(entry.path)


def _writing(name: str) -> bool:
    """Whether a file is a part another live build is writing."""
    bits = name.split("-")
    return name.startswith(".part-") and len(bits) > 2 and bits[1].isdigit() and alive(int(bits[1]))
