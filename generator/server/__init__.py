"""`explainer serve`: build, serve `public/` with live reload, rebuild what a change affects.

`watch.Watcher` keeps the output folder current as files change; `notify` says
at once that a file was written, where the system can; `http` answers the
browser (pages, the reload script and its websocket, the error page); `serve`
puts them together on Tornado's loop. The server binds 127.0.0.1
unless told otherwise, and warns loudly when told to listen beyond this machine.
"""

from __future__ import annotations

from pathlib import Path

from tornado import ioloop
from tornado.httpserver import HTTPServer
from tornado.netutil import bind_sockets

from generator.pipeline.outdir import check_output_dir
from generator.server.http import is_loopback, make_app
from generator.server.notify import open_notifier
from generator.server.watch import POLL_MS, WATCHED, Watcher

__all__ = ["Watcher", "serve"]


def serve(
    root: Path,
    *,
    port: int,
    bind: str = "127.0.0.1",
    out: Path | None = None,
    drafts: bool = False,
    jobs: int | None = None,
) -> None:
    """Build, then serve until interrupted (Ctrl-C).

    The port is taken before the build: a busy one (OSError) is said at once,
    not after a whole build.
    """
    target = check_output_dir(out or root / "public", root)
    sockets = bind_sockets(port, address=bind)
    watcher = Watcher(
        root=root.resolve(), out=target, drafts=drafts, bind=bind, port=port, jobs=jobs
    )
    if not is_loopback(bind):
        watcher.log(
            f"WARNING: --bind {bind} serves drafts and unpublished work to every machine that "
            "can reach this one; the dev server is not hardened for a network. "
            "Use 127.0.0.1 unless you mean it."
        )
    watcher.start()
    HTTPServer(make_app(watcher)).add_sockets(sockets)
    watcher.log(f"serving http://{bind}:{port}/ (Ctrl-C to stop)")

    def tick() -> None:
        if watcher.poll():
            watcher.reload()

    loop = ioloop.IOLoop.current()
    watcher.loop = loop
    ioloop.PeriodicCallback(tick, POLL_MS).start()
    # Told of a write at once where the system can (inotify), the poll need not wait.
    notifier = open_notifier(watcher.root, WATCHED)
    if notifier is not None:

        def notified(fd: int, events: int) -> None:
            notifier.drain()
            tick()

        loop.add_handler(notifier.fileno(), notified, ioloop.IOLoop.READ)
    try:
        loop.start()
    except KeyboardInterrupt:
        watcher.indexer.shutdown(wait=False, cancel_futures=True)
        watcher.finisher.shutdown(wait=False, cancel_futures=True)
        watcher.log("stopped")
    finally:
        if notifier is not None:
            notifier.close()
