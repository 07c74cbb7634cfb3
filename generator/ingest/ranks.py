"""A coalition's ranks as an article tells them, and a newcomer's partners.

Owns one step across the article's findings, in their order: each membership
event (the site's `joins` and `member` link types, between an actor of a group
kind and another) adds that actor to the group's ranks, a `leaves` event takes
it out; a party joining a group it was not yet listed in is the partner of each
member listed before it (`Partai A dan Partai B sempat membentuk Koalisi X. …
bergabungnya Partai D ke Koalisi X` → D–A, D–B cooperative), with the joining
sentence as evidence, where the site has a type for two partners. Pairs the sentence
already evidences are left as found. Pure.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from generator.ingest.actors import Gazetteer
from generator.ingest.records import Finding
from generator.ingest.rules import Rules


def newcomers_partners(
    findings: Sequence[Finding], gazetteer: Gazetteer, rules: Rules
) -> list[Finding]:
    """The findings to add: each joiner with each member listed before it joined."""
    role_of = {code: role for role, code in rules.memberships.items()}
    ranks: dict[str, list[str]] = {}
    found = {(f.actors, f.sentence) for f in findings}
    out: list[Finding] = []
    for finding in findings:
        role = role_of.get(finding.type)
        group = _group_of(finding.actors, gazetteer, rules)
        if role is None or group is None or finding.denied_by:
            continue
        member = finding.actors[1] if finding.actors[0] == group else finding.actors[0]
        members = ranks.setdefault(group, [])
        if role == "leaves":
            if member in members:
                members.remove(member)
            continue
        if member in members:
            continue
        kind = _partners_type(finding, rules)
        if role == "joins" and kind:
            for other in members:
                pair = (member, other) if member < other else (other, member)
                if (pair, finding.sentence) in found:
                    continue
                found.add((pair, finding.sentence))
                cue = finding.reason.replace(f"; a membership: {finding.type}", "")
                reason = f"{cue}; joins {group}, whose member {other} is: partners"
                out.append(replace(finding, actors=pair, type=kind,
                                   reason=reason, said=None, confidence=0.5))  # fmt: skip
        members.append(member)
    return out


def _group_of(pair: tuple[str, str], gazetteer: Gazetteer, rules: Rules) -> str | None:
    groups = [s for s in pair if s in gazetteer.actors
              and gazetteer.actors[s].kind in rules.group_kinds]  # fmt: skip
    return groups[0] if len(groups) == 1 else None


def _partners_type(finding: Finding, rules: Rules) -> str:
    """The joining cue's own type (its type between two parties: `allies`); "" where the
    site declares only the membership types: then no partners."""
    return next((c.type for c in rules.cues if c.pattern.pattern == finding.cue), "")
