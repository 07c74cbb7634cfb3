"""The writer's guide's election example (docs/examples/election): who was in which coalition when.

It builds with --strict, and its membership view answers "which parties were
in the Advanced Indonesia Coalition (Koalisi Indonesia Maju) in January
2024?" — and two other dates — the same way from the table's dates and from
the lanes as drawn. Leaving a coalition is a membership's end, never shown
as hostility, since the site declares `leaves` a membership. The writer's guide
(docs/writers-guide.md) shows the example's vocabulary as the site.yaml has it.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from generator.graph.dates import first_day
from generator.graph.evidence import when
from generator.pipeline.build import run_build

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "docs" / "examples" / "election"
KIM, KP = "Advanced Indonesia Coalition", "Coalition for Change and Unity"
EXPECTED = {
    "2023-06-01": {
        KIM: set(),
        KP: {"NasDem Party", "Democratic Party", "Prosperous Justice Party"},
    },
    "2023-08-31": {
        KIM: {
            "Gerindra Party",
            "Golkar Party",
            "National Mandate Party",
            "National Awakening Party",
        },
        KP: {"NasDem Party", "Democratic Party", "Prosperous Justice Party"},
    },
    "2024-01-15": {
        KIM: {"Gerindra Party", "Golkar Party", "National Mandate Party", "Democratic Party"},
        KP: {"NasDem Party", "Prosperous Justice Party", "National Awakening Party"},
    },
}


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> str:
    project = tmp_path_factory.mktemp("election") / "site"
    shutil.copytree(
        EXAMPLE, project, ignore=shutil.ignore_patterns("public", ".cache", ".public.*")
    )
    run_build(project, out=project / "public", strict=True, search=False)
    return (project / "public/en/index.html").read_text("utf-8")


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _by_table(home: str, day: str) -> dict[str, set[str]]:
    """Members at `day` from the table: from its first day on, until (not on) the first day
    of the month it was left."""
    table = home[home.index('<table class="members-table">') :]
    table = table[table.index("<tbody>") : table.index("</table>")]
    out: dict[str, set[str]] = {KIM: set(), KP: set()}
    for row in re.findall(r"<tr>(.*?)</tr>", table):
        member = _text(re.search(r"<th[^>]*>(.*?)</th>", row).group(1))  # type: ignore[union-attr]
        group = _text(re.findall(r"<td[^>]*>(.*?)</td>", row)[0])
        start = re.search(r'class="from"><time datetime="([^"]+)"', row)
        end = re.search(r'class="until"><time datetime="([^"]+)"', row)
        if (
            start
            and first_day(start.group(1)) <= day
            and (not end or day < first_day(end.group(1)))
        ):
            out[group].add(member)
    return out


def _by_lanes(home: str, day: str) -> dict[str, set[str]]:
    """Members at `day` as drawn: a membership segment (solid or lighter) covering its x."""
    axis = re.search(
        r'class="chart-row chart-axis".*?</svg>', home[home.index('id="home-members-heading"') :]
    )
    assert axis
    years = [int(y) for y in re.findall(r">(\d{4})</text>", axis.group(0))]
    first, last = years[0], years[-1]
    x = 1 + 98 * (when(day) - first) / (last + 1 - first)
    out: dict[str, set[str]] = {}
    section = home[
        home.index('id="home-members-heading"') : home.index(
            "</figure>", home.index('id="home-members-heading"')
        )
    ]
    for lane in re.split(r'<p class="lane">', section)[1:]:
        group = _text(lane[: lane.index("</p>")])
        out[group] = set()
        for member, strip in re.findall(
            r'<li><a [^>]*>([^<]*)</a><svg class="strip">(.*?)</svg>', lane
        ):
            for x1, x2 in re.findall(
                r'class="stance-membership[^"]*" x1="([\d.]+)%" x2="([\d.]+)%"', strip
            ):
                if float(x1) <= x <= float(x2):
                    out[group].add(member)
    return out


@pytest.mark.parametrize("day", sorted(EXPECTED))
def test_who_was_in_which_coalition(home: str, day: str) -> None:
    assert _by_table(home, day) == EXPECTED[day]
    assert _by_lanes(home, day) == EXPECTED[day]


def test_leaving_is_a_membership_ending_not_hostility(home: str) -> None:
    assert "stance-hostile" not in home
    assert "Leaves the coalition" in home  # the link type named by its label


def test_the_writers_guide_shows_the_example_vocabulary() -> None:
    guide = (ROOT / "docs" / "writers-guide.md").read_text("utf-8")
    config = (EXAMPLE / "site.yaml").read_text("utf-8")
    block = config[config.index("vocabulary:") :].strip()
    assert block in guide
