"""The ingester's patterns: a writer's regular expressions compiled and checked.

Owns `Cue` (a compiled cue: its pattern and the stance, link type and scope it
signals) and `PatternCompiler`, which compiles the patterns of the `cues` and
`furniture` of the articles' language file and of the site's `ingest:` key
(`rules.load_rules` merges them), and the patterns `rules` builds from lists
of words (an agency's photo credit, a medium's name, clause breaks, counted
groups). A bad pattern written by a writer is a `Problem` at its line of
site.yaml, never a traceback: one that does not compile, or that could
backtrack for ever (`(a+)+$`, checked by `backtracking.exponential_backtracking`
in the form the ingester runs it), is an error, and ingest then stops before
it reads an article.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from generator.content.frontmatter import FrontMatter
from generator.errors import Problem
from generator.ingest.backtracking import exponential_backtracking
from generator.ingest.text import alternatives
from generator.vocabulary import MEMBERSHIP_ROLES

SCOPES = ("clause", "target", "adjacent", "directed", "glued", "together", "members")


@dataclass(frozen=True)
class Cue:
    """A phrase that signals a stance, and what it signals."""

    pattern: re.Pattern[str]
    stance: str
    type: str
    scope: str
    negates: bool = False
    # founding, joining or leaving a coalition (joins | leaves): between a group and
    # one other actor, the site's membership link type for it (`relations`)
    membership: str | None = None
    gap: int | None = None  # a target cue: the most words between it and its target
    mutual: bool = False  # an act two actors do with each other (`sepakat`): "both" partners
    brokers: bool = False  # hosting or brokering talks between others (`difasilitasi`)


def counted_pattern(numbers: Mapping[str, int], nouns: list[str]) -> re.Pattern[str] | None:
    """`ketiga partai`, `keempatnya`: a counted number, then `-nya` or a noun."""
    if not numbers:
        return None
    alts = "|".join(sorted((re.escape(str(n)) for n in numbers), key=len, reverse=True))
    heads = "|".join(sorted((re.escape(n) for n in nouns), key=len, reverse=True)) or "(?!)"
    return re.compile(rf"\b({alts})(?:nya\b|\s+(?:{heads})\b)", re.IGNORECASE)


def credit_pattern(agencies: list[str]) -> re.Pattern[str]:
    names = "|".join(re.escape(a) for a in sorted(agencies, key=len, reverse=True))
    # the agency, then one or more /Name parts, at the end of a line
    return re.compile(rf"(?:^|[\s.(])(?:{names})(?:\s*/\s*[^/\n]+)+\.?\)?$", re.IGNORECASE)


def media_pattern(heads: list[str], openers: list[str]) -> re.Pattern[str] | None:
    """A medium named after a place: `The Washington Post`, `Voice of America`."""
    name = r"[A-Z][\w.'’-]*"
    parts = []
    if heads:
        parts.append(rf"(?:The\s+)?(?:{name}\s+){{1,3}}(?:{alternatives(heads)})(?!\w)")
    if openers:
        parts.append(rf"(?:{alternatives(openers)})(?:\s+{name}){{1,3}}")
    return re.compile(rf"(?<!\w)(?:{'|'.join(parts)})") if parts else None


def words_pattern(words: list[str], *, clause: bool = True) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    if not clause:
        return re.compile(rf"\b(?:{alternatives})\b", re.IGNORECASE)
    return re.compile(rf"(?:[,;]\s*)?\b(?:{alternatives})\b|;", re.IGNORECASE)


def _shown(pattern: str) -> str:
    """A pattern quoted as the writer wrote it (backslashes single), on one line."""
    return "'" + "".join(c if c.isprintable() else repr(c)[1:-1] for c in pattern) + "'"


class PatternCompiler:
    def __init__(
        self,
        problems: list[Problem],
        stances: tuple[str, ...],
        link_types: tuple[str, ...],
        memberships: Mapping[str, str],  # the site's membership link types by role
        lines: FrontMatter,
        defaults: Mapping[str, int],
        clitics: Sequence[str],
    ) -> None:
        self.problems = problems
        self.stances, self.link_types = stances, link_types
        self.memberships = memberships
        self.lines, self.defaults = lines, defaults
        # a cue matches with a clitic glued on: `kecamannya`, `protesnya`
        glued = "|".join(re.escape(c) for c in clitics)
        self.cue_form = f"\\b(?:{{}})(?:{glued})?\\b" if glued else "\\b(?:{})\\b"

    def warn(self, key: str, message: str) -> None:
        self.problems.append(Problem("site.yaml", self.lines.line_of(key), message, "warning"))

    def one(
        self,
        written: object,
        flags: int,
        where: str,
        key: str,
        *,
        runs_as: Sequence[str] = ("{}",),
    ) -> re.Pattern[str] | None:
        """The pattern `written` compiled as `runs_as[0]` (`{}` stands for it).

        A site's own pattern (`key` is its place in site.yaml) is refused when
        any form it runs as could backtrack for ever.
        """
        if not isinstance(written, str):
            self.warn(key, f"{where}: not a pattern")
            return None
        line = self.lines.line_of(key)
        forms = [form.replace("{}", written) for form in runs_as]
        try:
            re.compile(written, flags)  # an error's position is then the writer's
            compiled = re.compile(forms[0], flags)
        except RecursionError:
            message = f"{where}: the regular expression is nested too deeply: simplify it"
            self.problems.append(Problem("site.yaml", line, message))
            return None
        except re.error as exc:
            message = (
                f"{where}: {_shown(written)} is not a regular expression ({exc}): fix it, or escape "
                "a character meant literally (\\( \\[ \\. \\+)"
            )
            self.problems.append(Problem("site.yaml", line, message))
            return None
        if key.startswith("ingest."):
            for form in forms:
                why = exponential_backtracking(form, flags)
                if why is not None:
                    message = f"{where}: the regular expression {_shown(written)} is refused: {why}"
                    self.problems.append(Problem("site.yaml", line, message))
                    return None
        return compiled

    def _member(self, entry: Mapping[str, Any]) -> bool:
        """A coalition cue whose membership the site has a link type for (`joins`, or
        `member` for a joining; `leaves`)."""
        role = entry.get("membership")
        roles = (role, "member") if role == "joins" else (role,)
        return any(r in self.memberships for r in roles)

    def many(
        self, data: Mapping[str, Any], key: str, flags: int, *, whole: bool = False
    ) -> tuple[re.Pattern[str], ...]:
        out = []
        first_own = self.defaults.get(f"furniture.{key}", 0)
        runs_as = ["(?:{})" if whole else "{}"]
        if key == "bylines":  # also searched for at the end of a line (clean._strip_edges)
            runs_as.append("\\s+(?:{})\\s*$")
        for index, pattern in enumerate(data.get(key) or ()):
            own = f"ingest.furniture.{key}.{index - first_own}" if index >= first_own else ""
            compiled = self.one(
                pattern, flags, f"ingest furniture {key}[{index - first_own}]", own, runs_as=runs_as
            )
            if compiled is not None:
                out.append(compiled)
        return tuple(out)

    def cues(self, entries: list[Any], package_cues: int) -> tuple[Cue, ...]:
        out = []
        for index, entry in enumerate(entries):
            if (
                index < package_cues
                and isinstance(entry, dict)
                and (
                    entry.get("stance") not in self.stances
                    or (entry.get("type") not in self.link_types and not self._member(entry))
                )
            ):
                continue  # a packaged cue for a word this site's vocabulary does not have
            where = f"ingest cues[{index - package_cues}]"
            key = f"ingest.cues.cues.{index - package_cues}" if index >= package_cues else ""
            if not isinstance(entry, dict):
                self.warn(key, f"{where}: not a mapping")
                continue
            stance, kind, scope = (
                entry.get("stance"),
                entry.get("type"),
                entry.get("scope", "clause"),
            )
            own = index >= package_cues
            if (
                stance not in self.stances
                or (own and kind not in self.link_types)
                or (scope not in SCOPES)
            ):
                message = (
                    f"{where}: stance must be one of {', '.join(self.stances)}; type one of "
                    f"{', '.join(self.link_types)}; scope one of {', '.join(SCOPES)}"
                )
                self.warn(key, message)
                continue
            written = entry.get("pattern")
            pattern = self.one(
                written if isinstance(written, str) else str(written),
                re.IGNORECASE,
                where,
                f"{key}.pattern" if key else "",
                runs_as=(self.cue_form,),
            )
            membership = entry.get("membership")
            if membership is not None and membership not in MEMBERSHIP_ROLES:
                message = f"{where}: membership must be one of {', '.join(MEMBERSHIP_ROLES)}"
                self.warn(f"{key}.membership" if key else "", message)
                membership = None
            gap = entry.get("gap")
            if gap is not None and (isinstance(gap, bool) or not isinstance(gap, int) or gap < 0):
                self.warn(f"{key}.gap" if key else "", f"{where}: gap must be a number of words")
                gap = None
            if pattern is not None:
                flags = {f: bool(entry.get(f)) for f in ("negates", "mutual", "brokers")}
                # a packaged coalition cue whose type this site lacks: its membership only
                kind = kind if kind in self.link_types else ""
                out.append(Cue(pattern, stance, kind, scope, membership=membership, gap=gap,
                               **flags))  # fmt: skip
        return tuple(out)
