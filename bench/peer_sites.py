"""The benchmark's corpus as its peers' sites: Hugo, Pelican, and MkDocs with mkdocs-static-i18n.

Each gets the same dossiers (`make_corpus.build_docs`: N x 2 languages, the same
Markdown bodies) and minimal equivalent templates: a page with its title, date,
body, tags and related links; a home listing every dossier; a page per tag.
None builds a search index (Hugo's row with Pagefind runs Pagefind after it).
Ported from ../shared/bench/make_corpus.py, the harness of the peers' first timings.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path
from typing import Any

Doc = dict[str, Any]


def resolve_links(body: str, prefix: str, suffix: str = "/") -> str:
    """The ](@@slug) tokens as links to prefix + slug + suffix."""
    return re.sub(r"\]\(@@([a-z0-9-]+)\)", lambda m: f"]({prefix}{m.group(1)}{suffix})", body)


def yaml_front_matter(title: str, meta: dict[str, Any]) -> str:
    lines = [
        "---",
        f'title: "{title}"',
        f"date: {meta['date'].isoformat()}",
        "tags: [" + ", ".join(meta["tags"]) + "]",
        "related: [" + ", ".join(meta["related"]) + "]",
        "---",
    ]
    return "\n".join(lines) + "\n"


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def dedent(s: str) -> str:
    return textwrap.dedent(s).lstrip("\n")


# -- Hugo ----------------------------------------------------------------------------------

HUGO_CONFIG = """
    baseURL = "/"
    title = "Dossiers"
    defaultContentLanguage = "id"
    defaultContentLanguageInSubdir = true
    disableKinds = ["RSS", "sitemap", "robotsTXT", "404", "taxonomy"]
    ignoreErrors = ["error-disable-taxonomy"]
    [taxonomies]
      tag = "tags"
    [languages.id]
      languageName = "Bahasa Indonesia"
      weight = 1
    [languages.en]
      languageName = "English"
      weight = 2
    """
HUGO_BASEOF = """
    <!doctype html><html lang="{{ .Site.Language.Lang }}"><head><meta charset="utf-8"><title>{{ .Title }} | Dossiers</title></head>
    <body><header><a href="{{ "/" | relLangURL }}">Dossiers</a></header><main>{{ block "main" . }}{{ end }}</main></body></html>
    """
HUGO_SINGLE = """
    {{ define "main" }}<article><h1>{{ .Title }}</h1><time>{{ .Date.Format "2006-01-02" }}</time>
    {{ .Content }}
    <ul class="tags">{{ range .Params.tags }}<li><a href="{{ printf "tags/%s/" . | relLangURL }}">{{ . }}</a></li>{{ end }}</ul>
    <ul class="related">{{ range .Params.related }}<li><a href="{{ printf "%s/" . | relLangURL }}">{{ . }}</a></li>{{ end }}</ul></article>{{ end }}
    """
HUGO_LIST = """
    {{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
    """


def hugo_site(root: Path, docs: list[Doc]) -> None:
    """The dossiers as a Hugo site with minimal templates (no search index, no feeds)."""
    write(root / "hugo.toml", dedent(HUGO_CONFIG))
    write(root / "layouts/_default/baseof.html", dedent(HUGO_BASEOF))
    write(root / "layouts/_default/single.html", dedent(HUGO_SINGLE))
    write(root / "layouts/_default/list.html", dedent(HUGO_LIST))
    for d in docs:
        body = resolve_links(d["body"], f"/{d['lang']}/")
        front = yaml_front_matter(d["title"], d["meta"])
        write(root / "content" / f"{d['slug']}.{d['lang']}.md", front + "\n" + body)


# -- Pelican -------------------------------------------------------------------------------

PELICAN_CONFIG = """
    AUTHOR = "Bench"
    SITENAME = "Dossiers"
    SITEURL = ""
    PATH = "content"
    OUTPUT_PATH = "output"
    THEME = "theme"
    TIMEZONE = "Asia/Jakarta"
    DEFAULT_LANG = "id"
    DEFAULT_DATE_FORMAT = "%Y-%m-%d"
    DEFAULT_PAGINATION = False
    ARTICLE_URL = "{lang}/{slug}/"
    ARTICLE_SAVE_AS = "{lang}/{slug}/index.html"
    ARTICLE_LANG_URL = "{lang}/{slug}/"
    ARTICLE_LANG_SAVE_AS = "{lang}/{slug}/index.html"
    TAG_URL = "tags/{slug}/"
    TAG_SAVE_AS = "tags/{slug}/index.html"
    INDEX_SAVE_AS = "index.html"
    DIRECT_TEMPLATES = ["index"]
    CATEGORY_SAVE_AS = ""
    AUTHOR_SAVE_AS = ""
    FEED_ALL_ATOM = None
    FEED_ATOM = None
    CATEGORY_FEED_ATOM = None
    TRANSLATION_FEED_ATOM = None
    AUTHOR_FEED_ATOM = None
    AUTHOR_FEED_RSS = None
    CACHE_CONTENT = False
    LOAD_CONTENT_CACHE = False
    """
PELICAN_TEMPLATES = {
    "base.html": """
        <!doctype html><html lang="{% block lang %}{{ DEFAULT_LANG }}{% endblock %}"><head><meta charset="utf-8"><title>{% block title %}{{ SITENAME }}{% endblock %} | Dossiers</title></head>
        <body><header><a href="{{ SITEURL }}/">Dossiers</a></header><main>{% block main %}{% endblock %}</main></body></html>
        """,
    "article.html": """
        {% extends "base.html" %}{% block lang %}{{ article.lang }}{% endblock %}{% block title %}{{ article.title }}{% endblock %}
        {% block main %}<article><h1>{{ article.title }}</h1><time>{{ article.locale_date }}</time>
        {{ article.content }}
        <ul class="tags">{% for tag in article.tags %}<li><a href="{{ SITEURL }}/{{ tag.url }}">{{ tag }}</a></li>{% endfor %}</ul>
        <ul class="related">{% for r in article.related.split(", ") %}<li><a href="{{ SITEURL }}/{{ article.lang }}/{{ r }}/">{{ r }}</a></li>{% endfor %}</ul></article>{% endblock %}
        """,
    "index.html": """
        {% extends "base.html" %}{% block main %}<h1>Dossiers</h1><ul>{% for a in articles %}<li><a href="{{ SITEURL }}/{{ a.url }}">{{ a.title }}</a></li>{% endfor %}</ul>{% endblock %}
        """,
    "tag.html": """
        {% extends "base.html" %}{% block title %}{{ tag }}{% endblock %}{% block main %}<h1>{{ tag }}</h1><ul>{% for a in articles %}<li><a href="{{ SITEURL }}/{{ a.url }}">{{ a.title }}</a></li>{% endfor %}</ul>{% endblock %}
        """,
}


def pelican_site(root: Path, docs: list[Doc]) -> None:
    """The dossiers as a Pelican site: articles, each language a translation of the other
    (same Slug, Lang), a theme of four templates, no feeds, no cache (a cold build)."""
    write(root / "pelicanconf.py", dedent(PELICAN_CONFIG))
    (root / "theme/static").mkdir(parents=True, exist_ok=True)
    for name, text in PELICAN_TEMPLATES.items():
        write(root / "theme/templates" / name, dedent(text))
    for d in docs:
        m = d["meta"]
        head = (
            f"Title: {d['title']}\nDate: {m['date'].isoformat()}\nTags: {', '.join(m['tags'])}\n"
            f"Related: {', '.join(m['related'])}\nSlug: {d['slug']}\nLang: {d['lang']}\n\n"
        )
        body = resolve_links(d["body"], f"/{d['lang']}/")
        write(root / "content" / f"{d['slug']}-{d['lang']}.md", head + body)


# -- MkDocs --------------------------------------------------------------------------------

MKDOCS_CONFIG = """
    site_name: Dossiers
    use_directory_urls: true
    theme:
      name: null
      custom_dir: theme
    plugins:
      - i18n:
          docs_structure: suffix
          languages:
            - locale: id
              name: Bahasa Indonesia
              default: true
              build: true
            - locale: en
              name: English
              build: true
    """
MKDOCS_MAIN = """
    {% set lang_prefix = "" if i18n_page_locale == "id" else i18n_page_locale ~ "/" %}<!doctype html><html lang="{{ i18n_page_locale }}"><head><meta charset="utf-8"><title>{{ page.title }} | Dossiers</title></head>
    <body><header><a href="{{ base_url }}/{{ lang_prefix }}">Dossiers</a></header><main><article><h1>{{ page.title }}</h1>{% if page.meta.date %}<time>{{ page.meta.date }}</time>{% endif %}
    {{ page.content }}
    {% if page.meta.tags %}<ul class="tags">{% for t in page.meta.tags %}<li><a href="{{ base_url }}/{{ lang_prefix }}tags/{{ t }}/">{{ t }}</a></li>{% endfor %}</ul>{% endif %}
    {% if page.meta.related %}<ul class="related">{% for r in page.meta.related %}<li><a href="{{ base_url }}/{{ lang_prefix }}{{ r }}/">{{ r }}</a></li>{% endfor %}</ul>{% endif %}</article></main></body></html>
    """


def mkdocs_site(root: Path, docs: list[Doc]) -> None:
    """The dossiers as an MkDocs project with mkdocs-static-i18n (`<slug>.<lang>.md`).

    MkDocs has no listing or taxonomy of its own: the home and the tag pages are
    written as Markdown lists, per language."""
    write(root / "mkdocs.yml", dedent(MKDOCS_CONFIG))
    write(root / "theme/main.html", dedent(MKDOCS_MAIN))
    write(root / "theme/404.html", "<!doctype html><title>404</title>\n")
    by_lang: dict[str, list[Doc]] = {}
    by_tag: dict[tuple[str, str], list[Doc]] = {}
    for d in docs:
        body = resolve_links(d["body"], "", ".md")
        front = yaml_front_matter(d["title"], d["meta"])
        write(root / "docs" / f"{d['slug']}.{d['lang']}.md", front + "\n" + body)
        by_lang.setdefault(d["lang"], []).append(d)
        for tag in d["meta"]["tags"]:
            by_tag.setdefault((d["lang"], tag), []).append(d)
    for lang, items in by_lang.items():
        lines = "".join(f"- [{d['title']}]({d['slug']}.md)\n" for d in items)
        write(root / "docs" / f"index.{lang}.md", "# Dossiers\n\n" + lines)
    for (lang, tag), items in sorted(by_tag.items()):
        lines = "".join(f"- [{d['title']}](../{d['slug']}.md)\n" for d in items)
        write(root / "docs/tags" / f"{tag}.{lang}.md", f"# {tag}\n\n" + lines)
