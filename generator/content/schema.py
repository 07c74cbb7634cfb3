"""Reading front-matter against its shapes (`content.shapes`).

`FieldReader` turns one file's raw YAML into checked values, collecting a
`Problem` (with the key's line) for every bad value and a `Ref` for every slug
it names, so the linker can resolve them all in one pass.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from generator.content.frontmatter import FrontMatter
from generator.content.model import Image, Lifespan, LocalText, Quote, Ref, TimelineEvent
from generator.content.shapes import (
    ACTIVE_EXAMPLE,
    ACTIVE_KEYS,
    ENTRY_SHAPES,
    EVIDENCE_KEYS,
    FIRST_KEY_LINE,
    IMAGE_KEYS,
    PARTIAL_DATE,
    QUOTE_KEYS,
    REF_SLUG,
    TIMELINE_KEYS,
    Shape,
)
from generator.errors import Problem, did_you_mean
from generator.vocabulary import DEFAULT_VOCABULARIES, Vocabularies


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

    def read(self, key: str, value: Any, shape: Shape) -> Any:
        """`value` read as `shape` says, or the shape's default when that gives nothing.
        Whether a key is required is checked where it is written (`parse.merge_dossier`
        for the language-neutral keys, a text's reader for a required text)."""
        found = READ_AS[shape.kind](self, key, value, shape)
        if shape.default is not None and not found:
            return shape.default
        return found

    def part(
        self, shapes: Mapping[str, Shape], entry_key: str, entry: Mapping[str, Any], name: str
    ) -> Any:
        """The key `name` of a structured entry, read as the entry's table says."""
        return self.read(f"{entry_key}.{name}", entry.get(name), shapes[name])

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
        shapes = ENTRY_SHAPES["timeline"]
        for entry_key, entry in self.entries(key, value, TIMELINE_KEYS):
            read = partial(self.part, shapes, entry_key, entry)
            link_type = read("type")
            stance = entry.get("stance")
            tie = self.vocabulary.tie(link_type) if link_type else None
            if stance is None and link_type is not None:
                # A link type may carry a default stance (site.yaml `vocabulary.link_types`).
                stance = self.vocabulary.default_stance(link_type)
            if stance is not None or tie is None:  # a tie is drawn as itself: a stance is optional
                stance = self.choice(f"{entry_key}.stance", stance, "stances") or ""
            events.append(
                TimelineEvent(
                    date=read("date"),
                    type=link_type or "",
                    stance=stance or "",
                    claim_by=read("claim_by"),
                    denied_by=read("denied_by"),
                    sources=read("sources"),
                    text=self.local_text(f"{entry_key}.text", entry.get("text"), required=True)
                    or {},
                    date_note=read("date_note"),
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
        read = partial(self.part, ENTRY_SHAPES["active"], key, value)
        start, until, sources = read("from"), read("until"), read("sources")
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
            read = partial(self.part, ENTRY_SHAPES["quotes"], entry_key, entry)
            translation = entry.get("translation") or {}
            quotes.append(
                Quote(
                    speaker=read("speaker"),
                    text=self.text(f"{entry_key}.text", entry.get("text"), required=True) or "",
                    translation=self.local_text(f"{entry_key}.translation", translation) or {},
                    about=read("about"),
                    line=self.front.line_of(entry_key),
                    language=read("language"),
                    note=read("note"),
                    speaker_label=read("speaker_label"),
                )
            )
        return tuple(quotes)

    def evidence(self, key: str, value: Any) -> tuple[Mapping[str, Any], ...]:
        # Written by the ingester for writers (ENTRY_SHAPES["evidence"]): only actors are checked.
        entries = self.entries(key, value, EVIDENCE_KEYS)
        for entry_key, entry in entries:
            self.part(ENTRY_SHAPES["evidence"], entry_key, entry, "actors")
        return tuple(entry for _, entry in entries)


# How each kind of shape is read: the `FieldReader` method for it.
ShapeReader = Callable[[FieldReader, str, Any, Shape], Any]
READ_AS: dict[str, ShapeReader] = {
    "text": lambda reader, key, value, shape: reader.text(key, value),
    "flag": lambda reader, key, value, shape: reader.flag(key, value),
    "day": lambda reader, key, value, shape: reader.date(key, value, partial=False),
    "date": lambda reader, key, value, shape: reader.date(key, value, partial=True),
    "url": lambda reader, key, value, shape: reader.url(key, value),
    "choice": lambda reader, key, value, shape: reader.choice(key, value, shape.of or ""),
    "ref": lambda reader, key, value, shape: (
        None if value is None else reader.ref(key, value, shape.ref or key, shape.of)
    ),
    "refs": lambda reader, key, value, shape: reader.slugs(key, value, shape.ref or key, shape.of),
    "local_text": lambda reader, key, value, shape: reader.local_text(key, value),
    "aliases": lambda reader, key, value, shape: reader.aliases(key, value),
    "strings": lambda reader, key, value, shape: reader.strings(key, value),
    "entry": lambda reader, key, value, shape: ENTRY_READERS[shape.of or ""](reader, key, value),
    "entries": lambda reader, key, value, shape: ENTRY_READERS[shape.of or ""](reader, key, value),
}
# The reader of each structured entry's table (`ENTRY_SHAPES`).
ENTRY_READERS: dict[str, Callable[[FieldReader, str, Any], Any]] = {
    "timeline": FieldReader.timeline,
    "quotes": FieldReader.quotes,
    "active": FieldReader.active,
    "image": FieldReader.image,
    "evidence": FieldReader.evidence,
}
