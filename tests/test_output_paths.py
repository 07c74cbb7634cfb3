"""Writing the output (`pipeline.output.Output`) never reaches outside the output folder.

A file's path must be plain names under the staging folder, and nothing a
recycled spare holds (a planted symlink, a folder linked out of the project)
is ever written through: the check is on the path's text, and the staging
folder is emptied of every symlink before anything is written into it. A
cold build's page folders, made while it renders (`pipeline.folders`), are
made only in folders the build made empty.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.errors import ExplainerError
from generator.pipeline.outdir import MARKER
from generator.pipeline.output import Output
from generator.pipeline.swap import spare_dir


def _publish(target: Path, files: dict[str, bytes]) -> None:
    output = Output.begin(target, spool=False)
    try:
        output.put(files)
        output.commit()
    except BaseException:
        output.abandon()
        raise
    finally:
        output.close()


@pytest.mark.parametrize(
    "name", ["../outside.html", "a/../../outside.html", "/tmp/x.html", "a//b.html", "./a.html", ""]
)
def test_a_path_that_is_not_plain_names_is_refused_and_nothing_is_written(
    tmp_path: Path, name: str
) -> None:
    target = tmp_path / "site" / "public"
    _publish(target, {"index.html": b"first"})
    with pytest.raises(ExplainerError, match="escapes the output folder"):
        _publish(target, {"index.html": b"second", name: b"stray"})
    assert (target / "index.html").read_bytes() == b"first"
    assert not (tmp_path / "site" / "outside.html").exists()
    assert not (tmp_path / "outside.html").exists()
    assert sorted(p.name for p in (tmp_path / "site").iterdir()) == ["public"]


def test_a_folder_of_the_spare_linked_out_is_never_written_through(tmp_path: Path) -> None:
    target = tmp_path / "site" / "public"
    outside = tmp_path / "outside"
    outside.mkdir()
    _publish(target, {"index.html": b"one", "en/a/index.html": b"a"})
    _publish(target, {"index.html": b"two", "en/a/index.html": b"a"})  # leaves the spare
    spare = spare_dir(target)
    assert (spare / MARKER).is_file()
    (spare / "en" / "b").symlink_to(outside, target_is_directory=True)
    _publish(target, {"index.html": b"three", "en/b/index.html": b"b"})
    assert list(outside.iterdir()) == []
    page = target / "en" / "b" / "index.html"
    assert page.read_bytes() == b"b"
    assert not (target / "en" / "b").is_symlink()


PAGES = {f"en/actors/a{n}/index.html": f"page {n}".encode() for n in range(5)}


def test_a_cold_builds_page_folders_and_its_spares_are_made_before_it_writes(
    tmp_path: Path,
) -> None:
    """Told of the pages early, a cold build makes their folders meanwhile, in its staging
    folder and in the copy that becomes the next build's spare; writing only moves the
    files in, and the spare is the output linked, folders 0755 whatever the umask."""
    target = tmp_path / "site" / "public"
    output = Output.begin(target, spool=False)
    old = os.umask(0o077)
    try:
        output.prepare()
        output.expect([*PAGES, "index.html"], spare=True)
        output.settle()
        early = sorted(p.name for p in target.parent.iterdir() if ".public.new-" in p.name)
        assert len(early) == 2  # the staging folder and the spare's copy
        for name in early:
            assert (target.parent / name / "en/actors/a3").is_dir()
            assert not list((target.parent / name / "en/actors/a3").iterdir())
        output.put({**PAGES, "index.html": b"home"})
        output.commit(leave_spare=True)
    finally:
        os.umask(old)
        output.close()
    spare = spare_dir(target)
    assert sorted(p.name for p in target.parent.iterdir()) == [".public.spare", "public"]
    for name in PAGES:
        assert (target / name).read_bytes() == PAGES[name]
        assert (spare / name).stat().st_ino == (target / name).stat().st_ino
    for folder in (target, spare):
        for path in [folder, *folder.rglob("*")]:
            mode = path.stat().st_mode & 0o777
            assert mode == (0o755 if path.is_dir() else 0o644), path


def test_a_build_that_fails_after_its_folders_were_begun_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "site" / "public"
    output = Output.begin(target, spool=False)
    output.prepare()
    output.expect(list(PAGES), spare=True)
    output.settle()
    with pytest.raises(ExplainerError):
        output.put({**PAGES, "../outside.html": b"x"})
    output.abandon()
    output.close()
    assert list((tmp_path / "site").iterdir()) == []


def test_nothing_is_made_early_in_a_recycled_spare(tmp_path: Path) -> None:
    """A spare is checked entry by entry as it is emptied (`_recycle`): folders are made
    early only in a staging folder the build made empty, never through what a spare holds."""
    target = tmp_path / "site" / "public"
    outside = tmp_path / "outside"
    outside.mkdir()
    _publish(target, {"index.html": b"one"})
    _publish(target, {"index.html": b"two"})  # leaves the spare
    spare = spare_dir(target)
    (spare / "en").symlink_to(outside, target_is_directory=True)
    output = Output.begin(target, spool=False)
    try:
        output.prepare()
        output.expect(list(PAGES), spare=True)
        output.settle()
        assert list(outside.iterdir()) == []
        output.put({**PAGES, "index.html": b"three"})
        output.commit(leave_spare=True)
    finally:
        output.close()
    assert list(outside.iterdir()) == []
    assert (target / "en/actors/a1/index.html").read_bytes() == b"page 1"
    assert not (target / "en").is_symlink()
