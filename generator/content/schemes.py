"""Which URLs a writer may give: the schemes of links and images.

A link (`[text](url)`, `<url>`, a reference definition) may be http(s),
mailto, or have no scheme: a path in the site, `#anchor`, `//host/…`. An
image may be an http(s) URL or a path to a file in content/images/ (checked
by `content.images`). Anything else — `javascript:`, `vbscript:`, `data:`,
`file:`, an app's own scheme — is an error at its line, and the parser
renders it as text, never as a link or an image (`content.markup`).

The scheme is read as a browser reads it: spaces and control characters
around the URL are ignored and tabs and newlines inside it removed, so
`java\\tscript:` is `javascript:`.
"""

from __future__ import annotations

import re

SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_IGNORED_AROUND = re.compile(r"^[\x00-\x20]+|[\x00-\x20]+$")
_IGNORED_INSIDE = re.compile(r"[\t\n\r]")
LINK_SCHEMES = ("http", "https", "mailto")
IMAGE_SCHEMES = ("http", "https")
SHOWN = 60  # characters of a URL quoted in a message


def scheme_of(url: str) -> str | None:
    """The URL's scheme in lower case (`javascript`), or None for a relative URL."""
    cleaned = _IGNORED_INSIDE.sub("", _IGNORED_AROUND.sub("", url))
    match = SCHEME.match(cleaned)
    return match.group(1).lower() if match else None


def shown(url: str) -> str:
    return url if len(url) <= SHOWN else url[: SHOWN - 1] + "…"


def link_problem(url: str) -> str | None:
    """Why a link to `url` may not be published, or None."""
    scheme = scheme_of(url)
    if scheme is None or scheme in LINK_SCHEMES:
        return None
    return (
        f"link '{shown(url)}' uses the scheme '{scheme}:'; a link may be http(s), "
        "mailto, or a path within the site"
    )


def image_url_problem(url: str) -> str | None:
    """Why `url` may not be an image's source (a path is checked by `content.images`)."""
    scheme = scheme_of(url)
    if scheme is None:
        if url.lstrip().startswith(("//", "\\\\")):
            return f"image '{shown(url)}' has no scheme: write it as https://…"
        return None
    if scheme in IMAGE_SCHEMES:
        return None
    return (
        f"image '{shown(url)}' uses the scheme '{scheme}:'; an image is a file in "
        "content/images/ (e.g. images/photo.jpg) or an http(s) URL"
    )
