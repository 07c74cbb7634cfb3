"""The documentation stays true to the project: its commands, its links, its length.

The README's test command is the one CI runs (`.ci/run`); the README stays a front page;
every relative link and `#anchor` in the README, docs/ and bench/README.md leads to a file
and a heading that exist; every subcommand is listed in the writer's guide's command line.
"""

from __future__ import annotations

import re
from pathlib import Path

from support import PROJECT

from generator.commands import COMMANDS

README = PROJECT / "README.md"
DOCS = sorted((PROJECT / "docs").glob("*.md"))
LINKED = [README, *DOCS, PROJECT / "bench" / "README.md"]
FENCE = re.compile(r"^```.*?^```", re.M | re.S)
LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*$", re.M)
README_MAX_LINES = 150


def _prose(path: Path) -> str:
    """The Markdown of a file without its fenced code blocks."""
    return FENCE.sub("", path.read_text(encoding="utf-8"))


def _anchor(heading: str) -> str:
    """The id GitHub gives a heading: lowercase, punctuation but `-` and `_` dropped, spaces
    as hyphens (`### data_license` is `#data_license`)."""
    text = re.sub(r"[`*]", "", heading).strip().lower()
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def _anchors(path: Path) -> set[str]:
    return {_anchor(h) for h in HEADING.findall(_prose(path))}


def _block_after(text: str, marker: str) -> str:
    """The first fenced code block after `marker`, without its fences."""
    start = text.index(marker)
    block = FENCE.search(text, start)
    assert block, f"no code block after {marker!r}"
    return "\n".join(block.group(0).splitlines()[1:-1]).strip()


def test_ci_runs_the_readmes_test_command() -> None:
    command = _block_after(README.read_text(encoding="utf-8"), "Run the whole test suite")
    ci = (PROJECT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()
    assert ci[-1] == command, f".ci/run runs {ci[-1]!r}, the README says {command!r}"


def test_the_readme_is_a_front_page() -> None:
    lines = README.read_text(encoding="utf-8").count("\n")
    assert lines <= README_MAX_LINES, (
        f"README.md has {lines} lines: keep it a front page (at most {README_MAX_LINES}) "
        "and put the rest in docs/"
    )


def test_every_relative_link_and_anchor_leads_somewhere() -> None:
    broken = []
    for page in LINKED:
        for target in LINK.findall(_prose(page)):
            if re.match(r"^[a-z]+:", target):
                continue  # https:, mailto:
            file, _, anchor = target.partition("#")
            where = (page.parent / file).resolve() if file else page
            if not where.exists():
                broken.append(f"{page.relative_to(PROJECT)}: {target} (no such file)")
            elif anchor and where.suffix == ".md" and anchor not in _anchors(where):
                broken.append(f"{page.relative_to(PROJECT)}: {target} (no such heading)")
    assert not broken, "\n".join(broken)


def test_the_writers_guide_lists_every_command() -> None:
    guide = (PROJECT / "docs" / "writers-guide.md").read_text(encoding="utf-8")
    listed = _block_after(guide, "## The command line")
    missing = [c.name for c in COMMANDS if f"explainer {c.name}" not in listed]
    assert not missing, f"commands missing from the writer's guide's command line: {missing}"
