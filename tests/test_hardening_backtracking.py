"""A site's own `ingest:` patterns cannot hang ingest (issue 12, finding 4, follow-up).

Two protections: a pattern that can backtrack for ever (`(a+)+$`, `(a|aa)*b`)
is refused when the rules are read, with the line of site.yaml, what is wrong
and how to fix it, before any article is read; and no pattern ever sees a
line longer than `MAX_LINE_CHARS`, so a slow but finite pattern stays
bounded on a 2 MB article written in one line. None of these tests runs a
hostile pattern on hostile text: with a protection removed they fail, they
never hang.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from support import PROBLEM_LINE, line_of, make_project, run_cli

from generator.content.config import load_config
from generator.ingest.actors import load_gazetteer
from generator.ingest.analyse import analyse
from generator.ingest.backtracking import exponential_backtracking
from generator.ingest.language import load_language
from generator.ingest.rules import load_rules
from generator.ingest.text import MAX_LINE_CHARS, MAX_SLUG, bounded_lines

# Each can take exponential time in Python's `re` on a line that almost matches.
HOSTILE = [
    r"(a+)+$",
    r"(a|aa)*b",
    r"(a*)*b",
    r"(a|a)*b",
    r"(\w+\s?)*$",
    r"^(([a-z])+.)+[A-Z]([a-z])+$",
    r"(x+x+)+y",
    r"(\d+)*$",
    r"(.*a){12}",
    r"(a?a)+b",
    r"(?:[a-z]+\.?)+@",
    r"(?:\w+\s*)+:",
    r"(.*){1,32000}[bc]",
    r"(?=(a+)+b)",  # a lookahead backtracks too
    r"(?>(a+)+c)",  # so does an atomic group, before it first matches
]

# What writers write, and the fixes the error message suggests: all accepted.
FINE = [
    r"saksikan juga\b.*",
    r"(?:\s*,\s*\w+)*",
    r"\b(?:kecam|mengecam)\b",
    r".*foo.*bar",
    r"(\d{1,2}[./]){2}\d{4}",
    r"(?:foo|far)+",
    r"[a-z]+(?:-[a-z]+)*",
    r"(\w|\d)+$",  # one character class to `re`: no choice to backtrack over
    r"a+",  # the fix of (a+)+
    r"a*",  # the fix of (a|aa)*
    r"(a+)++$",  # a possessive repeat
    r"(?>a+)+$",  # an atomic group
    r"(?>\w+\s?)*$",
]


@pytest.mark.parametrize("pattern", HOSTILE)
def test_hostile_patterns_are_recognised(pattern: str) -> None:
    assert exponential_backtracking(pattern) is not None, pattern


@pytest.mark.parametrize("pattern", FINE)
def test_ordinary_patterns_are_accepted(pattern: str) -> None:
    assert exponential_backtracking(pattern) is None, pattern


@pytest.mark.parametrize("pattern", ["a" * 700, ".?" * 35, r"\w?" * 35 + "$"])
def test_a_pattern_too_large_to_check_is_refused_not_checked_for_ever(pattern: str) -> None:
    why = exponential_backtracking(pattern)
    assert why is not None and "split it into several shorter patterns" in why


@pytest.mark.slow
def test_every_packaged_pattern_passes_the_same_check() -> None:
    """The checker accepts the ingester's own 70 patterns, in the forms they run as."""
    language = load_language("id")
    furniture, cues = language.furniture, language.cues
    forms = [
        f"(?:{p})"
        for key in ("lines", "bylines", "captions", "publishers", "authors", "glued")
        for p in furniture.get(key) or []
    ]
    forms += [rf"\s+(?:{p})\s*$" for p in furniture["bylines"]]
    forms += [rf"\b(?:{cue['pattern']})(?:nya)?\b" for cue in cues["cues"]]
    assert len(forms) > 50
    refused = [f for f in forms if exponential_backtracking(f, re.IGNORECASE)]
    assert not refused


SITE_RULES = """
ingest:
  furniture:
    lines:
      - 'saksikan juga\\b.*'
      - '{line}'
    bylines: ['{byline}']
  cues:
    cues:
      - {{pattern: 'menggempur', stance: hostile, type: strike}}
      - {{pattern: '{cue}', stance: hostile, type: strike}}
"""


def _project_with_rules(tmp_path: Path, line: str, byline: str, cue: str) -> Path:
    project = make_project(tmp_path / "site", theme=True)
    site = project / "site.yaml"
    site.write_text(
        site.read_text(encoding="utf-8") + SITE_RULES.format(line=line, byline=byline, cue=cue),
        encoding="utf-8",
    )
    seeds = project / "seeds"
    seeds.mkdir()
    # An ordinary article: with the check removed the patterns run, match nothing, and
    # ingest succeeds — the test then fails instead of hanging.
    (seeds / "a.txt").write_text(
        "Taliban menggempur ISIS di Kabul, kata Rusia.\n", encoding="utf-8"
    )
    return project


def test_a_site_pattern_that_backtracks_for_ever_stops_ingest_at_its_line(tmp_path: Path) -> None:
    project = _project_with_rules(tmp_path, "(a+)+$", "(\\s*\\w+)+!", "(a|aa)*b")
    before = sorted(p.relative_to(project) for p in (project / "content").rglob("*"))
    result = run_cli(project, "ingest", str(project / "seeds"))
    assert result.returncode == 1, result.output
    assert "Traceback" not in result.output
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert all(PROBLEM_LINE.match(line) for line in errors), result.stderr
    expected = {
        line_of(project / "site.yaml", "(a+)+$"): "lines[1]: the regular expression '(a+)+$'",
        line_of(
            project / "site.yaml", "bylines:"
        ): "bylines[0]: the regular expression '(\\s*\\w+)+!'",
        line_of(project / "site.yaml", "(a|aa)*b"): "cues[1]: the regular expression '(a|aa)*b'",
    }
    for line, what in expected.items():
        [error] = [e for e in errors if e.startswith(f"site.yaml:{line}: error: ")]
        assert what in error and "refused: it can take exponential time" in error, error
        assert "possessive" in error and "atomic" in error, error  # how to fix it
    assert len(errors) == 3, errors  # the ordinary patterns beside them are accepted
    # No article was read, nothing was written.
    assert sorted(p.relative_to(project) for p in (project / "content").rglob("*")) == before
    assert "seeds/a.txt" not in result.stdout


def test_the_same_rules_without_the_hostile_patterns_ingest(tmp_path: Path) -> None:
    project = _project_with_rules(tmp_path, "a+$", "\\s*\\w+!", "a*b")
    result = run_cli(project, "ingest", str(project / "seeds"))
    assert result.returncode == 0, result.output


def test_no_pattern_sees_a_line_longer_than_the_bound(tmp_path: Path) -> None:
    """A site pattern that matches only a longer line never matches: it is never
    given one, not even from an article written in one 2 MB line."""
    project = make_project(tmp_path / "site", theme=True)
    (project / "site.yaml").write_text(
        (project / "site.yaml").read_text(encoding="utf-8")
        + f"\ningest:\n  furniture:\n    lines: ['x{{{MAX_LINE_CHARS + 1},}}']\n",
        encoding="utf-8",
    )
    rules, problems = load_rules(load_language("id"), load_config(project))
    assert not [p for p in problems if p.severity == "error"], problems
    gazetteer, _ = load_gazetteer(project / "content" / "actors", project, "id")
    article = "Taliban menyerang ISIS di Kabul.\n" + "x" * (3 * MAX_LINE_CHARS) + "\n"
    analysis = analyse("a.txt", article, rules, gazetteer)
    assert not analysis.clean.removed_of("furniture")  # the long run was never one line
    assert "x" * MAX_LINE_CHARS in "\n".join(analysis.clean.paragraphs)


def test_bounded_lines_cuts_at_sentence_ends_and_keeps_every_word() -> None:
    sentence = "Taliban menyerang ISIS di Kabul. "
    text = "Judul\n" + sentence * 500 + "\n" + "y" * 4500
    bounded = bounded_lines(text)
    lines = bounded.split("\n")
    assert max(len(line) for line in lines) <= MAX_LINE_CHARS
    assert all(line.rstrip().endswith("Kabul.") for line in lines[1:-3])  # at sentence ends
    assert "".join(bounded.split()) == "".join(text.split())  # every character, in order
    assert bounded_lines("short\nlines\n") == "short\nlines\n"


def test_no_pattern_sees_two_lines_at_once(tmp_path: Path) -> None:
    """Publisher and author patterns, once searched over the whole text, see one line."""
    project = make_project(tmp_path / "site", theme=True)
    (project / "site.yaml").write_text(
        (project / "site.yaml").read_text(encoding="utf-8")
        + "\ningest:\n  furniture:\n"
        + "    publishers: ['(?s)MULAI.*(?P<name>Jauh[.]net)']\n"
        + "    authors: ['(?s)MULAI.*Oleh (?P<name>Nama)']\n",
        encoding="utf-8",
    )
    rules, problems = load_rules(load_language("id"), load_config(project))
    assert not [p for p in problems if p.severity == "error"], problems
    gazetteer, _ = load_gazetteer(project / "content" / "actors", project, "id")
    article = "MULAI\nTaliban menyerang ISIS di Kabul.\nOleh Nama dari Jauh.net\n"
    meta = analyse("a.txt", article, rules, gazetteer).metadata
    assert meta.publisher != "Jauh"
    assert meta.author != "Nama"


def test_a_pattern_nested_too_deeply_for_re_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    deep = "(?:" * 1000 + "a" + ")" * 1000  # re's own parser overflows Python's stack
    project = _project_with_rules(tmp_path, deep, "x", "y")
    result = run_cli(project, "ingest", str(project / "seeds"))
    assert result.returncode == 1, result.output
    line = line_of(project / "site.yaml", deep)
    assert f"site.yaml:{line}: error: ingest furniture lines[1]: " in result.stderr, result.stderr
    assert "nested too deeply" in result.stderr


def test_the_check_itself_never_overflows_the_stack() -> None:
    for depth in (300, 450, 600):
        why = exponential_backtracking("(?:" * depth + "a+" + ")+" * depth)
        assert why is not None  # refused: ambiguous, or too deep to check


def test_an_article_above_the_size_cap_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The other bound: no pattern sees more than MAX_ARTICLE_BYTES of one article (2 MB;
    a small cap here, so that the test would stay quick even without the protection)."""
    monkeypatch.setattr("generator.ingest.read.MAX_ARTICLE_BYTES", 1000)
    project = make_project(tmp_path / "site", theme=True)
    seeds = project / "seeds"
    seeds.mkdir()
    (seeds / "big.txt").write_text("Taliban menyerang ISIS di Kabul. " * 40, encoding="utf-8")
    (seeds / "small.txt").write_text("Taliban menyerang ISIS di Kabul.\n", encoding="utf-8")
    result = run_cli(project, "ingest", "--dry-run", str(seeds))
    assert "Traceback" not in result.output
    assert "big.txt: warning: file is larger than 1,000 bytes" in result.output, result.output
    assert "1 article(s) read, 1 skipped" in result.output, result.output  # the small one is read


def test_a_300_letter_word_in_the_title_makes_a_short_slug(tmp_path: Path) -> None:
    """The slug of a source (and of a candidate) is at most MAX_SLUG characters; a
    title word of 300 letters once made a file name too long for the file system."""
    project = make_project(tmp_path / "site", theme=True)
    seeds = project / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text("Taliban " + "a" * 300 + " menyerang ISIS.\n", encoding="utf-8")
    result = run_cli(project, "ingest", str(seeds))
    assert result.returncode == 0, result.output
    sources = list((project / "content/sources").glob("artikel-*.md"))
    assert sources  # one file per language
    assert all(len(p.name) <= MAX_SLUG + len(".id.md") for p in sources), sources


@pytest.mark.slow
def test_a_slow_but_finite_pattern_is_stopped_by_the_article_budget(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The backstop: `.*foo.*bar` passes the check (it is polynomial, not exponential)
    yet takes about half a second per line of `foofoo…`; `(?:.*foo){3}.*bar` more than ten
    minutes on one such line. The analysis of one article has a time budget (1 s here, 60 s by default);
    without it this article takes several seconds and is read."""
    monkeypatch.setattr("generator.ingest.budget.ARTICLE_SECONDS", 1.0)
    project = make_project(tmp_path / "site", theme=True)
    (project / "site.yaml").write_text(
        (project / "site.yaml").read_text(encoding="utf-8")
        + "\ningest:\n  furniture:\n    authors: ['.*foo.*bar']\n",
        encoding="utf-8",
    )
    assert exponential_backtracking(".*foo.*bar") is None
    assert exponential_backtracking("(?:.*foo){3}.*bar") is None  # why a budget is needed
    seeds = project / "seeds"
    seeds.mkdir()
    line = ("foo" * MAX_LINE_CHARS)[:MAX_LINE_CHARS]
    (seeds / "slow.txt").write_text("Taliban menyerang ISIS.\n" + (line + "\n") * 12)
    (seeds / "quick.txt").write_text("Taliban menyerang ISIS di Kabul.\n", encoding="utf-8")
    result = run_cli(project, "ingest", "--dry-run", str(seeds))
    assert result.returncode == 1, result.output
    assert "slow.txt: error: analysis stopped after 1 s" in result.output, result.output
    assert "1 article(s) read" in result.output, result.output  # the quick one
