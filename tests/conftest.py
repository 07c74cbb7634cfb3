"""The suite's fixtures and markers; the helpers they use are in tests/support.py.

Markers (`pytest -m "not browser and not slow"` is the fast run; CI runs everything):
- `browser`: drives Chromium (every test that asks for the `browser` fixture gets it);
- `slow`: a campaign (fuzzing, kills at every point), an external checker, a large input,
  or a test that builds or ingests several times (about half a second of CPU or more);
  marked where it is written.

The reader's-site tests share session fixtures: one build of each site (the fixture
project in tests/fixtures/reader/, and our own explainer when it builds with --strict),
one static server per site and one browser for the whole run. Missing tools (Chromium,
Playwright, Java, the npm checkers) make a test skip with the reason, or fail when `CI`
is set, so that CI never passes by skipping.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.register_assert_rewrite("support")
from support import (  # noqa: E402 (after the rewrite registration)
    AXE_JS,
    CHROMIUM,
    CHROMIUM_ARGS,
    REAL,
    BuiltSite,
    build_site_at,
    make_project,
    missing_tool,
)

from generator.errors import ExplainerError  # noqa: E402
from generator.ingest.language import load_language  # noqa: E402
from generator.ingest.rules import Rules, load_rules  # noqa: E402

SITES = ("fixture", REAL)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test that drives Chromium is a `browser` test, wherever it is written."""
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(autouse=True, scope="session")
def _own_cache_key(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Builds under test seal their caches with a key of the test run's own
    (`generator.sealed`), never touching the user's `~/.cache/explainer/`."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))
        yield


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The spine fixture project, fresh for each test."""
    return make_project(tmp_path / "site")


@pytest.fixture(scope="session")
def rules() -> Rules:
    """The package's Indonesian ingest rules (`languages/id.yaml`), read once per run."""
    return load_rules(load_language("id"))[0]


# -- the reader's-site tests: built sites, a static server, a browser ----------------


@pytest.fixture(scope="session", params=SITES)
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The fixture site, then the real site (skipped while the real content does not build)."""
    name = request.param
    if name == "fixture":
        return request.getfixturevalue("fixture_site")
    project = make_project(tmp_path_factory.mktemp(f"site-{name}"), REAL)
    try:
        result = build_site_at(project)
    except ExplainerError as exc:
        if not os.environ.get("CI"):
            pytest.skip(f"the real content does not build with --strict yet: {exc.problems[0]}")
        raise
    return BuiltSite(name, project, project / "public", result)


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    project = make_project(tmp_path_factory.mktemp("fixture-only"), "reader")
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
