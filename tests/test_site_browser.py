"""The built site in a real browser: Debian's Chromium, driven by Playwright.

A reader's path (map → actor → relationship → the same relationship in
English), search in both languages, no sideways scrolling at phone and desk
widths (with a screenshot of every page type in tests/artifacts/screenshots/),
axe-core's WCAG 2.1 AA rules in light and dark mode, and a home page that
works with JavaScript off. Playwright and axe-core are the field's well-kept
tools for this; hand-written checks would see far less than a real engine.
"""

from __future__ import annotations

import itertools
import math
import re
from pathlib import Path
from typing import Any

import pytest
from support import ARTIFACTS, BuiltSite

from generator.vocabulary import ACTOR_KINDS

SCREENSHOTS = ARTIFACTS / "screenshots"
WIDTHS = (375, 1280)
AXE_WIDTHS = (1280, 390)  # desk and phone


def _name(spec: Any, site: BuiltSite) -> str:
    kind = spec.kind
    if spec.section:
        kind += "-" + spec.section
    if spec.slug:
        data = site.result.graph.dossier(spec.slug).data
        kind += "-person" if getattr(data, "kind", None) == "person" else ""
        if getattr(data, "active", None) or getattr(data, "kind", None) == "coalition":
            kind += "-" + spec.slug  # a coalition, an actor that ended: pages of their own
    return f"{spec.lang or 'all'}-{kind}"


def test_reader_follows_the_map_to_a_relationship_and_switches_language(
    browser: Any, fixture_url: str
) -> None:
    page = browser.new_page()
    page.goto(fixture_url + "/id/")
    page.locator('svg a.node[href="aktor/russia/"]').click()
    page.wait_for_url(re.compile(r"/id/aktor/russia/$"))
    assert page.locator("h1").inner_text() == "Rusia"
    page.locator("section a", has_text="Rusia dan Taliban").first.click()
    page.wait_for_url(re.compile(r"/id/hubungan/russia--taliban/$"))
    assert page.locator("h1").inner_text() == "Rusia dan Taliban"
    page.locator('.language-switch a[hreflang="en"]').click()
    page.wait_for_url(re.compile(r"/en/relationships/russia--taliban/$"))
    assert page.locator("h1").inner_text() == "Russia and the Taliban"
    assert page.locator("html").get_attribute("lang") == "en"
    # and a map edge leads to its relationship too
    page.goto(fixture_url + "/en/")
    # force: a vertical edge has a zero-width box, which Playwright calls invisible
    page.locator('svg .edges a[href="relationships/russia--taliban/"]').click(force=True)
    page.wait_for_url(re.compile(r"/en/relationships/russia--taliban/$"))
    page.close()


@pytest.mark.parametrize("lang", ["id", "en"])
def test_search_finds_kabulov_in_each_language(
    browser: Any, site: BuiltSite, base_url: str, lang: str
) -> None:
    if "zamir-kabulov" not in site.result.graph.model.dossiers:
        pytest.skip(f"the {site.name} site has no zamir-kabulov dossier")
    config = site.result.graph.model.config
    page = browser.new_page()
    page.goto(f"{base_url}/{lang}/{config.strings[lang]['paths']['search']}/")
    page.get_by_role("searchbox").first.fill("Kabulov")
    page.keyboard.press("Enter")
    results = page.locator("#search-results li a")
    results.first.wait_for(timeout=15000)
    hrefs = [a.get_attribute("href") or "" for a in results.all()]
    person = f"/{lang}/{config.sections['actors'][lang]}/zamir-kabulov/"
    assert any(href.endswith(person) for href in hrefs), hrefs
    # and the result opens the dossier in the same language
    page.locator(f'#search-results a[href$="{person}"]').click()
    page.wait_for_url(re.compile(re.escape(person) + "$"))
    assert page.locator("html").get_attribute("lang") == lang
    page.close()


def test_no_page_scrolls_sideways_at_phone_and_desk_widths(
    browser: Any, site: BuiltSite, base_url: str
) -> None:
    folder = SCREENSHOTS / site.name
    folder.mkdir(parents=True, exist_ok=True)
    wide = []
    for width in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        for spec in site.page_types():
            page.goto(base_url + spec.path)
            if spec.kind == "root":  # it redirects: measure where it lands, once there
                page.wait_for_url(re.compile(r"/[a-z-]+/$"))
                page.wait_for_load_state()
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            if overflow > 0:
                wide.append(f"{spec.path} at {width}px: {overflow}px too wide")
            page.screenshot(path=str(folder / f"{width}-{_name(spec, site)}.png"), full_page=True)
        context.close()
    assert not wide, "\n".join(wide)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", AXE_WIDTHS)
def test_axe_finds_no_violation(
    browser: Any, site: BuiltSite, base_url: str, axe_source: str, scheme: str, width: int
) -> None:
    """axe-core with its default rule set: WCAG A/AA and best practices alike."""
    # The pages forbid inline script (CSP); the test's own axe injection is let through,
    # as a browser extension would be. The policy itself: test_hardening_server.
    context = browser.new_context(
        color_scheme=scheme, viewport={"width": width, "height": 900}, bypass_csp=True
    )
    page = context.new_page()
    found = []
    home = f"{base_url}/{site.result.graph.model.config.default_language}/"
    for spec in site.page_types():
        if spec.kind == "root":  # it redirects at once: hold the redirect (a 204) to test it
            page.route(home, lambda route: route.fulfill(status=204))
        page.goto(base_url + spec.path)
        page.add_script_tag(content=axe_source)
        violations = page.evaluate(
            "() => axe.run(document)"
            ".then(r => r.violations.map(v => ({id: v.id, help: v.help,"
            " nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' ' + n.failureSummary)})))"
        )
        page.unroute(home)
        assert page.url == base_url + spec.path, f"{spec.path} moved on during the axe run"
        for v in violations:
            found.append(
                f"{spec.path} [{scheme} {width}px] {v['id']}: {v['help']}\n    "
                + "\n    ".join(v["nodes"])
            )
    context.close()
    assert not found, "\n".join(found)


def test_home_renders_without_javascript(browser: Any, site: BuiltSite, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    for lang in site.result.graph.model.config.language_codes:
        page.goto(f"{base_url}/{lang}/")
        assert page.locator("svg a.node").count() > 0
        assert page.locator(".map > svg").is_visible()
        assert page.locator("table.chart-table tbody tr").count() > 0
        box = page.locator(".map > svg").bounding_box()
        assert box and box["height"] > 100
    context.close()


def test_the_map_reads_on_a_phone_and_crosses_fewer_lines_than_the_circle_did(
    browser: Any, site: BuiltSite, base_url: str
) -> None:
    """At 390 px: labels of 12 px or more, lines with a 24 px tap stroke; and the home map
    crosses fewer lines than the same actors on the circle the map used to be."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(base_url + "/en/")
    drawn = page.evaluate(
        """() => { const svg = document.querySelector('.map > svg');
          const scale = svg.getScreenCTM().a;
          const slug = (a) => a.getAttribute('href').match(/([^/]+)\\/$/)[1];
          return {
            fonts: [...svg.querySelectorAll('text')].map(
              t => parseFloat(getComputedStyle(t).fontSize) * scale),
            hits: [...svg.querySelectorAll('.edges .hit')].map(
              h => parseFloat(getComputedStyle(h).strokeWidth)),
            dots: Object.fromEntries([...svg.querySelectorAll('a.node')].map(a => [slug(a),
              [+a.querySelector('circle').getAttribute('cx'),
               +a.querySelector('circle').getAttribute('cy')]])),
            edges: [...svg.querySelectorAll('.edges a')].map(slug) }; }"""
    )
    context.close()
    assert drawn["fonts"] and min(drawn["fonts"]) >= 12, min(drawn["fonts"])
    assert drawn["hits"] and min(drawn["hits"]) >= 24, min(drawn["hits"])
    dots = drawn["dots"]
    pairs = [tuple(edge.split("--")) for edge in drawn["edges"]]
    kinds = ACTOR_KINDS
    data = site.result.graph.model.dossiers
    circle = sorted(dots, key=lambda s: (kinds.index(data[s].data.kind), s))
    at = {slug: n for n, slug in enumerate(circle)}

    def crossing(p: tuple[str, ...], q: tuple[str, ...]) -> bool:
        def side(a: list[float], b: list[float], c: list[float]) -> float:
            return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])

        a, b, c, d = (dots[s] for s in (*p, *q))
        return side(a, b, c) * side(a, b, d) < 0 and side(c, d, a) * side(c, d, b) < 0

    def chords(p: tuple[str, ...], q: tuple[str, ...]) -> bool:
        (i, j), (k, m) = sorted(at[s] for s in p), sorted(at[s] for s in q)
        return (i < k < j) != (i < m < j)

    apart = [(p, q) for p, q in itertools.combinations(pairs, 2) if len({*p, *q}) == 4]
    now = sum(crossing(p, q) for p, q in apart)
    before = sum(chords(p, q) for p, q in apart)
    assert now <= before and (now < before or before == 0), (now, before)


TAP = 24  # CSS px: the smallest tap target the issue allows (WCAG 2.5.8's 24 × 24)
TAP_PROBE = """(tap) => {
  const svg = document.querySelector('.map > svg');
  const nodes = [...svg.querySelectorAll('a.node')];
  const name = (e) => { const a = e && e.closest('a');
    return a ? a.getAttribute('href') : (e ? e.tagName : 'nothing'); };
  const half = tap / 2, square = [];
  for (let dx = -half; dx <= half; dx += 2) for (let dy = -half; dy <= half; dy += 2)
    square.push([dx, dy]);
  const ring = (r) => [...Array(16).keys()].map(
    (k) => [r * Math.cos(k * Math.PI / 8), r * Math.sin(k * Math.PI / 8)]);
  const misses = [], targets = [];
  let lines = 0;
  for (const a of nodes) {
    const dot = a.querySelector('circle');
    dot.scrollIntoView({block: 'center'});
    const box = dot.getBoundingClientRect();
    const cx = box.x + box.width / 2, cy = box.y + box.height / 2;
    // the target's shapes, in page px: its tap disc (a non-scaling stroke), its label
    const path = a.querySelector(':scope > path');  // its tap disc, not its ties
    const radius = path ? parseFloat(getComputedStyle(path).strokeWidth) / 2 : box.width / 2;
    const label = a.querySelector('text').getBoundingClientRect();
    targets.push({href: a.getAttribute('href'), x: cx + scrollX, y: cy + scrollY, radius,
      label: [label.left + scrollX, label.top + scrollY, label.right + scrollX,
              label.bottom + scrollY]});
    // the points a finger a little off the dot lands on (the square, the circle of 12 px
    // and the rim of the disc this actor claims): each must open this actor
    const points = [...square, ...ring(half), ...ring(Math.max(radius - 1, half))];
    for (const [dx, dy] of points) {
      const hit = document.elementFromPoint(cx + dx, cy + dy);
      if (!hit || hit.closest('a') !== a)
        misses.push(`${a.getAttribute('href')} at (${dx.toFixed(1)}, ${dy.toFixed(1)}): ${name(hit)}`);
    }
    // with the actors out of the way, the same points reach lines: the actor is what wins
    svg.querySelector('.nodes').style.pointerEvents = 'none';
    for (const [dx, dy] of points) {
      const hit = document.elementFromPoint(cx + dx, cy + dy);
      if (hit && hit.closest('.edges a')) lines += 1;
    }
    svg.querySelector('.nodes').style.pointerEvents = '';
  }
  return {misses, lines, targets}; }"""


def _apart(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether two actors' targets (a tap disc and a label box each) share no point."""

    def disc_clear_of(disc: dict[str, Any], box: list[float]) -> bool:
        nx = min(max(disc["x"], box[0]), box[2])
        ny = min(max(disc["y"], box[1]), box[3])
        return math.hypot(disc["x"] - nx, disc["y"] - ny) > disc["radius"]

    la, lb = a["label"], b["label"]
    return (
        math.hypot(a["x"] - b["x"], a["y"] - b["y"]) > a["radius"] + b["radius"]
        and disc_clear_of(a, lb)
        and disc_clear_of(b, la)
        and (la[2] <= lb[0] or lb[2] <= la[0] or la[3] <= lb[1] or lb[3] <= la[1])
    )


@pytest.mark.parametrize("width", AXE_WIDTHS)
def test_every_actor_on_the_map_is_a_tap_target_of_24_px_that_wins_over_lines(
    browser: Any, site: BuiltSite, base_url: str, width: int
) -> None:
    """Every point of the 24 px square around each actor's dot (and of the circle of
    radius 12 px in it) opens that actor, on a phone and a desk, though on a phone lines
    run into that square; and no two actors' targets overlap. (The actor map is on the home pages;
    actor pages show the chart, whose links are the events'.)"""
    context = browser.new_context(viewport={"width": width, "height": 844})
    page = context.new_page()
    for lang in site.result.graph.model.config.language_codes:
        page.goto(f"{base_url}/{lang}/")
        found = page.evaluate(TAP_PROBE, TAP)
        where = f"/{lang}/ at {width}px"
        assert found["targets"], where
        assert not found["misses"], f"{where}: " + "\n".join(found["misses"][:20])
        if width < 600:  # at a desk, lines begin about 15 px from a dot: few reach the square
            assert found["lines"] > 0, f"{where}: no line reaches an actor's square, untested"
        for a, b in itertools.combinations(found["targets"], 2):
            assert _apart(a, b), f"{where}: the targets of {a['href']} and {b['href']} overlap"
        assert min(t["radius"] for t in found["targets"]) * 2 >= TAP, where
    context.close()


def test_root_redirects_to_the_default_language_without_javascript(
    browser: Any, site: BuiltSite, base_url: str
) -> None:
    """As Hugo's root with defaultContentLanguageInSubdir: a 0-second refresh, a canonical
    link and a visible link to each home; no page names the root in its hreflang set."""
    config = site.result.graph.model.config
    home = f"/{config.default_language}/"
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "/")
    page.wait_for_url(re.compile(re.escape(home) + "$"), timeout=5000)
    assert page.locator("html").get_attribute("lang") == config.default_language
    context.close()
    root = (site.public / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{config.base_url}{config.default_language}/">' in root
    assert '<meta name="robots" content="noindex">' in root
    for lang in config.language_codes:
        assert f'<a href="{lang}/" hreflang="{lang}">' in root  # if refreshes are turned off
    for file in site.html_files():
        html = file.read_text(encoding="utf-8")
        assert f'hreflang="x-default" href="{config.base_url}"' not in html, file
        for default in re.findall(r'hreflang="x-default" href="([^"]+)"', html):
            assert default.startswith(config.base_url + config.default_language + "/"), file


def test_artifacts_folder_is_git_ignored() -> None:
    ignore = (Path(__file__).resolve().parent.parent / ".gitignore").read_text(encoding="utf-8")
    assert "tests/artifacts/" in ignore
