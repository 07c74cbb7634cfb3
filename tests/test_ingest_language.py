"""The language is data: ingest reads the articles' language file, chosen from the site's config."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest
import yaml
from support import front, run_cli, run_ingest

import generator.ingest.language as language_files
from generator.ingest.actors import Gazetteer
from generator.ingest.discovery import article_candidates, load_discovery
from generator.ingest.language import LANGUAGES, load_language, packaged_codes
from generator.ingest.rules import load_rules
from generator.theme_files import THEME_DIR

ARTICLE = """Rusia Kecam Taliban Usai Serangan di Perbatasan

Jakarta - Rusia mengecam Taliban pada 3 Mei 2025 setelah serangan di perbatasan, kata juru bicara.

Rusia juga menuding Taliban melanggar kesepakatan lama kedua pihak.
"""
ACTORS = {
    "russia": ("Rusia", "Russia", "state"),
    "taliban": ("Taliban", "Taliban", "armed-group"),
}


def project(tmp_path: Path, languages: str, extra: str = "") -> Path:
    root = tmp_path / "site"
    folder = root / "content" / "actors"
    folder.mkdir(parents=True)
    codes = [line.split("code: ")[1].split(",")[0] for line in languages.splitlines()]
    (root / "site.yaml").write_text(
        "base_url: https://example.org/\n"
        f"title: {{{', '.join(f'{c}: T' for c in codes)}}}\n"
        f"description: {{{', '.join(f'{c}: D' for c in codes)}}}\n"
        f"languages:\n{languages}\n{extra}",
        encoding="utf-8",
    )
    for slug, (title_id, title_en, kind) in ACTORS.items():
        for code in codes:
            title = title_en if code == "en" else title_id
            front = {"title": title, "kind": kind, "aliases": [title_id]}
            text = "---\n" + yaml.safe_dump(front, allow_unicode=True) + "---\n"
            (folder / f"{slug}.{code}.md").write_text(text, encoding="utf-8")
    (root / "seeds").mkdir()
    (root / "seeds" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    return root


ID_EN = "  - {code: id, name: Bahasa Indonesia, default: true}\n  - {code: en, name: English}"
EN_ID = "  - {code: en, name: English, default: true}\n  - {code: id, name: Bahasa Indonesia}"


def test_every_packaged_language_file_loads_and_indonesian_reads_articles() -> None:
    assert {"id", "en"} <= set(packaged_codes())
    for code in packaged_codes():
        words = load_language(code).words
        assert words.months and words.weekdays and "{a}" in words.pair_title, code
    assert load_language("id").reads_articles
    assert not load_language("en").reads_articles  # words for English stubs, no cue lexicon


def test_the_default_language_names_the_files_and_each_language_titles_its_stub(
    tmp_path: Path,
) -> None:
    root = project(tmp_path, ID_EN)
    report = run_ingest(root, [root / "seeds"])
    source = report.articles[0].files[0].path
    assert source.endswith(".id.md") and front(root / source)["language"] == "id"
    assert str(front(root / source)["date"]) == "2025-05-03"  # `Mei` is Indonesian for May
    rel = "content/relationships/russia--taliban"
    assert front(root / f"{rel}.id.md")["title"] == "Rusia dan Taliban"
    assert front(root / f"{rel}.en.md")["title"] == "Russia and Taliban"
    assert "id" in front(root / f"{rel}.id.md")["timeline"][0]["text"]


def test_articles_are_read_in_the_first_site_language_that_can_be(tmp_path: Path) -> None:
    """English is this site's default, but no file reads English articles: Indonesian does."""
    root = project(tmp_path, EN_ID)
    run_ingest(root, [root / "seeds"])
    sources = sorted(p.name for p in (root / "content" / "sources").glob("*.md"))
    assert sources == ["artikel-2025-05-03.en.md", "artikel-2025-05-03.id.md"]
    rel = "content/relationships/russia--taliban"
    assert front(root / f"{rel}.en.md")["title"] == "Russia and Taliban"
    assert "generated" in front(root / f"{rel}.en.md")  # written in English from the evidence
    assert "timeline" in front(root / f"{rel}.id.md") and "timeline" not in front(
        root / f"{rel}.en.md"
    )


def test_a_language_ingest_cannot_read_is_an_error_at_its_line(tmp_path: Path) -> None:
    root = project(tmp_path, EN_ID, "ingest:\n  language: en\n")
    result = run_cli(root, "ingest", str(root / "seeds"))
    assert result.returncode == 1 and "Traceback" not in result.output, result.output
    line = (root / "site.yaml").read_text().splitlines().index("  language: en") + 1
    assert f"site.yaml:{line}: error: ingest.language 'en' must be one of" in result.stderr
    assert "that ingest can read: id" in result.stderr
    assert not (root / "content" / "sources").exists()


def test_a_site_in_no_language_ingest_reads_is_told_how_to_add_one(tmp_path: Path) -> None:
    root = project(tmp_path, "  - {code: en, name: English}")
    result = run_cli(root, "ingest", str(root / "seeds"))
    assert result.returncode == 1 and "Traceback" not in result.output, result.output
    assert "generator/ingest/languages/<code>.yaml" in result.stderr
    assert not (root / "content" / "sources").exists()


def test_an_invalid_site_yaml_stops_ingest_as_it_stops_build(tmp_path: Path) -> None:
    root = project(tmp_path, ID_EN)
    text = (root / "site.yaml").read_text().replace("https://example.org/", "example")
    (root / "site.yaml").write_text(text, encoding="utf-8")
    result = run_cli(root, "ingest", str(root / "seeds"))
    assert result.returncode == 1 and "site.yaml:1: error: base_url" in result.stderr, result.output
    assert not (root / "content" / "sources").exists()


@pytest.fixture
def own_language(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A language file that is not Indonesian's: its own code, month word and stub title."""
    folder = tmp_path / "languages"
    shutil.copytree(LANGUAGES, folder)
    data = yaml.safe_load((LANGUAGES / "id.yaml").read_text(encoding="utf-8"))
    data["code"] = "xx"
    data["words"]["months"] = {"bulanlima": 5}
    data["words"]["pair_title"] = "{a} & {b}"
    (folder / "xx.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    monkeypatch.setattr(language_files, "LANGUAGES", folder)
    return folder


def test_a_second_language_is_a_new_file_not_new_code(tmp_path: Path, own_language: Path) -> None:
    root = project(tmp_path, "  - {code: xx, name: Xx}\n  - {code: en, name: English}")
    (root / "templates" / "i18n").mkdir(parents=True)
    shutil.copy(THEME_DIR / "i18n" / "id.yaml", root / "templates" / "i18n" / "xx.yaml")
    article = ARTICLE.replace("3 Mei 2025", "3 Bulanlima 2025")
    (root / "seeds" / "a.txt").write_text(article, encoding="utf-8")
    report = run_ingest(root, [root / "seeds"])
    source = report.articles[0].files[0].path
    assert source.endswith(".xx.md") and front(root / source)["language"] == "xx"
    assert str(front(root / source)["date"]) == "2025-05-03"
    rel = "content/relationships/russia--taliban"
    assert front(root / f"{rel}.xx.md")["title"] == "Rusia & Taliban"
    assert front(root / f"{rel}.en.md")["title"] == "Russia and Taliban"


def test_discovery_reads_its_name_words_from_the_language_file() -> None:
    """A head word added to the file's `names` makes a coalition of a name it did not know."""
    indonesian = load_language("id")
    heads = {**indonesian.names["heads_before"], "Barisan": ["coalition", "organisation"]}
    with_head = replace(indonesian, names={**indonesian.names, "heads_before": heads})
    text = [
        "Barisan Rakyat Merdeka menolak usulan itu.",
        "Barisan Rakyat Merdeka kemudian menggelar aksi di depan gedung parlemen.",
    ]
    kinds = []
    for language in (indonesian, with_head):
        rules = load_rules(language)[0]
        found = article_candidates(text, [], rules, Gazetteer({}, ()), load_discovery(rules))
        kinds.append({c.name: c.kinds[0] for c in found}.get("Barisan Rakyat Merdeka"))
    assert kinds[0] != "coalition" and kinds[1] == "coalition"
    # a language file without `names`: discovery reads no name in it, and says nothing
    assert not load_rules(load_language("en"))[0].names.heads_before
