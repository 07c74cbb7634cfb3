"""Translation status: which language files are originals, translated, stale or missing.

A translation records what it was translated from in its front-matter:
`translated_from: {lang: id, hash: 3f2a9c0b1d4e}`, where the hash is the first
12 hex digits of the SHA-256 of the original's title, summary and body (see
`text_hash`). When the original changes, its hash changes and the translation
is stale until a writer updates it and stamps the new hash
(`stamped` does it, for `explainer translated SLUG LANG` and `rename`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from generator.content.frontmatter import parse_front_matter
from generator.content.model import Dossier, Model, RelationshipData, SourceData, Version
from generator.errors import Problem
from generator.vocabulary import SECTION_NAMES

HASH_LENGTH = 12
# Status words, in the order a status table explains them.
ORIGINAL, TRANSLATED, STALE, MISSING = "original", "translated", "stale", "missing"
STATUSES = (ORIGINAL, TRANSLATED, STALE, MISSING)


def text_hash(version: Version) -> str:
    """The first 12 hex digits of sha256(title + '\\n' + summary + '\\n' + body)."""
    return hash_text(version.title, version.summary, version.body)


def hash_text(title: str, summary: str, body: str) -> str:
    text = f"{title.strip()}\n{summary.strip()}\n{body.strip()}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:HASH_LENGTH]


@dataclass(frozen=True)
class LanguageStatus:
    """How far a dossier is translated into one language."""

    lang: str
    status: str  # original | translated | stale | missing
    path: str | None
    source_lang: str | None = None  # what a translation was made from
    current_hash: str | None = None  # the original's hash now (for stale)


@dataclass(frozen=True)
class DossierStatus:
    """A dossier's translation status in every language."""

    section: str
    slug: str
    title: str
    languages: tuple[LanguageStatus, ...]


def dossier_status(dossier: Dossier, languages: tuple[str, ...]) -> DossierStatus:
    states = tuple(_language_status(dossier, lang) for lang in languages)
    first = next((v for v in dossier.versions.values() if not v.is_placeholder), None)
    title = (first or next(iter(dossier.versions.values()))).title
    return DossierStatus(dossier.section, dossier.slug, title, states)


def _language_status(dossier: Dossier, lang: str) -> LanguageStatus:
    version = dossier.versions.get(lang)
    if version is None or version.is_placeholder:
        return LanguageStatus(lang, MISSING, version.path if version else None)
    stamp = version.translated_from
    if not stamp:
        return LanguageStatus(lang, ORIGINAL, version.path)
    source_lang = str(stamp.get("lang"))
    original = dossier.versions.get(source_lang)
    if original is None:
        return LanguageStatus(lang, STALE, version.path, source_lang, None)
    current = text_hash(original)
    status = TRANSLATED if str(stamp.get("hash")) == current else STALE
    return LanguageStatus(lang, status, version.path, source_lang, current)


def site_status(model: Model) -> tuple[DossierStatus, ...]:
    """Every dossier's status in every language, by section then slug."""
    languages = model.config.language_codes
    order = {section: i for i, section in enumerate(SECTION_NAMES)}
    dossiers = sorted(model.dossiers.values(), key=lambda d: (order[d.section], d.slug))
    return tuple(dossier_status(d, languages) for d in dossiers)


def translation_status(model: Model) -> tuple[DossierStatus, ...]:
    """`site_status`, computed once per model (two status pages and the rebuild's
    comparison of old and new ask for it)."""
    return model.derive("translation_status", site_status)


def stale_problems(model: Model) -> list[Problem]:
    """A warning for every stale translation, with the hash to stamp once it is updated."""
    problems: list[Problem] = []
    languages = model.config.language_codes
    for dossier in model.dossiers.values():
        for lang, version in dossier.versions.items():
            stamp = version.translated_from
            if not stamp or version.is_placeholder:
                continue
            line = version.line_of("translated_from")
            source_lang = str(stamp.get("lang"))
            if source_lang not in languages or source_lang == lang:
                problems.append(
                    Problem(
                        version.path,
                        line,
                        f"translated_from names language '{source_lang}'; expected one of "
                        f"{', '.join(code for code in languages if code != lang)}",
                    )
                )
                continue
            state = _language_status(dossier, lang)
            if state.status != STALE:
                continue
            if state.current_hash is None:
                message = (
                    f"'{dossier.slug}' ({lang}) says it was translated from '{source_lang}', "
                    f"but there is no {dossier.slug}.{source_lang}.md"
                )
            else:
                message = (
                    f"stale translation: the '{source_lang}' original of '{dossier.slug}' changed "
                    f"since this was translated (hash {stamp.get('hash')} → {state.current_hash}); "
                    f"update the text, then set `translated_from: {{lang: {source_lang}, "
                    f"hash: {state.current_hash}}}` (or run `explainer translated "
                    f"{dossier.slug} {lang}`)"
                )
            problems.append(Problem(version.path, line, message, severity="warning"))
    return problems


def translation_warnings(model: Model) -> list[Problem]:
    """A warning for every dossier or structured text missing in a language."""
    languages = model.config.language_codes
    problems: list[Problem] = []
    for dossier in model.dossiers.values():
        for lang in languages:
            if dossier.published_version(lang) is None:
                existing = dossier.versions.get(lang)
                path = existing.path if existing else _expected_path(model, dossier, lang)
                problems.append(
                    Problem(
                        path,
                        None,
                        f"'{dossier.slug}' is not yet translated into '{lang}': "
                        + (
                            "finish the file and remove `draft`/`untranslated`"
                            if existing
                            else "create this file"
                        ),
                        severity="warning",
                    )
                )
        problems.extend(_structured_text_warnings(dossier, languages))
    return problems


def _structured_text_warnings(dossier: Dossier, languages: tuple[str, ...]) -> list[Problem]:
    data = dossier.data
    path = dossier.any_path
    out: list[Problem] = []
    if isinstance(data, RelationshipData):
        for event in data.timeline:
            missing = [lang for lang in languages if lang not in event.text]
            if missing:
                out.append(
                    Problem(
                        path,
                        event.line,
                        f"timeline text has no {', '.join(missing)} translation",
                        severity="warning",
                    )
                )
    if isinstance(data, SourceData):
        for quote in data.quotes:
            missing = [
                lang
                for lang in languages
                if lang != data.language and lang not in quote.translation
            ]
            if missing:
                out.append(
                    Problem(
                        path,
                        quote.line,
                        f"quote has no {', '.join(missing)} translation",
                        severity="warning",
                    )
                )
    return out


def _expected_path(model: Model, dossier: Dossier, lang: str) -> str:
    content = model.config.content_dir
    return str(content / dossier.section / f"{dossier.slug}.{lang}.md")


def stamped(
    target: str, target_name: str, original: str, original_name: str, source_lang: str
) -> tuple[str, str]:
    """The text `target` with `translated_from` set to the hash of `original` now, and
    that hash. Only the `translated_from` line is rewritten (or added before the
    closing `---`); every other line stays as the writer wrote it."""
    front = parse_front_matter(original, original_name)
    data = front.data
    digest = hash_text(str(data.get("title") or ""), str(data.get("summary") or ""), front.body)
    parse_front_matter(target, target_name)  # refuse to touch a file whose YAML is broken
    lines = target.split("\n")
    stamp = f"translated_from: {{lang: {source_lang}, hash: {digest}}}"
    end = next(i for i in range(1, len(lines)) if lines[i].rstrip() == "---")
    start = next((i for i in range(1, end) if lines[i].startswith("translated_from:")), None)
    if start is None:
        lines.insert(end, stamp)
    else:
        stop = start + 1
        while stop < end and lines[stop].startswith((" ", "\t")):
            stop += 1  # a block-style mapping continues on indented lines
        lines[start:stop] = [stamp]
    return "\n".join(lines), digest
