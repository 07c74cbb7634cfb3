"""What the tests share: fixture projects, running the CLI, snapshots and edits, built sites.

Plain functions and constants; the fixtures that use them are in tests/conftest.py.
Every test builds a project from a fixture written for the tests (tests/fixtures/),
never from the repository's content/ or seeds/ — except the tests of our own
explainer (`make_project(..., "real")`), which check invariants, never counts.

- **Projects**: `make_project` (a fixture folder copied into a temporary one),
  `ingest_project` (actors and articles for `ingest`), `run_ingest`, `gazetteer_of`
  (actor dossiers written from a table, read as ingest reads them); `init_site` (a
  site `init` made, with articles to ingest: discovery from nothing);
  `declare_election_subject` and `publish` (a site `init` made, on another subject).
- **Running the CLI**: `run_cli` (in this process, as a writer would from the
  project), `run_cli_process` (a separate interpreter, for what a process owns:
  signals, forks, `sys.modules`), `serving` (`explainer serve` on a free port).
- **Cost**: `growth` (how the CPU time of some work grows when its input is four
  times larger: a linear guard that machine load does not fail, never a timed test).
- **Files**: `snapshot` (every file, for byte-for-byte comparisons), `edit`,
  `line_of`, `front`, `stamp`, `staging_leftovers`.
- **Built sites** for the reader's-site tests: `BuiltSite`, `build_site_at`,
  and the browser and checker tools (`missing_tool` skips, or fails under CI).
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import resource
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from generator.cli import main
from generator.content.config import load_config
from generator.content.frontmatter import parse_front_matter
from generator.graph.translations import hash_text
from generator.ingest import IngestReport, ingest
from generator.ingest.actors import Gazetteer, load_gazetteer
from generator.pipeline.build import BuildReport, run_build
from generator.site.kinds import PageSpec, plan_pages
from generator.theme_files import THEME_DIR

# -- projects --------------------------------------------------------------------------

TESTS = Path(__file__).resolve().parent
PROJECT = TESTS.parent
FIXTURES = TESTS / "fixtures"
# A fixture project is a folder of tests/fixtures/ holding content/ and, when it needs
# its own, site.yaml (else the repository's); "real" is our own explainer.
REAL = "real"

# Files of the spine fixture (tests/fixtures/spine/) that many hostile cases edit.
TAL = "content/actors/taliban.id.md"
REL = "content/relationships/russia--taliban.id.md"
SRC = "content/sources/arrahmah-2025-05-02.id.md"

INGEST_SITE_YAML = """base_url: https://example.org/
title: {id: Uji, en: Test}
description: {id: Uji, en: Test}
languages:
  - {code: id, name: Bahasa Indonesia, default: true}
  - {code: en, name: English}
"""


def fixture_folder(fixture: str) -> Path:
    return PROJECT if fixture == REAL else FIXTURES / fixture


def make_project(dest: Path, fixture: str = "spine", *, theme: bool = False) -> Path:
    """A project in `dest` made from a fixture: `spine` (the default: a few actors, one
    source), `reader` (every page type, for the reader's-site tests), `workflow` (clean:
    `check` finds nothing, the English files stamped), `evidence` (every view against its
    events), or `real`. With `theme`, templates/ holds a full copy of the package theme,
    as a site that overrides every file would: the hostile cases plant their edits there."""
    source = fixture_folder(fixture)
    dest.mkdir(parents=True, exist_ok=True)
    config = source / "site.yaml"
    shutil.copy(config if config.is_file() else PROJECT / "site.yaml", dest / "site.yaml")
    shutil.copytree(source / "content", dest / "content")
    if theme:
        shutil.copytree(THEME_DIR, dest / "templates", dirs_exist_ok=True)
    return dest


def ingest_project(dest: Path, *, without: tuple[str, ...] = ()) -> Path:
    """A project for `ingest`: a small site.yaml, the actors of tests/fixtures/ingest_actors
    (but those named in `without`) and the articles of tests/fixtures/ingest_articles in
    seeds/ (synthetic, never the repository's)."""
    (dest / "content" / "actors").mkdir(parents=True)
    (dest / "site.yaml").write_text(INGEST_SITE_YAML, encoding="utf-8")
    for path in sorted((FIXTURES / "ingest_actors").glob("*.md")):
        if path.name.split(".")[0] not in without:
            shutil.copy(path, dest / "content" / "actors" / path.name)
    copy_articles(dest)
    return dest


def copy_articles(project: Path) -> Path:
    """The synthetic articles of tests/fixtures/ingest_articles into `project`/seeds/."""
    seeds = project / "seeds"
    seeds.mkdir(exist_ok=True)
    for article in sorted((FIXTURES / "ingest_articles").glob("*.txt")):
        shutil.copy(article, seeds / article.name)
    return seeds


def gazetteer_of(folder: Path, actors: dict[str, tuple[str, str, list[str]]]) -> Gazetteer:
    """`slug → (kind, title, aliases)` written as actor dossiers in `folder`, then read."""
    for slug, (kind, title, aliases) in actors.items():
        names = ", ".join([title, *aliases])
        text = f"---\ntitle: {title}\nkind: {kind}\naliases: [{names}]\n---\n"
        (folder / f"{slug}.id.md").write_text(text, encoding="utf-8")
    return load_gazetteer(folder, folder, "id")[0]


def init_site(dest: Path, *, vocabulary: str = "", articles: Iterable[Path] = ()) -> Path:
    """A site `explainer init` made at `dest`: nothing declared but `vocabulary` (appended
    to its site.yaml), and `articles` (synthetic, written for the tests) in seeds/."""
    result = run_cli(dest.parent, "init", dest.name)
    assert result.returncode == 0, result.output
    if vocabulary:
        config = dest / "site.yaml"
        config.write_text(config.read_text("utf-8") + vocabulary, "utf-8")
    (dest / "seeds").mkdir(exist_ok=True)
    for article in articles:
        shutil.copy(article, dest / "seeds" / article.name)
    return dest


def run_ingest(project: Path, paths: list[Path], *, dry_run: bool = False) -> IngestReport:
    """Ingest into `project` in this process, as `explainer ingest` does: with its validated
    config; the report as data."""
    return ingest(load_config(project), paths, dry_run=dry_run)


# A newsroom's site on another subject: Indonesia's 2024 election (tests/test_workflow_init.py).
ELECTION_VOCABULARY = """
vocabulary:
  actor_kinds:
    party: {id: Partai politik, en: Political party, plural: {id: Partai politik, en: Political parties}}
    candidate: {id: Calon presiden, en: Presidential candidate}
  link_types:
    nominates: {id: Mengusung, en: Nominates, stance: cooperative}
    coalition: {id: Berkoalisi, en: Joins a coalition, stance: cooperative}
    leaves: {id: Hengkang, en: Leaves, stance: hostile}

ingest:
  cues:
    cues:
      - {pattern: "mengusung|mencalonkan", stance: cooperative, type: nominates, scope: target}
      - {pattern: "berkoalisi dengan|merapat ke", stance: cooperative, type: coalition}
      - {pattern: "hengkang dari", stance: hostile, type: leaves}
"""
ELECTION_ACTORS = {
    "pdi-perjuangan": ("party", "PDI Perjuangan", "PDI-P", "[PDI Perjuangan, PDI-P]"),
    "partai-nasdem": ("party", "Partai NasDem", "NasDem Party", "[NasDem, Partai NasDem]"),
    "ganjar-pranowo": ("candidate", "Ganjar Pranowo", "Ganjar Pranowo", "[Ganjar Pranowo]"),
    "anies-baswedan": ("candidate", "Anies Baswedan", "Anies Baswedan", "[Anies Baswedan]"),
}
ELECTION_ARTICLES = {
    "pdip-ganjar.txt": (
        "PDI Perjuangan Resmi Usung Ganjar Pranowo\n\n"
        "Jakarta - PDI Perjuangan resmi mengusung Ganjar Pranowo sebagai calon presiden "
        "pada Pemilu 2024. Pengumuman disampaikan pada Jumat (21/4/2023).\n"
    ),
    "nasdem-anies.txt": (
        "NasDem Berkoalisi dengan Anies\n\n"
        "Jakarta - Partai NasDem berkoalisi dengan Anies Baswedan menjelang Pemilu 2024, "
        "Senin (3/10/2022).\n"
    ),
}


def declare_election_subject(site: Path) -> None:
    """A newsroom's own subject in a site `init` made: the 2024 election's parties and
    candidates as actors, their kinds, link types and cue words in site.yaml, and two
    articles in seeds/ (written for the tests)."""
    config = site / "site.yaml"
    config.write_text(config.read_text("utf-8") + ELECTION_VOCABULARY, "utf-8")
    for slug, (kind, title_id, title_en, aliases) in ELECTION_ACTORS.items():
        (site / f"content/actors/{slug}.id.md").write_text(
            f"---\ntitle: {title_id}\nkind: {kind}\naliases: {aliases}\n---\n{title_id}.\n"
        )
        (site / f"content/actors/{slug}.en.md").write_text(f"---\ntitle: {title_en}\n---\n")
    for name, text in ELECTION_ARTICLES.items():
        (site / "seeds" / name).write_text(text, "utf-8")


def publish(path: Path, **replace: str) -> None:
    """Remove `draft: true`, then replace keys' values as a writer would."""
    text = path.read_text("utf-8").replace("draft: true\n", "")
    for key, value in replace.items():
        text, count = re.subn(rf"^{key}:.*$", f"{key}: {value}", text, count=1, flags=re.M)
        if not count:
            text = text.replace("---\n", f"---\n{key}: {value}\n", 1)
    path.write_text(text, "utf-8")


# -- running the CLI -------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    """What a command did: its exit code and what it printed."""

    args: tuple[str, ...]
    returncode: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def run_cli(project: Path, *args: str) -> Run:
    """Run `explainer ARGS` in `project` in this process, as a writer would from there.

    The CLI holds no global state, so running it in-process is the same run without a
    new interpreter per call (hundreds of hostile inputs run in seconds); an exception
    escaping `main` is exactly the traceback a writer must never see, so it propagates
    and fails the test. `run_cli_process` is the real process.
    """
    out, err = io.StringIO(), io.StringIO()
    here = os.getcwd()
    os.chdir(project)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(list(args))
    finally:
        os.chdir(here)
    return Run(("explainer", *args), code, out.getvalue(), err.getvalue())


def run_cli_process(project: Path, *args: str) -> Run:
    """Run `python -m generator ARGS` in `project` as a separate process."""
    done = subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return Run(("explainer", *args), done.returncode, done.stdout, done.stderr)


# `path:line: severity: message` (line optional for whole-file problems), or the summary lines.
PROBLEM_LINE = re.compile(r"^\S.*?(:\d+(:\d+)?)?: (error|warning): .+$")
SUMMARY = re.compile(r"^(\d+ error\(s\).*|clean: .*|built \d+ pages .*|explainer: .*|usage: .*)$")


def assert_clean_failure(result: Run, needle: str = "") -> None:
    """Exit 1 with one `path:line: error: …` per problem and no traceback."""
    assert result.returncode == 1, result.output
    assert "Traceback" not in result.output
    assert any(PROBLEM_LINE.match(line) for line in result.output.splitlines()), result.output
    if needle:
        assert needle in result.output, result.output


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0, ""


def wait_for(predicate: Callable[[], bool], timeout: float) -> None:
    """Returns once `predicate` holds; fails after `timeout` seconds (a hang guard)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.02)
    raise AssertionError(f"not within {timeout} s")


@contextlib.contextmanager
def serving(
    project: Path, log: Path, ready: str = "/en/"
) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """`explainer serve` in `project` (a real process), its output in `log`; yields the
    base URL once `ready` answers 200, and stops the server however the test ends."""
    port = free_port()
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "generator", "serve", "--port", str(port)],
            cwd=project,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            wait_for(lambda: fetch(base + ready)[0] == 200, timeout=60)
            yield base, process
        finally:
            process.terminate()
            process.wait(timeout=10)


# -- cost ------------------------------------------------------------------------------

# `growth` of work linear in its input is at most 4 (less with a fixed cost), of quadratic
# work about 16: a guard asserts it stays under this.
LINEAR_GROWTH = 8


def cpu_seconds() -> float:
    """CPU time of this process and of the children it has waited for (Pagefind, workers)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def growth(prepare: Callable[[int], Callable[[], object]], n: int, *, repeat: int = 3) -> float:
    """How many times the work `prepare(size)` returns costs more at `4 n` than at `n`.

    Each size's cost is the least CPU time of `repeat` runs (each prepared anew, the
    preparing not counted). CPU time, not wall time: on a loaded machine a run waits for
    a core, but does the same work, so the ratio measures the work's growth alone."""

    def cost(size: int) -> float:
        runs = []
        for _ in range(repeat):
            work = prepare(size)
            started = cpu_seconds()
            work()
            runs.append(cpu_seconds() - started)
        return min(runs)

    small = cost(n)
    return cost(4 * n) / max(small, 1e-6)


# -- files -----------------------------------------------------------------------------


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder`, by relative path, for byte-for-byte comparisons."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def edit(path: Path, old: str, new: str) -> None:
    """Replace the first `old` in the file by `new`; `old` must be there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    """The number of the first line of the file that holds `needle`."""
    lines = path.read_text(encoding="utf-8").split("\n")
    return next(n for n, line in enumerate(lines, 1) if needle in line)


def front(path: Path) -> dict[str, Any]:
    """The front-matter of a dossier, as data."""
    return dict(parse_front_matter(path.read_text(encoding="utf-8"), str(path)).data)


def stamp(english: Path) -> str:
    """Stamp an English file as translated from its Indonesian original (as it is now)."""
    original = english.with_name(english.name.replace(".en.md", ".id.md"))
    parsed = parse_front_matter(original.read_text(encoding="utf-8"), str(original))
    digest = hash_text(
        str(parsed.data.get("title") or ""), str(parsed.data.get("summary") or ""), parsed.body
    )
    text = english.read_text(encoding="utf-8")
    lines = [line for line in text.split("\n") if not line.startswith("translated_from:")]
    lines.insert(1, f"translated_from: {{lang: id, hash: {digest}}}")
    english.write_text("\n".join(lines), encoding="utf-8")
    return digest


def staging_leftovers(project: Path) -> list[str]:
    """The staging folders a build left beside its output (none, once it has finished)."""
    return sorted(
        p.name
        for p in project.iterdir()
        if p.name.startswith((".public.new-", ".public.old-", ".public.spool-"))
    )


# -- built sites and the tools that read them ------------------------------------------

TOOLS = TESTS / "tools" / "node_modules"
AXE_JS = TOOLS / "axe-core" / "axe.min.js"
VNU_JAR = TOOLS / "vnu-jar" / "build" / "dist" / "vnu.jar"
ARTIFACTS = TESTS / "artifacts"
CHROMIUM = Path(os.environ.get("EXPLAINER_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def missing_tool(reason: str) -> None:
    """Skip with the reason; under CI (`CI` set) fail instead."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set: tools must be installed by .ci/install)")
    pytest.skip(reason)


@dataclass(frozen=True)
class BuiltSite:
    """A project built once for the reader's-site tests ("fixture" or "real")."""

    name: str
    project: Path
    public: Path
    result: BuildReport

    @property
    def specs(self) -> list[PageSpec]:
        return plan_pages(self.result.graph.model)

    def page_types(self) -> list[PageSpec]:
        """One page of each kind (and section, and actor kind) in each language: a person,
        a coalition (its membership lanes) and an actor that ended are kinds of their own."""
        seen: dict[tuple[Any, ...], PageSpec] = {}
        graph = self.result.graph
        groups = graph.model.config.vocabulary.group_kinds
        for spec in self.specs:
            kind = ended = None
            if spec.slug:
                data = graph.dossier(spec.slug).data
                kind = getattr(data, "kind", None)
                ended = bool(getattr(data, "active", None))
            key = (spec.kind, spec.section, spec.lang, kind == "person", kind in groups, ended)
            seen.setdefault(key, spec)
        return list(seen.values())

    def html_files(self) -> list[Path]:
        return sorted(
            p
            for p in self.public.rglob("*.html")
            if "pagefind" not in p.relative_to(self.public).parts
        )


def build_site_at(project: Path, out: str = "public") -> BuildReport:
    return run_build(project, out=project / out, strict=True)
