"""Where templates, UI strings, static files and archetypes are found.

The default theme ships inside the package (`generator/theme/`), so an
installed `explainer` builds a site anywhere. A site overrides any theme file
by placing a file of the same relative name in its own `templates/`: every
lookup here tries the site's folder first, then the package theme. This is
the one module that knows both places.
"""

from __future__ import annotations

import os
from pathlib import Path

THEME_DIR = Path(__file__).resolve().parent / "theme"
SITE_TEMPLATES = "templates"
STATIC_DIR = "static"
ARCHETYPES_DIR = "archetypes"
I18N_DIR = "i18n"


def search_path(root: Path) -> tuple[Path, ...]:
    """The folders a site's theme files come from, the site's own first."""
    site = root / SITE_TEMPLATES
    return (site, THEME_DIR) if site.is_dir() and site.resolve() != THEME_DIR else (THEME_DIR,)


def theme_templates() -> frozenset[str]:
    """The names of the package theme's templates: every name a page or another theme
    template loads (`{% extends %}`, `{% import %}`, `{% include %}` name them literally)."""
    return frozenset(path.name for path in THEME_DIR.glob("*.html"))


def overrides_templates(root: Path) -> bool:
    """Whether the site's templates/ holds a file (or anything) under a theme template's
    name: only then can a page run a template the site brought."""
    site = root / SITE_TEMPLATES
    if search_path(root) == (THEME_DIR,):
        return False
    return any(os.path.lexists(site / name) for name in theme_templates())


def find(root: Path, name: str) -> Path | None:
    """The first file called `name` (a relative path) on the search path, or None."""
    for folder in search_path(root):
        path = folder / name
        if path.is_file():
            return path
    return None


def static_files(root: Path) -> dict[str, Path]:
    """Relative name under static/ → the file that wins (the site's over the theme's)."""
    out: dict[str, Path] = {}
    for folder in reversed(search_path(root)):
        base = folder / STATIC_DIR
        if base.is_dir():
            for path in sorted(base.rglob("*")):
                # Anything that is not a folder: a FIFO or a dangling link is then
                # refused by name when it is read, not skipped in silence.
                if not path.is_dir():
                    out[path.relative_to(base).as_posix()] = path
    return dict(sorted(out.items()))
