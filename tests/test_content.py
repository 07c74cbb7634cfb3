"""The published explainer: the real content/ builds strictly into a complete site.

Invariants only, never counts or lists of slugs, so a writer who adds, removes
or renames a dossier keeps CI green as long as the site is valid: every
dossier exists in every language, every relationship cites a source, no page
carries an "untranslated" notice, every citation resolves, every event and
actor uses the site's vocabulary, every quote of the seed articles that
are still sources is on its relationship page with its speaker, and ingesting
the seeds again changes no dossier.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from support import PROJECT, REAL, make_project, run_cli

from generator.content.config import load_config
from generator.content.frontmatter import parse_front_matter
from generator.content.model import ActorData, RelationshipData, SourceData
from generator.graph.translations import site_status
from generator.pipeline.stages import build_site

pytestmark = pytest.mark.slow  # our own explainer, built whole

LISTED = ("actors", "relationships", "sources")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("real") / "site", REAL)
    result = run_cli(project, "build", "--strict")
    assert result.returncode == 0, result.stderr
    assert "warning" not in result.stderr
    return project


@pytest.fixture(scope="module")
def graph(site: Path):  # type: ignore[no-untyped-def]
    return build_site(load_config(site), strict=True).graph


def test_every_section_has_dossiers_and_every_actor_a_known_kind(graph) -> None:  # type: ignore[no-untyped-def]
    model = graph.model
    kinds = model.config.vocabulary.codes("actor_kinds")
    for section in LISTED:
        assert model.in_section(section), f"no {section} at all"
    for actor in model.in_section("actors"):
        data = actor.data
        assert isinstance(data, ActorData)
        assert data.kind in kinds, actor.slug
        if data.kind == "person":  # a reader needs to know who a person is
            assert data.role, actor.slug


def test_no_draft_and_every_dossier_in_both_languages(site: Path, graph) -> None:  # type: ignore[no-untyped-def]
    assert not any("draft: true" in p.read_text("utf-8") for p in (site / "content").rglob("*.md"))
    public = site / "public"
    config = graph.model.config
    for section in LISTED:
        for dossier in graph.model.in_section(section):
            assert set(dossier.versions) == set(config.language_codes)
            for lang in config.language_codes:
                segment = config.sections[section][lang]
                assert (public / lang / segment / dossier.slug / "index.html").is_file()


def test_every_relationship_has_a_dated_cited_link_and_page_cites(site: Path, graph) -> None:  # type: ignore[no-untyped-def]
    for dossier in graph.model.in_section("relationships"):
        data = dossier.data
        assert isinstance(data, RelationshipData)
        assert any(e.date and e.sources for e in data.timeline), dossier.slug
        config = graph.model.config
        for lang in config.language_codes:
            seg = config.sections["relationships"][lang]
            html = (site / "public" / lang / seg / dossier.slug / "index.html").read_text("utf-8")
            assert 'id="cite-1"' in html, (lang, dossier.slug)


def test_no_untranslated_notice_and_every_citation_resolves(site: Path) -> None:
    pages = sorted((site / "public").rglob("*.html"))
    assert pages
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
    seeds = {
        source.data.seed
        for source in graph.model.in_section("sources")
        if isinstance(source.data, SourceData)
    }
    for gold in sorted((PROJECT / "tests/gold").glob("*.yaml")):
        if yaml.safe_load(gold.read_text("utf-8")).get("seed") not in seeds:
            continue  # the article is no longer a source of the site
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
    vocabulary = graph.model.config.vocabulary
    for dossier in graph.model.in_section("relationships"):
        for event in dossier.data.timeline:
            where = (dossier.slug, event.line)
            assert event.type in vocabulary.codes("link_types"), where
            assert event.category in vocabulary.categories, where
            assert event.tie or event.stance in vocabulary.codes("stances"), where
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
        assert source.data.kind in graph.model.config.vocabulary.codes("source_kinds"), source.slug


def test_every_translation_is_stamped_and_current(graph) -> None:  # type: ignore[no-untyped-def]
    for row in site_status(graph.model):
        for status in row.languages:
            assert status.status in {"original", "translated"}, (row.slug, status)


def test_editing_an_original_makes_its_translation_stale(tmp_path: Path, site: Path, graph) -> None:  # type: ignore[no-untyped-def]
    project = make_project(tmp_path / "site", REAL)
    dossier = graph.model.in_section("relationships")[0]
    original = next(v for v in dossier.versions.values() if v.translated_from is None)
    path = project / Path(original.path).resolve().relative_to(site.resolve())
    path.write_text(path.read_text("utf-8") + "\nA sentence added to the original.\n", "utf-8")
    result = run_cli(project, "check")
    assert "stale translation" in result.stdout + result.stderr
    assert dossier.slug in result.stdout + result.stderr


def test_ingesting_the_own_seeds_keeps_every_dossier_byte_for_byte(tmp_path: Path) -> None:
    """`explainer ingest seeds/` on this repository changes none of its dossiers: each
    seed is recognised by the `seed:` of its source dossier, which is the writers' and is
    kept as it is. A new article in seeds/ becomes a new source dossier beside them."""
    project = make_project(tmp_path / "site", REAL)
    shutil.copytree(PROJECT / "seeds", project / "seeds")
    before = {p: p.read_bytes() for p in (project / "content").rglob("*") if p.is_file()}
    result = run_cli(project, "ingest", "seeds")
    assert result.returncode == 0, result.stderr
    assert {p: p.read_bytes() for p in before} == before
    seeds = {p.name for p in (project / "seeds").glob("*.txt")}
    language = load_config(project).default_language
    recorded = {
        parse_front_matter(path.read_text("utf-8"), path.name).data.get("seed")
        for path in (project / "content" / "sources").glob(f"*.{language}.md")
    }
    assert seeds <= recorded
