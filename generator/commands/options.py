"""Options the commands that do long work share: `--jobs N` and `--quiet`."""

from __future__ import annotations

import argparse

QUIET = "no progress on the terminal (it shows when the work runs longer than 2 s)"


def add_work_arguments(
    parser: argparse.ArgumentParser, *, jobs: bool = True, quiet: str = QUIET
) -> None:
    """`--quiet` (no progress), and `--jobs N` where the work is spread over processes."""
    if jobs:
        parser.add_argument(
            "--jobs",
            type=job_count,
            metavar="N",
            help="use at most N processes (default: EXPLAINER_JOBS, else every core)",
        )
    parser.add_argument(
        "--quiet",
        action="store_true",
        help=quiet,
    )


def job_count(text: str) -> int:
    """A whole number of processes, 1 or more (argparse's `type`)."""
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(
            f"expected a whole number of processes, 1 or more: {text!r}"
        )
    return int(text)
