"""Decoding article files: encodings detected, binaries reported."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.ingest.read import decode_article, read_article

TEXT = "Menteri Luar Negeri Rusia menyambut baik kerja sama dengan Taliban — “sekutu” baru.\nBaris kedua."


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.replace("\n", "\r\n").encode("utf-8"), "utf-8"),
        (TEXT.encode("cp1252"), "cp1252"),
    ],
    ids=["utf-8", "utf-8-sig", "crlf", "cp1252"],
)
def test_encodings(data, encoding):
    result = decode_article(data, "a.txt")
    assert result.problem is None
    assert result.encoding == encoding
    assert result.text == TEXT


def test_latin1_when_not_cp1252():
    result = decode_article(b"caf\xe9 di Kabul, teks yang cukup panjang \x81 untuk dibaca", "b.txt")
    assert result.encoding == "latin-1"
    assert result.text is not None and "café" in result.text


def test_binary_is_a_reported_skip(tmp_path: Path):
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    result = read_article(path, "seeds/image.txt")
    assert result.text is None
    assert result.problem is not None
    assert result.problem.severity == "warning"
    assert result.problem.path == "seeds/image.txt"
    assert "binary" in result.problem.message


def test_control_characters_are_binary():
    result = decode_article(bytes([1, 2, 3, 4, 5, 6, 7, 8]) * 20 + b"teks", "c.txt")
    assert result.text is None and "binary" in result.problem.message
