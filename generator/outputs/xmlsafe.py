"""Text that is always well-formed XML, and the check that it is.

XML 1.0 forbids most control characters even escaped: one `\\x01` in a title
made the Atom feed unparseable while the build exited 0. Feeds and the
sitemap escape through `text`/`attr`, which drop them; `check_xml` parses
every XML output before the build is swapped in, so a file no reader can
parse is an error naming it, never a published feed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from generator.errors import ExplainerError, Problem

# Characters XML 1.0 does not allow anywhere (C0 controls but tab/newline/return,
# lone surrogates, U+FFFE/U+FFFF).
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean(value: str) -> str:
    return NOT_XML.sub("", value)


def text(value: str) -> str:
    """Escaped text (quotes too, so it is safe in an attribute) without forbidden characters."""
    # As xml.sax.saxutils.escape, which costs every command 40 ms of imports (urllib, email).
    value = clean(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return value.replace('"', "&quot;")


def attr(value: str) -> str:
    """A double-quoted attribute value without characters XML forbids (as saxutils.quoteattr,
    whose newlines and tabs are kept as character references)."""
    value = text(value).replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    return f'"{value}"'


def check_xml(files: Mapping[str, bytes]) -> None:
    """Parse every `.xml` output; raise ExplainerError naming each one that does not parse."""
    problems = []
    for name, content in sorted(files.items()):
        if not name.endswith(".xml"):
            continue
        import xml.etree.ElementTree as ET  # only a build that writes XML needs the parser

        try:
            ET.fromstring(content)
        except ET.ParseError as exc:
            line = exc.position[0] if exc.position else None
            problems.append(
                Problem(f"public/{name}", line, f"output is not well-formed XML: {exc}")
            )
    if problems:
        raise ExplainerError(problems)
