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
from generator.graph.translations import site_status
from generator.pipeline.site import build_site
from generator.vocabulary import LINK_TYPES, SOURCE_KINDS, STANCES

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


def _plain(text: str) -> str:
    """Quote text without editorial marks such as [sic]."""
    return " ".join(text.replace("[sic]", "").split())


def test_every_seed_quote_is_on_its_relationship_page(site: Path, graph) -> None:  # type: ignore[no-untyped-def]
    # A gold speaker may have been corrected by the editors (a ministry's written
    # statement is not its minister's words): then the quote must carry a label.
    quotes = [
        (source.slug, q)
        for source in graph.model.in_section("sources")
        for q in source.data.quotes
        if isinstance(source.data, SourceData)
    ]
    for gold in sorted((PROJECT / "tests/gold").glob("*.yaml")):
        for expected in yaml.safe_load(gold.read_text("utf-8")).get("quotes", []):
            match = [q for _, q in quotes if _plain(expected["text"]) in _plain(q.text)]
            assert match, (gold.name, expected)
            quote = match[0]
            assert quote.speaker == expected["speaker"] or quote.speaker_label, expected
            assert quote.about, f"quote is on no relationship page: {expected['text']}"
            assert "en" in quote.translation
            for relationship in quote.about:
                page = site / "public/en/relationships" / relationship / "index.html"
                assert " ".join(quote.text.split())[:40] in page.read_text("utf-8")


def test_every_event_has_a_known_type_a_date_and_a_source(graph) -> None:  # type: ignore[no-untyped-def]
    languages = graph.model.config.language_codes
    for dossier in graph.model.in_section("relationships"):
        for event in dossier.data.timeline:
            where = (dossier.slug, event.line)
            assert event.type in LINK_TYPES, where
            assert event.stance in STANCES, where
            assert event.date, where
            assert event.sources, where
            assert set(event.text) == set(languages), where
            if event.date_note:
                assert set(event.date_note) == set(languages), where


def test_every_quote_has_a_speaker_a_language_and_says_how_it_was_translated(graph) -> None:  # type: ignore[no-untyped-def]
    languages = set(graph.model.config.language_codes)
    for source in graph.model.in_section("sources"):
        data = source.data
        assert isinstance(data, SourceData)
        for quote in data.quotes:
            where = (source.slug, quote.line)
            # A named actor, or an unnamed speaker described in every language.
            assert quote.speaker or set(quote.speaker_label or {}) == languages, where
            assert quote.language, where
            assert languages - {data.language} <= set(quote.translation), where
            if quote.language != data.language:
                # The article already translated the words: say so on the page.
                assert quote.note and set(quote.note) == languages, where


def test_every_source_says_what_kind_of_source_it_is(graph) -> None:  # type: ignore[no-untyped-def]
    for source in graph.model.in_section("sources"):
        assert isinstance(source.data, SourceData)
        assert source.data.kind in SOURCE_KINDS, source.slug


def test_every_translation_is_stamped_and_current(graph) -> None:  # type: ignore[no-untyped-def]
    for row in site_status(graph.model):
        for status in row.languages:
            assert status.status in {"original", "translated"}, (row.slug, status)


def test_editing_an_original_makes_its_translation_stale(tmp_path: Path, site: Path, graph) -> None:  # type: ignore[no-untyped-def]
    project = make_project(tmp_path / "site", PROJECT / "content")
    dossier = graph.model.in_section("relationships")[0]
    original = next(v for v in dossier.versions.values() if v.translated_from is None)
    path = project / Path(original.path).resolve().relative_to(site.resolve())
    path.write_text(path.read_text("utf-8") + "\nA sentence added to the original.\n", "utf-8")
    result = run_cli(project, "check")
    assert "stale translation" in result.stdout + result.stderr
    assert dossier.slug in result.stdout + result.stderr
