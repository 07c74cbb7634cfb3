"""`explainer init DIR`: a new, empty site that builds with `--strict` at once.

Writes site.yaml (languages, title, base URL, a commented vocabulary
example), a home and an about page in every language (translations stamped
as translations of the default language's text), an empty templates/ for
overrides of the package theme, seeds/, .gitignore and a short README. The
theme itself stays in the package. A language the theme has no UI strings
for gets a copy of the first language's strings to translate. DIR must not
exist or be empty: `init` never overwrites anything.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass
from pathlib import Path

from generator.console import display_path
from generator.content.config import BASE_URL, LANG_CODE
from generator.errors import UsageError
from generator.graph.translations import hash_text
from generator.theme_files import I18N_DIR, SITE_TEMPLATES, THEME_DIR

LANGUAGE_NAMES = {"id": "Bahasa Indonesia", "en": "English", "ms": "Bahasa Melayu"}
# The starter pages' text per language; other languages start from the default's text to translate.
PAGES = {
    "home": {
        "en": ("Home", "What this explainer is about.", "Start with the [[about]] page."),
        "id": ("Beranda", "Tentang apa penjelasan ini.", "Mulai dari halaman [[about]]."),
    },
    "about": {
        "en": (
            "About",
            "How this site is made.",
            "## Method\n\nEvery claim cites its source. The words the dossiers use are listed below.",
        ),
        "id": (
            "Tentang",
            "Cara situs ini dibuat.",
            "## Metode\n\nSetiap klaim merujuk pada sumbernya. Kosakata dosier tercantum di bawah.",
        ),
    },
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("dir", type=Path, metavar="DIR", help="the new site's folder")
    parser.add_argument("--title", default="My explainer", help="the site's title")
    parser.add_argument(
        "--languages",
        default="id,en",
        help="language codes, the default first (default: id,en)",
    )
    parser.add_argument(
        "--base-url", default="https://example.org/", help="where the site will be published"
    )


@dataclass(frozen=True)
class Plan:
    files: dict[str, str]  # relative path → text
    folders: tuple[str, ...]


def run(root: Path, args: argparse.Namespace) -> int:
    target: Path = args.dir if args.dir.is_absolute() else root / args.dir
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise UsageError(f"{display_path(target)} is not empty: init only creates a new site")
    plan = plan_site(args.title, _languages(args.languages), args.base_url)
    for folder in plan.folders:
        (target / folder).mkdir(parents=True, exist_ok=True)
    for name, text in plan.files.items():
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    shown = display_path(target)
    print(f"created a new site in {shown}")
    print(f"next: cd {shown} && explainer new actor SLUG, then explainer serve")
    return 0


def _languages(text: str) -> list[str]:
    codes = [code.strip() for code in text.split(",") if code.strip()]
    bad = [code for code in codes if not LANG_CODE.match(code)]
    if not codes or bad or len(set(codes)) != len(codes):
        raise UsageError(f"--languages takes distinct language codes such as id,en; got '{text}'")
    return codes


def plan_site(title: str, languages: list[str], base_url: str) -> Plan:
    if not BASE_URL.match(base_url):  # as `build` checks it: a newline would write a key
        raise UsageError(
            f"--base-url must be an absolute http(s) URL, e.g. https://example.org/, "
            f"not {base_url!r}"
        )
    files = {
        "site.yaml": _site_yaml(title, languages, base_url),
        ".gitignore": "public/\n.public.*/\n.cache/\n.explainer-journal/\n__pycache__/\n",
        "README.md": _readme(title),
        "seeds/README.md": "Put article texts to ingest here: `explainer ingest seeds/FILE.txt`.\n",
        f"{SITE_TEMPLATES}/README.md": (
            "A file placed here overrides the theme's file of the same name (the\n"
            "theme is generator/theme/ in the installed explainer package): copy\n"
            "one here, e.g. page.html, static/style.css or i18n/en.yaml, and edit it.\n"
        ),
    }
    first = languages[0]
    for code in languages:
        if not (THEME_DIR / I18N_DIR / f"{code}.yaml").is_file():
            fallback = "en" if first not in ("en", "id") else first
            theme = (THEME_DIR / I18N_DIR / f"{fallback}.yaml").read_text(encoding="utf-8")
            files[f"{SITE_TEMPLATES}/{I18N_DIR}/{code}.yaml"] = (
                f"# UI strings for '{code}', copied from '{fallback}': translate them.\n" + theme
            )
    for slug, texts in PAGES.items():
        original = texts.get(first, texts["en"])
        for code in languages:
            files[f"content/pages/{slug}.{code}.md"] = _page(
                texts.get(code), original, first, code == first
            )
    return Plan(files, ("content/actors", "content/relationships", "content/sources"))


def _page(
    text: tuple[str, str, str] | None, original: tuple[str, str, str], first: str, is_first: bool
) -> str:
    title, summary, body = text or original
    lines = ["---", f"title: {json.dumps(title, ensure_ascii=False)}"]
    lines.append(f"summary: {json.dumps(summary, ensure_ascii=False)}")
    if not is_first:
        if text is None:
            # An untranslated page would fail `build --strict`: start from the text to translate.
            lines.insert(
                1, "# Starter text from `explainer init`: translate it into this language."
            )
        else:
            # Stamped as a translation of the default language's page, so `check` notices edits.
            lines.append(f"translated_from: {{lang: {first}, hash: {hash_text(*original)}}}")
    return "\n".join([*lines, "---", body, ""])


def _site_yaml(title: str, languages: list[str], base_url: str) -> str:
    def per_language(value: str) -> str:
        return "\n".join(f"  {code}: {json.dumps(value, ensure_ascii=False)}" for code in languages)

    language_lines = []
    for index, code in enumerate(languages):
        language_lines.append(f"  - code: {code}")
        language_lines.append(f"    name: {LANGUAGE_NAMES.get(code, code)}")
        if index == 0:
            language_lines.append("    default: true")
    return f"""# The site's configuration (see the explainer README for every key).
base_url: {base_url.rstrip("/")}/

languages:
{chr(10).join(language_lines)}

title:
{per_language(title)}

description:
{per_language(title)}

# The words dossiers may use. Leave a group out to keep the defaults (see the
# about page); a group given here replaces them. Each entry names its label in
# every language; a link type may give the stance its events take by default.
# vocabulary:
#   actor_kinds:
#     party: {{{", ".join(f"{c}: …" for c in languages)}, plural: {{…}}}}
#     person: {{}}          # labels from the theme
#   link_types:
#     nominates: {{{", ".join(f"{c}: …" for c in languages)}, stance: cooperative}}

# The full text of a source belongs to its publisher: published only when true.
publish_source_text: false
"""


def _readme(title: str) -> str:
    return f"""# {title}

An explainer site built with `explainer`.

- `explainer new actor SLUG` (or `relationship A B`, `source SLUG`, `page SLUG`): a new dossier in every language.
- `explainer ingest seeds/article.txt`: draft a source dossier from an article.
- `explainer check`: every problem, with file and line.
- `explainer serve`: build and preview at http://127.0.0.1:8000/, rebuilding on every save.
- `explainer build --strict`: the site into `public/`, failing on any warning.

Dossiers live in `content/<section>/<slug>.<lang>.md`; the site's words
(actor kinds, link types, stances) in `site.yaml` under `vocabulary:`.
Override a theme template by placing a file of the same name in `templates/`.
"""
