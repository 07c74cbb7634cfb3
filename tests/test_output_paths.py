"""Writing the output never reaches outside the output folder (`pipeline.output.Output.put`).

A file's path must be plain names under the staging folder, and nothing a
recycled spare holds (a planted symlink, a folder linked out of the project)
is ever written through: the check is on the path's text, and the staging
folder is emptied of every symlink before anything is written into it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import ExplainerError
from generator.pipeline.outdir import MARKER
from generator.pipeline.output import write_whole
from generator.pipeline.swap import spare_dir


@pytest.mark.parametrize(
    "name", ["../outside.html", "a/../../outside.html", "/tmp/x.html", "a//b.html", "./a.html", ""]
)
def test_a_path_that_is_not_plain_names_is_refused_and_nothing_is_written(
    tmp_path: Path, name: str
) -> None:
    target = tmp_path / "site" / "public"
    write_whole(target, {"index.html": b"first"})
    with pytest.raises(ExplainerError, match="escapes the output folder"):
        write_whole(target, {"index.html": b"second", name: b"stray"})
    assert (target / "index.html").read_bytes() == b"first"
    assert not (tmp_path / "site" / "outside.html").exists()
    assert not (tmp_path / "outside.html").exists()
    assert sorted(p.name for p in (tmp_path / "site").iterdir()) == ["public"]


def test_a_folder_of_the_spare_linked_out_is_never_written_through(tmp_path: Path) -> None:
    target = tmp_path / "site" / "public"
    outside = tmp_path / "outside"
    outside.mkdir()
    write_whole(target, {"index.html": b"one", "en/a/index.html": b"a"})
    write_whole(target, {"index.html": b"two", "en/a/index.html": b"a"})  # leaves the spare
    spare = spare_dir(target)
    assert (spare / MARKER).is_file()
    (spare / "en" / "b").symlink_to(outside, target_is_directory=True)
    write_whole(target, {"index.html": b"three", "en/b/index.html": b"b"})
    assert list(outside.iterdir()) == []
    page = target / "en" / "b" / "index.html"
    assert page.read_bytes() == b"b"
    assert not (target / "en" / "b").is_symlink()
