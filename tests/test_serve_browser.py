"""Live reload under the pages' Content-Security-Policy, in a real browser (issue 12, finding 13).

`explainer serve` runs on a free loopback port; Debian's Chromium, driven by
Playwright with the policy enforced (never bypassed), opens a page, the test
edits a dossier, and the page must reload by itself with the new text —
with no console error and no `securitypolicyviolation` event on the way.
The reload script and its websocket are for `serve` only: a `build` carries
neither, nor anything its policy would need to allow them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from support import make_project, run_cli, serving

PAGE = "/en/actors/taliban/"
DOSSIER = "content/actors/taliban.en.md"
CSP = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
# Reported from inside every page, before its own scripts run, by a binding the
# page's policy cannot block (Playwright adds it the way an extension would).
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.reportViolation(`${event.violatedDirective} blocked ${event.blockedURI}`);
});
"""


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    project = make_project(tmp_path / "site", "workflow")
    with serving(project, tmp_path / "serve.log", ready=PAGE) as (base, _):
        yield project, base


def _pump(page: Any, done: Callable[[], bool], seconds: float) -> None:
    """Wait for `done`, letting Playwright deliver its events meanwhile."""
    for _ in range(int(seconds * 20)):
        if done():
            return
        page.wait_for_timeout(50)
    raise AssertionError(f"not within {seconds} s")


def test_live_reload_works_under_the_policy(browser: Any, served: tuple[Path, str]) -> None:
    project, base = served
    context = browser.new_context()  # the policy enforced: no bypass_csp
    problems: list[str] = []
    context.expose_binding("reportViolation", lambda _source, text: problems.append(text))
    context.add_init_script(REPORT_VIOLATIONS)
    page = context.new_page()
    page.on(
        "console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else None
    )
    page.on("pageerror", lambda error: problems.append(str(error)))
    hello: list[str] = []
    page.on(
        "websocket",
        lambda ws: ws.on("framereceived", lambda frame: hello.append(str(frame))),
    )
    try:
        page.goto(base + PAGE)
        assert CSP.search(page.content()), "the served page carries the policy"
        # livereload.js connected and the server answered its hello
        _pump(page, lambda: any('"hello"' in frame for frame in hello), seconds=15)
        assert "NEWTEXT" not in page.inner_text("main")
        page.evaluate("window.beforeTheEdit = true")

        dossier = project / DOSSIER
        text = dossier.read_text(encoding="utf-8")
        dossier.write_text(text.replace("The Taliban deal", "NEWTEXT: The Taliban deal"))
        page.wait_for_function(
            "() => document.querySelector('main')?.innerText.includes('NEWTEXT')",
            timeout=15_000,
        )
        # A reload, not a patch of the old page: the old page's window is gone.
        assert page.evaluate("window.beforeTheEdit") is None
        assert not problems, problems
    finally:
        context.close()


def test_a_build_carries_no_reload_script_and_its_policy_allows_none(tmp_path: Path) -> None:
    project = make_project(tmp_path / "site", "workflow")
    result = run_cli(project, "build")
    assert result.returncode == 0, result.stderr
    pages = sorted((project / "public").rglob("*.html"))
    assert pages
    for path in pages:
        html = path.read_text(encoding="utf-8")
        assert "livereload" not in html, path
        found = CSP.search(html)
        if found is None:  # a redirect page has no script at all
            assert "<script" not in html, path
            continue
        policy = found.group(1)
        assert "ws:" not in policy and "wss:" not in policy, policy
        assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy, policy
        assert re.search(r"script-src 'self'( 'wasm-unsafe-eval')?;", policy), policy
