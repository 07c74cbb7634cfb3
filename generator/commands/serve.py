"""`explainer serve`: build, serve with live reload, rebuild what a change affects."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.commands.options import add_jobs
from generator.console import absolute_out
from generator.errors import UsageError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    parser.add_argument("--bind", default="127.0.0.1", help="address (default: 127.0.0.1)")
    parser.add_argument("--drafts", action="store_true", help="include draft dossiers")
    parser.add_argument("--out", type=Path, help="output folder (default: public/)")
    add_jobs(parser)


def run(root: Path, args: argparse.Namespace) -> int:
    if not 0 < args.port < 65536:
        raise UsageError(f"--port {args.port} is not a port number (1-65535)")
    from generator.server import serve  # here: tornado and livereload are for `serve` only

    try:
        out = absolute_out(args.out)
        serve(root, port=args.port, bind=args.bind, out=out, drafts=args.drafts, jobs=args.jobs)
    except OSError as exc:
        print(f"explainer: cannot listen on {args.bind}:{args.port}: {exc}", file=sys.stderr)
        return 1
    return 0
