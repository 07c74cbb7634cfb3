"""Loading content (issue 25).

Loading runs with the cyclic GC paused (it makes no cycles) and leaves it as
it found it.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from support import make_project

from generator.content.config import load_config
from generator.content.load import load_content


def test_loading_pauses_the_cyclic_gc_and_restores_it(tmp_path: Path) -> None:
    project = make_project(tmp_path / "site", "reader")
    config = load_config(project)
    collections: list[int] = []
    paused: list[bool] = []

    def note(phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            collections.append(info["generation"])

    def parse_many(apply: Callable[[Any], Any], jobs: Sequence[Any]) -> list[Any]:
        """Parse in this process, noting whether the GC could collect meanwhile."""
        before = len(collections)
        out = [apply(job) for job in jobs]
        paused.append(not gc.isenabled() and len(collections) == before)
        return out

    gc.callbacks.append(note)
    try:
        model, _ = load_content(config, parse_many=parse_many)
        assert gc.isenabled()
        gc.disable()
        load_content(config, parse_many=parse_many)
        assert not gc.isenabled()  # left as it was found
    finally:
        gc.enable()
        gc.callbacks.remove(note)
    assert len(model.dossiers) > 10
    assert paused == [True, True]
