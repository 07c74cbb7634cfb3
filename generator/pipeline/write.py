"""Writing a build to disk, all or nothing.

A build is written into a fresh folder beside the output folder and swapped in
only when complete, so a failed build leaves the previous output untouched.
The output folder must lie inside the project and must be empty, missing, or
a previous build (it carries a marker file): nothing else is ever replaced.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path

from generator.errors import ExplainerError

MARKER = ".explainer-build"
MARKER_TEXT = "This folder is written by `explainer build` and replaced on every build.\n"
# Folders of a project that an output folder may never be, nor contain.
PROTECTED = ("content", "templates", "generator", "seeds", "tests", "bench", ".ci", ".git")


def check_output_dir(out: Path, project_root: Path) -> Path:
    """The resolved output folder, or an ExplainerError saying why it is refused."""
    root = project_root.resolve()
    target = out.resolve() if out.is_absolute() else (Path.cwd() / out).resolve()
    if target != root and root not in target.parents:
        raise ExplainerError.single(
            out,
            None,
            f"output folder must be inside the project ({root}); choose e.g. --out public",
        )
    if target == root:
        raise ExplainerError.single(out, None, "output folder cannot be the project folder itself")
    for name in PROTECTED:
        protected = root / name
        if target == protected or protected in target.parents or target in protected.parents:
            raise ExplainerError.single(
                out, None, f"output folder cannot be or contain the project's {name}/ folder"
            )
    if target.exists():
        if not target.is_dir():
            raise ExplainerError.single(out, None, "output path exists and is not a folder")
        if not (target / MARKER).is_file() and any(target.iterdir()):
            raise ExplainerError.single(
                out,
                None,
                f"refusing to replace a folder that is not a previous build (no {MARKER} in it); "
                "empty it or choose another --out",
            )
    return target


def write_build(
    files: Mapping[str, bytes],
    out: Path,
    project_root: Path,
    finish: Callable[[Path], None] | None = None,
    reuse: Mapping[str, Path] | None = None,
) -> Path:
    """Write `files` (relative path → bytes) and swap them in as `out`.

    `reuse` names files of the previous output that are unchanged: they are
    hard-linked into the staging folder (copied where links are not possible)
    instead of being rendered and written again. Nothing ever writes into a
    reused file, so the previous output stays intact until the swap.
    `finish`, if given, runs on the complete staging folder before the swap
    (e.g. a search indexer); if it raises, the previous output stays.
    """
    target = check_output_dir(out, project_root)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))
    try:
        for rel, content in sorted(files.items()):
            path = (staging / rel).resolve()
            if staging.resolve() not in path.parents:
                raise ExplainerError.single(rel, None, "page path escapes the output folder")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
        for rel, source in sorted((reuse or {}).items()):
            path = staging / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(source, path)
            except OSError:
                shutil.copyfile(source, path)
        (staging / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
        os.chmod(staging, 0o755)  # mkdtemp makes it private; a site is for reading
        if finish is not None:
            finish(staging)
        _swap(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target


def _swap(staging: Path, target: Path) -> None:
    if not target.exists():
        staging.rename(target)
        return
    retired = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
    retired.rmdir()
    target.rename(retired)
    try:
        staging.rename(target)
    except OSError:
        retired.rename(target)
        raise
    shutil.rmtree(retired)
