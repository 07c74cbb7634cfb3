"""Markdown's everyday subset, rendered without markdown-it, gives markdown-it's bytes (issue 25).

`content.markdown_subset` renders paragraphs, headings, tight lists, tables,
quotes, emphasis and dossier references itself, and refuses every other text.
Whatever it renders must be exactly the `Compiled` of markdown-it with our
rules (HTML, references with their lines, problems): for texts generated
from the subset and from just outside it, for every text of the fixture
sites, and for the texts a writer and the ingester write. The typical texts
must be taken by it, or it saves nothing.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from generator.content import markdown_subset
from generator.content.frontmatter import parse_front_matter
from generator.content.markup import (
    BodyRef,
    Compiled,
    compile_inline,
    compile_markdown,
    compile_with_markdown_it,
)
from generator.errors import ExplainerError

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

FIXTURES = Path(__file__).parent / "fixtures"


def subset(text: str, *, inline: bool = False) -> Compiled | None:
    compiled = (markdown_subset.compile_inline if inline else markdown_subset.compile_block)(text)
    if compiled is None:
        return None
    return Compiled(compiled[0], tuple(BodyRef(*ref) for ref in compiled[1]))


def assert_same_or_refused(text: str, *, inline: bool = False) -> bool:
    """Whether the subset took the text; when it did, its output is markdown-it's."""
    fast = subset(text, inline=inline)
    if fast is not None:
        assert fast == compile_with_markdown_it(text, inline=inline), text
    return fast is not None


# Pieces of inline text: words, the punctuation that decides emphasis, and references;
# then (drawn less often) what the subset must refuse, or escape, or read with care.
SUBSET_FRAGMENTS = [
    "word",
    "Kata",
    "2020",
    "über",
    "Ωmega",
    "東京",
    " ",
    " ",
    " ",
    "\n",
    ".",
    ",",
    "(",
    ")",
    '"',
    "'",
    ":",
    "?",
    "-",
    "—",
    "& ",
    ">",
    "{",
    "}",
    "#",
    "]",
    "^",
    "@",
    "=",
    "*word*",
    "**Kata über**",
    "*[[slug]] x*",
    "[[slug]]",
    "[[other-slug|a label]]",
    "[[slug|*star* label]]",
    "[[ spaced ]]",
    "[[slug| ]]",
    "[@source]",
    " {#own-id}",
]
OTHER_FRAGMENTS = [
    "*",
    "**",
    "!",
    "  ",
    "&",
    "&amp;",
    "<b>",
    "|",
    "[",
    "_",
    "~",
    "`",
    "\\",
    "\t",
    "\u00a0",
    "***",
    "[@ source]",
    "[sic]",
    "[x](https://example.org)",
    "![alt](images/a.jpg)",
    "[^1]",
    "{#x}",
]
FRAGMENTS = SUBSET_FRAGMENTS * 6 + OTHER_FRAGMENTS
inline_text = st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=12).map("".join)


def tidy(text: str) -> str:
    """The text without spaces at its lines' ends, which the subset refuses."""
    return re.sub(r" *\n *", "\n", text).strip(" ")


# Mostly tidy, so most texts reach the block and inline rules; sometimes not.
line_text = st.one_of(inline_text.map(tidy), inline_text.map(tidy), inline_text)
subset_text = st.lists(st.sampled_from(SUBSET_FRAGMENTS), min_size=1, max_size=12).map(
    lambda pieces: tidy("".join(pieces))
)
one_line = subset_text.map(lambda text: tidy(text.replace("\n", " "))).filter(bool)

# Lines that start every block of the subset, then the blocks next to it.
SUBSET_SHAPES = [
    "{}",
    "# {}",
    "## {}",
    "### {}",
    "#### {}",
    "## {} {{#own-id}}",
    "## Same title",
    "- {}",
    "1. {}",
    "2. {}",
    "> {}",
    "| {} | {} |",
    "| {} | {} | {} |",
    "|---|---:|",
    "| :-- | :-: |",
    "|-|-|-|",
    "",
]
OTHER_SHAPES = [
    "#{}",
    "-{}",
    "* {}",
    "+ {}",
    "1) {}",
    "0. {}",
    ">{}",
    "---",
    "***",
    "===",
    ": {}",
    "  {}",
    "    {}",
    "[^1]: {}",
    "[ref]: https://example.org",
]
LINE_SHAPES = SUBSET_SHAPES * 4 + ["{}", "", "- {}", "| {} | {} |"] * 4 + OTHER_SHAPES


@st.composite
def documents(draw: Any) -> str:
    """Most documents from the subset's pieces alone (else nearly all hold something it
    refuses), the others from every piece and shape."""
    within = draw(st.integers(0, 3)) > 0
    shapes = st.sampled_from(
        [*SUBSET_SHAPES, "{}", "", "- {}", "| {} | {} |"] if within else LINE_SHAPES
    )
    texts = subset_text if within else line_text
    lines = []
    for _ in range(draw(st.integers(1, 10))):
        shape = draw(shapes)
        lines.append(shape.format(*(draw(texts) for _ in range(shape.count("{}")))))
    return "\n".join(lines) + draw(st.sampled_from(["", "\n", "\n\n"]))


@st.composite
def blocks(draw: Any) -> str:
    """One block of the subset: a paragraph, heading, list, table or quote."""
    kind = draw(st.sampled_from(["paragraph", "heading", "bullets", "numbers", "table", "quote"]))
    count = draw(st.integers(1, 4))
    if kind == "paragraph":
        return "\n".join(draw(subset_text) for _ in range(count))
    texts = [draw(one_line) for _ in range(count * 3)]
    if kind == "heading":
        level = draw(st.integers(1, 4))
        own_id = draw(st.sampled_from(["", " {#own-id}", " {#other}"]))
        return f"{'#' * level} {texts[0]}{own_id}"
    if kind == "bullets":
        return "\n".join(f"- {text}" for text in texts[:count])
    if kind == "numbers":
        first = draw(st.integers(0, 12))
        return "\n".join(f"{first + n}. {text}" for n, text in enumerate(texts[:count]))
    if kind == "quote":
        return "\n".join(f"> {text}" for text in texts[:count])
    columns = draw(st.integers(1, 3))
    delimiter = (
        "|"
        + "|".join(draw(st.sampled_from(["---", ":--", "--:", ":-:"])) for _ in range(columns))
        + "|"
    )
    rows = [
        "| " + " | ".join(texts[n * 3 + c] for c in range(draw(st.integers(1, 3)))) + " |"
        for n in range(count)
    ]
    return "\n".join([rows[0], delimiter, *rows[1:]])


@st.composite
def subset_documents(draw: Any) -> str:
    """Blocks of the subset, mostly apart, sometimes one right after another."""
    parts = [draw(blocks()) for _ in range(draw(st.integers(1, 6)))]
    text = parts[0]
    for part in parts[1:]:
        text += draw(st.sampled_from(["\n\n", "\n\n", "\n\n\n", "\n"])) + part
    return text + draw(st.sampled_from(["", "\n"]))


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(subset_documents())
def test_a_body_of_the_subset_is_rendered_as_markdown_it_renders_it(text: str) -> None:
    assert_same_or_refused(text)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_a_body_the_subset_renders_is_rendered_as_markdown_it_renders_it(text: str) -> None:
    assert_same_or_refused(text)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(line_text)
def test_a_summary_the_subset_renders_is_rendered_as_markdown_it_renders_it(text: str) -> None:
    assert_same_or_refused(text, inline=True)


TYPICAL_BODY = """\
Harbour road funding, *either* project [[dossier-00385|about being]] and **every** issue. [@src-1]
A second line of the same paragraph: "quoted" words > 3 & more.

## Being court community rural

- found decade [[dossier-00098]] case
- rural later

### Forest source {#forest}

| Indicator | Value | Note |
| --- | ---: | :-: |
| ferry number | 13297 | [[a--b]] |
| short row |

1. rural school
2. still general

Between the lists.

3. a list that does not start at one

> A quote [@src-2]
> on two lines.

## Being court community rural

## Forest source
"""


def test_typical_texts_are_taken_by_the_subset_and_match() -> None:
    assert assert_same_or_refused(TYPICAL_BODY)
    fast = subset(TYPICAL_BODY)
    assert fast is not None
    assert '<h2 id="being-court-community-rural-1">' in fast.html  # unique anchors
    assert '<h3 id="forest">' in fast.html and '<h2 id="forest-source">' in fast.html
    assert '<ol start="3">' in fast.html
    assert [ref.kind for ref in fast.refs] == ["link", "cite", "link", "link", "cite"]
    assert [ref.line for ref in fast.refs] == [0, 0, 5, 12, 22]
    summary = "One sentence with a [[slug|label]], *stress* and a citation [@src]."
    assert assert_same_or_refused(summary, inline=True)


@pytest.mark.parametrize(
    "text",
    [
        "Raw <b>html</b> is escaped.",
        "A [link](https://example.org) and an ![image](images/a.jpg).",
        "Code `x` and snake_case and \\* escapes.",
        "A footnote.[^1]\n\n[^1]: The note.",
        "- a loose\n\n- list",
        "- a list\nwith a lazy line",
        "A paragraph\n- interrupted by a list",
        "***strong em*** and *nested **strong** em*",
        "*unclosed emphasis",
        "    indented code",
        "Trailing spaces  \nmake a break",
        "Term\n: definition",
        "A [sic] bracket.",
        "| " + " | ".join("c" * 65) + " |\n|" + "---|" * 65,
    ],
)
def test_texts_outside_the_subset_are_left_to_markdown_it(text: str) -> None:
    assert subset(text) is None
    assert compile_markdown(text) == compile_with_markdown_it(text)


def fixture_texts() -> list[tuple[bool, str]]:
    """Every body, summary and event text of the fixture sites and articles."""
    texts: list[tuple[bool, str]] = []
    for path in sorted(FIXTURES.rglob("*.md")):
        try:
            front = parse_front_matter(path.read_text(encoding="utf-8"), str(path))
        except ExplainerError:  # fixtures of bad front-matter
            continue
        texts.append((False, front.body))
        if isinstance(front.data.get("summary"), str):
            texts.append((True, front.data["summary"]))
        for event in front.data.get("timeline") or []:
            if isinstance(event, dict) and isinstance(event.get("text"), dict):
                texts += [(True, text) for text in event["text"].values() if isinstance(text, str)]
    return [(inline, text) for inline, text in texts if text.strip()]


def test_every_fixture_text_the_subset_takes_matches_markdown_it() -> None:
    texts = fixture_texts()
    taken = [assert_same_or_refused(text, inline=inline) for inline, text in texts]
    assert len(texts) > 100
    assert sum(taken) >= 0.9 * len(texts)  # the fixtures are written as writers write


def test_compile_markdown_and_inline_take_the_subset() -> None:
    text = "A [[slug]] and *words*.\n\n## Title\n"
    assert compile_markdown(text) == subset(text) == compile_with_markdown_it(text)
    line = "A [[slug|label]] [@src]"
    assert compile_inline(line) == subset(line, inline=True)
    assert compile_inline(line) == compile_with_markdown_it(line, inline=True)
