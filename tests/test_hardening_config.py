"""site.yaml and `init` values that used to crash or slip through (issue 21).

- `vocabulary:` groups in any combination work, or give a located error, in
  every command (declaring `stances` was a KeyError in all of them);
- `languages:` of the wrong type is a located error in every command,
  `ingest` included (it read site.yaml on its own: a TypeError);
- `init --base-url` is checked exactly as `build` checks base_url (a newline
  wrote a second key into site.yaml).
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from support import PROBLEM_LINE, make_project, run_cli

from generator.content.site_keys import BASE_URL
from generator.vocabulary import DEFAULT_VOCABULARIES

GROUPS = ("actor_kinds", "link_types", "stances", "source_kinds")
# A command of each kind that reads site.yaml: reading, writing, ingesting.
COMMANDS: list[tuple[str, ...]] = [
    ("check",),
    ("build", "--no-search"),
    ("new", "actor", "qatar"),
    ("rename", "russia", "russian-federation"),
    ("translated", "taliban", "en"),
    ("ingest", "article.txt"),
    ("ingest", "--accept", "Qatar"),
]
ARTICLE = "Judul\n\nJakarta - Taliban bertemu Rusia di Moskow pada Senin (3/10/2022).\n"


def _project(tmp_path: Path, site_yaml_tail: str = "", replace: tuple[str, str] | None = None):
    project = make_project(tmp_path / "site", "workflow")
    (project / "article.txt").write_text(ARTICLE, "utf-8")
    site = project / "site.yaml"
    text = site.read_text("utf-8")
    if replace is not None:
        assert replace[0] in text
        text = text.replace(*replace, 1)
    site.write_text(text + site_yaml_tail, "utf-8")
    return project


def _declared(groups: tuple[str, ...]) -> str:
    """`vocabulary:` declaring `groups` with the default codes (labels of their own)."""
    lines = ["", "vocabulary:"]
    for group in groups:
        lines.append(f"  {group}:")
        for term in getattr(DEFAULT_VOCABULARIES, group):
            extra = "".join(
                f", {key}: {value}"
                for key, value in (
                    ("stance", term.stance),
                    ("tie", term.tie),
                    ("membership", term.membership),
                    ("group", "true" if term.group else None),
                )
                if value is not None
            )
            lines.append(f"    {term.code}: {{id: {term.code} (id), en: {term.code} (en){extra}}}")
    return "\n".join(lines) + "\n"


def _assert_located(result: object, needle: str) -> None:
    code, out, err = result.returncode, result.stdout, result.stderr  # type: ignore[attr-defined]
    text = out + err
    assert code == 1, text
    assert "Traceback" not in text
    lines = [line for line in text.splitlines() if PROBLEM_LINE.match(line)]
    assert any(line.startswith("site.yaml:") and needle in line for line in lines), text


SUBSETS = [c for n in range(1, 5) for c in itertools.combinations(GROUPS, n)]


@pytest.mark.slow
@pytest.mark.parametrize("groups", SUBSETS, ids=["+".join(g) for g in SUBSETS])
def test_any_combination_of_vocabulary_groups_works(
    tmp_path: Path, groups: tuple[str, ...]
) -> None:
    project = _project(tmp_path, _declared(groups))
    result = run_cli(project, "check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "clean" in result.stdout


@pytest.mark.slow
def test_declared_stances_work_in_every_command(tmp_path: Path) -> None:
    project = _project(tmp_path, _declared(("stances",)))
    for command in COMMANDS:
        result = run_cli(project, *command)
        assert result.returncode == 0, (command, result.stdout + result.stderr)
        assert "Traceback" not in result.stderr
    page = project / "public/en/actors/taliban/index.html"
    assert page.is_file()


def test_stances_of_a_sites_own_with_its_own_link_types_build(tmp_path: Path) -> None:
    tail = (
        "\nvocabulary:\n"
        "  stances:\n"
        "    allied: {id: Bersekutu, en: Allied}\n"
        "    opposed: {id: Berseberangan, en: Opposed}\n"
        "  link_types:\n"
        "    meets: {id: Bertemu, en: Meets, stance: allied}\n"
    )
    project = _project(tmp_path, tail)
    relationship = project / "content/relationships/russia--taliban.id.md"
    text = relationship.read_text("utf-8")
    text = re.sub(r"type: [a-z-]+", "type: meets", text)
    text = text.replace("stance: hostile", "stance: opposed")
    text = text.replace("stance: cooperative", "stance: allied")
    relationship.write_text(text, "utf-8")
    result = run_cli(project, "build", "--no-search")
    assert result.returncode == 0, result.stderr
    html = (project / "public/en/relationships/russia--taliban/index.html").read_text("utf-8")
    assert "Allied" in html and "Opposed" in html


def test_stances_that_leave_out_the_default_link_types_stances_are_a_located_error(
    tmp_path: Path,
) -> None:
    tail = "\nvocabulary:\n  stances:\n    allied: {id: Bersekutu, en: Allied}\n"
    project = _project(tmp_path, tail)
    for command in COMMANDS[:5]:
        _assert_located(run_cli(project, *command), "vocabulary.stances does not declare")


@pytest.mark.parametrize("value", ["5", "id", "{id: en}", "[5]", "null", "[]"])
def test_languages_of_the_wrong_type_is_a_located_error_in_every_command(
    tmp_path: Path, value: str
) -> None:
    project = _project(tmp_path, replace=("languages:", f"languages: {value}\nold_languages:"))
    for command in COMMANDS:
        _assert_located(run_cli(project, *command), "language")


URLS = [
    "https://example.org/",
    "http://localhost:8000/site/",
    "https://example.org/\nDisallow: /",
    "https://example.org/\n",
    "https://example.org/\nbase_url: https://evil.example/",
    'https://x.org/"a=b',
    "javascript:alert(1)//",
    "https://exa mple.org/",
    "ftp://example.org/",
]


@pytest.mark.parametrize("url", URLS)
def test_init_accepts_a_base_url_exactly_when_build_would(tmp_path: Path, url: str) -> None:
    result = run_cli(tmp_path, "init", "site", "--base-url", url)
    if BASE_URL.match(url):
        assert result.returncode == 0, result.stderr
        site = (tmp_path / "site/site.yaml").read_text("utf-8")
        assert [line for line in site.splitlines() if line.startswith("base_url:")] == [
            f"base_url: {url.rstrip('/')}/"
        ]
        assert run_cli(tmp_path / "site", "check").returncode == 0
    else:
        assert result.returncode == 2 and "--base-url" in result.stderr, result.stderr
        assert "\n" not in result.stderr.strip()  # one line, the newline shown escaped
        assert not (tmp_path / "site").exists()
