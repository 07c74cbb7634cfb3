"""Accepting candidates in one pass: actors first (kind, aliases, the articles' casing),
then the sources tagged with them, in the same run; a reviewed candidates file.

Runs the CLI on a site made with `explainer init` and the synthetic articles
of `fixtures/discovery/`.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from support import FIXTURES, front, init_site, run_cli, snapshot

from generator.ingest.plan import as_written


def make_site(tmp_path: Path) -> Path:
    return init_site(tmp_path / "site", articles=sorted(FIXTURES.glob("discovery/0[12]_*.txt")))


def sources(site: Path) -> dict[str, dict]:
    return {p.name: front(p) for p in sorted((site / "content" / "sources").glob("*.id.md"))}


def test_accept_creates_the_actors_then_tags_the_sources_in_one_run(tmp_path):
    site = make_site(tmp_path)
    result = run_cli(site, "ingest", "seeds", "--accept", "PKB", "Cak Imin", "Partai Golkar")
    assert result.returncode == 0, result.stderr
    pkb = front(site / "content" / "actors" / "pkb.id.md")
    # the articles' casing, the kind from the site's vocabulary, the expansion as alias
    assert pkb["title"] == "PKB" and pkb["kind"] == "party"
    assert pkb["aliases"] == ["PKB", "Partai Kebangkitan Bangsa"]
    # accepted by an alias: the candidate's own name, slug and aliases
    muhaimin = front(site / "content" / "actors" / "muhaimin-iskandar.id.md")
    assert muhaimin["kind"] == "person" and "Cak Imin" in muhaimin["aliases"]
    english = front(site / "content" / "actors" / "pkb.en.md")
    assert english == {"title": "PKB", "untranslated": True, "draft": True}
    # the same run tagged the sources and named the speaker by the new actor
    tagged = sources(site)
    assert {"pkb", "muhaimin-iskandar"} <= set(
        tagged["warta-contoh-pkb-resmi-bergabung.id.md"]["actors"]
    )
    assert "partai-golkar" in tagged["artikel-2023-09-23.id.md"]["actors"]
    speakers = [q["speaker"] for q in tagged["warta-contoh-pkb-resmi-bergabung.id.md"]["quotes"]]
    assert "muhaimin-iskandar" in speakers
    # and a second run converges: nothing to write
    before = snapshot(site / "content")
    again = run_cli(site, "ingest", "seeds", "--accept", "PKB", "Cak Imin", "Partai Golkar")
    assert again.returncode == 0 and snapshot(site / "content") == before


def test_an_accepting_run_that_cannot_write_one_file_writes_none(tmp_path):
    """All or nothing (the project's journal): a relationships folder that is a symlink
    out of the project refuses the run's stubs, so no actor or source is written either."""
    site = make_site(tmp_path)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (site / "content" / "relationships").rmdir()
    (site / "content" / "relationships").symlink_to(outside)
    before = snapshot(site)
    result = run_cli(site, "ingest", "seeds", "--accept", "PKB", "Partai Golkar")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "content/relationships is a symlink or not a folder; refused" in result.stderr
    assert snapshot(site) == before and not list(outside.iterdir())


def test_accept_without_names_takes_every_proposed_candidate(tmp_path):
    site = make_site(tmp_path)
    assert run_cli(site, "ingest", "seeds", "--accept").returncode == 0
    actors = {p.name.split(".")[0] for p in (site / "content" / "actors").glob("*.id.md")}
    assert {"pkb", "muhaimin-iskandar", "prabowo-subianto", "partai-golkar"} <= actors
    assert "hotel-mulia-senayan" not in actors


def test_a_speaker_keeps_their_name_until_accepted(tmp_path):
    site = make_site(tmp_path)
    assert run_cli(site, "ingest", "seeds").returncode == 0
    quotes = sources(site)["warta-contoh-pkb-resmi-bergabung.id.md"]["quotes"]
    teddy = next(q for q in quotes if q["text"].startswith("Kami merasa ditinggalkan"))
    # `Sekretaris Jenderal Partai Demokrat Teddy Riyanto … ujar Teddy`: the person, not the party
    assert teddy["speaker"] is None and teddy["speaker_label"] == "Teddy Riyanto"
    assert run_cli(site, "ingest", "seeds", "--accept", "Teddy Riyanto").returncode == 0
    quotes = sources(site)["warta-contoh-pkb-resmi-bergabung.id.md"]["quotes"]
    teddy = next(q for q in quotes if q["text"].startswith("Kami merasa ditinggalkan"))
    assert teddy["speaker"] == "teddy-riyanto" and "speaker_label" not in teddy


def test_a_reviewed_candidates_file_is_what_gets_accepted(tmp_path):
    site = make_site(tmp_path)
    result = run_cli(site, "ingest", "seeds", "--dry-run", "--candidates", "candidates.yaml")
    assert result.returncode == 0 and not list((site / "content" / "actors").glob("*.md"))
    review = site / "candidates.yaml"
    entries = yaml.safe_load(review.read_text(encoding="utf-8"))["candidates"]
    by_name = {e["name"]: e for e in entries}
    assert by_name["PKB"]["aliases"] == ["Partai Kebangkitan Bangsa"]
    assert by_name["PKB"]["evidence"] and by_name["PKB"]["articles"]
    # the writer accepts two, renames one's slug and changes a kind
    for entry in entries:
        entry["accept"] = entry["name"] in ("PKB", "Prabowo Subianto")
    by_name["PKB"]["slug"] = "partai-kebangkitan-bangsa"
    by_name["PKB"]["kind"] = "organisation"
    review.write_text(yaml.safe_dump({"candidates": entries}, allow_unicode=True), encoding="utf-8")
    edited = review.read_text(encoding="utf-8")
    # asked again, the file keeps the writer's entries as they are
    run_cli(site, "ingest", "seeds", "--dry-run", "--candidates", "candidates.yaml")
    assert review.read_text(encoding="utf-8") == edited
    result = run_cli(site, "ingest", "seeds", "--accept-file", "candidates.yaml")
    assert result.returncode == 0, result.stderr
    actors = sorted(p.name for p in (site / "content" / "actors").glob("*.id.md"))
    assert actors == ["partai-kebangkitan-bangsa.id.md", "prabowo-subianto.id.md"]
    assert (
        "partai-kebangkitan-bangsa"
        in sources(site)["warta-contoh-pkb-resmi-bergabung.id.md"]["actors"]
    )


def test_a_mistake_in_the_candidates_file_is_located_and_nothing_is_written(tmp_path):
    site = make_site(tmp_path)
    (site / "candidates.yaml").write_text(
        "candidates:\n  - name: PKB\n    accept: true\n    kind: partai\n"
        "  - name: Golkar\n    accept: yes please\n    slug: Golkar!\n",
        encoding="utf-8",
    )
    before = snapshot(site)
    result = run_cli(site, "ingest", "seeds", "--accept-file", "candidates.yaml")
    assert result.returncode == 1
    assert (
        "candidates.yaml:4: error: kind 'partai' is not in the site's vocabulary" in result.stderr
    )
    assert "candidates.yaml:6: error: `accept` must be true or false" in result.stderr
    assert "candidates.yaml:7: error: `slug` 'Golkar!'" in result.stderr
    assert "Traceback" not in result.stderr and snapshot(site) == before


def test_a_candidates_file_outside_the_project_is_refused(tmp_path):
    site = make_site(tmp_path)
    result = run_cli(site, "ingest", "seeds", "--candidates", str(tmp_path / "elsewhere.yaml"))
    assert result.returncode == 1 and "inside the project folder" in result.stderr
    assert not (tmp_path / "elsewhere.yaml").exists()


def test_a_stub_title_keeps_the_articles_casing():
    texts = ["Ketua Umum PKB menyatakan …", "PKB dan Partai NasDem sepakat.", "pkb"]
    assert as_written("pkb", texts) == "PKB"
    assert as_written("partai-nasdem", texts) == "Partai NasDem"
    assert as_written("partai-gerindra", texts) is None


def test_a_quote_naming_both_actors_of_a_relationship_shows_on_its_page(tmp_path):
    site = make_site(tmp_path)
    for seed in (site / "seeds").glob("*.txt"):
        seed.unlink()
    (site / "seeds" / "sanksi.txt").write_text(
        "Amerika Serikat Jatuhkan Sanksi kepada Rusia\n\n"
        "Washington - Amerika Serikat menjatuhkan sanksi baru kepada Rusia pada Senin (6/3/2023).\n"
        "Rusia menolak sanksi itu. "
        '"Amerika Serikat tidak akan pernah memaksa Rusia untuk tunduk," kata Presiden '
        "Vladimir Putin.\n",
        encoding="utf-8",
    )
    result = run_cli(site, "ingest", "seeds", "--accept")
    assert result.returncode == 0, result.stderr
    source = next(iter(sources(site).values()))
    relationship = "amerika-serikat--rusia"
    assert (site / "content" / "relationships" / f"{relationship}.id.md").is_file()
    quote = next(q for q in source["quotes"] if q["text"].startswith("Amerika Serikat tidak"))
    assert quote["about"] == [relationship]
    built = run_cli(site, "build", "--drafts", "--no-search")
    assert built.returncode == 0, built.stderr
    pages = [p for p in (site / "public").rglob("*.html") if relationship in p.as_posix()]
    assert any("tidak akan pernah memaksa Rusia" in p.read_text(encoding="utf-8") for p in pages)
