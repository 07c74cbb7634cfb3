"""Ingest: a kill at any write converges on re-run; article text never becomes markup (findings 6, 11)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support import FIXTURES, make_project, run_cli, snapshot

import generator.ingest.write as ingest_write
from generator.fsguard import TEMP_SUFFIX

# articles written for the tests, never the repository's seeds/
SEEDS = sorted((FIXTURES / "ingest_articles").glob("*.txt"))[:2]


PARAGRAPH = (
    "Para analis di Jakarta mengatakan bahwa kerja sama tersebut akan terus berlanjut selama"
    " beberapa tahun ke depan, Lihat [[taliban]] dan [@arrahmah-2025-05-02] serta [[isis|ISIS]]"
    " untuk konteks yang lebih lengkap."
)


class Killed(BaseException):
    """Stands for SIGKILL: nothing after the raise runs."""


def _project(folder: Path) -> Path:
    project = make_project(folder)
    (project / "seeds").mkdir()
    for seed in SEEDS:
        shutil.copy(seed, project / "seeds" / seed.name)
    return project


@pytest.mark.slow
def test_kill_at_every_write_converges(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    reference = _project(tmp_path / "reference")
    writes: list[str] = []
    real_write = ingest_write._write

    def counting(root: Path, rel: str, text: str) -> None:
        writes.append(rel)
        real_write(root, rel, text)

    monkeypatch.setattr(ingest_write, "_write", counting)
    assert run_cli(reference, "ingest", str(reference / "seeds")).returncode == 0
    expected = snapshot(reference / "content")
    assert len(writes) > 3
    for kill_at in range(len(writes)):
        project = _project(tmp_path / f"kill-{kill_at}")
        done = {"n": 0}

        def dying(
            root: Path, rel: str, text: str, kill_at: int = kill_at, done: dict = done
        ) -> None:
            if done["n"] == kill_at:
                # a half-written temporary file is what a real kill leaves
                (root / rel).parent.mkdir(parents=True, exist_ok=True)
                (root / rel).with_name(f".{Path(rel).name}.x{TEMP_SUFFIX}").write_text("half")
                raise Killed
            done["n"] += 1
            real_write(root, rel, text)

        monkeypatch.setattr(ingest_write, "_write", dying)
        with pytest.raises(Killed):
            run_cli(project, "ingest", str(project / "seeds"))
        monkeypatch.setattr(ingest_write, "_write", real_write)
        result = run_cli(project, "ingest", str(project / "seeds"))
        assert result.returncode == 0, result.output
        assert snapshot(project / "content") == expected, f"killed before write {kill_at}"
        assert "needs update" not in result.output


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
