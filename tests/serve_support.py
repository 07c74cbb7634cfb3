"""Running `explainer serve` for a test: a free loopback port, a real process, polling.

One place for what the serve tests share, so the workflow, hardening and
browser tests start, wait for and stop the server the same way.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path


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


@contextmanager
def serving(
    project: Path, log: Path, ready: str = "/en/"
) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """`explainer serve` in `project`, its output in `log`; yields the base URL once
    `ready` answers 200, and stops the server however the test ends."""
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
