"""`explainer new`: a new dossier in every configured language, from archetypes.

An archetype is `archetypes/<section>.md` (the site's templates/, else the theme's), a Jinja template (plain
text with `{{ slug }}`-style placeholders works too) that receives the slug,
the file's language, whether it is the default language's file, and the
closed vocabularies. Language-neutral keys go in the default language's file
only: the archetype tests `default`. Without an archetype, a minimal file is
written from the schema. Existing files are never overwritten, and every new
file is parsed before anything is written, so a broken archetype is reported
at its own path.

`new actor a b c` makes several dossiers at once: all of them, or (one slug
taken, or too long for the file system) none, through the journal
(`generator.journal`), so a kill leaves no half of them either.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from generator.changes import Write
from generator.console import display_path
from generator.content.config import SiteConfig, load_config
from generator.content.files import ContentFile, slug_error
from generator.content.parse import parse_file
from generator.content.shapes import NEUTRAL_SHAPES
from generator.errors import ExplainerError, Problem, UsageError
from generator.fsguard import check_readable
from generator.journal import apply_changes
from generator.theme_files import ARCHETYPES_DIR, find
from generator.vocabulary import SECTIONS

# `explainer new <kind>` → content section.
KINDS = {section.singular: section.name for section in SECTIONS}
MAX_SLUG = 100  # a file name is at most 255 bytes: slug, language and .md must fit


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("kind", choices=tuple(KINDS))
    parser.add_argument(
        "slugs",
        nargs="+",
        metavar="SLUG",
        help="one or more slugs, one dossier each (a relationship: its two actors)",
    )


def run(root: Path, args: argparse.Namespace) -> int:
    config = load_config(root)
    section, slugs = dossier_slugs(args.kind, args.slugs)
    files = [file for slug in slugs for file in plan_new(config, section, slug)]
    writes = [Write(file.path, file.text.encode("utf-8"), create=True) for file in files]
    apply_changes(root, writes, f"new {args.kind} {' '.join(args.slugs)}")  # never overwrites
    for file in files:
        print(f"created {display_path(file.path)}")
    if section == "relationships":
        known = {p.name.split(".")[0] for p in config.content_dir.glob("actors/*.md")}
        for actor in (a for a in slugs[0].split("--") if a not in known):
            print(f"note: no actor '{actor}' yet: `explainer new actor {actor}`", file=sys.stderr)
    return 0


@dataclass(frozen=True)
class NewFile:
    """A file `new` writes, and its text."""

    path: Path
    text: str


def dossier_slugs(kind: str, names: Sequence[str]) -> tuple[str, list[str]]:
    """(section, slugs) for `new KIND NAMES…`; UsageError/ExplainerError when they are wrong.

    A relationship is one dossier named by its two actors; any other kind takes
    one slug per dossier."""
    section = KINDS.get(kind)
    if section is None:
        raise UsageError(f"unknown dossier kind '{kind}': expected one of {', '.join(KINDS)}")
    if section == "relationships":
        if len(names) != 2:
            raise UsageError("new relationship takes two actor slugs: new relationship A B")
        problems = [
            Problem("<command line>", None, error)
            for name in names
            if (error := slug_error("actors", name))
        ]
        if problems:
            raise ExplainerError(problems)
        if names[0] == names[1]:
            raise ExplainerError.single(
                "<command line>", None, "a relationship needs two different actors"
            )
        slugs = ["--".join(sorted(names))]
    else:
        slugs = list(names)
    problems = []
    for number, slug in enumerate(slugs):
        error = slug_error(section, slug)
        if len(slug) > MAX_SLUG:
            error = f"a slug is at most {MAX_SLUG} characters; this one has {len(slug)}"
        if slug in slugs[:number]:
            error = f"'{slug}' is given twice"
        if error:
            problems.append(Problem("<command line>", None, error))
    if problems:
        raise ExplainerError(problems)
    return section, slugs


def plan_new(config: SiteConfig, section: str, slug: str) -> list[NewFile]:
    """The files `new` would write, one per language; raise if any exists or is invalid."""
    content = config.content_dir
    existing = sorted(content.glob(f"*/{slug}.*.md")) if content.is_dir() else []
    if existing:
        raise ExplainerError(
            Problem(str(path), None, f"'{slug}' exists already; `new` never overwrites a dossier")
            for path in existing
        )
    archetype = find(config.root, f"{ARCHETYPES_DIR}/{section}.md")
    files: list[NewFile] = []
    for lang in config.language_codes:
        path = content / section / f"{slug}.{lang}.md"
        values = _values(config, section, slug, lang)
        text = _render(archetype, values) if archetype else _fallback(section, values)
        _validate(archetype or path, ContentFile(section, slug, lang, path), text, config)
        files.append(NewFile(path, text))
    return files


def _values(config: SiteConfig, section: str, slug: str, lang: str) -> dict[str, Any]:
    actors = slug.split("--") if section == "relationships" else []
    title = " & ".join(_titled(a) for a in actors) if actors else _titled(slug)
    return {
        "slug": slug,
        "section": section,
        "lang": lang,
        "default_lang": config.default_language,
        "default": lang == config.default_language,
        "languages": list(config.language_codes),
        "title": title,
        "actors": actors,
        "kinds": config.vocabulary.codes("actor_kinds"),
        "link_types": config.vocabulary.codes("link_types"),
        "stances": config.vocabulary.codes("stances"),
    }


def _titled(slug: str) -> str:
    return " ".join(part.capitalize() for part in slug.split("-"))


def _render(archetype: Path, values: dict[str, Any]) -> str:
    # An archetype is code from a pull request: sandboxed, like the site's templates.
    check_readable(archetype, archetype.parents[2])
    env = SandboxedEnvironment(
        loader=jinja2.FileSystemLoader(str(archetype.parent), followlinks=False),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
    env.filters["yaml"] = _yaml_scalar
    try:
        return env.get_template(archetype.name).render(**values)
    except jinja2.TemplateSyntaxError as exc:
        raise ExplainerError.single(archetype, exc.lineno, f"archetype: {exc.message}") from None
    except jinja2.exceptions.SecurityError as exc:
        raise ExplainerError.single(archetype, None, f"archetype: {exc}") from None
    except jinja2.UndefinedError as exc:
        known = ", ".join(sorted(values))
        raise ExplainerError.single(
            archetype, None, f"archetype: {exc}; archetypes can use {known}"
        ) from None


def _yaml_scalar(value: Any) -> str:
    """A value written as a YAML flow scalar (JSON strings are valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def _fallback(section: str, values: dict[str, Any]) -> str:
    lines = ["---", f"title: {_yaml_scalar(values['title'])}", 'summary: ""']
    if values["default"]:
        for key in NEUTRAL_SHAPES[section]:
            if key == "actors" and section == "relationships":
                lines.append(f"actors: [{', '.join(values['actors'])}]")
            elif key == "kind":
                kinds = values["kinds"]
                lines.append(
                    f"kind: {kinds[0] if kinds else 'organisation'}  # {' | '.join(kinds)}"
                )
            else:
                lines.append(f"{key}: null")
    lines += ["draft: true", "---", "Write the dossier here.", ""]
    return "\n".join(lines)


def _validate(archetype: Path, file: ContentFile, text: str, config: SiteConfig) -> None:
    try:
        parsed = parse_file(file, text, config.language_codes, config.vocabulary)
    except ExplainerError as exc:
        raise ExplainerError(
            Problem(
                str(archetype), None, f"archetype renders a file that does not parse: {p.message}"
            )
            for p in exc.problems
        ) from None
    if parsed.reader.problems:
        raise ExplainerError(
            Problem(str(archetype), None, f"archetype renders an invalid dossier: {p.message}")
            for p in parsed.reader.problems
        )
