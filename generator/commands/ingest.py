"""`explainer ingest`: article files become source dossiers and stubs."""

from __future__ import annotations

import argparse
from pathlib import Path

from generator.ingest import format_report, ingest

NAME = "ingest"
HELP = "turn article files into source and stub dossiers"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    parser.add_argument("--dry-run", action="store_true", help="report, write nothing")
    parser.add_argument("--report", choices=("text", "json"), default="text")


def run(root: Path, args: argparse.Namespace) -> int:
    report = ingest(root, args.paths, dry_run=args.dry_run)
    print(format_report(report, args.report))
    # Every article is processed first; an error in one (a missing path, say)
    # still makes the run fail, so CI and scripts notice it.
    problems = [*report.problems, *(p for a in report.articles for p in a.problems)]
    return 1 if any(p.severity == "error" for p in problems) else 0
