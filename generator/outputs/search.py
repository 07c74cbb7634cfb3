"""The search index: Pagefind, run on the finished build before it is swapped in.

Pagefind (the `pagefind[extended]` package, which bundles its binary) reads
the built HTML, splits the index by `<html lang>` (one index per language,
with Indonesian and English stemming), and indexes only what sits inside
`data-pagefind-body` — the dossier pages. The search page's own script
(`static/search.js`) loads the index for its language; Pagefind's ready-made
UI bundles are removed because the site does not use them. What a query
word matches is decided in the browser: `search.js` drops Pagefind's guess of
a short indexed word that merely begins an unknown one ("ally" -> "al").

Determinism: Pagefind 1.5's index files are byte-identical across runs, but
`pagefind-entry.json` lists the languages in hash-map order, which varies
from run to run; it is rewritten here with sorted keys (the same JSON), so
the whole build — index included — is byte-identical.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from generator.errors import ExplainerError

BUNDLE = "pagefind"
UNUSED = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-highlight.js",
)


def index_site(site: Path) -> None:
    """Write the Pagefind index into `site/pagefind/`; raise ExplainerError on failure."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--output-subdir", BUNDLE]
    try:
        done = subprocess.run(
            [*command, "--silent"], capture_output=True, text=True, check=False, timeout=600
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise ExplainerError.single(site, None, f"search indexing failed: {exc}") from None
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()
        raise ExplainerError.single(
            site,
            None,
            "search indexing (pagefind) failed: "
            + (detail[-1] if detail else f"exit {done.returncode}")
            + "; is `pagefind[extended]` installed?",
        )
    bundle = site / BUNDLE
    for name in UNUSED:
        (bundle / name).unlink(missing_ok=True)
    entry = bundle / "pagefind-entry.json"
    if entry.is_file():
        try:
            data = json.loads(entry.read_text(encoding="utf-8"))
        except ValueError:  # pagefind exits 0 even when a full disk truncated its files
            raise ExplainerError.single(entry, None, "search index is incomplete") from None
        entry.write_text(
            json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True),
            encoding="utf-8",
        )
    if not (bundle / "pagefind.js").is_file():
        shutil.rmtree(bundle, ignore_errors=True)
        raise ExplainerError.single(site, None, "search indexing wrote no pagefind.js")
