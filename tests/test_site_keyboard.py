"""The map's highlight and the chart's ticks, by pointer and by keyboard, in Chromium.

Focusing or hovering an actor on the map shows its ties (real paths the CSS
reaches: their computed style changes) and fades the rest; the chart's event
ticks are links the keyboard reaches once each, in time order, right after
their row's label.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from support import BuiltSite

TIES = """(href) => {
  const node = document.querySelector(`.map a.node[href="${href}"]`);
  const group = getComputedStyle(node.querySelector('.ties')).display;
  const ties = [...node.querySelectorAll('.ties path')].map((p) => {
    const style = getComputedStyle(p);
    return {display: group, width: parseFloat(style.strokeWidth),
            box: p.getBoundingClientRect().width + p.getBoundingClientRect().height,
            css: p.getAttribute('class')};
  });
  const edges = getComputedStyle(document.querySelector('.map .edges')).opacity;
  return {ties, edges: parseFloat(edges), active: document.activeElement === node};
}"""


def _tab_to(page: Any, selector: str, limit: int = 300) -> None:
    """Press Tab until `selector` has the focus, as a keyboard reader would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} never took the focus in {limit} presses")


@pytest.mark.parametrize("how", ["keyboard", "pointer"])
def test_an_actor_highlights_its_ties_on_focus_and_hover(
    browser: Any, fixture_url: str, how: str
) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(fixture_url + "/en/")
    href = "actors/russia/"
    before = page.evaluate(TIES, href)
    assert before["ties"] and all(t["display"] == "none" and not t["box"] for t in before["ties"])
    assert before["edges"] == 1
    if how == "keyboard":
        _tab_to(page, f'.map a.node[href="{href}"]')
    else:
        page.locator(f'.map a.node[href="{href}"] circle').hover()
    after = page.evaluate(TIES, href)
    assert after["active"] == (how == "keyboard")
    for tie in after["ties"]:  # each of its ties drawn, thick, in its own category's style
        assert tie["display"] != "none" and tie["width"] >= 7 and tie["box"] > 0, tie
        assert re.fullmatch(r"stance-[a-z-]+|nr", tie["css"]), tie
    assert after["edges"] < 0.5  # the other lines step back
    page.close()


def test_chart_ticks_are_reached_by_keyboard_once_each_in_time_order(
    browser: Any, site: BuiltSite, base_url: str
) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844})
    graph = site.result.graph
    config = graph.model.config
    lang = config.default_language
    for slug in sorted(graph.stance_of)[:6]:
        dossier = graph.dossier(slug)
        page.goto(f"{base_url}/{lang}/{config.sections['relationships'][lang]}/{slug}/")
        strip = page.locator(".chart-rows li").first
        ticks = strip.locator("svg a")
        hrefs = [ticks.nth(i).get_attribute("href") or "" for i in range(ticks.count())]
        assert hrefs, slug
        _tab_to(page, ".chart-rows li > a")
        reached = []
        for _ in hrefs:
            page.keyboard.press("Tab")
            reached.append(page.evaluate("() => document.activeElement.getAttribute('href')"))
        assert reached == hrefs, (slug, reached, hrefs)  # each once, in the strip's order
        page.keyboard.press("Tab")
        assert page.evaluate("() => !document.activeElement.closest('.chart-rows')"), slug
        # and the strip's order is time order
        numbers = [int(h.rsplit("-", 1)[1]) - 1 for h in hrefs]
        dates = [dossier.data.timeline[n].date or "" for n in numbers]  # type: ignore[union-attr]
        assert dates == sorted(dates), (slug, dates)
        # a tick has a name for the reader who reaches it: the date and the link type
        first = ticks.first.evaluate("(a) => a.querySelector('title').textContent")
        assert re.search(r"\d{4}", first), first
    page.close()
