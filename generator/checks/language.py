"""Text in the wrong language: a translation that is still the original's words.

`build --strict` accepted English files whose text was "(EN) " and the
Indonesian text. Each text a reader sees in one language — a file's
summary, each paragraph of its body, each event's text and each quote's
translation in that language — is weighed by its share of the commonest
words (`stopwords` in each language's UI strings, `i18n/<lang>.yaml`): a
text of enough words whose common words are mostly another site language's
is a warning at its line (an error with `--strict`). Names and numbers are
not common words, so a list of names decides nothing; a language without
`stopwords` is not weighed. Drafts and files marked `untranslated` say so
already; a source's body is its publisher's article, in its own language.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import partial

from generator.content.markdown_rules import WIKILINK
from generator.content.model import Dossier, Model, RelationshipData, SourceData, Version
from generator.errors import Problem

MIN_WORDS = 8  # fewer words than this say too little about their language
MIN_COMMON = 3  # another language's common words a text must have to be called that language
WORD = re.compile(r"[^\W\d_]+")
# A citation, a link's address, a URL, code: not words. No repeated part runs past a
# bracket, so a text full of `[` or `](` is read in linear time (as `markup.plain_text`).
MARKUP = re.compile(r"\[@[^\[\]]*\]|\]\([^()\[\]]*\)|https?://\S+|`[^`]*`")
# What WORD finds in a casefolded ASCII text, as bytes: its letters lowered, all else a
# space to split at. `WORD.findall` was half of this check's time (24,000 texts at N=1000);
# `bytes.translate` runs at memory speed.
ASCII_LETTERS = bytes(
    c | 0x20 if chr(c).isascii() and chr(c).isalpha() else 0x20 for c in range(256)
)


@dataclass(frozen=True)
class CommonWords:
    """Each language's common words (`_common_words`: no two languages share one), by word."""

    langs: tuple[str, ...]
    lang_of: Mapping[str, str]
    lang_of_ascii: Mapping[bytes, str]  # the ASCII ones, for an ASCII text's words

    @classmethod
    def of(cls, common: Mapping[str, frozenset[str]]) -> CommonWords:
        lang_of = {word: lang for lang, words in common.items() for word in words}
        ascii_words = {word.encode(): lang for word, lang in lang_of.items() if word.isascii()}
        return cls(tuple(common), lang_of, ascii_words)


@dataclass(frozen=True)
class Text:
    """A text to check for its language, and where it is."""

    path: str
    line: int | None
    what: str  # "the summary", "a paragraph", "timeline event 2's text", …
    lang: str
    text: str


def wrong_language(model: Model) -> list[Problem]:
    """A warning for every text that reads as another of the site's languages."""
    common = _common_words(model)
    if len(common) < 2:
        return []
    names = {language.code: language.name for language in model.config.languages}
    # Each dossier's texts are weighed once: the result stays with the dossier (see
    # `Dossier.derive`), so a rebuild weighs only the dossiers that changed.
    key = f"wrong-language {sorted((lang, sorted(words)) for lang, words in common.items())}"
    key += repr(sorted(names.items()))
    weigh = partial(_wrong_in, common=CommonWords.of(common), names=names)
    return [p for dossier in model.dossiers.values() for p in dossier.derive(key, weigh)]


def _wrong_in(
    dossier: Dossier, common: CommonWords, names: Mapping[str, str]
) -> tuple[Problem, ...]:
    problems = []
    for text in _texts(dossier):
        if text.lang not in common.langs:
            continue
        counts = _counts(text.text, common)
        if counts is None:
            continue
        other = max((c for c in counts if c != text.lang), key=lambda c: (counts[c], c))
        own = counts[text.lang]
        if counts[other] >= MIN_COMMON and counts[other] > 2 * own:
            problems.append(
                Problem(
                    text.path,
                    text.line,
                    f"{text.what} reads as {names[other]} ({other}), not {names[text.lang]} "
                    f"({text.lang}): {counts[other]} of its words are common {other} words, "
                    f"{own} common {text.lang} ones; translate it, or mark the file "
                    "`untranslated: true` until it is",
                    severity="warning",
                )
            )
    return tuple(problems)


def _common_words(model: Model) -> dict[str, frozenset[str]]:
    """Each language's common words, less those two languages share (they decide nothing)."""
    found = {
        lang: frozenset(str(w).casefold() for w in strings.get("stopwords") or ())
        for lang, strings in model.config.strings.items()
    }
    found = {lang: words for lang, words in found.items() if words}
    shared = {
        word
        for lang, words in found.items()
        for other, others in found.items()
        if other != lang
        for word in words & others
    }
    return {lang: words - shared for lang, words in found.items()}


def _counts(text: str, common: CommonWords) -> dict[str, int] | None:
    """How many of the text's words are each language's common words (None: too few words).
    The words are those `WORD` finds in the casefolded text without its markup."""
    if "[" in text or "](" in text or "`" in text or "http" in text:  # what MARKUP needs
        text = MARKUP.sub(" ", text)
        if "[[" in text:
            text = WIKILINK.sub(lambda m: m.group(2) or m.group(1), text)
    if text.isascii():
        words = text.encode().translate(ASCII_LETTERS).split()
        if len(words) < MIN_WORDS:
            return None
        found = list(filter(None, map(common.lang_of_ascii.get, words)))
    else:
        casefolded = WORD.findall(text.casefold())
        if len(casefolded) < MIN_WORDS:
            return None
        found = list(filter(None, map(common.lang_of.get, casefolded)))
    # Only the common words are kept and counted (a few in a text): a Counter of every
    # word's language counted the many that have none, one by one.
    return {lang: found.count(lang) for lang in common.langs}


def _texts(dossier: Dossier) -> Iterator[Text]:
    for lang, version in dossier.versions.items():
        if version.is_placeholder:
            continue
        if version.summary:
            yield Text(version.path, version.summary_line, "the summary", lang, version.summary)
        if not isinstance(dossier.data, SourceData):  # a source's body is the article
            yield from _paragraphs(version)
    yield from _entry_texts(dossier)


def _paragraphs(version: Version) -> Iterator[Text]:
    """Each paragraph of the body, at its first line; quotes, code and tables are left out."""
    start: int | None = None
    lines: list[str] = []
    fenced = False
    for number, line in enumerate([*version.body.split("\n"), ""]):
        stripped = line.strip()
        if stripped.startswith(("```", "~~~")):
            fenced = not fenced
        if not stripped or fenced or stripped.startswith((">", "|", "```", "~~~", "    ")):
            if lines and start is not None:
                yield Text(
                    version.path, version.body_line + start, "a paragraph", version.lang,
                    " ".join(lines),
                )  # fmt: skip
            start, lines = None, []
            continue
        start = number if start is None else start
        lines.append(stripped)


def _entry_texts(dossier: Dossier) -> Iterator[Text]:
    """Event texts and quote translations, each at its line in the file that holds it."""
    data = dossier.data
    if isinstance(data, RelationshipData):
        key, entries = "timeline", [(e.text, "text", "timeline event") for e in data.timeline]
    elif isinstance(data, SourceData):
        key, entries = "quotes", [(q.translation, "translation", "quote") for q in data.quotes]
    else:
        return
    holder = next((v for v in dossier.versions.values() if v.line_of(key)), None)
    if holder is None:
        return
    shown = {lang for lang, v in dossier.versions.items() if not v.is_placeholder}
    for index, (texts, field, noun) in enumerate(entries):
        for lang, text in texts.items():
            if lang in shown:
                line = holder.line_of(f"{key}.{index}.{field}.{lang}")
                yield Text(holder.path, line, f"{noun} {index + 1}'s {field}", lang, text)
