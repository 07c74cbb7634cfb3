"""`explainer ingest`: article files become source dossiers and stubs."""

from __future__ import annotations

import argparse
from pathlib import Path

from generator.content.config import load_config
from generator.errors import UsageError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH")
    parser.add_argument(
        "--accept",
        nargs="+",
        metavar="NAME",
        default=[],
        help="turn these candidate names into stub actor dossiers (with their aliases)",
    )
    parser.add_argument("--dry-run", action="store_true", help="report, write nothing")
    parser.add_argument("--report", choices=("text", "json"), default="text")


def run(root: Path, args: argparse.Namespace) -> int:
    if not args.paths and not args.accept:
        raise UsageError("ingest needs article files or folders, or --accept NAME…")
    # Imported here: every command's arguments are declared at start-up, and the
    # ingester (a few hundred compiled patterns) would cost every `build` 0.1 s.
    from generator.ingest import format_report, ingest
    from generator.ingest.accept import accept_candidates

    kinds = load_config(root).vocabulary.codes("actor_kinds")
    report = ingest(root, args.paths, dry_run=args.dry_run, actor_kinds=kinds)
    if args.paths:
        print(format_report(report, args.report))
    if args.accept:
        candidates = [c for a in report.articles if a.analysis for c in a.analysis.candidates]
        languages = load_config(root).language_codes
        for action in accept_candidates(
            root, args.accept, candidates, languages, dry_run=args.dry_run
        ):
            print(
                f"{action.action}: {action.path}" + (f" ({action.reason})" if action.reason else "")
            )
    # Every article is processed first; an error in one (a missing path, say)
    # still makes the run fail, so CI and scripts notice it.
    problems = [*report.problems, *(p for a in report.articles for p in a.problems)]
    return 1 if any(p.severity == "error" for p in problems) else 0
