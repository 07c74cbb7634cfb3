"""The front-matter schema: every key, whether it is per-language, and its type.

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
from generator.errors import Problem, did_you_mean
from generator.vocabulary import DEFAULT_VOCABULARIES, Vocabularies

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*\Z")
# What a reference may name: a slug, or a relationship slug `a--b`.
REF_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*(--[a-z0-9]+(-[a-z0-9]+)*)?\Z")
PARTIAL_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?\Z")
FIRST_KEY_LINE = 2  # the line after the opening `---`


@dataclass(frozen=True)
class Shape:
    """One front-matter key, as data: what it holds (`kind`, read by the `FieldReader`
    method of that kind, described by `content.editor_schema`), whether it is required,
    its default, and the help the reference (`content.reference`) prints for it."""

    kind: str  # text | flag | day | date | url | choice | ref | refs | local_text | aliases
    #            | strings | old_slugs | entry | entries | stamp | extra | any
    of: str | None = (
        None  # choice: its vocabulary group; ref(s): the section; entr(y|ies): the table
    )
    # Where the key is written: in each file (per-language keys), in each entry, or once
    # per dossier (language-neutral keys: any one of its files; drafts may lack it).
    required: bool = False
    help: str = ""
    default: Any = None  # the value when the key is missing, empty or wrong (wrong is an error)
    ref: str | None = None  # ref(s): the kind of reference its slugs are (`model.Ref.kind`)


# Keys every file may carry, each for its own language.
PER_LANGUAGE_SHAPES: dict[str, Shape] = {
    "title": Shape("text", required=True, help="The dossier's title in this language."),
    "summary": Shape(
        "text",
        help="A sentence or two of Markdown: under the title, in lists, the page's description.",
    ),
    "draft": Shape(
        "flag",
        help="true: not published (built only with `build --drafts`); ingest's stubs are drafts.",
        default=False,
    ),
    "untranslated": Shape(
        "flag",
        help="true: a placeholder; the page shows another language's text, marked as such.",
        default=False,
    ),
    "translated_from": Shape(
        "stamp",
        help="The original this translation follows, stamped by `explainer translated`: "
        "the translation is stale once the original changes.",
    ),
    "image": Shape(
        "entry", "image", help="The page's picture, also its preview image: {src, alt, …}."
    ),
    "updated": Shape("day", help="When the text was last revised."),
    "publish_date": Shape("day", help="The dossier is held back until that day."),
    "redirect_from": Shape(
        "old_slugs",
        help="Slugs this dossier had (written by `explainer rename`): their URLs redirect here.",
    ),
    "extra": Shape("extra", help="A theme's own keys, passed to templates as `page.extra`."),
    "generated": Shape(
        "text",
        help="Written by ingest: the digest of the body it wrote, so a re-run never "
        "overwrites a writer's edit (`content.generated`).",
    ),
}
PER_LANGUAGE_KEYS = tuple(PER_LANGUAGE_SHAPES)

_SOURCES = "The sources the dossier rests on (source slugs)."

# The language-neutral keys of each section: written once, in any one language's file,
# inherited by the others. The loader reads each into the field of the same name of
# the section's data (`model.SECTION_DATA`).
NEUTRAL_SHAPES: dict[str, dict[str, Shape]] = {
    "actors": {
        "kind": Shape(
            "choice",
            "actor_kinds",
            required=True,
            help="What the actor is: one of the site's actor kinds.",
            default="organisation",
        ),
        "aliases": Shape(
            "aliases",
            help="Other names, per language ({id: […], en: […]}) or one list for all; ingest "
            "matches them (a name in capitals only as written).",
        ),
        "affiliation": Shape(
            "ref", "actors", help="A person's organisation (an actor slug).", ref="affiliation"
        ),
        "role": Shape("local_text", help="A person's role, per language."),
        "sources": Shape("refs", "sources", help=_SOURCES, ref="source"),
        "active": Shape(
            "entry",
            "active",
            help="When the actor began and ended, and what says so; its end ends its "
            "relationships there.",
        ),
    },
    "relationships": {
        "actors": Shape(
            "refs",
            "actors",
            required=True,
            help="The two actor slugs, sorted, as the file name `a--b` gives them.",
            ref="actor",
        ),
        "timeline": Shape(
            "entries",
            "timeline",
            help="The dated events that are the relationship's evidence, one entry each.",
        ),
        "sources": Shape("refs", "sources", help=_SOURCES, ref="source"),
    },
    "sources": {
        "kind": Shape(
            "choice", "source_kinds", help="What kind of outlet it is, so readers can weigh it."
        ),
        "publisher": Shape("text", help="Who published the article."),
        "date": Shape("day", help="The article's date; left out when it gives none."),
        "language": Shape("text", help="The article's language code.", default="id"),
        "url": Shape("url", help="The article's http(s) address."),
        "author": Shape("text", help="Who wrote the article."),
        "place": Shape("text", help="The dateline's city, as the article gives it."),
        "seed": Shape("text", help="The article file under seeds/ that ingest read."),
        "quotes": Shape(
            "entries", "quotes", help="What people said in the article, one entry each."
        ),
        "actors": Shape(
            "refs",
            "actors",
            help="The actors the article mentions (written by ingest).",
            ref="mention",
        ),
        "evidence": Shape(
            "entries",
            "evidence",
            help="Ingest's findings, each with the sentence it read, for the writer to check "
            "(not published).",
        ),
        "review": Shape("strings", help="Ingest's notes for the writer (not published)."),
    },
    "pages": {},
}

_INGEST = "Written by ingest for the writer: "

# The keys of each structured entry: a timeline event, a quote, an image, an ingest finding.
ENTRY_SHAPES: dict[str, dict[str, Shape]] = {
    "timeline": {
        "date": Shape("date", help="When it happened."),
        "type": Shape("choice", "link_types", help="What happened: one of the site's link types."),
        "stance": Shape(
            "choice",
            "stances",
            help="The event's stance; may be left out when its link type gives one, or is a tie.",
        ),
        "claim_by": Shape("refs", "actors", help="The actors that assert it.", ref="claim_by"),
        "denied_by": Shape("refs", "actors", help="The actors that deny it.", ref="denied_by"),
        "sources": Shape("refs", "sources", help="The sources that report it.", ref="source"),
        "text": Shape("local_text", required=True, help="What happened, per language."),
        "date_note": Shape(
            "local_text", help="Where the date comes from, when not from the sources."
        ),
        # The ingester's, on the events of the stubs it writes: how sure its cue was, the
        # sentence it read, and the digest of the text it wrote (`content.generated`).
        "confidence": Shape("any", help=_INGEST + "how sure its cue was."),
        "sentence": Shape("any", help=_INGEST + "the sentence it read."),
        "generated": Shape("text", help=_INGEST + "the digest of the text it wrote."),
    },
    "quotes": {
        "speaker": Shape("ref", "actors", help="Who spoke (an actor slug).", ref="speaker"),
        "text": Shape("text", required=True, help="The words, as the article gives them."),
        "translation": Shape("local_text", help="The words in the site's other languages."),
        "about": Shape(
            "refs", "relationships", help="The relationships whose pages show it.", ref="about"
        ),
        "language": Shape("text", help="The language the speaker used, when known."),
        "note": Shape("local_text", help="Shown with the quote, e.g. how it was translated."),
        "speaker_label": Shape("local_text", help="Who spoke, when no actor slug fits."),
    },
    # When an actor began and ended, and what says so.
    "active": {
        "from": Shape("date", help="When it began."),
        "until": Shape("date", help="When it ended."),
        "sources": Shape("refs", "sources", help="The sources that date it.", ref="source"),
    },
    "image": {
        "src": Shape(
            "text", required=True, help="A path under content/ (images/x.jpg) or an https URL."
        ),
        "alt": Shape("text", required=True, help="What the picture shows, for who cannot see it."),
        "caption": Shape("text", help="Shown under the picture."),
        "credit": Shape("text", help="Who made the picture."),
    },
    # Written by the ingester for writers; only its actor slugs are checked.
    # `reason` and `confidence` say which cue decided and how sure, to sort by.
    "evidence": {
        "actors": Shape("refs", "actors", help=_INGEST + "the two actors.", ref="evidence"),
        **{
            key: Shape("any", help=_INGEST + f"the event's {key}, as a timeline entry has it.")
            for key in ("stance", "type", "text", "date", "claim_by", "denied_by")
        },
        "reason": Shape("any", help=_INGEST + "which cue decided."),
        "confidence": Shape("any", help=_INGEST + "how sure that cue is."),
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

    def read(self, key: str, value: Any, shape: Shape) -> Any:
        """`value` read as `shape` says, or the shape's default when that gives nothing.
        Whether a key is required is checked where it is written (`load.merge_dossier`
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
