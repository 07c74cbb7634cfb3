"""`explainer schema`: the JSON Schemas editors read, validated with the `jsonschema` library.

The project's own content must validate against the schemas made from it
(a schema that rejects real dossiers would teach writers to ignore it), and
the schemas must catch what writers get wrong: a word outside the site's
vocabulary, a slug no dossier has, an unknown key.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from support import PROJECT, run_cli

from generator.content.model import SECTION_DATA
from generator.content.shapes import ENTRY_SHAPES, NEUTRAL_SHAPES, PER_LANGUAGE_KEYS
from generator.vocabulary import SECTIONS


def _front(path: Path) -> dict[str, Any]:
    """A file's front-matter as an editor's YAML 1.2 server sees it: dates are text."""
    text = path.read_text("utf-8").split("---\n", 2)[1]
    return _dates_as_text(yaml.safe_load(text) or {})


def _dates_as_text(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _dates_as_text(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_dates_as_text(v) for v in value]
    return value


@pytest.fixture(scope="module")
def own_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This repository's site, copied, with its schemas written."""
    site = tmp_path_factory.mktemp("own") / "site"
    site.mkdir()
    shutil.copy(PROJECT / "site.yaml", site / "site.yaml")
    shutil.copytree(PROJECT / "content", site / "content")
    result = run_cli(site, "schema")
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def _validator(site: Path, section: str) -> jsonschema.Draft7Validator:
    schema = json.loads((site / f".schema/{section}.schema.json").read_text("utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


def test_the_projects_own_content_validates_against_its_schemas(own_site: Path) -> None:
    checked = 0
    for section in ("actors", "relationships", "sources", "pages"):
        validator = _validator(own_site, section)
        for path in sorted((own_site / "content" / section).glob("*.md")):
            errors = [e.message for e in validator.iter_errors(_front(path))]
            assert not errors, f"{path.name}: {errors[:3]}"
            checked += 1
    assert checked > 0


def test_the_schemas_catch_a_wrong_word_slug_and_key(own_site: Path) -> None:
    actors = _validator(own_site, "actors")
    relationships = _validator(own_site, "relationships")
    path = next(iter(sorted((own_site / "content/actors").glob("*.id.md"))))
    good = _front(path)
    assert not list(actors.iter_errors(good))
    assert list(actors.iter_errors({**good, "kind": "armed-grup"}))  # not in actor_kinds
    assert list(actors.iter_errors({**good, "sources": ["no-such-source"]}))  # not a slug
    assert list(actors.iter_errors({**good, "titel": "x"}))  # not a key
    event = {"date": 2015, "type": "talks", "text": {"id": "x"}}
    assert not list(relationships.iter_errors({"title": "x", "timeline": [event]}))
    wrong = {**event, "type": "talk", "stance": "friendly"}
    messages = [e.message for e in relationships.iter_errors({"title": "x", "timeline": [wrong]})]
    assert len(messages) == 2, messages


def test_every_key_the_loader_reads_has_one_shape() -> None:
    """The schemas and the loader read one declaration of the keys: none may be missing,
    and each section's data has a field for each of its keys and no other."""
    for section in SECTIONS:
        data_fields = {f.name for f in dataclasses.fields(SECTION_DATA[section.name])}
        assert data_fields == set(NEUTRAL_SHAPES[section.name]), section.name
    assert PER_LANGUAGE_KEYS and set(ENTRY_SHAPES) == {
        "timeline",
        "quotes",
        "image",
        "evidence",
        "active",
    }


def test_schema_writes_only_changed_files(own_site: Path) -> None:
    target = own_site / ".schema/actors.schema.json"
    before = target.stat().st_mtime_ns
    assert run_cli(own_site, "schema").returncode == 0
    assert target.stat().st_mtime_ns == before
