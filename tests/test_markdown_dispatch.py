"""The parser's rule dispatch changes no token (issue 25).

`content.markdown_dispatch` tries, at each line and each position, only the
rules its first character can start; the raw-HTML rules are not asked (with
"html" off they refuse everything); the table rule is asked only before a line
that could be a table's delimiter row. The tokens (and the problems noted) must
be those of markdown-it's own chains with its own table rule, for documents
built from every kind of block and inline syntax, and fewer rules are entered.
"""

from __future__ import annotations

import logging
from typing import Any

import pytest
from markdown_it import MarkdownIt
from markdown_it.rules_block.table import table

from generator.content.markdown_rules import PROBLEMS, build_parser, parser

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

# Lines that start (or continue, or end) every construct the parser knows, with
# the indentation and characters that decide between them.
LINES = [
    "Plain words and more words.",
    "# Heading {#own-id}",
    "## Heading two",
    "####### seven",
    "Setext",
    "===",
    "---",
    "***",
    "_ _ _",
    "- item",
    "-item",
    "* item",
    "+ item",
    "1. first",
    "2) second",
    "10. tenth",
    "  - nested item",
    "    indented code",
    "\tindented by a tab",
    "> quoted",
    ">> quoted twice",
    "```python",
    "```",
    "~~~",
    "| a | b |",
    "|---|:-:|",
    "--- | ---",
    "a | b",
    "| 1 | [x](https://example.org) |",
    "Term",
    ": definition",
    "~ definition",
    "[^1]: a footnote",
    "[^1]: the same label again",
    "[ref]: https://example.org/ref",
    "[bad]: javascript:alert(1)",
    "<div>raw html</div>",
    "<!-- comment -->",
    "Text with *emphasis*, __strong__, ~~struck~~ and `code`.",
    "A [[dossier-slug|label]] and [[other]] and a [@source] citation.",
    'A [link](https://example.org "title") and [ref] and [x][ref].',
    'An ![image](images/a.jpg "Caption | Photo: AFP") inline.',
    "![alone](images/b.png)",
    "A note.[^1] And an inline one.^[inline note]",
    "Escapes \\* \\[ \\\\ and &amp; &#65; &copy; entities.",
    "An <https://example.org> autolink and <javascript:alert(1)>.",
    "A [bad](javascript:alert(1)) link and ![bad](data:image/png;base64,AA).",
    "Hard break  ",
    "Backslash break\\",
    "Unicode: pasukan ‘koalisi’ — ISIS‑K ✓",
    "",
    "",
]

DOCUMENT = st.lists(st.sampled_from(LINES), max_size=14).map("\n".join)
# Constructs that take two lines or more, whole.
DOCUMENTS = [
    "A note.[^1] Another.[^2]\n\n[^1]: One.\n[^2]: Two, [[slug]].\n    More of two.",
    'Use [ref] and [x][ref] and ![img][ref].\n\n[ref]: https://example.org/ref "Title"',
    "| a | b |\n|---|---:|\n| 1 | 2 |\n| [[s]] | `|` |\n\nAfter.",
    "Term\n: one\n~ two\n\nTerm two\n\n:   spaced definition\n\n    with code",
    "- a\n  - b\n    - c\n      - d\n        - e\n\n1. one\n2. two\n\n   para in item",
    "> quote\ncontinued\n> - list in quote\n>\n> ```\n> code\n> ```",
    "```\nfenced [[not-a-ref]]\n```\n\n~~~~ info\n~~~\n~~~~",
    "Para\n- list interrupts\n1. ordered one interrupts\n2. two does not\n# heading",
    "Setext *one*\n===\n\nSetext two\n---\n\n***\n___",
    "**bold *nested* bold** _a_b_ *a**b* ~~x~~ ~y~ `a``b` ``c`d``",
]


def _reference() -> MarkdownIt:
    """markdown-it's own chains, with its own table rule (no size limit, no first test)."""
    md = build_parser(dispatch=False)
    md.block.ruler.at("table", table, {"alt": ["paragraph", "reference"]})
    return md


REFERENCE = _reference()


def _parsed(md: MarkdownIt, text: str, inline: bool) -> tuple[list[dict[str, Any]], Any]:
    env: dict[str, Any] = {}
    tokens = md.parseInline(text, env) if inline else md.parse(text, env)
    return [token.as_dict() for token in tokens], env.get(PROBLEMS)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(text=DOCUMENT, inline=st.booleans())
def test_the_same_tokens_as_markdown_its_own_chains(text: str, inline: bool) -> None:
    assert _parsed(parser(), text, inline) == _parsed(REFERENCE, text, inline)


@pytest.mark.parametrize("text", DOCUMENTS)
def test_constructs_of_many_lines(text: str) -> None:
    for inline in (False, True):
        assert _parsed(parser(), text, inline) == _parsed(REFERENCE, text, inline)


@pytest.mark.parametrize("line", LINES)
def test_each_line_alone_and_in_a_list_and_a_quote(line: str) -> None:
    for text in (line, f"- {line}", f"> {line}", f"Before\n{line}\nafter", f"{line}\n\n: def"):
        assert _parsed(parser(), text, False) == _parsed(REFERENCE, text, False), text


def test_fewer_rules_are_entered(caplog: pytest.LogCaptureFixture) -> None:
    """markdown-it's block rules log as they are entered: a page of plain paragraphs no
    longer asks the heading, list, quote, fence or rule rules at each line."""
    text = "\n\n".join(f"Paragraph {n} with plain words." for n in range(50))

    def entered(md: MarkdownIt) -> int:
        caplog.clear()
        with caplog.at_level(logging.DEBUG, logger="markdown_it"):
            md.parse(text, {})
        return sum(record.getMessage().startswith("entering ") for record in caplog.records)

    assert entered(REFERENCE) >= 50 * 10
    assert entered(parser()) <= 50 * 3  # code, lheading and paragraph
