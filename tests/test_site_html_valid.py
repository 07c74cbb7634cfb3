"""Every page of the built site passes the Nu Html Checker (vnu) with no error.

vnu is the W3C's own conformance checker: it sees invalid nesting and
attributes that a browser silently repairs (and that axe therefore cannot
see). It runs from the npm `vnu-jar` package on the machine's Java, once per
site over all pages.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from support import VNU_JAR, BuiltSite, missing_tool

pytestmark = pytest.mark.slow  # the Nu HTML Checker runs in Java


def _csp3_keyword(message: str) -> bool:
    """vnu's CSP grammar predates CSP level 3's 'wasm-unsafe-eval' (which Pagefind's
    WebAssembly needs); that one message is the checker's gap, not the page's."""
    return "Expecting source-expression but found \"'wasm-unsafe-eval'\"" in message


def test_nu_html_checker_reports_no_error(site: BuiltSite, tmp_path: Path) -> None:
    java = shutil.which("java")
    if java is None:
        missing_tool("no java on PATH (apt-get install default-jre-headless)")
    if not VNU_JAR.is_file():
        missing_tool(
            f"vnu-jar is not installed ({VNU_JAR}): npm ci --ignore-scripts --prefix tests/tools"
        )
    canary = tmp_path / "canary.html"  # proves the checker runs and reports
    canary.write_text("<!DOCTYPE html><html lang=en><title>x</title><p><div>x</div></p>")
    pages = [str(p) for p in site.html_files()] + [str(canary)]
    done = subprocess.run(
        [java, "-Xss4m", "-jar", str(VNU_JAR), "--format", "json", "--exit-zero-always", *pages],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    report = json.loads(done.stderr or done.stdout or '{"messages": []}')
    messages = report["messages"]
    assert any("canary.html" in m.get("url", "") for m in messages), "vnu did not check"
    errors = [
        f"{m.get('url', '').rsplit('/public/', 1)[-1]}:{m.get('lastLine')}: {m.get('message')}"
        f" [{m.get('extract', '').strip()[:120]}]"
        for m in messages
        if "canary.html" not in m.get("url", "")
        and (m.get("type") in ("error", "non-document-error") or m.get("subType") == "fatal")
        and not _csp3_keyword(m.get("message", ""))
    ]
    assert not errors, f"{len(errors)} vnu error(s):\n" + "\n".join(errors[:40])
