"""Compiled templates kept between builds (`.cache/templates/`), sealed with the user's key.

Jinja's own file cache unpickles each file and runs the bytecode in it, so a
planted file runs code on every template load. This one stores each compiled
template sealed (`generator.sealed`) and hands Jinja only what carries this
user's seal; anything else is treated as absent and compiled afresh. Files
are opened without following symlinks and replaced by rename.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import jinja2
from jinja2.bccache import Bucket

from generator.sealed import TEMPLATE_CACHE, read_sealed, write_sealed


class SealedBytecodeCache(jinja2.BytecodeCache):
    """Jinja's bytecode cache in `folder` (a private folder of the user's), sealed with `key`."""

    def __init__(self, folder: Path, key: bytes, kind: str = "") -> None:
        self.folder = folder
        self.key = key
        self.kind = kind  # which environment compiled them: its code is not the other's

    def _path(self, bucket: Bucket) -> Path:
        return self.folder / f"__jinja2_{self.kind}{bucket.key}.cache"

    def load_bytecode(self, bucket: Bucket) -> None:
        data = read_sealed(self._path(bucket), self.key, TEMPLATE_CACHE)
        if data is not None:
            bucket.bytecode_from_string(bytes(data))

    def dump_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError):  # not kept: only a slower next build
            write_sealed(self._path(bucket), bucket.bytecode_to_string(), self.key, TEMPLATE_CACHE)
