"""The front-matter schema: every key, whether it is per-language, and its type.

`FieldReader` turns one file's raw YAML into checked values, collecting a
`Problem` (with the key's line) for every bad value and a `Ref` for every slug
it names, so the linker can resolve them all in one pass.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from generator.content.frontmatter import FrontMatter
from generator.content.model import Image, Lifespan, LocalText, Quote, Ref, TimelineEvent
from generator.errors import Problem, did_you_mean
from generator.vocabulary import DEFAULT_VOCABULARIES, Vocabularies

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*\Z")
# What a reference may name: a slug, or a relationship slug `a--b`.
REF_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*(--[a-z0-9]+(-[a-z0-9]+)*)?\Z")
PARTIAL_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?\Z")
FIRST_KEY_LINE = 2  # the line after the opening `---`


@dataclass(frozen=True)
class Shape:
    """What one front-matter key holds, as data: the `FieldReader` method that reads it
    (`kind`), and what an editor's JSON Schema says of it (`content.editor_schema`)."""

    kind: str  # text | flag | day | date | url | choice | ref | refs | local_text | aliases
    #            | strings | old_slugs | image | entries | stamp | extra | any
    of: str | None = None  # choice: its vocabulary group; ref(s): the section; entries: the table
    required: bool = False


# Keys every file may carry, each for its own language.
PER_LANGUAGE_SHAPES: dict[str, Shape] = {
    "title": Shape("text", required=True),
    "summary": Shape("text"),
    "draft": Shape("flag"),
    "untranslated": Shape("flag"),
    "translated_from": Shape("stamp"),
    "image": Shape("entries", "image"),
    "updated": Shape("day"),
    "publish_date": Shape("day"),
    "redirect_from": Shape("old_slugs"),
    "extra": Shape("extra"),
    "generated": Shape("text"),  # the ingester's digest of the body it wrote (content.generated)
}
PER_LANGUAGE_KEYS = tuple(PER_LANGUAGE_SHAPES)

# The language-neutral keys of each section (named in `vocabulary.SECTIONS`).
NEUTRAL_SHAPES: dict[str, dict[str, Shape]] = {
    "actors": {
        "kind": Shape("choice", "actor_kinds"),
        "aliases": Shape("aliases"),
        "affiliation": Shape("ref", "actors"),
        "role": Shape("local_text"),
        "sources": Shape("refs", "sources"),
        "active": Shape("entries", "active"),
    },
    "relationships": {
        "actors": Shape("refs", "actors"),
        "timeline": Shape("entries", "timeline"),
        "sources": Shape("refs", "sources"),
    },
    "sources": {
        "kind": Shape("choice", "source_kinds"),
        "publisher": Shape("text"),
        "date": Shape("day"),
        "language": Shape("text"),
        "url": Shape("url"),
        "author": Shape("text"),
        "place": Shape("text"),
        "seed": Shape("text"),
        "quotes": Shape("entries", "quotes"),
        "actors": Shape("refs", "actors"),
        "evidence": Shape("entries", "evidence"),
        "review": Shape("strings"),
    },
    "pages": {},
}

# The keys of each structured entry: a timeline event, a quote, an image, an ingest finding.
ENTRY_SHAPES: dict[str, dict[str, Shape]] = {
    "timeline": {
        "date": Shape("date"),
        "type": Shape("choice", "link_types"),
        "stance": Shape("choice", "stances"),
        "claim_by": Shape("refs", "actors"),
        "denied_by": Shape("refs", "actors"),
        "sources": Shape("refs", "sources"),
        "text": Shape("local_text", required=True),
        "date_note": Shape("local_text"),
        # The ingester's, on the events of the stubs it writes: how sure its cue was, the
        # sentence it read, and the digest of the text it wrote (`content.generated`).
        "confidence": Shape("any"),
        "sentence": Shape("any"),
        "generated": Shape("text"),
    },
    "quotes": {
        "speaker": Shape("ref", "actors"),
        "text": Shape("text", required=True),
        "translation": Shape("local_text"),
        "about": Shape("refs", "relationships"),
        "language": Shape("text"),
        "note": Shape("local_text"),
        "speaker_label": Shape("local_text"),
    },
    # When an actor began and ended, and what says so.
    "active": {
        "from": Shape("date"),
        "until": Shape("date"),
        "sources": Shape("refs", "sources"),
    },
    "image": {
        "src": Shape("text", required=True),
        "alt": Shape("text", required=True),
        "caption": Shape("text"),
        "credit": Shape("text"),
    },
    # Written by the ingester for writers; only its actor slugs are checked.
    # `reason` and `confidence` say which cue decided and how sure, to sort by.
    "evidence": {
        "actors": Shape("refs", "actors"),
        **{
            key: Shape("any")
            for key in ("stance", "type", "text", "date", "claim_by", "denied_by", "reason")
        },
        "confidence": Shape("any"),
    },
}
IMAGE_KEYS = set(ENTRY_SHAPES["image"])
TIMELINE_KEYS = set(ENTRY_SHAPES["timeline"])
QUOTE_KEYS = set(ENTRY_SHAPES["quotes"])
EVIDENCE_KEYS = set(ENTRY_SHAPES["evidence"])
ACTIVE_KEYS = tuple(ENTRY_SHAPES["active"])
ACTIVE_EXAMPLE = "e.g. active: {from: 1996, until: 2021-08, sources: [source-slug]}"


@dataclass
class FieldReader:
    """Reads values from one file's front-matter, noting problems and references."""

    front: FrontMatter
    path: str
    languages: tuple[str, ...]
    vocabulary: Vocabularies = DEFAULT_VOCABULARIES  # the site's words (site.yaml `vocabulary:`)
    problems: list[Problem] = field(default_factory=list)
    refs: list[Ref] = field(default_factory=list)

    def problem(self, key: str, message: str) -> None:
        # A key that is missing altogether is pointed at the front-matter's first line.
        line = self.front.line_of(key) or FIRST_KEY_LINE
        self.problems.append(Problem(self.path, line, message))

    def ref(self, key: str, slug: Any, kind: str, expects: str | None) -> str | None:
        if not isinstance(slug, str) or not REF_SLUG.match(slug):
            self.problem(key, f"'{slug}' is not a slug (lowercase letters, digits, hyphens)")
            return None
        self.refs.append(Ref(slug, kind, self.path, self.front.line_of(key), expects))
        return slug

    # -- scalar types -------------------------------------------------------

    def text(self, key: str, value: Any, *, required: bool = False) -> str | None:
        if value is None:
            if required:
                self.problem(key, f"'{key}' is required: add `{key}: …`")
            return None
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.problem(key, f"'{key}' must be text, not {type(value).__name__}")
            return None
        return str(value)

    def extra(self, key: str, value: Any) -> Mapping[str, Any]:
        """A theme's own keys, passed to templates as written (`page.extra`)."""
        if value is None:
            return {}
        if not isinstance(value, dict) or not all(isinstance(k, str) for k in value):
            self.problem(
                key, f"{key} must be a mapping of names to values, e.g. `{key}: {{banner: x.jpg}}`"
            )
            return {}
        return value

    def flag(self, key: str, value: Any) -> bool:
        if value is None:
            return False
        if not isinstance(value, bool):
            self.problem(key, f"'{key}' must be true or false")
            return False
        return value

    def choice(self, key: str, value: Any, allowed: tuple[str, ...] | str) -> str | None:
        """One of `allowed`, or of the site's vocabulary group named by it (e.g. "link_types")."""
        if isinstance(allowed, str):
            allowed = self.vocabulary.codes(allowed)
        if value not in allowed:
            hint = did_you_mean(value, allowed) if isinstance(value, str) else ""
            self.problem(key, f"'{key}' is '{value}'; expected one of: {', '.join(allowed)}{hint}")
            return None
        return str(value)

    def date(self, key: str, value: Any, *, partial: bool) -> str | None:
        if value is None:
            return None
        if isinstance(value, dt.datetime):
            self.problem(key, f"'{key}' has a time of day; write the date alone as YYYY-MM-DD")
            return None
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, bool) or not isinstance(value, str | int):
            self.problem(key, f"'{key}' must be a date, not {type(value).__name__}")
            return None
        text = str(value)
        pattern = PARTIAL_DATE if partial else re.compile(r"^\d{4}-\d{2}-\d{2}\Z")
        if not pattern.match(text):
            form = "YYYY, YYYY-MM or YYYY-MM-DD" if partial else "YYYY-MM-DD"
            self.problem(key, f"'{key}' is '{text[:40]}'; expected a date as {form}")
            return None
        if len(text) == 10:
            try:
                dt.date.fromisoformat(text)
            except ValueError:
                self.problem(key, f"'{key}' is '{text}', a day that does not exist")
                return None
        return text

    def url(self, key: str, value: Any) -> str | None:
        text = self.text(key, value)
        if text is not None and not re.match(r"^https?://", text):
            self.problem(key, f"'{key}' must be an http(s) URL")
            return None
        return text

    def local_text(self, key: str, value: Any, *, required: bool = False) -> LocalText | None:
        """Per-language text inside a structured entry: {id: …, en: …}."""
        if value is None:
            if required:
                self.problem(key, f"'{key}' is required: give it as {{id: …, en: …}}")
            return None
        if isinstance(value, str):
            return {self.languages[0]: value}
        if not isinstance(value, dict):
            self.problem(key, f"'{key}' must map language codes to text, e.g. {{id: …, en: …}}")
            return None
        for lang in sorted(set(value) - set(self.languages)):
            self.problem(key, f"'{key}' names language '{lang}', which site.yaml does not list")
        return {lang: str(value[lang]) for lang in self.languages if value.get(lang)}

    def slugs(self, key: str, value: Any, kind: str, expects: str | None) -> tuple[str, ...]:
        if value is None:
            return ()
        if not isinstance(value, list):
            self.problem(key, f"'{key}' must be a list of slugs, e.g. [taliban, russia]")
            return ()
        found = (self.ref(f"{key}.{i}", item, kind, expects) for i, item in enumerate(value))
        return tuple(slug for slug in found if slug)

    def strings(self, key: str, value: Any) -> tuple[str, ...]:
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.problem(key, f"'{key}' must be a list of text")
            return ()
        return tuple(value)

    def entries(self, key: str, value: Any, allowed: set[str]) -> list[tuple[str, dict]]:
        """A list of mappings, each checked for unknown keys; returns (key path, entry)."""
        if value is None:
            return []
        if not isinstance(value, list):
            self.problem(key, f"'{key}' must be a list of entries")
            return []
        out: list[tuple[str, dict]] = []
        for index, entry in enumerate(value):
            entry_key = f"{key}.{index}"
            if not isinstance(entry, dict):
                self.problem(entry_key, f"each entry of '{key}' must be a mapping of keys")
                continue
            for unknown in sorted(set(entry) - allowed):
                self.problem(
                    f"{entry_key}.{unknown}",
                    f"unknown key '{unknown}' in {key}; expected one of "
                    f"{', '.join(sorted(allowed))}{did_you_mean(str(unknown), allowed)}",
                )
            out.append((entry_key, entry))
        return out

    # -- structured fields --------------------------------------------------

    def image(self, key: str, value: Any) -> Image | None:
        if value is None:
            return None
        if not isinstance(value, dict):
            self.problem(key, "'image' must be {src: images/x.jpg, alt: …, caption: …, credit: …}")
            return None
        for unknown in sorted(set(value) - IMAGE_KEYS, key=str):
            self.problem(
                f"{key}.{unknown}",
                f"unknown key '{unknown}' in image; expected one of {', '.join(sorted(IMAGE_KEYS))}",
            )
        src = self.text(f"{key}.src", value.get("src"), required=True)
        alt = self.text(f"{key}.alt", value.get("alt"), required=True)
        if src is None or alt is None:
            return None
        return Image(
            src=src,
            alt=alt,
            caption=self.text(f"{key}.caption", value.get("caption")),
            credit=self.text(f"{key}.credit", value.get("credit")),
        )

    def aliases(self, key: str, value: Any) -> Mapping[str, tuple[str, ...]]:
        if value is None:
            return {}
        if isinstance(value, list):
            return {"*": self.strings(key, value)}
        if isinstance(value, dict):
            for lang in sorted(set(value) - set(self.languages)):
                self.problem(key, f"aliases name language '{lang}', which site.yaml does not list")
            return {lang: self.strings(f"{key}.{lang}", value[lang]) for lang in sorted(value)}
        self.problem(key, "'aliases' must be a list of names or a map of language to names")
        return {}

    def timeline(self, key: str, value: Any) -> tuple[TimelineEvent, ...]:
        events = []
        for entry_key, entry in self.entries(key, value, TIMELINE_KEYS):
            link_type = self.choice(f"{entry_key}.type", entry.get("type"), "link_types")
            stance = entry.get("stance")
            tie = self.vocabulary.tie(link_type) if link_type else None
            if stance is None and link_type is not None:
                # A link type may carry a default stance (site.yaml `vocabulary.link_types`).
                stance = self.vocabulary.default_stance(link_type)
            if stance is not None or tie is None:  # a tie is drawn as itself: a stance is optional
                stance = self.choice(f"{entry_key}.stance", stance, "stances") or ""
            events.append(
                TimelineEvent(
                    date=self.date(f"{entry_key}.date", entry.get("date"), partial=True),
                    type=link_type or "",
                    stance=stance or "",
                    claim_by=self.slugs(
                        f"{entry_key}.claim_by", entry.get("claim_by"), "claim_by", "actors"
                    ),
                    denied_by=self.slugs(
                        f"{entry_key}.denied_by", entry.get("denied_by"), "denied_by", "actors"
                    ),
                    sources=self.slugs(
                        f"{entry_key}.sources", entry.get("sources"), "source", "sources"
                    ),
                    text=self.local_text(f"{entry_key}.text", entry.get("text"), required=True)
                    or {},
                    date_note=self.local_text(f"{entry_key}.date_note", entry.get("date_note")),
                    line=self.front.line_of(entry_key),
                    tie=tie,
                    membership=self.vocabulary.membership(link_type) if link_type else None,
                )
            )
        return tuple(events)

    def active(self, key: str, value: Any) -> Lifespan | None:
        """When an actor began and ended, each end a partial date, with the sources saying so."""
        if value is None:
            return None
        if not isinstance(value, dict):
            self.problem(
                key, f"'{key}' must be a mapping with from, until and sources; {ACTIVE_EXAMPLE}"
            )
            return None
        for unknown in sorted(set(value) - set(ACTIVE_KEYS), key=str):
            self.problem(
                f"{key}.{unknown}",
                f"unknown key '{unknown}' in {key}: expected {', '.join(ACTIVE_KEYS)}"
                f"{did_you_mean(str(unknown), ACTIVE_KEYS)}",
            )
        start = self.date(f"{key}.from", value.get("from"), partial=True)
        until = self.date(f"{key}.until", value.get("until"), partial=True)
        sources = self.slugs(f"{key}.sources", value.get("sources"), "source", "sources")
        if start is None and until is None:
            self.problem(key, f"'{key}' needs `from:` or `until:` (or both); {ACTIVE_EXAMPLE}")
            return None
        if start and until and until < start:
            self.problem(f"{key}.until", f"'{key}' ends ({until}) before it begins ({start})")
            return None
        if not sources:
            self.problem(
                f"{key}.sources",
                f"'{key}' needs the sources that date it: add `sources: [source-slug]`",
            )
        return Lifespan(start, until, sources, self.front.line_of(key))

    def quotes(self, key: str, value: Any) -> tuple[Quote, ...]:
        quotes = []
        for entry_key, entry in self.entries(key, value, QUOTE_KEYS):
            speaker = entry.get("speaker")
            if speaker is not None:
                speaker = self.ref(f"{entry_key}.speaker", speaker, "speaker", "actors")
            translation = entry.get("translation") or {}
            quotes.append(
                Quote(
                    speaker=speaker,
                    text=self.text(f"{entry_key}.text", entry.get("text"), required=True) or "",
                    translation=self.local_text(f"{entry_key}.translation", translation) or {},
                    about=self.slugs(
                        f"{entry_key}.about", entry.get("about"), "about", "relationships"
                    ),
                    line=self.front.line_of(entry_key),
                    language=self.text(f"{entry_key}.language", entry.get("language")),
                    note=self.local_text(f"{entry_key}.note", entry.get("note")),
                    speaker_label=self.local_text(
                        f"{entry_key}.speaker_label", entry.get("speaker_label")
                    ),
                )
            )
        return tuple(quotes)

    def evidence(self, key: str, value: Any) -> tuple[Mapping[str, Any], ...]:
        # Written by the ingester for writers (ENTRY_SHAPES["evidence"]): only actors are checked.
        entries = self.entries(key, value, EVIDENCE_KEYS)
        for entry_key, entry in entries:
            self.slugs(f"{entry_key}.actors", entry.get("actors"), "evidence", "actors")
        return tuple(entry for _, entry in entries)
