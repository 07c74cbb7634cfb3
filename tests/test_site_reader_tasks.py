"""The three readers of issue 14, walked in a real browser, each within a stated number of steps.

1. An Indonesian reader on a phone (390 × 844) asks "is Russia now an ally of
   the Taliban, and since when?": from the home page, one tap and no scroll.
2. An English-speaking researcher wants the sourced timeline of US–Taliban
   relations and its quotes: one click to the page; each source checked in
   place with one click (no scroll, no page change), and every translated
   quote states its translation chain.
3. A keyboard user reaches the story's relationship from the top of the home
   page within STORY_TABS presses, and its answer's sources within ANSWER_TABS
   more; on the map every link is reached once, in the drawing's reading order
   (row by row, left to right).
"""

from __future__ import annotations

import itertools
import re
from typing import Any

import pytest
from support import BuiltSite

from generator.site.map.slots import ROW_HEIGHT

PHONE = {"width": 390, "height": 844}
DESK = {"width": 1280, "height": 900}
STORY_TABS = 20  # was 145 before issue 14
ANSWER_TABS = 15  # the header takes about ten of them
STORY = "russia--taliban"
RESEARCH = "taliban--united-states"


def _need(site: BuiltSite, *slugs: str) -> None:
    missing = [s for s in slugs if s not in site.result.graph.model.dossiers]
    if missing:
        pytest.skip(f"the {site.name} site has no {', '.join(missing)}")


def _on_first_screen(page: Any, locator: Any, height: int) -> bool:
    box = locator.bounding_box()
    return bool(box) and page.evaluate("scrollY") == 0 and box["y"] + box["height"] <= height


def test_phone_reader_gets_the_answer_in_one_tap_without_scrolling(
    browser: Any, site: BuiltSite, base_url: str
) -> None:
    _need(site, STORY)
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(base_url + "/id/")
    link = page.locator(f'main a[href$="/{STORY}/"]').first
    assert _on_first_screen(page, link, PHONE["height"]), "the story's link is below the fold"
    link.click()  # the one tap
    page.wait_for_url(re.compile(rf"/id/hubungan/{STORY}/$"))
    answer = page.locator(".answer-line")
    assert _on_first_screen(page, answer, PHONE["height"]), "the answer is below the fold"
    text = answer.inner_text()
    assert re.search(r"sejak|pertama dilaporkan", text), text
    assert answer.locator("time").count() == 1
    # "since" is the start of the current run, which is not after the latest event
    stance = site.result.graph.stance_of[STORY]
    assert stance is not None and answer.locator("time").get_attribute("datetime") == stance.since
    context.close()


def test_researcher_checks_sources_and_quotes_in_place(
    browser: Any, site: BuiltSite, base_url: str
) -> None:
    _need(site, RESEARCH)
    context = browser.new_context(viewport=DESK)
    page = context.new_page()
    page.goto(base_url + "/en/")
    link = page.locator(f'main a[href$="/{RESEARCH}/"]').first
    assert _on_first_screen(page, link, DESK["height"])
    link.click()  # one click to the sourced timeline
    page.wait_for_url(re.compile(rf"/en/relationships/{RESEARCH}/$"))
    events = page.locator(".timeline .event")
    assert events.count() > 0
    for n in range(events.count()):
        assert events.nth(n).locator(".cite a").count() > 0, "an event without a source"
    # each tick of the chart opens an event of this page's timeline
    for href in page.locator(".strip a").evaluate_all(
        "els => els.map(a => a.getAttribute('href'))"
    ):
        anchor = href.split("#", 1)[1]
        assert page.locator(f'[id="{anchor}"]').count() == 1, href
    # one click on a citation shows the source over the page: no scroll, no new page
    cite = events.first.locator(".cite a").first
    cite.scroll_into_view_if_needed()
    before = page.evaluate("scrollY")
    cite.click()
    card = page.locator(".citations li:target")
    box = card.bounding_box()
    assert box and box["y"] >= 0 and box["y"] + box["height"] <= DESK["height"]
    assert page.evaluate("scrollY") == before
    number = int(page.evaluate("location.hash").removeprefix("#cite-"))
    cited = site.result.graph.dossier(
        page.locator(f"#cite-{number} a").first.get_attribute("href").rstrip("/").split("/")[-1]
    )
    publisher = getattr(cited.data, "publisher", None)
    if publisher:
        assert publisher in card.inner_text()
    card.locator(".cite-close").click()
    assert page.locator(".citations li:target").count() == 0
    assert page.evaluate("scrollY") == before
    # a quote shown in translation names its chain
    for quote in page.locator(".quote").all():
        if quote.locator(".quote-translation").count():
            assert "→" in quote.inner_text()
    context.close()


def _tab_until(page: Any, pattern: str, limit: int) -> int:
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        href = page.evaluate("document.activeElement.getAttribute('href') || ''")
        if re.search(pattern, href):
            return presses
    return limit + 1


def test_keyboard_user_reaches_the_story_and_its_sources_quickly(
    browser: Any, site: BuiltSite, base_url: str
) -> None:
    _need(site, STORY)
    context = browser.new_context(viewport=DESK)
    page = context.new_page()
    page.goto(base_url + "/en/")
    presses = _tab_until(page, rf"/{STORY}/$", STORY_TABS)
    assert presses <= STORY_TABS, f"the story takes more than {STORY_TABS} Tab presses"
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/en/relationships/{STORY}/$"))
    assert _tab_until(page, r"^#cite-", ANSWER_TABS) <= ANSWER_TABS
    context.close()


def test_map_links_are_reached_once_in_reading_order(
    browser: Any, site: BuiltSite, base_url: str
) -> None:
    context = browser.new_context(viewport=DESK)
    page = context.new_page()
    page.goto(base_url + "/en/")
    focusable = page.evaluate(
        """() => [...document.querySelectorAll('.map a')].filter(a => a.tabIndex >= 0)
           .map(a => { const c = a.querySelector('circle');
             return [a.getAttribute('href'), c ? [+c.getAttribute('cx'), +c.getAttribute('cy')] : null]; })"""
    )
    hrefs = [href for href, _ in focusable]
    assert len(hrefs) == len(set(hrefs)), "a map link is reachable twice"
    assert all(point for _, point in focusable), "only the actors take the focus on the map"
    # Rows of the layout are ROW_HEIGHT apart; within a row a dot sits at most half that
    # above or below the row's line. Focus goes row by row, then left to right.
    half = ROW_HEIGHT / 2
    for (_, (x1, y1)), (_, (x2, y2)) in itertools.pairwise(focusable):
        assert y2 > y1 + half or (abs(y2 - y1) < half and x2 > x1), (
            f"the focus order leaves the drawing's reading order: {(x1, y1)} then {(x2, y2)}"
        )
    context.close()
