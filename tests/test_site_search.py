"""Search on the built index, in a real browser: what a reader typing a word gets.

Pagefind answers a word it finds neither as such, by its stem, nor as the
start of an indexed word, with the longest indexed word that begins it: on the
Indonesian index English "ally" became "al" (Al-Qaeda, al-Assad) and "dance"
became "dan" ("and": every page). The search page drops such a stand-in unless
it is nearly the whole word. These tests run the site's own search page
against its own index, beside Pagefind's raw answer for the same word, so
they fail if the guard is removed; and they check that Indonesian words still
find their inflected forms (stemming is wanted, guessing is not).
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from support import BuiltSite, build_site_at, make_project

from generator.outputs import search
from generator.site.urls import Urls

STAND_IN = ("ally", "dance")  # English words whose first letters are an Indonesian word
RAW = """async (q) => {
  const root = new URL("../../", location.href);
  const shards = (await (await fetch(new URL("pagefind/shards.json", root))).json()).shards;
  const pf = await import(new URL(`pagefind/${shards[0]}/pagefind.js`, root).href);
  await pf.options({baseUrl: "/"});
  for (const name of shards.slice(1)) {
    await pf.mergeIndex(new URL(`pagefind/${name}/`, root).pathname, {baseUrl: "/"});
  }
  const s = await pf.search(q);
  return (await Promise.all(s.results.map((r) => r.data()))).map((d) => d.url);
}"""


def _search_page(site: BuiltSite, base_url: str, lang: str) -> str:
    return f"{base_url}/{lang}/{site.result.graph.model.config.strings[lang]['paths']['search']}/"


def _ui(page: Any, query: str) -> tuple[list[str], list[str]]:
    """Type `query` into the search page; the result URLs and the words marked in excerpts."""
    page.locator("#search-results").evaluate("e => e.replaceChildren()")
    page.get_by_role("searchbox").first.fill(query)
    page.keyboard.press("Enter")
    page.locator("#search-results > p").first.wait_for(timeout=15000)
    hrefs = [a.get_attribute("href") or "" for a in page.locator("#search-results li a").all()]
    marks = [m.inner_text().lower() for m in page.locator("#search-results mark").all()]
    return hrefs, marks


def test_an_english_word_does_not_fall_back_to_a_short_indonesian_one(
    browser: Any, site: BuiltSite, base_url: str
) -> None:
    page = browser.new_page()
    page.goto(_search_page(site, base_url, "id"))
    guessed = {}
    for word in STAND_IN:
        raw = page.evaluate(RAW, word)
        hrefs, marks = _ui(page, word)
        assert not hrefs, f"{word!r} on /id/ found {hrefs} through {sorted(set(marks))}"
        assert page.locator("#search-all").is_visible()  # the full list stays, as with no match
        guessed[word] = len(raw)
    # Pagefind alone does guess (else this test would prove nothing): "dan" is on every page
    assert guessed["dance"] > 0, guessed
    page.close()


def test_indonesian_words_find_their_inflections_and_near_misses(
    browser: Any, site: BuiltSite, base_url: str
) -> None:
    page = browser.new_page()
    page.goto(_search_page(site, base_url, "id"))
    # "perang" (war) finds "memerangi" (to fight): the Indonesian stemmer at work
    hrefs, marks = _ui(page, "perang")
    assert hrefs and any(m.strip(".,;:“”\"'") == "memerangi" for m in marks), marks
    # the start of a word still finds the word, as typed while thinking
    hrefs, marks = _ui(page, "intelij")
    assert hrefs and any(m.startswith("intelijen") for m in marks), marks
    # an English plural of a name falls back to the name itself: nearly the whole word
    hrefs, marks = _ui(page, "talibans")
    assert hrefs and all("taliban" in m for m in marks), marks
    page.close()


def test_english_search_still_stems_ally_to_allies(
    browser: Any, site: BuiltSite, base_url: str
) -> None:
    page = browser.new_page()
    page.goto(_search_page(site, base_url, "en"))
    hrefs, marks = _ui(page, "ally")
    if not hrefs:
        pytest.skip(f"the {site.name} site's English pages never say ally or allies")
    assert all(re.sub(r"\W", "", m).startswith("all") for m in marks), marks
    page.close()


def test_excerpts_keep_infobox_values_apart(browser: Any, site: BuiltSite, base_url: str) -> None:
    """The infobox labels are left out of the index; the values must not then run together
    ("Zamir Kabulov, KabulovUtusan khusus …" was one word to Pagefind)."""
    if "zamir-kabulov" not in site.result.graph.model.dossiers:
        pytest.skip(f"the {site.name} site has no zamir-kabulov dossier")
    page = browser.new_page()
    page.goto(_search_page(site, base_url, "id"))
    hrefs, marks = _ui(page, "Kabulov")
    assert hrefs and all(re.sub(r"\W", "", m) == "kabulov" for m in marks), marks
    page.close()


@contextlib.contextmanager
def _served(folder: Path) -> Iterator[str]:
    """`folder` served on 127.0.0.1 (a free port) while the block runs."""
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def _says(public: Path, href: str, word: str) -> bool:
    """Whether the page at `href` (a URL path) holds `word` in its indexed main text."""
    path = public / href.split("#")[0].strip("/") / "index.html"
    html = path.read_text("utf-8")
    main = html[html.index("<main") : html.index("</main>")]
    return re.search(rf"\b{word}\b", main, re.IGNORECASE) is not None


def _in_small_shards(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> BuiltSite:
    """The reader fixture built into shards of a page or two, placed by each page's path
    (not its dossier's slug): shards of one language, and words some shards lack."""
    monkeypatch.setattr(search, "PAGES_PER_SHARD", 1)
    monkeypatch.setattr(search, "shard_key", lambda page: page)
    project = make_project(tmp_path / "site", "reader")
    site = BuiltSite("fixture", project, project / "public", build_site_at(project))
    assert len(json.loads((site.public / search.MANIFEST).read_text())["shards"]) > 2
    return site


@pytest.mark.slow
def test_a_shard_without_the_pages_language_adds_nothing_to_its_search(
    browser: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pagefind answers from a shard that has no page in the search's language with the
    shard's own language: an English page came back on the Indonesian search."""
    site = _in_small_shards(tmp_path, monkeypatch)
    with _served(site.public) as base_url:
        page = browser.new_page()
        for lang, other in (("id", "en"), ("en", "id")):
            page.goto(_search_page(site, base_url, lang))
            raw = page.evaluate(RAW, "Kabulov")
            # Pagefind alone does mix the languages (else this test proves nothing)
            assert any(url.startswith(f"/{other}/") for url in raw), raw
            hrefs, _ = _ui(page, "Kabulov")
            assert hrefs and all(href.startswith(f"/{lang}/") for href in hrefs), hrefs
        page.close()


@pytest.mark.slow
def test_a_shard_that_lacks_a_word_does_not_answer_it_with_a_shorter_one(
    browser: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each shard of the index guesses on its own: with "Kabulov" in one shard and only
    "Kabul" in another, Pagefind's merged search answers "Kabulov" with the Kabul pages of
    the second. Those must not come back because the word exists in the first shard."""
    site = _in_small_shards(tmp_path, monkeypatch)
    with _served(site.public) as base_url:
        page = browser.new_page()
        page.goto(_search_page(site, base_url, "id"))
        raw = page.evaluate(RAW, "Kabulov")
        # Pagefind alone does answer with the shorter word (else this test proves nothing)
        assert any(not _says(site.public, url, "kabulov") for url in raw), raw
        hrefs, marks = _ui(page, "Kabulov")
        assert hrefs and all(re.sub(r"\W", "", m) == "kabulov" for m in marks), marks
        assert all(_says(site.public, href, "kabulov") for href in hrefs), hrefs
        # a word that shards hold as such still finds every page that says it
        hrefs, _ = _ui(page, "Kabul")
        said = {url for url in page.evaluate(RAW, '"Kabul"') if url.startswith("/id/")}
        assert said and said <= {href.split("#")[0] for href in hrefs}, (said, hrefs)
        page.close()


def _first_hrefs(page: Any, query: str) -> list[str]:
    hrefs, _ = _ui(page, query)
    return [href.split("?")[0] for href in hrefs]


def _points_to(href: str, site_path: str) -> bool:
    """Whether a result link (relative to the search page, or root-relative) is that page."""
    return href == site_path or site_path.endswith("/" + href.lstrip("./").lstrip("/"))


def test_each_actors_title_finds_its_own_page_first(
    browser: Any, site: BuiltSite, base_url: str
) -> None:
    """Pagefind ranks by word counts: the Taliban's page came 4th for "Taliban" on /id/, under
    relationship pages that name it more often. The search page puts the page the query names
    first (its title or an alias), in every language."""
    model = site.result.graph.model
    urls = Urls(model.config)
    missed = []
    for lang in model.config.language_codes:
        page = browser.new_page()
        page.goto(_search_page(site, base_url, lang))
        for dossier in model.in_section("actors"):
            version = dossier.published_version(lang)
            if version is None:
                continue
            hrefs = _first_hrefs(page, version.title)
            own = urls.dossier(lang, dossier)
            if not hrefs or not _points_to(hrefs[0], own):
                missed.append((lang, version.title, hrefs[:3]))
        page.close()
    assert not missed, missed


def test_results_say_what_they_are_and_a_relationships_stance(
    browser: Any, site: BuiltSite, base_url: str
) -> None:
    model = site.result.graph.model
    strings = model.config.strings["en"]
    relationship = next(
        d for d in model.in_section("relationships") if site.result.graph.stance_of.get(d.slug)
    )
    title = relationship.published_version("en") or next(iter(relationship.versions.values()))
    page = browser.new_page()
    page.goto(_search_page(site, base_url, "en"))
    _ui(page, title.title)
    first = page.locator("#search-results li").first
    stance = site.result.graph.stance_of[relationship.slug]
    assert stance is not None
    label = first.locator(".result-kind").inner_text()
    # The stance as the relationship's answer says it ("Hostile, last reported …",
    # "Ended August 2021 · last reported Cooperative …").
    prefix = f"{strings['search_kinds']['relationships']} · {strings['current_stance']}: "
    assert label.startswith(prefix), label
    assert strings["stances"][stance.stance] in label, label
    actor = model.in_section("actors")[0]
    _ui(page, (actor.published_version("en") or next(iter(actor.versions.values()))).title)
    assert assert_kind(page).startswith(strings["search_kinds"]["actors"] + " (")
    page.close()


def assert_kind(page: Any) -> str:
    return str(page.locator("#search-results li .result-kind").first.inner_text())


def test_a_year_finds_its_section_of_the_timeline(
    browser: Any, site: BuiltSite, base_url: str
) -> None:
    years = site.result.graph.event_years
    if not years:
        pytest.skip(f"the {site.name} site has no dated events")
    page = browser.new_page()
    for lang in site.result.graph.model.config.language_codes:
        page.goto(_search_page(site, base_url, lang))
        hrefs = _first_hrefs(page, str(years[0]))
        timeline = site.result.graph.model.config.strings[lang]["paths"]["timeline"]
        assert hrefs and hrefs[0].endswith(f"{timeline}/#year-{years[0]}"), hrefs[:3]
    page.close()


def test_nothing_here_but_something_in_the_other_language_says_where(
    browser: Any, site: BuiltSite, base_url: str
) -> None:
    page = browser.new_page()
    page.goto(_search_page(site, base_url, "en"))
    if not _first_hrefs(page, "ally"):
        pytest.skip(f"the {site.name} site's English pages never say ally or allies")
    page.goto(_search_page(site, base_url, "id"))
    hrefs, _ = _ui(page, "ally")
    assert not hrefs
    hint = page.locator("#search-results > p a[hreflang='en']")
    assert hint.count() == 1 and "q=ally" in (hint.get_attribute("href") or "")
    hint.click()
    page.locator("#search-results li a").first.wait_for(timeout=15000)  # the English results
    page.close()


INDEXED = RAW.replace("(d) => d.url", "(d) => [d.url, d.content]")


def test_the_index_reads_a_pages_own_text_not_its_sources_charts_or_claims(
    browser: Any, site: BuiltSite, base_url: str
) -> None:
    """What a relationship page repeats of other dossiers (its numbered sources, who claims
    an event) or derives from its events (the chart, its table and legend) is left out of
    the index: a publisher's name found every page citing it, a period's name every chart,
    and these were a quarter of the words Pagefind read."""
    model = site.result.graph.model
    strings = model.config.strings["en"]
    urls = Urls(model.config)
    left_out = {
        "sources": f">{strings['back_to_text']}<",
        "chart": f">{strings['chart_heading']}<",
        "claims": f">{strings['claimed_by']}: ",
    }
    pages = []
    for dossier in model.in_section("relationships"):
        version = dossier.published_version("en")
        if version is None:
            continue
        url = urls.dossier("en", dossier)
        html = (site.public / url.lstrip("/") / "index.html").read_text(encoding="utf-8")
        pages.append((sum(s in html for s in left_out.values()), url, version.title))
    shown, url, title = max(pages)
    # The page shows all three (else this test would prove nothing).
    html = (site.public / url.lstrip("/") / "index.html").read_text(encoding="utf-8")
    assert all(s in html for s in left_out.values()), (url, shown)
    page = browser.new_page()
    page.goto(_search_page(site, base_url, "en"))
    found = {found_url: content for found_url, content in page.evaluate(INDEXED, title)}
    page.close()
    content = next((c for u, c in found.items() if _points_to(u, url)), None)
    assert content is not None, (title, sorted(found))
    assert title in content  # the page's own words are there
    for part, text in left_out.items():
        assert text.strip("<>: ") not in content, (part, content)
