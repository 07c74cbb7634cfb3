"""The package theme's templates, shipped compiled (`theme/compiled.json`).

A cold build compiled the theme's ~20 templates before rendering: Jinja's parse
and code generation, ~0.15 s of CPU at every cold build, for templates that
change only with the package. The package ships the Python source Jinja makes
of them; a build compiles that source (Python's compile, ~0.03 s) instead.

Used only where it gives what Jinja would make: for the package theme's own
environment (a site that brings templates gets the sandbox, compiled afresh),
for a template read from the package's theme folder whose text has the hash the
file was made from, with the Jinja version and the code generator
(`template_runtime`'s and `render`'s source: the filters Jinja's optimizer may run
at compile time live in `render`) it was made with. Anything else is compiled as
before. The file is package code, like the modules next to it: nothing in a
site or its caches is run. `render.write_shipped_templates()` writes it again
after a theme template or the code generator changes; a test checks it is current.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path
from types import CodeType
from typing import Any

import jinja2

from generator.site import template_runtime
from generator.theme_files import THEME_DIR, theme_templates

SHIPPED = THEME_DIR / "compiled.json"


def shipped_code(env: jinja2.Environment, source: str, name: str, filename: str) -> CodeType | None:
    """The code of the package theme template `name` as shipped, or None (compile it)."""
    shipped = _shipped(_stamp(env))
    entry = shipped.get(name)
    if entry is None or filename != str(THEME_DIR / name):
        return None
    if entry["source_sha256"] != hashlib.sha256(source.encode("utf-8")).hexdigest():
        return None
    code: CodeType = compile(entry["code"], filename, "exec")
    return code


def _stamp(env: jinja2.Environment) -> str:
    """What the shipped code depends on besides the templates' text."""
    options = (
        env.block_start_string,
        env.block_end_string,
        env.variable_start_string,
        env.variable_end_string,
        env.comment_start_string,
        env.comment_end_string,
        env.line_statement_prefix,
        env.line_comment_prefix,
        env.trim_blocks,
        env.lstrip_blocks,
        env.newline_sequence,
        env.keep_trailing_newline,
        env.optimized,
        bool(env.autoescape("page.html")) if callable(env.autoescape) else env.autoescape,
        sorted(env.extensions),
        type(env).__qualname__,
        env.code_generator_class.__qualname__,
    )
    return f"{jinja2.__version__} {generator_fingerprint()} {options!r}"


@lru_cache(maxsize=1)
def generator_fingerprint() -> str:
    """A digest of the code that decides what a template compiles to: the code
    generator and runtime (`template_runtime`) and the environment with its filters
    (`render`). Compiled code made by other code is not this code's."""
    digest = hashlib.sha256()
    for module in (template_runtime.__file__, str(Path(__file__).with_name("render.py"))):
        digest.update(Path(module).read_bytes())
    return digest.hexdigest()


@lru_cache(maxsize=4)
def _shipped(stamp: str) -> dict[str, Any]:
    """The shipped templates, by name, if the file was made for `stamp`; else none."""
    try:
        data = json.loads(SHIPPED.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("stamp") != stamp:
        return {}
    templates: dict[str, Any] = data.get("templates", {})
    return templates


def shipped_text(env: jinja2.Environment) -> str:
    """The file's text for the package theme as it is now: each template as Jinja's
    code generator (in `env`, the theme's own environment) makes it."""
    templates = {}
    for name in sorted(theme_templates()):
        source, filename, _ = env.loader.get_source(env, name)  # type: ignore[union-attr]
        templates[name] = {
            "source_sha256": hashlib.sha256(source.encode("utf-8")).hexdigest(),
            "code": env.compile(source, name, filename, raw=True),
        }
    data = {"stamp": _stamp(env), "templates": templates}
    return json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
