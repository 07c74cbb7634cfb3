"""What `build` and `check` import: every command pays its imports before any work, so
what only `ingest` or `serve` needs (the ingester, the server and its live reload, an
event loop, HTTP) is imported where those commands use it, never at the top of a
module every command imports (`commands.COMMANDS` loads one command's module)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from support import edit, make_project

# Modules only `ingest` or `serve` use, and what they pull in.
NOT_FOR_BUILD = (
    "generator.ingest",
    "generator.server",
    "generator.commands.ingest",
    "generator.commands.serve",
    "livereload",
    "tornado",
    "asyncio",
    "http.server",
    "socketserver",
    "pagefind.service",  # the Python service: a build runs Pagefind's binary
)

PROBE = (
    "import sys\n"
    "from generator.cli import main\n"
    "code = main(sys.argv[1:])\n"
    f"unwanted = {NOT_FOR_BUILD!r}\n"
    "found = sorted(m for m in sys.modules if m.startswith(unwanted))\n"
    "print(code, ' '.join(found))\n"
)


def _imported(project: Path, *command: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, "--project", str(project), *command],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip().splitlines()[-1]  # the probe's line, after the command's


@pytest.mark.slow
def test_build_and_check_import_nothing_only_ingest_or_serve_need(tmp_path: Path) -> None:
    project = make_project(tmp_path / "site", "reader")
    assert _imported(project, "build", "--quiet") == "0"  # cold, with search
    assert (project / ".cache/build.pickle").is_file()
    edit(project / "content/actors/russia.en.md", "Taliban]].\n", "Taliban]], edited.\n")
    assert _imported(project, "build", "--quiet") == "0"  # an edit: the cache read
    assert _imported(project, "check") == "0"
    # The probe sees them when they are imported: `serve --help` loads its command.
    assert "generator.commands.serve" in _imported(project, "serve", "--help")
