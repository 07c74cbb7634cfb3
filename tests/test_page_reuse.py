"""What every page shows is made once per site and language, and each page still gets its own.

Issue 25's cold-build work: the menu, the face of a link to a dossier and the
control-character check are computed once (or in a faster way) instead of per
page or per character; the pages' bytes and dependencies stay as they were.
"""

from __future__ import annotations

import gc
import random
from pathlib import Path
from typing import Any

import jinja2
import markupsafe
import pytest
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup
from support import make_project, run_cli

from generator.checks.links import HTML_ID, page_ids
from generator.content.config import load_config
from generator.content.controls import CONTROL, has_control
from generator.errors import ExplainerError
from generator.graph.build_graph import Graph
from generator.pipeline.stages import Pipeline
from generator.site.context import Context
from generator.site.dependencies import link_key
from generator.site.fill_site import all_events, newest_events
from generator.site.kinds import menu
from generator.site.page_data import page_context
from generator.site.render import compile_templates, make_environment, render_page
from generator.site.spec import PageSpec
from generator.theme_files import THEME_DIR


def _graph(tmp_path: Path) -> tuple[Pipeline, Graph]:
    pipeline = Pipeline(load_config(make_project(tmp_path / "site")))
    return pipeline, pipeline.link(pipeline.load())


def test_the_menu_is_picked_once_per_model_and_language(tmp_path: Path) -> None:
    _, graph = _graph(tmp_path)
    model = graph.model
    first = menu(model, "en")
    assert first, "the spine fixture has a menu"
    assert menu(model, "en") is first  # not walked again for the next page
    assert all(spec.lang == "en" and spec.nav for spec in first)
    assert [s.lang for s in menu(model, "id")] == ["id"] * len(menu(model, "id"))


def test_a_links_face_is_made_once_and_each_page_gets_its_own_copy(tmp_path: Path) -> None:
    pipeline, graph = _graph(tmp_path)
    specs = [spec for spec in pipeline.plan(graph) if spec.lang == "en"][:2]
    one, two = (Context(graph, spec, "en") for spec in specs)
    link = one.ref("taliban")
    link["title"] = "changed by one page"
    again = two.ref("taliban")
    assert again["title"] != "changed by one page"
    assert again == Context(graph, specs[0], "en")._link("taliban")
    # Each page that shows the link depends on it, whether it made the face or reused it.
    assert link_key("taliban") in one.used and link_key("taliban") in two.used
    links: dict[str, object] = graph.model.derive("links:en", lambda _: {})
    assert links.get("taliban") is not None


EDGES = [
    *map(chr, range(0x00, 0xA1)),
    *map(chr, range(0xFDCF, 0xFDF1)),
    *"\ufffd\ufffe\uffff\U0001f600\U0001fffe\U0001ffff\U0010fffd\U0010fffe\U0010ffff",
]


def test_the_fast_control_check_agrees_with_the_whole_class() -> None:
    for char in EDGES:
        for text in (char, f"plain {char} text", f"é{char}", f"\U0001f600 {char}"):
            assert has_control(text) == bool(CONTROL.search(text)), repr(text)


def test_the_theme_runs_unsandboxed_only_while_the_site_brings_no_template(
    tmp_path: Path,
) -> None:
    project = make_project(tmp_path / "site")
    (project / "templates").mkdir(exist_ok=True)
    (project / "templates/README.md").write_text("our notes\n")
    assert not isinstance(make_environment(project), SandboxedEnvironment)
    # One file under a theme template's name, a partial the theme's pages import: every
    # template of the site's pages then runs in the sandbox.
    (project / "templates/_macros.html").write_text(
        (THEME_DIR / "_macros.html").read_text() + "{{ ''.__class__.__mro__[1].__subclasses__() }}"
    )
    assert isinstance(make_environment(project), SandboxedEnvironment)
    result = run_cli(project, "build", "--no-search")
    assert result.returncode == 1 and "Traceback" not in result.output, result.output


def test_compiled_templates_of_the_theme_and_the_sandbox_are_kept_apart(tmp_path: Path) -> None:
    project = make_project(tmp_path / "site")
    assert run_cli(project, "build", "--no-search").returncode == 0
    kept = sorted(p.name for p in (project / ".cache/templates").iterdir())
    assert kept and all(name.startswith("__jinja2_theme-") for name in kept)
    (project / "templates").mkdir(exist_ok=True)
    (project / "templates/base.html").write_text((THEME_DIR / "base.html").read_text())
    assert run_cli(project, "build", "--no-search").returncode == 0
    names = [p.name for p in (project / ".cache/templates").iterdir()]
    assert any(name.startswith("__jinja2_sandbox-") for name in names)


def test_the_site_words_are_made_once_for_every_page(tmp_path: Path) -> None:
    pipeline, graph = _graph(tmp_path)
    first, second = pipeline.plan(graph)[1:3]
    one, two = (page_context(graph, spec)[0]["site"] for spec in (first, second))
    assert one["vocabulary"]["stances"], "the fixture's vocabulary has stances"  # type: ignore[index]
    assert one["vocabulary"] is two["vocabulary"]  # type: ignore[index]


def _theme_and_sandbox(tmp_path: Path) -> tuple[jinja2.Environment, jinja2.Environment]:
    """The environment of a site that brings no template, and of one that brings the
    theme's base.html as its own (so every page renders in the sandbox)."""
    project = make_project(tmp_path / "site")
    theme = make_environment(project)
    (project / "templates").mkdir(exist_ok=True)
    (project / "templates/base.html").write_text((THEME_DIR / "base.html").read_text())
    return theme, make_environment(project)


class _Html:
    def __html__(self) -> str:
        return "<i>safe</i>"


OUTPUTS = [
    "<b>Kabul & \"Doha\" 'x'</b>",
    Markup("<b>kept</b>"),
    3,
    -12345678901234567890,
    True,
    2.5,
    None,
    _Html(),
    "plain",
]


def test_both_environments_escape_what_they_output_as_jinja_does(tmp_path: Path) -> None:
    # The compiled templates' `escape` is a faster one: the bytes must stay Jinja's own.
    theme, sandbox = _theme_and_sandbox(tmp_path)
    assert isinstance(sandbox, SandboxedEnvironment) and not isinstance(theme, SandboxedEnvironment)
    plain = jinja2.Environment(autoescape=True)
    source = "{% macro m(v) %}[{{ v }}]{% endmacro %}{{ v }}|{{ m(v) }}|{{ v ~ '&' }}"
    for value in OUTPUTS:
        want = plain.from_string(source).render(v=value)
        assert "<b>Kabul" not in want
        for env in (theme, sandbox):
            assert env.from_string(source).render(v=value) == want, (env, value)
    # ... and it is the faster one, not markupsafe's (which wraps each result in a Markup).
    compiled = theme.get_template("base.html").root_render_func.__globals__["escape"]
    assert compiled is not markupsafe.escape and type(compiled("<")) is str


def test_a_loaded_template_is_found_again_by_name_and_the_same(tmp_path: Path) -> None:
    # Imports and `extends` ask for a template four to six times a page: with templates
    # not reloaded, the one loaded first is what Jinja's own cache would give each time.
    theme, sandbox = _theme_and_sandbox(tmp_path)
    for env in (theme, sandbox):
        first = env.get_template("_macros.html")
        assert env.cache is not None
        env.cache.clear()  # not asked again: kept by name
        assert env.get_template("_macros.html") is first
        assert env.get_template("_macros.html", parent="base.html") is first
        with pytest.raises(jinja2.TemplateNotFound):
            env.get_template("no-such.html")


def _modules_made(env: jinja2.Environment, graph: Graph, spec: PageSpec) -> list[str]:
    """The templates whose modules a render of `spec` made, one name per module."""
    made: list[str] = []
    original = jinja2.environment.TemplateModule.__init__

    def counting(module: Any, template: jinja2.Template, *args: Any, **kwargs: Any) -> None:
        made.append(str(template.name))
        original(module, template, *args, **kwargs)

    jinja2.environment.TemplateModule.__init__ = counting  # type: ignore[method-assign]
    try:
        render_page(env, spec.template, page_context(graph, spec)[0])
    finally:
        jinja2.environment.TemplateModule.__init__ = original  # type: ignore[method-assign]
    return made


def test_a_theme_page_imports_each_template_once(tmp_path: Path) -> None:
    pipeline, graph = _graph(tmp_path)
    actor = next(s for s in pipeline.plan(graph) if s.template == "actor.html")
    made = _modules_made(pipeline.env, graph, actor)
    # actor.html imports _chart and _membership, which import _macros (and _chart) again.
    assert {"_macros.html", "_chart.html", "_membership.html"} <= set(made)
    assert sorted(made) == sorted(set(made))
    # A site's own templates keep Jinja's imports: one module for every import.
    project = tmp_path / "site"
    (project / "templates").mkdir(exist_ok=True)
    (project / "templates/base.html").write_text((THEME_DIR / "base.html").read_text())
    again = _modules_made(make_environment(project), graph, actor)
    assert len(again) > len(set(again)) == len(set(made))


MACROS = """{% macro pair(a, b="B", c=none) %}<{{ a }}|{{ b }}|{{ c }}>{% endmacro %}
{% macro wrap(x) %}[{{ caller(x) }}]{% endmacro %}
{% macro rest(a) %}{{ a }}{{ varargs | join(",") }}{{ kwargs | dictsort | join(",") }}{% endmacro %}
{{ pair(1) }}{{ pair(1, 2) }}{{ pair(1, 2, 3) }}{{ pair(1, c="&") }}{{ pair(a="<") }}
{% for i in [1, 2] %}{{ pair(i, loop.index) }}{% endfor %}
{% call(v) wrap("&") %}{{ v }}{{ pair(v) }}{% endcall %}{{ rest(1, 2, 3, k=4) }}"""


def test_theme_macro_calls_give_what_jinjas_give(tmp_path: Path) -> None:
    theme = make_environment(make_project(tmp_path / "site"))
    assert theme.context_class is not jinja2.runtime.Context  # the faster calls are in use
    plain = jinja2.Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True)
    want = plain.from_string(MACROS).render()
    assert "<1|B|&amp;><&lt;|B|None>" in want and "[&amp;<&amp;|B|None>]" in want
    assert theme.from_string(MACROS).render() == want
    with pytest.raises(TypeError, match="takes not more than"):
        theme.from_string(MACROS + "{{ pair(1, 2, 3, 4) }}").render()


class _Row:
    title = "an attribute"

    def __getitem__(self, key: str) -> str:
        return f"an item {key}"


LOOKUPS = "{{ d.title }}|{{ d['title'] }}|{{ d.items() | list }}|{{ o.title }}|{{ o.url }}"


def test_theme_attribute_lookups_give_what_jinjas_give(tmp_path: Path) -> None:
    theme = make_environment(make_project(tmp_path / "site"))
    assert "getattr_item(" in str(theme.compile(LOOKUPS, raw=True))  # the faster lookup
    plain = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    values = {"d": {"title": "<T>", "url": "/x/"}, "o": _Row()}
    want = plain.from_string(LOOKUPS).render(values)
    assert want.startswith("&lt;T&gt;|&lt;T&gt;|[(&#39;title&#39;") and "an item url" in want
    assert theme.from_string(LOOKUPS).render(values) == want
    with pytest.raises(jinja2.UndefinedError, match="has no attribute 'missing'"):
        theme.from_string("{{ d.missing }}").render(values)


def test_a_pages_ids_are_what_the_id_pattern_finds() -> None:
    # page_ids scans with str.find, not the regex: the same ids, edge cases included.
    pieces = ["id=", " ", "\n", "\u00a0", "\u2028", '"', "'", "a", "é", "=", "x"]
    rng = random.Random(25)
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 14))) for _ in range(50_000)]
    texts += ['<p id="a" class="x">', "<p\tid='b'>", '<p id="">', '<p xid="c">', ' id="d', "id='e'"]
    for text in texts:
        html = text.encode()
        assert page_ids(html) == frozenset(HTML_ID.findall(text)), repr(text)
        assert page_ids(text) == page_ids(html), repr(text)  # a build gives the text


def test_a_build_compiles_every_template_its_pages_name_before_they_render(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Forked workers inherit what the build compiled: a template first loaded while a
    # page renders (its base.html, its macros) would be compiled again in every worker.
    pipeline, graph = _graph(tmp_path)
    actor = next(s for s in pipeline.plan(graph) if s.template == "actor.html")
    env = pipeline.env
    compile_templates(env, [actor.template])

    def load(environment: jinja2.Environment, name: str, *args: Any) -> jinja2.Template:
        raise AssertionError(f"{name} was loaded while a page rendered")

    monkeypatch.setattr(env.loader, "load", load)
    html = render_page(env, actor.template, page_context(graph, actor)[0])
    assert b'class="site-header"' in html and b'class="citations"' in html
    # A template that does not compile is left to rendering, which names it.
    project = tmp_path / "site"
    (project / "templates").mkdir(exist_ok=True)
    (project / "templates/_chart.html").write_text("{% macro broken( %}\n")
    broken = make_environment(project)
    compile_templates(broken, [actor.template])
    with pytest.raises(ExplainerError, match=r"_chart\.html"):
        render_page(broken, actor.template, page_context(graph, actor)[0])


FILTERS = (
    "{{ 'a' | t }}|{{ 'b' | t('g') }}|{{ '2015-10-11' | date }}|{{ none | date }}|"
    "{{ '/en/b/' | rel }}|{% set site = {'strings': {'a': 'set'}} %}{{ 'a' | t }}"
)


def test_the_filters_read_the_page_and_site_as_a_template_names_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # `t`, `date` and `rel` read `site` and `page` from the context without Jinja's
    # lookup: a template's own variable still comes first, then the page's.
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    data = {
        "site": {"strings": {"a": "A&", "g": {"b": "B"}, "undated": "?", "months": months}},
        "page": {"url": "/en/a/", "link_base": None},
    }
    theme, sandbox = _theme_and_sandbox(tmp_path)

    def lookup(context: Any, key: str) -> Any:
        raise AssertionError("Context.__getitem__ was called")

    monkeypatch.setattr(jinja2.runtime.Context, "__getitem__", lookup)
    for env in (theme, sandbox):
        assert env.from_string(FILTERS).render(data) == "A&amp;|B|11 Oct 2015|?|../b/|set"
        with pytest.raises(KeyError):
            env.from_string("{{ 'a' | t }}").render({"page": data["page"]})


def test_the_home_changelog_takes_the_newest_events_in_the_timeline_order(tmp_path: Path) -> None:
    """`newest_events` finds the head of `all_events` without sorting every event."""
    pipeline = Pipeline(load_config(make_project(tmp_path / "site", "evidence")))
    graph = pipeline.link(pipeline.load())
    spec = next(spec for spec in pipeline.plan(graph) if spec.lang == "en")
    ctx = Context(graph, spec, "en")
    every = all_events(ctx)
    assert len(every) > 5, "the fixture has more events than the changelog shows"
    for count in (1, 5, len(every), len(every) + 3):
        assert newest_events(ctx, count) == every[:count]


@pytest.mark.parametrize("own_macros", [False, True], ids=["theme", "sandbox"])
def test_a_page_leaves_nothing_for_the_cycle_collector(tmp_path: Path, own_macros: bool) -> None:
    # A page's macro modules and their contexts refer to each other: unless the render
    # lets them go, each page leaves ~175 objects only the cyclic collector frees.
    # The same for a site with templates of its own (the sandbox, Jinja's own imports).
    pipeline, graph = _graph(tmp_path)
    if own_macros:
        project = tmp_path / "site"
        (project / "templates").mkdir(exist_ok=True)
        macros = (THEME_DIR / "_macros.html").read_text()
        (project / "templates/_macros.html").write_text(macros.replace("<ol>", "<ol data-own>"))
        pipeline = Pipeline(load_config(project))
    specs = [s for s in pipeline.plan(graph) if s.template in ("actor.html", "relationship.html")]
    pages = [(spec.template, page_context(graph, spec)[0]) for spec in specs]
    html = [render_page(pipeline.env, template, data) for template, data in pages]
    assert isinstance(pipeline.env, SandboxedEnvironment) == own_macros
    assert all((b"<ol data-own>" in page) == own_macros for page in html)
    gc.collect()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        again = [render_page(pipeline.env, template, data) for template, data in pages]
        gc.collect()
        left = {type(item).__name__ for item in gc.garbage}
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.enable()
    assert again == html and len(specs) >= 2
    assert not left & {"Macro", "TemplateModule", "Context", "ThemeContext"}, left
