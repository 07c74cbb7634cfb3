"""`explainer serve`: build, serve `public/` with live reload, rebuild what a change affects.

Built on Tornado and the `livereload` package's pieces: its browser script
(`LiveReloadJSHandler`) and its websocket protocol (hello, then `reload`).
A poll every 100 ms stats `content/`, `templates/` and `site.yaml`; on a
change, `generator.pipeline.incremental.rebuild` says which files to write, and only
those are written in place before the browsers are told to reload.

The search index is kept current in the background: after each rebuild, the
search shards whose pages changed (`outputs.search`) are re-indexed in a
worker thread, one at a time, each put in place whole, so the search page
keeps answering from the previous shard meanwhile.

A build error never stops the server: until it is fixed, every URL answers
with an error page listing `file:line: message`, which carries the reload
script, so the browser shows the site again as soon as the file is fixed.
The server binds 127.0.0.1 unless told otherwise (and warns loudly when told
to listen beyond this machine) and writes only in the output folder, which
must be a build folder inside the project. Against DNS rebinding and other
sites' pages, a request whose `Host` (or `Origin`, for the websocket) is not
this server is refused with 403; a URL with a NUL byte or longer than
MAX_URL is answered 400 without a traceback. The reload script is a file,
`<script src="/livereload.js">` in each served page (never in a build), so the
pages' Content-Security-Policy, which forbids inline script, holds in `serve`
too. livereload.js reads the server's host and port from that tag's own URL:
it must be the first script whose URL ends in `livereload.js`.
"""

from __future__ import annotations

import asyncio
import gc
import html
import ipaddress
import json
import mimetypes
import os
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from livereload.handlers import LiveReloadJSHandler
from tornado import ioloop, web, websocket

from generator.content.config import load_config
from generator.content.load import ParseMemo
from generator.errors import ExplainerError, Problem
from generator.outputs.search import SearchShard, index_shards, plan_search
from generator.pipeline.incremental import (
    SiteState,
    Update,
    apply_update,
    diff_files,
    finish_rebuild,
    inputs_fingerprint,
    rebuild,
    render_first,
    write_files,
)
from generator.pipeline.site import SitePipeline
from generator.pipeline.write import check_output_dir, write_build

POLL_MS = 100
# A rebuild's outcome: the new state and its update, or the problems that stopped it.
Outcome = tuple[SiteState, Update] | ExplainerError
MAX_URL = 2048
RELOAD_PATH = "/livereload.js"
WATCHED = ("content", "templates", "site.yaml")
Snapshot = dict[str, tuple[int, int]]


def snapshot(root: Path) -> Snapshot:
    """(mtime, size) of every watched file; a difference means something changed.

    Taken every POLL_MS, so it walks with `os.scandir` (one stat per file):
    pathlib's rglob and stat took 0.1 s a poll at 2,000 files.
    """
    out: Snapshot = {}
    for name in WATCHED:
        path = root / name
        if path.is_file():
            stat = path.stat()
            out[str(path)] = (stat.st_mtime_ns, stat.st_size)
        elif path.is_dir():
            _scan(str(path), out)
    return dict(sorted(out.items()))


def _scan(folder: str, out: Snapshot) -> None:
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        try:
            if entry.is_dir(follow_symlinks=False):
                _scan(entry.path, out)
            elif entry.is_file():
                stat = entry.stat()
                out[entry.path] = (stat.st_mtime_ns, stat.st_size)
        except OSError:
            continue


@dataclass
class Site:
    """The server's one piece of state: what is served, and the error if the build fails."""

    root: Path
    out: Path
    drafts: bool = False
    state: SiteState | None = None
    problems: tuple[Problem, ...] = ()
    seen: Snapshot = field(default_factory=dict)
    sockets: set[websocket.WebSocketHandler] = field(default_factory=set)
    pipeline: SitePipeline | None = None  # kept while site.yaml and templates are unchanged
    bind: str = "127.0.0.1"
    port: int | None = None
    _inputs: str = ""
    search: bool = True
    shards: tuple[SearchShard, ...] = ()  # the search index as last asked for
    indexer: ThreadPoolExecutor = field(default_factory=lambda: ThreadPoolExecutor(1))
    # The loop serving requests, and the thread that finishes a rebuild meanwhile
    # (without a loop, as in tests, a rebuild finishes before `poll` returns).
    loop: ioloop.IOLoop | None = None
    finisher: ThreadPoolExecutor = field(default_factory=lambda: ThreadPoolExecutor(1))
    finishing: bool = False
    log: Callable[[str], None] = lambda message: print(message, file=sys.stderr, flush=True)

    def start(self) -> None:
        """The first build: a full one, swapped in as the output folder."""
        self.seen = snapshot(self.root)
        try:
            state, update = rebuild(self._pipeline(), None)
            write_build(update.write, self.out, self.root)  # a first build writes every file
            self.state, self.problems, self.shards = state, (), ()
            self.log(f"built {len(update.rendered)} pages into {self.out}")
            self._index_search(state)
        except ExplainerError as exc:
            self.problems = exc.problems
            self._log_problems()

    def poll(self) -> bool:
        """Rebuild if a watched file changed; True if browsers should reload.

        The pages that show a changed dossier are written first; the rest of the
        rebuild (lists, status, feeds, sitemap, the site-wide checks) finishes in
        a worker thread when the server runs a loop, so the edited page is served
        meanwhile. A change seen while that runs is taken up by the next poll.
        """
        if self.finishing:
            return False
        now = snapshot(self.root)
        if now == self.seen:
            return False
        changed = sorted(k for k in now.keys() | self.seen.keys() if now.get(k) != self.seen.get(k))
        self.seen = now
        started = time.perf_counter()
        previous = self.state
        # The cyclic GC would walk the whole kept model while the first pages are made
        # (0.8 s at 5,000 dossiers); it runs in the second half instead.
        collecting = gc.isenabled()
        gc.disable()
        try:
            pipeline = self._pipeline()
            first = render_first(pipeline, previous) if previous is not None else None
            if previous is None or first is None:
                state, update = rebuild(pipeline, previous)
                if previous is None:
                    write_build(update.write, self.out, self.root)
                    self.shards = ()  # a fresh folder: no index yet
                else:
                    check_output_dir(self.out, self.root)
                    apply_update(self.out, update)
                return self._settle((state, update), changed, started)
            check_output_dir(self.out, self.root)
            shown = diff_files(previous.digests, first.rendered.pages)
            write_files(self.out, shown)
            if shown:
                ms = (time.perf_counter() - started) * 1000
                self.log(f"{_short(changed, self.root)}: wrote {len(shown)} page(s) in {ms:.0f} ms")
        except ExplainerError as exc:
            return self._settle(exc, changed, started)
        finally:
            if collecting:
                gc.enable()

        def finish() -> Outcome:
            try:
                state, update = finish_rebuild(pipeline, previous, first)
                apply_update(self.out, update, written=shown)
            except ExplainerError as exc:
                return exc
            except OSError as exc:  # a disk fault: shown like any problem; the next save retries
                where = exc.filename if exc.filename is not None else self.out
                return ExplainerError.single(where, None, str(exc.strerror or exc))
            return state, update

        if self.loop is None:
            return self._settle(finish(), changed, started) or bool(shown)
        self.finishing = True
        done = self.loop.run_in_executor(self.finisher, finish)

        def settle(future: asyncio.Future[Outcome]) -> None:
            # Browsers reloaded when the first pages were written: again only if the
            # error page comes or goes, or if the first half wrote nothing.
            try:
                outcome, broken = future.result(), bool(self.problems)
            except Exception as exc:  # not the writer's doing: one line, and serving goes on
                self.finishing = False
                self.log(f"rebuild failed: {type(exc).__name__}: {exc}")
                return
            wrote = self._settle(outcome, changed, started)
            if isinstance(outcome, ExplainerError) or broken or (wrote and not shown):
                self.reload()

        self.loop.add_future(done, settle)
        return bool(shown)

    def _settle(self, outcome: Outcome, changed: list[str], started: float) -> bool:
        """Take a rebuild's outcome as what is served; True if browsers should reload."""
        self.finishing = False
        was_broken = bool(self.problems)
        if isinstance(outcome, ExplainerError):
            self.problems = outcome.problems
            self._log_problems()
            return True
        state, update = outcome
        self.state, self.problems = state, ()
        self._index_search(state)
        ms = (time.perf_counter() - started) * 1000
        what = "full rebuild" if update.full else f"{len(update.changed_keys)} changed key(s)"
        self.log(
            f"{_short(changed, self.root)}: {what}, rendered {len(update.rendered)} page(s), "
            f"wrote {len(update.write)}, deleted {len(update.delete)} in {ms:.0f} ms"
        )
        for name in update.write:
            self.log(f"  wrote {name}")
        for name in update.delete:
            self.log(f"  deleted {name}")
        return bool(update.write or update.delete or was_broken)

    def _index_search(self, state: SiteState) -> None:
        """Queue the re-indexing of the search shards whose pages changed."""
        if not self.search or self.pipeline is None:
            return
        indexed = self.pipeline.indexed_pages(state.graph)
        shards = plan_search({name: state.digests[name] for name in indexed})
        before = {shard.name: shard.digest for shard in self.shards}
        todo = {shard.name for shard in shards if before.get(shard.name) != shard.digest}
        if not todo and shards == self.shards:
            return
        self.shards = shards
        self.indexer.submit(self._index, shards, todo)

    def _index(self, shards: tuple[SearchShard, ...], todo: set[str]) -> None:
        started = time.perf_counter()
        try:
            # One process at a low priority: the rebuilds after a save come first.
            index_shards(self.out, shards, todo, jobs=1, background=True)
        except (ExplainerError, OSError) as exc:
            self.log(f"search index not updated: {exc}")
            return
        ms = (time.perf_counter() - started) * 1000
        self.log(f"search: re-indexed {len(todo)} of {len(shards)} shard(s) in {ms:.0f} ms")

    def _pipeline(self) -> SitePipeline:
        """The pipeline for the project as it is now; its compiled templates are reused."""
        config = load_config(self.root)
        inputs = inputs_fingerprint(config)
        if self.pipeline is None or self.pipeline.config != config or self._inputs != inputs:
            old = self.pipeline.memo if self.pipeline and self.pipeline.memo else ParseMemo()
            memo = ParseMemo(previous=old.current, merged_previous=old.merged_current)
            self.pipeline = SitePipeline(config, drafts=self.drafts, memo=memo)
            self._inputs = inputs
        elif self.pipeline.memo is not None:
            self.pipeline.memo.roll()  # files unchanged since the last rebuild are not parsed again
        return self.pipeline

    def _log_problems(self) -> None:
        for problem in self.problems:
            self.log(problem.format())
        self.log("build failed: the browser shows these errors until they are fixed")

    def reload(self) -> None:
        message = json.dumps({"command": "reload", "path": "*", "liveCSS": True})
        for socket in list(self.sockets):
            try:
                socket.write_message(message)
            except websocket.WebSocketClosedError:
                self.sockets.discard(socket)


def _short(paths: list[str], root: Path) -> str:
    names = [str(Path(p).relative_to(root)) if Path(p).is_relative_to(root) else p for p in paths]
    return ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")


def allowed_host(host: str, bind: str, port: int | None = None) -> bool:
    """True for a Host (or Origin host) naming this server, not a name an attacker controls.

    An IP literal, `localhost`, or the bound address; with a port, it must be ours.
    A DNS name pointing at 127.0.0.1 (DNS rebinding) is refused.
    """
    try:
        parts = urlsplit("//" + host)
        name, given_port = parts.hostname, parts.port
    except ValueError:
        return False
    if not name or (port is not None and given_port not in (None, port)):
        return False
    if name in ("localhost", bind.lower()):
        return True
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


def is_loopback(bind: str) -> bool:
    if bind == "localhost":
        return True
    try:
        return ipaddress.ip_address(bind).is_loopback
    except ValueError:
        return False


class Guarded(web.RequestHandler):
    """Refuses requests that are not for this server (Host) or come from another site (Origin)."""

    def initialize(self, site: Site) -> None:
        self.site = site

    def prepare(self) -> None:
        if (
            len(self.request.uri or "") > MAX_URL
            or "\x00" in self.request.path
            or "%00" in (self.request.uri or "")
        ):
            raise web.HTTPError(400)
        if not allowed_host(self.request.host, self.site.bind, self.site.port):
            raise web.HTTPError(403)
        origin = self.request.headers.get("Origin")
        if origin is not None and not self.same_origin(origin):
            raise web.HTTPError(403)

    def same_origin(self, origin: str) -> bool:
        parts = urlsplit(origin)
        return parts.scheme in ("http", "https") and allowed_host(
            parts.netloc, self.site.bind, self.site.port
        )

    def write_error(self, status_code: int, **kwargs: object) -> None:
        self.finish(f"{status_code} {self._reason}\n")  # never a traceback in the page

    def log_exception(self, typ, value, tb) -> None:  # type: ignore[no-untyped-def]
        # An HTTPError is an answer, not a crash: logged as one line, never a traceback.
        if isinstance(value, web.HTTPError):
            return
        self.site.log(f"{self.request.method} {self.request.uri[:100]}: {typ.__name__}: {value}")


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
            self.site.sockets.add(self)

    def on_close(self) -> None:
        self.site.sockets.discard(self)


RELOAD_SCRIPT = f'<script src="{RELOAD_PATH}"></script>'


class LiveReloadJS(Guarded, LiveReloadJSHandler):
    """livereload's browser script, behind the same Host check."""


class SiteHandler(Guarded):
    """Files of the output folder (HTML with the reload script), or the error page."""

    def set_default_headers(self) -> None:
        self.set_header("Cache-Control", "no-store")

    def get(self, path: str) -> None:
        if self.site.problems:
            self.set_status(500)
            self.set_header("Content-Type", "text/html; charset=utf-8")
            self.finish(error_page(self.site.problems, self.site.root))
            return
        file = _file_for(self.site.out, path)
        if file is None:
            self.set_status(404)
            missing = self.site.out / "404.html"
            file = missing if missing.is_file() else None
            if file is None:
                self.finish(f"not found: /{html.escape(path)}")
                return
        content = file.read_bytes()
        kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        if kind == "text/html":
            content = content.replace(b"</head>", RELOAD_SCRIPT.encode() + b"</head>", 1)
            kind += "; charset=utf-8"
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


def make_app(site: Site) -> web.Application:
    return web.Application(
        [
            (r"/livereload", ReloadSocket, {"site": site}),
            (RELOAD_PATH.replace(".", r"\."), LiveReloadJS, {"site": site}),
            (r"/(.*)", SiteHandler, {"site": site}),
        ]
    )


def serve(
    root: Path, *, port: int, bind: str = "127.0.0.1", out: Path | None = None, drafts: bool = False
) -> None:
    """Build, then serve until interrupted (Ctrl-C)."""
    target = check_output_dir(out or root / "public", root)
    site = Site(root=root.resolve(), out=target, drafts=drafts, bind=bind, port=port)
    if not is_loopback(bind):
        site.log(
            f"WARNING: --bind {bind} serves drafts and unpublished work to every machine that "
            "can reach this one; the dev server is not hardened for a network. "
            "Use 127.0.0.1 unless you mean it."
        )
    site.start()
    app = make_app(site)
    app.listen(port, address=bind)
    site.log(f"serving http://{bind}:{port}/ (Ctrl-C to stop)")

    def tick() -> None:
        if site.poll():
            site.reload()

    loop = ioloop.IOLoop.current()
    site.loop = loop
    ioloop.PeriodicCallback(tick, POLL_MS).start()
    try:
        loop.start()
    except KeyboardInterrupt:
        site.indexer.shutdown(wait=False, cancel_futures=True)
        site.finisher.shutdown(wait=False, cancel_futures=True)
        site.log("stopped")
