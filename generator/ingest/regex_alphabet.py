"""Which characters a regular expression's atoms read, as sets over a sample alphabet.

Owns `Alphabet`, on which `backtracking` compares character classes: every
literal, `.`, `[…]` and `\\w`/`\\s`/`\\d` of a parse tree of `re`'s own parser
becomes the set, kept as bits, of the sampled characters it matches (case
folded under IGNORECASE), so two classes overlap when they share a sampled
character. The sample is ASCII, Latin-1, Latin Extended, some wider
characters, and every character the pattern names (`named_chars`), letters
first so that the example a message gives (`Alphabet.example`) reads well.
An atom or a category it does not know matches every character: it refuses
more, never less.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable
from typing import Any

_parser: Any = importlib.import_module("re._parser")  # `re`'s own parser (typeshed has no stub)

_IGNORECASE, _ASCII, _DOTALL = int(re.IGNORECASE), int(re.ASCII), int(re.DOTALL)

_BASE = [chr(c) for c in range(0x250)]
_WIDE = "\u2028\u2029\u200b\u3000\u1680\u2003\u0131\u0130\u017f\u212a\u2126\u1e9e\u03a9\u03c9"
_WIDE += "\u0660\u0663\u06f3\u0966\u4e2d\u65e5\u2014\u2013\u201c\u201d\u2018\u2019\u00b7\U0001f600"


class Alphabet:
    def __init__(self, named: Iterable[str]) -> None:
        # Letters first, so that an example character reads well in a message.
        chars = [*"abcdefghijklmnopqrstuvwxyz", *_BASE, *_WIDE]
        for ch in sorted(set(named)):  # what the pattern names, and its case variants
            chars += [ch, *(v for v in (ch.lower(), ch.upper(), ch.casefold()) if len(v) == 1)]
        self.chars = list(dict.fromkeys(chars))
        self.variants = [
            tuple({ch, *(v for v in (ch.lower(), ch.upper(), ch.casefold()) if len(v) == 1)})
            for ch in self.chars
        ]
        self._known: dict[str, int] = {}

    def charset(self, op: Any, av: Any, flags: int) -> int:
        key = f"{op} {av!r} {flags}"
        if key not in self._known:
            self._known[key] = self._charset(op, av, flags)
        return self._known[key]

    def _charset(self, op: Any, av: Any, flags: int) -> int:
        bits = 0
        folded = bool(flags & _IGNORECASE)
        for index, ch in enumerate(self.chars):
            variants = self.variants[index] if folded else (ch,)
            if any(_atom_matches(op, av, v, flags) for v in variants):
                bits |= 1 << index
        return bits

    def example(self, bits: int) -> str:
        for index, ch in enumerate(self.chars):
            if bits >> index & 1:
                return ch
        return "?"


def named_chars(items: Iterable[tuple[Any, Any]]) -> Iterable[str]:
    """Every character a parse tree names (literals and range ends), at any depth."""
    p = _parser
    for op, av in items:
        if op in (p.LITERAL, p.NOT_LITERAL):
            yield chr(av)
        elif op is p.RANGE:
            yield from (chr(av[0]), chr(av[1]))
        elif op in (p.IN, p.ATOMIC_GROUP):
            yield from named_chars(av)
        elif op is p.BRANCH:
            for alternative in av[1]:
                yield from named_chars(alternative)
        elif op in (p.MAX_REPEAT, p.MIN_REPEAT, p.POSSESSIVE_REPEAT):
            yield from named_chars(av[2])
        elif op is p.SUBPATTERN:
            yield from named_chars(av[3])
        elif op in (p.ASSERT, p.ASSERT_NOT):
            yield from named_chars(av[1])
        elif op is p.GROUPREF_EXISTS:
            yield from named_chars(av[1])
            yield from named_chars(av[2] or [])


def _category(code: Any, ch: str, flags: int) -> bool:
    name = str(code)
    ascii_only = bool(flags & _ASCII)
    if "DIGIT" in name:
        hit = ch in "0123456789" if ascii_only else ch.isdecimal()
    elif "SPACE" in name:
        hit = ch in " \t\n\r\f\v" if ascii_only else ch.isspace()
    elif "WORD" in name:
        hit = (ch.isalnum() or ch == "_") and (ch.isascii() or not ascii_only)
    else:  # a category this checker does not know: assume it matches
        return True
    return hit != ("NOT" in name)


def _atom_matches(op: Any, av: Any, ch: str, flags: int) -> bool:
    if op is _parser.LITERAL:
        return ch == chr(av)
    if op is _parser.NOT_LITERAL:
        return ch != chr(av)
    if op is _parser.ANY:
        return ch != "\n" or bool(flags & _DOTALL)
    if op is _parser.IN:
        negate = bool(av) and av[0][0] is _parser.NEGATE
        hit = False
        for item_op, item_av in av[1:] if negate else av:
            if item_op is _parser.LITERAL:
                hit = ch == chr(item_av)
            elif item_op is _parser.RANGE:
                hit = item_av[0] <= ord(ch) <= item_av[1]
            elif item_op is _parser.CATEGORY:
                hit = _category(item_av, ch, flags)
            else:
                hit = True  # unknown: assume it matches (refusing more, never less)
            if hit:
                break
        return hit != negate
    return True
