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
import importlib.metadata
import json
from dataclasses import dataclass
from pathlib import Path

from generator.console import display_path
from generator.content.config import load_config
from generator.content.editor_schema import editor_schemas, schema_file
from generator.content.load import load_content
from generator.content.site_keys import BASE_URL, LANG_CODE
from generator.errors import UsageError
from generator.graph.translations import hash_text
from generator.theme_files import I18N_DIR, SITE_TEMPLATES, THEME_DIR
from generator.vocabulary import SECTION_NAMES

STARTER = Path(__file__).resolve().parent / "starter"
# Files `init` copies as they are: the CI workflows that check, build and publish.
STARTER_FILES = {
    ".github/workflows/publish.yml": "github-publish.yml",
    ".gitlab-ci.yml": "gitlab-ci.yml",
}
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
    parser.add_argument(
        "--title",
        action="append",
        metavar="[LANG=]TITLE",
        help='the site\'s title: once per language (--title id="…" --title en="…"), or '
        "once for the default language (the others are then marked to translate)",
    )
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
    """The files and folders `init` makes."""

    files: dict[str, str]  # relative path → text
    folders: tuple[str, ...]


def run(root: Path, args: argparse.Namespace) -> int:
    target: Path = args.dir if args.dir.is_absolute() else root / args.dir
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise UsageError(f"{display_path(target)} is not empty: init only creates a new site")
    languages = _languages(args.languages)
    titles = _titles(args.title or ["My explainer"], languages)
    plan = plan_site(titles, languages, args.base_url)
    for folder in plan.folders:
        (target / folder).mkdir(parents=True, exist_ok=True)
    for name, text in plan.files.items():
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    model, _ = load_content(load_config(target))
    for name, data in editor_schemas(model).items():
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        (target / name).write_bytes(data)
    shown = display_path(target)
    print(f"created a new site in {shown}")
    for code in languages:
        if code not in titles:
            print(
                f"the title in '{code}' is the '{languages[0]}' one for now: "
                f"translate it in site.yaml (title.{code}, description.{code})"
            )
    print(f"next: cd {shown} && explainer new actor SLUG, then explainer serve")
    return 0


def _languages(text: str) -> list[str]:
    codes = [code.strip() for code in text.split(",") if code.strip()]
    bad = [code for code in codes if not LANG_CODE.match(code)]
    if not codes or bad or len(set(codes)) != len(codes):
        raise UsageError(f"--languages takes distinct language codes such as id,en; got '{text}'")
    return codes


def _titles(given: list[str], languages: list[str]) -> dict[str, str]:
    """`--title` values: `LANG=TITLE` for one language, a bare TITLE for the default one."""
    titles: dict[str, str] = {}
    for value in given:
        code, sep, text = value.partition("=")
        if not sep or not LANG_CODE.match(code.strip()):
            code, text = languages[0], value
        code, text = code.strip(), text.strip()
        if code not in languages:
            raise UsageError(
                f"--title {value!r} names language '{code}', which --languages "
                f"({','.join(languages)}) does not list"
            )
        if not text:
            raise UsageError(f"--title {value!r} gives no title")
        if code in titles:
            raise UsageError(f"--title gives the '{code}' title twice")
        titles[code] = text
    if languages[0] not in titles:
        raise UsageError(
            f"--title gives no title in the default language '{languages[0]}': "
            f'add --title {languages[0]}="…"'
        )
    return titles


def plan_site(titles: dict[str, str], languages: list[str], base_url: str) -> Plan:
    if not BASE_URL.match(base_url):  # as `build` checks it: a newline would write a key
        raise UsageError(
            f"--base-url must be an absolute http(s) URL, e.g. https://example.org/, "
            f"not {base_url!r}"
        )
    files = {
        "site.yaml": _site_yaml(titles, languages, base_url),
        ".gitignore": "public/\n.public.*/\n.cache/\n.explainer-journal/\n__pycache__/\nnode_modules/\n",
        **_editor_files(),
        "README.md": _readme(titles[languages[0]]),
        "seeds/README.md": "Put article texts to ingest here: `explainer ingest seeds/FILE.txt`.\n",
        "requirements.txt": _requirements(),
        **{name: (STARTER / starter).read_text("utf-8") for name, starter in STARTER_FILES.items()},
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


def _site_yaml(titles: dict[str, str], languages: list[str], base_url: str) -> str:
    def per_language(values: dict[str, str]) -> str:
        lines = []
        for code in languages:
            text = json.dumps(values.get(code, values[languages[0]]), ensure_ascii=False)
            mark = "" if code in values else f"  # the {languages[0]} text: translate it"
            lines.append(f"  {code}: {text}{mark}")
        return "\n".join(lines)

    language_lines = []
    for index, code in enumerate(languages):
        language_lines.append(f"  - code: {code}")
        language_lines.append(f"    name: {LANGUAGE_NAMES.get(code, code)}")
        if index == 0:
            language_lines.append("    default: true")
    return f"""# The site's configuration (every key is in the explainer's docs/reference.md).
base_url: {base_url.rstrip("/")}/

languages:
{chr(10).join(language_lines)}

title:
{per_language(titles)}

description:
{per_language(titles)}

# The words dossiers may use. Leave a group out to keep the defaults (see the
# about page); a group given here replaces them. Each entry names its label in
# every language; a link type may give the stance its events take by default.
# vocabulary:
#   actor_kinds:
#     company: {{{", ".join(f"{c}: …" for c in languages)}, plural: {{…}}}}
#     person: {{}}          # labels from the theme
#   link_types:
#     nominates: {{{", ".join(f"{c}: …" for c in languages)}, stance: cooperative}}

# The full text of a source belongs to its publisher: published only when true.
publish_source_text: false
"""


def _editor_files() -> dict[str, str]:
    """VS Code's help with front-matter: remark's lint checks each dossier against its
    section's schema (`explainer schema`); a YAML language server alone does not read
    front-matter inside Markdown."""
    schemas = {f"./{schema_file(s)}": [f"./content/{s}/*.md"] for s in SECTION_NAMES}
    remark = {
        "plugins": ["remark-frontmatter", ["remark-lint-frontmatter-schema", {"schemas": schemas}]]
    }
    package = {
        "private": True,
        "description": "Editor help only (front-matter checked as you type); the site needs none of it.",
        "scripts": {"lint:front-matter": "remark content --quiet --frail"},
        "devDependencies": {
            "remark-cli": "^12.0.1",
            "remark-frontmatter": "^5.0.0",
            "remark-lint-frontmatter-schema": "^3.15.4",
        },
    }
    extensions = {"recommendations": ["unifiedjs.vscode-remark", "redhat.vscode-yaml"]}
    return {
        ".remarkrc.json": json.dumps(remark, indent=2) + "\n",
        "package.json": json.dumps(package, indent=2) + "\n",
        ".vscode/extensions.json": json.dumps(extensions, indent=2) + "\n",
    }


def _requirements() -> str:
    """What CI installs: this generator, from the repository it was installed from when
    pip recorded one (PEP 610's direct_url.json), else by its name and version."""
    try:
        dist = importlib.metadata.distribution("explainer")
        direct = json.loads(dist.read_text("direct_url.json") or "null")
        version = dist.version
    except (importlib.metadata.PackageNotFoundError, ValueError):
        direct, version = None, "0.1.0"
    vcs = direct.get("vcs_info") if isinstance(direct, dict) else None
    if isinstance(vcs, dict) and vcs.get("vcs") and isinstance(direct, dict):
        line = f"explainer @ {vcs['vcs']}+{direct['url']}@{vcs.get('commit_id', '')}".rstrip("@")
    else:
        line = f"explainer=={version}"
    return (
        "# The generator CI installs (.github/workflows/publish.yml, .gitlab-ci.yml).\n"
        "# Pin the version you build with; from a repository, write e.g.\n"
        "# explainer @ git+https://example.org/newsroom/explainer.git@v0.1.0\n"
        f"{line}\n"
    )


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

## Publishing

`explainer build --strict` writes the whole site into `public/`: plain files
that any static host serves as they are (GitHub or GitLab Pages, Netlify,
Cloudflare Pages, S3, or `rsync -a --delete public/ server:/var/www/site/`).
Set `base_url` in `site.yaml` to the address it will have.

Two CI workflows are ready: `.github/workflows/publish.yml` (GitHub Actions:
check, strict build, and on the default branch a GitHub Pages deploy; choose
"GitHub Actions" as the Pages source) and `.gitlab-ci.yml` (GitLab Pages
publishes `public/`). Both install what `requirements.txt` names.

## Help in your editor

`explainer schema` writes a JSON Schema for each section's front-matter into
`.schema/` (every key, the site's vocabularies and slugs as choices). Run it
again after adding dossiers or words. In VS Code, install the recommended
extensions (`.vscode/extensions.json`) and run `npm install` once: the remark
extension then checks every dossier's front-matter against its section's
schema as you type (`.remarkrc.json` maps `content/<section>/` to
`.schema/<section>.schema.json`). Any editor with a YAML language server also
reads a modeline on the first front-matter line:
`# yaml-language-server: $schema=../../.schema/actors.schema.json`.
"""
