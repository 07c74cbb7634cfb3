"""No traceback for any input the issue found crashing (issue 12, findings 1, 3, 4, 8, 14).

Each case edits the small fixture project in one hostile way and runs the
command in-process: it must exit 1 with `path:line: error: …` naming the file
(and, where one exists, the line) — never a traceback, never exit 0.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import pytest
from support import (
    LINEAR_GROWTH,
    PROBLEM_LINE,
    REL,
    SRC,
    SUMMARY,
    TAL,
    assert_clean_failure,
    edit,
    growth,
    make_project,
    run_cli,
)

from generator.checks.language import CommonWords, _counts
from generator.content.markup import plain_text

Edit = Callable[[Path], None]


def _sub(rel: str, old: str, new: str) -> Edit:
    return lambda project: edit(project / rel, old, new)


def _site(old: str, new: str) -> Edit:
    return _sub("site.yaml", old, new)


CASES: dict[str, tuple[Edit, str]] = {
    # finding 1: check crashed where build reported
    "yaml typo in a referenced file": (
        _sub(TAL, "title:", "title: [Taliban\nx:"),
        "taliban.id.md:",
    ),
    "citation that is not a slug": (
        _sub(REL, "Hubungan berubah", "Hubungan [@Reuters] berubah"),
        "'Reuters' is not a slug",
    ),
    # finding 4: odd values
    "impossible date": (_sub(REL, "date: 2003", "date: 2024-02-30"), "does not exist"),
    "date with a time": (_sub(REL, "date: 2003", "date: 2024-02-03 10:00:00"), "time of day"),
    "source date with a time": (_sub(SRC, "date:", "date: 2025-05-02T10:00:00\nx_date:"), ""),
    "mixed-type keys": (_sub(TAL, "title:", "1: a\ntrue: b\ntitle:"), "unknown key"),
    "mixed-type keys in a nested map": (
        _sub(TAL, "aliases: [Taliban, IIA]", "aliases: {'': [a], 0: [b], true: [c]}"),
        "aliases name language",
    ),
    "list as a key": (_sub(TAL, "title:", "? [a, b]\n: c\ntitle:"), "taliban.id.md:"),
    "very deep yaml": (_sub(TAL, "title:", "deep: " + "[" * 3000 + "]" * 3000 + "\ntitle:"), ""),
    "deep block yaml": (
        _sub(TAL, "title:", "deep:\n" + "".join("  " * i + "- \n" for i in range(60)) + "title:"),
        "",
    ),
    "deep mapping": (
        _sub(TAL, "title:", "deep: " + "{a: " * 60 + "1" + "}" * 60 + "\ntitle:"),
        "nested more than 40 levels",
    ),
    "surrogate escape": (_sub(TAL, "title: ", 'title: "\\ud800"\nsummary: '), "taliban.id.md:"),
    "yaml anchors and aliases": (_sub(TAL, "title:", "a: &a [1]\nb: *a\ntitle:"), "aliases"),
    "billion laughs": (
        _sub(
            TAL,
            "title:",
            'a: &a ["x","x","x","x","x","x","x","x","x"]\n'
            + "".join(
                f"{c}: &{c} [{', '.join(['*' + p] * 9)}]\n"
                for p, c in zip("abcdefgh", "bcdefghi", strict=True)
            )
            + "title:",
        ),
        "aliases",
    ),
    "long language code": (_site("code: en", "code: " + "e" * 300), "site.yaml:"),
    "languages: 5": (_site("languages:", "languages: 5\nold_languages:"), "site.yaml:"),
    "base_url with newline": (
        _site(
            "base_url: https://explainer.example.org/", 'base_url: "https://x.org/\\nDisallow: /"'
        ),
        "base_url",
    ),
    # `$` also matches before a final newline: the URL check let this one through and
    # robots.txt got a line of its own ("/sitemap.xml")
    "base_url ending in a newline": (
        _site("base_url: https://explainer.example.org/", 'base_url: "https://x.org/\\n"'),
        "base_url",
    ),
    "base_url with quote": (
        _site("base_url: https://explainer.example.org/", "base_url: 'https://x.org/\"a=b'"),
        "base_url",
    ),
    "base_url javascript": (
        _site("base_url: https://explainer.example.org/", "base_url: javascript:alert(1)//"),
        "base_url",
    ),
    "short months": (
        _sub(
            "templates/i18n/id.yaml",
            "months: [Januari, Februari, Maret, April, Mei, Juni, Juli, Agustus, September, "
            "Oktober, November, Desember]",
            "months: [Januari, Februari]",
        ),
        "twelve month names",
    ),
    "months not a list": (
        _sub("templates/i18n/en.yaml", "months: [", "months: 5\nold_months: ["),
        "months",
    ),
    # finding 14: silently accepted
    "duplicate key": (_sub(TAL, "title:", "title: X\ntitle:"), "duplicate key 'title'"),
    "duplicate key in an event": (
        _sub(REL, "    type: designation\n", "    type: designation\n    type: designation\n"),
        "duplicate key 'type'",
    ),
    "unknown key with did-you-mean": (
        _sub(TAL, "title:", "titel: X\ntitle:"),
        "did you mean 'title'",
    ),
}


@pytest.mark.slow
@pytest.mark.parametrize("command", ["check", "build"])
@pytest.mark.parametrize("name", sorted(CASES))
def test_no_traceback(tmp_path: Path, name: str, command: str) -> None:
    project = make_project(tmp_path / "site", theme=True)
    change, needle = CASES[name]
    change(project)
    started = time.monotonic()
    result = run_cli(project, command)
    assert time.monotonic() - started < 30
    assert_clean_failure(result, needle)
    assert not (project / "public").exists()


def test_problem_names_the_line(tmp_path: Path) -> None:
    project = make_project(tmp_path / "site", theme=True)
    edit(project / REL, "date: 2003", "date: 2024-02-30")
    result = run_cli(project, "check")
    assert "russia--taliban.id.md:6: error:" in result.output


def test_plain_text_is_linear() -> None:
    """20 KB of `[` took 5 s with the quadratic patterns (100 KB over two minutes), 10 ms
    linear: four times the text must cost about four times the work, not sixteen."""
    for unit in ("[", "[[a", "[a](", "[@", "[a]((", "]("):
        ratio = growth(
            lambda size, unit=unit: partial(plain_text, unit * (size // len(unit))), 5_000
        )
        assert ratio < LINEAR_GROWTH, f"{unit!r}: 4 × the text cost {ratio:.1f} × the work"


def test_the_language_check_is_linear() -> None:
    """The wrong-language check strips citations, link addresses and wikilinks before it
    counts words; its patterns ran to the end of a text of `[[` or `](` from each bracket
    (50,000 `[` in a summary: quadratic). Four times the text, about four times the work."""
    common = CommonWords.of({"id": frozenset({"dan", "yang"}), "en": frozenset({"the", "and"})})
    for unit in ("[", "[[a", "[[a|", "[a](", "](", "[@", "[@a"):
        ratio = growth(
            lambda size, unit=unit: partial(_counts, unit * (size // len(unit)), common), 5_000
        )
        assert ratio < LINEAR_GROWTH, f"{unit!r}: 4 × the text cost {ratio:.1f} × the work"


@pytest.mark.slow
def test_huge_summary_builds_in_linear_time(tmp_path: Path) -> None:
    """A summary of 50,000 `[` builds, and costs the build about what it costs to read:
    a quadratic pattern anywhere on the summary's way (meta description, feeds, search)
    took minutes, and would make four times the brackets cost sixteen times the work."""
    projects = iter(range(100))

    def prepare(size: int) -> Callable[[], None]:
        project = make_project(tmp_path / f"site-{next(projects)}", theme=True)
        edit(project / REL, "summary: Dari musuh", f"summary: '{'[' * size}'\n# Dari musuh")

        def build() -> None:
            result = run_cli(project, "build")
            assert result.returncode == 0, result.output

        return build

    ratio = growth(prepare, 12_500, repeat=1)
    assert ratio < LINEAR_GROWTH, f"4 × the brackets cost {ratio:.1f} × the build"


def test_oversized_dossier_is_refused(tmp_path: Path) -> None:
    project = make_project(tmp_path / "site", theme=True)
    path = project / TAL
    path.write_text(path.read_text() + "x" * 3_000_000)
    assert_clean_failure(run_cli(project, "check"), "larger than")


def test_oversized_front_matter_is_refused(tmp_path: Path) -> None:
    project = make_project(tmp_path / "site", theme=True)
    edit(project / TAL, "title:", "notes: '" + "y" * 300_000 + "'\ntitle:")
    assert_clean_failure(run_cli(project, "build"), "front-matter is longer")


def test_new_with_a_long_slug(tmp_path: Path) -> None:
    project = make_project(tmp_path / "site", theme=True)
    assert_clean_failure(run_cli(project, "new", "actor", "a" * 250), "at most")
    assert not list((project / "content" / "actors").glob("a*.md"))


@pytest.mark.parametrize("slug", ["**", "../../../etc/passwd", "a/b", "..", "a--", "A"])
def test_translated_refuses_a_non_slug(tmp_path: Path, slug: str) -> None:
    project = make_project(tmp_path / "site", theme=True)
    result = run_cli(project, "translated", slug, "en")
    assert result.returncode == 2 and "not a slug" in result.output, result.output


@pytest.mark.parametrize("slug", ["**", "t*", "tal?ban", "[t]aliban", "../actors/taliban", ""])
def test_rename_refuses_an_old_name_that_is_not_a_slug(tmp_path: Path, slug: str) -> None:
    """`rename '**' x` was a traceback (found by the command-line fuzz suite), and
    `rename 't*' x` moved taliban's files: the old name was a glob pattern."""
    project = make_project(tmp_path / "site", theme=True)
    before = sorted(p.name for p in (project / "content").rglob("*.md"))
    result = run_cli(project, "rename", slug, "kabul-baru")
    assert result.returncode == 2 and "not a slug" in result.output, result.output
    assert sorted(p.name for p in (project / "content").rglob("*.md")) == before


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("new", "actor", "kabul-baru\n"), "must be lowercase"),
        (("translated", "taliban\n", "en"), "is not a slug"),
        (("rename", "taliban\n", "kabul-baru"), "is not a slug"),
        (("rename", "taliban", "kabul-baru\n"), "must be lowercase"),  # moved the files
    ],
)
def test_a_slug_ending_in_a_newline_is_not_a_slug(
    tmp_path: Path, args: tuple[str, ...], needle: str
) -> None:
    """`^…$` matches before a final newline: slugs are checked up to the very end (`\\Z`),
    and the message shows the newline as `\\n`, on one line."""
    project = make_project(tmp_path / "site", theme=True)
    before = sorted(p.name for p in (project / "content").rglob("*.md"))
    result = run_cli(project, *args)
    assert result.returncode in (1, 2) and "Traceback" not in result.output, result.output
    assert needle in result.output and "\\n" in result.output, result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert all(PROBLEM_LINE.match(line) or SUMMARY.match(line) for line in lines), lines
    assert sorted(p.name for p in (project / "content").rglob("*.md")) == before


HOSTILE_RULES = [
    "ingest: 5",
    "ingest: {furniture: 5, cues: [1, 2]}",
    "ingest: {furniture: {lines: 5, short_line_words: x, agencies: [[1]]}}",
    "ingest: {furniture: {lines: ['(unclosed'], stray_headline_words: -3}}",
    "ingest: {cues: {cues: [5, {pattern: 7}, {stance: hostile}], negators: {a: 1}}}",
    "ingest: {cues: {cues: [{pattern: '[', stance: hostile, type: strike}]}}",
    "ingest: {cues: {cues: [{pattern: memerangi, stance: hostile, type: strike, scope: target, gap: x}]}}",
]


@pytest.mark.parametrize("rules", HOSTILE_RULES)
def test_hostile_ingest_rules(tmp_path: Path, rules: str) -> None:
    project = make_project(tmp_path / "site", theme=True)
    (project / "site.yaml").write_text((project / "site.yaml").read_text() + "\n" + rules + "\n")
    seeds = project / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text("Taliban memerangi ISIS di Afghanistan, kata Rusia.\n")
    result = run_cli(project, "ingest", str(seeds))
    assert result.returncode in (0, 1) and "Traceback" not in result.output, result.output
    assert "site.yaml" in result.output


def test_ingest_refuses_aliases_in_site_yaml(tmp_path: Path) -> None:
    project = make_project(tmp_path / "site", theme=True)
    laughs = "x: &a [1,1,1,1,1,1,1,1]\n" + "".join(
        f"x{i}: &a{i} [{', '.join(['*a' if i == 0 else f'*a{i - 1}'] * 8)}]\n" for i in range(12)
    )
    (project / "site.yaml").write_text((project / "site.yaml").read_text() + "\n" + laughs)
    seeds = project / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text("Taliban memerangi ISIS.\n")
    started = time.monotonic()
    result = run_cli(project, "ingest", str(seeds))
    assert time.monotonic() - started < 30
    assert "Traceback" not in result.output


@pytest.mark.slow
@pytest.mark.parametrize(
    ("old", "new", "needle"),
    [
        ("  - date: 2003\n    type: designation", "  - type: designation", "has no date"),
        ("date: 2025-04", "date: 2026-01", "after its newest source (2025-05-02)"),
        ("date: 2025-04", "date: 2025-06", "after its newest source"),
    ],
)
def test_timeline_warnings_name_the_event(tmp_path: Path, old: str, new: str, needle: str) -> None:
    project = make_project(tmp_path / "site", theme=True)
    edit(project / REL, old, new)
    result = run_cli(project, "check")
    line = next(line for line in result.output.splitlines() if needle in line)
    assert re.match(r"^\S+russia--taliban\.id\.md:\d+: warning: ", line), line
    assert run_cli(project, "build").returncode == 0  # a warning …
    assert_clean_failure(run_cli(project, "build", "--strict"), needle)  # … an error with --strict


def test_event_within_its_source_month_is_fine(tmp_path: Path) -> None:
    project = make_project(tmp_path / "site", theme=True)
    edit(project / REL, "date: 2025-04", "date: 2025-05")
    assert "after its newest source" not in run_cli(project, "check").output
