"""Where templates, UI strings, static files and archetypes are found.

The default theme ships inside the package (`generator/theme/`), so an
installed `explainer` builds a site anywhere. A site overrides any theme file
by placing a file of the same relative name in its own `templates/`: every
lookup here tries the site's folder first, then the package theme. This is
the one module that knows both places.
"""

from __future__ import annotations

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
