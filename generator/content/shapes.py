"""The front-matter's keys as data: every key, whether it is per-language, and its shape.

`PER_LANGUAGE_SHAPES`, `NEUTRAL_SHAPES` (per section) and `ENTRY_SHAPES` (per structured
entry) are read by `content.schema.FieldReader`, printed by `content.reference`, and turned
into editor JSON Schemas by `content.editor_schema`; the slug and date patterns too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

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
