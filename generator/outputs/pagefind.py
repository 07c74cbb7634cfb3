"""Pagefind, run on one shard's pages: found, started, waited for, its bundle tidied.

`outputs.search` plans the shards and puts their bundles in place; this
module owns the Pagefind process itself (`BundleRun`), so that a build can
start a shard's run, go on with other work (and fork), and collect the bundle
later. Pagefind's output goes to files, read only to say why a run failed.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import IO

from generator.errors import ExplainerError
from generator.fsguard import fix_modes

UNUSED = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-highlight.js",
)
# What a merged (non-primary) shard does not need: the primary's script and WebAssembly serve all.
PRIMARY_ONLY = ("pagefind.js", "pagefind-worker.js")


def pagefind_binary() -> str:
    """Pagefind's executable, found as its Python package finds it (or ExplainerError):
    `PAGEFIND_BINARY_PATH`, else the binary bundled by `pagefind[extended]`. The binary
    package is asked first: `pagefind.service` imports asyncio (40 ms a build)."""
    found = os.environ.get("PAGEFIND_BINARY_PATH") or None
    if found is None:
        try:
            from pagefind_bin_extended import (  # type: ignore[import-untyped]
                get_executable as bundled,
            )

            found = str(bundled())
        except (ImportError, OSError):  # not installed, or its binary is missing
            found = _found_by_pagefind()
    if found is None:
        raise ExplainerError.single(
            "pagefind", None, "the search indexer is missing: pip install 'pagefind[extended]'"
        )
    return found


def _found_by_pagefind() -> str | None:
    try:
        from pagefind.service import get_executable
    except ImportError:
        return None
    found = get_executable()
    return str(found) if found is not None else None


class BundleRun:
    """One shard's Pagefind run, started at once and finished later (`finish`: waited
    for, its bundle tidied): a process of its own that no thread of ours waits on, so a
    build may start it and then fork (the build cache's writer) while it runs."""

    def __init__(self, pages: Path, bundle: Path, primary: bool, background: bool = False) -> None:
        self.pages, self.bundle, self.primary = pages, bundle, primary
        # The binary itself, not `python -m pagefind`: a Python start per shard cost 0.2 s CPU.
        command = [pagefind_binary(), "--site", str(pages), "--output-path", str(bundle)]
        nice = shutil.which("nice") if background else None
        if nice is not None:
            command = [nice, "-n", "10", *command]
        # Its output goes to files, not pipes: nobody reads a pipe until it ends.
        # Closed by `finish` or `stop`.
        self._out = tempfile.TemporaryFile()  # noqa: SIM115
        self._err = tempfile.TemporaryFile()  # noqa: SIM115
        try:
            self._process = subprocess.Popen(
                [*command, "--silent"], stdout=self._out, stderr=self._err
            )
        except OSError as exc:
            self._close()
            raise ExplainerError.single(
                pages.parent, None, f"search indexing failed: {exc}"
            ) from None

    def finish(self) -> None:
        """Wait for Pagefind and tidy its bundle (or ExplainerError, saying why it failed)."""
        try:
            try:
                code = self._process.wait(timeout=600)
            except subprocess.TimeoutExpired as exc:
                self.stop()
                raise ExplainerError.single(
                    self.pages.parent, None, f"search indexing failed: {exc}"
                ) from None
            if code != 0:
                done = subprocess.CompletedProcess(
                    self._process.args, code, _text(self._out), _text(self._err)
                )
                raise ExplainerError.single(
                    self.pages.parent,
                    None,
                    f"search indexing (pagefind) failed: {_reason(done)}; "
                    "is `pagefind[extended]` installed?",
                )
        finally:
            self._close()
        _tidy(self.bundle, self.primary)
        fix_modes(self.bundle)  # a web server must read it, whatever the umask

    def stop(self) -> None:
        """Stop Pagefind if it still runs (its bundle is not used)."""
        if self._process.poll() is None:
            self._process.kill()
            self._process.wait()
        self._close()

    def _close(self) -> None:
        self._out.close()
        self._err.close()


def _text(stream: IO[bytes]) -> str:
    stream.seek(0)
    return stream.read().decode("utf-8", errors="replace")


def _reason(done: subprocess.CompletedProcess[str]) -> str:
    """The line of Pagefind's output that says what went wrong.

    A Rust panic ends with a note about RUST_BACKTRACE; the reason is on the
    line that says "panicked", or on the first that says "error".
    """
    lines = [line.strip() for line in (done.stderr or done.stdout).splitlines() if line.strip()]
    for marker in ("panicked", "error"):
        found = [line for line in lines if marker in line.lower()]
        if found:
            return found[0]
    return lines[-1] if lines else f"exit {done.returncode}"


def _tidy(bundle: Path, primary: bool) -> None:
    """Drop what the site never loads, and make the entry file deterministic."""
    unused = [*UNUSED] if primary else [*UNUSED, *PRIMARY_ONLY]
    for name in unused:
        (bundle / name).unlink(missing_ok=True)
    if not primary:
        for wasm in bundle.glob("wasm.*.pagefind"):
            wasm.unlink()
    entry = bundle / "pagefind-entry.json"
    try:
        data = json.loads(entry.read_text(encoding="utf-8"))
    except (OSError, ValueError):  # pagefind exits 0 even when a full disk truncated its files
        raise ExplainerError.single(entry, None, "search index is incomplete") from None
    entry.write_text(
        json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True),
        encoding="utf-8",
    )
    if primary and not (bundle / "pagefind.js").is_file():
        raise ExplainerError.single(bundle, None, "search indexing wrote no pagefind.js")
