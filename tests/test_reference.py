"""docs/reference.md is the declarations printed: it cannot drift from what the loaders read.

The reference is generated from the tables `load_config` and the front-matter
loader read (`content.site_keys`, `content.schema`); these tests fail when the
file and the tables differ, and when a key is declared without the help the
reference prints for it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support import PROJECT, fixture_folder

from generator.content.config import load_config
from generator.content.editor_schema import JSON_OF, section_schema
from generator.content.model import Model
from generator.content.reference import COMMAND, HOLDS, reference
from generator.content.schema import READ_AS
from generator.content.shapes import ENTRY_SHAPES, NEUTRAL_SHAPES, PER_LANGUAGE_SHAPES
from generator.content.site_keys import SITE_KEYS
from generator.errors import ExplainerError

REFERENCE = PROJECT / "docs" / "reference.md"


def test_the_reference_is_the_declarations_printed() -> None:
    assert REFERENCE.read_text(encoding="utf-8") == reference(), (
        f"docs/reference.md is out of date: run `{COMMAND}`"
    )


def test_every_key_is_declared_with_help_and_listed() -> None:
    text = reference()
    tables = [PER_LANGUAGE_SHAPES, *NEUTRAL_SHAPES.values(), *ENTRY_SHAPES.values()]
    for shapes in tables:
        for name, shape in shapes.items():
            assert shape.help.strip(), f"front-matter key '{name}' has no help"
            assert f"| `{name}` |" in text, name
    for key in SITE_KEYS:
        assert key.help.strip() and key.holds.strip(), f"site.yaml key '{key.name}' has no help"
        assert f"`{key.name}`" in text, key.name
        for part, help_text in key.parts.items():
            assert help_text.strip(), f"site.yaml key '{key.name}.{part}' has no help"
            assert f"- `{part}`: {help_text}" in text, part


def test_the_loader_knows_exactly_the_keys_the_reference_lists(tmp_path: Path) -> None:
    """site.yaml is read through the same table: a key not in it is unknown, and the
    message lists the table's keys."""
    shutil.copy(fixture_folder("reader") / "site.yaml", tmp_path / "site.yaml")
    with (tmp_path / "site.yaml").open("a", encoding="utf-8") as file:
        file.write("banner: big\n")
    with pytest.raises(ExplainerError) as caught:
        load_config(tmp_path)
    (problem,) = caught.value.problems
    names = ", ".join(sorted(key.name for key in SITE_KEYS))
    assert problem.message == f"unknown key 'banner': expected one of {names}"


def test_the_editor_schema_explains_each_key_with_its_help() -> None:
    """`explainer schema` reads the same declarations: an editor shows a key's help on
    hover, and offers its default."""
    model = Model(load_config(fixture_folder("reader")), {})
    for section, neutral in NEUTRAL_SHAPES.items():
        properties = section_schema(model, section)["properties"]
        for name, shape in {**PER_LANGUAGE_SHAPES, **neutral}.items():
            assert properties[name]["description"].startswith(shape.help), (section, name)
    actors = section_schema(model, "actors")["properties"]
    assert actors["kind"]["default"] == "organisation"
    timeline = section_schema(model, "relationships")["properties"]["timeline"]
    for name, shape in ENTRY_SHAPES["timeline"].items():
        assert timeline["items"]["properties"][name]["description"].startswith(shape.help), name


def test_every_kind_of_shape_is_read_described_and_worded() -> None:
    """A kind of shape is read (`READ_AS`, except the per-language keys `parse_file` reads
    itself), stated as JSON Schema (`JSON_OF`) and put in words (`HOLDS`): a kind one of
    them lacks would fail only on the first file that uses it."""
    per_language = {shape.kind for shape in PER_LANGUAGE_SHAPES.values()}
    tables = [*NEUTRAL_SHAPES.values(), *ENTRY_SHAPES.values()]
    kinds = {shape.kind for shapes in tables for shape in shapes.values()}
    assert kinds - {"any"} <= set(READ_AS)
    assert kinds | per_language <= set(JSON_OF) & set(HOLDS)
