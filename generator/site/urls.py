"""Where each page lives: site paths, output files, absolute and relative URLs.

Site paths look like `/en/actors/taliban/`. Links inside the site are written
relative to the page that holds them, so a build works under any base path.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from generator.content.config import SiteConfig
from generator.content.model import Dossier

HOME_PAGE_SLUG = "home"


@dataclass(frozen=True)
class Urls:
    config: SiteConfig

    def home(self, lang: str) -> str:
        return f"/{lang}/"

    def section(self, lang: str, section: str) -> str:
        return f"/{lang}/{self.config.sections[section][lang]}/"

    def dossier(self, lang: str, dossier: Dossier) -> str:
        return self.slug(lang, dossier.section, dossier.slug)

    def slug(self, lang: str, section: str, slug: str) -> str:
        if section == "pages" and slug == HOME_PAGE_SLUG:
            return self.home(lang)
        return f"{self.section(lang, section)}{slug}/"

    def absolute(self, path: str) -> str:
        return self.config.base_url + path.lstrip("/")


def output_file(path: str) -> str:
    """The file a site path is written to, relative to the output folder."""
    path = path.lstrip("/")
    return path + "index.html" if path.endswith("/") or not path else path


def relative_url(from_path: str, to_path: str) -> str:
    """A link from the page at `from_path` to `to_path`, both site paths."""
    anchor = ""
    if "#" in to_path:
        to_path, anchor = to_path.split("#", 1)
        anchor = "#" + anchor
        if not to_path:
            return anchor
    base = from_path if from_path.endswith("/") else posixpath.dirname(from_path) + "/"
    rel = posixpath.relpath(to_path, base)
    if to_path.endswith("/") and rel != ".":
        rel += "/"
    if rel == ".":
        rel = "./"
    return rel + anchor
