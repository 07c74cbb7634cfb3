"""Nothing outside the project reaches the site; no FIFO hangs a command (issue 12, finding 2, 12).

Symlinks under content/, templates/ (static files, templates, includes,
archetypes) and seeds/ that resolve outside the project are refused with an
error naming the link; FIFOs are refused by name instead of blocking; the
templates and archetypes run sandboxed.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from support import TAL, assert_clean_failure, make_project, run_cli

from generator import fsguard
from generator.errors import ExplainerError

SECRET = "TOKEN=very-secret-value"


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A file outside the project, holding what must never be published."""
    path = tmp_path / "machine" / "secret.txt"
    path.parent.mkdir()
    path.write_text(f"---\ntitle: {SECRET}\n---\n{SECRET}\n")
    return path


def _published(project: Path) -> str:
    public = project / "public"
    if not public.exists():
        return ""
    return "".join(p.read_text(errors="replace") for p in public.rglob("*") if p.is_file())


@pytest.mark.slow
@pytest.mark.parametrize("command", ["build", "check"])
@pytest.mark.parametrize(
    "link",
    ["templates/static/env.txt", "templates/static/deep/passwd", "content/actors/secret.id.md"],
)
def test_symlink_out_of_the_project_is_refused(
    tmp_path: Path, outside: Path, link: str, command: str
) -> None:
    project = make_project(tmp_path / "site", theme=True)
    (project / link).parent.mkdir(parents=True, exist_ok=True)
    (project / link).symlink_to(outside)
    result = run_cli(project, command)
    assert_clean_failure(result, "symlink points outside the project")
    assert Path(link).name in result.output
    assert SECRET not in _published(project)


@pytest.mark.parametrize("target", ["/proc/self/environ", "/etc/passwd"])
def test_static_symlink_to_machine_files(tmp_path: Path, target: str) -> None:
    project = make_project(tmp_path / "site", theme=True)
    (project / "templates/static/leak.txt").symlink_to(target)
    assert_clean_failure(run_cli(project, "build"), "leak.txt")
    assert not (project / "public").exists()


def test_symlinked_folder_of_dossiers(tmp_path: Path, outside: Path) -> None:
    project = make_project(tmp_path / "site", theme=True)
    folder = outside.parent / "dossiers"
    folder.mkdir()
    (folder / "evil.id.md").write_text(outside.read_text())
    (project / "content/actors/more").symlink_to(folder)
    (project / "content/elsewhere").symlink_to(folder)
    result = run_cli(project, "build")
    assert SECRET not in _published(project)
    assert result.returncode == 1 and "Traceback" not in result.output


def test_symlink_inside_the_project_is_fine(tmp_path: Path) -> None:
    project = make_project(tmp_path / "site", theme=True)
    (project / "templates/static/copy.css").symlink_to(project / "templates/static/style.css")
    result = run_cli(project, "build")
    assert result.returncode == 0, result.output
    published = project / "public/static"  # published as the stylesheet it points to
    assert (published / "copy.css").read_bytes() == (published / "style.css").read_bytes()


def test_template_include_of_a_machine_file(tmp_path: Path, outside: Path) -> None:
    project = make_project(tmp_path / "site", theme=True)
    (project / "templates/leak.html").symlink_to(outside)
    base = project / "templates/base.html"
    base.write_text(base.read_text().replace("</body>", "{% include 'leak.html' %}</body>", 1))
    assert_clean_failure(run_cli(project, "build"), "leak.html")
    assert SECRET not in _published(project)


def test_template_include_path_escape(tmp_path: Path, outside: Path) -> None:
    project = make_project(tmp_path / "site", theme=True)
    base = project / "templates/base.html"
    rel = os.path.relpath(outside, project / "templates")
    base.write_text(base.read_text().replace("</body>", f"{{% include '{rel}' %}}</body>", 1))
    result = run_cli(project, "build")
    assert result.returncode == 1 and "Traceback" not in result.output
    assert SECRET not in _published(project)


def _run_with_deadline(project: Path, *args: str) -> object:
    box: list[object] = []
    worker = threading.Thread(target=lambda: box.append(run_cli(project, *args)), daemon=True)
    worker.start()
    worker.join(60)
    assert box, "the command hung on a FIFO"
    return box[0]


@pytest.mark.parametrize(
    "fifo", ["content/actors/pipe.id.md", "templates/static/pipe.css", "templates/pipe.html"]
)
def test_fifo_is_refused_not_read(tmp_path: Path, fifo: str) -> None:
    project = make_project(tmp_path / "site", theme=True)
    os.mkfifo(project / fifo)
    if fifo.endswith(".html"):
        base = project / "templates/base.html"
        base.write_text(base.read_text().replace("</body>", "{% include 'pipe.html' %}</body>", 1))
    result = _run_with_deadline(project, "build")
    assert_clean_failure(result, "not a regular file")  # type: ignore[arg-type]


def test_ingest_refuses_seed_symlink_and_fifo(tmp_path: Path, outside: Path) -> None:
    project = make_project(tmp_path / "site", theme=True)
    seeds = project / "seeds"
    seeds.mkdir()
    (seeds / "leak.txt").symlink_to(outside)
    os.mkfifo(seeds / "pipe.txt")
    result = _run_with_deadline(project, "ingest", str(seeds))
    text = result.output  # type: ignore[attr-defined]
    assert "Traceback" not in text
    assert "symlink points outside the project" in text and "not a regular file" in text
    assert SECRET not in "".join(p.read_text() for p in (project / "content").rglob("*.md"))


@pytest.mark.parametrize(
    "expression",
    [
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ cycler.__init__.__globals__.os }}",
        "{{ page.__class__.__init__.__globals__ }}",
    ],
)
def test_templates_are_sandboxed(tmp_path: Path, expression: str) -> None:
    project = make_project(tmp_path / "site", theme=True)
    base = project / "templates/base.html"
    base.write_text(base.read_text().replace("</body>", expression + "</body>", 1))
    result = run_cli(project, "build")
    assert result.returncode == 1 and "Traceback" not in result.output, result.output
    assert "base.html" in result.output or "templates/" in result.output


def test_archetypes_are_sandboxed(tmp_path: Path) -> None:
    project = make_project(tmp_path / "site", theme=True)
    archetype = project / "templates/archetypes/actors.md"
    # Unsandboxed, this renders (the number of classes in the interpreter) into a valid body.
    archetype.write_text(
        archetype.read_text() + "\n{{ slug.__class__.__mro__[1].__subclasses__() | length }}\n"
    )
    result = run_cli(project, "new", "actor", "someone")
    assert_clean_failure(result, "archetype")
    assert not list((project / "content/actors").glob("someone.*"))


def test_archetype_symlink_out_of_the_project(tmp_path: Path, outside: Path) -> None:
    project = make_project(tmp_path / "site", theme=True)
    archetype = project / "templates/archetypes/actors.md"
    archetype.unlink()
    archetype.symlink_to(outside)
    assert_clean_failure(run_cli(project, "new", "actor", "someone"), "symlink")
    assert TAL


def test_symlinked_static_folder(tmp_path: Path, outside: Path) -> None:
    project = make_project(tmp_path / "site", theme=True)
    (project / "templates/static/machine").symlink_to(outside.parent)
    assert_clean_failure(run_cli(project, "build"), "machine")
    assert SECRET not in _published(project)


def test_read_bytes_reads_whole_files_up_to_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file is read to its end however its size was first guessed, and one byte past
    the limit is refused (the read asks for the file's size, not the limit, at first)."""
    for size in (0, 1, 999, 1000):
        path = tmp_path / f"f{size}.md"
        path.write_bytes(b"x" * size)
        assert fsguard.read_bytes(path, tmp_path, limit=1000) == b"x" * size
    big = tmp_path / "big.md"
    big.write_bytes(b"y" * 1001)
    with pytest.raises(ExplainerError, match="larger than 1,000 bytes"):
        fsguard.read_bytes(big, tmp_path, limit=1000)
    # A file that grew after its size was taken is read on, to its end (or the limit).
    grown = tmp_path / "grown.md"
    grown.write_bytes(b"z" * 700)
    real_fstat = os.fstat

    def stale(fd: int) -> os.stat_result:
        info = real_fstat(fd)
        return os.stat_result((*info[:6], 10, *info[7:]))  # st_size: 10

    monkeypatch.setattr(fsguard.os, "fstat", stale)
    assert fsguard.read_bytes(grown, tmp_path, limit=1000) == b"z" * 700
    with pytest.raises(ExplainerError, match="larger than"):
        fsguard.read_bytes(big, tmp_path, limit=1000)
