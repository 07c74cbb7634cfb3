"""`explainer init` and site-defined vocabularies, as a newsroom on another subject uses them.

The end-to-end test starts from an empty folder: `init`, declare parties and
candidates of the Indonesian 2024 election with their own kinds and link
types in site.yaml, ingest two articles written for the test (with the
site's own cue words), fill in one relationship, and build with --strict.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from support import ELECTION_ACTORS, declare_election_subject, publish, run_cli


def init(tmp_path: Path, *args: str) -> Path:
    result = run_cli(tmp_path, "init", "site", *args)
    assert result.returncode == 0, result.stderr
    return tmp_path / "site"


@pytest.mark.slow
def test_init_builds_strict_at_once_and_lists_the_vocabulary(tmp_path: Path) -> None:
    site = init(tmp_path, "--title", "Koalisi", "--languages", "id,en,fr")
    for name in ("site.yaml", ".gitignore", "README.md", "seeds", "templates"):
        assert (site / name).exists(), name
    for lang in ("id", "en", "fr"):
        assert (site / f"content/pages/home.{lang}.md").is_file()
        assert (site / f"content/pages/about.{lang}.md").is_file()
    result = run_cli(site, "build", "--strict")
    assert result.returncode == 0, result.stderr
    assert "explainer serve" in result.stderr  # says how to view it
    about = (site / "public/en/pages/about/index.html").read_text("utf-8")
    assert 'id="vocabulary"' in about and "Armed group" in about  # the defaults, from data
    assert run_cli(site, "check").returncode == 0

    # What builds leave in the project (output, the output before last, the cache) is
    # ignored by the .gitignore init wrote: git sees only the writer's files.
    home = site / "content/pages/home.en.md"
    home.write_text(home.read_text("utf-8") + "\nMore.\n", "utf-8")
    assert run_cli(site, "build").returncode == 0
    assert (site / ".public.spare").is_dir()
    (site / ".explainer-journal").mkdir()  # what a command killed mid-change leaves
    (site / ".explainer-journal/0").write_text("staged")
    subprocess.run(["git", "init", "-q", str(site)], check=True)
    listed = subprocess.run(
        ["git", "-C", str(site), "status", "--porcelain", "--untracked-files=all"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    built = [line for line in listed if any(n in line for n in ("public", ".cache", "journal"))]
    assert listed and not built, built


def test_init_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "site").mkdir()
    (tmp_path / "site/notes.txt").write_text("mine")
    result = run_cli(tmp_path, "init", "site")
    assert result.returncode == 2 and "not empty" in result.stderr
    assert (tmp_path / "site/notes.txt").read_text() == "mine"


def test_a_site_template_overrides_the_theme(tmp_path: Path) -> None:
    site = init(tmp_path)
    (site / "templates/page.html").write_text(
        '{% extends "dossier.html" %}{% block sections %}<p id="mine">mine</p>{% endblock %}'
    )
    assert run_cli(site, "build", "--strict").returncode == 0
    assert 'id="mine"' in (site / "public/en/pages/about/index.html").read_text("utf-8")


@pytest.mark.slow
def test_a_site_on_another_subject_from_init_to_strict_build(tmp_path: Path) -> None:
    site = init(tmp_path, "--title", "Koalisi Pilpres 2024")
    declare_election_subject(site)
    result = run_cli(site, "ingest", "seeds")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "(nominates, " in result.stdout and "(coalition, " in result.stdout, result.stdout
    sources = {p.name.split(".")[0] for p in (site / "content/sources").glob("*.id.md")}
    assert len(sources) == 2
    nomination = next(s for s in sources if "2023" in s)
    # The writer checks both sources, translates them, and cites them from every actor.
    for slug in sources:
        publish(site / f"content/sources/{slug}.id.md", publisher="Kompas", summary="Berita.")
        (site / f"content/sources/{slug}.en.md").write_text(
            "---\ntitle: A news report\nsummary: A report.\n---\n"
        )
    for slug in ELECTION_ACTORS:
        cited = nomination if slug in ("pdi-perjuangan", "ganjar-pranowo") else sorted(sources)[0]
        publish(site / f"content/actors/{slug}.id.md", sources=f"[{cited}]")
    # … and fills in the one relationship the nomination article is about.
    rel = site / "content/relationships/ganjar-pranowo--pdi-perjuangan"
    text = rel.with_suffix(".id.md").read_text("utf-8")
    assert "type: nominates" in text  # the ingester used the site's link type
    # the ingester said the event in English too, from the evidence; the writer rewrites it
    english = re.compile(r"(\n  text:\n    id: .*(?:\n      .*)*\n    en: )(.*(?:\n      .*)*)")
    assert "Nominates" in english.search(text).group(2)
    text = english.sub(r"\1PDI-P nominates Ganjar.", text)
    rel.with_suffix(".id.md").write_text(text.replace("draft: true\n", ""), "utf-8")
    Path(f"{rel}.en.md").write_text(
        f"---\ntitle: Ganjar and PDI-P\nsummary: A nomination.\n---\nPDI-P nominated him. [@{nomination}]\n"
    )
    result = run_cli(site, "build", "--strict")
    assert result.returncode == 0, result.stdout + result.stderr
    page = (site / "public/en/relationships/ganjar-pranowo--pdi-perjuangan/index.html").read_text()
    assert "Nominates" in page  # the label declared in site.yaml
    actors = (site / "public/en/actors/index.html").read_text("utf-8")
    assert "Political parties" in actors and "Presidential candidate" in actors
    about = (site / "public/id/pages/about/index.html").read_text("utf-8")
    assert "Mengusung" in about and "Armed group" not in about


def test_an_unknown_kind_names_file_line_allowed_values_and_a_guess(tmp_path: Path) -> None:
    site = init(tmp_path)
    declare_election_subject(site)
    actor = site / "content/actors/ganjar-pranowo.id.md"
    actor.write_text(actor.read_text("utf-8").replace("kind: candidate", "kind: candidat"))
    result = run_cli(site, "check")
    assert result.returncode == 1
    assert (
        "content/actors/ganjar-pranowo.id.md:3: error: 'kind' is 'candidat'; "
        "expected one of: party, candidate; did you mean 'candidate'?"
    ) in result.stdout


def test_a_vocabulary_entry_without_a_label_is_an_error_in_site_yaml(tmp_path: Path) -> None:
    site = init(tmp_path)
    config = site / "site.yaml"
    config.write_text(
        config.read_text("utf-8")
        + "vocabulary:\n  link_types:\n    vote: {id: Pemungutan suara, stance: cooprative}\n"
    )
    result = run_cli(site, "check")
    assert result.returncode == 1
    out = result.stdout + result.stderr
    assert "site.yaml:" in out and "link_types 'vote' has no label in 'en'" in out
    assert "did you mean 'cooperative'" in out


def test_new_uses_the_site_vocabulary(tmp_path: Path) -> None:
    site = init(tmp_path)
    declare_election_subject(site)
    result = run_cli(site, "new", "actor", "partai-golkar")
    assert result.returncode == 0, result.stderr
    text = (site / "content/actors/partai-golkar.id.md").read_text("utf-8")
    assert "kind: party      # party | candidate" in text


def test_a_vocabulary_membership_needs_a_group_kind_and_a_tie_has_no_stance(tmp_path: Path) -> None:
    site = init(tmp_path)
    config = site / "site.yaml"
    config.write_text(
        config.read_text("utf-8")
        + "vocabulary:\n  actor_kinds:\n    party: {id: Partai, en: Party}\n"
        "  link_types:\n    leaves: {id: Keluar, en: Leaves, membership: leaves}\n"
        "    wing: {id: Sayap, en: Wing, tie: affiliation, stance: cooperative}\n"
        "    split: {id: Pecah, en: Splits, tie: splintr}\n"
    )
    result = run_cli(site, "check")
    assert result.returncode == 1
    out = result.stdout + result.stderr
    assert "link type 'leaves' is a membership, but no actor kind is a group" in out
    assert "add `group: true` to the kind of the coalitions" in out
    assert (
        "'wing' is a tie (affiliation), drawn as itself, never as a stance: remove `stance`" in out
    )
    assert "tie kind 'splintr' is not one" in out and "did you mean 'splinter'?" in out


def test_a_site_from_init_has_parties_and_ingest_proposes_them(tmp_path: Path) -> None:
    # The actors a newsroom explains are states, parties, armed groups and officials:
    # a party is a default kind, so a new site needs no vocabulary to ingest one.
    site = init(tmp_path)
    (site / "seeds/koalisi.txt").write_text(
        "Koalisi baru terbentuk\n\nJakarta, 3 Maret 2023 - Partai Cahaya Timur (PCT) dan "
        "Partai Rakyat Bahari (PRB) sepakat membentuk koalisi. Ketua PCT menyebut kerja sama "
        "itu akan berlanjut hingga pemilu. Partai Cahaya Timur dan Partai Rakyat Bahari "
        "menandatangani kesepakatan itu di Jakarta.\n",
        "utf-8",
    )
    result = run_cli(site, "ingest", "seeds")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Partai Cahaya Timur — party" in result.stdout, result.stdout
    result = run_cli(site, "ingest", "seeds", "--accept", "Partai Cahaya Timur")
    assert result.returncode == 0, result.stdout + result.stderr
    stub = (site / "content/actors/partai-cahaya-timur.id.md").read_text("utf-8")
    assert "kind: party" in stub, stub
    assert run_cli(site, "build").returncode == 0
    about = (site / "public/en/pages/about/index.html").read_text("utf-8")
    assert "<li><code>party</code>: Party</li>" in about
