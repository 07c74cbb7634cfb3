"""Options the commands that do long work share: `--jobs N` and `--quiet`."""

from __future__ import annotations

import argparse

QUIET = "no progress on the terminal (it shows when the work runs longer than 2 s)"


def add_jobs(parser: argparse.ArgumentParser) -> None:
    """`--jobs N`: how many processes parse and render, before `EXPLAINER_JOBS`."""
    parser.add_argument(
        "--jobs",
        type=job_count,
        metavar="N",
        help="use at most N processes (default: EXPLAINER_JOBS, else every core)",
    )


def add_quiet(parser: argparse.ArgumentParser, help: str = QUIET) -> None:
    parser.add_argument("--quiet", action="store_true", help=help)


def job_count(text: str) -> int:
    """A whole number of processes, 1 or more (argparse's `type`)."""
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(
            f"expected a whole number of processes, 1 or more: {text!r}"
        )
    return int(text)
