"""Control characters never reach a page (issue 21, finding N10).

Every C0 control but tab and the line breaks, DEL, every C1 control and the
noncharacters, typed into a dossier's body, written as a YAML escape in its
front-matter, in site.yaml, an i18n file or a template, is refused at its file
and line; nothing is written. An article for `ingest` is cleaned of them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from support import REL, TAL, assert_clean_failure, edit, make_project, run_cli

REFUSED = [
    *(chr(c) for c in range(0x20) if chr(c) not in "\t\n\r"),
    "\x7f",
    *(chr(c) for c in range(0x80, 0xA0)),
    "\ufdd0",
    "\ufffe",
    "\U0010ffff",
]


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_project(tmp_path_factory.mktemp("controls") / "site", theme=True)


def _restoring(project: Path, rel: str) -> tuple[Path, bytes]:
    path = project / rel
    return path, path.read_bytes()


@pytest.mark.parametrize("char", REFUSED, ids=lambda c: f"U+{ord(c):04X}")
def test_typed_in_a_body_is_refused_at_its_line_and_column(base: Path, char: str) -> None:
    path, original = _restoring(base, TAL)
    try:
        path.write_text(original.decode() + f"\nBaris baru dengan{char}di dalamnya.\n", "utf-8")
        line = path.read_text("utf-8").split("\n").index(f"Baris baru dengan{char}di dalamnya.")
        result = run_cli(base, "build")
    finally:
        path.write_bytes(original)
    assert_clean_failure(result, f"{TAL}:{line + 1}:18: error: control character U+{ord(char):04X}")
    assert not (base / "public").exists()


@pytest.mark.parametrize("escape", ["\\x00", "\\x1b", "\\u0085", "\\x9f", "\\uFFFE", "\\a"])
def test_written_as_a_yaml_escape_is_refused_at_its_key(base: Path, escape: str) -> None:
    path, original = _restoring(base, REL)
    try:
        edit(base / REL, "title: Rusia dan Taliban", f'title: "Rusia{escape}dan Taliban"')
        result = run_cli(base, "check")
    finally:
        path.write_bytes(original)
    assert_clean_failure(result, f"{REL}:2: error: 'title' holds control character")


def test_in_site_yaml_i18n_and_templates(tmp_path: Path) -> None:
    project = make_project(tmp_path / "site", theme=True)
    edit(project / "site.yaml", "en: Friends and Foes Against ISIS", 'en: "Friends\\0 and Foes"')
    result = run_cli(project, "build")
    assert_clean_failure(result, "site.yaml:17: error: 'title.en' holds control character U+0000")

    edit(project / "site.yaml", 'en: "Friends\\0 and Foes"', "en: Friends and Foes")
    i18n = project / "templates/i18n/en.yaml"
    i18n.write_text(i18n.read_text("utf-8") + 'extra_key: "a\\x07b"\n', "utf-8")
    line = len(i18n.read_text("utf-8").splitlines())
    result = run_cli(project, "build")
    assert_clean_failure(result, f"templates/i18n/en.yaml:{line}: error: 'extra_key' holds")

    i18n.write_text(i18n.read_text("utf-8").replace('extra_key: "a\\x07b"\n', ""), "utf-8")
    edit(project / "templates/base.html", "<head>", "<head>\x0c")
    result = run_cli(project, "build")
    assert_clean_failure(result, "control character U+000C (FORM FEED)")
    assert "templates/base.html:" in result.stderr
    assert not (project / "public").exists()


def test_tab_and_line_endings_are_text(base: Path) -> None:
    path, original = _restoring(base, TAL)
    try:
        path.write_bytes(original.replace(b"\n", b"\r\n") + b"Kolom\tdua.\r\n")
        result = run_cli(base, "build")
    finally:
        path.write_bytes(original)
    assert result.returncode == 0, result.output


def test_ingest_drops_them_from_an_article(tmp_path: Path) -> None:
    project = make_project(tmp_path / "site", theme=True)
    seeds = project / "seeds"
    seeds.mkdir()
    article = (
        "Rusia Bekerja Sama dengan Taliban\n\nJakarta - Rusia\x1b bekerja sama dengan "
        "Taliban\x07 melawan ISIS\x85, kata juru bicara.\n"
    )
    (seeds / "a.txt").write_text(article, "utf-8")
    result = run_cli(project, "ingest", str(seeds))
    assert result.returncode == 0, result.output
    written = [p for p in (project / "content").rglob("*.md") if "arrahmah" not in p.name]
    original = [p for p in written if p.parent.name == "sources" and p.name.endswith(".id.md")]
    assert len(original) == 1
    assert "bekerja sama dengan Taliban melawan ISIS" in original[0].read_text("utf-8")
    for path in written:
        assert not any(c in path.read_text("utf-8") for c in "\x1b\x07\x85"), path
    assert "control character" not in run_cli(project, "check").output
