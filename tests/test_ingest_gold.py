"""The ingester held to the gold annotations of the five synthetic fixture
articles (`tests/fixtures/ingest_articles/`), more loosely to those of the
synthetic unseen articles, and to the issue's targets on the development sets and the
synthetic articles on other subjects."""

from __future__ import annotations

import pytest
from ingest_scores import ARTICLES, LCS, MYANMAR, SUBJECTS, UNSEEN, score_dev_set, score_set

THRESHOLD = 0.9


@pytest.fixture(scope="module")
def articles():
    return score_set(*ARTICLES)


@pytest.mark.parametrize("measure", ["actors", "pairs", "quotes"])
def test_precision_and_recall(articles, measure):
    pr = getattr(articles, measure)
    assert pr.gold > 0
    assert pr.precision >= THRESHOLD, articles.misses[measure]
    assert pr.recall >= THRESHOLD, articles.misses[measure]


def test_metadata(articles):
    for stem, gold in articles.golds.items():
        meta = articles.analyses[stem].metadata
        assert meta.date == (str(gold["date"]) if gold["date"] else None), stem
        assert meta.publisher == gold["publisher"], stem
        assert meta.title_derived == gold["title_derived"], stem
        if gold.get("title"):
            assert meta.title == gold["title"], stem
        if "author" in gold:
            assert meta.author == gold["author"], stem


def test_dates_are_not_guessed(articles):
    for stem in ("02_blog", "03_lintas"):
        analysis = articles.analyses[stem]
        assert analysis.metadata.date is None
        assert any("date not found" in note for note in analysis.review)


def test_furniture_gone_and_repeats_collapsed(articles):
    for stem, gold in articles.golds.items():
        body = "\n".join(articles.analyses[stem].clean.paragraphs)
        for furniture in gold["furniture_gone"]:
            assert furniture not in body, (stem, furniture)
        for sentence in gold["once"]:
            assert body.count(sentence) == 1, (stem, sentence)


def test_derived_title_is_flagged_for_review(articles):
    analysis = articles.analyses["05_suarapena"]
    assert analysis.metadata.title.startswith("Rusia siap membantu otoritas Taliban")
    assert "Suarapena" not in analysis.metadata.title and "kata" not in analysis.metadata.title
    assert any(note.startswith("title derived") for note in analysis.review)


def test_evidence_keeps_the_sentence(articles):
    analysis = articles.analyses["01_portal"]
    pairs = {(f.actors, f.stance): f for f in analysis.findings}
    finding = pairs[(("taliban", "united-states"), "cooperative")]
    assert "Taliban" in finding.sentence
    denial = next(f for f in articles.analyses["02_blog"].findings if f.type == "denial")
    assert denial.denied_by == ("taliban",)


def test_unseen_generalises_reasonably():
    scores = score_set(*UNSEEN)
    assert scores.actors.precision >= 0.9 and scores.actors.recall >= 0.9
    for measure in ("pairs", "quotes"):
        pr = getattr(scores, measure)
        assert pr.precision >= 0.6 and pr.recall >= 0.6, scores.misses[measure]
    for stem, gold in scores.golds.items():
        assert scores.analyses[stem].metadata.date == str(gold["date"]), stem


def test_stance_right_on_the_fixtures_and_unseen(articles):
    right, found = articles.stance_right
    assert right / found >= 0.95
    right, found = score_set(*UNSEEN).stance_right
    assert right / found >= 0.8


@pytest.mark.skipif(not (LCS / "gold.yaml").is_file(), reason="development set not present")
def test_development_set_meets_the_issue_targets():
    scores = score_dev_set(LCS)
    f = scores.fields
    assert f["actors"].precision >= 0.95 and f["actors"].recall >= 0.95
    assert f["stances"].f1 >= 0.85, scores.misses["stances"]
    right, found = scores.stance_right
    assert right / found >= 0.85
    assert f["speakers"].f1 >= 0.85, scores.misses["speakers"]
    assert f["dates"].recall >= 0.9 and f["furniture"].recall >= 0.95
    assert f["candidates"].recall >= 0.9 and f["candidates"].precision >= 0.8


@pytest.mark.slow
@pytest.mark.skipif(not (MYANMAR / "gold.yaml").is_file(), reason="development set not present")
def test_myanmar_set_keeps_its_precision_and_dates():
    # floors of what the ingester reaches on the second development set, not the
    # issue's targets: its relations are trusted (precision), its dates all right
    scores = score_dev_set(MYANMAR)
    f = scores.fields
    assert f["pairs"].precision >= 0.9 and f["pairs"].recall >= 0.4, scores.misses["pairs"]
    assert f["stances"].precision >= 0.8, scores.misses["stances"]
    assert f["dates"].recall >= 0.9 and f["actors"].recall >= 0.95
    # … and now the issue's targets for pairs and quotes (issue 23d)
    assert f["pairs"].f1 >= 0.8, scores.misses["pairs"]
    assert f["speakers"].f1 >= 0.9, scores.misses["speakers"]


def test_other_subjects_meet_the_issue_targets():
    """The synthetic articles on subjects unlike the development sets (a labour dispute,
    an election, a trade dispute, an environmental complaint, a football sanction, a
    budget dispute): pairs, quotes and dates with the actors declared."""
    scores = score_dev_set(SUBJECTS)
    f = scores.fields
    assert f["pairs"].precision >= 0.9 and f["pairs"].f1 >= 0.8, scores.misses["pairs"]
    assert f["speakers"].f1 >= 0.9, scores.misses["speakers"]
    assert f["dates"].recall >= 0.9 and f["furniture"].recall >= 0.9
