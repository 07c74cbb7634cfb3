"""The plain data passed between the ingest steps: frozen dataclasses only.

Every step of `generator.ingest` is a function from these records to these
records; nothing here reads files or holds state.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.errors import Problem


@dataclass(frozen=True)
class ReadResult:
    """An article file decoded to text, or the reason it was skipped."""

    path: str
    text: str | None
    encoding: str | None
    problem: Problem | None = None


@dataclass(frozen=True)
class Removed:
    """A line (or part of one) that cleaning dropped, and why."""

    # furniture | byline | caption | date | header | title | label | stray | repeat
    # | prefix (a dateline with its outlet) | dateline (a city alone) | sidebar
    kind: str
    text: str


@dataclass(frozen=True)
class CleanText:
    """The article after page furniture is removed."""

    paragraphs: tuple[str, ...]
    removed: tuple[Removed, ...]  # in order of the original lines
    headline: str | None  # a headline line recognised at the top, if any

    def removed_of(self, *kinds: str) -> tuple[str, ...]:
        return tuple(r.text for r in self.removed if r.kind in kinds)


@dataclass(frozen=True)
class DateFound:
    """One date expression in the text, resolved to ISO form."""

    iso: str  # YYYY-MM-DD
    expression: str
    kind: str  # "dateline" | "full" | "numeric" | "short"
    weekday_ok: bool | None = None


@dataclass(frozen=True)
class Metadata:
    """An article's title, publisher, author and date."""

    title: str
    title_derived: bool
    publisher: str | None
    publisher_slug: str | None
    author: str | None
    date: str | None
    dates: tuple[DateFound, ...] = ()
    notes: tuple[str, ...] = ()  # for the writer (review)
    place: str | None = None  # the dateline's city


@dataclass(frozen=True)
class Actor:
    """One dossier of the gazetteer."""

    slug: str
    title: str
    kind: str | None
    aliases: tuple[str, ...]
    affiliation: str | None
    titles: tuple[tuple[str, str], ...] = ()  # (language, title)

    def title_in(self, lang: str) -> str:
        return dict(self.titles).get(lang, self.title)


@dataclass(frozen=True)
class Mention:
    """An actor named in a sentence, at character offsets of that sentence."""

    slug: str
    start: int
    end: int
    surface: str


@dataclass(frozen=True)
class Candidate:
    """A name that matches no dossier: maybe a new actor, with what shows it."""

    name: str  # as the articles write it (`PKB`, `Aung San Suu Kyi`)
    slug: str
    sentence: str  # the first sentence naming it
    near: tuple[str, ...] = ()  # actor slugs in the same sentence (hint for affiliation)
    count: int = 1  # sentences naming it (its surname alone counts too)
    score: float = 0.0  # for ranking: the confidence
    aliases: tuple[str, ...] = ()  # its other names in the articles (`Partai Kebangkitan Bangsa`)
    kinds: tuple[str, ...] = ()  # the kinds its cues suggest, best first
    confidence: float = 0.0  # 0–1: how sure the cues are that it is an actor
    roles: tuple[str, ...] = ()  # titles and roles stripped from the name (`Presiden`)
    sentences: tuple[str, ...] = ()  # evidence, a few
    cues: tuple[str, ...] = ()  # why it was proposed, strongest first
    code: str | None = None  # a state's ISO 3166 alpha-3
    kind: str | None = None  # the kind proposed from the site's vocabulary (run level)
    articles: tuple[str, ...] = ()  # the articles naming it (run level)


@dataclass(frozen=True)
class EventDate:
    """An event's date and how the text gave it (`when.event_date`)."""

    iso: str | None  # YYYY, YYYY-MM or YYYY-MM-DD
    how: str  # exact | year_of_article | weekday | relative | article | none
    expression: str  # the words that gave it, as written


@dataclass(frozen=True)
class Finding:
    """One relation between two actors that a sentence evidences."""

    actors: tuple[str, str]  # sorted slugs
    stance: str
    type: str
    cue: str
    sentence: str
    claim_by: tuple[str, ...] = ()
    denied_by: tuple[str, ...] = ()
    reason: str = ""  # which cue and rule decided, so a writer can sort and check
    confidence: float = 0.5  # 0–1: higher for a specific, unambiguous cue
    quoted: bool = False  # the cue stands inside a quotation: one side's words
    hedged: bool = False  # an offer, a hope or an open door, not a relation in force
    cue_at: int = 0  # where the cue stands in `sentence`
    when: EventDate | None = None  # the event's date, from the sentence and the article
    # the clause's own words, where it says the event plainly (`clause_words`):
    # (subject slug, verb phrase, object slug, complement)
    said: tuple[str, str, str, str] | None = None

    @property
    def relationship(self) -> str:
        return f"{self.actors[0]}--{self.actors[1]}"


@dataclass(frozen=True)
class Quote:
    """A quotation found in an article, and its speaker."""

    text: str
    speaker: str | None  # actor slug, or None when unnamed or unknown
    speaker_name: str | None  # the name as written, when there is one
    sentence: str
    about: tuple[str, ...] = ()


@dataclass(frozen=True)
class Analysis:
    """Everything found in one article."""

    seed: str
    source_slug: str
    metadata: Metadata
    clean: CleanText
    actors: tuple[str, ...]
    findings: tuple[Finding, ...]
    quotes: tuple[Quote, ...]
    candidates: tuple[Candidate, ...]
    review: tuple[str, ...]
    set_aside: tuple[Finding, ...] = ()  # outweighed in the article: shown, never written


@dataclass(frozen=True)
class FileAction:
    """What ingest did (or would do) with one output file."""

    path: str  # relative to the project folder, with '/' separators
    action: str  # "created" | "updated" | "unchanged" | "needs update" | "kept"
    reason: str = ""


@dataclass(frozen=True)
class ArticleReport:
    """What ingest did with one article."""

    path: str
    analysis: Analysis | None
    files: tuple[FileAction, ...] = ()
    problems: tuple[Problem, ...] = ()
    reminders: tuple[str, ...] | None = None  # review notes not given before (None: all)
    repeated: int = 0  # review notes already given for unchanged evidence


@dataclass(frozen=True)
class IngestReport:
    """What one ingest run did."""

    articles: tuple[ArticleReport, ...]
    files: tuple[FileAction, ...] = ()  # stubs shared between articles, and the manifest
    problems: tuple[Problem, ...] = ()
    dry_run: bool = False
    candidates: tuple[Candidate, ...] = ()  # the run's candidates, each article's merged
