"""`explainer translated SLUG LANG`: stamp a translation as up to date with its original.

Only the `translated_from` line of the translation is rewritten (or added
before the closing `---`); every other line stays as the writer wrote it.
The file is replaced through the journal (`generator.journal`): whole or not
at all, even if the command is killed.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from generator.changes import Write
from generator.console import display_path
from generator.content.config import load_config
from generator.content.shapes import REF_SLUG
from generator.errors import ExplainerError, UsageError
from generator.fsguard import read_text
from generator.graph.translations import stamped
from generator.journal import apply_changes
from generator.vocabulary import SECTION_NAMES


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("slug")
    parser.add_argument("lang")
    parser.add_argument("--from", dest="source", help="the original's language")


def run(root: Path, args: argparse.Namespace) -> int:
    config = load_config(root)
    codes = config.language_codes
    if args.lang not in codes:
        raise UsageError(f"unknown language '{args.lang}': site.yaml lists {', '.join(codes)}")
    if not REF_SLUG.match(args.slug):
        raise UsageError(f"'{args.slug}' is not a slug (lowercase letters, digits, hyphens)")
    source = args.source or next(
        (c for c in (config.default_language, *codes) if c != args.lang), None
    )
    if source is None or source not in codes or source == args.lang:
        raise UsageError("--from must name another language of the site")
    matches = [
        config.content_dir / section / f"{args.slug}.{args.lang}.md"
        for section in SECTION_NAMES
        if (config.content_dir / section / f"{args.slug}.{args.lang}.md").is_file()
    ]
    if not matches:
        raise ExplainerError.single(
            config.content_dir / "<section>" / f"{args.slug}.{args.lang}.md",
            None,
            f"no dossier file for '{args.slug}' in '{args.lang}'",
        )
    path = matches[0]
    original = path.with_name(f"{args.slug}.{source}.md")
    if not original.is_file():
        raise ExplainerError.single(original, None, "no such dossier file")
    text, digest = stamped(
        read_text(path, root), str(path), read_text(original, root), str(original), source
    )
    apply_changes(root, [Write(path, text.encode("utf-8"))], f"translated {args.slug} {args.lang}")
    print(f"stamped {display_path(path)}: translated_from: {{lang: {source}, hash: {digest}}}")
    return 0
