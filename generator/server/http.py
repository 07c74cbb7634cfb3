"""The HTTP side of `explainer serve`: pages, the live-reload script and its websocket.

Built on Tornado and the `livereload` package's pieces: its browser script
(`LiveReloadJSHandler`) and its websocket protocol (hello, then `reload`).
While the site does not build, every URL answers with an error page listing
`file:line: message`, which carries the reload script, so the browser shows
the site again as soon as the file is fixed. Against DNS rebinding and other
sites' pages, a request whose `Host` is not this server (`allowed_host`: an IP
literal only when it is the bound address), or whose `Origin` is not the
origin the `Host` names, is refused with 403; every file is sent with
`nosniff`, and an SVG with a Content-Security-Policy that forbids script; a
URL with a NUL byte or longer than MAX_URL is answered 400 without a
traceback. The reload script is a file,
`<script src="/livereload.js">` in each served page (never in a build), so the
pages' Content-Security-Policy, which forbids inline script, holds in `serve`
too. livereload.js reads the server's host and port from that tag's own URL:
it must be the first script whose URL ends in `livereload.js`.
"""

from __future__ import annotations

import html
import ipaddress
import json
import mimetypes
from pathlib import Path
from urllib.parse import urlsplit

from livereload.handlers import LiveReloadJSHandler
from tornado import web, websocket

from generator.errors import Problem
from generator.server.watch import Watcher

MAX_URL = 2048
RELOAD_PATH = "/livereload.js"
SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox"


def allowed_host(host: str, bind: str, port: int | None = None) -> bool:
    """True for a Host (or an Origin's host) naming this server, not a name or an address
    a page elsewhere controls.

    `localhost`, or the address `serve` is bound to (`--bind`). An IP literal is
    accepted only when it is that address (a loopback one when bound to
    `localhost`), or any address when bound to all of them (0.0.0.0, ::): the
    request then reached this machine by it. With `port`, the Host's port must be
    ours (none given means 80). A DNS name pointing here (DNS rebinding) and any
    other IP literal (a page at http://203.0.113.5) are refused.
    """
    try:
        parts = urlsplit("//" + host)
        name, given_port = parts.hostname, parts.port
    except ValueError:
        return False
    if not name or (port is not None and (given_port or 80) != port):
        return False
    if name in ("localhost", bind.lower()):
        return True
    try:
        address = ipaddress.ip_address(name)
    except ValueError:
        return False
    if bind == "localhost":
        return address.is_loopback
    try:
        bound = ipaddress.ip_address(bind.strip("[]"))
    except ValueError:
        return False
    return bound.is_unspecified or address == bound


def is_loopback(bind: str) -> bool:
    if bind == "localhost":
        return True
    try:
        return ipaddress.ip_address(bind).is_loopback
    except ValueError:
        return False


class Guarded(web.RequestHandler):
    """Refuses requests that are not for this server (Host) or come from another site (Origin)."""

    def initialize(self, watcher: Watcher) -> None:
        self.watcher = watcher

    def prepare(self) -> None:
        if (
            len(self.request.uri or "") > MAX_URL
            or "\x00" in self.request.path
            or "%00" in (self.request.uri or "")
        ):
            raise web.HTTPError(400)
        if not allowed_host(self.request.host, self.watcher.bind, self.watcher.port):
            raise web.HTTPError(403)
        origin = self.request.headers.get("Origin")
        if origin is not None and not self.same_origin(origin):
            raise web.HTTPError(403)

    def same_origin(self, origin: str) -> bool:
        """The page asking is one of ours: its origin is this server, as the request's Host
        names it (an allowed IP literal of another site is still another site)."""
        parts = urlsplit(origin)
        return (
            parts.scheme == "http"
            and parts.netloc.lower() == (self.request.host or "").lower()
            and allowed_host(parts.netloc, self.watcher.bind, self.watcher.port)
        )

    def set_default_headers(self) -> None:
        # A file is what its name says: a browser never sniffs a .png into HTML.
        self.set_header("X-Content-Type-Options", "nosniff")

    def write_error(self, status_code: int, **kwargs: object) -> None:
        self.finish(f"{status_code} {self._reason}\n")  # never a traceback in the page

    def log_exception(self, typ, value, tb) -> None:  # type: ignore[no-untyped-def]
        # An HTTPError is an answer, not a crash: logged as one line, never a traceback.
        if isinstance(value, web.HTTPError):
            return
        self.watcher.log(f"{self.request.method} {self.request.uri[:100]}: {typ.__name__}: {value}")


class ReloadSocket(Guarded, websocket.WebSocketHandler):
    """The livereload protocol: answer `hello`, then send `reload` on changes."""

    def check_origin(self, origin: str) -> bool:
        # Tornado's default allows only the same host; ours also refuses rebinding names.
        return self.same_origin(origin)

    def on_message(self, message: str | bytes) -> None:
        try:
            data = json.loads(message)
        except ValueError:
            return
        if not isinstance(data, dict):
            return
        if data.get("command") == "hello":
            # Told of reloads from the moment it has our hello, not from its `info`
            # (livereload's own server waits for that): a save that comes between the
            # two would otherwise be lost. Messages keep their order, so the browser
            # reads our hello before any reload.
            self.watcher.sockets.add(self)
            self.write_message(
                json.dumps(
                    {
                        "command": "hello",
                        "protocols": ["http://livereload.com/protocols/official-7"],
                        "serverName": "explainer",
                    }
                )
            )
        elif data.get("command") == "info":
            self.watcher.sockets.add(self)

    def on_close(self) -> None:
        self.watcher.sockets.discard(self)


RELOAD_SCRIPT = f'<script src="{RELOAD_PATH}"></script>'


class LiveReloadJS(Guarded, LiveReloadJSHandler):
    """livereload's browser script, behind the same Host check."""


class SiteHandler(Guarded):
    """Files of the output folder (HTML with the reload script), or the error page."""

    def set_default_headers(self) -> None:
        super().set_default_headers()
        self.set_header("Cache-Control", "no-store")

    def get(self, path: str) -> None:
        if self.watcher.problems:
            self.set_status(500)
            self.set_header("Content-Type", "text/html; charset=utf-8")
            self.finish(error_page(self.watcher.problems, self.watcher.root))
            return
        file = _file_for(self.watcher.out, path)
        if file is None:
            self.set_status(404)
            missing = self.watcher.out / "404.html"
            file = missing if missing.is_file() else None
            if file is None:
                self.finish(f"not found: /{html.escape(path)}")
                return
        content = file.read_bytes()
        kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        if kind == "text/html":
            content = content.replace(b"</head>", RELOAD_SCRIPT.encode() + b"</head>", 1)
            kind += "; charset=utf-8"
        elif kind == "image/svg+xml":
            # Opened on its own, an SVG is a document: no script, nothing fetched.
            self.set_header("Content-Security-Policy", SVG_POLICY)
        self.set_header("Content-Type", kind)
        self.finish(content)


def _file_for(out: Path, path: str) -> Path | None:
    root = out.resolve()
    try:
        target = (root / path).resolve()
        if target != root and root not in target.parents:
            return None
        if target.is_dir():
            target = target / "index.html"
        return target if target.is_file() else None
    except (OSError, ValueError):  # a name too long for the file system, a NUL byte
        return None


def error_page(problems: tuple[Problem, ...], root: Path) -> str:
    items = "\n".join(
        f"<li><code>{html.escape(_relative(p, root).format())}</code></li>" for p in problems
    )
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        "<title>Build error · explainer</title>\n"
        "<style>body{font:16px/1.5 system-ui,sans-serif;margin:2rem;max-width:60rem}"
        "li{margin:.5rem 0;color:#8b0000}code{white-space:pre-wrap}</style>\n"
        f"{RELOAD_SCRIPT}</head>\n<body>\n<h1>The site does not build</h1>\n"
        f"<p>Fix {'this' if len(problems) == 1 else 'these'} and save: "
        "this page reloads by itself.</p>\n"
        f'<ul class="build-errors">\n{items}\n</ul>\n</body>\n</html>\n'
    )


def _relative(problem: Problem, root: Path) -> Problem:
    from dataclasses import replace

    try:
        return replace(problem, path=str(Path(problem.path).resolve().relative_to(root.resolve())))
    except ValueError:
        return problem


def make_app(watcher: Watcher) -> web.Application:
    return web.Application(
        [
            (r"/livereload", ReloadSocket, {"watcher": watcher}),
            (RELOAD_PATH.replace(".", r"\."), LiveReloadJS, {"watcher": watcher}),
            (r"/(.*)", SiteHandler, {"watcher": watcher}),
        ]
    )
