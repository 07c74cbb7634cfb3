"""Writing planned files without ever overwriting a writer's work.

Owns the manifest `content/.ingest-manifest.json` (the sha256 of every file
ingest wrote, and of every reminder already given to the writer, sorted
keys) and the decision per file: create it; update it if it is still exactly
what ingest wrote; leave it and report "needs update" if a writer edited it
since; leave a writer's own file alone. A dry run decides the same and
writes nothing.

Every file of a run and the manifest are written together through the
project's journal (`generator.journal.apply_changes`): all or nothing, only
under `content/`, never through a symlink. A run killed at any moment leaves
the project as before it or, once the next command has recovered the
journal, as after it; an accepting run never leaves its new actors without
the sources they tag, or the sources without their actors.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.changes import Write
from generator.ingest.plan import Planned
from generator.ingest.records import FileAction
from generator.journal import apply_changes

MANIFEST = "content/.ingest-manifest.json"


@dataclass(frozen=True)
class Manifest:
    """What ingest wrote last, and what the writer was told."""

    files: Mapping[str, str]  # relative path → sha256 of the text ingest wrote
    # what the writer was already told, per source or dossier: sha256s (see `reminders`)
    reminded: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def to_text(self) -> str:
        data: dict[str, Any] = {"files": dict(sorted(self.files.items()))}
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
    owned = {str(k): str(v) for k, v in files.items()}
    pending = data.get("pending")
    for rel, wanted in (pending if isinstance(pending, dict) else {}).items():
        # An earlier version's run killed mid-write (it wrote file by file, recording
        # each file's hash first): a file with the hash it was being given is ingest's.
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
    what: str = "ingest",
) -> tuple[list[FileAction], Manifest]:
    """Decide and (unless dry) make every write, all or nothing; return the actions and
    the new manifest. `planned` is written in its order (the accepted actors first).

    `reminded` replaces the manifest's record of reminders given (None keeps it);
    `what` names the run in the line the next command prints if it has to finish it.
    """
    files = dict(manifest.files)
    actions = [_one(root, item, files) for item in planned]
    writes = [
        item
        for item, action in zip(planned, actions, strict=True)
        if action.action in ("created", "updated")
    ]
    new = Manifest(files, manifest.reminded if reminded is None else reminded)
    manifest_path = root / MANIFEST
    # Compared with the file as it is (it may still carry an earlier version's `pending`).
    on_disk = manifest_path.read_text(encoding="utf-8") if manifest_path.is_file() else None
    changed = new.to_text() != on_disk and (bool(files or new.reminded) or on_disk is not None)
    if not dry_run and (writes or changed):
        changes = [Write(root / item.path, item.text.encode("utf-8")) for item in writes]
        changes.append(Write(root / MANIFEST, new.to_text().encode("utf-8")))
        apply_changes(root, changes, what)
    if changed:
        actions.append(FileAction(MANIFEST, "updated" if manifest.files else "created"))
    return actions, new


def _one(root: Path, item: Planned, files: dict[str, str]) -> FileAction:
    """What becomes of one planned file (`files`, the manifest's, updated for it)."""
    path = root / item.path
    wanted = sha256(item.text)
    recorded = files.get(item.path)
    if not path.exists():
        if recorded is not None:
            return FileAction(item.path, "kept", "deleted since ingest wrote it; not recreated")
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
    files[item.path] = wanted
    return FileAction(item.path, "updated")
