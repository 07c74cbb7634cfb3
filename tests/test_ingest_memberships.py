"""Coalition cues become the site's membership events (`joins`, `leaves`, `member`).

A fixture election site (made with `explainer init`, its vocabulary declared like
the README's election example: parties, a coalition kind that is a group, and
membership link types) ingests synthetic articles of a coalition's founding by
three parties, a party joining it and another leaving it. Between a party and the
coalition each cue is a membership event; between two parties, and on a site
without membership types, it is what it was before: allies, or a splinter.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from support import init_site, run_cli

from generator.content.frontmatter import parse_front_matter

KINDS = """
vocabulary:
  actor_kinds:
    party: {id: Partai politik, en: Political party}
    coalition: {id: Koalisi, en: Coalition, group: true}
  link_types:
"""
ALLIES = """\
    allies: {id: Sekutu, en: Allies, stance: cooperative}
    splinter: {id: Pecahan, en: Splinter, tie: splinter}
"""
MEMBERSHIPS = """\
    joins: {id: Bergabung, en: Joins the coalition, membership: joins}
    member: {id: Anggota, en: Member of the coalition, membership: member}
    leaves: {id: Hengkang, en: Leaves the coalition, membership: leaves}
"""
MEMBER_ONLY = """\
    member: {id: Anggota, en: Member of the coalition, membership: member}
"""
ACTORS = {
    "nasdem": ("party", "Partai NasDem", "[Partai NasDem, NasDem]"),
    "pkb": ("party", "PKB", "[PKB, Partai Kebangkitan Bangsa]"),
    "pks": ("party", "PKS", "[PKS, Partai Keadilan Sejahtera]"),
    "demokrat": ("party", "Partai Demokrat", "[Partai Demokrat, Demokrat]"),
    "koalisi-perubahan": ("coalition", "Koalisi Perubahan", "[Koalisi Perubahan]"),
}
# synthetic reports, written for this test
ARTICLES = {
    "01_dibentuk.txt": (
        "Tiga Partai Bentuk Koalisi Perubahan\n\n"
        "Jakarta - Partai NasDem, Partai Demokrat dan PKS membentuk Koalisi Perubahan "
        "pada Jumat (24/3/2023) di Jakarta.\n"
    ),
    "02_pkb.txt": (
        "PKB Bergabung\n\n"
        "Jakarta - PKB resmi bergabung dengan Koalisi Perubahan pada Sabtu (2/9/2023).\n"
    ),
    "03_demokrat.txt": (
        "Demokrat Hengkang\n\n"
        "Jakarta - Partai Demokrat keluar dari Koalisi Perubahan pada Senin (4/9/2023).\n"
    ),
}


def _site(tmp_path: Path, link_types: str, coalition: str = "coalition") -> Path:
    """The fixture site ingesting the articles; `coalition`, the coalition's kind."""
    site = init_site(tmp_path / "site", vocabulary=KINDS + link_types)
    for slug, (kind, title, aliases) in ACTORS.items():
        kind = coalition if slug == "koalisi-perubahan" else kind
        text = f"---\ntitle: {title}\nkind: {kind}\naliases: {aliases}\n---\n{title}.\n"
        (site / f"content/actors/{slug}.id.md").write_text(text, "utf-8")
        (site / f"content/actors/{slug}.en.md").write_text(f"---\ntitle: {title}\n---\n")
    for name, text in ARTICLES.items():
        (site / "seeds" / name).write_text(text, "utf-8")
    result = run_cli(site, "ingest", "seeds")
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def _types(site: Path) -> dict[str, list[tuple[str | None, str, str]]]:
    """Each relationship stub's events: (date, type, stance)."""
    out = {}
    for path in sorted((site / "content/relationships").glob("*.id.md")):
        data = parse_front_matter(path.read_text("utf-8"), path.name).data
        out[path.name.split(".")[0]] = [
            (str(e.get("date")), e["type"], e["stance"]) for e in data["timeline"]
        ]
    return out


def _with(party: str) -> str:
    """The slug of a party's relationship with the coalition."""
    return "--".join(sorted((party, "koalisi-perubahan")))


def test_founding_joining_and_leaving_a_coalition_are_membership_events(tmp_path: Path) -> None:
    site = _site(tmp_path, ALLIES + MEMBERSHIPS)
    found = _types(site)
    # the founding: each of the three parties joins, on the founding's date
    for party in ("demokrat", "nasdem", "pks"):
        assert ("2023-03-24", "joins", "cooperative") in found[_with(party)]
    assert found[_with("pkb")] == [("2023-09-02", "joins", "cooperative")]
    # leaving ends Demokrat's membership (the cue's stance stays, as on every tie event)
    assert ("2023-09-04", "leaves", "competitive") in found[_with("demokrat")]
    # two parties founding it together are allies, not members of each other
    assert found["nasdem--pks"] == [("2023-03-24", "allies", "cooperative")]
    # published as they are, the stubs check clean: each membership has one group side
    for path in (site / "content").rglob("*.md"):
        path.write_text(path.read_text("utf-8").replace("draft: true\n", ""), "utf-8")
    checked = run_cli(site, "check")
    assert checked.returncode == 0 and "0 error(s)" in checked.stdout + checked.stderr


def test_a_site_with_member_reports_only_records_a_joining_as_one(tmp_path: Path) -> None:
    found = _types(_site(tmp_path, ALLIES + MEMBER_ONLY))
    assert found[_with("pkb")] == [("2023-09-02", "member", "cooperative")]
    # no `leaves` type: leaving is what it was, a splinter
    assert ("2023-09-04", "splinter", "competitive") in found[_with("demokrat")]


@pytest.mark.parametrize(
    ("link_types", "coalition"),
    [(ALLIES, "coalition"), (ALLIES + MEMBERSHIPS, "party")],
    ids=["no membership types", "the coalition declared a party"],
)
def test_without_membership_types_or_a_group_the_cues_are_as_before(
    tmp_path: Path, link_types: str, coalition: str
) -> None:
    found = _types(_site(tmp_path, link_types, coalition))
    assert found[_with("pkb")] == [("2023-09-02", "allies", "cooperative")]
    assert ("2023-03-24", "allies", "cooperative") in found[_with("demokrat")]
    assert ("2023-09-04", "splinter", "competitive") in found[_with("demokrat")]


def test_a_site_with_only_membership_types_gets_only_memberships(tmp_path: Path) -> None:
    """The README's election vocabulary has no `allies` nor `splinter`: the coalition
    cues give its membership events, and nothing between two parties."""
    found = _types(_site(tmp_path, MEMBERSHIPS))
    assert found[_with("pkb")] == [("2023-09-02", "joins", "cooperative")]
    assert found[_with("demokrat")] == [
        ("2023-03-24", "joins", "cooperative"),
        ("2023-09-04", "leaves", "competitive"),
    ]
    assert "nasdem--pks" not in found
