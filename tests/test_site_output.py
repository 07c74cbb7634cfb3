"""The built site's files, checked without a browser.

Every internal link and `#anchor` resolves; the Atom feeds and sitemap.xml
parse and carry what they promise; robots.txt points at the sitemap; pages
stay light; the build is byte-identical when repeated; the search index is
split by language and keeps non-dossier pages out.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from support import BuiltSite, build_site_at, make_project

from generator.content.model import RelationshipData
from generator.site.kinds import KIND_BY_NAME

ATOM = "{http://www.w3.org/2005/Atom}"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$")
WEIGHT_LIMIT = 64 * 1024  # the reader's budget for one page (home included): HTML + CSS
EVENT_BUDGET = 600  # bytes per event on the combined timeline, which lists them all


class _Page(HTMLParser):
    """Collects a page's ids and the URLs it links to."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.scripts = 0
        self.pagefind_body = False
        self.lang = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"] or "")
        if tag == "a" and a.get("name"):
            self.ids.add(a["name"] or "")
        if tag == "html":
            self.lang = a.get("lang") or ""
        if tag == "script":
            self.scripts += 1
        if "data-pagefind-body" in a:
            self.pagefind_body = True
        for key in ("href", "src"):
            if a.get(key) and tag in ("a", "link", "script", "img", "use"):
                self.links.append(a[key] or "")
        if tag == "meta" and a.get("property") == "og:url":
            self.links.append(a.get("content") or "")


def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def site_path(public: Path, file: Path) -> str:
    rel = file.relative_to(public).as_posix()
    return "/" + (rel.removesuffix("index.html") if rel.endswith("index.html") else rel)


def resolve(public: Path, url: str) -> Path | None:
    path = unquote(urlsplit(url).path)
    target = public / path.lstrip("/")
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None


def test_every_internal_link_and_anchor_resolves(site: BuiltSite) -> None:
    base = site.result.graph.model.config.base_url
    pages = {site_path(site.public, f): parse(f) for f in site.html_files()}
    broken = []
    for path, page in pages.items():
        for link in page.links:
            if link.startswith(base):
                link = "/" + link[len(base) :]
            elif urlsplit(link).scheme or link.startswith("//"):
                continue  # external: not this test's business
            url = urljoin(path, link)
            target = resolve(site.public, url)
            if target is None:
                broken.append(f"{path}: {link} (no file)")
                continue
            fragment = urlsplit(url).fragment
            if fragment and target.suffix == ".html":
                ids = pages.get(site_path(site.public, target))
                if ids is None or unquote(fragment) not in ids.ids:
                    broken.append(f"{path}: {link} (no #{fragment})")
    assert not broken, "\n".join(broken[:50])


def test_atom_feeds_parse_and_are_complete(site: BuiltSite) -> None:
    config = site.result.graph.model.config
    for lang in config.language_codes:
        feed = ET.parse(site.public / lang / "feed.xml").getroot()
        assert feed.tag == f"{ATOM}feed"
        assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
        assert feed.findtext(f"{ATOM}title") == config.title[lang]
        assert feed.findtext(f"{ATOM}id") == config.base_url + f"{lang}/"
        assert RFC3339.match(feed.findtext(f"{ATOM}updated") or "")
        assert feed.find(f"{ATOM}author/{ATOM}name") is not None
        selfs = [x for x in feed.findall(f"{ATOM}link") if x.get("rel") == "self"]
        assert selfs and selfs[0].get("href") == config.base_url + f"{lang}/feed.xml"
        entries = feed.findall(f"{ATOM}entry")
        assert entries, "a feed with no entries"
        ids = [e.findtext(f"{ATOM}id") for e in entries]
        assert len(ids) == len(set(ids)), "entry ids must be unique"
        updated = [e.findtext(f"{ATOM}updated") or "" for e in entries]
        assert all(RFC3339.match(u) for u in updated)
        assert updated == sorted(updated, reverse=True), "newest first"
        assert feed.findtext(f"{ATOM}updated") == updated[0]
        for entry in entries:
            assert (entry.findtext(f"{ATOM}title") or "").strip()
            href = entry.find(f"{ATOM}link").get("href")  # type: ignore[union-attr]
            assert href and href.startswith(config.base_url)
            assert resolve(site.public, "/" + href[len(config.base_url) :]) is not None
        kinds = {e.find(f"{ATOM}category").get("term") for e in entries}  # type: ignore[union-attr]
        assert "source" in kinds and len(kinds) > 1, "sources and timeline events"


def test_sitemap_lists_every_page_with_hreflang_alternates(site: BuiltSite) -> None:
    config = site.result.graph.model.config
    root = ET.parse(site.public / "sitemap.xml").getroot()
    assert root.tag == f"{SM}urlset"
    locs = {}
    for url in root.findall(f"{SM}url"):
        loc = url.findtext(f"{SM}loc") or ""
        assert loc.startswith(config.base_url)
        assert resolve(site.public, "/" + loc[len(config.base_url) :]) is not None, loc
        langs = {link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link")}
        assert set(langs) == {*config.language_codes, "x-default"}, loc
        assert loc in langs.values()
        locs[loc] = langs
    pages = {
        config.base_url + s.path.lstrip("/") for s in site.specs if KIND_BY_NAME[s.kind].listed
    }
    assert pages == set(locs), "every listed page is in the sitemap"
    assert config.base_url + "404.html" not in locs
    robots = (site.public / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {config.base_url}sitemap.xml" in robots


def test_pages_stay_within_their_weight_budget(site: BuiltSite) -> None:
    """A page weighs at most WEIGHT_LIMIT of HTML+CSS; the combined timeline, which lists
    every event of the site, at most WEIGHT_LIMIT plus a budget per event."""
    css = sum(p.stat().st_size for p in (site.public / "static").glob("*.css"))
    model = site.result.graph.model
    events = sum(
        len(d.data.timeline)
        for d in model.in_section("relationships")
        if isinstance(d.data, RelationshipData)
    )
    timelines = {s.output for s in site.specs if s.kind == "timeline"}
    heavy = {}
    for f in site.html_files():
        rel = f.relative_to(site.public).as_posix()
        limit = WEIGHT_LIMIT + (EVENT_BUDGET * events if rel in timelines else 0)
        if f.stat().st_size + css > limit:
            heavy[site_path(site.public, f)] = (f.stat().st_size + css, limit)
    assert not heavy, f"pages over their budget of HTML+CSS (bytes, limit): {heavy}"


def test_home_needs_no_javascript_and_search_lists_every_dossier(site: BuiltSite) -> None:
    graph = site.result.graph
    config = graph.model.config
    for lang in config.language_codes:
        home = (site.public / lang / "index.html").read_text(encoding="utf-8")
        assert "<script" not in home
        assert '<svg viewBox="0 0' in home and 'class="chart-table"' in home
        relationships = site.public / lang / config.sections["relationships"][lang] / "index.html"
        assert 'class="matrix"' in relationships.read_text(encoding="utf-8")
        search = site.public / lang / config.strings[lang]["paths"]["search"] / "index.html"
        text = search.read_text(encoding="utf-8")
        for slug, dossier in graph.model.dossiers.items():
            if slug != "home":
                url = f"/{config.sections[dossier.section][lang]}/{slug}/"
                assert url in text, f"{lang} search page does not list {slug}"


def test_search_index_per_language_holds_only_dossiers(site: BuiltSite) -> None:
    shards = json.loads((site.public / "pagefind" / "shards.json").read_text())["shards"]
    bundles = [site.public / "pagefind" / name for name in shards]
    assert (bundles[0] / "pagefind.js").is_file(), "the primary shard carries the script"
    for lang in site.result.graph.model.config.language_codes:
        assert any(b.glob(f"pagefind.{lang}_*.pf_meta") for b in bundles), f"no {lang} index"
    for file in site.html_files():
        page = parse(file)
        # Dossiers, and the timeline for its year headings (its events are left out).
        indexed = any(
            s.output == file.relative_to(site.public).as_posix() and KIND_BY_NAME[s.kind].indexed
            for s in site.specs
        )
        assert page.pagefind_body == indexed, file


@pytest.mark.slow
def test_build_is_byte_identical(fixture_site: BuiltSite, tmp_path: Path) -> None:
    """Pages, feeds, sitemap and CSS are byte-identical; so is Pagefind's index (checked)."""

    def files(root: Path) -> dict[str, bytes]:
        return {
            p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()
        }

    first = files(fixture_site.public)
    again = make_project(tmp_path / "again", "reader")
    for _ in range(3):  # Pagefind's entry file once varied in half of all runs
        build_site_at(again)
        second = files(again / "public")
        assert sorted(first) == sorted(second)
        differ = sorted(name for name in first if first[name] != second[name])
        assert not differ, f"files differ between two builds: {differ}"
