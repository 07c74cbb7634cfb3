"""Hostile content in every field that reaches output: no script, handler or dangerous URL (issue 12).

Each payload (OWASP XSS cheat-sheet style: mixed-case and entity-encoded
schemes, `</title>`, `]]>`, Jinja syntax, …) goes into every writer-controlled
field at once; the site is built and every output file parsed: HTML (every
element and attribute), SVG inside it, Atom feeds and the sitemap (as XML),
robots.txt, and the search index's JSON.
"""

from __future__ import annotations

import gzip
import html
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
from support import REL, SRC, TAL, edit, make_project, run_cli

PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//x.test/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<svg/onload=alert(1)>",
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    "</title><script>alert(1)</script>",
    "</textarea><script>alert(1)</script>",
    "]]><script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](jav&#x09;ascript:alert(1))",
    "[x](&#106;avascript:alert(1))",
    "[x](vbscript:msgbox(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![x](javascript:alert(1))",
    '<a href="javascript:alert(1)">x</a>',
    "<iframe src=javascript:alert(1)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "{{ 7*7 }}{% for x in range(3) %}J{% endfor %}",
    "{{ ''.__class__.__mro__ }}",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "<!--",
    "<![CDATA[<script>alert(1)</script>]]>",
    '" onmouseover="alert(1)',
    "[[taliban|<img src=x onerror=alert(1)>]]",
]
DANGEROUS_SCHEME = re.compile(r"^(javascript|vbscript|data|file):", re.IGNORECASE)
DANGEROUS_LINK = re.compile(r"\]\((&#106;)?(javascript|vbscript|data|avascript):", re.IGNORECASE)
URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "poster", "srcset", "background"}


def _yaml(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML scalar


def _inject(project: Path, payload: str) -> None:
    """The payload in every field a writer controls that reaches a page, feed or sitemap."""
    value = _yaml(payload)
    edit(project / TAL, "title: Taliban", f"title: {value}\nsummary: {value}")
    edit(project / TAL, "aliases: [Taliban, IIA]", f"aliases: [Taliban, {value}]")
    edit(project / TAL, "Taliban memerangi", f"{payload}\n\nTaliban memerangi")
    edit(project / REL, "title: Rusia dan Taliban", f"title: {value}")
    summary = _yaml(payload + " [@arrahmah-2025-05-02]")
    edit(project / REL, "summary: Dari musuh", f"summary: {summary}\n# Dari musuh")
    edit(project / REL, "en: Russia listed the Taliban as terrorists.}", f"en: {value}}}")
    edit(project / REL, "Hubungan berubah", f"{payload} Hubungan berubah")
    edit(
        project / SRC,
        "title: Rusia akan",
        f"publisher_note: x\ntitle: {_yaml(payload + ' Rusia akan')}\n#",
    )
    edit(project / SRC, "publisher_note: x\n", "")
    edit(project / SRC, "publisher: Arrahmah.id", f"publisher: {value}")
    edit(project / SRC, 'text: "sekutu"', f"text: {value}")
    edit(project / SRC, 'translation: {en: "allies"}', f"translation: {{en: {value}}}")
    site = project / "site.yaml"
    site.write_text(
        site.read_text().replace("en: Friends and Foes Against ISIS", f"en: {value}", 1)
    )


class Auditor(HTMLParser):
    def __init__(self, name: str) -> None:
        super().__init__(convert_charrefs=True)
        self.name = name
        self.problems: list[str] = []
        self.in_script = False
        self.in_jsonld = False
        self.jsonld = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for key, value in attrs:
            if key.startswith("on"):
                self.problems.append(f"{self.name}: handler {key}={value!r} on <{tag}>")
            if key in URL_ATTRS and value is not None:
                url = re.sub(r"[\x00-\x20]", "", html.unescape(value))
                if DANGEROUS_SCHEME.match(url) and not url.lower().startswith("data:image/"):
                    self.problems.append(f"{self.name}: {key}={value!r} on <{tag}>")
        if tag in ("iframe", "object", "embed", "base", "math", "style", "textarea"):
            self.problems.append(f"{self.name}: <{tag}>")
        if tag == "script" and dict(attrs).get("type") == "application/ld+json":
            # Structured data, never run: it must hold one whole JSON value, so no payload
            # closed the block early and went on as markup.
            if "src" in dict(attrs):
                self.problems.append(f"{self.name}: JSON-LD with a src")
            self.in_jsonld, self.jsonld = True, ""
        elif tag == "script":
            src = dict(attrs).get("src") or ""
            if not re.match(r"^(\.\./)*(\./)?static/search\.js$|^/static/search\.js$", src):
                self.problems.append(f"{self.name}: <script src={src!r}>")
            self.in_script = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self.in_jsonld:
            self.in_jsonld = False
            try:
                json.loads(self.jsonld)
            except ValueError:
                self.problems.append(f"{self.name}: JSON-LD broken open {self.jsonld[:60]!r}")
        elif tag == "script":
            self.in_script = False

    def handle_data(self, data: str) -> None:
        if self.in_jsonld:
            self.jsonld += data
        elif self.in_script and data.strip():
            self.problems.append(f"{self.name}: inline script {data[:60]!r}")


def audit(public: Path) -> tuple[list[str], int]:
    problems: list[str] = []
    count = 0
    for path in sorted(public.rglob("*")):
        if not path.is_file():
            continue
        name = path.relative_to(public).as_posix()
        count += 1
        if name.endswith(".html"):
            auditor = Auditor(name)
            auditor.feed(path.read_text(encoding="utf-8"))
            auditor.close()
            problems += auditor.problems
        elif name.endswith(".xml"):
            root = ET.parse(path).getroot()
            for element in root.iter():
                if element.tag.rsplit("}", 1)[-1] in ("script",):
                    problems.append(f"{name}: <script>")
                for key, value in element.attrib.items():
                    if key.startswith("on") or DANGEROUS_SCHEME.match(value.strip()):
                        problems.append(f"{name}: {key}={value!r}")
        elif name == "robots.txt":
            lines = path.read_text().splitlines()
            assert all(
                re.match(r"^(User-agent: \*|Allow: /|Sitemap: https://\S+|)$", x) for x in lines
            )
        elif name.endswith(".json"):
            json.loads(path.read_text(encoding="utf-8"))
        elif name.endswith(".pf_fragment"):
            record = json.loads(gzip.decompress(path.read_bytes())[12:].decode("utf-8"))
            assert isinstance(record, dict)
    return problems, count


@pytest.mark.slow
@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_never_becomes_live(tmp_path: Path, payload: str) -> None:
    project = make_project(tmp_path / "site", theme=True)
    _inject(project, payload)
    result = run_cli(project, "build")
    if DANGEROUS_LINK.search(payload):  # refused at its line (issue 21), never published
        assert "uses the scheme" in result.stderr, result.output
    if result.returncode == 1:  # a relative link to no page, or a link or image of a refused scheme
        errors = [line for line in result.stderr.splitlines() if ": error: " in line]
        assert errors, result.output
        assert all("broken link" in e or "uses the scheme" in e for e in errors), result.output
        assert not (project / "public").exists()
        return
    assert result.returncode == 0, result.output  # published, as text
    problems, count = audit(project / "public")
    assert count > 30
    assert problems == []
    if "{{ 7*7 }}" in payload:  # content is never run as a template
        page = (project / "public/id/aktor/taliban/index.html").read_text()
        assert "{{ 7*7 }}" in page and "JJJ" not in page
