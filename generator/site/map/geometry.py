"""The map's plane geometry: points, boxes, and the tests every stage asks of them.

Which side of a line a point is on, whether two segments cross, whether a
segment enters a box, how far a point is from a segment, whether two boxes
overlap, and how many of a drawing's lines cross. The grid (`slots`) and the
nudged dots (`nudge`) are whole units, so these answers are exact there; the
labels (`labels`) ask the same questions in fractions of a unit.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TypeVar

N = TypeVar("N", int, float)
Point = tuple[N, N]  # x, y in the drawing's units (y grows downwards): Point[int] on the grid
Box = tuple[float, float, float, float]  # left, top, right, bottom
Line = tuple[int, int]  # two actors' numbers: the line between their points


def turn(a: Point[float], b: Point[float], c: Point[float]) -> float:
    """The cross product (b − a) × (c − a): its sign says on which side of ab c lies,
    its size is |ab| times c's distance from the line."""
    return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])


def side(a: Point[float], b: Point[float], c: Point[float]) -> int:
    """1 or -1 for the two sides of the line ab, 0 on it."""
    value = turn(a, b, c)
    return (value > 0) - (value < 0)


def crosses(p1: Point[float], p2: Point[float], q1: Point[float], q2: Point[float]) -> bool:
    """Whether segments p1p2 and q1q2 properly cross: each straddles the other's line."""
    return side(p1, p2, q1) * side(p1, p2, q2) < 0 and side(q1, q2, p1) * side(q1, q2, p2) < 0


def crossings(points: Sequence[Point[float]], lines: Sequence[Line]) -> int:
    """Pairs of lines that cross (lines sharing an end meet there, they do not cross)."""
    total = 0
    for n, (a, b) in enumerate(lines):
        for c, d in lines[n + 1 :]:
            if len({a, b, c, d}) == 4 and crosses(points[a], points[b], points[c], points[d]):
                total += 1
    return total


def crossings_of(points: Sequence[Point[float]], lines: Sequence[Line], line: Line) -> int:
    """The lines that `line` crosses."""
    a, b = line
    return sum(
        len({a, b, c, d}) == 4 and crosses(points[a], points[b], points[c], points[d])
        for c, d in lines
    )


def meets_box(a: Point[float], b: Point[float], box: Box) -> bool:
    """Whether segment ab enters the box (exact for integers)."""
    x0, y0, x1, y1 = box
    if max(a[0], b[0]) < x0 or min(a[0], b[0]) > x1:
        return False
    if max(a[1], b[1]) < y0 or min(a[1], b[1]) > y1:
        return False
    sides = {side(a, b, corner) for corner in ((x0, y0), (x1, y0), (x1, y1), (x0, y1))}
    return sides != {1} and sides != {-1}  # corners on both sides of the line, or on it


def overlap(a: Box, b: Box) -> int:
    """1 if the boxes overlap (touching is not overlapping), else 0: a count to add up."""
    return int(a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3])


def distance(p: Point[float], a: Point[float], b: Point[float]) -> float | None:
    """How far p is from segment ab, if its foot falls inside the segment; else None."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    span = dx * dx + dy * dy
    along = (p[0] - a[0]) * dx + (p[1] - a[1]) * dy
    if span == 0 or not 0 < along < span:
        return None
    return abs(dx * (p[1] - a[1]) - dy * (p[0] - a[0])) / math.sqrt(span)
