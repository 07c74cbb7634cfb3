"""`sitemap.xml` (with hreflang alternates) and `robots.txt`, from the page plan.

Every listed page names its version in every language with
`<xhtml:link rel="alternate" hreflang>`, as search engines ask of
multilingual sites. Pages that only point elsewhere (the language chooser at
`/`, the 404 page) are left out. A dossier's page has a `lastmod`: its "last
updated" date (`graph.dates.last_updated`: `updated:`, else its newest
source or event), never the clock, so builds stay byte-identical. The
sitemap schema takes full dates only, so a partial date is written as its
first day (`2015-12` → 2015-12-01, `2003` → 2003-01-01): never later than
what the content says, as in the feeds.
"""

from __future__ import annotations

from generator.graph.build_graph import Graph
from generator.graph.dates import first_day, last_updated
from generator.outputs.xmlsafe import text as escape
from generator.site.kinds import KIND_BY_NAME, alternates, plan_pages
from generator.site.urls import Urls

SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"


def sitemap_xml(graph: Graph) -> bytes:
    urls = Urls(graph.model.config)
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
        ' xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for spec in plan_pages(graph.model):
        if not KIND_BY_NAME[spec.kind].listed:
            continue
        out.append("  <url>")
        out.append(f"    <loc>{escape(urls.absolute(spec.path))}</loc>")
        updated = last_updated(graph.model, graph.dossier(spec.slug)) if spec.slug else None
        if updated:
            out.append(f"    <lastmod>{first_day(updated)}</lastmod>")
        alts = alternates(urls, spec)
        for alt in alts:
            out.append(
                f'    <xhtml:link rel="alternate" hreflang="{alt["lang"]}"'
                f' href="{escape(alt["absolute"])}"/>'
            )
        out.append(
            f'    <xhtml:link rel="alternate" hreflang="x-default" href="{escape(alts[0]["absolute"])}"/>'
        )
        out.append("  </url>")
    out.append("</urlset>")
    return ("\n".join(out) + "\n").encode("utf-8")


def robots_txt(graph: Graph) -> bytes:
    sitemap = Urls(graph.model.config).absolute("/" + SITEMAP)
    return f"User-agent: *\nAllow: /\n\nSitemap: {sitemap}\n".encode()


def discovery_files(graph: Graph) -> dict[str, bytes]:
    return {SITEMAP: sitemap_xml(graph), ROBOTS: robots_txt(graph)}
