"""Ingest: article text never becomes markup (finding 11).

A kill at any point of an ingest is `test_hardening_journal.py`'s (its writes go
through the project's journal, all or nothing) and `test_hardening_crash.py`'s.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support import FIXTURES, make_project, run_cli

# articles written for the tests, never the repository's seeds/
SEEDS = sorted((FIXTURES / "ingest_articles").glob("*.txt"))[:2]


PARAGRAPH = (
    "Para analis di Jakarta mengatakan bahwa kerja sama tersebut akan terus berlanjut selama"
    " beberapa tahun ke depan, Lihat [[taliban]] dan [@arrahmah-2025-05-02] serta [[isis|ISIS]]"
    " untuk konteks yang lebih lengkap."
)


def _project(folder: Path) -> Path:
    project = make_project(folder)
    (project / "seeds").mkdir()
    for seed in SEEDS:
        shutil.copy(seed, project / "seeds" / seed.name)
    return project


@pytest.mark.slow
def test_ingested_references_stay_text(tmp_path: Path) -> None:
    project = _project(tmp_path / "site")
    for seed in (project / "seeds").glob("*.txt"):
        lines = seed.read_text().split("\n")
        # a paragraph in the middle of each article naming real dossiers as markup would
        lines.insert(len(lines) // 2, "\n" + PARAGRAPH + "\n")
        seed.write_text("\n".join(lines))
    assert run_cli(project, "ingest", str(project / "seeds")).returncode == 0
    sources = [p for p in (project / "content/sources").glob("*.md") if "Lihat" in p.read_text()]
    assert sources
    body = sources[0].read_text()
    assert "\\[\\[taliban]]" in body and "\\[@arrahmah-2025-05-02]" in body
    site = project / "site.yaml"
    site.write_text(
        site.read_text().replace("publish_source_text: false", "publish_source_text: true")
    )
    result = run_cli(project, "build", "--drafts")
    assert result.returncode == 0, result.output
    page = next(
        p.read_text() for p in (project / "public").rglob("index.html") if "Lihat" in p.read_text()
    )
    assert "[[taliban]]" in page and 'class="cite"' not in page.split("Lihat")[1].split("</p>")[0]
