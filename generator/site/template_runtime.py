"""What makes compiled templates cheap to run, with the bytes Jinja would write.

A cold build calls into Jinja's runtime about a thousand times a page. These
calls are made cheaper here, each giving the same output as Jinja's (what is
for the package theme only leaves the sandbox's code as Jinja makes it):
- attribute lookup (`page.title`) on the plain dicts templates receive, without
  the AttributeError Jinja raises and catches first (`fast_getattr`);
- escaping what a template outputs, without a `Markup` built around each
  `{{ }}` (`Template`, in both environments);
- in the package theme, `page.title` compiles to a call of the template's own
  `getattr_item` (`ThemeCodeGenerator`), not of a method of the environment, for
  every name a dict has no attribute of (all but `items`, `get`, ...): no bound
  method made and no name looked up, about 500 times a page;
- macro calls in the package theme (`ThemeContext`): `{{ m.link(item) }}` goes
  through three layers of Jinja's generic argument binding, ~45 times a page;
  a call with its arguments in order goes straight to the macro's function;
- finding a loaded template (`KeptTemplates`), four to six times a page;
- macro imports in the package theme (`ThemeTemplate`): `{% import "_macros.html"
  as m with context %}` runs the imported template again for every import, and an
  actor page imported seven (its templates and partials import each other's
  macros). The theme's imports are of macros only, made at the top of a template
  from the page's own variables, so one module per template and page serves every
  import of it on that page. Templates a site brings keep Jinja's own imports.
- letting go of a page's modules once it is rendered (`PageModules`, in both
  environments): their macros and contexts refer to each other, and left to the
  cyclic garbage collector they cost it 5-10% of a render.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, MutableMapping
from typing import Any

import jinja2
import markupsafe
from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame, optimizeconst
from jinja2.runtime import Context, Macro, missing
from markupsafe import Markup

try:  # markupsafe's C escaping, without the `Markup` it wraps each result in
    from markupsafe import _escape_inner
except ImportError:  # pragma: no cover - another markupsafe: its public `escape`
    _escape_inner = markupsafe.escape

_DICT_ATTRIBUTES = frozenset(dir(dict))  # a set lookup: `hasattr` was 0.8 s of a cold build
Getattr = Callable[[jinja2.Environment, Any, str], Any]
_new_str = str.__new__
# The page's modules (`PageModules`), in the variables of a page's render. Not a
# name a template can write (`:`), so no template reads or shadows it.
IMPORTED = "explainer:imported"


def fast_getattr(base: type[jinja2.Environment]) -> Getattr:
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


def escape_output(value: Any) -> str:
    """What `{{ value }}` writes: `markupsafe.escape(value)`, as a plain str for a str.

    Compiled templates call `escape` only on what they output, and output is
    joined into one string, so a plain str is as good as a `Markup` there and
    saves constructing one per `{{ }}` (700,000 a build at N=1000). A `Markup`
    (a macro's result, `| safe`) is written as it is, as `escape` would.
    """
    kind = type(value)
    if kind is str:
        return _escape_inner(value)
    if kind is Markup:
        return value
    if kind is int:  # a year, a count, a citation's number: digits, nothing to escape
        return str(value)
    return markupsafe.escape(value)


class KeptTemplates(jinja2.Environment):
    """An environment that finds a template it loaded in a plain dict, by name.

    Every `{% import %}` and `{% extends %}` asks the environment for a template,
    four to six times a page. Jinja's cache is an LRU with a lock, keyed by a weak
    reference made per call; with `auto_reload` off (as `site.render` makes it) a
    template once loaded is the one every later call gets, so a dict gives the same
    answer. A call with `globals` (none of ours) goes to Jinja, as before.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._kept: dict[str, jinja2.Template] = {}

    def _load_template(
        self, name: str, globals: MutableMapping[str, Any] | None
    ) -> jinja2.Template:
        if globals or self.auto_reload:
            return super()._load_template(name, globals)
        template = self._kept.get(name)
        if template is None:
            template = self._kept[name] = super()._load_template(name, globals)
        return template


class Template(jinja2.Template):
    """A compiled template whose output escaping is `escape_output`, and whose render
    lets go of the modules it imported (`PageModules`)."""

    one_module_per_page = False  # each import makes its module, as Jinja's imports do

    @classmethod
    def _from_namespace(
        cls,
        environment: jinja2.Environment,
        namespace: Any,
        globals: Any,
    ) -> jinja2.Template:
        namespace["escape"] = escape_output  # the name the compiled code calls
        return super()._from_namespace(environment, namespace, globals)

    def render(self, *args: Any, **kwargs: Any) -> str:
        """`jinja2.Template.render`, then the page's modules let go (`PageModules`)."""
        if self.environment.is_async:  # not ours: Jinja's own (runs the async render)
            return super().render(*args, **kwargs)
        context = self.new_context(dict(*args, **kwargs))
        try:
            return self.environment.concat(self.root_render_func(context))
        except Exception:
            self.environment.handle_exception()
        finally:
            context.parent[IMPORTED].release()
            context.vars.clear()  # macros the page's own templates define refer to it

    def new_context(
        self,
        vars: dict[str, Any] | None = None,
        shared: bool = False,
        locals: Mapping[str, Any] | None = None,
    ) -> jinja2.runtime.Context:
        if not shared:  # a page's own render: its modules start here (imports pass them on)
            vars = {**(vars or {}), IMPORTED: PageModules()}
        return super().new_context(vars, shared, locals)

    def make_module(
        self,
        vars: dict[str, Any] | None = None,
        shared: bool = False,
        locals: Mapping[str, Any] | None = None,
    ) -> jinja2.environment.TemplateModule:
        """A module for an import in a page's render, kept to be let go with the page: one
        for every import, as Jinja makes them, or (`one_module_per_page`) one per page."""
        kept = vars.get(IMPORTED) if shared and vars else None
        if kept is None:
            return super().make_module(vars, shared, locals)
        module = kept.get(self.name) if self.one_module_per_page else None
        if module is None:
            module = kept.made(self, self.new_context(vars, shared, locals))
            if self.one_module_per_page:
                kept[self.name] = module
        return module


def _getattr_item(environment: jinja2.Environment) -> Callable[[Any, str], Any]:
    """`environment.getattr(obj, name)` for a `name` that is no attribute of a dict."""
    undefined, getattr = environment.undefined, environment.getattr

    def getattr_item(obj: Any, attribute: str) -> Any:
        if type(obj) is dict:
            try:
                return obj[attribute]
            except KeyError:
                return undefined(obj=obj, name=attribute)
        return getattr(obj, attribute)

    return getattr_item


class ThemeCodeGenerator(CodeGenerator):
    """Jinja's code generator, with `obj.name` through the template's `getattr_item`."""

    @optimizeconst
    def visit_Getattr(self, node: nodes.Getattr, frame: Frame) -> None:
        if node.attr in _DICT_ATTRIBUTES or self.environment.is_async:
            super().visit_Getattr(node, frame)
            return
        self.write("getattr_item(")
        self.visit(node.node, frame)
        self.write(f", {node.attr!r})")


class ThemeTemplate(Template):
    """A package theme template: each template it imports is made once per page."""

    one_module_per_page = True

    @classmethod
    def _from_namespace(
        cls,
        environment: jinja2.Environment,
        namespace: Any,
        globals: Any,
    ) -> jinja2.Template:
        namespace["getattr_item"] = _getattr_item(environment)  # see ThemeCodeGenerator
        return super()._from_namespace(environment, namespace, globals)


class PageModules(dict[str, jinja2.environment.TemplateModule]):
    """The modules a page's render imported, by template name, and the contexts they
    were made in.

    A module's macros refer to its context and its context to them (and, through the
    page's variables, to this dict): about 175 objects a page that only the cyclic
    garbage collector could free, which then ran ~0.3 times a page and took 5-10% of
    a render. `release`, once the page is rendered, breaks those cycles, so each
    page's objects go as soon as the page is done.
    """

    __slots__ = ("contexts",)

    def __init__(self) -> None:
        super().__init__()
        self.contexts: list[jinja2.runtime.Context] = []

    def made(
        self, template: jinja2.Template, context: jinja2.runtime.Context
    ) -> jinja2.environment.TemplateModule:
        """`template`'s module, run in `context` (kept, to be let go)."""
        self.contexts.append(context)
        return jinja2.environment.TemplateModule(template, context)

    def release(self) -> None:
        for context in self.contexts:
            context.vars.clear()
        self.contexts.clear()
        self.clear()


class ThemeContext(Context):
    """A package theme template's context: a macro called with its arguments in order
    (the theme's calls but those with `caller` or keywords) runs without Jinja's
    binding of keywords, defaults and `caller`, which gives the same arguments."""

    def call(__self, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        if type(__obj) is not Macro:
            return super().call(__obj, *args, **kwargs)
        if kwargs:  # in a loop or a block: Jinja's variables for functions, not macros
            kwargs.pop("_block_vars", None)
            kwargs.pop("_loop_vars", None)
        count = __obj._argument_count
        if (
            kwargs
            or len(args) > count
            or __obj.caller
            or __obj.explicit_caller
            or __obj.catch_kwargs
            or __obj.catch_varargs
        ):
            return __obj(__self.eval_ctx, *args, **kwargs)
        if len(args) < count:  # the macro's own code puts its defaults in for `missing`
            args += (missing,) * (count - len(args))
        html = __obj._func(*args)
        # `Markup(html)` without its Python `__new__` (it asks a str for `__html__` first).
        return _new_str(Markup, html) if __self.eval_ctx.autoescape else html
