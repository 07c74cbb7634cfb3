"""The `explainer` command: parses arguments, runs a subcommand, prints problems.

This is the one place errors are printed: each as `path:line: severity:
message`, paths relative to the working folder, never a traceback for
anything a writer can cause. Exit 0 on success, 1 on errors, 2 on usage.
The subcommands are the table `generator.commands.COMMANDS`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from generator.commands import COMMANDS
from generator.console import print_problems
from generator.errors import ExplainerError, UsageError, one_line
from generator.fsguard import os_error_message


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="explainer", description="Build a bilingual explainer site from Markdown dossiers."
    )
    parser.add_argument(
        "--project", type=Path, default=Path("."), help="the project folder (default: here)"
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in COMMANDS:
        command.add_arguments(subparsers.add_parser(command.name, help=command.help))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse has printed the usage message
        return 0 if exc.code == 0 else 2
    command = next(c for c in COMMANDS if c.name == args.command)
    try:
        return command.run(args.project, args)
    except UsageError as exc:
        print(f"explainer: {one_line(str(exc))}", file=sys.stderr)
        return 2
    except ExplainerError as exc:
        print_problems(exc.problems)
        count = sum(1 for p in exc.problems if p.severity == "error")
        print(f"{count} error(s); nothing was written", file=sys.stderr)
        return 1
    except OSError as exc:
        # A disk fault (read-only, full, too large, busy): one line naming the path.
        print(os_error_message(exc), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
