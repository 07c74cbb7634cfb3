"""The `explainer` command: parses arguments, runs a stage, prints problems.

This is the one place errors are printed: each as `path:line: severity:
message`, paths relative to the working folder, never a traceback for
anything a writer can cause. Exit 0 on success, 1 on errors, 2 on usage.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from generator.errors import ExplainerError, Problem, UsageError


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="explainer", description="Build a bilingual explainer site from Markdown dossiers."
    )
    parser.add_argument(
        "--project", type=Path, default=Path("."), help="the project folder (default: here)"
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build = commands.add_parser("build", help="build the site into public/")
    build.add_argument("--strict", action="store_true", help="treat warnings as errors")
    build.add_argument("--drafts", action="store_true", help="include draft dossiers")
    build.add_argument("--out", type=Path, help="output folder (default: public/)")

    ingest = commands.add_parser("ingest", help="turn article files into source and stub dossiers")
    ingest.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    ingest.add_argument("--dry-run", action="store_true", help="report, write nothing")
    ingest.add_argument("--report", choices=("text", "json"), default="text")
    _workflow_commands(commands)
    return parser


def _workflow_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    new = commands.add_parser("new", help="create a dossier in every language from its archetype")
    new.add_argument("kind", choices=("actor", "relationship", "source", "page"))
    new.add_argument(
        "slugs", nargs="+", metavar="SLUG", help="a slug (two actors for a relationship)"
    )

    serve = commands.add_parser("serve", help="build, serve with live reload, rebuild on change")
    serve.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    serve.add_argument("--bind", default="127.0.0.1", help="address (default: 127.0.0.1)")
    serve.add_argument("--drafts", action="store_true", help="include draft dossiers")
    serve.add_argument("--out", type=Path, help="output folder (default: public/)")

    check = commands.add_parser("check", help="report every problem without writing public/")
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.add_argument(
        "--translations", action="store_true", help="print the translation status table"
    )

    translated = commands.add_parser(
        "translated", help="stamp a translation as up to date with its original"
    )
    translated.add_argument("slug")
    translated.add_argument("lang")
    translated.add_argument("--from", dest="source", help="the original's language")


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse has printed the usage message
        return 0 if exc.code == 0 else 2
    root: Path = args.project
    try:
        if args.command == "build":
            return _build(root, args)
        if args.command == "ingest":
            return _ingest(root, args)
        if args.command in ("new", "serve", "check", "translated"):
            from generator.commands import workflow as workflow_cli

            return workflow_cli.run(root, args)
    except UsageError as exc:
        print(f"explainer: {exc}", file=sys.stderr)
        return 2
    except ExplainerError as exc:
        print_problems(exc.problems)
        count = sum(1 for p in exc.problems if p.severity == "error")
        print(f"{count} error(s); nothing was written", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    return 0


def _build(root: Path, args: argparse.Namespace) -> int:
    from generator.pipeline.site import run_build

    out = args.out if args.out is None or args.out.is_absolute() else Path.cwd() / args.out
    result = run_build(root, out=out, strict=args.strict, drafts=args.drafts)
    print_problems(result.warnings)
    pages = sum(1 for name in result.files if name.endswith(".html"))
    where = out or root / "public"
    print(f"built {pages} pages into {display_path(where)}", file=sys.stderr)
    return 0


def _ingest(root: Path, args: argparse.Namespace) -> int:
    from generator.ingest import format_report, ingest

    report = ingest(root, args.paths, dry_run=args.dry_run)
    print(format_report(report, args.report))
    # Every article is processed first; an error in one (a missing path, say)
    # still makes the run fail, so CI and scripts notice it.
    problems = [*report.problems, *(p for a in report.articles for p in a.problems)]
    return 1 if any(p.severity == "error" for p in problems) else 0


def print_problems(problems: Iterable[Problem]) -> None:
    for problem in problems:
        print(_relative(problem).format(), file=sys.stderr)


def _relative(problem: Problem) -> Problem:
    return replace(problem, path=display_path(problem.path))


def display_path(path: str | Path) -> str:
    """A path as a writer wants to read it: relative to the working folder when inside it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
