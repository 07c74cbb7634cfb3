"""The dev server: no DNS rebinding, no cross-site websocket, no traceback (issue 12, finding 9).

A real `explainer serve` on a free loopback port, spoken to over raw sockets
so that Host and Origin can be anything a hostile page or resolver would send.
"""

from __future__ import annotations

import base64
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from support import fetch, free_port, make_project, serving

from generator.server.http import allowed_host


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[int, Path]]:
    folder = tmp_path_factory.mktemp("serve")
    log = folder / "serve.log"
    with serving(make_project(folder / "site"), log) as (base, _):
        yield int(base.rsplit(":", 1)[1]), log


def raw(port: int, request: str) -> str:
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        sock.sendall(request.encode("latin-1"))
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = sock.recv(65536)
            if not chunk:
                break
            data += chunk
    return data.decode("latin-1")


def status(response: str) -> int:
    return int(response.split(" ", 2)[1]) if response.startswith("HTTP/") else 0


def get(port: int, path: str, host: str, origin: str | None = None) -> int:
    headers = f"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n"
    if origin is not None:
        headers += f"Origin: {origin}\r\n"
    return status(raw(port, headers + "\r\n"))


def websocket(port: int, host: str, origin: str) -> int:
    key = base64.b64encode(os.urandom(16)).decode()
    return status(
        raw(
            port,
            f"GET /livereload HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\n"
            f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
            f"Sec-WebSocket-Version: 13\r\nOrigin: {origin}\r\n\r\n",
        )
    )


def test_own_host_and_origin_are_served(server: tuple[int, Path]) -> None:
    port, _ = server
    for host in (f"127.0.0.1:{port}", f"localhost:{port}"):
        assert get(port, "/en/", host) == 200
        assert websocket(port, host, f"http://{host}") == 101


@pytest.mark.parametrize("host", ["evil.example", "rebind.attacker.test:{port}", "127.0.0.1:1"])
def test_foreign_host_is_refused(server: tuple[int, Path], host: str) -> None:
    port, _ = server
    host = host.format(port=port)
    assert get(port, "/en/", host) == 403
    assert get(port, "/livereload.js", host) == 403
    assert websocket(port, host, f"http://{host}") == 403


@pytest.mark.parametrize("origin", ["http://evil.example", "null", "http://127.0.0.1:1"])
def test_cross_origin_websocket_is_refused(server: tuple[int, Path], origin: str) -> None:
    port, _ = server
    assert websocket(port, f"127.0.0.1:{port}", origin) == 403
    assert get(port, "/en/", f"127.0.0.1:{port}", origin) == 403


@pytest.mark.parametrize(
    "host",
    ["203.0.113.5:{port}", "[::1]:{port}", "127.0.0.2:{port}", "10.0.0.1:{port}", "127.0.0.1"],
)
def test_an_ip_literal_host_other_than_the_bound_address_is_refused(
    server: tuple[int, Path], host: str
) -> None:
    """Issue 21 (N8): any IP literal was accepted as this server's name."""
    port, _ = server
    host = host.format(port=port)
    assert get(port, "/en/", host) == 403
    assert websocket(port, host, f"http://{host}") == 403


@pytest.mark.parametrize(
    "origin",
    [
        "http://203.0.113.5",
        "http://203.0.113.5:{port}",
        "http://127.0.0.2:{port}",
        "http://[::1]:{port}",
        "https://127.0.0.1:{port}",
        "http://localhost:{port}",  # our own other name, but not the origin this Host names
    ],
)
def test_a_websocket_from_another_origin_is_refused_even_an_ip_literal(
    server: tuple[int, Path], origin: str
) -> None:
    """Issue 21 (N8): a WebSocket from `Origin: http://203.0.113.5` was upgraded (101)."""
    port, _ = server
    origin = origin.format(port=port)
    assert websocket(port, f"127.0.0.1:{port}", origin) == 403
    assert get(port, "/en/", f"127.0.0.1:{port}", origin) == 403


@pytest.mark.parametrize(
    ("host", "bind", "allowed"),
    [
        ("127.0.0.1:8000", "127.0.0.1", True),
        ("localhost:8000", "127.0.0.1", True),
        ("[::1]:8000", "::1", True),
        ("127.0.0.1:8000", "::1", False),
        ("[::1]:8000", "localhost", True),
        ("127.0.0.1:8000", "localhost", True),
        ("192.0.2.7:8000", "localhost", False),
        ("192.0.2.7:8000", "0.0.0.0", True),  # bound to every address: warned loudly
        ("192.0.2.7:8000", "192.0.2.7", True),
        ("192.0.2.8:8000", "192.0.2.7", False),
        ("192.0.2.7:8001", "192.0.2.7", False),
        ("192.0.2.7", "192.0.2.7", False),  # port 80, not ours
        ("rebind.attacker.test:8000", "0.0.0.0", False),
    ],
)
def test_which_hosts_name_this_server(host: str, bind: str, allowed: bool) -> None:
    assert allowed_host(host, bind, 8000) is allowed


def test_svg_is_sent_with_a_policy_that_forbids_script(server: tuple[int, Path]) -> None:
    port, _ = server
    request = f"GET {{}} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    response = raw(port, request.format("/static/favicon.svg"))
    svg = response.lower()
    assert status(response) == 200 and "content-type: image/svg+xml" in svg
    policy = next(line for line in svg.split("\r\n") if line.startswith("content-security-policy:"))
    assert "default-src 'none'" in policy and "sandbox" in policy and "script" not in policy
    assert "x-content-type-options: nosniff" in svg
    page = raw(port, request.format("/en/")).lower()
    assert "x-content-type-options: nosniff" in page
    assert "content-security-policy:" not in page  # a page carries its own, in a <meta>


@pytest.mark.parametrize("path", ["/%00", "/en/%00/", "/" + "a" * 8192, "/" + "b/" * 3000])
def test_bad_urls_answer_400_without_traceback(server: tuple[int, Path], path: str) -> None:
    port, log = server
    code = get(port, path, f"127.0.0.1:{port}")
    assert code in (400, 414, 431), code
    assert get(port, "/en/", f"127.0.0.1:{port}") == 200  # still serving
    assert "Traceback" not in log.read_text(errors="replace")


def test_long_file_name_is_404_not_a_traceback(server: tuple[int, Path]) -> None:
    port, log = server
    assert get(port, "/" + "c" * 1500, f"127.0.0.1:{port}") == 404
    assert "Traceback" not in log.read_text(errors="replace")


def test_pages_carry_no_inline_script(server: tuple[int, Path]) -> None:
    port, _ = server
    code, html = fetch(f"http://127.0.0.1:{port}/en/")
    assert code == 200 and "Content-Security-Policy" in html
    assert "<script>" not in html and '<script src="/livereload.js">' in html


@pytest.mark.slow
def test_non_loopback_bind_warns(tmp_path: Path) -> None:
    project = make_project(tmp_path / "site")
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--port", str(port), "--bind", "0.0.0.0"],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        first = process.stdout.readline().decode() if process.stdout else ""
    finally:
        process.terminate()
        process.wait(timeout=10)
    assert first.startswith("WARNING: --bind 0.0.0.0"), first
