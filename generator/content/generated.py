"""Texts the ingester generated, and whether a writer has changed them since.

A file or timeline event ingest writes from structured evidence carries
`generated: <digest>`, the first 12 hex digits of the SHA-256 of the text it
wrote. While the text still has that digest it is the ingester's words, not
a writer's: `check` lists it. Once a writer edits the text the digest no
longer matches, and the text is theirs (the stale key can stay or go).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping

DIGEST_LENGTH = 12


def digest(text: str | Mapping[str, str]) -> str:
    """The digest of a text, or of a text per language (order-independent)."""
    plain = text if isinstance(text, str) else json.dumps(dict(text), sort_keys=True)
    return hashlib.sha256(plain.strip().encode("utf-8")).hexdigest()[:DIGEST_LENGTH]


def still_generated(mark: object, text: str | Mapping[str, str]) -> bool:
    return isinstance(mark, str) and mark == digest(text)
