"""The output folder: where a build may write (`check_output_dir`), and its marker.

Light on purpose (no pipeline imports): a build with nothing to do checks its
output folder and stops before the pipeline is even imported.
"""

from __future__ import annotations

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
