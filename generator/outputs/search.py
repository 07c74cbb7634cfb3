"""The search index: Pagefind, in shards, so a change re-indexes only its shard.

Pagefind (the `pagefind[extended]` package, which bundles its binary) reads
built HTML, splits the index by `<html lang>` (one index per language, with
Indonesian and English stemming), and indexes only what sits inside
`data-pagefind-body` — the dossier pages. Pagefind cannot update an index it
wrote, and indexing costs a few milliseconds a page, so re-indexing the whole
site for one edit would dominate every rebuild. The indexed pages are
therefore split into shards by a hash of their folder's name, the dossier's slug
(`plan_search`: a dossier's page in every language in one shard, so a renamed
dossier, whose title changes in each language, re-indexes one shard, not two); each
shard is its own Pagefind bundle in `pagefind/<shard>/`, and a rebuild
re-indexes only the shards whose pages changed (the others are reused as
they are). The search page's script (`static/search.js`) loads the primary
shard and merges the others listed in `pagefind/shards.json` (Pagefind's
`mergeIndex`); merged shards use the primary's WebAssembly, so only the
primary keeps Pagefind's script and WebAssembly files.

A shard's digest is taken over what Pagefind reads of its pages
(`indexed_digest`), not over their bytes: the theme marks what a page repeats
of other dossiers (lists of links, numbered sources, who claims an event) and
its charts `data-pagefind-ignore`, so renaming a dossier changes the bytes of
every page that links to it but re-indexes only its own pages.

The number of shards grows in powers of two with the site (about
PAGES_PER_SHARD pages each), so adding pages moves none until the count
doubles. Shards are indexed in parallel, one Pagefind process each.
What a query word matches is decided in the browser: `search.js` drops
Pagefind's guess of a short indexed word that merely begins an unknown one
("ally" -> "al"), shard by shard (each shard guesses on its own: one that
lacks "kabulov" answers it with "kabul"), and counts only the shards that
index the search's language. So which pages share a shard changes which
pages a query finds in no way; their order among close scores it can change,
as Pagefind scores a page against its own shard's statistics.

Determinism: Pagefind 1.5's index files are byte-identical across runs, but
`pagefind-entry.json` lists the languages in hash-map order, which varies
from run to run; it is rewritten here with sorted keys (the same JSON).
Pagefind numbers a shard's pages in the order the file system lists its
folder (ext4: by a hash of the names, seeded per file system; tmpfs: another
order), so on another file system the same pages give other bytes for the
same search results. Feeding the pages in sorted order through Pagefind's
service mode fixes that, but was measured at 1.3 s more CPU at N=1000 (its
JSON and base64 round trips), so it is not done.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from generator.fsguard import DIR_MODE, FILE_MODE
from generator.outputs.pagefind import BundleRun

BUNDLE = "pagefind"
MANIFEST = f"{BUNDLE}/shards.json"
PAGES_PER_SHARD = 64  # small enough that a shard re-indexes in a fraction of a second
MAX_SHARDS = 64  # a search fetches a little from every shard: keep that bounded
# The opening tag of an element the index leaves out (lists of links, sources, charts,
# the timeline's events and maps: see the templates), and any tag that opens or closes
# an element.
IGNORED_OPENING = re.compile(rb"<([a-z][a-z0-9]*)\b[^>]*?\sdata-pagefind-ignore[\s>=/]")
TAG = re.compile(rb"<(/?)([a-z][a-z0-9]*)\b[^>]*?(/?)>")
PAGEFIND_ATTRIBUTE = b"data-pagefind-"
# The pieces of IGNORED_OPENING, for `_ignored_openings`: `\s` and `[\s>=/]` of bytes.
IGNORE_ATTRIBUTE = b"data-pagefind-ignore"
TAG_NAME = re.compile(rb"[a-z][a-z0-9]*\b")
TAG_OPENING = re.compile(rb"</?[a-z][a-z0-9]*\b")
SPACES = frozenset(bytes([c]) for c in b" \t\n\r\f\v")
ENDS = SPACES | {b">", b"=", b"/"}


@dataclass(frozen=True)
class SearchShard:
    """One Pagefind bundle: its folder under `pagefind/`, its pages and their digest."""

    name: str
    pages: tuple[str, ...]  # output files (e.g. en/actors/x/index.html)
    digest: str  # of what the index reads of its pages, and its role: equal digests, equal bundle
    primary: bool

    @property
    def folder(self) -> str:
        return f"{BUNDLE}/{self.name}"


def indexed_digest(html: bytes) -> str:
    """A digest of what Pagefind reads of a page: its `<html>` tag (the language) and
    its `<main data-pagefind-body>` without the sections marked `data-pagefind-ignore`.

    A page of another shape (a theme that marks other elements, or filters and
    metadata inside an ignored section) is digested whole: a digest may change
    when the index would not, never the other way round.
    """
    whole = hashlib.sha256(html).hexdigest()
    start, end = html.find(b"<main"), html.rfind(b"</main>")
    tag_end = html.find(b">", start)
    head = html.find(b">", html.find(b"<html")) + 1
    if min(start, end, tag_end, head) <= 0 or b"data-pagefind-body" not in html[start:tag_end]:
        return whole
    if PAGEFIND_ATTRIBUTE in html[:start] or PAGEFIND_ATTRIBUTE in html[end:]:
        return whole
    kept = _without_ignored(html[start:end])
    if kept is None:
        return whole
    digest = hashlib.sha256(html[:head])
    digest.update(kept)
    return digest.hexdigest()


def _without_ignored(main: bytes) -> bytes | None:
    """`main` without its elements marked `data-pagefind-ignore`, or None when an
    ignored element holds another Pagefind attribute than that (its reading is
    Pagefind's to decide) or does not close."""
    kept, at = [], 0
    for start, name, opened in _ignored_openings(main):
        if start < at:
            continue  # inside an element already left out
        end = _element_end(main, name, opened)
        if end is None:
            return None
        if _reads_pagefind(main[opened:end]):
            return None
        kept.append(main[at:start])
        at = end
    kept.append(main[at:])
    return b"".join(kept)


def _reads_pagefind(inner: bytes) -> bool:
    """Whether an ignored element holds a Pagefind attribute that Pagefind still reads
    there (a filter, metadata...). Another `data-pagefind-ignore` is not one: the theme's
    ignored sections (the numbered sources) may sit in a site's ignored wrapper."""
    return PAGEFIND_ATTRIBUTE in inner.replace(IGNORE_ATTRIBUTE, b"")


def _ignored_openings(html: bytes) -> Iterator[tuple[int, bytes, int]]:
    """What `IGNORED_OPENING.finditer(html)` finds (each match's start, tag name and
    end), found from the attribute back to its tag: the regex, tried at every `<`,
    took 70% of `indexed_digest` (0.1 ms a page), and a page has a few such tags."""
    resume = 0  # where the last match ended: matches do not overlap
    found = html.find(IGNORE_ATTRIBUTE)
    while found >= 0:
        space, after = found - 1, found + len(IGNORE_ATTRIBUTE)
        if (
            space >= resume
            and html[space : space + 1] in SPACES
            and html[after : after + 1] in ENDS
        ):
            # The tag holding it opens at the first `<` (from `resume`, after the last
            # `>` before it) that a tag name follows; names stop at the space.
            start = html.find(b"<", max(resume, html.rfind(b">", 0, space) + 1), space)
            while start >= 0:
                name = TAG_NAME.match(html, start + 1)
                if name is not None:
                    resume = after + 1
                    yield start, name.group(), resume
                    break
                start = html.find(b"<", start + 1, space)
        found = html.find(IGNORE_ATTRIBUTE, found + 1)


def _element_end(html: bytes, name: bytes, start: int) -> int | None:
    """Where the element `name` opened just before `start` closes (after its end tag).

    The tags are those `TAG.finditer(html, start)` finds, but only those named `name`
    are looked at: one of them counts unless a tag opened since the last `>` takes it
    in (a match runs from a `<` to the next `>`).
    """
    depth = 1
    for tag in _named_tag(name).finditer(html, start):
        at = tag.start()
        fresh = max(start, html.rfind(b">", start, at) + 1)  # no match spans a `>`
        if _tag_opens_in(html, fresh, at):
            continue  # inside another tag
        close = html.find(b">", tag.end())
        if close < 0:
            return None
        if html[close - 1 : close] == b"/":
            continue  # self-closing
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return close + 1
    return None


@cache
def _named_tag(name: bytes) -> re.Pattern[bytes]:
    return re.compile(rb"<(/?)" + re.escape(name) + rb"\b")


def _tag_opens_in(html: bytes, start: int, end: int) -> bool:
    """Whether a tag (`<`, an optional `/`, a name) opens between `start` and `end`."""
    at = html.find(b"<", start, end)
    while at >= 0:
        if TAG_OPENING.match(html, at):
            return True
        at = html.find(b"<", at + 1, end)
    return False


def indexed_digests(
    pages: Mapping[str, str],
    known: Mapping[str, tuple[str, str]],
    read: Callable[[str], bytes],
) -> dict[str, tuple[str, str]]:
    """Each indexed page (output file → digest of its bytes) with its `indexed_digest`.

    `known` is the previous answer: a page whose bytes have the digest it
    records is not read again; the others are read with `read(output file)`.
    """
    found = {}
    for name, digest in sorted(pages.items()):
        before = known.get(name)
        found[name] = (
            before if before and before[0] == digest else (digest, indexed_digest(read(name)))
        )
    return found


@dataclass(frozen=True)
class SearchIndex:
    """The search index as planned: its shards, and each indexed page's digests
    (of its bytes, and of what the index reads of it: see `indexed_digests`)."""

    shards: tuple[SearchShard, ...] = ()
    pages: Mapping[str, tuple[str, str]] = field(default_factory=dict)


@dataclass(frozen=True)
class IndexPlan:
    """The index a rebuild makes: the new one, and what it takes to get there."""

    index: SearchIndex = field(default_factory=SearchIndex)
    reindex: frozenset[str] = frozenset()  # shards to index anew
    kept: tuple[str, ...] = ()  # folders of the shards that stay as they are
    changed: bool = False  # whether the index differs from the last one at all


def plan_index(
    pages: Mapping[str, str],
    before: SearchIndex,
    read: Callable[[str], bytes],
    present: Callable[[str], bool],
) -> IndexPlan:
    """The index of the indexed pages (output file → digest of its bytes), from the one
    `before`: a shard is indexed anew unless its digest is the same and its folder is
    `present`. A page whose bytes changed is read (`read`) for its `indexed_digest`."""
    found = indexed_digests(pages, before.pages, read)
    shards = plan_search({name: pair[1] for name, pair in found.items()})
    old = {shard.name: shard.digest for shard in before.shards}
    kept = tuple(s.folder for s in shards if old.get(s.name) == s.digest and present(s.folder))
    reindex = frozenset(s.name for s in shards if s.folder not in kept)
    changed = bool(reindex) or shards != before.shards
    return IndexPlan(SearchIndex(shards, found), reindex, kept, changed)


def shard_count(pages: int) -> int:
    """Shards for this many indexed pages: a power of two, about PAGES_PER_SHARD pages each."""
    count = 1
    while count < MAX_SHARDS and pages > count * PAGES_PER_SHARD:
        count *= 2
    return count


def shard_key(page: str) -> str:
    """What places a page in a shard: its folder's name (`en/actors/taliban/index.html`
    → `taliban`), the dossier's slug, the same in every language; a page without a
    folder, its own path."""
    folder = page.rsplit("/", 2)
    return folder[-2] if len(folder) == 3 else page


def plan_search(pages: Mapping[str, str]) -> tuple[SearchShard, ...]:
    """The shards of the indexed pages (output file → its `indexed_digest`), non-empty only."""
    count = shard_count(len(pages))
    members: dict[int, list[str]] = {}
    for page in sorted(pages):
        number = int.from_bytes(hashlib.sha256(shard_key(page).encode()).digest()[:4], "big")
        number %= count
        members.setdefault(number, []).append(page)
    width = len(str(count - 1))
    shards = []
    for position, number in enumerate(sorted(members)):
        primary = position == 0
        digest = hashlib.sha256(f"primary={primary}\n".encode())
        for page in members[number]:
            digest.update(f"{page}:{pages[page]}\n".encode())
        name = str(number).zfill(width)
        shards.append(SearchShard(name, tuple(members[number]), digest.hexdigest(), primary))
    return tuple(shards)


def manifest(shards: Sequence[SearchShard]) -> bytes:
    """`pagefind/shards.json`: the primary shard first, then the shards merged into it."""
    return json.dumps({"shards": [shard.name for shard in shards]}).encode()


# Bundles made ahead (while the pages rendered: `search_ahead`): the finished
# bundle folder of a shard, when it was made from that very shard's pages.
Ahead = Callable[[SearchShard], Path | None]


def index_shards(
    site: Path,
    shards: Sequence[SearchShard],
    todo: Collection[str],
    jobs: int,
    *,
    background: bool = False,
    ahead: Ahead | None = None,
    done: Callable[[int], None] | None = None,
) -> None:
    """Index the shards named in `todo` from the pages in `site`, into `site/pagefind/`.

    Each shard's bundle is written into a fresh folder and put in place whole, so
    a page's search keeps working (on the old bundle) while its shard re-indexes.
    With `background`, Pagefind runs at a low priority (`nice`), so a server's
    rebuilds are not slowed by the index catching up. A shard `ahead` has a
    bundle for is put in place as it is. `done` is told of each shard indexed or
    put in place (progress). Raise ExplainerError if Pagefind fails.
    """
    bundle = site / BUNDLE
    bundle.mkdir(parents=True, exist_ok=True)
    os.chmod(bundle, DIR_MODE)  # a web server must read it, whatever the umask
    chosen = []
    for shard in shards:
        made = ahead(shard) if ahead is not None and shard.name in todo else None
        if made is not None:
            put_in_place(made, site / shard.folder)
            if done is not None:
                done(1)
        elif shard.name in todo:
            chosen.append(shard)
    if chosen:
        with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
            for _ in pool.map(lambda shard: _index_shard(site, shard, background), chosen):
                if done is not None:
                    done(1)
    names = {shard.name for shard in shards}
    for child in sorted(bundle.iterdir()):
        if child.is_dir() and child.name not in names:  # a shard that lost its pages
            shutil.rmtree(child, ignore_errors=True)
    path = site / MANIFEST
    if not path.is_file() or path.read_bytes() != manifest(shards):
        temp = path.with_name(f".{path.name}.tmp")
        temp.write_bytes(manifest(shards))
        os.chmod(temp, FILE_MODE)
        os.replace(temp, path)


def _index_shard(site: Path, shard: SearchShard, background: bool) -> None:
    # Only this shard's pages, hard-linked, inside the bundle folder: nothing else
    # of the site changes while a served site's shard re-indexes.
    pages = site / BUNDLE / f".pages-{shard.name}"
    fresh = site / BUNDLE / f".{shard.name}.new"
    for folder in (pages, fresh):
        shutil.rmtree(folder, ignore_errors=True)
    try:
        for page in shard.pages:
            link_page(site / page, pages / page)
        make_bundle(pages, fresh, shard, background)
        put_in_place(fresh, site / shard.folder)
    finally:
        shutil.rmtree(pages, ignore_errors=True)
        shutil.rmtree(fresh, ignore_errors=True)


def link_page(source: Path, link: Path) -> None:
    """A page of a shard, hard-linked (else copied) where its shard's Pagefind reads it."""
    link.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, link)
    except OSError:
        shutil.copyfile(source, link)


def make_bundle(pages: Path, bundle: Path, shard: SearchShard, background: bool = False) -> None:
    """The Pagefind bundle of `shard` in `bundle`, from its pages in the folder `pages`."""
    BundleRun(pages, bundle, shard.primary, background).finish()


def put_in_place(fresh: Path, final: Path) -> None:
    old = final.with_name(f".{final.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if final.exists():
        os.rename(final, old)
    os.rename(fresh, final)
    shutil.rmtree(old, ignore_errors=True)
