"""JSON Schemas of each section's front-matter, for writers' editors (`explainer schema`).

Made from the one declaration of the keys (`content.schema`: each section's
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
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from generator.content.model import Model
from generator.content.schema import (
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
    languages = list(model.config.language_codes)
    kind = shape.kind
    if kind == "text":
        return {"type": ["string", "number"]}
    if kind == "flag":
        return {"type": "boolean"}
    if kind == "day":
        return {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$", "description": "YYYY-MM-DD"}
    if kind == "date":
        return {
            "type": ["string", "integer"],
            "pattern": PARTIAL_DATE.pattern.replace(r"\Z", "$"),
            "description": "YYYY, YYYY-MM or YYYY-MM-DD",
        }
    if kind == "url":
        return {"type": "string", "pattern": "^https?://"}
    if kind == "choice":
        codes = list(model.config.vocabulary.codes(shape.of or ""))
        return {"enum": codes, "description": f"one of the site's {shape.of}"}
    if kind == "ref":
        return _slug(model, shape.of or "")
    if kind == "refs":
        return {"type": "array", "items": _slug(model, shape.of or "")}
    if kind == "local_text":
        texts = {"type": "string", "minLength": 1}
        return {
            "anyOf": [
                {"type": "string"},
                {
                    "type": "object",
                    "properties": {code: texts for code in languages},
                    "additionalProperties": False,
                },
            ],
            "description": "text per language: {" + ", ".join(f"{c}: …" for c in languages) + "}",
        }
    if kind in ("strings", "old_slugs"):
        return {"type": "array", "items": {"type": "string"}}
    if kind == "aliases":
        names = {"type": "array", "items": {"type": "string"}}
        return {
            "anyOf": [
                names,
                {
                    "type": "object",
                    "properties": {code: names for code in languages},
                    "additionalProperties": False,
                },
            ]
        }
    if kind == "stamp":
        return {
            "type": "object",
            "properties": {"lang": {"enum": languages}, "hash": {"type": "string"}},
            "required": ["lang", "hash"],
            "additionalProperties": False,
        }
    if kind == "entry":
        return _object(ENTRY_SHAPES[shape.of or ""], model)
    if kind == "entries":
        return {"type": "array", "items": _object(ENTRY_SHAPES[shape.of or ""], model)}
    if kind == "extra":
        return {"type": "object"}
    if kind == "any":
        return {}
    raise ValueError(f"no JSON Schema for the shape {kind!r}")


def _slug(model: Model, section: str) -> Json:
    """A slug of `section`: one of the site's, when it has any (an empty enum allows nothing)."""
    slugs = sorted(d.slug for d in model.in_section(section))
    if slugs:
        return {"enum": slugs, "description": f"the slug of one of the site's {section}"}
    return {"type": "string", "pattern": REF_SLUG.pattern.replace(r"\Z", "$")}
