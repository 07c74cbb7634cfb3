"""`explainer schema`: JSON Schemas of each section's front-matter, for writers' editors.

Writes `.schema/<section>.schema.json` (`content.editor_schema`) from the
site's vocabularies and the dossiers it has now, drafts included; a file
that does not load leaves its slug out, and `check` says why. Writes only
files whose bytes change.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from generator.console import display_path
from generator.content.config import load_config
from generator.content.editor_schema import editor_schemas
from generator.content.load import load_content
from generator.errors import ExplainerError
from generator.fsguard import atomic_write, outside_project


def add_arguments(parser: argparse.ArgumentParser) -> None:
    del parser  # no options: the schemas go where the editor settings `init` wrote expect them


def run(root: Path, args: argparse.Namespace) -> int:
    model, _ = load_content(load_config(root), include_drafts=True)
    for name, data in editor_schemas(model).items():
        path = root / name
        if outside_project(path, root):
            raise ExplainerError.single(path, None, "symlink points outside the project; refused")
        if not path.is_file() or path.read_bytes() != data:
            atomic_write(path, data)
        print(f"wrote {display_path(path)}")
    return 0
