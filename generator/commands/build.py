"""`explainer build`: the site into `public/`, all or nothing.

A build with nothing to do is told so by the last build's summary
(`pipeline.summary`) before the pipeline is imported: about a third of a
second of imports that such a build never needs.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.console import absolute_out, display_path, print_problems
from generator.pipeline.outdir import check_output_dir
from generator.pipeline.summary import build_options, unchanged


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors")
    parser.add_argument("--drafts", action="store_true", help="include draft dossiers")
    parser.add_argument("--out", type=Path, help="output folder (default: public/)")
    parser.add_argument(
        "--no-cache", action="store_true", help="ignore and do not write the build cache (.cache/)"
    )
    parser.add_argument("--no-search", action="store_true", help="skip the search index")


def run(root: Path, args: argparse.Namespace) -> int:
    out = absolute_out(args.out)
    where = display_path(out or root / "public")
    target = check_output_dir(out or root / "public", root)
    options = build_options(
        target, drafts=args.drafts, strict=args.strict, search=not args.no_search
    )
    input_stamps, summary = unchanged(root, target, options)
    if summary is not None and not args.no_cache:
        pages, warnings, rendered, written = summary.pages, summary.warnings, 0, 0
    else:
        from generator.pipeline.build import build_into  # the pipeline: only when there is work

        report = build_into(
            root,
            target,
            input_stamps,
            strict=args.strict,
            drafts=args.drafts,
            search=not args.no_search,
            use_cache=not args.no_cache,
        )
        pages, warnings = report.pages, report.warnings
        rendered, written = report.rendered, report.written
    print_problems(warnings)
    done = (
        "nothing changed"
        if not (rendered or written)
        else f"rendered {rendered}, wrote {written} files"
    )
    print(f"built {pages} pages into {where} ({done})", file=sys.stderr)
    # Opened from disk, relative links work but search does not: the server serves it as published.
    project = "" if root == Path(".") else f" --project {display_path(root)}"
    print(
        f"view it: explainer{project} serve (http://127.0.0.1:8000/), "
        f"or open {display_path((out or root / 'public') / 'index.html')}",
        file=sys.stderr,
    )
    return 0
