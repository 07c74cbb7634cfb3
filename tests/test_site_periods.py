"""`periods:` in site.yaml: the spans of years the per-period views use, and their checks.

On the fixture site (Russia–Taliban: hostile 2003, cooperative from 24
December 2015), two periods 2001–2010 and 2011–2025 must give the timeline
page two small maps and the chart table two columns, each labelled in the
page's language and showing what the period's events report; the axis marks
the periods' first years. A site without `periods:` keeps the derived years.
Every malformed period is an error at its line in site.yaml saying what is
wrong and what to write.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from support import make_project, run_cli

from generator.errors import ExplainerError
from generator.pipeline.build import run_build

PERIODS = """
periods:
  - from: 2001
    to: 2010
    label: {id: Daftar teroris, en: The terrorist list}
  - from: 2011
    to: 2025
    label: {id: Berbagi intelijen, en: Sharing intelligence}
"""


def _project(tmp_path: Path, extra: str = "") -> Path:
    project = make_project(tmp_path / "site", "reader")
    config = project / "site.yaml"
    config.write_text(config.read_text(encoding="utf-8") + extra, encoding="utf-8")
    return project


def _page(public: Path, path: str) -> str:
    return (public / path / "index.html").read_text(encoding="utf-8")


def _chart_table(html: str) -> tuple[list[str], dict[str, list[str]]]:
    """The table's column headers (text) and each row's cells, by the row's heading text."""
    table = html[html.index('<table class="chart-table">') : html.index("</table>")]
    text = lambda s: re.sub(r"<[^>]+>", " ", s).split()  # noqa: E731
    head = [" ".join(text(h)) for h in re.findall(r'<th scope="col">(.*?)</th>', table)]
    rows = {}
    for row in re.findall(r"<tr>(.*?)</tr>", table[table.index("<tbody>") :]):
        name = " ".join(text(re.search(r"<th[^>]*>(.*?)</th>", row).group(1)))  # type: ignore[union-attr]
        rows[name] = re.findall(r'<td class="sc stance-([a-z-]+)"|<td>(–)</td>', row)
    return head, {k: [a or b for a, b in v] for k, v in rows.items()}


def test_site_periods_label_the_small_maps_and_the_chart_columns(tmp_path: Path) -> None:
    project = _project(tmp_path, PERIODS)
    run_build(project, out=project / "public", strict=True, search=False, use_cache=False)
    public = project / "public"
    timeline = _page(public, "en/timeline")
    captions = re.findall(r'<ul class="small-maps">.*?</ul>', timeline, re.S)[0]
    assert re.findall(r'<p aria-hidden="true">(.*?)</p>', captions) == [
        "2001–2010<span>The terrorist list</span>",
        "2011–2025<span>Sharing intelligence</span>",
    ]
    assert 'aria-label="The terrorist list (2001–2010): ' in captions
    assert "Daftar teroris" in _page(public, "id/linimasa")
    head, rows = _chart_table(_page(public, "en/relationships/russia--taliban"))
    assert head[1:3] == ["2001–2010 The terrorist list", "2011–2025 Sharing intelligence"]
    (cells,) = rows.values()
    assert cells == ["hostile", "cooperative"]  # what each period's latest event reports
    home = _page(public, "en")
    axis = home[home.index('class="chart-row chart-axis"') :]
    axis = axis[: axis.index("</svg>")]
    # the periods' first years, then the last, each at the start of its year
    assert re.findall(r">(\d{4})</text>", axis) == ["2001", "2011", "2025"]


def test_without_periods_the_years_come_from_the_events(tmp_path: Path) -> None:
    project = _project(tmp_path)
    run_build(project, out=project / "public", strict=True, search=False, use_cache=False)
    head, _ = _chart_table(_page(project / "public", "en/relationships/russia--taliban"))
    years = head[1:-1]
    assert years and all(re.fullmatch(r"\d{4}", y) for y in years), head
    assert years[-1] == "2025"  # ends with the latest event's year


@pytest.mark.parametrize(
    ("periods", "line", "message"),
    [
        (
            "perods:\n  - {from: 2001, to: 2010}\n",
            1,
            "unknown key 'perods': expected one of",
        ),
        ("periods:\n  - {form: 2001, to: 2010}\n", 2, "did you mean 'from'?"),
        ("periods:\n  - {from: 2010, to: 2001}\n", 2, "period ends in 2001, before it starts"),
        ("periods:\n  - {from: 2001, to: twenty}\n", 2, "`to` is 'twenty'; expected a year"),
        (
            "periods:\n  - {from: 2001, to: 2010}\n  - {from: 2005, to: 2025}\n",
            3,
            "period 2005–2025 starts before the period 2001–2010 ends",
        ),
        (
            "periods:\n  - from: 2001\n    to: 2010\n    label: {id: Awal}\n",
            4,
            "label has no text for language 'en': add `en: …`",
        ),
        ("periods: 2001\n", 1, "periods must list at least one period"),
    ],
)
def test_a_bad_period_is_an_error_at_its_line(
    tmp_path: Path, periods: str, line: int, message: str
) -> None:
    project = _project(tmp_path)
    config = project / "site.yaml"
    first = len(config.read_text(encoding="utf-8").splitlines())
    config.write_text(config.read_text(encoding="utf-8") + periods, encoding="utf-8")
    with pytest.raises(ExplainerError) as raised:
        run_build(project, out=project / "public", search=False, use_cache=False)
    where = [(p.line, p.message) for p in raised.value.problems if p.path.endswith("site.yaml")]
    assert any(at == first + line and message in text for at, text in where), where
    if "perods" in periods:
        assert "did you mean 'periods'?" in where[0][1]
    result = run_cli(project, "check")  # the writer sees it the same way
    assert result.returncode == 1 and f"site.yaml:{first + line}: error: " in result.stdout
