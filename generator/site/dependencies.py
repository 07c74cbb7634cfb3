"""What a page depends on, and which of those dependencies a change touches.

The contract between the pages and incremental rebuilds, in one place:

- a `Dependency` is a typed key: what of the site it stands for (`Scope`),
  and for which dossier or section and language (a tuple of the three);
- a page records the keys it reads while its data is built
  (`site.context.Context.used`: `Context.dossier`, `section`, `shown_version`
  and `text_version` record as they read; a filler that reads everything
  adds `ALL` and the like);
- a link with its own label (`[[slug|label]]`) reads where its target is, not
  its title (`address_key`), so a renamed dossier leaves those pages be;
- `changed_keys(old, new)` turns the difference between two graphs into the
  keys it touches, and `reaches(used, changed)` says whether a page that
  recorded `used` must be rendered again (`affected_pages` for a plan).

A body edit so reaches only the pages that show that text, a title edit the
pages that link to the dossier, a new dossier the lists of its section.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import fields, replace
from enum import IntEnum

from generator.content.model import Dossier
from generator.graph.build_graph import Graph
from generator.graph.translations import dossier_status
from generator.site.spec import PageSpec
from generator.vocabulary import PAGES_SECTION


class Scope(IntEnum):
    """What of the site a dependency stands for."""

    DOSSIER = 1  # one dossier's data and its graph views (backlinks, relationships, ...)
    LINK = 2  # what a link to one dossier shows: its titles, kind, stance
    TEXT = 3  # the texts (summary, body) of one language file of a dossier
    SECTION = 4  # which dossiers one section holds, and their data (lists, the map)
    EVERY_DOSSIER = 5  # every dossier's data and links (home, feeds): not their texts
    TRANSLATIONS = 6  # every dossier's translation status (the status pages)
    EVENT_YEARS = 7  # the years of every event (the charts' axis)
    NEWEST_DATE = 8  # the site's newest date ("as of")
    MENU = 9  # which pages the menu lists: the members of the pages section
    ADDRESS = 10  # where a link to one dossier goes: that it exists, and its section (its URL)


# A dependency: what of the site it stands for, for which dossier (its slug) or
# section (its name), and language; "" where none applies. A plain tuple: a page
# records hundreds, so making, hashing and pickling one costs what a string's did.
Dependency = tuple[Scope, str, str]

ALL: Dependency = (Scope.EVERY_DOSSIER, "", "")
TRANSLATIONS: Dependency = (Scope.TRANSLATIONS, "", "")
EVENT_YEARS: Dependency = (Scope.EVENT_YEARS, "", "")
NEWEST_DATE: Dependency = (Scope.NEWEST_DATE, "", "")
MENU: Dependency = (Scope.MENU, "", "")
# The scopes a page records most, as plain names: an enum's attribute costs more to read.
_DOSSIER, _LINK, _TEXT, _SECTION = Scope.DOSSIER, Scope.LINK, Scope.TEXT, Scope.SECTION
_ADDRESS = Scope.ADDRESS
_SITE_WIDE = frozenset({Scope.EVERY_DOSSIER, Scope.SECTION})
_TEXTS_ONLY = frozenset({Scope.TEXT, Scope.TRANSLATIONS})
# What a change of titles and texts alone touches: texts, translation status, links and
# the renamed dossiers' own keys (their pages show their titles).
_WORDS_ONLY = _TEXTS_ONLY | {Scope.LINK, Scope.DOSSIER}


def dossier_key(slug: str) -> Dependency:
    """A dependency on a dossier's data and graph views (not its texts)."""
    return (_DOSSIER, slug, "")


def link_key(slug: str) -> Dependency:
    """A dependency on what a link to `slug` shows: its titles, kind, stance."""
    return (_LINK, slug, "")


def address_key(slug: str) -> Dependency:
    """A dependency on where a link to `slug` goes: whether it exists, and its URL."""
    return (_ADDRESS, slug, "")


def text_key(slug: str, lang: str) -> Dependency:
    """A dependency on the text (summary, body) of one language file of `slug`."""
    return (_TEXT, slug, lang)


def section_key(section: str) -> Dependency:
    """A dependency on which dossiers `section` holds and on their data (lists, the map)."""
    return (_SECTION, section, "")


def is_site_wide(key: Dependency) -> bool:
    """Whether a dependency stands for many dossiers at once: every dossier or a section."""
    return key[0] in _SITE_WIDE


def interned(
    keys: Iterable[Dependency], table: dict[Dependency, Dependency]
) -> frozenset[Dependency]:
    """The keys as one object each across pages (`table` holds them), so the build cache
    keeps and pickles each key once, not once per page."""
    return frozenset(table.setdefault(key, key) for key in keys)


# The graph's derived views (backlinks, stances, ...): a slug whose view changed is changed.
GRAPH_VIEWS = tuple(f.name for f in fields(Graph) if f.name != "model")


def changed_keys(old: Graph, new: Graph) -> frozenset[Dependency]:
    """The dependencies whose value differs between two graphs.

    A dossier's data or graph views changing is its dossier key; what a link to
    it shows (titles, kind, stance) is its link key; each language's summary
    and body is a text key.
    """
    old_d, new_d = old.model.dossiers, new.model.dossiers
    languages = new.model.config.language_codes
    changed: set[Dependency] = set()
    for slug in old_d.keys() | new_d.keys():
        before, after = old_d.get(slug), new_d.get(slug)
        if before is after:  # the parse memo's own object: the files did not change
            continue
        if before is None or after is None:
            dossier = before if before is not None else after
            assert dossier is not None
            changed |= {dossier_key(slug), link_key(slug), address_key(slug)}
            changed |= {text_key(slug, lang) for lang in languages}
            changed |= {section_key(dossier.section), TRANSLATIONS}
            continue
        if dossier_status(before, languages) != dossier_status(after, languages):
            changed.add(TRANSLATIONS)  # a row of the status pages (each row reads one dossier)
        if (before.section, before.data) != (after.section, after.data):
            changed.add(dossier_key(slug))
        if before.section != after.section:  # its URLs: what every link to it holds
            changed |= {link_key(slug), address_key(slug)}
        if _membership(before) != _membership(after):
            changed |= {section_key(before.section), section_key(after.section)}
        if link_face(before) != link_face(after):
            changed |= {dossier_key(slug), link_key(slug)}
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
            dossier_key(k)
            for k in before_view.keys() | after_view.keys()
            if before_view.get(k) != after_view.get(k)
        )
    return frozenset(changed)


def reaches(used: frozenset[Dependency], changed: frozenset[Dependency]) -> bool:
    """Whether a change reaches a page that read `used`: they share a key, or the page
    read every dossier (`ALL`) and the change is more than texts and translation status."""
    if used & changed:
        return True
    return ALL in used and any(key[0] not in _TEXTS_ONLY for key in changed)


def bodies_only(old: Graph, new: Graph, changed: frozenset[Dependency]) -> bool:
    """Whether the change from `old` to `new` (its keys: `changed`) is in the bodies of
    dossiers' files and nothing else: what the whole-site outputs (feeds, sitemap, open
    data) never read, so they stay as they were.

    The keys say that no dossier's data, link, membership or graph view changed;
    each dossier that is not the very object it was must then equal it but for its
    files' bodies (a summary, title, date or reference that changed with a body
    does not pass).
    """
    if not changed or any(key[0] not in _TEXTS_ONLY for key in changed):
        return False
    return _same_beyond(old, new, _beyond_bodies)


def words_only(old: Graph, new: Graph, changed: frozenset[Dependency]) -> bool:
    """Whether the change from `old` to `new` is in the titles and texts (summaries,
    bodies) of dossiers' files and nothing else: what an output that shows no words
    (the sitemap: pages, their languages and dates) never reads.

    A title changes link and dossier keys, as a change of data does: the keys only
    rule out what neither can touch, and each dossier that is not the very object it
    was must equal it but for its files' titles and texts (and the lines they are
    on). Its data, references, dates and which versions show are then the same, and
    so is every graph view made of them.
    """
    if not changed or any(key[0] not in _WORDS_ONLY for key in changed):
        return False
    return _same_beyond(old, new, _beyond_words)


def _same_beyond(old: Graph, new: Graph, beyond: Callable[[Dossier], tuple[object, ...]]) -> bool:
    """Whether the same dossiers are there, each the same object or equal in `beyond`."""
    old_d, new_d = old.model.dossiers, new.model.dossiers
    if old_d.keys() != new_d.keys():
        return False
    for slug, after in new_d.items():
        before = old_d[slug]
        if before is not after and beyond(before) != beyond(after):
            return False
    return True


def _beyond_bodies(dossier: Dossier) -> tuple[object, ...]:
    versions = tuple((lang, replace(v, body="")) for lang, v in sorted(dossier.versions.items()))
    return (dossier.section, dossier.slug, dossier.data, dossier.refs, versions)


def _beyond_words(dossier: Dossier) -> tuple[object, ...]:
    versions = tuple(
        (lang, replace(v, title="", summary="", summary_line=None, body="", body_line=0))
        for lang, v in sorted(dossier.versions.items())
    )
    return (dossier.section, dossier.slug, dossier.data, dossier.refs, versions)


def affected_pages(
    specs: Iterable[PageSpec],
    dependencies: Mapping[str, frozenset[Dependency]],
    changed: frozenset[Dependency],
) -> list[PageSpec]:
    """The pages to re-render: pages new to the site, and pages a change reaches."""
    out = []
    for spec in specs:
        used = dependencies.get(spec.output)
        if used is None or reaches(used, changed):
            out.append(spec)
    return out


def lists_site(used: frozenset[Dependency] | None) -> bool:
    """Whether a page read many dossiers at once (a list, home, the status pages)."""
    return used is not None and any(is_site_wide(key) for key in used)


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
