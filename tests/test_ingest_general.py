"""Rules that carry to any subject: the ingester's words are the language's and
the world's, never the development sets' (a list of one subject's states,
cities or newspapers). Each test names a state, a city or a medium no list in
the language file holds."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.ingest.actors import Gazetteer, find_mentions, load_gazetteer
from generator.ingest.relations import sentence_findings
from generator.ingest.rules import Rules
from generator.ingest.speakers import names_in


def gazetteer_of(folder: Path, **aliases: list[str]) -> Gazetteer:
    """Actor dossiers `slug: aliases`, each a state, written to `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    for slug, names in aliases.items():
        front = f"---\ntitle: {names[0]}\nkind: state\naliases: [{', '.join(names)}]\n---\n"
        (folder / f"{slug}.id.md").write_text(front, encoding="utf-8")
    return load_gazetteer(folder, folder, "id")[0]


def test_any_states_name_is_no_word_of_a_speakers_name(tmp_path, rules):
    gazetteer = gazetteer_of(tmp_path / "actors", chile=["Chile"])
    text = "Juru bicara Kementerian Luar Negeri Peru, Ana Cecilia Gervasi, mengatakan"
    assert names_in(text, gazetteer, rules) == ["Ana Cecilia Gervasi"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Laporan itu dimuat Bangkok Post pada Senin.",
        "Menurut The Bangkok Post, perundingan ditunda.",
        "Wawancara itu disiarkan Radio Thailand dan dikutip media lain.",
    ],
)
def test_a_medium_named_after_a_place_is_no_actor(tmp_path, rules, sentence):
    gazetteer = gazetteer_of(tmp_path / "actors", thailand=["Thailand", "Bangkok"])
    assert find_mentions(sentence, gazetteer, rules) == []
    assert [m.slug for m in find_mentions("Bangkok menolak usulan itu.", gazetteer, rules)] == [
        "thailand"
    ]


def findings(sentence: str, gazetteer: Gazetteer, rules: Rules) -> dict:
    return {f.actors: (f.stance, f.type) for f in sentence_findings(sentence, gazetteer, rules)}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # aiming at a figure is no strike (economic news: targets of exports, investment)
        ("Indonesia menargetkan ekspor ke Uni Eropa naik 10 persen tahun ini.", {}),
        ("Malaysia menargetkan OPM dalam operasi itu.", {("malaysia", "opm"): ("hostile", "strike")}),
        # `kontak senjata` is a firefight, not a contact
        ("Kontak senjata antara TNI dan OPM terjadi di Intan Jaya.",
         {("opm", "tni"): ("hostile", "armed-clash")}),
        # `menahan diri` is restraint, not a detention
        ("Sudan dan Mesir sepakat menahan diri.", {("mesir", "sudan"): ("cooperative", "agreement")}),
    ],
)  # fmt: skip
def test_cue_words_of_war_keep_their_other_senses(tmp_path, rules, sentence, expected):
    gazetteer = gazetteer_of(
        tmp_path / "actors", indonesia=["Indonesia"], uni_eropa=["Uni Eropa"], malaysia=["Malaysia"],
        opm=["OPM"], tni=["TNI"], sudan=["Sudan"], mesir=["Mesir"],
    )  # fmt: skip
    assert findings(sentence, gazetteer, rules) == expected
