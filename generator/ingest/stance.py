"""Weighing one article's findings for a pair: which stand, which are set aside.

Owns the article-level view of stance. `relations` gives at most one finding
per pair per sentence; an article often gives several for one pair, and some
are only read right together with the others:

- an accusation, condemnation, warning or pressure (the lexicon's
  `escalated_types`) between two actors that the article also shows in a
  hostile act is part of that hostility, so its stance becomes hostile
  ("Filipina melayangkan kecamannya terhadap kapal Penjaga Pantai China",
  after the water cannon). Without a hostile act it stays competitive: "AS
  menuding …" alone is rivalry, not hostility;
- a cooperative finding that is hedged (an offer, an open door to talks) or
  quoted (one side's words about the relation) is set aside when the article
  reports hostility between the same two actors in its own voice: "pintu
  dialog … selalu terbuka" does not make a dispute cooperative. It is shown
  to the writer, never written as evidence.

Hostility counts as the article's own when it is neither quoted nor claimed
by one side (`claim_by`). A finding whose confidence is below
`MIN_CONFIDENCE` (contradicting cues in its sentence, a hedged word, one
side's claim) is set aside too: the writer sees it in the review notes, the
stub never states it. Pure: findings in, findings out; order is kept.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from generator.ingest.records import Finding
from generator.ingest.rules import Rules

MIN_CONFIDENCE = 0.5  # below it, a finding is for the writer to check, not for the stub


@dataclass(frozen=True)
class Weighed:
    """The findings kept, and those set aside."""

    kept: tuple[Finding, ...]
    set_aside: tuple[Finding, ...]


def weigh(findings: Sequence[Finding], rules: Rules) -> Weighed:
    hostile: dict[tuple[str, str], Finding] = {}
    for finding in findings:
        if finding.stance == "hostile" and not finding.quoted and not finding.claim_by:
            hostile.setdefault(finding.actors, finding)
    kept: list[Finding] = []
    aside: list[Finding] = []
    for finding in findings:
        cause = hostile.get(finding.actors)
        if cause is None:
            kept.append(finding)
        elif finding.stance == "competitive" and finding.type in rules.escalated_types:
            reason = f"{finding.reason}; hostile: the article reports {_cue(cause)}"
            kept.append(replace(finding, stance="hostile", reason=reason))
        elif finding.stance == "cooperative" and (finding.hedged or finding.quoted):
            why = "an offer or hope" if finding.hedged else "one side's quoted words"
            reason = f"{finding.reason}; set aside: {why}, outweighed by {_cue(cause)}"
            aside.append(replace(finding, reason=reason))
        else:
            kept.append(finding)
    low = [f for f in kept if f.confidence < MIN_CONFIDENCE]
    for finding in low:
        reason = f"{finding.reason}; set aside: confidence {finding.confidence} is low"
        aside.append(replace(finding, reason=reason))
    kept = [f for f in kept if f.confidence >= MIN_CONFIDENCE]
    return Weighed(tuple(kept), tuple(aside))


def _cue(finding: Finding) -> str:
    """`cue 'ditembaki' (rival, clause scope)` → `'ditembaki' (rival)`."""
    head = finding.reason.split(";")[0].removeprefix("cue ")
    return head.split(" (")[0] + f" ({finding.type})"
