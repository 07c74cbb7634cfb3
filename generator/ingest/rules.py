"""The ingester's rules: the article language's file merged with the site's own.

Owns loading the `cues` and `furniture` of the articles' language file
(`language.Language`, from `languages/<code>.yaml`) with the optional
`ingest:` key of the site's validated config merged on top (lists are
appended, other values replaced; a value of the wrong type is dropped with a
warning), into one `Rules` with the language's date forms and discovery
words (`names`, read by `lexicon`), once. Each pattern is compiled, and a
writer's bad one refused at its line of site.yaml, by `rule_patterns`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from generator.content.config import SiteConfig
from generator.content.frontmatter import FrontMatter
from generator.errors import Problem
from generator.ingest.dates import DateForms, date_forms
from generator.ingest.language import Language, Words
from generator.ingest.lexicon import NameCues, name_cues
from generator.ingest.rule_patterns import (
    Cue,
    PatternCompiler,
    counted_pattern,
    credit_pattern,
    media_pattern,
    words_pattern,
)
from generator.ingest.text import alternatives
from generator.vocabulary import DEFAULT_VOCABULARIES, MEMBERSHIP_ROLES, Vocabularies


@dataclass(frozen=True)
class Rules:
    """Everything ingest knows of the articles' language."""

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
    compiler = PatternCompiler(problems, stances, link_types, memberships, lines, defaults, clitics)
    rules = Rules(
        language=language.code,
        words=language.words,
        names=name_cues(language),
        dates=date_forms(language.words),
        relative_clause=re.compile(rf",\s*(?:{alternatives(language.words.relative)})\b[^,]*,"),
        furniture_lines=compiler.many(furniture, "lines", re.IGNORECASE, whole=True),
        bylines=compiler.many(furniture, "bylines", re.IGNORECASE, whole=True),
        caption_credit=credit_pattern(furniture.get("agencies") or []),
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
        clause_break=words_pattern(cues.get("clause_breaks") or []),
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
        hedge=words_pattern(cues["hedges"], clause=False) if cues.get("hedges") else None,
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
        both=words_pattern(cues["both"], clause=False) if cues.get("both") else None,
        joins_elided=frozenset(w.lower() for w in cues.get("joins_elided") or ()),
        counted={str(k).lower(): int(v) for k, v in (cues.get("counted") or {}).items()},
        all_of=counted_pattern(cues.get("counted") or {}, cues.get("counted_nouns") or []),
        demand=words_pattern(cues["demands"], clause=False) if cues.get("demands") else None,
        memberships=memberships,
        group_kinds=frozenset(vocabulary.group_kinds),
        media_name=media_pattern(cues.get("media_heads") or [], cues.get("media_openers") or []),
    )
    return rules, tuple(problems)


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
            # Cue entries (mappings) are checked one by one by PatternCompiler.cues.
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
