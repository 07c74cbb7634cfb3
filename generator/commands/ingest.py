"""`explainer ingest`: article files become source dossiers and stubs; candidates become actors."""

from __future__ import annotations

import argparse
from pathlib import Path

from generator.commands.options import add_quiet
from generator.content.config import load_config
from generator.errors import ExplainerError, UsageError
from generator.fsguard import atomic_write, read_text
from generator.progress import for_terminal


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH")
    parser.add_argument(
        "--accept",
        nargs="*",
        metavar="NAME",
        default=None,
        help="create these candidates (by name or alias; every proposed one when none is "
        "named) as actors with their kind and aliases, and tag the sources with them",
    )
    parser.add_argument(
        "--accept-file",
        type=Path,
        metavar="FILE",
        help="create the candidates accepted in FILE (written by --candidates, edited by you)",
    )
    parser.add_argument(
        "--candidates",
        type=Path,
        metavar="FILE",
        help="write the proposed candidates to FILE for review (new ones are appended; "
        "your edits are kept); also with --dry-run",
    )
    parser.add_argument("--dry-run", action="store_true", help="report, write nothing")
    parser.add_argument("--report", choices=("text", "json"), default="text")
    add_quiet(parser)


def run(root: Path, args: argparse.Namespace) -> int:
    if not args.paths and args.accept is None and args.accept_file is None:
        raise UsageError("ingest needs article files or folders, or --accept / --accept-file")
    if args.accept is not None and args.accept_file is not None:
        raise UsageError("give --accept or --accept-file, not both")
    # Imported here: every command's arguments are declared at start-up, and the
    # ingester (a few hundred compiled patterns) would cost every `build` 0.1 s.
    from generator.ingest import format_report, ingest
    from generator.ingest.accept import by_names
    from generator.ingest.review_file import proposal_text, read_choices

    config = load_config(root)
    kinds = config.vocabulary.codes("actor_kinds")
    choose = None
    if args.accept is not None:
        names = list(args.accept)
        choose = lambda candidates: by_names(names, candidates)  # noqa: E731
    elif args.accept_file is not None:
        shown, path = _inside(root, args.accept_file)
        chosen = read_choices(read_text(path, root, shown=shown), shown, kinds)
        choose = lambda _: chosen  # noqa: E731  (checked before any article is read)
    with for_terminal(quiet=args.quiet) as progress:
        report = ingest(config, args.paths, dry_run=args.dry_run, choose=choose, progress=progress)
    print(format_report(report, args.report), end="")
    if args.candidates is not None:
        shown, path = _inside(root, args.candidates)
        previous = read_text(path, root, shown=shown) if path.exists() else None
        text = proposal_text(report.candidates, previous, shown, kinds)
        if text != previous:
            atomic_write(path, text.encode("utf-8"))
    # Every article is processed first; an error in one (a missing path, say)
    # still makes the run fail, so CI and scripts notice it.
    problems = [*report.problems, *(p for a in report.articles for p in a.problems)]
    return 1 if any(p.severity == "error" for p in problems) else 0


def _inside(root: Path, given: Path) -> tuple[str, Path]:
    """A file the writer named, as shown in messages; never outside the project."""
    base = root.resolve()
    resolved = given.resolve()  # like the article paths: from where the command runs
    if resolved != base and base not in resolved.parents:
        raise ExplainerError.single(
            str(given), None, "the candidates file must be inside the project folder"
        )
    return resolved.relative_to(base).as_posix(), resolved
