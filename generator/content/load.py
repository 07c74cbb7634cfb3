"""Reading `content/` into the model, with what a build may reuse.

Each file is `content/<section>/<slug>.<lang>.md`, checked by `content.parse`;
the files of one slug are merged into one `Dossier`. `ParseMemo` remembers
parsed files and merged dossiers across builds (and saves in serve); parsing
may be spread over processes (`ParseMany`).
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
from generator.content.markup import (
    Compiled,
    compile_inline,
    compile_markdown,
    remember,
)
from generator.content.model import (
    Dossier,
    Model,
    Version,
)
from generator.content.parse import ParsedFile, decode_text, merge_dossier, parse_file
from generator.errors import ExplainerError, Problem
from generator.fsguard import FileStamp, file_stamp, read_bytes
from generator.gcpause import gc_paused
from generator.vocabulary import (
    SECTION_BY_NAME,
    Vocabularies,
)


@dataclass(frozen=True)
class Read:
    """What the parse memo keeps of a file's bytes: their digest, whether they name
    images, and the file's stamp taken before they were read."""

    digest: str
    reusable: bool  # a file that names images is checked against the image files every time
    stamp: FileStamp | None

    @classmethod
    def of(cls, raw: bytes, stamp: FileStamp | None) -> Read:
        reusable = b"![" not in raw and b"image:" not in raw
        return cls(_digest(raw), reusable, stamp)


@dataclass(frozen=True)
class JustParsed:
    """A file just parsed, with its body and summary compiled (not kept in the build cache:
    they are only carried from a worker to the process that renders them)."""

    parsed: ParsedFile
    body: Compiled
    summary: Compiled
    read: Read

    def remember(self) -> ParsedFile:
        """Let this process render the texts without parsing them again."""
        remember(False, self.parsed.version.body, self.body)
        remember(True, self.parsed.version.summary, self.summary)
        return self.parsed


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

    def files(self) -> dict[str, ContentFile]:
        """The files the last load found, by their path's string."""
        return {name: hit.parsed.file for name, hit in self.previous.items()}

    def unchanged(self, file: ContentFile, config_key: str) -> ParsedFile | None:
        """The file as parsed before, if its stamp says it was not touched since."""
        hit = self.previous.get(str(file.path))
        if hit is None or not hit.reusable or hit.stamp is None or not _same_name(hit, file):
            return None
        if hit.stamp != file_stamp(file.path) or not hit.key.endswith(config_key):
            return None
        self.current[str(file.path)] = hit
        return hit.parsed

    def remembers(self, file: ContentFile) -> bool:
        """Whether the last load parsed a file at this path (`known` may find it)."""
        return str(file.path) in self.previous

    def known(self, file: ContentFile, raw: bytes, config_key: str) -> ParsedFile | None:
        """The file as parsed before, if its bytes (and the site's vocabulary) are the same."""
        key = _memo_key(_digest(raw), config_key)
        hit = self.previous.get(str(file.path))
        if hit is not None and hit.reusable and hit.key == key and _same_name(hit, file):
            self.current[str(file.path)] = replace(hit, stamp=file_stamp(file.path))
            return hit.parsed
        return None

    def keep(self, file: ContentFile, read: Read, config_key: str, parsed: ParsedFile) -> None:
        # A file that names images is checked against the image files too: parse it again.
        key = _memo_key(read.digest, config_key)
        self.current[str(file.path)] = Remembered(key, read.stamp, read.reusable, parsed)

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


def _same_name(hit: Remembered, file: ContentFile) -> bool:
    """Whether a file the memo holds (under the same path string) is `file`: its section,
    slug and language. Comparing the paths as `Path`s too would say nothing more (equal
    strings are equal paths) and cost more than the rest of a kept file's check."""
    kept = hit.parsed.file
    return (kept.section, kept.slug, kept.lang) == (file.section, file.slug, file.lang)


def config_key(config: SiteConfig) -> str:
    """What of the site a parsed file depends on: its languages and vocabularies."""
    return hashlib.sha256(repr((config.language_codes, config.vocabulary)).encode()).hexdigest()


def _memo_key(digest: str, config_key: str) -> str:
    """The parse memo's key of a file: its bytes' digest (`_digest`) and the site's part."""
    return digest + config_key


def _digest(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def _parse_job(
    job: ParseJob, *, root: Path, languages: tuple[str, ...], vocabulary: Vocabularies
) -> JustParsed | tuple[Problem, ...]:
    """One file parsed, or its problems (a value, so it can come back from a worker).
    A job without bytes reads its file here (so workers read their own files)."""
    file, raw, stamp = job
    if raw is None:
        stamp = file_stamp(file.path)  # before the bytes: a later write changes it
        try:
            # Never a symlink out of the project, a FIFO or a runaway file: see fsguard.
            raw = read_bytes(file.path, root)
        except ExplainerError as exc:
            return tuple(exc.problems)
    try:
        parsed = parse_file(file, decode_text(raw), languages, vocabulary)
    except UnicodeDecodeError as exc:
        return (Problem(str(file.path), None, f"cannot read as UTF-8 text: {exc}"),)
    except ExplainerError as exc:
        return tuple(exc.problems)
    body, summary = parsed.version.body, parsed.version.summary
    return JustParsed(parsed, compile_markdown(body), compile_inline(summary), Read.of(raw, stamp))


# How a pipeline may spread parsing over processes: `parse_many(parse_one, jobs)`
# returns parse_one(job) for every job, in order (see `pipeline.parallel`). A job is
# a file, its bytes and its stamp taken before them, or (None, None): read it there.
ParseJob = tuple[ContentFile, bytes | None, FileStamp | None]
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
    # Loading makes no cycles (the Markdown tokens go with their last reference), but
    # what it keeps is many objects, and each full collection walked them all again
    # (about 7% of the load's CPU at N=1000): paused, and so in the workers forked meanwhile.
    with gc_paused():
        return _load_content(config, include_drafts, memo, parse_many)


def _load_content(
    config: SiteConfig,
    include_drafts: bool,
    memo: ParseMemo | None,
    parse_many: ParseMany | None,
) -> tuple[Model, list[Problem]]:
    files, problems = find_content_files(config, memo.files() if memo is not None else None)
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
        if memo is None or not memo.remembers(file):
            # Nothing to compare its bytes with: the worker that parses it reads it
            # (a cold build's reading is spread over the workers, not done here first).
            jobs.append((number, (file, None, None)))
            continue
        stamp = file_stamp(file.path)
        try:
            # Never a symlink out of the project, a FIFO or a runaway file: see fsguard.
            raw = read_bytes(file.path, config.root)
        except ExplainerError as exc:
            outcomes[number] = exc.problems
            continue
        known = memo.known(file, raw, site_key)
        if known is not None:
            outcomes[number] = known
        else:
            jobs.append((number, (file, raw, stamp)))
    parse_one = partial(
        _parse_job,
        root=config.root,
        languages=config.language_codes,
        vocabulary=config.vocabulary,
    )
    todo = [job for _, job in jobs]
    parsed_all = parse_many(parse_one, todo) if parse_many else [parse_one(job) for job in todo]
    for (number, (file, _, _)), outcome in zip(jobs, parsed_all, strict=True):
        outcomes[number] = outcome
        if memo is not None and isinstance(outcome, JustParsed):
            memo.keep(file, outcome.read, site_key, outcome.parsed)
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
    parsed = _parse_job(
        (file, raw, None),
        root=config.root,
        languages=config.language_codes,
        vocabulary=config.vocabulary,
    )
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
