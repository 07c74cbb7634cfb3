"""What writers expect of Markdown: tables, footnotes, definition lists, figures, anchors.

Built from the spine fixture with real files: an image with alt text, caption
and credit is copied with the site (a missing one is an error at its file and
line), the front-matter `image:` becomes the page's figure and og:image, an
explicit heading id survives translation (a `javascript:` link is refused:
tests/test_hardening_publish.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from support import run_cli

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082"
)

BODY = """
## Sejarah {#history}

| Tahun | Peristiwa |
|-------|-----------|
| 2021  | Kabul     |

Taliban memerangi ISIS.[^1]

[^1]: Menurut sumber.

Kelompok
: Sebuah organisasi.

![Pejuang Taliban di Kabul](images/kabul.png "Kabul, Agustus 2021 | Foto: AFP")
"""


def _write(project: Path) -> Path:
    (project / "content/images").mkdir(parents=True)
    (project / "content/images/kabul.png").write_bytes(PNG)
    actor = project / "content/actors/taliban.id.md"
    text = actor.read_text("utf-8").replace(
        "sources:", "image: {src: images/kabul.png, alt: Kabul, credit: AFP}\nsources:", 1
    )
    actor.write_text(text + BODY, "utf-8")
    # The English text links to the anchor by its explicit id.
    english = project / "content/actors/taliban.en.md"
    english.write_text(
        english.read_text("utf-8") + "\n## History {#history}\n\nSee [above](#history).\n"
    )
    return actor


@pytest.mark.slow
def test_tables_footnotes_deflists_figures_and_og_image(project: Path) -> None:
    _write(project)
    result = run_cli(project, "build")
    assert result.returncode == 0, result.stderr
    html = (project / "public/id/aktor/taliban/index.html").read_text("utf-8")
    assert "<table>" in html and "<th>Tahun</th>" in html
    assert 'class="footnotes' in html or "footnote" in html
    assert "<dl>" in html and "<dt>Kelompok</dt>" in html
    assert '<figure><img src="../../../images/kabul.png" alt="Pejuang Taliban di Kabul"' in html
    assert '<figcaption>Kabul, Agustus 2021 <span class="credit">Foto: AFP</span>' in html
    assert (
        '<meta property="og:image" content="https://explainer.example.org/images/kabul.png">'
        in html
    )
    assert 'id="history"' in html
    assert (project / "public/images/kabul.png").read_bytes() == PNG
    english = (project / "public/en/actors/taliban/index.html").read_text("utf-8")
    assert 'id="history"' in english and "og:image" in english  # the picture is shared


def test_a_missing_image_is_an_error_naming_file_and_line(project: Path) -> None:
    actor = _write(project)
    (project / "content/images/kabul.png").unlink()
    result = run_cli(project, "build")
    assert result.returncode == 1
    lines = actor.read_text("utf-8").split("\n")
    figure = next(i for i, line in enumerate(lines, 1) if line.startswith("![Pejuang"))
    front = next(i for i, line in enumerate(lines, 1) if line.startswith("image:"))
    stderr = result.stderr
    assert (
        f"content/actors/taliban.id.md:{figure}: error: image 'images/kabul.png' not found"
        in stderr
    )
    assert (
        f"content/actors/taliban.id.md:{front}: error: image 'images/kabul.png' not found" in stderr
    )
