"""Writing planned files without ever overwriting a writer's work.

Owns the manifest `content/.ingest-manifest.json` (the sha256 of every file
ingest wrote, and of every reminder already given to the writer, sorted keys) and the decision per file: create it; update it if
it is still exactly what ingest wrote; leave it and report "needs update" if a
writer edited it since; leave a writer's own file alone. Writes are atomic
(a temporary file in the same folder, then os.replace) and never leave the
project folder. A dry run decides the same and writes nothing.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from generator.ingest.plan import Planned
from generator.ingest.records import FileAction

MANIFEST = "content/.ingest-manifest.json"


@dataclass(frozen=True)
class Manifest:
    files: Mapping[str, str]  # relative path → sha256 of the text ingest wrote
    # what the writer was already told, per source or dossier: sha256s (see `reminders`)
    reminded: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def to_text(self) -> str:
        data: dict[str, object] = {"files": dict(sorted(self.files.items()))}
        if self.reminded:
            data["reminded"] = {k: sorted(v) for k, v in sorted(self.reminded.items())}
        return json.dumps(data, indent=2, sort_keys=True) + "\n"


def load_manifest(root: Path) -> Manifest:
    path = root / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Manifest({})
    files = data.get("files") if isinstance(data, dict) else None
    if not isinstance(files, dict):
        return Manifest({})
    reminded = data.get("reminded")
    told = {
        str(k): tuple(str(h) for h in v)
        for k, v in (reminded.items() if isinstance(reminded, dict) else ())
        if isinstance(v, list)
    }
    return Manifest({str(k): str(v) for k, v in files.items()}, told)


def sha256(text: str | bytes) -> str:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return hashlib.sha256(data).hexdigest()


def owned_unchanged(root: Path, rel: str, manifest: Manifest) -> bool:
    """True when `rel` is a file ingest wrote and nobody has edited since."""
    recorded = manifest.files.get(rel)
    path = root / rel
    return recorded is not None and path.is_file() and sha256(path.read_bytes()) == recorded


def apply(
    root: Path,
    planned: Sequence[Planned],
    manifest: Manifest,
    *,
    dry_run: bool,
    reminded: Mapping[str, tuple[str, ...]] | None = None,
) -> tuple[list[FileAction], Manifest]:
    """Decide and (unless dry) perform every write; return actions and the new manifest.

    `reminded` replaces the manifest's record of reminders given (None keeps it).
    """
    files = dict(manifest.files)
    actions: list[FileAction] = []
    for item in planned:
        action = _one(root, item, files, dry_run=dry_run)
        actions.append(action)
    new = Manifest(files, manifest.reminded if reminded is None else reminded)
    if new.to_text() != manifest.to_text() or (not (root / MANIFEST).exists() and files):
        actions.append(FileAction(MANIFEST, "updated" if manifest.files else "created"))
        if not dry_run:
            _write(root, MANIFEST, new.to_text())
    return actions, new


def _one(root: Path, item: Planned, files: dict[str, str], *, dry_run: bool) -> FileAction:
    path = root / item.path
    wanted = sha256(item.text)
    recorded = files.get(item.path)
    if not path.exists():
        if recorded is not None:
            return FileAction(item.path, "kept", "deleted since ingest wrote it; not recreated")
        if not dry_run:
            _write(root, item.path, item.text)
        files[item.path] = wanted
        return FileAction(item.path, "created")
    current = sha256(path.read_bytes())
    if current == wanted:
        files[item.path] = wanted
        return FileAction(item.path, "unchanged")
    if recorded is None:
        return FileAction(item.path, "kept", "a writer's file; ingest does not touch it")
    if recorded != current:
        return FileAction(
            item.path, "needs update", "edited since ingest wrote it; not overwritten"
        )
    if not dry_run:
        _write(root, item.path, item.text)
    files[item.path] = wanted
    return FileAction(item.path, "updated")


def _write(root: Path, rel: str, text: str) -> None:
    base = root.resolve()
    target = (root / rel).resolve()
    if base != target and base not in target.parents:
        raise ValueError(f"refusing to write outside the project folder: {rel}")
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
