"""The last build in brief (`.cache/summary.json`), and whether a build may stop at it.

A build with nothing to do is the most common one a writer or CI runs twice;
it needs only this: the stamps of every input file, the build's options, the
generator's code fingerprint and the summary of the last build. So this
module imports nothing of the pipeline, and `explainer build` asks it first
(`unchanged`), before the pipeline (Jinja, markdown-it, the model) is imported.

The summary is JSON (the fields of `Summary`), written with the build cache
(`pipeline.cache.CacheWriter`). It decides whether a build runs at all, so
like the cache it is sealed with the user's key (`generator.sealed`): one a
repository carries is not this user's and is ignored.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from generator.clock import today
from generator.errors import Problem
from generator.fsguard import file_stamp, walk_files
from generator.pipeline.outdir import MARKER
from generator.sealed import BUILD_SUMMARY, private_folder, read_sealed, user_key
from generator.theme_files import SITE_TEMPLATES

CACHE_DIR = ".cache"
SUMMARY_FILE = "summary.json"  # what a build that changes nothing needs, without the pickle
PACKAGE = Path(__file__).resolve().parent.parent


CODE_SUFFIXES = (".py", ".yaml", ".html", ".md")  # the generator's source and data files


@cache
def code_fingerprint() -> str:
    """A digest of the generator's source and data files and the Python version.

    Every build asks for it (a nothing-changed build too): the package is walked
    with `scandir` and plain strings, past `__pycache__`, not with `Path.rglob`,
    whose Paths, sorting and `is_file` were half of its 6 ms.
    """
    digest = hashlib.sha256(sys.version.encode())
    for name, path in _code_files(str(PACKAGE)):
        digest.update(name.encode())
        with open(path, "rb") as stream:
            digest.update(stream.read())
    return digest.hexdigest()


def _code_files(package: str) -> list[tuple[str, str]]:
    """(path relative to the package, path) of each of its source and data files, sorted."""
    found: list[tuple[str, str]] = []
    pending = [("", package)]
    while pending:
        prefix, folder = pending.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    if entry.name != "__pycache__":
                        pending.append((f"{prefix}{entry.name}/", entry.path))
                elif entry.name.endswith(CODE_SUFFIXES) and entry.is_file():
                    found.append((prefix + entry.name, entry.path))
    return sorted(found)


def input_stamps_digest(root: Path, options: str) -> str:
    """A digest of the stamp of every file the build reads (site.yaml, content/,
    templates/) and of its options.

    Of each file's path and stamp (inode, size, modification and change times),
    not its bytes: deciding that nothing changed reads no file. Any write to a
    file sets its change time, which no writer can set back, so equal stamps
    mean equal bytes; a stamp that differs with the same bytes (a checkout, a
    copy) only sends the build on to compare the files themselves.
    """
    digest = hashlib.sha256(options.encode())
    stamps = [_stamp(str(root / "site.yaml"), "site.yaml")]
    for name in ("content", SITE_TEMPLATES):  # SiteConfig's folders, without reading it
        base = str(root / name)
        # Named from the project folder: `cd site && build` and `--project site build` agree.
        stamps += [_stamp(e.path, name + e.path[len(base) :]) for e in walk_files(base)]
    for stamp in sorted(stamps):
        digest.update(stamp.encode())
    return digest.hexdigest()


def _stamp(path: str, name: str) -> str:
    return f"{name}\0{file_stamp(path)}\n"  # None: unreadable, a change like any other


@dataclass(frozen=True)
class Summary:
    """The last build in brief: enough to see that nothing changed, and to say so."""

    code: str
    input_stamps: str
    out: str
    pages: int
    warnings: tuple[Problem, ...]


def read_summary(root: Path) -> Summary | None:
    folder = private_folder(root, CACHE_DIR, create=False)
    data = None if folder is None else read_sealed(folder / SUMMARY_FILE, user_key(), BUILD_SUMMARY)
    if data is None:
        return None
    try:
        raw = json.loads(bytes(data).decode("utf-8"))
        warnings = tuple(Problem(**item) for item in raw["warnings"])
        summary = Summary(raw["code"], raw["input_stamps"], raw["out"], int(raw["pages"]), warnings)
    except (ValueError, KeyError, TypeError):
        return None
    return summary if summary.code == code_fingerprint() else None


def build_options(target: Path, *, drafts: bool, strict: bool, search: bool) -> str:
    """The options a build's output depends on, as part of its inputs' digest."""
    # A dossier with a future publish_date appears on its day: the day is an input too.
    return f"drafts={drafts} strict={strict} search={search} out={target} today={today()}"


def unchanged(root: Path, target: Path, options: str) -> tuple[str, Summary | None]:
    """The digest of this build's input stamps, and the last build's summary when the
    build into `target` has nothing to do (same stamps and options, its output still there)."""
    stamps = input_stamps_digest(root, options)
    summary = read_summary(root)
    same = summary is not None and (summary.input_stamps, summary.out) == (stamps, str(target))
    return stamps, summary if same and (target / MARKER).is_file() else None
