"""A process's long-lived objects frozen out of the cyclic GC's reach as they are made:
a command's module (`Command.load`), the imported pipeline
(`pipeline.build._import_publish`), the build cache an edit reads
(`pipeline.publish`) and the loaded model (`Pipeline.load` of a one-shot pipeline:
a build's, and `check`'s). The GC is paused while they are made; unfrozen, the
first collections after the pause walked all of them at once."""

from __future__ import annotations

import gc
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from support import make_project

from generator.content.config import load_config
from generator.pipeline import build, check, publish
from generator.pipeline.cache import BuildCache
from generator.pipeline.stages import Loaded, Pipeline


@pytest.fixture
def unfrozen() -> Iterator[None]:
    gc.unfreeze()
    yield
    gc.unfreeze()  # this test process lives on: nothing of it stays frozen


def _collectable(obj: object) -> bool:
    """Whether the cyclic GC walks `obj` in some generation (frozen ones are in none)."""
    return any(any(each is obj for each in gc.get_objects(g)) for g in range(3))


def test_a_build_freezes_the_model_it_loads_and_serve_does_not(
    tmp_path: Path, unfrozen: None
) -> None:
    config = load_config(make_project(tmp_path / "site", "reader"))
    for one_shot in (True, False):
        gc.unfreeze()
        loaded = Pipeline(config, one_shot=one_shot).load()
        dossier = next(iter(loaded.model.dossiers.values()))
        assert gc.is_tracked(dossier.versions)
        assert _collectable(dossier.versions) is not one_shot, one_shot
        assert gc.isenabled()


def test_the_imported_pipeline_is_frozen(unfrozen: None) -> None:
    assert gc.get_freeze_count() == 0
    publish = build._import_publish()
    assert gc.get_freeze_count() > 0
    assert not _collectable(publish.__globals__) and gc.isenabled()


def test_an_edit_build_freezes_the_cache_it_reads_before_the_gc_runs(
    tmp_path: Path, unfrozen: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Unpickling the cache runs with the GC paused; were it resumed as the read ends,
    its first collection (of the young generation: all the cache) came at once."""
    project = make_project(tmp_path / "site", "reader")
    build.run_build(project, search=False)
    page = next((project / "content").rglob("*.en.md"))
    page.write_text(page.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    collections: list[int] = []
    read: list[BuildCache | None] = []

    def note(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            collections.append(info["generation"])

    def reading(root: Path) -> BuildCache | None:
        gc.callbacks.append(note)
        try:
            read.append(publish_read(root))
        finally:
            gc.callbacks.remove(note)
        return read[-1]

    publish_read = publish.read_cache
    monkeypatch.setattr(publish, "read_cache", reading)
    assert build.run_build(project, search=False).cached
    cache = read[0]
    assert cache is not None and gc.is_tracked(cache.state)
    assert collections == []  # no collection walked what the read made
    assert not _collectable(cache.state)  # frozen: none will


def test_check_freezes_the_model_it_loads(
    tmp_path: Path, unfrozen: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`check` is one run, then its process ends, as a build: unfrozen, its model was
    walked by collection after collection while it linked, rendered and checked."""
    project = make_project(tmp_path / "site", "reader")
    loaded: list[Loaded] = []

    def load(self: Pipeline) -> Loaded:
        loaded.append(pipeline_load(self))
        return loaded[-1]

    pipeline_load = Pipeline.load
    monkeypatch.setattr(Pipeline, "load", load)
    report = check.check_site(project, jobs=1)
    assert report.pages_rendered > 0 and report.errors == 0
    dossier = next(iter(loaded[0].model.dossiers.values()))
    assert gc.is_tracked(dossier.versions)
    assert not _collectable(dossier.versions) and gc.isenabled()


def test_a_command_s_module_is_imported_frozen() -> None:
    """`check` imports the whole pipeline as its module loads (`Command.load`); in a
    fresh process, so that the import is not already done."""
    probe = (
        "import gc\n"
        "from generator.commands import COMMANDS\n"
        "next(c for c in COMMANDS if c.name == 'check').load()\n"
        "from generator.pipeline import stages\n"
        "walked = any(o is stages.__dict__ for g in range(3) for o in gc.get_objects(g))\n"
        "print(gc.get_freeze_count() > 0, walked, gc.isenabled())\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["True", "False", "True"]
