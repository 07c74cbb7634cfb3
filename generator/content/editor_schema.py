"""JSON Schemas of each section's front-matter, for writers' editors (`explainer schema`).

Made from the one declaration of the keys (`content.shapes`: each section's
`NEUTRAL_SHAPES`, every file's `PER_LANGUAGE_SHAPES`) and what each holds
(`Shape`), with the site's own words (its vocabularies) and its dossiers'
slugs as the allowed values and each key's help and default, so an editor
completes `kind:`, `type:` or `sources:`, explains a key on hover, and flags a
typo as it is typed. Draft-07, the
version editors' YAML language servers and remark's front-matter lint read.
A schema is a help, not the rule: `explainer check` stays the judge (it
also checks what a schema cannot, such as a relationship's file name).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any

from generator.content.model import Model
from generator.content.shapes import (
    ENTRY_SHAPES,
    NEUTRAL_SHAPES,
    PARTIAL_DATE,
    PER_LANGUAGE_SHAPES,
    REF_SLUG,
    Shape,
)
from generator.vocabulary import SECTION_NAMES

DRAFT = "http://json-schema.org/draft-07/schema#"
SCHEMA_DIR = ".schema"
Json = dict[str, Any]


def schema_file(section: str) -> str:
    """`.schema/actors.schema.json`, relative to the project folder."""
    return f"{SCHEMA_DIR}/{section}.schema.json"


def editor_schemas(model: Model) -> dict[str, bytes]:
    """Each section's schema: project-relative file → JSON bytes (sorted, so deterministic)."""
    return {
        schema_file(section): (json.dumps(section_schema(model, section), indent=2) + "\n").encode()
        for section in SECTION_NAMES
    }


def section_schema(model: Model, section: str) -> Json:
    """The schema of one file of `section`: its language's keys and the section's neutral ones."""
    # A language-neutral key is required once per dossier, in any one of its files.
    neutral = {
        key: replace(shape, required=False) for key, shape in NEUTRAL_SHAPES[section].items()
    }
    shapes = {**PER_LANGUAGE_SHAPES, **neutral}
    title = model.config.title[model.config.default_language]
    return {
        "$schema": DRAFT,
        "$id": f"{section}.schema.json",
        "title": f"{title}: {section} front-matter",
        "description": (
            f"A file content/{section}/<slug>.<lang>.md of this site. Made by `explainer schema` "
            "from the site's vocabularies and slugs: run it again after adding either."
        ),
        **_object(shapes, model),
    }


def _object(shapes: Mapping[str, Shape], model: Model) -> Json:
    required = sorted(key for key, shape in shapes.items() if shape.required)
    out: Json = {
        "type": "object",
        "additionalProperties": False,
        "properties": {key: _value(shape, model) for key, shape in shapes.items()},
    }
    if required:
        out["required"] = required
    return out


def _value(shape: Shape, model: Model) -> Json:
    """What one key may hold; an optional key may also be left empty (null). Null joins
    the value's own `type`, `enum` or `anyOf`, so an editor's message names the real fault
    (not "is not valid under any of the given schemas")."""
    value = _shape(shape, model)
    # What an editor shows on hover: the key's help, then the form its value takes.
    value["description"] = " ".join(filter(None, (shape.help, value.get("description"))))
    if shape.default is not None:
        value["default"] = shape.default
    if shape.required or shape.kind == "any":
        return value
    if "enum" in value:
        value["enum"] = [*value["enum"], None]
    elif "anyOf" in value:
        value["anyOf"] = [*value["anyOf"], {"type": "null"}]
    else:
        types = value.get("type", [])
        value["type"] = [*(types if isinstance(types, list) else [types]), "null"]
    return value


def _shape(shape: Shape, model: Model) -> Json:
    if shape.kind not in JSON_OF:
        raise ValueError(f"no JSON Schema for the shape {shape.kind!r}")
    return JSON_OF[shape.kind](shape, model)


def _languages(model: Model, value: Json) -> Json:
    """A mapping of the site's language codes to `value`, and nothing else."""
    codes = model.config.language_codes
    return {
        "type": "object",
        "properties": {code: value for code in codes},
        "additionalProperties": False,
    }


def _local_text(shape: Shape, model: Model) -> Json:
    codes = model.config.language_codes
    return {
        "anyOf": [{"type": "string"}, _languages(model, {"type": "string", "minLength": 1})],
        "description": "text per language: {" + ", ".join(f"{c}: …" for c in codes) + "}",
    }


def _aliases(shape: Shape, model: Model) -> Json:
    names = {"type": "array", "items": {"type": "string"}}
    return {"anyOf": [names, _languages(model, names)]}


def _stamp(shape: Shape, model: Model) -> Json:
    return {
        "type": "object",
        "properties": {
            "lang": {"enum": list(model.config.language_codes)},
            "hash": {"type": "string"},
        },
        "required": ["lang", "hash"],
        "additionalProperties": False,
    }


# What each kind of shape may hold, as JSON Schema (a fresh value each call: `_value`
# adds to it).
JSON_OF: dict[str, Callable[[Shape, Model], Json]] = {
    "text": lambda shape, model: {"type": ["string", "number"]},
    "flag": lambda shape, model: {"type": "boolean"},
    "day": lambda shape, model: {
        "type": "string",
        "pattern": r"^\d{4}-\d{2}-\d{2}$",
        "description": "YYYY-MM-DD",
    },
    "date": lambda shape, model: {
        "type": ["string", "integer"],
        "pattern": PARTIAL_DATE.pattern.replace(r"\Z", "$"),
        "description": "YYYY, YYYY-MM or YYYY-MM-DD",
    },
    "url": lambda shape, model: {"type": "string", "pattern": "^https?://"},
    "choice": lambda shape, model: {
        "enum": list(model.config.vocabulary.codes(shape.of or "")),
        "description": f"one of the site's {shape.of}",
    },
    "ref": lambda shape, model: _slug(model, shape.of or ""),
    "refs": lambda shape, model: {"type": "array", "items": _slug(model, shape.of or "")},
    "local_text": _local_text,
    "strings": lambda shape, model: {"type": "array", "items": {"type": "string"}},
    "old_slugs": lambda shape, model: {"type": "array", "items": {"type": "string"}},
    "aliases": _aliases,
    "stamp": _stamp,
    "entry": lambda shape, model: _object(ENTRY_SHAPES[shape.of or ""], model),
    "entries": lambda shape, model: {
        "type": "array",
        "items": _object(ENTRY_SHAPES[shape.of or ""], model),
    },
    "extra": lambda shape, model: {"type": "object"},
    "any": lambda shape, model: {},
}


def _slug(model: Model, section: str) -> Json:
    """A slug of `section`: one of the site's, when it has any (an empty enum allows nothing)."""
    slugs = sorted(d.slug for d in model.in_section(section))
    if slugs:
        return {"enum": slugs, "description": f"the slug of one of the site's {section}"}
    return {"type": "string", "pattern": REF_SLUG.pattern.replace(r"\Z", "$")}
