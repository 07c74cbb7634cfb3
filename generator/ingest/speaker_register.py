"""What an article has named so far, for its later speakers: `Speaker` and `Register`.

Owns the `Speaker` value (a dossier slug and/or a name as written, and the
rule that decided) and the `Register` of one article: the full names seen
so far (a later `Wang` is `Wang Wenbin`), the institutions named with the
actor they belong to (`Departemen Keuangan Amerika Serikat`, for a later
`departemen itu`; read by `institutions_in`), the declared persons named,
the actors a sentence last named together (whose a joint statement is), and
whose the last statement was. A value passed along, never global state:
`speakers.resolve` reads it, `quotes` adds to it paragraph by paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from generator.ingest.actors import Gazetteer, find_mentions
from generator.ingest.lexicon import NameCues
from generator.ingest.rules import Rules


@dataclass(frozen=True)
class Speaker:
    """Who a quote is attributed to, and by which rule."""

    slug: str | None  # a dossier slug (a person, or a state or organisation)
    name: str | None  # the name as written, kept when there is no dossier
    rule: str  # which rule decided, for the writer's review
    phrase: str = ""  # the attribution words, to resolve later short references

    @property
    def named(self) -> bool:
        return bool(self.slug or self.name)


UNNAMED = Speaker(None, None, "unnamed source")


@dataclass(frozen=True)
class Register:
    """Full names seen so far in the article, earliest first, and the institutions
    named with the actor they belong to (`Departemen Keuangan Amerika Serikat`)."""

    names: tuple[str, ...] = ()
    institutions: tuple[tuple[str, Speaker], ...] = ()  # (its word in lower case, the actor)
    persons: tuple[tuple[str, str], ...] = ()  # declared persons named: (as written, slug)
    together: tuple[tuple[str, str], ...] = ()  # the actors a sentence last named together
    statement: Speaker | None = None  # whose the last statement quoted or named was

    def add(self, *names: str) -> Register:
        new = tuple(n for n in names if n and n not in self.names)
        return replace(self, names=self.names + new) if new else self

    def add_institutions(self, found: Sequence[tuple[str, Speaker]]) -> Register:
        return replace(self, institutions=self.institutions + tuple(found)) if found else self

    def add_persons(self, text: str, gazetteer: Gazetteer, rules: Rules) -> Register:
        found = tuple((m.surface, m.slug) for m in find_mentions(text, gazetteer, rules)
                      if gazetteer.is_person(m.slug))  # fmt: skip
        return replace(self, persons=self.persons + found) if found else self

    def add_together(self, text: str, gazetteer: Gazetteer, rules: Rules) -> Register:
        """The actors (not persons) of the last sentence of `text` naming two or more:
        who a joint statement after it is of (`Amerika Serikat dan Uni Eropa menyambut
        …. "…," demikian pernyataan bersama kedua pihak`)."""
        for sentence in reversed(re.split(r"(?<=[.!?])\s+", text)):
            found = [m for m in find_mentions(sentence, gazetteer, rules)
                     if not gazetteer.is_person(m.slug)]  # fmt: skip
            if len({m.slug for m in found}) >= 2:
                return replace(self, together=tuple((m.slug, m.surface) for m in found))
        return self

    def known_person(self, word: str) -> tuple[str, str] | None:
        """The declared person named latest with this word (`Xi` of `Xi Jinping`)."""
        return next(
            (p for p in reversed(self.persons) if word in p[0].split()[1:] + p[0].split()[:1]), None
        )

    def institution(self, word: str) -> Speaker | None:
        """The actor of the latest institution named with this word."""
        return next((s for w, s in reversed(self.institutions) if w == word), None)

    def full_name(self, short: str) -> str | None:
        """The latest longer name seen earlier that contains every word of `short`, or
        the fullest one containing that (`Lukman` after `Lukman Hakim Siregar` … `kata
        Lukman Hakim` is Lukman Hakim Siregar)."""
        found = None
        for name in reversed(self.names):
            if _holds(name, short):
                found = name
                break
        while found is not None:
            fuller = next((n for n in reversed(self.names) if _holds(n, found)), None)
            if fuller is None:
                return found
            found = fuller
        return None


def _holds(name: str, short: str) -> bool:
    """`name` is longer than `short` and has every word of it."""
    parts, wanted = name.split(), short.split()
    return len(parts) > len(wanted) and all(w in parts for w in wanted)


def institutions_in(
    text: str, gazetteer: Gazetteer, rules: Rules, cues: NameCues
) -> list[tuple[str, Speaker]]:
    """`Departemen Keuangan Amerika Serikat`: each institution word with the actor
    named within a few words after it, for a later `departemen itu`; a person's title
    right before them (`Presiden Joko Widodo`), for a later `juru bicara Presiden`."""
    out = []
    end = 0  # where the mention before ends: an institution word before it is not this one's
    for mention in find_mentions(text, gazetteer, rules):
        window = text[max(end, mention.start - 80) : mention.start]
        end = mention.end
        if gazetteer.is_person(mention.slug):
            title = re.findall(r"[\w-]+", window)[-1:]
            if title and title[0] in rules.titles and re.search(r"\w\s+$", window):
                out.append((title[0].lower(), Speaker(mention.slug, mention.surface, "title")))
            continue
        before = re.findall(r"[\w-]+", window)[-6:]
        for word in before:
            if word[:1].isupper() and (
                word in cues.institutions or word.lower() in cues.institution_words
            ):
                out.append((word.lower(), Speaker(mention.slug, mention.surface, "institution")))
    return out
