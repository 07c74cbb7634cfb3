"""Rule chains that try only the rules a line's (or a position's) first character can start.

markdown-it tries every block rule at the start of every line, and every inline
rule at every character that ends a run of text, until one matches: for a
plain paragraph that is thirteen calls that each look at the first character
and give up. Most rules can only match at one character (a heading at `#`, a
block quote at `>`, a link at `[`): `FirstCharRuler` keeps markdown-it's rules,
order and chains, and tries, for each first character, only the rules that
name it in `BLOCK_STARTS`/`INLINE_STARTS` or name none. A rule is skipped only
where its own first test would have refused without a side effect, so the
tokens are the same ones; `tests/test_markdown_dispatch.py` holds the parser to
that against markdown-it's own chains.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TypeVar

from markdown_it import MarkdownIt
from markdown_it.ruler import Ruler
from markdown_it.rules_block import StateBlock
from markdown_it.rules_inline import StateInline

# The character each block rule needs first on its line (after indentation): its own
# first test, in markdown-it-py 4 and mdit-py-plugins. A rule not named is always tried.
BLOCK_STARTS: Mapping[str, str] = {
    "fence": "`~",
    "blockquote": ">",
    "hr": "*-_",
    "list": "*+-0123456789",
    "footnote_def": "[",
    "reference": "[",
    "heading": "#",
}
# The character each inline rule needs at the position it is tried at. `text` is not
# named: it matches at any character that does not end a run of text.
INLINE_STARTS: Mapping[str, str] = {
    "newline": "\n",
    "escape": "\\",
    "backticks": "`",
    "strikethrough": "~",
    "emphasis": "*_",
    "dossier_refs": "[",
    "link": "[",
    "image": "!",
    "footnote_inline": "^",
    # It notes the footnotes' place in `env` before its test; nothing reads that
    # place unless a footnote was defined, and then every `[^` reaches it anyway.
    "footnote_ref": "[",
    "autolink": "<",
    "entity": "&",
}

Rule = TypeVar("Rule", bound=Callable[..., bool])
ByChar = tuple[dict[str, tuple[Rule, ...]], tuple[Rule, ...]]


class FirstCharRuler(Ruler[Rule]):
    """markdown-it's `Ruler` whose chains dispatch on the first character.

    Each chain is the rules before the first one `starts` names, as they are,
    then one rule that picks among the rest by the character.
    """

    def __init__(
        self,
        rules: Ruler[Rule],
        starts: Mapping[str, str],
        dispatcher: Callable[[ByChar[Rule], tuple[Rule, ...]], Rule],
    ) -> None:
        super().__init__()
        self.__rules__ = list(rules.__rules__)
        self._starts = starts
        self._dispatcher = dispatcher

    def __compile__(self) -> None:
        chains = {""} | {name for rule in self.__rules__ if rule.enabled for name in rule.alt}
        self.__cache__ = {}
        for chain in chains:
            rules = [
                (rule.name, rule.fn)
                for rule in self.__rules__
                if rule.enabled and (not chain or chain in rule.alt)
            ]
            first = next((n for n, (name, _) in enumerate(rules) if name in self._starts), None)
            if first is None:
                self.__cache__[chain] = [fn for _, fn in rules]
                continue
            rest = rules[first:]
            by_char = _by_char(rest, self._starts)
            dispatch = self._dispatcher(by_char, tuple(fn for _, fn in rest))
            self.__cache__[chain] = [*(fn for _, fn in rules[:first]), dispatch]


def _by_char(rules: Sequence[tuple[str, Rule]], starts: Mapping[str, str]) -> ByChar[Rule]:
    """The rules to try at each character that some rule names, and at any other one."""
    chars = {char for name, _ in rules for char in starts.get(name, "")}
    table = {
        char: tuple(fn for name, fn in rules if name not in starts or char in starts[name])
        for char in chars
    }
    return table, tuple(fn for name, fn in rules if name not in starts)


BlockRule = Callable[[StateBlock, int, int, bool], bool]
InlineRule = Callable[[StateInline, bool], bool]


def _block_dispatcher(by_char: ByChar[BlockRule], every: tuple[BlockRule, ...]) -> BlockRule:
    table, others = by_char

    def dispatch(state: StateBlock, line: int, end: int, silent: bool) -> bool:
        start = state.bMarks[line] + state.tShift[line]
        # A blank line has no first character: every rule is asked, as markdown-it does.
        tried = table.get(state.src[start], others) if start < state.eMarks[line] else every
        for rule in tried:  # noqa: SIM110 (a loop: any() over a generator costs more, here)
            if rule(state, line, end, silent):
                return True
        return False

    return dispatch


def _inline_dispatcher(by_char: ByChar[InlineRule], every: tuple[InlineRule, ...]) -> InlineRule:
    table, others = by_char

    def dispatch(state: StateInline, silent: bool) -> bool:
        for rule in table.get(state.src[state.pos], others):  # noqa: SIM110 (as above)
            if rule(state, silent):
                return True
        return False

    return dispatch


def dispatch_by_first_char(md: MarkdownIt) -> None:
    """Make `md`'s block and inline rules dispatch on the first character (rules added
    or enabled afterwards join the chains as markdown-it would place them)."""
    md.block.ruler = FirstCharRuler(md.block.ruler, BLOCK_STARTS, _block_dispatcher)
    md.inline.ruler = FirstCharRuler(md.inline.ruler, INLINE_STARTS, _inline_dispatcher)
