"""`explainer build`: the site into `public/`, all or nothing (`pipeline.build`)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.commands.options import add_jobs, add_quiet
from generator.console import absolute_out, display_path, print_problems
from generator.pipeline.build import run_build
from generator.progress import for_terminal


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors")
    parser.add_argument("--drafts", action="store_true", help="include draft dossiers")
    parser.add_argument("--out", type=Path, help="output folder (default: public/)")
    parser.add_argument(
        "--no-cache", action="store_true", help="ignore and do not write the build cache (.cache/)"
    )
    parser.add_argument("--no-search", action="store_true", help="skip the search index")
    add_jobs(parser)
    add_quiet(parser, "print problems only: no progress, no summary")


def run(root: Path, args: argparse.Namespace) -> int:
    out = absolute_out(args.out)
    with for_terminal(quiet=args.quiet) as progress:
        report = run_build(
            root,
            out=out,
            strict=args.strict,
            drafts=args.drafts,
            search=not args.no_search,
            use_cache=not args.no_cache,
            jobs=args.jobs,
            progress=progress,
        )
    print_problems(report.warnings)
    if args.quiet:  # the problems only
        return 0
    done = (
        "nothing changed"
        if not (report.rendered or report.written)
        else f"rendered {report.rendered}, wrote {report.written} files"
    )
    public = out or root / "public"
    print(f"built {report.pages} pages into {display_path(public)} ({done})", file=sys.stderr)
    # Opened from disk, relative links work but search does not: the server serves it as published.
    project = "" if root == Path(".") else f" --project {display_path(root)}"
    print(
        f"view it: explainer{project} serve (http://127.0.0.1:8000/), "
        f"or open {display_path(public / 'index.html')}",
        file=sys.stderr,
    )
    return 0
