"""One content file checked, and one dossier's files merged.

`parse_file` checks a file's front-matter (through `schema.FieldReader`) and
body; `merge_dossier` merges the files of one slug into a `Dossier`:
per-language keys stay with their `Version`, language-neutral keys are taken
from whichever file gives them, and two files giving different values is an
error. Every problem is collected, so a writer sees all of them at once.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from generator.content.files import ContentFile
from generator.content.frontmatter import FrontMatter, parse_front_matter
from generator.content.generated import still_generated
from generator.content.images import check_images
from generator.content.markup import (
    extract_refs,
    text_problems,
)
from generator.content.model import (
    SECTION_DATA,
    Dossier,
    Ref,
    SectionData,
    Version,
)
from generator.content.schema import FieldReader
from generator.content.shapes import (
    FIRST_KEY_LINE,
    NEUTRAL_SHAPES,
    PER_LANGUAGE_KEYS,
    REF_SLUG,
)
from generator.errors import Problem, did_you_mean
from generator.vocabulary import (
    DEFAULT_VOCABULARIES,
    Vocabularies,
)


@dataclass(frozen=True)
class ParsedFile:
    """One file read and checked: its version, neutral values, and references."""

    file: ContentFile
    version: Version
    neutral: Mapping[str, Any]  # key → raw value as written
    neutral_lines: Mapping[str, int | None]
    reader: FieldReader


def parse_file(
    file: ContentFile,
    text: str,
    languages: tuple[str, ...],
    vocabulary: Vocabularies = DEFAULT_VOCABULARIES,
) -> ParsedFile:
    """Check one file's front-matter and body; raise ExplainerError for bad YAML."""
    path = str(file.path)
    front = parse_front_matter(text, path)
    reader = FieldReader(front, path, languages, vocabulary)
    data = front.data
    allowed = set(PER_LANGUAGE_KEYS) | set(NEUTRAL_SHAPES[file.section])
    for key in sorted(set(data) - allowed, key=str):
        reader.problem(
            str(key),
            f"unknown key '{key}' for {file.section}; expected one of "
            f"{', '.join(sorted(allowed))}{did_you_mean(str(key), allowed)}",
        )
    title = reader.text("title", data.get("title"), required=True) or file.slug
    summary = reader.text("summary", data.get("summary")) or ""
    translated_from = data.get("translated_from")
    if translated_from is not None and not (
        isinstance(translated_from, dict) and {"lang", "hash"} <= set(translated_from)
    ):
        reader.problem("translated_from", "translated_from must be {lang: …, hash: …}")
        translated_from = None
    image = reader.image("image", data.get("image"))
    version = Version(
        lang=file.lang,
        path=path,
        title=title,
        summary=summary,
        summary_line=front.line_of("summary"),
        body=front.body,
        body_line=front.body_line,
        draft=reader.flag("draft", data.get("draft")),
        untranslated=reader.flag("untranslated", data.get("untranslated")),
        translated_from=translated_from,
        image=image,
        images=check_images(reader, file, image, summary, front.body, front.body_line),
        updated=reader.date("updated", data.get("updated"), partial=False),
        publish_date=reader.date("publish_date", data.get("publish_date"), partial=False),
        redirect_from=_old_slugs(reader, data.get("redirect_from")),
        generated=still_generated(data.get("generated"), front.body),
        generated_events=_generated_events(data.get("timeline"), front),
        key_lines=front.key_lines,
        extra=reader.extra("extra", data.get("extra")),
    )
    # The summary is read as it is rendered: one paragraph (so it is parsed once).
    _collect_text_refs(reader, summary, front.line_of("summary") or 1, inline=True)
    _collect_text_refs(reader, front.body, front.body_line, inline=False)
    neutral = {k: data[k] for k in NEUTRAL_SHAPES[file.section] if k in data}
    lines = {k: front.line_of(k) for k in neutral}
    return ParsedFile(file, version, neutral, lines, reader)


def _generated_events(timeline: Any, front: FrontMatter) -> tuple[int | None, ...]:
    """The lines of the timeline events whose text is still the ingester's."""
    if not isinstance(timeline, list):
        return ()
    return tuple(
        front.line_of(f"timeline.{index}")
        for index, entry in enumerate(timeline)
        if isinstance(entry, dict)
        and isinstance(entry.get("text"), dict)
        and still_generated(entry.get("generated"), entry["text"])
    )


def _old_slugs(reader: FieldReader, value: Any) -> tuple[str, ...]:
    """`redirect_from`: slugs this dossier had (not references: nothing has them now)."""
    slugs = reader.strings("redirect_from", value)
    for slug in slugs:
        if not REF_SLUG.match(slug):
            reader.problem("redirect_from", f"'{slug}' in redirect_from is not a slug")
    return tuple(s for s in slugs if REF_SLUG.match(s))


def _collect_text_refs(reader: FieldReader, text: str, first_line: int, *, inline: bool) -> None:
    """The text's references, and what it must fix (unsafe URLs, tables too large, …)."""
    for line, message in text_problems(text, inline=inline):
        reader.problems.append(Problem(reader.path, first_line + line, message))
    for ref in extract_refs(text, inline=inline):
        line = first_line + ref.line
        if not REF_SLUG.match(ref.slug):
            reader.problems.append(
                Problem(reader.path, line, f"'{ref.slug}' is not a slug in [[…]] or [@…]")
            )
            continue
        expects = "sources" if ref.kind == "cite" else None
        reader.refs.append(Ref(ref.slug, ref.kind, reader.path, line, expects))


def merge_dossier(
    parsed: list[ParsedFile], languages: tuple[str, ...]
) -> tuple[Dossier, list[Problem]]:
    """Merge the language files of one slug into a dossier."""
    # In language order, so a conflict is blamed on the translation, not the original.
    parsed = sorted(parsed, key=lambda item: languages.index(item.file.lang))
    section, slug = parsed[0].file.section, parsed[0].file.slug
    problems: list[Problem] = []
    neutral: dict[str, Any] = {}
    origin: dict[str, ParsedFile] = {}
    for item in parsed:
        for key, value in item.neutral.items():
            if key in neutral and neutral[key] != value:
                first = origin[key]
                problems.append(
                    Problem(
                        item.version.path,
                        item.neutral_lines[key],
                        f"'{key}' differs from {first.version.path}:{first.neutral_lines[key]}; "
                        f"a language-neutral key is written once (keep it in one file)",
                    )
                )
                continue
            neutral.setdefault(key, value)
            origin.setdefault(key, item)
    # A draft may still lack required keys (the ingester's stubs do); it is
    # built only with --drafts, and then with defaults.
    all_drafts = all(item.version.draft for item in parsed)
    for key, shape in NEUTRAL_SHAPES[section].items():
        if shape.required and key not in neutral and not all_drafts:
            problems.append(
                Problem(
                    parsed[0].version.path, FIRST_KEY_LINE, f"'{key}' is required: add `{key}: …`"
                )
            )
    # Read each neutral value with the reader of the file that gave it, so
    # problems and references carry that file's lines.
    # The readers note the problems and references of what they read: on copies, so a
    # file parsed once (and kept in the memo) merges the same each time it is merged.
    readers = {
        item.file.lang: replace(
            item.reader, problems=list(item.reader.problems), refs=list(item.reader.refs)
        )
        for item in parsed
    }
    data = _section_data(
        section, slug, {k: (neutral[k], readers[origin[k].file.lang]) for k in neutral}
    )
    refs: list[Ref] = []
    for item in parsed:
        problems.extend(readers[item.file.lang].problems)
        refs.extend(readers[item.file.lang].refs)
    versions = {item.file.lang: item.version for item in parsed}
    ordered = {lang: versions[lang] for lang in languages if lang in versions}
    return Dossier(section, slug, ordered, data, tuple(refs)), problems


def _section_data(
    section: str, slug: str, values: Mapping[str, tuple[Any, FieldReader]]
) -> SectionData:
    """The section's data, each key read as `NEUTRAL_SHAPES` says by the reader of the
    file that gave it (a missing key by a throwaway reader: its default)."""
    fields: dict[str, Any] = {}
    for key, shape in NEUTRAL_SHAPES[section].items():
        value, reader = values.get(key, (None, None))
        reader = reader or FieldReader(FrontMatter(data={}), "", ("",))
        fields[key] = reader.read(key, value, shape)
    if section == "relationships":
        # The file name was checked to be `a--b` before any file was read: it names the actors.
        expected = tuple(slug.split("--"))
        reader = values["actors"][1] if "actors" in values else None
        if reader is not None and fields["actors"] != expected:
            reader.problem(
                "actors", f"actors must be [{', '.join(expected)}], as the file name says"
            )
        fields["actors"] = (expected[0], expected[1])
    return SECTION_DATA[section](**fields)


def decode_text(raw: bytes) -> str:
    """UTF-8 text with universal newlines, as `Path.read_text` reads it."""
    return raw.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
