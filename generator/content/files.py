"""Finding the dossier files of `content/`: `<section>/<slug>.<lang>.md`, and the slug rules.

Names that break the conventions are problems with the file's path, so a
writer sees every misplaced file at once; nothing here reads a file's text.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.content.config import SiteConfig
from generator.content.shapes import SLUG
from generator.errors import Problem
from generator.fsguard import outside_project
from generator.vocabulary import SECTION_BY_NAME, SECTION_NAMES

FILE_NAME = re.compile(r"^(?P<slug>[^.]+)\.(?P<lang>[^.]+)\.md\Z")


@dataclass(frozen=True)
class ContentFile:
    """A content file, located by section, slug and language."""

    section: str
    slug: str
    lang: str
    path: Path


def find_content_files(
    config: SiteConfig, known: Mapping[str, ContentFile] | None = None
) -> tuple[list[ContentFile], list[Problem]]:
    """List the dossier files, reporting names that break the conventions.

    `known` holds files found before, by their path's string (the parse memo's): a
    name is all that makes a file one of them, so one found there again is that
    file (if the site still has its language), not checked and made anew.
    """
    files: list[ContentFile] = []
    problems: list[Problem] = []
    root = config.content_dir
    if not root.is_dir():
        return files, [Problem(str(root), None, "no content/ folder: create it with dossiers")]
    found, linked_dirs = _walk(root)
    problems += [
        Problem(
            str(link), None, f"symlink points outside the project (to {link.resolve()}); refused"
        )
        for link in linked_dirs
        if outside_project(link, config.root)  # a linked file is refused when it is read
    ]
    for parts, name in found:
        again = known.get(name) if known is not None else None
        if again is not None and again.lang in config.language_codes:
            files.append(again)
            continue
        path = Path(name)
        section = parts[0] if len(parts) == 2 else None
        if section not in SECTION_BY_NAME:
            problems.append(
                Problem(
                    str(path),
                    None,
                    f"a dossier lives in content/<section>/, with section one of {', '.join(SECTION_NAMES)}",
                )
            )
            continue
        match = FILE_NAME.match(parts[-1])
        if match is None:
            problems.append(
                Problem(str(path), None, "file name must be <slug>.<lang>.md, e.g. taliban.en.md")
            )
            continue
        slug, lang = match["slug"], match["lang"]
        if lang not in config.language_codes:
            problems.append(
                Problem(
                    str(path),
                    None,
                    f"unknown language '{lang}': site.yaml lists {', '.join(config.language_codes)}",
                )
            )
            continue
        slug_problem = slug_error(section, slug)
        if slug_problem:
            problems.append(Problem(str(path), None, slug_problem))
            continue
        files.append(ContentFile(section, slug, lang, path))
    return files, problems


def _walk(root: Path) -> tuple[list[tuple[tuple[str, ...], str]], list[Path]]:
    """Every `*.md` under `root` (its path's parts below `root`, and its path), in the
    order of sorted Paths; and every symlinked folder, which is not entered.

    One `os.scandir` pass, sorted as strings: `serve` lists content/ after every
    save, and pathlib's parsing and comparisons were most of that (0.1 s at 2,000 files).
    """
    found: list[tuple[tuple[str, ...], str]] = []
    linked: list[Path] = []
    pending: list[tuple[tuple[str, ...], str]] = [((), str(root))]
    while pending:
        parts, folder = pending.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                pending.append(((*parts, entry.name), entry.path))
            elif entry.is_symlink() and entry.is_dir():
                linked.append(Path(entry.path))
            elif entry.name.endswith(".md"):
                found.append(((*parts, entry.name), entry.path))
    found.sort()  # by parts, as Paths compare
    return found, sorted(linked)


def slug_error(section: str, slug: str) -> str | None:
    """Why a slug is not acceptable in a section, or None."""
    if section == "relationships":
        parts = slug.split("--")
        if len(parts) != 2 or not all(SLUG.match(p) for p in parts):
            return f"relationship slug '{slug}' must be two actor slugs joined by '--'"
        misread = next((m for p in parts if (m := _yaml_misreads(p))), None)
        if misread:
            return misread
        if parts[0] >= parts[1]:
            return (
                f"relationship slug '{slug}' must name its two actors in alphabetical order: "
                f"'{'--'.join(sorted(set(parts)))}'"
            )
        return None
    if not SLUG.match(slug):
        return f"slug '{slug}' must be lowercase ASCII letters, digits and single hyphens"
    return _yaml_misreads(slug)


_RESOLVER = yaml.resolver.Resolver()
_MISREAD_AS = {"int": "number", "float": "number", "bool": "true/false value",
               "null": "null (no value)", "timestamp": "date"}  # fmt: skip


def _yaml_misreads(slug: str) -> str | None:
    """A slug YAML reads as something else (`0`, `yes`, `2024-01-02`): written in another
    dossier's front-matter (`sources: [0]`) it would not be a slug."""
    tag = _RESOLVER.resolve(yaml.ScalarNode, slug, (True, False))
    if tag == yaml.resolver.BaseResolver.DEFAULT_SCALAR_TAG:
        return None
    kind = _MISREAD_AS.get(tag.rsplit(":", 1)[-1], "value of another type")
    return (
        f"slug '{slug}' would be read in front-matter as a {kind}, not a slug: "
        f"add a word (e.g. '{slug}-x')"
    )
