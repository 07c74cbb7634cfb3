"""What the writer was already told: each reminder is given once, not on every run.

Owns a reminder's identity (the sha256 of its text, kept per source or
dossier path) and the split of a run's reminders into new ones and ones
already given. A reminder's text names the evidence it is about (the
sentence, the source), so changed evidence makes a new reminder and
unchanged evidence stays quiet. The record lives in the ingest manifest
(`write.Manifest.reminded`); a dry run reads it and never writes it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def split(
    given: Mapping[str, Iterable[str]], key: str, notes: Iterable[str]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """`notes` for `key` as (not yet given, given before), each in order."""
    before = set(given.get(key, ()))
    fresh: list[str] = []
    repeated: list[str] = []
    for note in notes:
        (repeated if digest(note) in before else fresh).append(note)
    return tuple(fresh), tuple(repeated)


def merged(
    given: Mapping[str, Iterable[str]], told: Mapping[str, Iterable[str]]
) -> dict[str, tuple[str, ...]]:
    """The record after this run: what was given before and what was told now."""
    out = {key: set(hashes) for key, hashes in given.items()}
    for key, notes in told.items():
        out.setdefault(key, set()).update(digest(n) for n in notes)
    return {key: tuple(sorted(hashes)) for key, hashes in sorted(out.items()) if hashes}
