"""A small bilingual site whose every view must say no more than its events.

Written for the evidence tests (tests/test_site_evidence.py) and the browser
tests: as of 2 May 2025 (its newest source), with periods and a fade time of
two years, it holds
- an affiliation (ISIS–ISIS-K, reported once in 2021): a tie in every view;
- a stance last reported in July 2016 (Russia–United States), with a one-off
  cooperative proposal between two mixed runs: faded, no trend arrow;
- an actor that ended in August 2021 (the old regime) and its tie to Russia;
- a stance with two weighted runs (Russia–Taliban: hostile 2003 and 2005,
  cooperative 2024 and 2025): a true "warmer";
- a coalition with a member that joined and left (Russia) and one still in
  (the United States), and a recent hostile stance (ISIS-K–Russia).
"""

from __future__ import annotations

from pathlib import Path

SITE_YAML = """base_url: https://evidence.example.org/
languages:
  - {code: id, name: Bahasa Indonesia, default: true}
  - {code: en, name: English}
title: {id: Uji bukti, en: Evidence test}
description: {id: Situs uji., en: A test site.}
stance_fades_after: 2y
periods:
  - {from: 2001, to: 2013}
  - {from: 2014, to: 2019}
  - {from: 2020, to: 2021}
  - {from: 2022, to: 2025}
"""

ACTORS = {
    "isis": ("armed-group", "ISIS", "ISIS", ""),
    "isis-k": ("armed-group", "ISIS-K", "ISIS-K", ""),
    "russia": ("state", "Rusia", "Russia", ""),
    "united-states": ("state", "Amerika Serikat", "United States", ""),
    "taliban": ("armed-group", "Taliban", "Taliban", ""),
    "old-regime": (
        "government",
        "Rezim lama",
        "Old regime",
        "active: {from: 2004, until: 2021-08, sources: [report-2021]}\n",
    ),
    "coalition-x": ("coalition", "Koalisi X", "Coalition X", ""),
}

SOURCES = {
    "report-2015": ("2015-10-11", "Laporan 2015", "A 2015 report"),
    "report-2021": ("2021-09-02", "Laporan 2021", "A 2021 report"),
    "report-2025": ("2025-05-02", "Laporan 2025", "A 2025 report"),
}


def _event(date: str, type_: str, stance: str | None, source: str, text: str) -> str:
    stance_line = f"    stance: {stance}\n" if stance else ""
    return (
        f"  - date: {date}\n    type: {type_}\n{stance_line}"
        f"    sources: [{source}]\n    text: {{id: {text}, en: {text}}}\n"
    )


RELATIONSHIPS = {
    "isis--isis-k": [_event("2021-09-02", "affiliate", None, "report-2021", "Affiliate.")],
    "russia--united-states": [
        _event("2015-10", "talks", "mixed", "report-2015", "Talks."),
        _event("2015-12", "warning", "mixed", "report-2021", "Warning."),
        _event("2016-07", "proposal", "cooperative", "report-2021", "Proposal."),
        _event("2016-07", "talks", "mixed", "report-2021", "More talks."),
        _event("2016-07", "statement", "mixed", "report-2021", "Statement."),
    ],
    "old-regime--russia": [_event("2015-12", "support", "cooperative", "report-2021", "Arms.")],
    "russia--taliban": [
        _event("2003", "designation", "hostile", "report-2015", "Listed."),
        _event("2005", "warning", "hostile", "report-2015", "Warned."),
        _event("2024", "allies", "cooperative", "report-2025", "Allies."),
        _event("2025-04", "delisting", "cooperative", "report-2025", "Delisted."),
    ],
    "isis-k--russia": [
        _event("2024-03", "strike", "hostile", "report-2025", "Attack."),
        _event("2025-05-02", "rival", "hostile", "report-2025", "Enemy."),
    ],
    "coalition-x--russia": [
        _event("2015-10", "joins", None, "report-2015", "Joins."),
        _event("2016-07", "leaves", None, "report-2021", "Leaves."),
    ],
    "coalition-x--united-states": [
        _event("2015-10", "member", None, "report-2015", "Leads."),
    ],
}


def write_evidence_site(project: Path) -> Path:
    """The project's files under `project`; returns it."""
    content = project / "content"
    for folder in ("actors", "relationships", "sources", "pages"):
        (content / folder).mkdir(parents=True, exist_ok=True)
    (project / "site.yaml").write_text(SITE_YAML, encoding="utf-8")
    for slug, (kind, title_id, title_en, extra) in ACTORS.items():
        (content / f"actors/{slug}.id.md").write_text(
            f"---\ntitle: {title_id}\nkind: {kind}\n{extra}sources: [report-2025]\n---\n{title_id}.\n",
            encoding="utf-8",
        )
        (content / f"actors/{slug}.en.md").write_text(
            f"---\ntitle: {title_en}\n---\n{title_en}.\n", encoding="utf-8"
        )
    for slug, (date, title_id, title_en) in SOURCES.items():
        (content / f"sources/{slug}.id.md").write_text(
            f"---\ntitle: {title_id}\npublisher: Contoh\ndate: {date}\nlanguage: id\n---\nTeks.\n",
            encoding="utf-8",
        )
        (content / f"sources/{slug}.en.md").write_text(
            f"---\ntitle: {title_en}\n---\n", encoding="utf-8"
        )
    for slug, events in RELATIONSHIPS.items():
        a, b = slug.split("--")
        (content / f"relationships/{slug}.id.md").write_text(
            f"---\ntitle: {a} dan {b}\nactors: [{a}, {b}]\ntimeline:\n{''.join(events)}---\nIsi.\n",
            encoding="utf-8",
        )
        (content / f"relationships/{slug}.en.md").write_text(
            f"---\ntitle: {a} and {b}\n---\nBody.\n", encoding="utf-8"
        )
    links = " ".join(f"[[{slug}]]" for slug in ("russia--united-states", "isis--isis-k"))
    (content / "pages/home.id.md").write_text(
        f"---\ntitle: Beranda\n---\nSitus uji: {links}.\n", encoding="utf-8"
    )
    (content / "pages/home.en.md").write_text(
        f"---\ntitle: Home\n---\nA test site: {links}.\n", encoding="utf-8"
    )
    return project
