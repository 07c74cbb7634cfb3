"""`explainer check`: report everything a writer should fix; writes nothing.

The checking itself is `generator.pipeline.check.check_site` (the same
pipeline as `build`); this module only formats the report.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

from generator.commands.options import add_jobs, add_quiet
from generator.console import display_path
from generator.pipeline.check import CheckReport, check_site
from generator.progress import for_terminal


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument(
        "--translations", action="store_true", help="print the translation status table"
    )
    add_jobs(parser)
    add_quiet(parser)


def run(root: Path, args: argparse.Namespace) -> int:
    with for_terminal(quiet=args.quiet) as progress:
        report = check_site(root, jobs=args.jobs, progress=progress)
    if args.translations:
        print(format_translations(report, args.format == "json"))
        return 1 if report.errors and not report.statuses else 0
    print(format_json(report) if args.format == "json" else format_text(report))
    return 1 if report.errors else 0


def format_text(report: CheckReport) -> str:
    lines = [replace(p, path=display_path(p.path)).format() for p in report.problems]
    files = len({p.path for p in report.problems})
    if report.problems:
        lines.append(f"{report.errors} error(s), {report.warnings} warning(s) in {files} file(s)")
    else:
        lines.append(f"clean: no problems ({report.pages_rendered} pages checked)")
    return "\n".join(lines)


def format_json(report: CheckReport) -> str:
    return json.dumps(
        {
            "errors": report.errors,
            "warnings": report.warnings,
            "pages_checked": report.pages_rendered,
            "problems": [
                {
                    "path": display_path(p.path),
                    "line": p.line,
                    "column": p.column,
                    "severity": p.severity,
                    "message": p.message,
                }
                for p in report.problems
            ],
        },
        indent=2,
        ensure_ascii=False,
    )


def format_translations(report: CheckReport, as_json: bool) -> str:
    """A table: one row per dossier, one column per language (translated/stale/missing)."""
    if as_json:
        return json.dumps(
            [
                {
                    "section": s.section,
                    "slug": s.slug,
                    "languages": {
                        ls.lang: {"status": ls.status, "current_hash": ls.current_hash}
                        for ls in s.languages
                    },
                }
                for s in report.statuses
            ],
            indent=2,
            ensure_ascii=False,
        )
    header = ["dossier", *report.languages]
    rows = [[f"{s.section}/{s.slug}", *(ls.status for ls in s.languages)] for s in report.statuses]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    out = [
        "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip()
        for row in [header, *rows]
    ]
    counts: dict[str, int] = defaultdict(int)
    for s in report.statuses:
        for ls in s.languages:
            counts[ls.status] += 1
    out.append(", ".join(f"{n} {status}" for status, n in sorted(counts.items())) or "no dossiers")
    return "\n".join(out)
