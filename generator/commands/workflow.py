"""The writer's-workflow subcommands of `explainer`: new, serve, check, translated.

`generator.cli` parses the arguments and hands them here; problems travel
back as `ExplainerError` (printed by the CLI) or, for `check`, are printed
here with a summary line. Exit codes: 0 fine, 1 errors, 2 usage.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.cli import display_path
from generator.errors import ExplainerError, UsageError


def run(root: Path, args: argparse.Namespace) -> int:
    if args.command == "new":
        return _new(root, args)
    if args.command == "serve":
        return _serve(root, args)
    if args.command == "check":
        return _check(root, args)
    return _translated(root, args)


def _new(root: Path, args: argparse.Namespace) -> int:
    from generator.commands.new import dossier_slug, plan_new, write_new
    from generator.content.config import load_config

    config = load_config(root)
    section, slug = dossier_slug(args.kind, args.slugs)
    files = plan_new(config, section, slug)
    write_new(files)
    for file in files:
        print(f"created {display_path(file.path)}")
    if section == "relationships":
        missing = [a for a in slug.split("--") if a not in _known_slugs(config.content_dir)]
        for actor in missing:
            print(
                f"note: no actor '{actor}' yet: `explainer new actor {actor}`",
                file=sys.stderr,
            )
    return 0


def _known_slugs(content: Path) -> set[str]:
    return {p.name.split(".")[0] for p in content.glob("actors/*.md")}


def _serve(root: Path, args: argparse.Namespace) -> int:
    from generator.server import serve

    out = args.out if args.out is None or args.out.is_absolute() else Path.cwd() / args.out
    if not 0 < args.port < 65536:
        raise UsageError(f"--port {args.port} is not a port number (1-65535)")
    try:
        serve(root, port=args.port, bind=args.bind, out=out, drafts=args.drafts)
    except OSError as exc:
        print(f"explainer: cannot listen on {args.bind}:{args.port}: {exc}", file=sys.stderr)
        return 1
    return 0


def _check(root: Path, args: argparse.Namespace) -> int:
    from generator.checks.rules import check_project, format_json, format_text, format_translations

    report = check_project(root)
    if args.translations:
        print(format_translations(report, args.format == "json"))
        return 1 if report.errors and not report.statuses else 0
    if args.format == "json":
        print(format_json(report, display_path))
    else:
        print(format_text(report, display_path))
    return 1 if report.errors else 0


def _translated(root: Path, args: argparse.Namespace) -> int:
    from generator.content.config import load_config
    from generator.graph.translations import stamp_dossier

    config = load_config(root)
    codes = config.language_codes
    if args.lang not in codes:
        raise UsageError(f"unknown language '{args.lang}': site.yaml lists {', '.join(codes)}")
    source = args.source or next(
        (c for c in (config.default_language, *codes) if c != args.lang), None
    )
    if source is None or source not in codes or source == args.lang:
        raise UsageError("--from must name another language of the site")
    matches = sorted(config.content_dir.glob(f"*/{args.slug}.{args.lang}.md"))
    if not matches:
        raise ExplainerError.single(
            config.content_dir / "<section>" / f"{args.slug}.{args.lang}.md",
            None,
            f"no dossier file for '{args.slug}' in '{args.lang}'",
        )
    section = matches[0].parent.name
    digest = stamp_dossier(config.content_dir, section, args.slug, args.lang, source)
    print(
        f"stamped {display_path(matches[0])}: translated_from: {{lang: {source}, hash: {digest}}}"
    )
    return 0
