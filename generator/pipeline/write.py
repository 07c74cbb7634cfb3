"""Writing a build to disk, all or nothing.

A build is written into a fresh folder beside the output folder and swapped in
only when complete (`pipeline.swap`), so a failed or killed build leaves the
previous output untouched, and every XML output is parsed first.
The output folder must lie inside the project and must be empty, missing, or
a previous build (it carries a marker file): nothing else is ever replaced.
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Callable, Mapping
from pathlib import Path

from generator.errors import ExplainerError
from generator.outputs.xmlsafe import check_xml
from generator.pipeline.swap import fix_modes, recover, staging_dir, swap_in

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


class Retiring:
    """The previous output, deleted in a thread while the build finishes its other work."""

    def __init__(self, folder: Path | None) -> None:
        self._thread = None
        if folder is not None:
            # Not a daemon: the process waits for it at exit, whoever forgets `wait`.
            self._thread = threading.Thread(
                target=shutil.rmtree, args=(folder,), kwargs={"ignore_errors": True}
            )
            self._thread.start()

    def wait(self) -> None:
        if self._thread is not None:
            self._thread.join()


def write_build(
    files: Mapping[str, bytes],
    out: Path,
    project_root: Path,
    finish: Callable[[Path], None] | None = None,
    reuse: Mapping[str, Path] | None = None,
) -> Retiring:
    """Write `files` (relative path → bytes) and swap them in as `out`.

    `reuse` names files of the previous output that are unchanged: they are
    hard-linked into the staging folder (copied where links are not possible)
    instead of being rendered and written again. Nothing ever writes into a
    reused file, so the previous output stays intact until the swap.
    `finish`, if given, runs on the complete staging folder before the swap
    (e.g. a search indexer); if it raises, the previous output stays.
    The previous output is deleted in a thread: `wait` on the result.
    """
    target = check_output_dir(out, project_root)
    target.parent.mkdir(parents=True, exist_ok=True)
    recover(target)  # a build killed mid-swap, or staging folders of killed builds
    check_output_dir(out, project_root)
    check_xml(files)  # a feed no reader can parse is never swapped in
    staging = staging_dir(target)
    try:
        for rel, content in sorted(files.items()):
            path = (staging / rel).resolve()
            if staging.resolve() not in path.parents:
                raise ExplainerError.single(rel, None, "page path escapes the output folder")
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "xb") as handle:
                handle.write(content)
        for rel, source in sorted((reuse or {}).items()):
            path = staging / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(source, path)
            except OSError:
                shutil.copyfile(source, path)
        (staging / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
        if finish is not None:
            finish(staging)
        fix_modes(staging)  # mkdtemp makes it private and the umask may be 077
        retired = swap_in(staging, target, remove_previous=False)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return Retiring(retired)
