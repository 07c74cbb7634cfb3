"""Only what is meant to be published is (issue 21, findings N5-N7).

An image is a real file in content/images/ whose bytes are the type its
extension names, or an http(s) URL. A dossier, a source's text, a draft, the
ingest manifest, anything reached through a symlink (even one inside the
project), a file whose bytes are another type, and an SVG that can run script
or fetch from outside are refused at the line that names them, and nothing is
written. A refused `image.src` never reaches `<img src>` or `og:image`.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from support import SRC, TAL, Run, assert_clean_failure, edit, make_project, run_cli

from generator.content.images import read_image
from generator.errors import ExplainerError

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082"
)

RASTERS = {
    "a.png": PNG,
    "b.jpg": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9",
    "c.jpeg": b"\xff\xd8\xff\xdb\x00\x43\x00" + bytes(65) + b"\xff\xd9",
    "d.gif": b"GIF89a\x01\x00\x01\x00\x00\x00\x00;",
    "e.webp": b"RIFF\x1a\x00\x00\x00WEBPVP8L\x0d\x00\x00\x00/\x00\x00\x00\x10\x07\x10\x11\x11\x88\x88\xfe\x07\x00",
    "f.avif": b"\x00\x00\x00\x1cftypavif\x00\x00\x00\x00avifmif1miaf" + bytes(16),
    "g.avif": b"\x00\x00\x00\x20ftypmif1\x00\x00\x00\x00mif1avifmiafMA1B" + bytes(8),
}
GOOD_SVG = b"""<?xml version="1.0" encoding="UTF-8"?>
<!-- Created with Inkscape -->
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
     xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"
     xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
     xmlns:dc="http://purl.org/dc/elements/1.1/" viewBox="0 0 10 10" inkscape:version="1.3">
  <metadata><rdf:RDF><dc:title>Peta</dc:title></rdf:RDF></metadata>
  <title>Peta</title>
  <defs>
    <linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient>
    <style>.a { fill: url(#g); stroke: url( '#g' ) }</style>
  </defs>
  <g id="a" style="fill:url(#g)"><rect class="a" width="5" height="5"/></g>
  <use href="#a" x="5"/><use xlink:href="#a" y="5"/>
  <image width="1" height="1" href="data:image/png;base64,iVBORw0KGgo="/>
  <text x="1" y="9">Kabul <tspan>2021</tspan></text>
  <animate attributeName="opacity" from="0" to="1" dur="1s"/>
</svg>
"""


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_project(tmp_path_factory.mktemp("publish") / "site")


@contextlib.contextmanager
def restored(project: Path) -> Iterator[Path]:
    """The project as it was after the block: its dossiers, images/, output and cache."""
    saved = {p: p.read_bytes() for p in (project / "content").rglob("*.md")}
    try:
        yield project
    finally:
        for path in (project / "content").rglob("*.md"):
            if path not in saved:
                path.unlink()
        for path, data in saved.items():
            path.write_bytes(data)
        for name in ("content/images", "public", ".cache", "outside", ".env"):
            target = project / name
            if target.is_symlink() or target.is_file():
                target.unlink()
            elif target.exists():
                shutil.rmtree(target)


def _show(project: Path, *markdown: str) -> tuple[Run, list[int]]:
    """Build with each Markdown line appended to the Taliban dossier; (result, their lines)."""
    path = project / TAL
    text = path.read_text("utf-8").rstrip("\n") + "\n"
    lines = []
    for item in markdown:
        text += "\n" + item + "\n"
        lines.append(text.count("\n"))
    path.write_text(text, "utf-8")
    return run_cli(project, "build"), lines


def _images(project: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        target = project / "content/images" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def test_images_of_every_type_are_published_byte_for_byte(base: Path) -> None:
    with restored(base):
        _images(base, {**RASTERS, "peta/h.svg": GOOD_SVG, "I.PNG": PNG})
        names = [*RASTERS, "peta/h.svg", "I.PNG"]
        result, _ = _show(base, *(f"![{n}](images/{n})" for n in names))
        assert result.returncode == 0, result.output
        for name in names:
            source = base / "content/images" / name
            assert (base / "public/images" / name).read_bytes() == source.read_bytes()


@pytest.mark.parametrize(
    ("src", "needle"),
    [
        (f"{SRC.removeprefix('content/')}", "is not in content/images/"),
        ("sources/arrahmah-2025-05-02.en.md", "is not in content/images/"),
        (".ingest-manifest.json", "must be a path inside content/images/, without '..' or hidden"),
        ("actors/taliban.id.md", "is not in content/images/"),
        ("images/../actors/taliban.id.md", "must be a path inside content/images/, without"),
        ("images/.env.png", "must be a path inside content/images/, without '..' or hidden"),
        ("images/notes.txt", "is not an image: the extension must be one of"),
        ("images//a.png", "must be written as images/a.png"),
        ("images/missing.png", "not found: put the file at content/images/missing.png"),
    ],
)
def test_a_path_outside_the_image_folder_is_refused(base: Path, src: str, needle: str) -> None:
    with restored(base):
        _images(base, {"a.png": PNG, "notes.txt": b"# notes", ".env.png": PNG})
        (base / "content/.ingest-manifest.json").write_text("{}")
        result, lines = _show(base, f"![x]({src})")
        (base / "content/.ingest-manifest.json").unlink()
    assert_clean_failure(result, f"{TAL}:{lines[0]}: error: image '{src}' {needle}")
    assert not (base / "public").exists()


def test_a_source_text_and_a_draft_are_never_published_as_images(base: Path) -> None:
    """The probe's case: publish_source_text is false, yet the image syntax published the
    source's full text; a draft dossier likewise, under an image's name."""
    with restored(base):
        images = base / "content/images"
        images.mkdir()
        shutil.copy(base / SRC, images / "source.png")
        (base / "content/actors/draft-x.id.md").write_text(
            "---\ntitle: X\ndraft: true\n---\nRahasia.\n"
        )
        shutil.copy(base / "content/actors/draft-x.id.md", images / "draft.gif")
        result, lines = _show(base, "![s](images/source.png)", "![d](images/draft.gif)")
        assert_clean_failure(result)
        assert (
            f"{TAL}:{lines[0]}: error: image 'images/source.png' is not a PNG image"
            in result.stderr
        )
        assert (
            f"{TAL}:{lines[1]}: error: image 'images/draft.gif' is not a GIF image" in result.stderr
        )
        assert not (base / "public").exists()


def test_nothing_is_published_through_a_symlink_even_inside_the_project(base: Path) -> None:
    with restored(base):
        (base / ".env").write_bytes(PNG[:8] + b"SECRET=hunter2\n")  # a PNG's magic, a secret
        (base / "outside").mkdir()
        (base / "outside/real.png").write_bytes(PNG)
        images = base / "content/images"
        images.mkdir()
        (images / "env.png").symlink_to("../../.env")
        (images / "site.svg").symlink_to("../../site.yaml")
        (images / "linked").symlink_to("../../outside", target_is_directory=True)
        (images / "real.png").write_bytes(PNG)
        (images / "hard.png").hardlink_to(images / "real.png")  # a hard link is a real file
        result, lines = _show(
            base,
            "![e](images/env.png)",
            "![s](images/site.svg)",
            "![l](images/linked/real.png)",
            "![r](images/real.png)",
            "![h](images/hard.png)",
        )
        assert_clean_failure(result)
        assert f"{TAL}:{lines[0]}: error: image 'images/env.png' is a symlink" in result.stderr
        assert f"{TAL}:{lines[1]}: error: image 'images/site.svg' is a symlink" in result.stderr
        assert (
            f"{TAL}:{lines[2]}: error: image 'images/linked/real.png' is reached through "
            "a symlink (linked)" in result.stderr
        )
        assert "real.png'" not in result.stderr.replace("linked/real.png'", "")
        assert "hard.png" not in result.stderr
        assert not (base / "public").exists()


@pytest.mark.parametrize(
    ("name", "data", "needle"),
    [
        ("a.jpg", PNG, "is a PNG image, not JPEG as its extension says"),
        ("a.png", b"<html><script>alert(1)</script>", "is not a PNG image"),
        ("a.gif", b"GIF89", "is not a GIF image"),
        ("a.webp", b"RIFF\x00\x00\x00\x00WAVEfmt ", "is not a WebP image"),
        ("a.avif", b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom", "is not a AVIF image"),
        ("a.png", b"", "is not a PNG image"),
        ("a.svg", PNG, "is refused: it is not well-formed XML"),
    ],
)
def test_the_bytes_must_be_the_type_the_extension_names(
    base: Path, name: str, data: bytes, needle: str
) -> None:
    with restored(base):
        _images(base, {name: data})
        result, lines = _show(base, f"![x](images/{name})")
    assert_clean_failure(result, f"{TAL}:{lines[0]}: error: image 'images/{name}' {needle}")


SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">\n{}\n</svg>'
HOSTILE_SVGS = {
    "script": (SVG.format("<script>alert(1)</script>"), "<script>, which is not drawing"),
    "onload": (
        '<svg xmlns="http://www.w3.org/2000/svg"\n onload="alert(1)"/>',
        "an event handler onload=",
    ),
    "handler on a shape": (SVG.format('<rect ONCLICK="alert(1)"/>'), "event handler ONCLICK="),
    "foreignObject": (
        SVG.format('<foreignObject><p xmlns="http://www.w3.org/1999/xhtml">x</p></foreignObject>'),
        "<foreignObject>, which is not drawing",
    ),
    "xhtml script": (
        SVG.format('<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script>'),
        "<script> in http://www.w3.org/1999/xhtml namespace",
    ),
    "no namespace": (SVG.format('<x xmlns="">y</x>'), "<x> in no namespace"),
    "external use": (SVG.format('<use href="https://x.test/a.svg#a"/>'), "a reference outside"),
    "xlink javascript": (
        SVG.format('<a xlink:href="javascript:alert(1)"><text>x</text></a>'),
        "xlink:href=",
    ),
    "external image": (SVG.format('<image href="/etc/passwd"/>'), "href='/etc/passwd'"),
    "svg data image": (
        SVG.format('<image href="data:image/svg+xml;base64,PHN2Zz4="/>'),
        "a reference outside",
    ),
    "style url": (
        SVG.format('<rect style="fill: url(https://x.test/track)"/>'),
        "a reference outside",
    ),
    "attribute url": (SVG.format('<rect fill="url(//x.test/a#b)"/>'), "a reference outside"),
    "style import": (
        SVG.format('<style>@import "https://x.test/a.css";</style>'),
        "a <style> that fetches from outside",
    ),
    "style background": (
        SVG.format("<style>rect { background: url(http://x.test/) }</style>"),
        "a <style> that fetches",
    ),
    "animate href": (
        SVG.format('<a><animate attributeName="href" values="javascript:alert(1)"/></a>'),
        "an animation of href",
    ),
    "set xlink:href": (
        SVG.format('<a><set attributeName="xlink:href" to="https://x.test/"/></a>'),
        "an animation of href",
    ),
    "billion laughs": (
        '<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n'
        '<svg xmlns="http://www.w3.org/2000/svg"><text>&b;</text></svg>',
        "line 2 of the SVG has a DOCTYPE",
    ),
    "external entity": (
        '<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        '<svg xmlns="http://www.w3.org/2000/svg"><text>&x;</text></svg>',
        "a DOCTYPE",
    ),
    "stylesheet": (
        '<?xml-stylesheet href="https://x.test/a.css"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>',
        "a processing instruction <?xml-stylesheet?>",
    ),
    "html root": ("<html><body>x</body></html>", "<html> as its root"),
    "broken": ("<svg xmlns='http://www.w3.org/2000/svg'><g></svg>", "not well-formed XML"),
}


@pytest.mark.parametrize("case", HOSTILE_SVGS)
def test_an_svg_that_can_run_script_or_fetch_is_refused(base: Path, case: str) -> None:
    svg, needle = HOSTILE_SVGS[case]
    with restored(base):
        _images(base, {"x.svg": svg.encode()})
        result, lines = _show(base, "![x](images/x.svg)")
    assert_clean_failure(result, f"{TAL}:{lines[0]}: error: image 'images/x.svg' is refused: ")
    assert needle in result.stderr, result.stderr
    assert "line " in result.stderr.split("is refused: ")[1]


@pytest.mark.parametrize(
    ("src", "needle"),
    [
        ("javascript:alert(1)", "uses the scheme 'javascript:'"),
        ("JAVASCRIPT:alert(1)", "uses the scheme 'javascript:'"),
        (" javascript:alert(1)", "uses the scheme 'javascript:'"),
        ("data:image/png;base64,iVBORw0KGgo=", "uses the scheme 'data:'"),
        ("vbscript:msgbox(1)", "uses the scheme 'vbscript:'"),
        ("file:///etc/passwd", "uses the scheme 'file:'"),
        ("//x.test/a.png", "has no scheme: write it as https://"),
        ("sources/arrahmah-2025-05-02.id.md", "is not in content/images/"),
    ],
)
def test_a_front_matter_image_of_another_scheme_never_reaches_a_page(
    base: Path, src: str, needle: str
) -> None:
    with restored(base):
        edit(base / TAL, "sources:", f"image: {{src: '{src}', alt: x}}\nsources:")
        result = run_cli(base, "build")
    assert_clean_failure(result, f"{TAL}:5: error: image '{src}' {needle}")
    assert not (base / "public").exists()


def test_an_https_front_matter_image_is_the_og_image(base: Path) -> None:
    with restored(base):
        edit(base / TAL, "sources:", "image: {src: 'https://x.test/a.png', alt: x}\nsources:")
        assert run_cli(base, "build").returncode == 0
        html = (base / "public/id/aktor/taliban/index.html").read_text("utf-8")
    assert '<meta property="og:image" content="https://x.test/a.png">' in html


def test_an_image_swapped_after_the_check_is_refused_when_published(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "images").mkdir(parents=True)
    (content / "images/a.png").write_bytes(PNG)
    assert read_image(content, "images/a.png", tmp_path) == PNG
    (tmp_path / "secret").write_text("SECRET")
    os.replace(content / "images/a.png", tmp_path / "old.png")
    (content / "images/a.png").symlink_to(tmp_path / "secret")
    with pytest.raises(ExplainerError, match=r"content/images/a\.png: error: image is a symlink"):
        read_image(content, "images/a.png", tmp_path)
    (content / "images/a.png").unlink()
    (content / "images/a.png").write_bytes(b"SECRET")
    with pytest.raises(ExplainerError, match="is not a PNG image"):
        read_image(content, "images/a.png", tmp_path)


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "data:text/html,x", "ftp://x.test/", "//x.test/", " https://x"]
)
def test_a_source_url_is_http_or_https_only(base: Path, url: str) -> None:
    with restored(base):
        edit(base / SRC, "publisher:", f"url: '{url}'\npublisher:")
        line = base.joinpath(SRC).read_text("utf-8").split("\n").index(f"url: '{url}'") + 1
        result = run_cli(base, "build")
    assert_clean_failure(result, f"{SRC}:{line}: error: 'url' must be an http(s) URL")
