"""`explainer build`: the site into `public/`, all or nothing."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.console import absolute_out, display_path, print_problems
from generator.pipeline.site import run_build

NAME = "build"
HELP = "build the site into public/"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors")
    parser.add_argument("--drafts", action="store_true", help="include draft dossiers")
    parser.add_argument("--out", type=Path, help="output folder (default: public/)")


def run(root: Path, args: argparse.Namespace) -> int:
    out = absolute_out(args.out)
    result = run_build(root, out=out, strict=args.strict, drafts=args.drafts)
    print_problems(result.warnings)
    pages = sum(1 for name in result.files if name.endswith(".html"))
    where = out or root / "public"
    print(f"built {pages} pages into {display_path(where)}", file=sys.stderr)
    # Opened from disk, relative links work but search does not: the server serves it as published.
    project = "" if root == Path(".") else f" --project {display_path(root)}"
    print(
        f"view it: explainer{project} serve (http://127.0.0.1:8000/), "
        f"or open {display_path(where / 'index.html')}",
        file=sys.stderr,
    )
    return 0
