"""Reading `content/` into the model.

Each file is `content/<section>/<slug>.<lang>.md`. Files of one slug are
merged into one `Dossier`: per-language keys stay with their `Version`,
language-neutral keys are taken from whichever file gives them, and two files
giving different values is an error. Every problem is collected, so a writer
sees all of them at once.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any

from generator.content.config import SiteConfig
from generator.content.files import FILE_NAME, ContentFile, find_content_files, slug_error
from generator.content.frontmatter import FrontMatter, parse_front_matter
from generator.content.generated import still_generated
from generator.content.images import check_images
from generator.content.markup import (
    Compiled,
    compile_inline,
    compile_markdown,
    extract_refs,
    remember,
    text_problems,
)
from generator.content.model import (
    SECTION_DATA,
    Dossier,
    Model,
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
from generator.errors import ExplainerError, Problem, did_you_mean
from generator.fsguard import FileStamp, file_stamp, read_bytes
from generator.vocabulary import (
    DEFAULT_VOCABULARIES,
    SECTION_BY_NAME,
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


@dataclass(frozen=True)
class JustParsed:
    """A file just parsed, with its body and summary compiled (not kept in the build cache:
    they are only carried from a worker to the process that renders them)."""

    parsed: ParsedFile
    body: Compiled
    summary: Compiled

    def remember(self) -> ParsedFile:
        """Let this process render the texts without parsing them again."""
        remember(False, self.parsed.version.body, self.body)
        remember(True, self.parsed.version.summary, self.summary)
        return self.parsed


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
    _collect_text_refs(reader, summary, front.line_of("summary") or 1)
    _collect_text_refs(reader, front.body, front.body_line)
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


def _collect_text_refs(reader: FieldReader, text: str, first_line: int) -> None:
    """The text's references, and what it must fix (unsafe URLs, tables too large, …)."""
    for line, message in text_problems(text):
        reader.problems.append(Problem(reader.path, first_line + line, message))
    for ref in extract_refs(text):
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


@dataclass(frozen=True)
class Remembered:
    """One file as parsed: the digest of its bytes (and the site's vocabulary), its stamp."""

    key: str
    stamp: FileStamp | None
    reusable: bool  # a file that names images is checked against the image files every time
    parsed: ParsedFile


@dataclass
class ParseMemo:
    """Parsed files and merged dossiers remembered across builds (and across saves in serve).

    `previous` is what the last load used (from the build cache); `current`
    collects what this load used, so files that are gone drop out. A file whose
    stamp (inode, size, mtime, ctime) is unchanged is not even read again; one
    whose bytes are unchanged is not parsed again; a dossier whose files are
    all unchanged is not merged again.
    """

    previous: Mapping[str, Remembered] = field(default_factory=dict)
    current: dict[str, Remembered] = field(default_factory=dict)
    merged_previous: Mapping[str, tuple[tuple[str, ...], Dossier, tuple[Problem, ...]]] = field(
        default_factory=dict
    )
    merged_current: dict[str, tuple[tuple[str, ...], Dossier, tuple[Problem, ...]]] = field(
        default_factory=dict
    )

    def roll(self) -> None:
        """Start a new load: what this one used becomes what the next may reuse."""
        self.previous, self.current = self.current, {}
        self.merged_previous, self.merged_current = self.merged_current, {}

    def unchanged(self, file: ContentFile, config_key: str) -> ParsedFile | None:
        """The file as parsed before, if its stamp says it was not touched since."""
        hit = self.previous.get(str(file.path))
        if hit is None or not hit.reusable or hit.stamp is None or hit.parsed.file != file:
            return None
        if hit.stamp != file_stamp(file.path) or not hit.key.endswith(config_key):
            return None
        self.current[str(file.path)] = hit
        return hit.parsed

    def known(self, file: ContentFile, raw: bytes, config_key: str) -> ParsedFile | None:
        """The file as parsed before, if its bytes (and the site's vocabulary) are the same."""
        key = _memo_key(raw, config_key)
        hit = self.previous.get(str(file.path))
        if hit is not None and hit.reusable and hit.key == key and hit.parsed.file == file:
            self.current[str(file.path)] = replace(hit, stamp=file_stamp(file.path))
            return hit.parsed
        return None

    def keep(self, file: ContentFile, raw: bytes, config_key: str, parsed: ParsedFile) -> None:
        # A file that names images is checked against the image files too: parse it again.
        reusable = b"![" not in raw and b"image:" not in raw
        key = _memo_key(raw, config_key)
        self.current[str(file.path)] = Remembered(key, file_stamp(file.path), reusable, parsed)

    def merge(
        self, slug: str, files: list[ParsedFile], languages: tuple[str, ...]
    ) -> tuple[Dossier, tuple[Problem, ...]]:
        """`merge_dossier`, unless the slug's files are those it merged last time."""
        keys = (*languages, *sorted(self.current[p.version.path].key for p in files))
        hit = self.merged_previous.get(slug)
        if hit is not None and hit[0] == keys:
            self.merged_current[slug] = hit
            return hit[1], hit[2]
        dossier, problems = merge_dossier(files, languages)
        self.merged_current[slug] = (keys, dossier, tuple(problems))
        return dossier, tuple(problems)


def config_key(config: SiteConfig) -> str:
    """What of the site a parsed file depends on: its languages and vocabularies."""
    return hashlib.sha256(repr((config.language_codes, config.vocabulary)).encode()).hexdigest()


def _memo_key(raw: bytes, config_key: str) -> str:
    return hashlib.sha256(raw).hexdigest() + config_key


def _parse_job(
    job: ParseJob, *, languages: tuple[str, ...], vocabulary: Vocabularies
) -> JustParsed | tuple[Problem, ...]:
    """One file parsed, or its problems (a value, so it can come back from a worker)."""
    file, raw = job
    try:
        parsed = parse_file(file, decode_text(raw), languages, vocabulary)
    except UnicodeDecodeError as exc:
        return (Problem(str(file.path), None, f"cannot read as UTF-8 text: {exc}"),)
    except ExplainerError as exc:
        return tuple(exc.problems)
    body, summary = parsed.version.body, parsed.version.summary
    return JustParsed(parsed, compile_markdown(body), compile_inline(summary))


# How a pipeline may spread parsing over processes: `parse_many(parse_one, jobs)`
# returns parse_one(job) for every job, in order (see `pipeline.parallel`).
ParseJob = tuple[ContentFile, bytes]
ParseMany = Callable[[Callable[[ParseJob], Any], Sequence[ParseJob]], list[Any]]


def load_content(
    config: SiteConfig,
    *,
    include_drafts: bool = False,
    memo: ParseMemo | None = None,
    parse_many: ParseMany | None = None,
) -> tuple[Model, list[Problem]]:
    """Read every dossier that can be read, and every problem found on the way.

    The model holds what loaded, so later checks (references) can still run
    and a writer sees all problems at once; slugs whose files could not be
    parsed are listed in `Model.unreadable`. Files not in `memo` are parsed
    through `parse_many` when given (e.g. on every core), else one by one.
    """
    files, problems = find_content_files(config)
    unreadable: set[str] = set()
    by_slug: dict[str, list[ParsedFile]] = defaultdict(list)
    for file, outcome in zip(files, _parse_files(config, files, memo, parse_many), strict=True):
        if isinstance(outcome, tuple):
            problems.extend(outcome)
            unreadable.add(file.slug)
        else:
            by_slug[file.slug].append(outcome)
    dossiers: dict[str, Dossier] = {}
    excluded: set[str] = set()
    draft_files: list[tuple[str, Version]] = []
    for slug, parsed in sorted(by_slug.items()):
        if slug in unreadable:
            continue  # merging what is left would report keys the broken file holds
        dossier, merge_problems = _merge_slug(config, slug, parsed, memo)
        problems.extend(merge_problems)
        if dossier is None:
            continue
        draft_files.extend((slug, v) for v in dossier.versions.values() if v.draft)
        if not include_drafts and all(v.draft for v in dossier.versions.values()):
            excluded.add(slug)
            continue
        dossiers[slug] = _publish_drafts(dossier) if include_drafts else dossier
    model = Model(
        config=config,
        dossiers=dossiers,
        excluded_drafts=frozenset(excluded),
        unreadable=frozenset(unreadable),
        draft_files=tuple(draft_files),
    )
    return model, problems


def _parse_files(
    config: SiteConfig,
    files: Sequence[ContentFile],
    memo: ParseMemo | None,
    parse_many: ParseMany | None,
) -> list[ParsedFile | tuple[Problem, ...]]:
    """Each file parsed (or as the memo kept it), or its problems, in the files' order."""
    outcomes: dict[int, ParsedFile | JustParsed | tuple[Problem, ...]] = {}
    jobs: list[tuple[int, ParseJob]] = []
    site_key = config_key(config)
    for number, file in enumerate(files):
        if memo is not None and (same := memo.unchanged(file, site_key)) is not None:
            outcomes[number] = same
            continue
        try:
            # Never a symlink out of the project, a FIFO or a runaway file: see fsguard.
            raw = read_bytes(file.path, config.root)
        except ExplainerError as exc:
            outcomes[number] = exc.problems
            continue
        known = memo.known(file, raw, site_key) if memo is not None else None
        if known is not None:
            outcomes[number] = known
        else:
            jobs.append((number, (file, raw)))
    parse_one = partial(_parse_job, languages=config.language_codes, vocabulary=config.vocabulary)
    todo = [job for _, job in jobs]
    parsed_all = parse_many(parse_one, todo) if parse_many else [parse_one(job) for job in todo]
    for (number, (file, raw)), outcome in zip(jobs, parsed_all, strict=True):
        outcomes[number] = outcome
        if memo is not None and isinstance(outcome, JustParsed):
            memo.keep(file, raw, site_key, outcome.parsed)
    return [
        outcome.remember() if isinstance(outcome, JustParsed) else outcome
        for _, outcome in sorted(outcomes.items())
    ]


def _merge_slug(
    config: SiteConfig, slug: str, parsed: list[ParsedFile], memo: ParseMemo | None
) -> tuple[Dossier | None, tuple[Problem, ...]]:
    """The dossier of one slug's files (merged again only when they changed), or None
    when they are in two sections."""
    sections = {item.file.section for item in parsed}
    if len(sections) > 1:
        paths = ", ".join(sorted(item.version.path for item in parsed))
        message = f"slug '{slug}' is used in two sections ({paths}); slugs are unique site-wide"
        return None, (Problem(parsed[0].version.path, None, message),)
    if memo is not None and all(item.version.path in memo.current for item in parsed):
        return memo.merge(slug, parsed, config.language_codes)
    dossier, problems = merge_dossier(parsed, config.language_codes)
    return dossier, tuple(problems)


def reparse_one(config: SiteConfig, memo: ParseMemo, path: Path) -> Dossier | None:
    """The dossier of one edited file, merged with its other language files as they were
    last parsed (`memo.previous`); None where that shortcut does not hold (a file new,
    renamed or unreadable, a sibling not in the memo, any problem), so the caller
    loads the whole site instead. Reads only that file; the memo is left as it is.
    """
    try:
        parts = path.relative_to(config.content_dir).parts
    except ValueError:
        return None
    match = FILE_NAME.match(parts[-1]) if len(parts) == 2 else None
    if (
        match is None
        or parts[0] not in SECTION_BY_NAME
        or match["lang"] not in config.language_codes
    ):
        return None
    file = ContentFile(parts[0], match["slug"], match["lang"], path)
    if slug_error(file.section, file.slug) or str(path) not in memo.previous:
        return None
    try:
        raw = read_bytes(path, config.root)
    except ExplainerError:
        return None
    parsed = _parse_job((file, raw), languages=config.language_codes, vocabulary=config.vocabulary)
    if not isinstance(parsed, JustParsed):
        return None
    names = (path.with_name(f"{file.slug}.{lang}.md") for lang in config.language_codes)
    siblings = [
        hit.parsed for name in names if name != path and (hit := memo.previous.get(str(name)))
    ]
    dossier, problems = merge_dossier([parsed.remember(), *siblings], config.language_codes)
    return None if problems else dossier


def _publish_drafts(dossier: Dossier) -> Dossier:
    versions = {lang: replace(v, draft=False) for lang, v in dossier.versions.items()}
    return replace(dossier, versions=versions)
