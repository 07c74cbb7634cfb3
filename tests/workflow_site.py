"""A small, clean bilingual project for the writer's-workflow tests.

Every dossier cites a source, every source is cited, both languages exist,
and the English files are stamped as translations of the Indonesian ones,
so `explainer check` reports it clean; tests plant one fault at a time.
"""

from __future__ import annotations

from pathlib import Path

from conftest import make_project

from generator.content.frontmatter import parse_front_matter
from generator.graph.translations import hash_text

FILES = {
    "actors/taliban.id.md": """---
title: Taliban
kind: armed-group
aliases: {id: [Taliban, IIA], en: [Taliban]}
summary: Kelompok yang menguasai Afganistan [@arrahmah-2025-05-02].
sources: [arrahmah-2025-05-02]
---
Taliban berhubungan dengan [[russia]].

## Sejarah

Lihat [Rusia](/id/aktor/russia/).
""",
    "actors/taliban.en.md": """---
title: The Taliban
summary: The group that rules Afghanistan [@arrahmah-2025-05-02].
---
The Taliban deal with [[russia]].

## History

See [Russia](../russia/).
""",
    "actors/russia.id.md": """---
title: Rusia
kind: state
aliases: [Rusia, Moskow]
summary: Negara [@arrahmah-2025-05-02].
---
Rusia.
""",
    "actors/russia.en.md": """---
title: Russia
summary: A state [@arrahmah-2025-05-02].
---
Russia.
""",
    "relationships/russia--taliban.id.md": """---
title: Rusia dan Taliban
actors: [russia, taliban]
timeline:
  - date: 2003
    type: designation
    stance: hostile
    claim_by: [russia]
    sources: [arrahmah-2025-05-02]
    text: {id: Rusia memasukkan Taliban ke daftar teroris., en: Russia listed the Taliban as terrorists.}
  - date: 2025-04
    type: delisting
    stance: cooperative
    sources: [arrahmah-2025-05-02]
    text: {id: Dihapus dari daftar., en: Delisted.}
---
Isi.
""",
    "relationships/russia--taliban.en.md": """---
title: Russia and the Taliban
---
Body.
""",
    "sources/arrahmah-2025-05-02.id.md": """---
title: Rusia akan bantu Taliban
publisher: Arrahmah.id
date: 2025-05-02
language: id
quotes:
  - speaker: russia
    text: "Kami akan memberikan bantuan terbaik kami"
    translation: {en: "We will give our best help"}
    about: [russia--taliban]
---
Teks artikel.
""",
    "sources/arrahmah-2025-05-02.en.md": """---
title: Russia will help the Taliban
---
""",
}


def write_content(content: Path) -> None:
    for name, text in FILES.items():
        path = content / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for name in FILES:
        if name.endswith(".en.md"):
            stamp(content / name)


def stamp(english: Path) -> str:
    """Stamp an English file as translated from its Indonesian original (as it is now)."""
    original = english.with_name(english.name.replace(".en.md", ".id.md"))
    front = parse_front_matter(original.read_text(encoding="utf-8"), str(original))
    digest = hash_text(
        str(front.data.get("title") or ""), str(front.data.get("summary") or ""), front.body
    )
    text = english.read_text(encoding="utf-8")
    lines = [line for line in text.split("\n") if not line.startswith("translated_from:")]
    lines.insert(1, f"translated_from: {{lang: id, hash: {digest}}}")
    english.write_text("\n".join(lines), encoding="utf-8")
    return digest


def make_workflow_project(dest: Path) -> Path:
    source = dest.parent / f"{dest.name}-content"
    write_content(source)
    return make_project(dest, source)
