"""Session fixtures for the reader's-site tests: built sites, a local server, a browser.

Loaded as a pytest plugin (`pytest_plugins = ["site_support"]` in each
tests/test_site_*.py), so one build per site, one server per site and one
browser serve the whole session. Two sites are built: the fixture project in
tests/fixtures/site/ (always) and the real content (when it builds with
--strict). Missing tools (Chromium, Playwright, Java, the npm checkers) make
a test skip with the reason — or fail when the environment variable `CI` is
set, so that CI never passes by skipping.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from generator.errors import ExplainerError
from generator.pipeline.build import BuildReport, run_build
from generator.site.kinds import PageSpec, plan_pages

PROJECT = Path(__file__).resolve().parent.parent
SITE_FIXTURE = Path(__file__).resolve().parent / "fixtures" / "site"
TOOLS = Path(__file__).resolve().parent / "tools" / "node_modules"
AXE_JS = TOOLS / "axe-core" / "axe.min.js"
VNU_JAR = TOOLS / "vnu-jar" / "build" / "dist" / "vnu.jar"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
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
SITES = ("fixture", "real")


def missing_tool(reason: str) -> None:
    """Skip with the reason; under CI (`CI` set) fail instead."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set: tools must be installed by .ci/install)")
    pytest.skip(reason)


@dataclass(frozen=True)
class BuiltSite:
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


def make_site_project(dest: Path, content: Path) -> Path:
    """A project: the package theme, the fixture's (or the real) site.yaml and content."""
    dest.mkdir(parents=True, exist_ok=True)
    config = SITE_FIXTURE / "site.yaml" if content != PROJECT / "content" else PROJECT / "site.yaml"
    shutil.copy(config, dest / "site.yaml")
    shutil.copytree(content, dest / "content")
    return dest


def build_site_at(project: Path, out: str = "public") -> BuildReport:
    return run_build(project, out=project / out, strict=True)


@pytest.fixture(scope="session", params=SITES)
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The fixture site, then the real site (skipped while the real content does not build)."""
    name = request.param
    if name == "fixture":
        return request.getfixturevalue("fixture_site")
    project = make_site_project(tmp_path_factory.mktemp(f"site-{name}"), PROJECT / "content")
    try:
        result = build_site_at(project)
    except ExplainerError as exc:
        if not os.environ.get("CI"):
            pytest.skip(f"the real content does not build with --strict yet: {exc.problems[0]}")
        raise
    return BuiltSite(name, project, project / "public", result)


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    project = make_site_project(tmp_path_factory.mktemp("fixture-only"), SITE_FIXTURE / "content")
    return BuiltSite("fixture", project, project / "public", build_site_at(project))


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@functools.cache
def _server_for(public: Path) -> str:
    """Serve `public` on 127.0.0.1 (a free port) for the rest of the session."""
    handler = functools.partial(_QuietHandler, directory=str(public))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}"


@pytest.fixture(scope="session")
def base_url(site: BuiltSite) -> str:
    return _server_for(site.public)


@pytest.fixture(scope="session")
def fixture_url(fixture_site: BuiltSite) -> str:
    return _server_for(fixture_site.public)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing_tool("Playwright for Python is not installed (pip install -e '.[dev]')")
    if not CHROMIUM.exists():
        missing_tool(f"no Chromium at {CHROMIUM} (apt-get install chromium fonts-liberation)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE_JS.is_file():
        missing_tool(
            f"axe-core is not installed ({AXE_JS}): npm ci --ignore-scripts --prefix tests/tools"
        )
    return AXE_JS.read_text(encoding="utf-8")


def url_of(base: str, spec_path: str) -> str:
    return base + spec_path
