"""The `explainer` command: parses arguments, runs a subcommand, prints problems.

This is the one place errors are printed: each as `path:line: severity:
message`, paths relative to the working folder, never a traceback for
anything a writer can cause. Exit 0 on success, 1 on errors, 2 on usage.
The subcommands are the table `generator.commands.COMMANDS`. Before any of
them runs, a change a killed command left half made is finished or undone
(`generator.journal.recover`).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from generator.commands import COMMANDS, Command
from generator.console import print_problems
from generator.errors import ExplainerError, UsageError, one_line
from generator.fsguard import os_error_message
from generator.journal import recover


def _parser(chosen: Command | None = None) -> argparse.ArgumentParser:
    """The parser; only the `chosen` command's module is loaded, for its arguments."""
    parser = argparse.ArgumentParser(
        prog="explainer", description="Build a bilingual explainer site from Markdown dossiers."
    )
    parser.add_argument(
        "--project", type=Path, default=Path("."), help="the project folder (default: here)"
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in COMMANDS:
        # Until a command is chosen, its own options (and --help) are left for later.
        sub = subparsers.add_parser(command.name, help=command.help, add_help=chosen is not None)
        if command == chosen:
            command.load().add_arguments(sub)
    return parser


def parse_arguments(argv: Sequence[str] | None) -> tuple[Command, argparse.Namespace]:
    """The command a command line names, and its arguments; SystemExit as argparse's."""
    known, _ = _parser().parse_known_args(argv)  # which command: nothing else is loaded
    command = next(c for c in COMMANDS if c.name == known.command)
    return command, _parser(command).parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    try:
        command, args = parse_arguments(argv)
    except SystemExit as exc:  # argparse has printed the usage message
        return 0 if exc.code == 0 else 2
    try:
        # A writing command killed mid-change is finished (or undone) before anything reads.
        finished = recover(args.project)
        if finished:
            print(finished, file=sys.stderr)
        return command.load().run(args.project, args)
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
