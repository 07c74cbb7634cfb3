"""The published explainer: the real content/ builds strictly into a complete site.

Walks the built site (issue 4's done-means): every actor, relationship and
source page exists in both languages, every relationship page cites a source,
no page carries an "untranslated" notice, every citation resolves, and every
quote of the seed articles is on its relationship page with its speaker.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from conftest import PROJECT, make_project, run_cli

from generator.content.config import load_config
from generator.content.model import RelationshipData, SourceData
from generator.pipeline.site import build_site

REQUIRED_ACTORS = {
    "united-states", "russia", "taliban", "afghan-government", "syrian-government", "isis",
    "isis-k", "al-qaeda", "nusra-front", "syrian-rebels", "anti-isis-coalition", "mark-milley",
    "lloyd-austin", "vladimir-putin", "john-kerry", "maria-zakharova", "mark-hertling",
    "dmitry-peskov", "andrei-kartapolov", "zamir-kabulov",
}  # fmt: skip
REQUIRED_RELATIONSHIPS = {
    "taliban--united-states", "russia--taliban", "russia--united-states", "isis--taliban",
    "isis-k--taliban", "isis--russia", "isis-k--russia", "isis--united-states",
    "russia--syrian-government", "nusra-front--united-states", "nusra-front--russia",
    "afghan-government--russia",
}  # fmt: skip
SECTIONS = {"actors": ("aktor", "actors"), "relationships": ("hubungan", "relationships"),
            "sources": ("sumber", "sources")}  # fmt: skip


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("real") / "site", PROJECT / "content")
    result = run_cli(project, "build", "--strict")
    assert result.returncode == 0, result.stderr
    assert "warning" not in result.stderr
    return project


@pytest.fixture(scope="module")
def graph(site: Path):  # type: ignore[no-untyped-def]
    return build_site(load_config(site), strict=True).graph


def test_required_dossiers_exist(graph) -> None:  # type: ignore[no-untyped-def]
    model = graph.model
    assert {d.slug for d in model.in_section("actors")} >= REQUIRED_ACTORS
    assert {d.slug for d in model.in_section("relationships")} >= REQUIRED_RELATIONSHIPS
    assert len(model.in_section("sources")) == 5
    for person in ("mark-milley", "zamir-kabulov", "maria-zakharova"):
        data = model.dossiers[person].data
        assert data.kind == "person" and data.affiliation and data.role


def test_no_draft_and_every_dossier_in_both_languages(site: Path, graph) -> None:  # type: ignore[no-untyped-def]
    assert not any("draft: true" in p.read_text("utf-8") for p in (site / "content").rglob("*.md"))
    public = site / "public"
    for section, (seg_id, seg_en) in SECTIONS.items():
        for dossier in graph.model.in_section(section):
            assert set(dossier.versions) == {"id", "en"}
            assert (public / "id" / seg_id / dossier.slug / "index.html").is_file()
            assert (public / "en" / seg_en / dossier.slug / "index.html").is_file()


def test_every_relationship_has_a_dated_cited_link_and_page_cites(site: Path, graph) -> None:  # type: ignore[no-untyped-def]
    for dossier in graph.model.in_section("relationships"):
        data = dossier.data
        assert isinstance(data, RelationshipData)
        assert any(e.date and e.sources for e in data.timeline), dossier.slug
        for lang, seg in (("id", "hubungan"), ("en", "relationships")):
            html = (site / "public" / lang / seg / dossier.slug / "index.html").read_text("utf-8")
            assert 'id="cite-1"' in html, (lang, dossier.slug)


def test_no_untranslated_notice_and_every_citation_resolves(site: Path) -> None:
    pages = sorted((site / "public").rglob("*.html"))
    assert len(pages) > 100
    for page in pages:
        html = page.read_text("utf-8")
        assert "notice untranslated" not in html, page
        targets = set(re.findall(r'href="#(cite-\d+)"', html))
        ids = set(re.findall(r'id="(cite-\d+)"', html))
        assert targets <= ids, page
        for item in re.findall(r'<li id="cite-\d+"><a href="([^"]+)"', html):
            assert (page.parent / item / "index.html").resolve().is_file(), (page, item)


def test_every_seed_quote_is_on_its_relationship_page(site: Path, graph) -> None:  # type: ignore[no-untyped-def]
    quotes = {
        (q.speaker, q.text): (source.slug, q)
        for source in graph.model.in_section("sources")
        for q in source.data.quotes
        if isinstance(source.data, SourceData)
    }
    for gold in sorted((PROJECT / "tests/gold").glob("*.yaml")):
        for expected in yaml.safe_load(gold.read_text("utf-8")).get("quotes", []):
            match = [
                (slug, q)
                for (speaker, text), (slug, q) in quotes.items()
                if expected["text"] in text and speaker == expected["speaker"]
            ]
            assert match, (gold.name, expected)
            _, quote = match[0]
            assert quote.about, f"quote is on no relationship page: {expected['text']}"
            assert "en" in quote.translation
            for relationship in quote.about:
                page = site / "public/en/relationships" / relationship / "index.html"
                assert expected["text"][:40] in page.read_text("utf-8")
