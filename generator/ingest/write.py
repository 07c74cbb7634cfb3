"""Writing planned files without ever overwriting a writer's work.

Owns the manifest `content/.ingest-manifest.json` (the sha256 of every file
ingest wrote, and of every reminder already given to the writer, sorted keys) and the decision per file: create it; update it if
it is still exactly what ingest wrote; leave it and report "needs update" if a
writer edited it since; leave a writer's own file alone. Writes are atomic
(a temporary file in the same folder, then os.replace) and never leave the
project folder. A dry run decides the same and writes nothing.

A kill at any moment leaves a state the next run completes: before any file
is written, the manifest records the hash each write will give (`pending`);
a file found with its pending hash is ingest's own, so a re-run finishes the
work instead of calling it "a writer's edit" forever. Temporary files of a
killed run are removed at the start of the next.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.fsguard import atomic_write, remove_stale_temps
from generator.ingest.plan import Planned
from generator.ingest.records import FileAction

MANIFEST = "content/.ingest-manifest.json"


@dataclass(frozen=True)
class Manifest:
    files: Mapping[str, str]  # relative path → sha256 of the text ingest wrote
    # what the writer was already told, per source or dossier: sha256s (see `reminders`)
    reminded: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    pending: Mapping[str, str] = field(default_factory=dict)  # path → hash being written

    def to_text(self) -> str:
        data: dict[str, Any] = {"files": dict(sorted(self.files.items()))}
        if self.reminded:
            data["reminded"] = {k: sorted(v) for k, v in sorted(self.reminded.items())}
        if self.pending:
            data["pending"] = dict(sorted(self.pending.items()))
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
    owned = {str(k): str(v) for k, v in files.items()}
    pending = data.get("pending")
    for rel, wanted in (pending if isinstance(pending, dict) else {}).items():
        # A run killed mid-write: a file with the hash it was being given is ingest's.
        path = root / str(rel)
        if path.is_file() and not path.is_symlink() and sha256(path.read_bytes()) == wanted:
            owned[str(rel)] = str(wanted)
    return Manifest(owned, told)


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
    actions = [_one(root, item, files, dry_run=True) for item in planned]
    writes = [
        item
        for item, action in zip(planned, actions, strict=True)
        if action.action in ("created", "updated")
    ]
    new = Manifest(files, manifest.reminded if reminded is None else reminded)
    manifest_path = root / MANIFEST
    # Compared with the file as it is (it may still carry a killed run's `pending`).
    on_disk = manifest_path.read_text(encoding="utf-8") if manifest_path.is_file() else None
    changed = new.to_text() != on_disk and (bool(files or new.reminded) or on_disk is not None)
    if not dry_run:
        remove_stale_temps(root / "content")
        if writes:  # first the intent, then the files, then the manifest: a kill anywhere converges
            pending = {item.path: sha256(item.text) for item in writes}
            _write(root, MANIFEST, Manifest(manifest.files, manifest.reminded, pending).to_text())
        for item in writes:
            _write(root, item.path, item.text)
        if changed or writes:
            _write(root, MANIFEST, new.to_text())
    if changed:
        actions.append(FileAction(MANIFEST, "updated" if manifest.files else "created"))
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
    atomic_write(target, text.encode("utf-8"))
