"""Static assets as published: CSS with its comments and layout whitespace removed.

The stylesheet is part of every page's weight; its comments are for the
theme's editors. Strings are kept as written, and only whitespace that CSS
ignores (runs of it, around `{`, `}`, `;`, `,` and a child combinator `>`,
and after a declaration's colon) and the last `;` of a block are dropped, so
the rules mean exactly what they meant. (A space before a colon can be a
descendant combinator, `a :hover`, and is kept.)
"""

from __future__ import annotations

import re

_STRING_OR_COMMENT = re.compile(r"(\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*')|/\*.*?\*/", re.S)
_SPACE = re.compile(r"\s+")
_AROUND_PUNCTUATION = re.compile(r"\s*([{};,>])\s*")
_AFTER_COLON = re.compile(r":\s+")


def _squeeze(chunk: str) -> str:
    squeezed = _AROUND_PUNCTUATION.sub(r"\1", _SPACE.sub(" ", chunk))
    return _AFTER_COLON.sub(":", squeezed).replace(";}", "}")


def minify_css(text: str) -> str:
    out: list[str] = []
    last = 0
    for match in _STRING_OR_COMMENT.finditer(text):
        out.append(_squeeze(text[last : match.start()]))
        out.append(match.group(1) or " ")  # a comment separates like a space
        last = match.end()
    out.append(_squeeze(text[last:]))
    return "".join(out).strip() + "\n"


def published(name: str, content: bytes) -> bytes:
    """A static file's bytes as the site serves them."""
    if name.endswith(".css"):
        return minify_css(content.decode("utf-8")).encode("utf-8")
    return content
