"""Images a dossier shows: found in its text and front-matter, checked to exist.

An image path is relative to content/ (`images/milley.jpg` is
content/images/milley.jpg) and is published at the same path; an http(s)
URL is left as it is. A missing file, or a path that leaves content/, is an
error at the file and line that names it.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from generator.content.markup import extract_images, local_image
from generator.content.model import Image
from generator.errors import Problem

if TYPE_CHECKING:  # load imports this module; the types only are needed here
    from generator.content.files import ContentFile
    from generator.content.schema import FieldReader


def check_images(
    reader: FieldReader,
    file: ContentFile,
    image: Image | None,
    summary: str,
    body: str,
    body_line: int,
) -> tuple[str, ...]:
    """The local images of one file (content/-relative); a problem for each that is missing."""
    content = file.path.parent.parent
    found: list[tuple[str, int | None]] = []
    if image is not None:
        found.append((image.src, reader.front.line_of("image.src")))
    found += [(src, body_line + line) for src, line in extract_images(body)]
    summary_line = reader.front.line_of("summary") or 1
    found += [(src, summary_line + line) for src, line in extract_images(summary)]
    out: list[str] = []
    for src, line in found:
        path = local_image(src)
        if path is None:
            continue
        parts = PurePosixPath(path).parts
        if not path or ".." in parts:
            reader.problems.append(
                Problem(reader.path, line, f"image '{src}' must be a path inside content/")
            )
            continue
        if not (content / path).is_file():
            reader.problems.append(
                Problem(
                    reader.path,
                    line,
                    f"image '{src}' not found: put the file at content/{path} "
                    "(image paths are relative to content/)",
                )
            )
            continue
        out.append(path)
    return tuple(dict.fromkeys(out))
