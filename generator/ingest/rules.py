"""The ingester's rules: the article language's file merged with the site's own.

Owns compiling the `cues` and `furniture` of the articles' language file
(`language.Language`, from `languages/<code>.yaml`) with the optional
`ingest:` key of the site's validated config merged on top (lists are
appended, other values replaced), and the language's date forms and
discovery words (`names`, read by `lexicon`), once. A
bad pattern written by a writer is a `Problem` at its line of site.yaml,
never a traceback: one that does not compile, or that could backtrack for
ever (`(a+)+$`, checked by `backtracking.exponential_backtracking` in the
form the ingester runs it), is an error, and ingest then stops before it
reads an article.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from generator.content.config import SiteConfig
from generator.content.frontmatter import FrontMatter
from generator.errors import Problem
from generator.ingest.backtracking import exponential_backtracking
from generator.ingest.dates import DateForms, date_forms
from generator.ingest.language import Language, Words
from generator.ingest.lexicon import NameCues, name_cues
from generator.ingest.text import alternatives
from generator.vocabulary import DEFAULT_VOCABULARIES, MEMBERSHIP_ROLES, Vocabularies

SCOPES = ("clause", "target", "adjacent", "directed", "glued", "together", "members")


@dataclass(frozen=True)
class Cue:
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


@dataclass(frozen=True)
class Rules:
    language: str  # the articles' language code
    words: Words  # the article language's small words
    names: NameCues  # … and how it names an actor (discovery's words)
    dates: DateForms  # … and its date patterns
    relative_clause: re.Pattern[str]  # between commas: `, yang didukung Iran,`
    furniture_lines: tuple[re.Pattern[str], ...]
    bylines: tuple[re.Pattern[str], ...]
    caption_credit: re.Pattern[str]
    captions: tuple[re.Pattern[str], ...]
    publishers: tuple[re.Pattern[str], ...]
    publishers_in_furniture: tuple[re.Pattern[str], ...]
    name_suffixes_dropped: tuple[str, ...]
    slug_suffixes_dropped: tuple[str, ...]
    not_publishers: frozenset[str]
    authors: tuple[re.Pattern[str], ...]
    short_line_words: int
    stray_headline_words: int
    cues: tuple[Cue, ...]
    clause_break: re.Pattern[str]
    group_joiners: frozenset[str]
    target_stops: tuple[str, ...]
    speech_after: tuple[str, ...]
    speech_before: tuple[str, ...]
    speaker_stops: tuple[str, ...]
    unnamed_speakers: tuple[str, ...]
    titles: frozenset[str]
    not_names: frozenset[str]
    not_actors: tuple[str, ...]
    continuations: tuple[str, ...]
    glued_furniture: tuple[re.Pattern[str], ...] = ()
    datelines: tuple[re.Pattern[str], ...] = ()  # `MOSKOW - `: a city, cut from the text
    sidebar_starts: tuple[re.Pattern[str], ...] = ()
    institutions: tuple[str, ...] = ()
    anaphora: tuple[str, ...] = ()
    negators: tuple[str, ...] = ()
    stance_priority: tuple[str, ...] = ("competitive", "hostile", "mixed", "cooperative")
    hedge: re.Pattern[str] | None = None  # a cooperative cue near one is an offer or a hope
    first_person: frozenset[str] = frozenset()  # in a quote: the speaker's side
    escalated_types: tuple[str, ...] = ()  # competitive types that join a hostile relation
    place_words: frozenset[str] = frozenset()  # a candidate name with one is a place
    document_words: frozenset[str] = frozenset()  # … or a treaty, a declaration
    places: tuple[str, ...] = ()  # known place names of two or more words
    comitatives: frozenset[str] = frozenset()  # `antara A dengan B`: one side of a cue
    object_markers: frozenset[str] = frozenset()  # `sanksi AS terhadap Rusia`
    judging: frozenset[str] = frozenset()  # `A menyebut B musuh`: A's view of B
    transitive_prefixes: tuple[str, ...] = ()  # `A dan B menolak …`: done by both
    reciprocal: frozenset[str] = frozenset()  # … `saling menyerang`: to each other
    negations: frozenset[str] = frozenset()  # `tidak akan menyerang`: nothing happened
    demand: re.Pattern[str] | None = None  # `mendesak X menolak …`: X's act is not done
    pronouns: frozenset[str] = frozenset()  # `dia`: the last sentence's subject, a person
    plural_pronouns: frozenset[str] = frozenset()  # `mereka`: … a group or a state
    both: re.Pattern[str] | None = None  # `kedua negara`: the two actors named before
    # `ketiga partai`, `keempatnya`: the actors named before, when they are that many
    counted: Mapping[str, int] = field(default_factory=dict)
    joins_elided: frozenset[str] = frozenset()  # `C ikut bergabung`: the group named before
    all_of: re.Pattern[str] | None = None
    # the site's membership link types by role (joins | leaves | member), and the actor
    # kinds that are groups: a coalition cue's event between one and another actor
    memberships: Mapping[str, str] = field(default_factory=dict)
    group_kinds: frozenset[str] = frozenset()
    media_name: re.Pattern[str] | None = None  # `The Washington Post`: a medium, no actor


def load_rules(
    language: Language, config: SiteConfig | None = None
) -> tuple[Rules, tuple[Problem, ...]]:
    """`language`'s rules merged with the `ingest:` key of `config` (none: the file's alone)."""
    problems: list[Problem] = []
    furniture, cues = dict(language.furniture), dict(language.cues)
    package_cues = len(cues.get("cues") or [])
    # Where each list of the site's own entries starts in the merged lists.
    defaults = {
        **{f"furniture.{k}": len(v) for k, v in furniture.items() if isinstance(v, list)},
        **{f"cues.{k}": len(v) for k, v in cues.items() if isinstance(v, list)},
    }
    lines = FrontMatter({}, config.key_lines if config else {})
    vocabulary = config.vocabulary if config is not None else DEFAULT_VOCABULARIES
    stances, link_types = vocabulary.codes("stances"), vocabulary.codes("link_types")
    if config is not None:
        extra = config.ingest
        if isinstance(extra, dict):
            for part, default in (("furniture", furniture), ("cues", cues)):
                typed = _typed(extra.get(part), default, problems, lines, f"ingest.{part}")
                merged = _merge(default, typed)
                if part == "furniture":
                    furniture = merged
                else:
                    cues = merged
        elif extra is not None:
            problems.append(
                Problem(
                    "site.yaml", lines.line_of("ingest"), "`ingest` must be a mapping", "warning"
                )
            )
    memberships = _memberships(vocabulary)
    clitics = language.words.clitics
    compiler = _Compiler(problems, stances, link_types, memberships, lines, defaults, clitics)
    rules = Rules(
        language=language.code,
        words=language.words,
        names=name_cues(language),
        dates=date_forms(language.words),
        relative_clause=re.compile(rf",\s*(?:{alternatives(language.words.relative)})\b[^,]*,"),
        furniture_lines=compiler.many(furniture, "lines", re.IGNORECASE, whole=True),
        bylines=compiler.many(furniture, "bylines", re.IGNORECASE, whole=True),
        caption_credit=_credit_pattern(furniture.get("agencies") or []),
        captions=compiler.many(furniture, "captions", re.IGNORECASE, whole=True),
        publishers=compiler.many(furniture, "publishers", re.MULTILINE),
        datelines=compiler.many(furniture, "datelines", 0),
        publishers_in_furniture=compiler.many(furniture, "publishers_in_furniture", 0),
        name_suffixes_dropped=tuple(furniture.get("name_suffixes_dropped") or ()),
        slug_suffixes_dropped=tuple(furniture.get("slug_suffixes_dropped") or ()),
        not_publishers=frozenset(s.lower() for s in furniture.get("not_publishers") or ()),
        authors=compiler.many(furniture, "authors", re.MULTILINE),
        short_line_words=int(furniture.get("short_line_words", 6)),
        stray_headline_words=int(furniture.get("stray_headline_words", 15)),
        cues=compiler.cues(cues.get("cues") or [], package_cues),
        clause_break=_words_pattern(cues.get("clause_breaks") or []),
        group_joiners=frozenset(w.lower() for w in cues.get("group_joiners") or ()),
        target_stops=tuple(w.lower() for w in cues.get("target_stops") or ()),
        speech_after=tuple(cues.get("speech_after") or ()),
        speech_before=tuple(cues.get("speech_before") or ()),
        speaker_stops=tuple(cues.get("speaker_stops") or ()),
        unnamed_speakers=tuple(cues.get("unnamed_speakers") or ()),
        titles=frozenset(cues.get("titles") or ()),
        not_names=frozenset(cues.get("not_names") or ()),
        not_actors=tuple(cues.get("not_actors") or ()),
        continuations=tuple(cues.get("continuations") or ()),
        glued_furniture=compiler.many(furniture, "glued", re.IGNORECASE),
        sidebar_starts=compiler.many(furniture, "sidebar_starts", re.IGNORECASE, whole=True),
        institutions=tuple(cues.get("institutions") or ()),
        anaphora=tuple(a.lower() for a in cues.get("anaphora") or ()),
        negators=tuple(n.lower() for n in cues.get("negators") or ()),
        stance_priority=tuple(cues.get("stance_priority") or stances),
        hedge=_words_pattern(cues["hedges"], clause=False) if cues.get("hedges") else None,
        first_person=frozenset(w.lower() for w in cues.get("first_person") or ()),
        escalated_types=tuple(cues.get("escalated_types") or ()),
        place_words=frozenset(w.lower() for w in cues.get("place_words") or ()),
        document_words=frozenset(w.lower() for w in cues.get("document_words") or ()),
        places=tuple(cues.get("places") or ()),
        comitatives=frozenset(w.lower() for w in cues.get("comitatives") or ()),
        object_markers=frozenset(w.lower() for w in cues.get("object_markers") or ()),
        judging=frozenset(w.lower() for w in cues.get("judging") or ()),
        transitive_prefixes=tuple(w.lower() for w in cues.get("transitive_prefixes") or ()),
        reciprocal=frozenset(w.lower() for w in cues.get("reciprocal") or ()),
        negations=frozenset(w.lower() for w in cues.get("negations") or ()),
        pronouns=frozenset(w.lower() for w in cues.get("pronouns") or ()),
        plural_pronouns=frozenset(w.lower() for w in cues.get("plural_pronouns") or ()),
        both=_words_pattern(cues["both"], clause=False) if cues.get("both") else None,
        joins_elided=frozenset(w.lower() for w in cues.get("joins_elided") or ()),
        counted={str(k).lower(): int(v) for k, v in (cues.get("counted") or {}).items()},
        all_of=_counted_pattern(cues.get("counted") or {}, cues.get("counted_nouns") or []),
        demand=_words_pattern(cues["demands"], clause=False) if cues.get("demands") else None,
        memberships=memberships,
        group_kinds=frozenset(vocabulary.group_kinds),
        media_name=_media_pattern(cues.get("media_heads") or [], cues.get("media_openers") or []),
    )
    return rules, tuple(problems)


def _counted_pattern(numbers: Mapping[str, int], nouns: list[str]) -> re.Pattern[str] | None:
    """`ketiga partai`, `keempatnya`: a counted number, then `-nya` or a noun."""
    if not numbers:
        return None
    alts = "|".join(sorted((re.escape(str(n)) for n in numbers), key=len, reverse=True))
    heads = "|".join(sorted((re.escape(n) for n in nouns), key=len, reverse=True)) or "(?!)"
    return re.compile(rf"\b({alts})(?:nya\b|\s+(?:{heads})\b)", re.IGNORECASE)


def _memberships(vocabulary: Vocabularies) -> dict[str, str]:
    """Each membership role → the first link type the site declares for it."""
    out: dict[str, str] = {}
    for term in vocabulary.link_types:
        if term.membership in MEMBERSHIP_ROLES:
            out.setdefault(term.membership, term.code)
    return out


def _typed(
    extra: Any,
    defaults: Mapping[str, Any],
    problems: list[Problem],
    lines: FrontMatter,
    where: str,
) -> dict[str, Any]:
    """The project's rules whose values have the type of the packaged default.

    A hostile or mistyped `ingest:` block (`lines: 5`, `short_line_words: x`,
    a number where a pattern belongs) is dropped with a warning, never a crash.
    """
    if extra is None:
        return {}
    if not isinstance(extra, dict):
        message = (
            f"`{where}` must be a mapping, like the `{where[7:]}` part of "
            "generator/ingest/languages/id.yaml"
        )
        problems.append(Problem("site.yaml", lines.line_of(where), message, "warning"))
        return {}
    kept: dict[str, Any] = {}
    for key, value in extra.items():
        default = defaults.get(key)
        if isinstance(default, list):
            # Cue entries (mappings) are checked one by one by _Compiler.cues.
            entries = bool(default) and isinstance(default[0], dict)
            ok = isinstance(value, list) and (entries or all(isinstance(v, str) for v in value))
        elif isinstance(default, int) and not isinstance(default, bool):
            ok = isinstance(value, int) and not isinstance(value, bool) and 0 < value < 1000
        else:
            ok = False  # not a key the ingester knows
        if ok:
            kept[key] = value
        else:
            message = (
                f"ingest rule '{key}' is not a {type(default).__name__} like the default; ignored"
            )
            problems.append(
                Problem("site.yaml", lines.line_of(f"{where}.{key}"), message, "warning")
            )
    return kept


def _merge(base: Mapping[str, Any], extra: Mapping[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    if not isinstance(extra, Mapping):
        return merged
    for key, value in extra.items():
        if isinstance(value, list) and isinstance(merged.get(key), list):
            merged[key] = [*merged[key], *value]
        else:
            merged[key] = value
    return merged


def _credit_pattern(agencies: list[str]) -> re.Pattern[str]:
    names = "|".join(re.escape(a) for a in sorted(agencies, key=len, reverse=True))
    # the agency, then one or more /Name parts, at the end of a line
    return re.compile(rf"(?:^|[\s.(])(?:{names})(?:\s*/\s*[^/\n]+)+\.?\)?$", re.IGNORECASE)


def _media_pattern(heads: list[str], openers: list[str]) -> re.Pattern[str] | None:
    """A medium named after a place: `The Washington Post`, `Voice of America`."""
    name = r"[A-Z][\w.'’-]*"
    parts = []
    if heads:
        parts.append(rf"(?:The\s+)?(?:{name}\s+){{1,3}}(?:{alternatives(heads)})(?!\w)")
    if openers:
        parts.append(rf"(?:{alternatives(openers)})(?:\s+{name}){{1,3}}")
    return re.compile(rf"(?<!\w)(?:{'|'.join(parts)})") if parts else None


def _words_pattern(words: list[str], *, clause: bool = True) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    if not clause:
        return re.compile(rf"\b(?:{alternatives})\b", re.IGNORECASE)
    return re.compile(rf"(?:[,;]\s*)?\b(?:{alternatives})\b|;", re.IGNORECASE)


def _shown(pattern: str) -> str:
    """A pattern quoted as the writer wrote it (backslashes single), on one line."""
    return "'" + "".join(c if c.isprintable() else repr(c)[1:-1] for c in pattern) + "'"


class _Compiler:
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
