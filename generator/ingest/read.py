"""Bytes to text: decoding an article file without assuming its encoding.

UTF-8 (with or without a byte-order mark) is tried strictly first; a file that
is not UTF-8 is decoded as Windows-1252 (a superset of Latin-1's printable
range) when that gives text, else Latin-1. Line endings become `\\n`. A file
with NUL bytes or mostly control characters is binary: reported, not read;
the few control characters of a text are dropped. The original file is never
changed.
"""

from __future__ import annotations

import codecs
import unicodedata
from pathlib import Path

from generator.content.controls import strip_controls
from generator.errors import ExplainerError, Problem
from generator.fsguard import MAX_ARTICLE_BYTES, read_bytes
from generator.ingest.records import ReadResult

CONTROL_RATIO = 0.05  # more control characters than this: not an article


def read_article(path: Path, shown: str, root: Path | None = None) -> ReadResult:
    """Read one article; `shown` is the path as the report names it.

    Only a regular file of at most MAX_ARTICLE_BYTES is read; one inside the
    project (`root`) must not be a symlink that leads out of it.
    """
    # An article named outside the project on the command line is the writer's choice.
    inside = root is not None and root.absolute() in path.absolute().parents
    bound = root if root is not None and inside else path.resolve().parent
    try:
        data = read_bytes(path, bound, MAX_ARTICLE_BYTES, shown)
    except ExplainerError as exc:
        return _skip(shown, exc.problems[0].message)
    return decode_article(data, shown)


def decode_article(data: bytes, shown: str) -> ReadResult:
    if not data.strip():
        return _skip(shown, "the file is empty")
    if b"\x00" in data:
        return _skip(shown, "binary file (NUL bytes), not an article: skipped")
    text, encoding = _decode(data)
    if text is None:
        return _skip(shown, "not text in UTF-8 or a single-byte encoding: skipped")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\n\t")
    if controls > CONTROL_RATIO * len(text):
        return _skip(shown, "binary file (control characters), not an article: skipped")
    # A stray control character would be refused in the dossier it lands in: drop it here.
    text = unicodedata.normalize("NFC", strip_controls(text))
    return ReadResult(path=shown, text=text, encoding=encoding)


def _decode(data: bytes) -> tuple[str | None, str | None]:
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[len(codecs.BOM_UTF8) :].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        # cp1252 leaves 0x81, 0x8D, 0x8F, 0x90, 0x9D undefined: then it is not cp1252
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def _skip(shown: str, message: str) -> ReadResult:
    return ReadResult(shown, None, None, Problem(shown, None, message, "warning"))
