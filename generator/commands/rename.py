"""`explainer rename OLD NEW`: a new slug for a dossier, without breaking the web.

Moves every language file of the dossier (and, for an actor, of every
relationship it is in: a relationship's slug follows its actors), rewrites
every reference to the old slugs where the loader found them (front-matter
keys, `[[…]]`, `[@…]`, and Markdown links whose path names the slug),
re-stamps the translations that were current so they stay current, and
records the old slugs under `redirect_from:` so the old URLs become small
redirect pages. Only the lines that name an old slug change.

Every change is worked out first, then made through the journal
(`generator.journal`): a target that cannot be written (a new name too long
for the file system, a symlink) stops the rename before anything is written,
and a rename killed at any moment is finished by the next command, or was
never begun.
"""

from __future__ import annotations

import argparse
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from generator.changes import Change, Delete, Write
from generator.checks.links import TextLink, text_links
from generator.console import display_path
from generator.content.config import SiteConfig, load_config
from generator.content.files import slug_error
from generator.content.load import load_content
from generator.content.model import Model, Version
from generator.content.shapes import REF_SLUG
from generator.errors import ExplainerError, UsageError
from generator.fsguard import read_bytes, read_text
from generator.graph.translations import TRANSLATED, site_status, stamped
from generator.journal import apply_changes
from generator.vocabulary import SECTION_NAMES

TOKEN = re.compile(
    r"(?<![a-z0-9-])([a-z0-9]+(?:-[a-z0-9]+)*(?:--[a-z0-9]+(?:-[a-z0-9]+)*)?)(?![a-z0-9-])"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("old", metavar="OLD")
    parser.add_argument("new", metavar="NEW")


@dataclass(frozen=True)
class Move:
    """One file `rename` moves: from where to where."""

    old: Path
    new: Path


def run(root: Path, args: argparse.Namespace) -> int:
    config = load_config(root)
    mapping = slug_mapping(config, args.old, args.new)
    model, _ = load_content(config, include_drafts=True)
    refuse_old_slugs_of_others(model, mapping)
    current = _current_translations(model)
    texts = _rewrite(config, model, mapping)
    moves = _moves(config, mapping)

    def text_of(path: Path) -> str:
        return texts[path] if path in texts else read_text(path, root)

    # The translations that were current are stamped against their originals as
    # rewritten, so they stay current.
    for path, (original, lang) in sorted(current.items()):
        texts[path], _ = stamped(text_of(path), str(path), text_of(original), str(original), lang)
    moved = {m.old: m.new for m in moves}
    changes: list[Change] = []
    for path, text in sorted(texts.items()):
        changes.append(Write(moved.get(path, path), text.encode("utf-8"), create=path in moved))
    for move in moves:
        if move.old not in texts:
            changes.append(Write(move.new, read_bytes(move.old, root), create=True))
        changes.append(Delete(move.old))
    apply_changes(root, changes, f"rename {args.old} {args.new}")
    for move in moves:
        print(f"moved {display_path(move.old)} → {display_path(move.new)}")
    for path in sorted(texts):
        if path not in moved:
            print(f"updated {display_path(path)}")
    print(f"renamed {args.old} → {args.new}; the old URLs redirect to the new pages")
    return 0


def slug_mapping(config: SiteConfig, old: str, new: str) -> dict[str, str]:
    """Old slug → new slug, for the dossier and (for an actor) its relationships."""
    content = config.content_dir
    if not REF_SLUG.fullmatch(old):
        # `**`, `t*` or `../x` would be a glob pattern below: matching, or moving, other files.
        raise UsageError(f"'{old}' is not a slug (lowercase letters, digits, hyphens)")
    found = {s for s in SECTION_NAMES if list((content / s).glob(f"{old}.*.md"))}
    if not found:
        raise UsageError(f"no dossier '{old}' in content/")
    section = sorted(found)[0]
    if section == "relationships":
        raise UsageError("a relationship's slug follows its actors: rename one of the actors")
    error = slug_error(section, new)
    if error:
        raise UsageError(error)
    mapping = {old: new}
    if section == "actors":
        for path in sorted((content / "relationships").glob("*--*.md")):
            slug = path.name.split(".")[0]
            actors = slug.split("--")
            if old in actors:
                mapping[slug] = "--".join(sorted(new if a == old else a for a in actors))
    taken = [
        s
        for s in mapping.values()
        if any(list((content / sec).glob(f"{s}.*.md")) for sec in SECTION_NAMES)
    ]
    if taken:
        raise UsageError(f"'{taken[0]}' exists already: rename never overwrites a dossier")
    return mapping


def refuse_old_slugs_of_others(model: Model, mapping: dict[str, str]) -> None:
    """A new slug another dossier keeps as an old one (its `redirect_from`) would take
    over that redirect: refused before anything is written."""
    for old, new in mapping.items():
        for dossier in model.dossiers.values():
            if dossier.slug == old:
                continue  # renamed back to one of its own old slugs: allowed
            for version in dossier.versions.values():
                if new in version.redirect_from:
                    raise UsageError(
                        f"'{new}' is an old slug of '{dossier.slug}' (redirect_from in "
                        f"{display_path(Path(version.path))}): its old URLs redirect there; "
                        "choose another slug, or remove it from that redirect_from first"
                    )


def _current_translations(model: Model) -> dict[Path, tuple[Path, str]]:
    """Translation file → (its original's file, the original's language), for current ones."""
    out: dict[Path, tuple[Path, str]] = {}
    for status in site_status(model):
        dossier = model.dossiers[status.slug]
        for lang_status in status.languages:
            if lang_status.status == TRANSLATED and lang_status.source_lang:
                original = dossier.versions[lang_status.source_lang]
                out[Path(dossier.versions[lang_status.lang].path)] = (
                    Path(original.path),
                    lang_status.source_lang,
                )
    return out


def _rewrite(config: SiteConfig, model: Model, mapping: dict[str, str]) -> dict[Path, str]:
    """Every file that changes → its new text (at its old path)."""
    lines_to_fix: dict[Path, set[int]] = defaultdict(set)
    for dossier in model.dossiers.values():
        for ref in dossier.refs:
            if ref.slug in mapping and ref.line:
                lines_to_fix[Path(ref.path)].add(ref.line)
        for version in dossier.versions.values():
            for link in _links(version):
                if set(link.href.split("#")[0].split("/")) & set(mapping):
                    lines_to_fix[Path(version.path)].add(link.line)
    out: dict[Path, str] = {}
    for path, numbers in lines_to_fix.items():
        lines = path.read_text(encoding="utf-8").split("\n")
        closing = next((i for i in range(1, len(lines)) if lines[i].rstrip() == "---"), 0)
        for number in sorted(numbers):
            index = number - 1
            lines[index] = _replace(lines[index], mapping)
            # A front-matter value may go on over indented lines (a folded summary, a
            # flow list): a reference's line is where its key starts.
            while index + 1 < closing and lines[index + 1][:1] in (" ", "\t"):
                index += 1
                lines[index] = _replace(lines[index], mapping)
        out[path] = "\n".join(lines)
    for old in mapping:
        renamed = model.dossiers.get(old)
        if renamed is None:
            continue
        first = renamed.versions.get(config.default_language) or next(
            iter(renamed.versions.values())
        )
        path = Path(first.path)
        text = out.get(path) or path.read_text(encoding="utf-8")
        text = _sort_actors(text, first, mapping) if "--" in old else text
        out[path] = _add_redirect(text, old, mapping[old], first)
    return out


def _replace(line: str, mapping: dict[str, str]) -> str:
    return TOKEN.sub(lambda m: mapping.get(m[1], m[1]), line)


def _links(version: Version) -> Iterator[TextLink]:
    if version.summary and version.summary_line:
        yield from text_links(version.summary, version.summary_line)
    yield from text_links(version.body, version.body_line)


def _sort_actors(text: str, version: Version, mapping: dict[str, str]) -> str:
    """A renamed relationship's `actors:` in the order its new slug gives them."""
    lines = text.split("\n")
    line = version.line_of("actors")
    if line is None:
        return text
    flow = re.match(r"^(actors:\s*\[)([^\]]*)(\].*)$", lines[line - 1])
    if flow:
        names = sorted(n.strip() for n in flow[2].split(","))
        lines[line - 1] = f"{flow[1]}{', '.join(names)}{flow[3]}"
    else:
        items = [version.line_of(f"actors.{i}") for i in (0, 1)]
        if all(items):
            values = sorted(lines[n - 1].split("-", 1)[1].strip() for n in items if n)
            for n, value in zip(items, values, strict=True):
                if n:
                    prefix = lines[n - 1].split("-", 1)[0]
                    lines[n - 1] = f"{prefix}- {value}"
    return "\n".join(lines)


def _add_redirect(text: str, old: str, new: str, version: Version) -> str:
    """Add `old` to `redirect_from` (kept, or added before the closing `---`); `new`, the
    slug the dossier takes back when renamed to an old name, leaves it."""
    lines = text.split("\n")
    line = version.line_of("redirect_from")
    if line is not None:
        match = re.match(r"^(redirect_from:\s*\[)([^\]]*)\]", lines[line - 1])
        if match is None:
            raise ExplainerError.single(
                version.path, line, "rename needs redirect_from as a list: [old-slug, …]"
            )
        names = {n.strip() for n in match[2].split(",") if n.strip()} - {new}
        lines[line - 1] = f"redirect_from: [{', '.join(sorted({*names, old}))}]"
        return "\n".join(lines)
    end = next(i for i in range(1, len(lines)) if lines[i].rstrip() == "---")
    lines.insert(end, f"redirect_from: [{old}]  # old URLs that redirect here")
    return "\n".join(lines)


def _moves(config: SiteConfig, mapping: dict[str, str]) -> list[Move]:
    moves = []
    for old, new in mapping.items():
        for section in SECTION_NAMES:
            for path in sorted((config.content_dir / section).glob(f"{old}.*.md")):
                lang = path.name.split(".")[1]
                moves.append(Move(path, path.with_name(f"{new}.{lang}.md")))
    return moves
