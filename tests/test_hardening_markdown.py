"""What a body may link to, footnotes defined twice, tables too large (issue 21, N7, N12).

A link may be http(s), mailto or a path in the site, an image http(s) or a
file: any other scheme is an error at its line, and the parser renders it as
text. A footnote label defined twice is an error at the second definition (a
one-word note is a footnote, not a broken link). A table past the size
limits is refused at its line before markdown-it builds a token per cell.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from support import TAL, assert_clean_failure, make_project, run_cli

from generator.content import markdown_rules
from generator.content.markdown_rules import MAX_TABLE_CELLS, MAX_TABLE_COLUMNS
from generator.content.markup import compile_markdown


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_project(tmp_path_factory.mktemp("markdown") / "site", theme=True)


def _check_with(project: Path, extra: str) -> tuple[int, str, int]:
    """`check` with `extra` appended to the Taliban dossier: (exit, output, extra's first line)."""
    path = project / TAL
    original = path.read_bytes()
    text = original.decode() + "\n"
    try:
        path.write_text(text + extra, "utf-8")
        result = run_cli(project, "check")
    finally:
        path.write_bytes(original)
    return result.returncode, result.output, text.count("\n") + 1


@pytest.mark.parametrize(
    ("markdown", "scheme"),
    [
        ("[x](javascript:alert(1))", "javascript"),
        ("[x](JaVaScRiPt:alert(1))", "javascript"),
        ("[x](&#106;avascript:alert(1))", "javascript"),
        ("[x]( javascript:alert(1) )", "javascript"),
        ("<javascript:alert(1)>", "javascript"),
        ("[x][r]\n\n[r]: vbscript:msgbox(1)", "vbscript"),
        ("[x](data:text/html;base64,PHNjcmlwdD4=)", "data"),
        ("[x](file:///etc/passwd)", "file"),
        ("[x](tel:+62123)", "tel"),
        ("![x](javascript:alert(1))", "javascript"),
        ("![x](data:image/png;base64,iVBORw0KGgo=)", "data"),
        ("![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)", "data"),
        ("Catatan.[^n]\n\n[^n]: Lihat [x](javascript:alert(1)).", "javascript"),
        ("| a | b |\n|---|---|\n| [x](vbscript:x) | 2 |", "vbscript"),
    ],
)
def test_a_link_or_image_of_another_scheme_is_an_error_at_its_line(
    base: Path, markdown: str, scheme: str
) -> None:
    code, text, first = _check_with(base, markdown + "\n")
    assert code == 1, text
    line = first + next(
        n for n, row in enumerate(markdown.split("\n")) if any(m in row for m in ("](", "][", "<"))
    )
    found = [row for row in text.splitlines() if f"uses the scheme '{scheme}:'" in row]
    assert found and found[0].split(": error: ")[0].endswith(f"{TAL}:{line}"), text
    assert "Traceback" not in text


@pytest.mark.slow
@pytest.mark.parametrize(
    "markdown",
    [
        "[x](https://example.org/a?b=c#d)",
        "[x](http://example.org/)",
        "[x](mailto:redaksi@example.org)",
        "[x](../isis/)",
        "[x](//example.org/)",
        "<https://example.org/>",
        "![x](https://example.org/a.png)",
    ],
)
def test_safe_links_and_images_pass(base: Path, markdown: str) -> None:
    code, text, _ = _check_with(base, markdown + "\n")
    assert "uses the scheme" not in text and code == 0, text


def test_a_refused_link_renders_as_its_text() -> None:
    """Defence in depth: the HTML of a text never holds the refused URL as a link."""
    compiled = compile_markdown(
        "a [click *me*](javascript:alert(1)) b ![alt](vbscript:x) c <data:text/html,x>"
    )
    assert "<a" not in compiled.html and "<img" not in compiled.html
    assert "click <em>me</em>" in compiled.html and "alt" in compiled.html
    assert len(compiled.problems) == 3


def test_a_footnote_defined_twice_is_an_error_at_the_second(base: Path) -> None:
    code, text, line = _check_with(
        base, "Satu.[^1] Dua.[^2]\n\n[^1]: Pertama.\n\n[^2]: Kedua.\n\n[^1]: Ketiga.\n"
    )
    assert code == 1, text
    assert f"{TAL}:{line + 6}: error: footnote [^1] is defined a second time here" in text
    assert "broken link" not in text


def test_a_one_word_footnote_is_a_footnote_not_a_broken_link(base: Path) -> None:
    """The link checker read `[^1]: First.` as a link definition to a page 'First.'."""
    code, text, _ = _check_with(base, "Catatan.[^1]\n\n[^1]: Pertama.\n")
    assert code == 0 and "broken link" not in text, text


def _table(columns: int, rows: int) -> str:
    header = "|" + "|".join(f"h{i}" for i in range(columns)) + "|\n"
    delimiter = "|" + "|".join("-" for _ in range(columns)) + "|\n"
    return header + delimiter + ("|" + "c|" * columns + "\n") * rows


def _tokens_made(text: str) -> int:
    """The operation count that grew with the cells: tokens markdown-it creates."""
    tokens = markdown_rules.parser().parse(text, {})
    return sum(1 + len(t.children or []) for t in tokens)


@pytest.mark.parametrize(
    ("columns", "rows"),
    [(5000, 150), (MAX_TABLE_COLUMNS + 1, 2), (60, MAX_TABLE_CELLS // 60 + 1)],
)
def test_a_table_past_the_limits_is_refused_before_its_cells_are_made(
    base: Path, columns: int, rows: int
) -> None:
    table = _table(columns, rows)
    # A 5,000 x 150 table made 2.3 million tokens (28 s); refused, it is one paragraph:
    # its text and a line break per line.
    assert _tokens_made(table) <= 2 * (rows + 2) + 3
    code, text, line = _check_with(base, table)
    assert code == 1
    assert f"{TAL}:{line}: error: table of {columns:,} columns and {rows + 1:,} rows" in text


@pytest.mark.slow
def test_tables_within_the_limits_are_tables(base: Path) -> None:
    wide = _table(MAX_TABLE_COLUMNS, 3)
    assert compile_markdown(wide).html.count("<th>") == MAX_TABLE_COLUMNS
    two = _table(50, MAX_TABLE_CELLS // 100 - 1)
    assert not compile_markdown(two + "\n" + two).problems
    code, text, _ = _check_with(base, wide)
    assert code == 0, text


def test_many_tables_together_are_bounded_too(base: Path) -> None:
    one = _table(50, MAX_TABLE_CELLS // 100 - 1)
    compiled = compile_markdown("\n".join([one] * 3))
    assert compiled.problems and "past 20,000 cells" in compiled.problems[0][1]
    assert compiled.html.count("<table>") == 2


def test_a_problem_is_located_in_the_summary_too(tmp_path: Path) -> None:
    project = make_project(tmp_path / "site", theme=True)
    path = project / TAL
    text = path.read_text("utf-8").replace(
        "title: Taliban", "title: Taliban\nsummary: Lihat [ini](javascript:void(0))."
    )
    path.write_text(text, "utf-8")
    assert_clean_failure(run_cli(project, "build"), f"{TAL}:3: error: link 'javascript:void(0)'")
