"""Where each actor's label goes on the map: below, right, left or above its dot.

Labels are placed in reading order, each at the first of those four places
that is best by, in this order: it stays inside the drawing's width, it
covers no other dot or label already placed, and the fewest lines run
through it (the actor's own included: a label under a dot whose lines leave
downwards would be crossed by all of them). Sizes are estimates from the
font (a character is about CHAR units wide), which is all a build-time layout
can know; the labels' halo (CSS `paint-order: stroke`) keeps text legible
where a line still passes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from generator.site.map.geometry import Box, Point, meets_box, overlap

CHAR = 13  # units per character at the map's font size (23 units, a sans-serif)
LINE_HEIGHT = 25
GAP = 16  # from a dot's centre to the near edge of a label beside it
DROP = 30  # from a dot's centre to the first baseline of a label below it
ASCENT, DESCENT = 18, 6
PLACES = ("below", "right", "left", "above")  # preference on equal terms


@dataclass(frozen=True)
class Label:
    """A placed label: where it is drawn and the box it takes."""

    x: float
    y: float  # the first line's baseline
    anchor: str  # start | middle | end
    box: Box


def place_labels(
    points: Mapping[str, Point[float]],
    lines: Mapping[str, tuple[str, ...]],
    segments: Sequence[tuple[Point[float], Point[float]]],
    width: float,
    dot: float,
) -> dict[str, Label]:
    """A label for each actor of `points` (in reading order), given its text `lines`."""
    placed: dict[str, Label] = {}
    dots = {slug: (x - dot, y - dot, x + dot, y + dot) for slug, (x, y) in points.items()}
    for slug, point in points.items():
        others = [box for other, box in dots.items() if other != slug]
        options = [_label(place, point, lines[slug]) for place in PLACES]
        scores = [_score(o, others, list(placed.values()), segments, width) for o in options]
        placed[slug] = options[scores.index(min(scores))]  # the first of equals
    return placed


def _score(
    label: Label,
    dots: Sequence[Box],
    labels: Sequence[Label],
    segments: Sequence[tuple[Point[float], Point[float]]],
    width: float,
) -> tuple[int, int, int]:
    """(outside the width, dots and labels covered, lines through it): lower is better."""
    left, _, right, _ = label.box
    outside = int(left < 0 or right > width)
    covered = sum(overlap(label.box, d) for d in dots)
    covered += sum(overlap(label.box, other.box) for other in labels)
    crossed = sum(meets_box(a, b, label.box) for a, b in segments)
    return (outside, covered, crossed)


def _label(place: str, point: Point[float], text: tuple[str, ...]) -> Label:
    x, y = point
    w = CHAR * max(len(line) for line in text)
    h = LINE_HEIGHT * (len(text) - 1)
    if place == "below":
        first = y + DROP
        return Label(
            x, first, "middle", (x - w / 2, first - ASCENT, x + w / 2, first + h + DESCENT)
        )
    if place == "above":
        first = y - DROP + ASCENT - DESCENT - h
        return Label(
            x, first, "middle", (x - w / 2, first - ASCENT, x + w / 2, first + h + DESCENT)
        )
    first = y + (ASCENT - DESCENT) / 2 - h / 2
    top, bottom = first - ASCENT, first + h + DESCENT
    if place == "right":
        return Label(x + GAP, first, "start", (x + GAP, top, x + GAP + w, bottom))
    return Label(x - GAP, first, "end", (x - GAP - w, top, x - GAP, bottom))
