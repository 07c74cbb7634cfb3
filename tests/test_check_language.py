"""A translation that is not one: text in a language's file that reads as another language.

`build --strict` accepted English files whose text was "(EN) " and the
Indonesian text; now `check` warns at the line (and a strict build fails),
for a summary, a body paragraph, an event's text and a quote's translation,
while English that names Indonesian things stays English.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from support import line_of, make_project, run_cli, stamp

from generator.checks import language
from generator.content.model import Dossier
from generator.errors import Problem
from generator.pipeline.build import run_build

INDONESIAN = (
    "Rusia akan membantu Taliban dalam perang melawan ISIS di Afghanistan, kata juru bicara "
    "yang tidak mau disebut namanya, karena ancaman itu sudah sampai ke perbatasan."
)
ENGLISH_ABOUT_INDONESIA = (
    "Russia said it would help the Taliban against ISIS-K; the Indonesian site Arrahmah.id "
    "reported the words of Zamir Kabulov, quoting 'Imarah Islam Afghanistan' as it was written."
)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "site", "workflow")


@pytest.mark.slow
def test_an_untranslated_copy_is_flagged_at_its_line_and_fails_strict(project: Path) -> None:
    russia = project / "content/actors/russia.en.md"
    russia.write_text(
        f"---\ntitle: Russia\nsummary: (EN) {INDONESIAN}\n---\nRussia.\n\n(EN) {INDONESIAN}\n",
        "utf-8",
    )
    stamp(russia)
    result = run_cli(project, "check")
    expected = (
        "content/actors/russia.en.md:{line}: warning: {what} reads as Bahasa Indonesia (id), "
        "not English (en)"
    )
    lines = result.stdout.splitlines()
    for line, what in (
        (line_of(russia, "summary:"), "the summary"),
        (len(russia.read_text("utf-8").splitlines()), "a paragraph"),
    ):
        wanted = expected.format(line=line, what=what)
        assert any(out.startswith(wanted) for out in lines), (wanted, result.stdout)
    assert "translate it, or mark the file `untranslated: true`" in result.stdout
    strict = run_cli(project, "build", "--strict")
    assert strict.returncode == 1 and "reads as Bahasa Indonesia" in strict.stderr + strict.stdout


def test_event_texts_and_quote_translations_are_weighed_in_their_language(project: Path) -> None:
    rel = project / "content/relationships/russia--taliban.id.md"
    rel.write_text(
        rel.read_text("utf-8").replace(
            "en: Russia listed the Taliban as terrorists.", f"en: {INDONESIAN}"
        ),
        "utf-8",
    )
    source = project / "content/sources/arrahmah-2025-05-02.id.md"
    source.write_text(
        source.read_text("utf-8").replace(
            '{en: "We will give our best help"}', f'{{en: "{INDONESIAN}"}}'
        ),
        "utf-8",
    )
    result = run_cli(project, "check")
    assert (
        f"content/relationships/russia--taliban.id.md:{line_of(rel, 'Rusia memasukkan')}: warning: "
        "timeline event 1's text reads as Bahasa Indonesia (id), not English (en)"
    ) in result.stdout, result.stdout
    assert (
        f"content/sources/arrahmah-2025-05-02.id.md:{line_of(source, 'translation:')}: warning: "
        "quote 1's translation reads as Bahasa Indonesia (id)"
    ) in result.stdout, result.stdout


def test_english_that_names_indonesian_things_stays_english(project: Path) -> None:
    russia = project / "content/actors/russia.en.md"
    russia.write_text(
        f"---\ntitle: Russia\nsummary: {ENGLISH_ABOUT_INDONESIA}\n---\nRussia.\n", "utf-8"
    )
    stamp(russia)
    result = run_cli(project, "check")
    assert "reads as" not in result.stdout, result.stdout
    assert result.returncode == 0, result.stdout


@pytest.mark.slow
def test_a_rebuild_weighs_the_edited_dossier_alone_and_warns_as_a_cold_build(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    russia = project / "content/actors/russia.en.md"
    russia.write_text(f"---\ntitle: Russia\n---\nRussia.\n\n(EN) {INDONESIAN}\n", "utf-8")
    assert run_build(project, search=False).warnings
    weighed: list[str] = []
    original = language._wrong_in

    def counted(dossier: Dossier, **kwargs: Any) -> tuple[Problem, ...]:
        weighed.append(dossier.slug)
        return original(dossier, **kwargs)

    monkeypatch.setattr(language, "_wrong_in", counted)
    taliban = project / "content/actors/taliban.en.md"
    taliban.write_text(taliban.read_text("utf-8") + "\nOne more sentence.\n", "utf-8")
    cached = run_build(project, search=False)
    assert cached.cached and weighed == ["taliban"]
    cold = run_build(project, search=False, use_cache=False, out=project / "cold")
    assert [str(w) for w in cached.warnings] == [str(w) for w in cold.warnings]
    assert any("reads as Bahasa Indonesia" in str(w) for w in cached.warnings)


hypothesis = pytest.importorskip("hypothesis")
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

COMMON = {"id": frozenset({"dan", "yang", "ñata"}), "en": frozenset({"the", "and2", "it"})}
PIECES = [*sorted(w for words in COMMON.values() for w in words), "The", "DAN", "Ñata", "ıt"]
PIECES += ["x", "İ", "ß", "2", "_", "-", "'", " ", "\n", "[[a|dan]]", "[[the]]", "[@s]"]
PIECES += ["](u)", "`the`", "http://the.x", "é", "ﬁ", "²", "٣", "Σ"]


def _counted_by_regex(text: str) -> dict[str, int] | None:
    """What `language._counts` counts, as `language.WORD` defines a word."""
    text = language.MARKUP.sub(" ", text)
    text = language.WIKILINK.sub(lambda m: m.group(2) or m.group(1), text)
    words = language.WORD.findall(text.casefold())
    if len(words) < language.MIN_WORDS:
        return None
    return {lang: sum(w in common for w in words) for lang, common in COMMON.items()}


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30))
def test_common_words_are_counted_as_the_word_pattern_finds_them(pieces: list[str]) -> None:
    """An ASCII text's words are split by a byte table, not the regex: the same words."""
    text = "".join(pieces)
    assert language._counts(text, language.CommonWords.of(COMMON)) == _counted_by_regex(text)
