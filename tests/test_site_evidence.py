"""The views say only what their evidence says: runs, fade, ends, ties, trends, memberships.

Every view of a site written for them (tests/fixtures/evidence/, as of 2 May 2025, fade
time two years): a stance last reported in 2016 is "last reported" and "no
reports" after, never carried; an actor's end ends its ties; an affiliation
is an affiliation in the map, chart, table, lists, answer, feeds and search
metadata; a trend arrow only between weighted runs; a coalition's members
over time. The real site's pages are held to the same invariants. The rules
themselves: tests/test_evidence_rules.py.
"""

from __future__ import annotations

import csv
import itertools
import json
import re
from pathlib import Path

import pytest
from support import REAL, make_project

from generator.content.model import RelationshipData
from generator.graph.evidence import (
    when,
)
from generator.pipeline.build import BuildReport, run_build

# -- every view of the evidence site ------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildReport]:
    project = make_project(tmp_path_factory.mktemp("evidence") / "site", "evidence")
    report = run_build(project, out=project / "public", strict=True, search=False)
    return project / "public", report


def _page(public: Path, path: str) -> str:
    return (public / path / "index.html").read_text(encoding="utf-8")


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _answer(html: str) -> str:
    """The answer line's words, as read (tags dropped without a space)."""
    line = re.search(r'<p class="answer-line">(.*?)</p>', html, re.S)
    assert line, "no answer line"
    return " ".join(re.sub(r"<[^>]+>", "", line.group(1)).split())


def _table(html: str) -> tuple[list[str], dict[str, list[str]]]:
    """The chart table's period headers and each row's cells (text), by row heading."""
    table = html[html.index('<table class="chart-table">') : html.index("</table>")]
    head = [_text(h) for h in re.findall(r'<th scope="col">(.*?)</th>', table)][1:-1]
    rows = {}
    for row in re.findall(r"<tr>(.*?)</tr>", table[table.index("<tbody>") :]):
        name = _text(re.search(r"<th[^>]*>(.*?)</th>", row).group(1))  # type: ignore[union-attr]
        rows[name] = [_text(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row)]
    return head, rows


def _chart_row(html: str, slug: str) -> str:
    match = re.search(
        r'<li[^>]*><a href="[^"]*/' + slug + r'/"[^>]*>[^<]*</a><svg class="strip">.*?</svg>', html
    )
    assert match, slug
    return match.group(0)


def _map_edge(html: str, slug: str) -> str | None:
    match = re.search(
        r'<a href="[^"]*/'
        + slug
        + r'/" tabindex="-1"><title>(.*?)</title><line id="m\d+" class="([^"]+)"',
        html,
    )
    return f"{match.group(1)} [{match.group(2)}]" if match else None


def test_an_affiliation_is_an_affiliation_in_every_view(built: tuple[Path, BuildReport]) -> None:
    public, _ = built
    home = _page(public, "en")
    # the map of the present, the chart's strip and its table
    assert _map_edge(home, "isis--isis-k") == "isis and isis-k: Affiliation [stance-affiliation]"
    strip = _chart_row(home, "isis--isis-k")
    assert set(re.findall(r'class="(stance-[a-z]+)', strip)) == {"stance-affiliation"}
    _, rows = _table(home)
    assert rows["isis and isis-k"][:4] == [
        "no reports",
        "no reports",
        "Affiliation",
        "Affiliation (no new report)",
    ]
    # the answer on the home page (a story relationship) and on its own page
    assert (
        "stance-affiliation"
        in home[home.index('class="answers"') : home.index("</ul>", home.index('class="answers"'))]
    )
    rel = _page(public, "en/relationships/isis--isis-k")
    assert _answer(rel) == "Affiliation first reported 2 September 2021"
    # the lists: the relationships list, an actor's page, the timeline's event badge
    listing = _page(public, "en/relationships")
    item = re.search(r'<li><a href="isis--isis-k/">.*?</li>', listing, re.S).group(0)  # type: ignore[union-attr]
    assert 'stance stance-affiliation">Affiliation' in item
    actor = _page(public, "en/actors/isis-k")
    assert 'sc stance-affiliation">Affiliation' in actor  # its chart's table
    timeline = _page(public, "en/timeline")
    assert re.search(
        r"Affiliate <span class=\"stance stance-affiliation\">Affiliation</span>", timeline
    )
    # the per-period maps draw it as a tie, held (lighter) after its report
    small = timeline[timeline.index('class="small-maps"') :]
    assert 'class="stance-affiliation new"' in small and 'class="stance-affiliation held"' in small
    # the feeds name it the same way, and so does the search metadata
    feed = (public / "en/feed.xml").read_text("utf-8")
    assert '<category term="affiliation" label="Affiliation"/>' in feed
    assert re.search(
        r'<dd data-pagefind-meta="stance"><span class="stance stance-affiliation">Affiliation</span>',
        rel,
    )
    # and never as the stance its writers once gave the link type
    for page in (home, rel, listing, actor, timeline, feed):
        assert "isis-k" not in page or "isis and isis-k: Cooperative" not in page


def test_a_stance_not_reported_for_its_fade_time_says_so(built: tuple[Path, BuildReport]) -> None:
    public, _ = built
    home = _page(public, "en")
    rel = _page(public, "en/relationships/russia--united-states")
    answer = _answer(rel)
    assert answer == "Mixed, last reported July 2016 · mixed → cooperative (one report) → mixed"
    assert "↑" not in answer and "↓" not in answer
    assert _map_edge(home, "russia--united-states") == (
        "russia and united-states: no reports since July 2016 [nr]"
    )
    head, rows = _table(home)
    assert head[2:] == ["2020–2021", "2022–2025"]
    assert rows["russia and united-states"] == [
        "no reports",
        "Mixed",
        "no reports",
        "no reports",
        "last reported July 2016",
    ]
    # the chart draws the mixed run up to July 2016 and two years after it, then grey dots
    span = (2001, 2025)
    faded_at = 1 + 98 * (when("2016-07") + 2 - span[0]) / (span[1] + 1 - span[0])
    strip = _chart_row(home, "russia--united-states")
    for css, x2 in re.findall(r'<line class="([^"]+)" x1="[\d.]+%" x2="([\d.]+)%"', strip):
        if css != "nr":
            assert float(x2) <= faded_at + 0.1, (css, x2, faded_at)
    assert re.search(r'<line class="nr" x1="[\d.]+%" x2="96', strip)  # … up to the "as of" date
    # its own chart names where the evidence stops
    assert '<line class="nr"' in rel and "<title>no reports since July 2016</title>" in rel


def test_an_actor_that_ended_ends_its_ties(built: tuple[Path, BuildReport]) -> None:
    public, _ = built
    home = _page(public, "en")
    assert _map_edge(home, "old-regime--russia") is None  # not on the map of the present
    assert 'class="node kind-government ended"' in home
    _, rows = _table(home)
    assert rows["old-regime and russia"][2:] == ["no reports", "ended", "ended August 2021"]
    strip = _chart_row(home, "old-regime--russia")
    end = 1 + 98 * (when("2021-08") - 2001) / 25
    assert all(
        float(x2) <= end + 0.1 for x2 in re.findall(r'x2="([\d.]+)%"', strip.split("</g>")[0])
    )
    rel = _page(public, "en/relationships/old-regime--russia")
    assert _answer(rel) == "Ended August 2021 · last reported Cooperative December 2015"
    actor = _page(public, "en/actors/old-regime")
    assert re.search(
        r"Active</dt><dd><time datetime=\"2004\">2004</time> – <time datetime=\"2021-08\">August 2021</time>",
        actor,
    )
    listing = _text(_page(public, "en/relationships"))
    assert "old-regime and russia : Ended August 2021 · last reported Cooperative" in listing
    other = _page(public, "en/relationships/russia--united-states")  # "other relationships of"
    assert 'old-regime and russia</a> <span class="stance nr">ended August 2021</span>' in other


def test_the_open_data_says_where_the_evidence_stops(built: tuple[Path, BuildReport]) -> None:
    """The data files are a view too: a faded stance or an ended tie is not "current"."""
    public, _ = built
    with (public / "data/relationships.csv").open(encoding="utf-8", newline="") as f:
        rows = {row["slug"]: row for row in csv.DictReader(f)}
    faded, ended = rows["russia--united-states"], rows["old-regime--russia"]
    assert (faded["stance"], faded["state"], faded["latest_event"]) == ("mixed", "faded", "2016-07")
    assert (ended["stance"], ended["state"], ended["ended"]) == ("cooperative", "ended", "2021-08")
    assert rows["russia--taliban"]["state"] == "current"
    assert rows["isis--isis-k"]["stance"] == "affiliation"  # a tie keeps its kind
    document = json.loads((public / "data/explainer.json").read_text(encoding="utf-8"))
    assert {r["slug"]: r["state"] for r in document["relationships"]} == {
        slug: row["state"] for slug, row in rows.items()
    }
    network = (public / "data/network.gexf").read_text(encoding="utf-8")
    edge = network[network.index('<edge id="old-regime--russia"') :].split("</edge>")[0]
    assert '<attvalue for="state" value="ended"/>' in edge
    assert '<attvalue for="ended" value="2021-08"/>' in edge
    assert "current_stance" not in network


def test_a_trend_arrow_only_between_weighted_runs(built: tuple[Path, BuildReport]) -> None:
    public, _ = built
    rel = _page(public, "en/relationships/russia--taliban")
    assert _answer(rel) == "Cooperative since 2024 ↑ warmer (than hostile)"
    about = _page(public, "en/pages/about") if (public / "en/pages/about").exists() else ""
    assert not about or "2 or more events, or a span of 6 months" in _text(about)


def test_a_coalition_shows_who_was_in_it_when(built: tuple[Path, BuildReport]) -> None:
    public, _ = built
    for page in (_page(public, "en"), _page(public, "en/actors/coalition-x")):
        table = page[
            page.index('<table class="members-table">') : page.index(
                "</table>", page.index('<table class="members-table">')
            )
        ]
        rows = {
            _text(re.search(r"<th[^>]*>(.*?)</th>", row).group(1)): _text(row)  # type: ignore[union-attr]
            for row in re.findall(r"<tr>(.*?)</tr>", table[table.index("<tbody>") :])
        }
        assert rows["Russia"] == "Russia Coalition X October 2015 July 2016"
        assert rows["United States"].startswith(
            "United States Coalition X October 2015 no leaving reported"
        )
        lane = page[page.index('class="lane"') :]
        assert re.search(r"Joins; July 2016: Leaves|October 2015: Joins", lane)
    rel = _page(public, "en/relationships/coalition-x--russia")
    assert _answer(rel) == "Membership left July 2016 (since October 2015)"
    events = rel[rel.index('id="timeline-heading"') :]
    events = events[: events.index("</section>")]
    # leaving is not hostility: each event is named by its tie
    assert re.findall(r'class="stance stance-([a-z]+)"', events) == ["membership", "membership"]
    _, rows = _table(rel)
    assert rows["coalition-x dan russia" if "dan" in rows else "coalition-x and russia"][:2] == [
        "no reports",
        "Membership",
    ]


def test_no_view_claims_a_stance_for_a_period_without_events(
    built: tuple[Path, BuildReport],
) -> None:
    public, report = built
    _assert_cells_have_evidence(public, report)


@pytest.mark.slow
def test_our_explainer_claims_no_stance_for_a_period_without_events(tmp_path: Path) -> None:
    project = make_project(tmp_path / "real", REAL)
    report = run_build(project, out=project / "public", strict=True, search=False)
    _assert_cells_have_evidence(project / "public", report)
    home = _page(project / "public", "en")
    # the Afghan government fell in August 2021: its ties end there, off the present map
    for slug in ("afghan-government--russia", "afghan-government--united-states"):
        assert _map_edge(home, slug) is None
        assert _answer(_page(project / "public", f"en/relationships/{slug}")).startswith(
            "Ended August 2021"
        )
    assert "stance-affiliation" in (_map_edge(home, "isis--isis-k") or "")
    about = _text(_page(project / "public", "en/pages/about"))  # the rules, with the numbers
    assert "for 1 year after its last report" in about
    assert "2 or more events, or a span of 6 months or more" in about


def _assert_cells_have_evidence(public: Path, report: BuildReport) -> None:
    """Every table cell on the home page names a stance only for a period with an event,
    and no stretch of a chart row draws a stance further than its fade time from an event."""
    model = report.graph.model
    home = _page(public, "en")
    years = [int(e.date[:4]) for e in report.graph.dated_events if e.date]
    periods = model.config.periods
    first = min([*years, *(p.start for p in periods)])
    last = max([*years, *(p.end for p in periods)])
    fade = 98 * (model.config.fade_months / 12) / (last + 1 - first)
    stance_codes = model.config.vocabulary.codes("stances")
    for dossier in model.in_section("relationships"):
        assert isinstance(dossier.data, RelationshipData)
        events = [
            1 + 98 * (when(e.date) - first) / (last + 1 - first)
            for e in dossier.data.timeline
            if e.date
        ]
        strip = _chart_row(home, dossier.slug).split("</g>")[0]
        for stance, x1, x2 in re.findall(
            r'class="stance-([a-z-]+)[^"]*" x1="([\d.]+)%" x2="([\d.]+)%"', strip
        ):
            if stance not in stance_codes:
                continue  # a tie holds until changed or ended
            before = [x for x in events if x <= float(x1) + 0.15]
            assert before and float(x2) - max(before) <= fade + 0.2, (dossier.slug, stance, x1, x2)
    head, rows = _table(home)
    titles = {}
    for dossier in model.in_section("relationships"):
        version = dossier.versions.get("en") or next(iter(dossier.versions.values()))
        titles[_text(version.title)] = dossier
    stances = model.config.strings["en"]["stances"]
    assert rows
    for name, cells in rows.items():
        data = titles[name].data
        assert isinstance(data, RelationshipData)
        for years, cell in zip(head, cells, strict=False):
            first, _, last = years.split()[0].partition("–")
            start, end = int(first), int(last or first)
            inside = [e for e in data.timeline if e.date and start <= int(e.date[:4]) <= end]
            if cell in stances.values():
                assert inside, f"{name}: '{cell}' in {years} with no event"


def test_a_membership_needs_a_group_and_no_event_follows_an_actor_end(tmp_path: Path) -> None:
    from support import run_cli

    project = make_project(tmp_path / "site", "evidence")
    coalition = project / "content/actors/coalition-x.id.md"
    coalition.write_text(coalition.read_text("utf-8").replace("kind: coalition", "kind: state"))
    regime = project / "content/relationships/old-regime--russia.id.md"
    regime.write_text(regime.read_text("utf-8").replace("date: 2015-12", "date: 2022-03"))
    result = run_cli(project, "check")
    assert result.returncode == 1
    out = result.stdout
    assert re.search(
        r"content/relationships/coalition-x--russia\.id\.md:5: error: 'joins' is a membership, "
        r"but 'coalition-x--russia' needs exactly one actor of a group kind \(coalition\)",
        out,
    ), out
    assert re.search(
        r"content/relationships/old-regime--russia\.id\.md:5: warning: event dated 2022-03 is "
        r"after an actor of 'old-regime--russia' ended \(2021-08",
        out,
    ), out


def test_a_relationship_chart_spans_its_own_years_ticks_a_tap_target_apart(
    built: tuple[Path, BuildReport],
) -> None:
    public, _ = built
    for slug, years in (
        ("russia--united-states", ["2015", "2016", "2017", "2018"]),  # to July 2016 + 2 years
        ("isis--isis-k", ["2021", "2022", "2023", "2024", "2025"]),  # a tie holds to the as-of
    ):
        rel = _page(public, f"en/relationships/{slug}")
        axis = re.search(r'class="chart-row chart-axis".*?</svg>', rel)
        assert axis and re.findall(r">(\d{4})</text>", axis.group(0)) == years, slug
        # each label on its year's boundary: evenly spaced from the first year's start
        xs = [float(x) for x in re.findall(r'<text x="([\d.]+)%"', axis.group(0))]
        steps = {round(b - a, 1) for a, b in itertools.pairwise(xs)}
        assert len(steps) == 1, (slug, xs)
        assert 'class="chart-row chart-context"' in rel  # the site's span, as context
    for page in ("en", "en/relationships/russia--united-states", "en/actors/russia"):
        html = _page(public, page)
        for strip in re.findall(r'<svg class="strip">(.*?)</svg>', html):
            xs = [
                float(x)
                for x in re.findall(
                    r'<a href="[^"]*"><title>[^<]*</title><line x1="([\d.]+)%"', strip
                )
            ]
            # 24 px of a 320 px strip, 98 % of which is the axis: 7.5 % apart at least
            assert all(b - a >= 7.5 for a, b in itertools.pairwise(xs)), (page, xs)
