"""Precision and recall of the ingester against gold annotations.

Run `python tests/ingest_scores.py [-v]` from the project folder to print, per
field (actors, pairs, stances, quotes, speakers, dates, furniture,
candidates), the precision, recall and F1 on these sets:

- the synthetic fixture articles (`tests/fixtures/ingest_articles/`, gold in
  its `gold/`, one YAML per article): what the tests hold the ingester to;
- the synthetic unseen articles (`tests/fixtures/unseen/`);
- the synthetic articles on other subjects (`tests/fixtures/subjects/`: a
  labour dispute, a regional election, a trade dispute, an environmental
  complaint, a football sanction, a budget dispute), in the development
  sets' format;
- the synthetic sets on an election's coalitions (`tests/fixtures/coalitions/`),
  on a war and its mediators (`tests/fixtures/mediation/`), on an election's
  alliances (`tests/fixtures/alliances/`), on a border war's mediators
  (`tests/fixtures/mediators/`) and on an election's nominations
  (`tests/fixtures/nominations/`), same format;
- the real development sets `../shared/dev-articles/lcs/` and `myanmar/`
  (one `gold.yaml` per set, names instead of slugs, and an `actors.yaml`
  that is turned into a fixture site in a temporary folder), each when
  present. The articles are read from there, never copied into the project;
- this site's own seeds (`seeds/`, gold in `tests/gold/`), printed for the
  editors, never asserted by a test: a newsroom adds articles there.

Both gold formats are read into one `GoldArticle` shape. The tests import
`score_set`/`score_dev_set` and assert the thresholds.
"""

from __future__ import annotations

import re
import sys
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from generator.content.config import SiteConfig, load_config  # noqa: E402
from generator.ingest.actors import Gazetteer, load_gazetteer  # noqa: E402
from generator.ingest.analyse import analyse  # noqa: E402
from generator.ingest.language import load_language  # noqa: E402
from generator.ingest.read import read_article  # noqa: E402
from generator.ingest.records import Analysis  # noqa: E402
from generator.ingest.rules import load_rules  # noqa: E402
from generator.vocabulary import ACTOR_KINDS, GROUP_KINDS  # noqa: E402

ARTICLES = (HERE / "fixtures" / "ingest_articles", HERE / "fixtures" / "ingest_articles" / "gold",
            HERE / "fixtures" / "ingest_actors")  # fmt: skip
OWN_SEEDS = (ROOT / "seeds", HERE / "gold", HERE / "fixtures" / "ingest_actors")
UNSEEN = (HERE / "fixtures" / "unseen", HERE / "fixtures" / "unseen" / "gold",
          HERE / "fixtures" / "unseen" / "actors")  # fmt: skip
SUBJECTS = HERE / "fixtures" / "subjects"
# synthetic sets on an election's coalitions and on a war with mediators, in the
# development sets' format
COALITIONS, MEDIATION = HERE / "fixtures" / "coalitions", HERE / "fixtures" / "mediation"
# synthetic articles on an election's alliances told as held-back ones tell them
ALLIANCES = HERE / "fixtures" / "alliances"
# synthetic articles on a border war whose speakers are told as held-back ones tell them
MEDIATORS = HERE / "fixtures" / "mediators"
# … and on an election's nominations
NOMINATIONS = HERE / "fixtures" / "nominations"
DEV_SETS = ROOT.parent / "shared" / "dev-articles"
LCS, MYANMAR = DEV_SETS / "lcs", DEV_SETS / "myanmar"
FIELDS = ("actors", "pairs", "stances", "quotes", "speakers", "dates", "furniture", "candidates")


@dataclass(frozen=True)
class PR:
    true_positive: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        return self.true_positive / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positive / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class GoldArticle:
    """One article's gold, whichever file format it came from."""

    file: str
    dates: tuple[str | None, ...]  # any of these is right
    actors: frozenset[str]  # slugs
    pairs: Mapping[tuple[str, str], frozenset[str]]  # sorted slugs → stances and/or types
    quotes: tuple[tuple[str | None, str], ...]  # (speaker slug or name, text or its start)
    gone: tuple[str, ...]
    once: tuple[str, ...]
    unknown: tuple[str, ...]  # names that should be surfaced as candidate actors
    raw: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Scores:
    fields: Mapping[str, PR]
    stance_right: tuple[int, int]  # gold pairs found whose every finding fits the gold label
    analyses: dict[str, Analysis]
    golds: dict[str, dict]
    misses: dict[str, list[str]]

    @property
    def actors(self) -> PR:
        return self.fields["actors"]

    @property
    def pairs(self) -> PR:
        return self.fields["stances"]

    @property
    def quotes(self) -> PR:
        return self.fields["speakers"]


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"^[\W_]+|[\W_]+$", "", text)).casefold()


# -- reading gold -----------------------------------------------------------------


def per_article_gold(gold_dir: Path) -> dict[str, GoldArticle]:
    """The seeds' and the synthetic set's format: one YAML per article, slugs."""
    out = {}
    for path in sorted(gold_dir.glob("*.yaml")):
        g = yaml.safe_load(path.read_text(encoding="utf-8"))
        pairs: dict[tuple[str, str], set[str]] = {}
        for a, b, stance in g["pairs"]:
            pairs.setdefault(_sorted_pair(a, b), set()).add(stance)
        out[path.stem] = GoldArticle(
            file=g["seed"],
            dates=(str(g["date"]) if g["date"] else None,),
            actors=frozenset(g["actors"]),
            pairs={k: frozenset(v) for k, v in pairs.items()},
            quotes=tuple((q["speaker"], q["text"]) for q in g["quotes"]),
            gone=tuple(g.get("furniture_gone") or ()),
            once=tuple(g.get("once") or ()),
            unknown=tuple(g.get("unknown") or ()),
            raw=g,
        )
    return out


def set_gold(gold_file: Path, gazetteer: Gazetteer) -> dict[str, GoldArticle]:
    """The development set's format: one `gold.yaml`, actors named by title."""
    data = yaml.safe_load(gold_file.read_text(encoding="utf-8"))
    by_name = _names(gazetteer)
    out = {}
    for file, g in data.items():
        dates = g["date"] if isinstance(g["date"], list) else [g["date"]]
        pairs = {}
        for key, labels in (g.get("pairs") or {}).items():
            a, b = (by_name[n.casefold()] for n in key.split("|"))
            pairs[_sorted_pair(a, b)] = frozenset(labels if isinstance(labels, list) else [labels])
        out[Path(file).stem] = GoldArticle(
            file=file,
            dates=tuple(str(d) if d else None for d in dates),
            actors=frozenset(by_name[n.casefold()] for n in g["actors"]),
            pairs=pairs,
            # a speaker `null`: the quote is found, and given no speaker
            quotes=tuple((_speaker(by_name, s), t) for s, t in g.get("quotes") or ()),
            gone=tuple(g.get("gone") or ()),
            once=tuple(g.get("once") or ()),
            unknown=tuple(g.get("unknown") or ()),
            raw=g,
        )
    return out


def _speaker(by_name: Mapping[str, str], name: str | None) -> str | None:
    return by_name.get(name.casefold(), name) if name else None


def _names(gazetteer: Gazetteer) -> dict[str, str]:
    names = {}
    for actor in gazetteer.actors.values():
        for name in (actor.slug, actor.title, *(t for _, t in actor.titles)):
            names[name.casefold()] = actor.slug
    return names


def _sorted_pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


SITE = {
    "base_url": "https://example.org/",
    "languages": [{"code": "id", "name": "Bahasa Indonesia", "default": True},
                  {"code": "en", "name": "English"}],
    "title": {"id": "Fixture", "en": "Fixture"},
    "description": {"id": "Fixture", "en": "Fixture"},
}  # fmt: skip


def write_fixture_site(actors_yaml: Path, dest: Path) -> Path:
    """`actors.yaml` (one mapping per slug) → `dest/content/actors/<slug>.<lang>.md`, and
    `dest/site.yaml` declaring the actor kinds they use, as a newsroom's site would: the
    default kinds and the others (`party`; a coalition kind is a group, and the default
    link types include the membership ones)."""
    folder = dest / "content" / "actors"
    folder.mkdir(parents=True, exist_ok=True)
    actors = yaml.safe_load(actors_yaml.read_text(encoding="utf-8"))
    kinds = sorted({str(a["kind"]) for a in actors.values() if a.get("kind")} - set(ACTOR_KINDS))
    site = dict(SITE)
    if kinds:
        declared: dict[str, dict[str, Any]] = {k: {} for k in ACTOR_KINDS}
        for kind in kinds:
            declared[kind] = {"id": kind, "en": kind}
        for kind in GROUP_KINDS:
            declared[kind]["group"] = True
        site["vocabulary"] = {"actor_kinds": declared}
    (dest / "site.yaml").write_text(yaml.safe_dump(site, allow_unicode=True), encoding="utf-8")
    for slug, entry in actors.items():
        titles = entry.get("title") or {}
        for lang, title in titles.items():
            front = {"title": title, "kind": entry.get("kind"), "aliases": entry.get("aliases")}
            if entry.get("affiliation"):
                front["affiliation"] = entry["affiliation"]
            text = "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=True) + "---\n"
            (folder / f"{slug}.{lang}.md").write_text(text, encoding="utf-8")
    return folder


# -- scoring ----------------------------------------------------------------------


def score_set(articles: Path, gold_dir: Path, actors: Path) -> Scores:
    gazetteer, _ = load_gazetteer(actors, actors, "id")
    return score(articles, per_article_gold(gold_dir), gazetteer)


def score_dev_set(folder: Path) -> Scores:
    with tempfile.TemporaryDirectory() as temp:
        actors = write_fixture_site(folder / "actors.yaml", Path(temp))
        gazetteer, _ = load_gazetteer(actors, Path(temp), "id")
        config = load_config(Path(temp))
    return score(folder, set_gold(folder / "gold.yaml", gazetteer), gazetteer, config)


def score(
    articles: Path,
    golds: Mapping[str, GoldArticle],
    gazetteer: Gazetteer,
    config: SiteConfig | None = None,
) -> Scores:
    rules, _ = load_rules(load_language("id"), config)
    analyses: dict[str, Analysis] = {}
    sets: dict[str, tuple[set, set]] = {k: (set(), set()) for k in FIELDS}
    right = found_pairs = 0
    for stem, gold in golds.items():
        result = read_article(articles / gold.file, gold.file)
        assert result.text is not None, result.problem
        found = analyses[stem] = analyse(gold.file, result.text, rules, gazetteer)
        _add(sets["actors"], stem, found.actors, gold.actors)
        by_pair: dict[tuple[str, str], list[tuple[str, str]]] = {}
        for f in found.findings:
            by_pair.setdefault(f.actors, []).append((f.stance, f.type))
        _add(sets["pairs"], stem, by_pair, gold.pairs)
        predicted = {(*p, _label(kinds, gold.pairs.get(p, frozenset())))
                     for p, ks in by_pair.items() for kinds in ks}  # fmt: skip
        _add(
            sets["stances"], stem, predicted, ((*p, s) for p, ls in gold.pairs.items() for s in ls)
        )
        for pair, kinds in by_pair.items():
            if pair in gold.pairs:
                found_pairs += 1
                right += all(_label(k, gold.pairs[pair]) in gold.pairs[pair] for k in kinds)
        quotes = _match_quotes(found, gold)
        _add(sets["quotes"], stem, (q for q, _ in quotes), (norm(t) for _, t in gold.quotes))
        _add(
            sets["speakers"], stem, (qs for _, qs in quotes), ((w, norm(t)) for w, t in gold.quotes)
        )
        date_ok = found.metadata.date in gold.dates
        _add(sets["dates"], stem, [found.metadata.date if date_ok else f"wrong {found.metadata.date}"],
             [found.metadata.date if date_ok else f"gold {gold.dates}"])  # fmt: skip
        body = "\n".join(found.clean.paragraphs)
        gone = [g for g in gold.gone if g not in body]
        kept = [s for s in gold.once if body.count(s) == 1]
        _add(sets["furniture"], stem, [*gone, *kept], [*gold.gone, *gold.once])
        if gold.unknown:
            names = {c.name.casefold(): c.name for c in found.candidates}
            _add(sets["candidates"], stem, names.values(),
                 (names.get(u.casefold(), u) for u in gold.unknown))  # fmt: skip
    results = {k: PR(len(p & g), len(p), len(g)) for k, (p, g) in sets.items()}
    misses = {
        k: [f"missed: {x}" for x in sorted(g - p, key=str)]
        + [f"extra: {x}" for x in sorted(p - g, key=str)]
        for k, (p, g) in sets.items()
    }
    raw = {stem: dict(g.raw) for stem, g in golds.items()}
    return Scores(results, (right, found_pairs), analyses, raw, misses)


def _label(kinds: tuple[str, str], gold: frozenset[str]) -> str:
    """A finding's label as gold writes it: its type when gold names the type."""
    stance, kind = kinds
    return kind if kind in gold and stance not in gold else stance


def _match_quotes(found: Analysis, gold: GoldArticle) -> list[tuple[str, tuple[str | None, str]]]:
    """Each found quote as (text key, (speaker key, text key)); gold text may be a start."""
    out = []
    for q in found.quotes:
        text = norm(q.text)
        key = next((norm(t) for _, t in gold.quotes
                    if text.startswith(norm(t)) or norm(t).startswith(text)), text)  # fmt: skip
        speaker = q.speaker or q.speaker_name
        for who, t in gold.quotes:
            if norm(t) == key and who and speaker and norm(who) == norm(speaker):
                speaker = who
        out.append((key, (speaker, key)))
    return out


def _add(target: tuple[set, set], stem: str, predicted: Iterable, gold: Iterable) -> None:
    target[0].update((stem, *x) if isinstance(x, tuple) else (stem, x) for x in predicted)
    target[1].update((stem, *x) if isinstance(x, tuple) else (stem, x) for x in gold)


# -- printing ---------------------------------------------------------------------


def report(name: str, scores: Scores, verbose: bool) -> None:
    print(f"{name}:")
    for key in FIELDS:
        pr = scores.fields[key]
        if not pr.gold and not pr.predicted:
            continue
        print(f"  {key:10} P {pr.precision:.2f} ({pr.true_positive}/{pr.predicted})"
              f"  R {pr.recall:.2f} ({pr.true_positive}/{pr.gold})  F1 {pr.f1:.2f}")  # fmt: skip
        if verbose:
            for line in scores.misses[key]:
                print(f"      {line}")
    right, found = scores.stance_right
    print(f"  stance right for {right}/{found} gold pairs found"
          f" ({right / found if found else 1:.2f})")  # fmt: skip


if __name__ == "__main__":
    verbose = "-v" in sys.argv
    report("fixture articles (synthetic)", score_set(*ARTICLES), verbose)
    report("unseen (synthetic)", score_set(*UNSEEN), verbose)
    report("other subjects (synthetic)", score_dev_set(SUBJECTS), verbose)
    report("an election's coalitions (synthetic)", score_dev_set(COALITIONS), verbose)
    report("a war and its mediators (synthetic)", score_dev_set(MEDIATION), verbose)
    report("an election's alliances (synthetic)", score_dev_set(ALLIANCES), verbose)
    report("a border war's mediators (synthetic)", score_dev_set(MEDIATORS), verbose)
    report("an election's nominations (synthetic)", score_dev_set(NOMINATIONS), verbose)
    for name, folder in (("LCS", LCS), ("Myanmar", MYANMAR)):
        if (folder / "gold.yaml").is_file():
            report(f"{name} development set", score_dev_set(folder), verbose)
        else:
            print(f"{name} development set: not found at {folder}")
    if (OWN_SEEDS[0]).is_dir():
        report("this site's seeds", score_set(*OWN_SEEDS), verbose)
