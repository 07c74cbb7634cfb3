"""Images a dossier shows: where they may come from and what they may be.

An image is an http(s) URL, or a file in the site's image folder,
content/images/ (`images/milley.jpg` is content/images/milley.jpg, published
at /images/milley.jpg). Nothing else under content/ is ever published as an
image: not a dossier, a source's text, a draft, nor the ingest manifest. The
file must be real: no folder on its way, nor the file, may be a symlink (even
to a file inside the project), and it must be a regular file. Its type is
read from its first bytes and must match its extension: PNG, JPEG, GIF, WebP,
AVIF, or SVG, which must be drawing and nothing more (`content.svg`). Every
refusal is an error at the file and line that names the image; the bytes are
checked again when they are published (`read_image`).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from generator.content.markup import extract_images
from generator.content.model import Image
from generator.content.schemes import image_url_problem, scheme_of
from generator.content.svg import svg_problem
from generator.errors import ExplainerError, Problem
from generator.fsguard import read_bytes

if TYPE_CHECKING:  # load imports this module; the types only are needed here
    from generator.content.files import ContentFile
    from generator.content.schema import FieldReader

IMAGE_DIR = "images"  # under content/
MAX_IMAGE_BYTES = 10_000_000  # a photo for the web is far smaller; this bounds a build's memory
TYPES = {  # extension → the type its bytes must be
    ".png": "PNG",
    ".jpg": "JPEG",
    ".jpeg": "JPEG",
    ".gif": "GIF",
    ".webp": "WebP",
    ".avif": "AVIF",
    ".svg": "SVG",
}
SNIFF_BYTES = 64


def check_images(
    reader: FieldReader,
    file: ContentFile,
    image: Image | None,
    summary: str,
    body: str,
    body_line: int,
) -> tuple[str, ...]:
    """The local images of one file (content/-relative); a problem for each that is refused."""
    content = file.path.parent.parent
    found: list[tuple[str, int | None]] = []
    if image is not None:
        line = reader.front.line_of("image.src")
        problem = image_url_problem(image.src)
        if problem is not None:
            reader.problems.append(Problem(reader.path, line, problem))
        else:
            found.append((image.src, line))
    found += [(src, body_line + line) for src, line in extract_images(body)]
    summary_line = reader.front.line_of("summary") or 1
    found += [(src, summary_line + line) for src, line in extract_images(summary, inline=True)]
    out: list[str] = []
    for src, line in found:
        if scheme_of(src) is not None:
            continue  # an http(s) URL (any other scheme was refused above or by markup)
        path = src.lstrip("/")
        problem = path_problem(path) or file_problem(content, path)
        if problem is not None:
            reader.problems.append(Problem(reader.path, line, f"image '{src}' {problem}"))
        else:
            out.append(path)
    return tuple(dict.fromkeys(out))


def path_problem(path: str) -> str | None:
    """Why `path` (relative to content/) cannot name an image, before looking at files."""
    parts = PurePosixPath(path).parts
    if ".." in parts or any(part.startswith(".") for part in parts):
        return f"must be a path inside content/{IMAGE_DIR}/, without '..' or hidden names"
    if len(parts) < 2 or parts[0] != IMAGE_DIR:
        return (
            f"is not in content/{IMAGE_DIR}/: images are published only from there "
            f"(move the file to content/{IMAGE_DIR}/ and write {IMAGE_DIR}/<name>)"
        )
    if "/".join(parts) != path:
        return f"must be written as {'/'.join(parts)}"
    if PurePosixPath(path).suffix.lower() not in TYPES:
        return f"is not an image: the extension must be one of {', '.join(TYPES)}"
    return None


def file_problem(content: Path, path: str) -> str | None:
    """Why the file at content/`path` may not be published, or None."""
    target = content / path
    for folder in [content, *reversed(target.parents[: len(PurePosixPath(path).parts) - 1])]:
        try:
            info = os.lstat(folder)
        except OSError:
            break  # missing: reported below
        if stat.S_ISLNK(info.st_mode):
            return f"is reached through a symlink ({folder.name}): put the file itself there"
    try:
        info = os.lstat(target)
    except OSError:
        return f"not found: put the file at content/{path} (image paths are relative to content/)"
    if stat.S_ISLNK(info.st_mode):
        return "is a symlink: images are published only from real files; copy the file there"
    if not stat.S_ISREG(info.st_mode):
        return "is not a regular file"
    if info.st_size > MAX_IMAGE_BYTES:
        return f"is larger than {MAX_IMAGE_BYTES:,} bytes: resize it for the web"
    try:
        with open(target, "rb") as handle:
            head = handle.read(SNIFF_BYTES if not path.lower().endswith(".svg") else None)
    except OSError as exc:
        return f"cannot be read: {exc.strerror or exc}"
    return content_problem(path, head)


def content_problem(path: str, data: bytes) -> str | None:
    """Why these bytes are not the image type `path`'s extension names (an SVG: in full)."""
    expected = TYPES[PurePosixPath(path).suffix.lower()]
    if expected == "SVG":
        problem = svg_problem(data)
        return None if problem is None else f"is refused: {problem}"
    found = sniff(data)
    if found == expected:
        return None
    if found is not None:
        return (
            f"is a {found} image, not {expected} as its extension says: give it the "
            f"extension of a {found} file, or export it again as {expected}"
        )
    return f"is not a {expected} image (its first bytes are no image's): export it again"


def sniff(head: bytes) -> str | None:
    """The raster type the first bytes of a file show (magic numbers), or None."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "GIF"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WebP"
    if head[4:8] == b"ftyp":
        size = int.from_bytes(head[:4], "big")
        brands = [head[8:12]] + [head[i : i + 4] for i in range(16, min(size, len(head)), 4)]
        if b"avif" in brands or b"avis" in brands:
            return "AVIF"
    return None


def read_image(content: Path, path: str, root: Path) -> bytes:
    """The bytes of an image to publish, checked again as they are read."""
    shown = f"content/{path}"
    problem = path_problem(path) or file_problem(content, path)
    if problem is None:
        data = read_bytes(content / path, root, MAX_IMAGE_BYTES, shown)
        problem = content_problem(path, data)
        if problem is None:
            return data
    raise ExplainerError.single(shown, None, f"image {problem}")
