"""`build --strict` is as strict as `check`: a stale translation or a broken link fails it.

`check` and `build` run one list of rules (`checks.rules.MODEL_RULES` and the
link checker); a strict build turns every warning into an error.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from support import run_cli


@pytest.mark.slow
def test_strict_build_fails_on_a_stale_translation(project: Path) -> None:
    assert run_cli(project, "translated", "taliban", "en").returncode == 0  # stamped current
    assert run_cli(project, "build", "--strict").returncode == 0
    original = project / "content/actors/taliban.id.md"
    original.write_text(original.read_text("utf-8") + "\nKalimat baru.\n", "utf-8")
    assert run_cli(project, "build").returncode == 0  # a warning only
    result = run_cli(project, "build", "--strict")
    assert result.returncode == 1
    assert "content/actors/taliban.en.md" in result.stderr and "stale" in result.stderr
    assert "nothing was written" in result.stderr


def test_strict_build_fails_on_a_broken_markdown_link(project: Path) -> None:
    english = project / "content/actors/taliban.en.md"
    english.write_text(english.read_text("utf-8") + "\nSee [Russia](../rusia/).\n", "utf-8")
    result = run_cli(project, "build", "--strict")
    assert result.returncode == 1
    line = english.read_text("utf-8").split("\n").index("See [Russia](../rusia/).") + 1
    assert (
        f"content/actors/taliban.en.md:{line}:14: error: broken link '../rusia/'" in result.stderr
    )
