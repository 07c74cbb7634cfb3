"""The writer's papercuts, pinned: each message at the line to fix, saying what to do.

A newsroom's first week (issue 26): a YAML mistake was reported a line after
the line to fix; `[[pdip]]` said "no dossier has it" though PDIP is an alias;
`ingest --dry-run` said "created" for files it did not create; `serve` on a
busy port said so only after a whole build; `init --title` gave every
language one title.
"""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
import yaml
from support import edit, run_cli

RUSSIA = "content/actors/russia.id.md"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        # a key without its colon: PyYAML notices on the next line (4), the fix is on line 3
        ("kind: state", "kind state", f"{RUSSIA}:3:1: error: YAML syntax error: could not find "
         "expected ':' (a line has no ':' after its key: write `key: value`)"),
        # a list left open: noticed at the next key (line 7), opened on line 5
        ("id: [Rusia, Moskow, Kremlin]", "id: [Rusia, Moskow, Kremlin",
         f"{RUSSIA}:5:7: error: YAML syntax error: expected ',' or ']', but got ':' "
         "(a list opened with '[' is not closed: end it with ']')"),
        # a quote left open: noticed at the end of the front-matter, opened on line 2
        ("title: Rusia", 'title: "Rusia',
         f"{RUSSIA}:2:8: error: YAML syntax error: found unexpected end of stream "
         "(a quoted value is not closed: end it with the same quote)"),
        # a colon inside a value
        ("title: Rusia", "title: Rusia: negara",
         f"{RUSSIA}:2:13: error: YAML syntax error: mapping values are not allowed here "
         "(a value holding ': ' must be quoted: title: \"A: B\")"),
    ],
)  # fmt: skip
def test_a_yaml_mistake_is_reported_at_the_line_to_fix(
    project: Path, old: str, new: str, expected: str
) -> None:
    edit(project / RUSSIA, old, new)
    result = run_cli(project, "check")
    assert result.returncode == 1
    assert expected in result.stdout.splitlines(), result.stdout


def test_an_unknown_slug_that_is_an_alias_or_a_title_names_its_dossier(project: Path) -> None:
    edit(
        project / "content/actors/taliban.en.md",
        "fight [[isis]]",
        "fight [[moskow]] and [[the-taliban]]",
    )
    result = run_cli(project, "check")
    assert result.returncode == 1
    assert (
        "content/actors/taliban.en.md:4: error: unknown slug 'moskow': 'Moskow' is the alias "
        "of 'russia'; did you mean 'russia'?"
    ) in result.stdout.splitlines(), result.stdout
    assert (
        "unknown slug 'the-taliban': 'The Taliban' is the title of 'taliban'; "
        "did you mean 'taliban'?"
    ) in result.stdout, result.stdout


def test_a_dry_run_says_what_it_would_create(project: Path) -> None:
    seeds = project / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text(
        "Rusia Buka Pintu untuk Taliban\n\nJakarta - Rusia mencabut Taliban dari daftar "
        "organisasi teroris, Jumat (2/5/2025).\n",
        "utf-8",
    )
    result = run_cli(project, "ingest", "seeds", "--dry-run")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "would create: content/sources/" in result.stdout, result.stdout
    assert "created:" not in result.stdout and "created," not in result.stdout
    assert result.stdout.rstrip().endswith("(dry run: nothing written)")
    assert "to create" in result.stdout.strip().splitlines()[-1]
    assert not (project / "content/.ingest-manifest.json").exists()
    real = run_cli(project, "ingest", "seeds")
    assert "created: content/sources/" in real.stdout, real.stdout


def test_serve_on_a_busy_port_says_so_before_building(project: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = run_cli(project, "serve", "--port", str(port))
    assert result.returncode == 1
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr, result.stderr
    assert not (project / "public").exists()  # nothing was built first
    assert "built" not in result.stdout + result.stderr


def test_init_takes_a_title_per_language(tmp_path: Path) -> None:
    result = run_cli(
        tmp_path,
        "init",
        "a",
        "--title",
        "id=Koalisi Pilpres 2024",
        "--title",
        "en=The 2024 Coalitions",
    )
    assert result.returncode == 0, result.stderr
    config = yaml.safe_load((tmp_path / "a/site.yaml").read_text("utf-8"))
    assert config["title"] == {"id": "Koalisi Pilpres 2024", "en": "The 2024 Coalitions"}
    assert run_cli(tmp_path / "a", "build", "--strict").returncode == 0
    home = (tmp_path / "a/public/en/index.html").read_text("utf-8")
    assert "<title>The 2024 Coalitions</title>" in home


def test_init_with_one_title_asks_for_the_others_in_site_yaml(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "init", "b", "--title", "Koalisi Pilpres 2024")
    assert result.returncode == 0, result.stderr
    assert "translate it in site.yaml (title.en, description.en)" in result.stdout
    lines = (tmp_path / "b/site.yaml").read_text("utf-8").splitlines()
    assert '  id: "Koalisi Pilpres 2024"' in lines
    assert '  en: "Koalisi Pilpres 2024"  # the id text: translate it' in lines
    bad = run_cli(tmp_path, "init", "c", "--title", "fr=Coalitions")
    assert bad.returncode == 2 and "names language 'fr'" in bad.stderr
