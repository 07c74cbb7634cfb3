"""Rendering pages with Jinja2: page data in, HTML bytes out.

Autoescape is on and undefined variables are errors, so a template cannot
silently print nothing. A site's templates/ is code from a pull request, so
as soon as it holds a file under a theme template's name, every page renders
in Jinja's sandbox (no attribute walk to `__globals__`, no `os`); a site that
brings no template runs only the package theme's, our own code, unsandboxed
(the sandbox checks every call a template makes and keeps Jinja's generic runtime:
~1.5x the theme's template time at N=1000).
`site.template_runtime` makes the calls into Jinja's runtime cheaper.
Templates are loaded only as regular files inside the project: a symlinked template or
`{% include %}` cannot pull a file of the build machine into the site, and
one holding a control character is an error at its line. Templates receive
only the data `pages.page_context` built, plus a few filters: `rel` (a site
path made relative to the page), `t` (a UI string), and `date` (a partial ISO
date in the page's language).
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from generator.content.controls import find_controls
from generator.content.controls import message as control_message
from generator.errors import ExplainerError
from generator.fsguard import read_text
from generator.sealed import private_folder, user_key
from generator.site.bytecode import SealedBytecodeCache
from generator.site.shipped_templates import (
    SHIPPED,
    generator_fingerprint,
    shipped_code,
    shipped_text,
)
from generator.site.template_runtime import (
    KeptTemplates,
    Template,
    ThemeCodeGenerator,
    ThemeContext,
    ThemeTemplate,
    fast_getattr,
)
from generator.site.urls import relative_url
from generator.theme_files import SITE_TEMPLATES, overrides_templates, search_path

# `{% extends "base.html" %}`, `{% import "_macros.html" as m %}`, `{% include ... %}`,
# `{% from ... import %}`: a template that a template names literally.
_NAMED_TEMPLATE = re.compile(r"""\{%[-+]?\s*(?:extends|import|include|from)\s+(["'])([^"'{}]+)\1""")


class ProjectLoader(jinja2.BaseLoader):
    """Templates from one folder, read through fsguard (inside the project, regular files)."""

    def __init__(self, folder: Path, root: Path) -> None:
        self.folder = folder
        self.root = root
        # The templates each template read here names literally (`compile_templates`).
        self.named: dict[str, frozenset[str]] = {}

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        pieces = jinja2.loaders.split_template_path(template)  # refuses `..`
        path = self.folder.joinpath(*pieces)
        if not path.exists() and not path.is_symlink():
            raise jinja2.TemplateNotFound(template)
        source = read_text(path, self.root, shown=f"templates/{template}")
        control = next(find_controls(source), None)
        if control is not None:
            line, column, char = control
            raise jinja2.TemplateSyntaxError(
                f"column {column}: {control_message(char)}", line + 1, template, str(path)
            )
        self.named[template] = frozenset(match[2] for match in _NAMED_TEMPLATE.finditer(source))
        mtime = path.stat().st_mtime
        return source, str(path), lambda: path.exists() and path.stat().st_mtime == mtime


class _Environment(KeptTemplates, SandboxedEnvironment):
    """Jinja's sandbox, for a site that brings templates of its own."""

    getattr = fast_getattr(SandboxedEnvironment)  # type: ignore[assignment]
    template_class = Template


class _ThemeEnvironment(KeptTemplates):
    """The package theme's own templates: our code, with no sandbox to pay for."""

    getattr = fast_getattr(jinja2.Environment)  # type: ignore[assignment]
    template_class = ThemeTemplate
    context_class = ThemeContext
    code_generator_class = ThemeCodeGenerator

    def compile(
        self,
        source: Any,
        name: str | None = None,
        filename: str | None = None,
        raw: bool = False,
        defer_init: bool = False,
    ) -> Any:
        """Jinja's compile, or for a package theme template its code as shipped
        (`shipped_templates`: Jinja's parse and code generation, once per release)."""
        if isinstance(source, str) and name and filename and not raw and not defer_init:
            code = shipped_code(self, source, name, filename)
            if code is not None:
                return code
        return super().compile(source, name, filename, raw, defer_init)  # type: ignore[call-overload]


def make_environment(root: Path, compiled: Path | None = None) -> jinja2.Environment:
    """The site's Jinja environment: its own templates/ first, then the package theme.

    `compiled`, if given, is a folder inside the project where compiled templates
    are kept between runs (Jinja's bytecode cache, keyed by each template's
    source, sealed with the user's key), so a build compiles only the templates
    that changed. Without a key, or if any folder on the way is not the user's
    own (a symlink), templates are compiled afresh: only a slower build.
    """
    # The sandbox is for templates a site brings: with none of its own (no file under a
    # theme template's name in templates/), every template a page runs is the package's.
    sandboxed = overrides_templates(root)
    cache = None
    if compiled is not None and compiled.is_relative_to(root):
        key = user_key()
        folder = private_folder(root, *compiled.relative_to(root).parts)
        if key is not None and folder is not None:
            # Sandboxed code differs (every call checked): kept apart from the theme's. So
            # does code another version of the generator made (an upgrade keeps .cache/).
            prefix = f"{'sandbox' if sandboxed else 'theme'}-{generator_fingerprint()[:16]}-"
            cache = SealedBytecodeCache(folder, key, prefix)
    kind = _Environment if sandboxed else _ThemeEnvironment
    env = kind(
        bytecode_cache=cache,
        # The site's templates/ first, then the package theme; each read through fsguard
        # (inside its own folder's tree, regular files only).
        loader=jinja2.ChoiceLoader(
            [
                ProjectLoader(folder, root if folder == root / SITE_TEMPLATES else folder)
                for folder in search_path(root)
            ]
        ),
        autoescape=jinja2.select_autoescape(default=True, default_for_string=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # Not a stat of the template on every page: a pipeline (and `serve` makes a new
        # one whenever templates/ changes) renders with the templates it started with.
        auto_reload=False,
    )
    env.filters["rel"] = _rel
    env.filters["t"] = _translate
    env.filters["date"] = _date
    return env


def _var(context: jinja2.runtime.Context, name: str) -> Any:
    """`context[name]`: the template's own variable, else the page's (KeyError if neither).

    The filters below run ~130 times a page; Jinja's `Context.__getitem__` makes two
    calls to give the same answer (`resolve_or_missing`), a third of a `t`'s time.
    The filters spell it out themselves (`own[...] if ... in own else ...`): a call
    less each time.
    """
    own = context.vars
    return own[name] if name in own else context.parent[name]


@jinja2.pass_context
def _rel(context: jinja2.runtime.Context, path: str) -> str:
    own = context.vars
    page = own["page"] if "page" in own else context.parent["page"]  # _var(context, "page")
    base = page.get("link_base")  # pages served at any path (404) link from the root
    if base:
        return base + path.lstrip("/")
    return relative_url(page["url"], path)


@jinja2.pass_context
def _translate(context: jinja2.runtime.Context, key: str, group: str | None = None) -> str:
    own = context.vars
    strings = (own["site"] if "site" in own else context.parent["site"])["strings"]
    value = strings.get(group, {}).get(key) if group else strings.get(key)
    if value is None:
        raise jinja2.UndefinedError(f"no UI string '{group + '.' if group else ''}{key}'")
    return str(value)


@jinja2.pass_context
def _date(context: jinja2.runtime.Context, value: str | None) -> str:
    """'2015-10-11' → '11 Oktober 2015'; '2015-12' → 'Desember 2015'; '2003' → '2003'."""
    strings = _var(context, "site")["strings"]
    if not value:
        return str(strings["undated"])
    months = strings["months"]
    parts = str(value).split("-")
    if len(parts) == 1:
        return parts[0]
    month = months[int(parts[1]) - 1]
    if len(parts) == 2:
        return f"{month} {parts[0]}"
    return f"{int(parts[2])} {month} {parts[0]}"


def compile_templates(env: jinja2.Environment, names: Iterable[str]) -> None:
    """Compile the templates `names` and every template they name, and those name, ...

    A build compiles them here, once, before its workers fork: a worker inherits
    them compiled. A template loaded only when a page first runs it (a page's
    `base.html`, its macros) was compiled again in each worker, ~0.1 s of CPU
    each for the theme's. A name made at render time is not seen here: such a
    template is compiled where it is first used, as before. A template that does
    not compile is left to rendering, which reports it with its file and line.
    """
    todo, seen = sorted(set(names), reverse=True), set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        try:
            env.get_template(name)
        except jinja2.TemplateError:
            continue
        todo.extend(sorted(_named(env, name) - seen))


def _named(env: jinja2.Environment, name: str) -> frozenset[str]:
    """The templates `name` names, as the loader that read it found them (the first
    folder that has it, as `ChoiceLoader` picks)."""
    loader = env.loader
    for each in loader.loaders if isinstance(loader, jinja2.ChoiceLoader) else [loader]:
        if isinstance(each, ProjectLoader) and name in each.named:
            return each.named[name]
    return frozenset()


def render_page(env: jinja2.Environment, template: str, data: Mapping[str, Any]) -> bytes:
    return render_text(env, template, data).encode("utf-8")


def render_text(env: jinja2.Environment, template: str, data: Mapping[str, Any]) -> str:
    """The page's HTML as text (`render_page` encodes it): a build also reads its ids."""
    try:
        return env.get_template(template).render(**data)
    except jinja2.TemplateSyntaxError as exc:
        raise ExplainerError.single(
            exc.filename or template, exc.lineno, exc.message or ""
        ) from None
    except jinja2.TemplateNotFound as exc:
        raise ExplainerError.single(f"templates/{exc.name}", None, "template not found") from None
    except jinja2.exceptions.SecurityError as exc:
        raise ExplainerError.single(
            f"templates/{template}", None, f"template not allowed: {exc}"
        ) from None
    except jinja2.UndefinedError as exc:
        raise ExplainerError.single(
            f"templates/{template}", None, f"template error: {exc}"
        ) from None


def write_shipped_templates() -> None:
    """Write the package theme's compiled templates (`shipped_templates`) again: a
    developer's step after a theme template or `template_runtime` changes."""
    with tempfile.TemporaryDirectory() as folder:  # a site with no templates of its own
        SHIPPED.write_text(shipped_text(make_environment(Path(folder))), encoding="utf-8")
