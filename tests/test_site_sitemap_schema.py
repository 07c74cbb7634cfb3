"""sitemap.xml against the sitemap 0.9 schema, with a real validator (lxml's libxml2).

The schema is the one the npm `sitemap` package ships (tests/tools), and the
`xhtml:link` alternates each <url> carries are checked strictly too, against
the part of the XHTML schema they use (the rest of it cannot be fetched
here). The schema takes full dates only: a partial `lastmod` such as
`2015-12` is rejected, which the second test shows of the validator itself.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from support import TOOLS, BuiltSite, missing_tool

SITEMAP_XSD = TOOLS / "sitemap" / "schema" / "sitemap.xsd"
# The `link` element of XHTML 1.0 Strict, as sitemaps use it for hreflang alternates.
XHTML_LINK_XSD = """<?xml version="1.0" encoding="UTF-8"?>
<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema"
            targetNamespace="http://www.w3.org/1999/xhtml" elementFormDefault="qualified">
  <xsd:element name="link">
    <xsd:complexType>
      <xsd:attribute name="rel" type="xsd:NMTOKENS"/>
      <xsd:attribute name="hreflang" type="xsd:language"/>
      <xsd:attribute name="href" type="xsd:anyURI"/>
      <xsd:attribute name="type" type="xsd:string"/>
      <xsd:attribute name="media" type="xsd:string"/>
    </xsd:complexType>
  </xsd:element>
</xsd:schema>
"""


@pytest.fixture(scope="module")
def schema(tmp_path_factory: pytest.TempPathFactory) -> Any:
    try:
        from lxml import etree
    except ImportError:
        missing_tool("lxml is not installed (pip install -e '.[dev]')")
    if not SITEMAP_XSD.is_file():
        missing_tool(
            f"no sitemap schema at {SITEMAP_XSD}: npm ci --ignore-scripts --prefix tests/tools"
        )
    folder = tmp_path_factory.mktemp("xsd")
    (folder / "xhtml-link.xsd").write_text(XHTML_LINK_XSD, encoding="utf-8")
    (folder / "all.xsd").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">\n'
        f'  <xsd:import namespace="http://www.sitemaps.org/schemas/sitemap/0.9" schemaLocation="{SITEMAP_XSD.as_uri()}"/>\n'
        '  <xsd:import namespace="http://www.w3.org/1999/xhtml" schemaLocation="xhtml-link.xsd"/>\n'
        "</xsd:schema>\n",
        encoding="utf-8",
    )
    return etree.XMLSchema(etree.parse(str(folder / "all.xsd")))


def _validate(schema: Any, path: Path) -> list[str]:
    from lxml import etree

    ok = schema.validate(etree.parse(str(path)))
    return [] if ok else [f"{e.line}: {e.message}" for e in schema.error_log]


def test_the_sitemap_validates_against_the_sitemap_schema(site: BuiltSite, schema: Any) -> None:
    errors = _validate(schema, site.public / "sitemap.xml")
    assert not errors, errors
    text = (site.public / "sitemap.xml").read_text("utf-8")
    assert "<lastmod>" in text  # dated pages are dated, with full dates


def test_the_validator_rejects_a_partial_date(site: BuiltSite, schema: Any, tmp_path: Path) -> None:
    """What the sitemap wrote before: `<lastmod>2015-12</lastmod>` (on 26 entries)."""
    text = (site.public / "sitemap.xml").read_text("utf-8")
    start = text.index("<lastmod>") + len("<lastmod>")
    broken = tmp_path / "sitemap.xml"
    broken.write_text(text[:start] + "2015-12" + text[start + 10 :], encoding="utf-8")
    assert any("lastmod" in error for error in _validate(schema, broken))
