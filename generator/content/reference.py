"""The reference of every key a writer can write, made from the declarations themselves.

`reference()` prints `docs/reference.md` from `site_keys.SITE_KEYS` (site.yaml),
`shapes.PER_LANGUAGE_SHAPES`, `shapes.NEUTRAL_SHAPES` and `shapes.ENTRY_SHAPES`
(front-matter) and the built-in vocabularies, the same tables the loaders
read, so the page cannot say what the code does not do. A test compares the
file with this output; after changing a key, write it again:

    python -m generator.content.reference > docs/reference.md
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator, Mapping

from generator.content.shapes import ENTRY_SHAPES, NEUTRAL_SHAPES, PER_LANGUAGE_SHAPES, Shape
from generator.content.site_keys import SITE_KEYS, SiteKey
from generator.vocabulary import DEFAULT_VOCABULARIES, SECTIONS, VOCABULARY_GROUPS

COMMAND = "python -m generator.content.reference > docs/reference.md"

# What a shape holds, in words (`Shape.of` replaces {of}).
HOLDS: dict[str, str] = {
    "text": "text",
    "flag": "true or false",
    "day": "a day, YYYY-MM-DD",
    "date": "a date: YYYY, YYYY-MM or YYYY-MM-DD",
    "url": "an http(s) URL",
    "choice": "one of the site's {of}",
    "ref": "a slug of one of the site's {of}",
    "refs": "a list of slugs of the site's {of}",
    "local_text": "text per language, {id: …, en: …} (one text: the first language's)",
    "aliases": "a list of names, or a list per language",
    "strings": "a list of text",
    "old_slugs": "a list of slugs",
    "entry": "a mapping: see [{of}](#{of})",
    "entries": "a list of mappings: see [{of}](#{of})",
    "stamp": "{lang, hash}",
    "extra": "a mapping of names to values",
    "any": "anything",
}


def reference() -> str:
    """The whole reference, as Markdown."""
    return "\n".join([*_intro(), *_site_yaml(), *_front_matter(), *_vocabularies()]) + "\n"


def _intro() -> Iterator[str]:
    yield "# Reference: every key of site.yaml and of a dossier's front-matter"
    yield ""
    yield (
        "Generated from the tables the loaders read (`generator/content/site_keys.py`, "
        "`generator/content/shapes.py`, `generator/vocabulary.py`): do not edit it by hand. "
        f"After changing a key, run `{COMMAND}`; `tests/test_reference.py` fails until then."
    )
    yield ""


def _site_yaml() -> Iterator[str]:
    yield "## site.yaml"
    yield ""
    yield "| key | holds | default | what it is |"
    yield "| --- | --- | --- | --- |"
    for key in SITE_KEYS:
        name = f"[`{key.name}`](#{key.name})" if key.parts else f"`{key.name}`"
        yield _row(name, key.holds, _site_default(key), key.help)
    for key in SITE_KEYS:
        if key.parts:
            yield ""
            yield f"### {key.name}"
            yield ""
            yield f"{key.help} Its keys:"
            yield ""
            yield from (f"- `{name}`: {text}" for name, text in key.parts.items())
    yield ""


def _site_default(key: SiteKey) -> str:
    if key.required:
        return "required"
    return "—" if key.default is None else f"`{_yaml(key.default)}`"


def _front_matter() -> Iterator[str]:
    yield "## Front-matter"
    yield ""
    yield (
        "A dossier is one file per language, `content/<section>/<slug>.<lang>.md`, its "
        "front-matter between `---` lines. Per-language keys belong to each file; a "
        "section's language-neutral keys are written once, in any one of its files, and "
        "every language inherits them (two files giving different values is an error)."
    )
    yield ""
    yield "### Every file"
    yield ""
    yield from _table(PER_LANGUAGE_SHAPES, "in each file")
    for section in SECTIONS:
        yield ""
        yield f"### {section.name}"
        yield ""
        shapes = NEUTRAL_SHAPES[section.name]
        yield (
            f"`content/{section.name}/<slug>.<lang>.md`, shown with `{section.template}`, "
            f"created by `explainer new {section.singular}`. "
            + ("Its language-neutral keys:" if shapes else "It has no language-neutral keys.")
        )
        if shapes:
            yield ""
            yield from _table(shapes, "once per dossier")
    for table, shapes in ENTRY_SHAPES.items():
        yield ""
        yield f"### {table}"
        yield ""
        yield f"The keys of one `{table}` entry:"
        yield ""
        yield from _table(shapes, "in each entry")
    yield ""


def _table(shapes: Mapping[str, Shape], required: str) -> Iterator[str]:
    yield "| key | holds | required | default | what it is |"
    yield "| --- | --- | --- | --- | --- |"
    for name, shape in shapes.items():
        holds = HOLDS[shape.kind].replace("{of}", shape.of or "")
        default = "—" if shape.default is None else f"`{_yaml(shape.default)}`"
        yield _row(f"`{name}`", holds, required if shape.required else "", default, shape.help)


def _vocabularies() -> Iterator[str]:
    yield "## Built-in vocabularies"
    yield ""
    yield (
        "What content may use when site.yaml's `vocabulary:` leaves a group out (their "
        "labels are UI strings, `templates/i18n/<lang>.yaml`)."
    )
    yield ""
    yield "| group | codes |"
    yield "| --- | --- |"
    for group in VOCABULARY_GROUPS:
        codes = []
        for term in DEFAULT_VOCABULARIES.terms(group):
            notes = [
                f"{what} {value}"
                for what, value in (
                    ("stance", term.stance),
                    ("tie", term.tie),
                    ("membership", term.membership),
                )
                if value
            ] + (["group"] if term.group else [])
            codes.append(f"`{term.code}`" + (f" ({', '.join(notes)})" if notes else ""))
        yield _row(f"`{group}`", ", ".join(codes))


def _row(*cells: str) -> str:
    return "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"


def _yaml(value: object) -> str:
    """A default as it is written in YAML."""
    if isinstance(value, str):
        return value
    return json.dumps(value)


if __name__ == "__main__":
    sys.stdout.write(reference())
