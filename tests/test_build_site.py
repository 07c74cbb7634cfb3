"""The bilingual build of a small fixture site: pages, translations, derived lists."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from support import make_project, run_cli, snapshot

from generator.content.config import load_config
from generator.pipeline.stages import build_site
from generator.theme_files import THEME_DIR

HREFLANG = re.compile(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">')
CANONICAL = re.compile(r'<link rel="canonical" href="([^"]+)">')


@pytest.fixture
def built(project: Path) -> Path:
    result = run_cli(project, "build", "--strict")
    assert result.returncode == 0, result.stderr
    assert "warning" not in result.stderr
    return project / "public"


def html_pages(public: Path) -> list[Path]:
    return sorted(p for p in public.rglob("index.html") if p.parent != public)


def test_every_dossier_page_exists_in_both_languages(built: Path) -> None:
    for section_id, section_en, slug in [
        ("aktor", "actors", "russia"),
        ("aktor", "actors", "vladimir-putin"),
        ("hubungan", "relationships", "russia--taliban"),
        ("sumber", "sources", "arrahmah-2025-05-02"),
        ("halaman", "pages", "about"),
    ]:
        assert (built / "id" / section_id / slug / "index.html").is_file()
        assert (built / "en" / section_en / slug / "index.html").is_file()
    assert (built / "id" / "index.html").is_file()
    assert (built / "en" / "index.html").is_file()


def test_hreflang_pairs_are_reciprocal_and_switch_goes_to_same_page(built: Path) -> None:
    base = "https://explainer.example.org/"
    pages = html_pages(built)
    assert len(pages) > 20
    for page in pages:
        html = page.read_text(encoding="utf-8")
        lang = re.search(r'<html lang="([^"]+)">', html)[1]
        canonical = CANONICAL.search(html)[1]
        assert canonical == base + page.parent.relative_to(built).as_posix() + "/"
        alternates = dict(HREFLANG.findall(html))
        assert set(alternates) == {"id", "en", "x-default"}
        assert alternates[lang] == canonical
        assert alternates["x-default"] == alternates["id"]
        for other_lang, url in alternates.items():
            other = built / url.removeprefix(base) / "index.html"
            other_html = other.read_text(encoding="utf-8")
            assert dict(HREFLANG.findall(other_html))[lang] == canonical, (page, other_lang)
        # The language switch links the same page in the other language.
        other_lang = "en" if lang == "id" else "id"
        switch = re.search(rf'<a href="([^"]+)" hreflang="{other_lang}" lang="{other_lang}"', html)
        target = (page.parent / switch[1] / "index.html").resolve()
        assert (
            target == (built / alternates[other_lang].removeprefix(base) / "index.html").resolve()
        )


def test_root_offers_both_languages_default_first(built: Path) -> None:
    html = (built / "index.html").read_text(encoding="utf-8")
    assert html.index('href="id/"') < html.index('href="en/"')


def test_backlinks_and_derived_lists(project: Path) -> None:
    result = build_site(load_config(project), strict=True)
    graph = result.graph
    assert graph.relationships_of["taliban"] == ("isis--taliban", "russia--taliban")
    assert graph.people_of["russia"] == ("vladimir-putin",)
    assert graph.backlinks["isis"] == ("isis--taliban", "taliban")
    assert "russia" in graph.cited_by["arrahmah-2025-05-02"]
    assert "russia--taliban" in graph.cited_by["arrahmah-2025-05-02"]
    # The current stance is the latest link's, not typed by hand.
    stance = graph.stance_of["russia--taliban"]
    assert (stance.stance, stance.since) == ("cooperative", "2025-04")
    # The actor's merged timeline, newest first.
    dates = [e.event.date for e in graph.timeline_of["taliban"]]
    assert dates == ["2025-05", "2025-04", "2003"]
    assert [q.source for q in graph.quotes_about["russia--taliban"]] == ["arrahmah-2025-05-02"]


def test_pages_show_derived_lists(built: Path) -> None:
    taliban = (built / "en/actors/taliban/index.html").read_text(encoding="utf-8")
    assert 'href="../../relationships/russia--taliban/"' in taliban
    assert "stance-cooperative" in taliban
    russia = (built / "en/actors/russia/index.html").read_text(encoding="utf-8")
    assert 'href="../vladimir-putin/">Vladimir Putin</a>' in russia  # people
    putin = (built / "id/aktor/vladimir-putin/index.html").read_text(encoding="utf-8")
    assert "Presiden Rusia" in putin and 'href="../russia/">Rusia</a>' in putin
    relationship = (built / "en/relationships/russia--taliban/index.html").read_text("utf-8")
    assert "sekutu" in relationship and "allies" in relationship  # quote + translation
    assert 'id="cite-1"' in relationship and 'href="#cite-1"' in relationship
    assert "Designated as terrorist" in relationship and "April 2025" in relationship
    source = (built / "en/sources/arrahmah-2025-05-02/index.html").read_text("utf-8")
    assert "Russia and the Taliban" in source  # cited by
    # Wiki links show the target's title in the page's language, or the given label.
    assert ">the Taliban movement</a>" in russia
    assert 'href="../isis/">ISIS</a>' in taliban


@pytest.mark.slow
def test_source_text_is_not_published_unless_opted_in(project: Path) -> None:
    assert run_cli(project, "build").returncode == 0
    page = project / "public/id/sumber/arrahmah-2025-05-02/index.html"
    assert "Teks artikel yang tidak diterbitkan" not in page.read_text("utf-8")
    config = project / "site.yaml"
    config.write_text(
        config.read_text("utf-8").replace("publish_source_text: false", "publish_source_text: true")
    )
    assert run_cli(project, "build").returncode == 0
    assert "Teks artikel yang tidak diterbitkan" in page.read_text("utf-8")


def test_missing_translation_gets_notice_and_fails_strict(project: Path) -> None:
    (project / "content/actors/isis.en.md").unlink()
    result = run_cli(project, "build")
    assert result.returncode == 0
    assert "content/actors/isis.en.md: warning: 'isis' is not yet translated into 'en'" in (
        result.stderr
    )
    page = (project / "public/en/actors/isis/index.html").read_text("utf-8")
    assert 'class="notice untranslated"' in page
    assert '<article lang="id">' in page  # the shown text is marked with its own language
    strict = run_cli(project, "build", "--strict")
    assert strict.returncode == 1
    assert "content/actors/isis.en.md: error: 'isis' is not yet translated" in strict.stderr


@pytest.mark.slow
def test_draft_is_left_out_unless_drafts(project: Path) -> None:
    about = project / "content/pages/about.id.md"
    about.write_text(
        about.read_text("utf-8").replace("title: Tentang", "title: Tentang\ndraft: true")
    )
    (project / "content/pages/about.en.md").write_text("---\ntitle: About\ndraft: true\n---\n")
    assert run_cli(project, "build", "--strict").returncode == 0
    assert not (project / "public/id/halaman/about").exists()
    assert run_cli(project, "build", "--drafts").returncode == 0
    assert (project / "public/id/halaman/about/index.html").is_file()


@pytest.mark.slow
def test_two_builds_are_byte_identical(project: Path, tmp_path: Path) -> None:
    assert run_cli(project, "build").returncode == 0
    first = snapshot(project / "public")
    other = make_project(tmp_path / "again")
    assert run_cli(other, "build").returncode == 0
    assert snapshot(other / "public") == first
    assert run_cli(project, "build").returncode == 0
    assert snapshot(project / "public") == first


def test_raw_html_never_passes_and_javascript_links_are_refused(project: Path) -> None:
    page = project / "content/pages/about.en.md"
    page.write_text(
        "---\ntitle: About\n---\n<script>alert(1)</script>\n\n"
        "[click](javascript:alert(1)) <img src=x onerror=alert(1)>\n"
    )
    result = run_cli(project, "build")
    assert result.returncode == 1
    assert "about.en.md:6: error: link 'javascript:alert(1)' uses the scheme" in result.stderr
    page.write_text(page.read_text().replace("[click](javascript:alert(1)) ", ""))
    assert run_cli(project, "build").returncode == 0
    html = (project / "public/en/pages/about/index.html").read_text("utf-8")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<img" not in html


def test_third_language_is_configuration_only(project: Path) -> None:
    config = project / "site.yaml"
    text = config.read_text("utf-8")
    text = text.replace(
        "    name: English\n", "    name: English\n  - code: fr\n    name: Français\n"
    )
    for key in ("title", "description"):
        text = re.sub(
            rf"^({key}:\n(?:  .*\n)+)", lambda m: m[1] + "  fr: Texte\n", text, flags=re.M
        )
    text = re.sub(r"(\{id: ([^{}]+?), en: ([^{}]+?))\}", r"\1, fr: \3}", text)
    config.write_text(text)
    en = (THEME_DIR / "i18n/en.yaml").read_text("utf-8")
    (project / "templates/i18n").mkdir(parents=True)
    (project / "templates/i18n/fr.yaml").write_text(en)
    result = run_cli(project, "build")
    assert result.returncode == 0, result.stderr
    assert "not yet translated into 'fr'" in result.stderr
    page = (project / "public/fr/actors/russia/index.html").read_text("utf-8")
    assert '<html lang="fr">' in page and 'hreflang="fr"' in page


def test_extra_front_matter_reaches_templates_as_written(project: Path) -> None:
    """A theme-only key needs no code: `extra:` reaches the template as `page.extra`."""
    actor = project / "content/actors/russia.id.md"
    actor.write_text(
        actor.read_text("utf-8").replace("title:", "extra: {banner: Spanduk <b>x</b>}\ntitle:", 1),
        "utf-8",
    )
    theme = (THEME_DIR / "dossier.html").read_text("utf-8")  # overridden by the site
    (project / "templates").mkdir(exist_ok=True)
    (project / "templates/dossier.html").write_text(
        theme.replace(
            "{% if page.body_html %}",
            "<p class=\"banner\">{{ page.extra.banner | default('') }}</p>{% if page.body_html %}",
            1,
        ),
        "utf-8",
    )
    assert run_cli(project, "build").returncode == 0
    id_page = (project / "public/id/aktor/russia/index.html").read_text("utf-8")
    en_page = (project / "public/en/actors/russia/index.html").read_text("utf-8")
    assert '<p class="banner">Spanduk &lt;b&gt;x&lt;/b&gt;</p>' in id_page  # escaped, as any value
    assert '<p class="banner"></p>' in en_page  # per language: the English file has none

    actor.write_text(
        actor.read_text("utf-8").replace("extra: {banner: Spanduk <b>x</b>}", "extra: [x]"), "utf-8"
    )
    result = run_cli(project, "build")
    assert result.returncode == 1
    assert "content/actors/russia.id.md:2: error: extra must be a mapping" in result.stderr


def test_published_css_is_minified_and_means_the_same() -> None:
    from generator.site.assets import minify_css

    css = (
        '/* theme note */\na::after { content: " ( " attr(href) " ) "; }\n\n.x ,  .y {\n'
        "  margin: calc(1rem - 2px) 0;\n}\nmain > p :hover { color: red; }\n"
    )
    assert minify_css(css) == (
        'a::after{content:" ( " attr(href) " ) "}.x,.y{margin:calc(1rem - 2px) 0}'
        "main>p :hover{color:red}\n"  # the space before a colon is a combinator: kept
    )
