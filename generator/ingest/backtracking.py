"""Refusing regular expressions that backtrack for ever, before they run.

Python's `re` backtracks. A pattern in which one piece of text can be matched
in exponentially many ways — `(a+)+$`, `(a|aa)*b`, `(\\w+\\s?)*$`, `(.*x){20}`
— takes hours on a line that almost matches, and a site's own `ingest:`
patterns run on every line of every article. So each one is checked once,
when the rules are read, on the parse tree `re` itself builds:

- the tree becomes a position (Glushkov) automaton: one state per character
  class, an edge where one can follow the other, no empty moves;
- the automaton is *exponentially ambiguous* when some state can loop back to
  itself along two different paths that read the same text; in the product of
  the automaton with itself, that is a strongly connected component holding
  both a pair (p, p) and a pair (q, r) with q ≠ r (Allauzen, Mohri and
  Rastogi, "General algorithms for testing the ambiguity of finite automata",
  2008; Weideman et al. apply it to backtracking matchers, 2016).

What the engine never backtracks into — an atomic group `(?>…)`, a
possessive repeat `a*+` — is one opaque step of the automaton, and its inside
is checked on its own (it still backtracks while it first tries to match), as
are lookarounds. Character classes are compared on a sample alphabet
(`regex_alphabet`), so two classes overlap when they share a sampled character.
Polynomial patterns (`\\s+x` searched along a line of spaces) are not refused:
the ingester bounds the text each pattern sees instead (`MAX_LINE_CHARS`).
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from generator.ingest.regex_alphabet import Alphabet, named_chars

_parser: Any = importlib.import_module("re._parser")  # `re`'s own parser (typeshed has no stub)

MAXREPEAT: int = _parser.MAXREPEAT
_DOTALL = int(re.DOTALL)
EXPANDED = 3  # a repeat of at most this many is unrolled; a longer one is a loop
MAX_STATES = 600  # a pattern with more character steps than this is refused as too long to check
MAX_PAIRS = 100_000  # nor one whose check would follow more pairs of steps than this


Ways = dict[int, int]  # state -> in how many ways (1, or 2 meaning "more than one")


@dataclass(frozen=True)
class _Frag:
    """A piece of the automaton: the states it can start and end on, and how many
    ways it can match the empty text, each counted up to 2: the engine explores
    every way, so two ways to reach the same state is where ambiguity starts."""

    empty: int
    first: Ways
    last: Ways


_EMPTY = _Frag(1, {}, {})


def _add(*parts: tuple[Ways, int]) -> Ways:
    out: Ways = {}
    for ways, times in parts:
        for state, count in ways.items():
            out[state] = min(2, out.get(state, 0) + count * times)
    return {state: count for state, count in out.items() if count}


class TooComplex(Exception):
    """The pattern has more steps than MAX_STATES, or its check more pairs than MAX_PAIRS."""


class _Automaton:
    """A position automaton: state 0 is the start; each other state reads one class."""

    def __init__(self, alphabet: Alphabet) -> None:
        self.alphabet = alphabet
        self.charsets: list[int] = [0]
        self.follow: list[Ways] = [{}]  # state -> next state -> number of distinct edges
        self.opaque: list[tuple[Sequence[Any], int]] = []  # bodies checked on their own
        self.pairs = 0

    def state(self, charset: int) -> int:
        if len(self.charsets) > MAX_STATES:
            raise TooComplex
        self.charsets.append(charset)
        self.follow.append({})
        return len(self.charsets) - 1

    def atom(self, charset: int, nullable: bool = False) -> _Frag:
        s = self.state(charset)
        return _Frag(int(nullable), {s: 1}, {s: 1})

    def link(self, ends: Ways, starts: Ways) -> None:
        for s, m in ends.items():
            for t, n in starts.items():
                self.follow[s][t] = min(2, self.follow[s].get(t, 0) + m * n)

    def concat(self, a: _Frag, b: _Frag) -> _Frag:
        self.link(a.last, b.first)
        return _Frag(
            min(2, a.empty * b.empty),
            _add((a.first, 1), (b.first, a.empty)),
            _add((b.last, 1), (a.last, b.empty)),
        )

    def union(self, frags: Sequence[_Frag]) -> _Frag:
        return _Frag(
            min(2, sum(f.empty for f in frags)),
            _add(*((f.first, 1) for f in frags)),
            _add(*((f.last, 1) for f in frags)),
        )

    def sequence(self, items: Iterable[tuple[Any, Any]], flags: int) -> _Frag:
        frag = _EMPTY
        for op, av in items:
            frag = self.concat(frag, self.node(op, av, flags))
        return frag

    def loop(self, body: _Frag, optional: bool) -> _Frag:
        """`body+` (or `body*`): the end of each repetition leads to the start of the next."""
        self.link(body.last, body.first)
        return _Frag(min(2, body.empty + int(optional)), body.first, body.last)

    def chars_of(self, items: Sequence[Any], flags: int) -> int:
        """Every class a body can read, for an opaque step (built on a scratch automaton)."""
        scratch = _Automaton(self.alphabet)
        scratch.sequence(items, flags)
        bits = 0
        for charset in scratch.charsets:
            bits |= charset
        return bits

    def node(self, op: Any, av: Any, flags: int) -> _Frag:
        p = _parser
        if op in (p.LITERAL, p.NOT_LITERAL, p.ANY, p.IN):
            return self.atom(self.alphabet.charset(op, av, flags))
        if op is p.SUBPATTERN:
            _, add, remove, items = av
            return self.sequence(items, (flags | add) & ~remove)
        if op is p.BRANCH:
            return self.union([self.sequence(items, flags) for items in av[1]])
        if op in (p.MAX_REPEAT, p.MIN_REPEAT):
            low, high, items = av
            return self.repeat(low, high, items, flags)
        if op is p.ATOMIC_GROUP:
            self.opaque.append((av, flags))
            return self.atom(self.chars_of(av, flags), self._nullable(av, flags))
        if op is p.POSSESSIVE_REPEAT:
            low, high, items = av
            self.opaque.append((items, flags))  # `x*+` never backtracks into a finished `x`
            nullable = low == 0 or self._nullable(items, flags)
            return self.atom(self.chars_of(items, flags), nullable) if high else _EMPTY
        if op in (p.ASSERT, p.ASSERT_NOT):
            self.opaque.append((av[1], flags))
            return _EMPTY
        if op is p.GROUPREF_EXISTS:
            _, yes, no = av
            return self.union([self.sequence(yes, flags), self.sequence(no or [], flags)])
        if op is p.GROUPREF:
            # a back-reference reads text of any length: a step that loops on everything
            frag = self.atom(self.alphabet.charset(p.ANY, None, flags | _DOTALL), True)
            return self.loop(frag, True)
        return _EMPTY  # AT (^, $, \b) and other zero-width steps

    def _nullable(self, items: Sequence[Any], flags: int) -> bool:
        scratch = _Automaton(self.alphabet)
        return scratch.sequence(items, flags).empty > 0

    def repeat(self, low: int, high: int, items: Sequence[Any], flags: int) -> _Frag:
        if high == 0:
            return _EMPTY
        if high == MAXREPEAT or high > EXPANDED:
            return self.loop(self.sequence(items, flags), low == 0)
        frag = _EMPTY
        for _ in range(low):
            frag = self.concat(frag, self.sequence(items, flags))
        # x{0,3} is (x(x(x)?)?)?: one way to count, as the engine counts
        return self.concat(frag, self._optional_chain(high - low, items, flags))

    def _optional_chain(self, count: int, items: Sequence[Any], flags: int) -> _Frag:
        if count == 0:
            return _EMPTY
        body = self.sequence(items, flags)
        rest = self._optional_chain(count - 1, items, flags)
        return self.union([self.concat(body, rest), _EMPTY])

    def ambiguous_example(self) -> str | None:
        """A character read on two different loops of the same state, or None.

        In the product of the automaton with itself, a strongly connected
        component that holds a pair (p, p) and either a pair (q, r) with q != r
        or an edge taken in two distinct ways is two loops reading one text.
        """
        start = (0, 0)
        edges: dict[tuple[int, int], list[tuple[int, int]]] = {start: []}
        doubled: set[tuple[tuple[int, int], tuple[int, int]]] = set()
        todo = [start]
        while todo:
            a, b = todo.pop()
            out = edges[(a, b)]
            for x, m in self.follow[a].items():
                for y, n in self.follow[b].items():
                    if not self.charsets[x] & self.charsets[y]:
                        continue
                    self.pairs += 1
                    if self.pairs > MAX_PAIRS:
                        raise TooComplex
                    out.append((x, y))
                    if m * n > 1:
                        doubled.add(((a, b), (x, y)))
                    if (x, y) not in edges:
                        edges[(x, y)] = []
                        todo.append((x, y))
        for component in _components(edges):
            members = set(component)
            if not any(a == b for a, b in members):
                continue
            apart = [(a, b) for a, b in members if a != b]
            twice = [(u, v) for u, v in doubled if u in members and v in members]
            if apart:
                a, b = apart[0]
                return self.alphabet.example(self.charsets[a] & self.charsets[b])
            if twice:
                return self.alphabet.example(self.charsets[twice[0][1][0]])
        return None


def _components(edges: dict[tuple[int, int], list[tuple[int, int]]]) -> list[list[Any]]:
    """Strongly connected components (Tarjan's algorithm, without recursion)."""
    index: dict[Any, int] = {}
    low: dict[Any, int] = {}
    on_stack: set[Any] = set()
    stack: list[Any] = []
    out: list[list[Any]] = []
    counter = 0
    for root in edges:
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            node, child = work.pop()
            if child == 0:
                index[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            successors = edges[node]
            if child < len(successors):
                work.append((node, child + 1))
                nxt = successors[child]
                if nxt not in index:
                    work.append((nxt, 0))
                elif nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
                continue
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                out.append(component)
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return out


def exponential_backtracking(pattern: str, flags: int = 0) -> str | None:
    """Why `pattern` is refused, and how to fix it; None when it cannot take exponential time.

    The pattern must compile (`re.error` otherwise). The answer names a
    character of which a long run makes the engine try every split. A pattern
    too large to check within MAX_STATES and MAX_PAIRS is refused too.
    """
    try:
        tree = _parser.parse(pattern, flags)
        flags = int(flags) | int(tree.state.flags)
        alphabet = Alphabet(named_chars(tree))
        bodies: list[tuple[Sequence[Any], int]] = [(tree, flags)]
        while bodies:
            items, body_flags = bodies.pop()
            automaton = _Automaton(alphabet)
            top = automaton.sequence(items, body_flags)
            automaton.link({0: 1}, top.first)
            example = automaton.ambiguous_example()
            if example is not None:
                return (
                    f"it can take exponential time: a run of {example!r} can be split between "
                    "its repeats in exponentially many ways, and the engine tries every split "
                    "before it gives up. Write it so that a text can be matched in one way only: "
                    "drop a repeat inside a repeat (`(a+)+` is `a+`), keep alternatives from "
                    "matching the same text (`(a|aa)*` is `a*`), or make the inner repeat "
                    "possessive (`\\w++`) or the repeated part atomic (`(?>…)*`)"
                )
            bodies += automaton.opaque
    except (TooComplex, RecursionError):
        return (
            "it is too long, or has too many optional parts, to check that it cannot take "
            "exponential time: split it into several shorter patterns"
        )
    return None
