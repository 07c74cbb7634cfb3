"""What differs between two graphs, as the dependency keys pages record (`site.context`).

`changed_keys` is the other half of `Context.used`: a rebuild re-renders the
pages whose recorded keys meet the changed ones (`incremental.affected_pages`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields

from generator.content.model import Dossier
from generator.graph.build_graph import Graph
from generator.graph.translations import dossier_status
from generator.site.context import (
    EVENT_YEARS,
    MENU,
    NEWEST_DATE,
    TRANSLATIONS,
    link_key,
    section_key,
    text_key,
)
from generator.vocabulary import PAGES_SECTION

# The graph's derived views (backlinks, stances, ...): a slug whose view changed is changed.
GRAPH_VIEWS = tuple(f.name for f in fields(Graph) if f.name != "model")


def changed_keys(old: Graph, new: Graph) -> frozenset[str]:
    """The dependency keys (see `site.context`) whose value differs between two graphs.

    A dossier's data or graph views changing is its slug; what a link to it
    shows (titles, kind, stance) is its link key; each language's summary and
    body is a text key. A body edit so reaches only the pages that show that
    text, a title edit the pages that link to the dossier.
    """
    old_d, new_d = old.model.dossiers, new.model.dossiers
    languages = new.model.config.language_codes
    changed: set[str] = set()
    for slug in old_d.keys() | new_d.keys():
        before, after = old_d.get(slug), new_d.get(slug)
        if before is after:  # the parse memo's own object: the files did not change
            continue
        if before is None or after is None:
            dossier = before if before is not None else after
            assert dossier is not None
            changed |= {slug, link_key(slug), *(text_key(slug, lang) for lang in languages)}
            changed |= {section_key(dossier.section), TRANSLATIONS}
            continue
        if dossier_status(before, languages) != dossier_status(after, languages):
            changed.add(TRANSLATIONS)  # a row of the status pages (each row reads one dossier)
        if (before.section, before.data) != (after.section, after.data):
            changed.add(slug)
        if _membership(before) != _membership(after):
            changed |= {section_key(before.section), section_key(after.section)}
        if link_face(before) != link_face(after):
            changed |= {slug, link_key(slug)}
        for lang in before.versions.keys() | after.versions.keys():
            if text_of(before, lang) != text_of(after, lang):
                changed.add(text_key(slug, lang))
    for slug in old.stance_of.keys() | new.stance_of.keys():
        if old.stance_of.get(slug) != new.stance_of.get(slug):
            changed.add(link_key(slug))
            if slug in new_d:  # a list shows each relationship's stance
                changed.add(section_key(new_d[slug].section))
    if section_key(PAGES_SECTION) in changed:
        changed.add(MENU)
    if old.event_years != new.event_years:
        changed.add(EVENT_YEARS)
    if old.newest_date != new.newest_date:
        changed.add(NEWEST_DATE)
    for view in GRAPH_VIEWS:
        before_view: Mapping[str, object] = getattr(old, view)
        after_view: Mapping[str, object] = getattr(new, view)
        changed.update(
            k
            for k in before_view.keys() | after_view.keys()
            if before_view.get(k) != after_view.get(k)
        )
    return frozenset(changed)


def _membership(dossier: Dossier) -> tuple[object, ...]:
    """What a section key stands for: the section, the data, which versions show (not titles)."""
    shown = tuple(
        (lang, v.draft, v.untranslated, v.publish_date)
        for lang, v in sorted(dossier.versions.items())
    )
    return (dossier.section, dossier.data, shown)


def link_face(dossier: Dossier) -> tuple[object, ...]:
    """What decides how a link to the dossier looks: each file's title and whether it shows."""
    return tuple(
        (lang, v.title, v.draft, v.untranslated) for lang, v in sorted(dossier.versions.items())
    )


def text_of(dossier: Dossier, lang: str) -> tuple[object, ...] | None:
    version = dossier.versions.get(lang)
    if version is None:
        return None
    return (version.summary, version.body, version.translated_from, version.extra)


def is_text_key(key: str) -> bool:
    return "#text:" in key
