"""Rendering pages with Jinja2: page data in, HTML bytes out.

Autoescape is on and undefined variables are errors, so a template cannot
silently print nothing. A site's templates/ is code from a pull request, so
as soon as it holds a file under a theme template's name, every page renders
in Jinja's sandbox (no attribute walk to `__globals__`, no `os`); a site that
brings no template runs only the package theme's, our own code, unsandboxed
(the sandbox checks every call a template makes: 10-25 % of rendering).
Both escape what a template outputs with `_escape_output`, markupsafe's
escaping without a `Markup` built around each `{{ }}`.
Templates are loaded only as regular files inside the project: a symlinked template or
`{% include %}` cannot pull a file of the build machine into the site, and
one holding a control character is an error at its line. Templates receive
only the data `pages.page_context` built, plus a few filters: `rel` (a site
path made relative to the page), `t` (a UI string), and `date` (a partial ISO
date in the page's language).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import jinja2
import markupsafe
from jinja2.sandbox import SandboxedEnvironment

from generator.content.controls import find_controls
from generator.content.controls import message as control_message
from generator.errors import ExplainerError
from generator.fsguard import read_text
from generator.sealed import private_folder, user_key
from generator.site.bytecode import SealedBytecodeCache
from generator.site.urls import relative_url
from generator.theme_files import SITE_TEMPLATES, overrides_templates, search_path


class ProjectLoader(jinja2.BaseLoader):
    """Templates from one folder, read through fsguard (inside the project, regular files)."""

    def __init__(self, folder: Path, root: Path) -> None:
        self.folder = folder
        self.root = root

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
        mtime = path.stat().st_mtime
        return source, str(path), lambda: path.exists() and path.stat().st_mtime == mtime


_DICT_ATTRIBUTES = frozenset(dir(dict))  # a set lookup: `hasattr` was 0.8 s of a cold build
Getattr = Callable[[jinja2.Environment, Any, str], Any]


def _fast_getattr(base: type[jinja2.Environment]) -> Getattr:
    """`base.getattr`, with a fast path for `page.title` on the plain dicts templates receive.

    Jinja tries `getattr` first and falls back to the item, raising and
    catching an AttributeError on nearly every lookup. A plain dict has an
    attribute only if `dict` has it, so asking the type first gives the same
    answer without the exception (it was the largest own-time cost of a build).
    One function, not a method calling a helper: it runs a million times a build.
    """
    slow = base.getattr

    def getattr(env: jinja2.Environment, obj: Any, attribute: str) -> Any:
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                return env.undefined(obj=obj, name=attribute)
        return slow(env, obj, attribute)

    return getattr


try:  # markupsafe's C escaping, without the `Markup` it wraps each result in
    from markupsafe import _escape_inner
except ImportError:  # pragma: no cover - another markupsafe: its public `escape`
    _escape_inner = markupsafe.escape


def _escape_output(value: Any) -> str:
    """What `{{ value }}` writes: `markupsafe.escape(value)`, as a plain str for a str.

    Compiled templates call `escape` only on what they output, and output is
    joined into one string, so a plain str is as good as a `Markup` there and
    saves constructing one per `{{ }}` (700,000 a build at N=1000).
    """
    if type(value) is str:
        return _escape_inner(value)
    return markupsafe.escape(value)


class _Template(jinja2.Template):
    """A compiled template whose output escaping is `_escape_output`."""

    @classmethod
    def _from_namespace(
        cls,
        environment: jinja2.Environment,
        namespace: Any,
        globals: Any,
    ) -> jinja2.Template:
        namespace["escape"] = _escape_output  # the name the compiled code calls
        return super()._from_namespace(environment, namespace, globals)


class _Environment(SandboxedEnvironment):
    """Jinja's sandbox, for a site that brings templates of its own."""

    getattr = _fast_getattr(SandboxedEnvironment)  # type: ignore[assignment]
    template_class = _Template


class _ThemeEnvironment(jinja2.Environment):
    """The package theme's own templates: our code, with no sandbox to pay for."""

    getattr = _fast_getattr(jinja2.Environment)  # type: ignore[assignment]
    template_class = _Template


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
            # Sandboxed code differs (every call checked): kept apart from the theme's.
            cache = SealedBytecodeCache(folder, key, "sandbox-" if sandboxed else "theme-")
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


@jinja2.pass_context
def _rel(context: jinja2.runtime.Context, path: str) -> str:
    base = context["page"].get("link_base")  # pages served at any path (404) link from the root
    if base:
        return base + path.lstrip("/")
    return relative_url(context["page"]["url"], path)


@jinja2.pass_context
def _translate(context: jinja2.runtime.Context, key: str, group: str | None = None) -> str:
    strings = context["site"]["strings"]
    value = strings.get(group, {}).get(key) if group else strings.get(key)
    if value is None:
        raise jinja2.UndefinedError(f"no UI string '{group + '.' if group else ''}{key}'")
    return str(value)


@jinja2.pass_context
def _date(context: jinja2.runtime.Context, value: str | None) -> str:
    """'2015-10-11' → '11 Oktober 2015'; '2015-12' → 'Desember 2015'; '2003' → '2003'."""
    if not value:
        return str(context["site"]["strings"]["undated"])
    months = context["site"]["strings"]["months"]
    parts = str(value).split("-")
    if len(parts) == 1:
        return parts[0]
    month = months[int(parts[1]) - 1]
    if len(parts) == 2:
        return f"{month} {parts[0]}"
    return f"{int(parts[2])} {month} {parts[0]}"


def render_page(env: jinja2.Environment, template: str, data: Mapping[str, Any]) -> bytes:
    try:
        html = env.get_template(template).render(**data)
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
    return html.encode("utf-8")
