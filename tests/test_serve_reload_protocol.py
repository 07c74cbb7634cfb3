"""The livereload handshake: a page is told of a save from the moment it has our hello.

livereload.js answers the server's `hello` with an `info` message; livereload's
own server starts telling a page of reloads only then. A save in between was
lost, and the page never reloaded (a CI run of `test_serve_browser` timed out
so). A real `explainer serve`, spoken to by Tornado's websocket client, which
sends `hello` and never `info`, must still be told of the save.
"""

from __future__ import annotations

import asyncio
import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from support import make_project, serving
from tornado.httpclient import HTTPRequest
from tornado.websocket import WebSocketClientConnection, websocket_connect

DOSSIER = "content/actors/taliban.en.md"


async def _next(socket: WebSocketClientConnection) -> str | bytes | None:
    """The socket's next message, or a failure after 15 s."""
    return await asyncio.wait_for(asyncio.ensure_future(socket.read_message()), 15)


async def _reload_after_save(base: str, dossier: Path) -> dict[str, object]:
    host = base.removeprefix("http://")
    request = HTTPRequest(f"ws://{host}/livereload", headers={"Origin": base})
    socket = await websocket_connect(request)
    try:
        hello = {"command": "hello", "protocols": ["http://livereload.com/protocols/official-7"]}
        await socket.write_message(json.dumps(hello))
        answer = json.loads(await _next(socket) or "{}")
        assert answer.get("command") == "hello", answer
        text = dossier.read_text(encoding="utf-8")
        dossier.write_text(text.replace("The Taliban deal", "NEWTEXT: The Taliban deal"))
        message = await _next(socket)
        assert message is not None, "the server closed the socket"
        return dict(json.loads(message))
    finally:
        socket.close()


def test_a_save_right_after_the_hello_reloads_the_page(tmp_path: Path) -> None:
    project = make_project(tmp_path / "site", "workflow")
    # The socket is spoken to from a thread of its own: Playwright's sync API, used by
    # other tests of the same run, leaves an event loop running in this one.
    with (
        serving(project, tmp_path / "serve.log", ready="/en/actors/taliban/") as (base, _),
        ThreadPoolExecutor(1) as thread,
    ):
        message = thread.submit(asyncio.run, _reload_after_save(base, project / DOSSIER)).result()
    assert message.get("command") == "reload", message
