"""`serve` is told at once that a watched file was written (Linux inotify).

The poll stays the rule (every 100 ms); the notifier only makes it come
sooner. It must wake for a dossier written, a file in a folder made after it
started, and site.yaml replaced; and stay quiet for the output folder, which
the server itself writes.
"""

from __future__ import annotations

import select
import sys
from pathlib import Path

import pytest
from support import make_project

from generator.server.notify import Notifier, open_notifier
from generator.server.watch import WATCHED

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="inotify is Linux's")


def _woken(notifier: Notifier, seconds: float) -> bool:
    ready, _, _ = select.select([notifier.fileno()], [], [], seconds)
    if ready:
        notifier.drain()
    return bool(ready)


def test_a_write_wakes_the_server_and_its_own_output_does_not(tmp_path: Path) -> None:
    project = make_project(tmp_path / "site")
    (project / "public").mkdir()
    notifier = open_notifier(project, WATCHED)
    assert notifier is not None
    try:
        assert not _woken(notifier, 0)
        dossier = project / "content/actors/russia.en.md"
        dossier.write_text(dossier.read_text("utf-8") + "\nMore.\n", "utf-8")
        assert _woken(notifier, 5)

        (project / "public/index.html").write_text("the server's own output")
        assert not _woken(notifier, 0.3)

        folder = project / "content/actors/new"
        folder.mkdir()
        assert _woken(notifier, 5)  # and it is watched from now on
        (folder / "x.en.md").write_text("---\ntitle: X\n---\n")
        assert _woken(notifier, 5)

        config = project / "site.yaml"
        replaced = project / "site.yaml.tmp"
        replaced.write_text(config.read_text("utf-8"), "utf-8")
        replaced.replace(config)  # as editors save: a new file moved over the old
        assert _woken(notifier, 5)
    finally:
        notifier.close()
