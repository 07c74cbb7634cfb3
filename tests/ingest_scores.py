"""Precision and recall of the ingester against gold annotations.

Run `python tests/ingest_scores.py` from the project folder to print the
numbers for the five seeds and for the synthetic unseen articles. The tests
import `score_set` and assert the thresholds.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from generator.ingest.actors import load_gazetteer  # noqa: E402
from generator.ingest.analyse import analyse  # noqa: E402
from generator.ingest.read import read_article  # noqa: E402
from generator.ingest.records import Analysis  # noqa: E402
from generator.ingest.rules import load_rules  # noqa: E402

SEEDS = (ROOT / "seeds", HERE / "gold", HERE / "fixtures" / "ingest_actors")
UNSEEN = (HERE / "fixtures" / "unseen", HERE / "fixtures" / "unseen" / "gold",
          HERE / "fixtures" / "unseen" / "actors")  # fmt: skip


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


@dataclass(frozen=True)
class Scores:
    actors: PR
    pairs: PR
    quotes: PR
    analyses: dict[str, Analysis]
    golds: dict[str, dict]
    misses: dict[str, list[str]]


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"^[\W_]+|[\W_]+$", "", text)).casefold()


def analyse_folder(articles: Path, gold_dir: Path, actors: Path) -> tuple[dict, dict]:
    rules, _ = load_rules(ROOT / "tests" / "no-such-project")
    gazetteer, _ = load_gazetteer(actors, actors)
    golds = {
        p.stem: yaml.safe_load(p.read_text(encoding="utf-8"))
        for p in sorted(gold_dir.glob("*.yaml"))
    }
    analyses = {}
    for stem, gold in golds.items():
        result = read_article(articles / gold["seed"], gold["seed"])
        assert result.text is not None, result.problem
        analyses[stem] = analyse(gold["seed"], result.text, rules, gazetteer)
    return analyses, golds


def score_set(articles: Path, gold_dir: Path, actors: Path) -> Scores:
    analyses, golds = analyse_folder(articles, gold_dir, actors)
    sets: dict[str, tuple[set, set]] = {"actors": (set(), set()), "pairs": (set(), set()),
                                        "quotes": (set(), set())}  # fmt: skip
    for stem, gold in golds.items():
        found = analyses[stem]
        _add(sets["actors"], stem, found.actors, gold["actors"])
        _add(sets["pairs"], stem, ((*f.actors, f.stance) for f in found.findings),
             (tuple(p) for p in gold["pairs"]))  # fmt: skip
        _add(sets["quotes"], stem, ((q.speaker, norm(q.text)) for q in found.quotes),
             ((q["speaker"], norm(q["text"])) for q in gold["quotes"]))  # fmt: skip
    results = {k: PR(len(p & g), len(p), len(g)) for k, (p, g) in sets.items()}
    misses = {
        k: [f"missed: {x}" for x in sorted(g - p, key=str)]
        + [f"extra: {x}" for x in sorted(p - g, key=str)]
        for k, (p, g) in sets.items()
    }
    return Scores(results["actors"], results["pairs"], results["quotes"], analyses, golds, misses)


def _add(target: tuple[set, set], stem: str, predicted: Iterable, gold: Iterable) -> None:
    target[0].update((stem, *x) if isinstance(x, tuple) else (stem, x) for x in predicted)
    target[1].update((stem, *x) if isinstance(x, tuple) else (stem, x) for x in gold)


def metadata_rows(scores: Scores) -> list[str]:
    rows = []
    for stem, gold in scores.golds.items():
        meta = scores.analyses[stem].metadata
        publishers = gold.get("publisher")
        publishers = publishers if isinstance(publishers, list) else [publishers]
        date_ok = meta.date == (str(gold["date"]) if gold["date"] else None)
        rows.append(
            f"  {stem}: date {meta.date} ({'ok' if date_ok else 'WRONG, gold ' + str(gold['date'])})"
            f"; publisher {meta.publisher} ({'ok' if meta.publisher in publishers else 'gold ' + str(publishers)})"
            f"; author {meta.author} (gold {gold.get('author')})"
            f"; title {'derived' if meta.title_derived else 'headline'}"
        )
    return rows


def report(name: str, scores: Scores, verbose: bool) -> None:
    print(f"{name}:")
    for key in ("actors", "pairs", "quotes"):
        pr: PR = getattr(scores, key)
        print(f"  {key:7} precision {pr.precision:.2f} ({pr.true_positive}/{pr.predicted})"
              f"  recall {pr.recall:.2f} ({pr.true_positive}/{pr.gold})")  # fmt: skip
        if verbose:
            for line in scores.misses[key]:
                print(f"      {line}")
    for row in metadata_rows(scores):
        print(row)


if __name__ == "__main__":
    verbose = "-v" in sys.argv
    report("seeds", score_set(*SEEDS), verbose)
    report("unseen (synthetic)", score_set(*UNSEEN), verbose)
