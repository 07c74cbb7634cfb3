"""SVG images: published only when they are drawings and nothing more.

An SVG file is a document: opened on its own it can run script, and it can
fetch other files. So one is published byte for byte, or refused (never
rewritten behind the writer's back), with the line of the SVG that holds:

- a DOCTYPE, an entity declaration or a processing instruction
  (`<?xml-stylesheet?>`): entities can expand without bound or read files;
- an element that is not drawing: `script`, `foreignObject` (HTML inside),
  `iframe`, any HTML or MathML element, an element in no namespace;
  SVG's drawing, text, gradient, filter and animation elements pass, and so
  do editors' metadata in their own namespaces (Inkscape's, RDF, Dublin Core);
- an event handler (`onload`, `onclick`, any `on…`);
- a reference outside the file: an `href` or `xlink:href` that is not
  `#id` (an embedded PNG, JPEG, GIF, WebP or AVIF `data:` image excepted), a
  `url(…)` that is not `url(#id)` in an attribute or a `<style>`, an
  `@import`, a `javascript:` anywhere, an animation of `href`.
"""

from __future__ import annotations

import re
from xml.parsers import expat

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
# Namespaces whose elements a browser gives behaviour: never inside a published SVG.
LIVE_NAMESPACES = ("http://www.w3.org/1999/xhtml", "http://www.w3.org/1998/Math/MathML")
DRAWING = frozenset(
    [
        "svg",
        "g",
        "defs",
        "symbol",
        "use",
        "title",
        "desc",
        "metadata",
        "switch",
        "a",
        "view",
        "path",
        "rect",
        "circle",
        "ellipse",
        "line",
        "polyline",
        "polygon",
        "text",
        "tspan",
        "textPath",
        "image",
        "style",
        "linearGradient",
        "radialGradient",
        "stop",
        "pattern",
        "clipPath",
        "mask",
        "marker",
        "filter",
        "feBlend",
        "feColorMatrix",
        "feComponentTransfer",
        "feComposite",
        "feConvolveMatrix",
        "feDiffuseLighting",
        "feDisplacementMap",
        "feDistantLight",
        "feDropShadow",
        "feFlood",
        "feFuncA",
        "feFuncB",
        "feFuncG",
        "feFuncR",
        "feGaussianBlur",
        "feImage",
        "feMerge",
        "feMergeNode",
        "feMorphology",
        "feOffset",
        "fePointLight",
        "feSpecularLighting",
        "feSpotLight",
        "feTile",
        "feTurbulence",
        "animate",
        "animateMotion",
        "animateTransform",
        "set",
        "mpath",
    ]
)
HREF_NAMES = ("href", f"{XLINK_NS} href")
EMBEDDED_IMAGE = re.compile(r"^data:image/(png|jpeg|gif|webp|avif);base64,[A-Za-z0-9+/=\s]*\Z")
OUTSIDE_URL = re.compile(r"url\(\s*(?![\s'\"]*#)", re.IGNORECASE)
SCRIPTED = re.compile(r"j\s*a\s*v\s*a\s*s\s*c\s*r\s*i\s*p\s*t\s*:|expression\s*\(", re.IGNORECASE)


class _Refused(Exception):
    """Stops the parse at the first thing an SVG may not hold."""


class _Audit:
    """Handlers for one expat parse; each raises _Refused with what it found."""

    def __init__(self, parser: expat.XMLParserType) -> None:
        self.parser = parser
        self.depth = 0
        self.style: list[str] | None = None  # the text of the <style> being read

    def refuse(self, what: str) -> None:
        raise _Refused(f"line {self.parser.CurrentLineNumber} of the SVG has {what}")

    def doctype(self, *_: object) -> None:
        self.refuse("a DOCTYPE (entities can expand without bound): delete it")

    def entity(self, *_: object) -> None:
        self.refuse("an entity declaration: delete it")

    def instruction(self, target: str, _data: str) -> None:
        self.refuse(f"a processing instruction <?{target}?>: delete it")

    def external(self, *_: object) -> int:
        self.refuse("a reference to an external entity: delete it")
        return 0

    def start(self, name: str, attributes: dict[str, str]) -> None:
        namespace, _, local = name.rpartition(" ")
        shown = f"<{local}>"
        if self.depth == 0 and (namespace, local) != (SVG_NS, "svg"):
            self.refuse(f'{shown} as its root: an SVG starts <svg xmlns="{SVG_NS}">')
        self.depth += 1
        if namespace == SVG_NS and local not in DRAWING:
            self.refuse(f"{shown}, which is not drawing: delete it")
        if not namespace or namespace in LIVE_NAMESPACES:
            self.refuse(f"{shown} in {namespace or 'no'} namespace, which is not drawing")
        for key, value in attributes.items():
            self.attribute(shown, local, key, value)
        if namespace == SVG_NS and local == "style":
            self.style = []

    def attribute(self, element: str, local: str, key: str, value: str) -> None:
        name = key.rpartition(" ")[2]
        if key.startswith(XLINK_NS):
            name = f"xlink:{name}"
        if name.lower().startswith("on"):
            self.refuse(f"an event handler {name}= on {element}: delete it")
        if key in HREF_NAMES and not value.strip().startswith("#"):
            embedded = local in ("image", "feImage") and EMBEDDED_IMAGE.match(value.strip())
            if not embedded:
                self.refuse(f"{name}='{value[:60]}' on {element}, a reference outside the file")
        if name == "attributeName" and value.strip().rpartition(":")[2] == "href":
            self.refuse(f"an animation of href on {element}")
        if OUTSIDE_URL.search(value) or SCRIPTED.search(value):
            self.refuse(f"{name}='{value[:60]}' on {element}, a reference outside the file")

    def text(self, data: str) -> None:
        if self.style is not None:
            self.style.append(data)

    def end(self, name: str) -> None:
        self.depth -= 1
        if self.style is not None and name == f"{SVG_NS} style":
            css, self.style = "".join(self.style), None
            if "@import" in css.lower() or OUTSIDE_URL.search(css) or SCRIPTED.search(css):
                self.refuse("a <style> that fetches from outside the file (@import or url())")


def svg_problem(data: bytes) -> str | None:
    """Why these bytes may not be published as an SVG image, or None."""
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    audit = _Audit(parser)
    parser.StartDoctypeDeclHandler = audit.doctype
    parser.EntityDeclHandler = audit.entity
    parser.ProcessingInstructionHandler = audit.instruction
    parser.ExternalEntityRefHandler = audit.external
    parser.StartElementHandler = audit.start
    parser.EndElementHandler = audit.end
    parser.CharacterDataHandler = audit.text
    try:
        parser.Parse(data, True)
    except _Refused as refused:
        return str(refused)
    except expat.ExpatError as exc:
        return f"it is not well-formed XML (line {exc.lineno}: {expat.ErrorString(exc.code)})"
    return None
