"""Where each page lives: site paths, output files, absolute and relative URLs.

Site paths look like `/en/actors/taliban/`. Links inside the site are written
relative to the page that holds them, so a build works under any base path.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from generator.content.config import SiteConfig
from generator.content.model import Dossier
from generator.vocabulary import PAGES_SECTION

HOME_PAGE_SLUG = "home"
NOT_FOUND_PATH = "/404.html"


@dataclass(frozen=True)
class Urls:
    """The site path of every page, for one site's settings."""

    config: SiteConfig

    def home(self, lang: str) -> str:
        return f"/{lang}/"

    def section(self, lang: str, section: str) -> str:
        return f"/{lang}/{self.config.sections[section][lang]}/"

    def dossier(self, lang: str, dossier: Dossier) -> str:
        return self.slug(lang, dossier.section, dossier.slug)

    def slug(self, lang: str, section: str, slug: str) -> str:
        if section == PAGES_SECTION and slug == HOME_PAGE_SLUG:
            return self.home(lang)
        return f"{self.section(lang, section)}{slug}/"

    def special(self, lang: str, name: str) -> str:
        """A site-wide page whose URL segment is a UI string: /en/<paths.timeline>/."""
        paths = self.config.strings[lang].get("paths") or {}
        return f"/{lang}/{paths.get(name, name)}/"

    def feed(self, lang: str) -> str:
        return f"/{lang}/feed.xml"

    def absolute(self, path: str) -> str:
        return self.config.base_url + path.lstrip("/")


def event_id(relationship: str, index: int) -> str:
    """A timeline event's stable id (the open data's, the page's): its relationship and
    its place in the timeline, counted from 1, e.g. `russia--taliban-3`."""
    return f"{relationship}-{index + 1}"


def event_anchor(relationship: str, index: int) -> str:
    """The id of an event's element on its relationship's page (the theme's `event-<id>`)."""
    return "event-" + event_id(relationship, index)


def output_file(path: str) -> str:
    """The file a site path is written to, relative to the output folder."""
    path = path.lstrip("/")
    return path + "index.html" if path.endswith("/") or not path else path


def relative_url(from_path: str, to_path: str) -> str:
    """A link from the page at `from_path` to `to_path`, both site paths (absolute, normalised).

    Plain string work: it runs for every link of every page (about 40 a page),
    and `posixpath.relpath` (which resolves against the working folder) was a
    visible share of the build. A link climbs to the deepest folder of the page
    that holds it, and adds the rest; odd paths (relative ones, a file named like
    a folder of the page) are compared segment by segment. Both give the same link.
    """
    anchor = ""
    if "#" in to_path:
        to_path, anchor = to_path.split("#", 1)
        anchor = "#" + anchor
        if not to_path:
            return anchor
    if to_path.startswith("/") and from_path.startswith("/"):
        folders = _folders(from_path)
        # A file named like one of the page's folders (`/en` from `/en/a/`) is that folder
        # to a segment-by-segment comparison: left to it.
        if to_path.endswith("/") or to_path + "/" not in folders:
            for up, folder in enumerate(folders):
                if to_path.startswith(folder):
                    return ("../" * up + to_path[len(folder) :] or "./") + anchor
    return _by_segments(from_path, to_path) + anchor


@lru_cache(maxsize=256)
def _folders(path: str) -> tuple[str, ...]:
    """The folders a site path is in, deepest first: `/en/a/b/` → (`/en/a/b/`, `/en/a/`,
    `/en/`, `/`). Kept: one page's links all start from its path."""
    ends = [at for at, char in enumerate(path) if char == "/"]
    return tuple(path[: at + 1] for at in reversed(ends))


def _by_segments(from_path: str, to_path: str) -> str:
    base = from_path.split("/")[1:-1]  # the folders of the page: /en/a/b/ -> [en, a, b]
    target = to_path.split("/")[1:]
    trailing = to_path.endswith("/")
    if trailing:
        target = target[:-1]
    common = 0
    for a, b in zip(base, target, strict=False):
        if a != b:
            break
        common += 1
    parts = [".."] * (len(base) - common) + target[common:]
    if not parts:
        return "./"
    return "/".join(parts) + ("/" if trailing else "")
