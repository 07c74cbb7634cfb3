"""The map's last touch: move a dot off a line that passes over it, and count what is left.

The slot search (`mapplace`) keeps lines away from the dots they do not join,
but on a grid a line may still graze one. Here each such dot is pushed,
square to the line, just far enough to be clear (`CLEAR` units from it), on
whichever side first works: the push must not make a new crossing, bring the
dot near another line, put one of its own lines over another dot, leave the
drawing, or take the dot more than MAX_SHIFT from its slot (it keeps its row
and column, so the focus order keeps its meaning). Then the crossings and the dots still under a line are counted
on the final points, which is what the page draws. Integers in, integers
out; pairs and dots are visited in a fixed order, so the result is the same
on every run.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from generator.site.mapslots import COLUMN_WIDTH, COLUMNS

CLEAR = 30  # units from a dot's centre to any line it is not an end of
PASSES = 2
MAX_PUSHES = 24  # attempts in all: a crowded map keeps what the search left
EXTRA = (1, 15, 30)  # how much further than just clear a push may go, nearest first
MAX_SHIFT = 35  # from its slot: a dot stays in its row and column (the focus order)

Point = tuple[int, int]


def nudge(points: list[Point], lines: Sequence[tuple[int, int]]) -> list[Point]:
    """`points` (by actor number) with dots moved off the lines that pass over them."""
    home = list(points)
    points = list(points)
    tries = 0
    for _ in range(PASSES):
        moved = False
        for a, b in lines:
            for k in range(len(points)):
                if k in (a, b) or tries >= MAX_PUSHES:
                    continue
                distance = _distance(points[k], points[a], points[b])
                if distance is None or distance >= CLEAR:
                    continue
                tries += 1
                spot = _push(points, lines, k, a, b, distance, home[k])
                if spot is not None:
                    points[k] = spot
                    moved = True
        if not moved:
            break
    return points


def crossings(points: Sequence[Point], lines: Sequence[tuple[int, int]]) -> int:
    """Pairs of lines that cross (lines sharing an end meet there, they do not cross)."""
    total = 0
    for n, (a, b) in enumerate(lines):
        for c, d in lines[n + 1 :]:
            if len({a, b, c, d}) == 4 and _cross(points[a], points[b], points[c], points[d]):
                total += 1
    return total


def overdrawn(points: Sequence[Point], lines: Sequence[tuple[int, int]]) -> int:
    """Lines that pass within CLEAR of a dot they do not join."""
    total = 0
    for a, b in lines:
        for k, point in enumerate(points):
            if k not in (a, b):
                distance = _distance(point, points[a], points[b])
                total += distance is not None and distance < CLEAR
    return total


def _push(
    points: list[Point],
    lines: Sequence[tuple[int, int]],
    k: int,
    a: int,
    b: int,
    distance: float,
    home: Point,
) -> Point | None:
    (ax, ay), (bx, by), (px, py) = points[a], points[b], points[k]
    length = math.hypot(bx - ax, by - ay)
    nx, ny = -(by - ay) / length, (bx - ax) / length  # square to the line
    side = (px - ax) * nx + (py - ay) * ny
    own = [(c, d) for c, d in lines if k in (c, d)]
    crossed = sum(_crossings_of(points, lines, line) for line in own)
    for extra in EXTRA:
        step = CLEAR + extra - distance
        for sign in (1, -1) if side >= 0 else (-1, 1):
            spot = (round(px + sign * nx * step), round(py + sign * ny * step))
            if math.dist(spot, home) > MAX_SHIFT:
                continue
            if _allowed(points, lines, own, crossed, k, spot):
                return spot
    return None


def _allowed(
    points: list[Point],
    lines: Sequence[tuple[int, int]],
    own: Sequence[tuple[int, int]],
    crossed: int,
    k: int,
    spot: Point,
) -> bool:
    """Whether dot `k` may move to `spot`: inside the drawing, clear of other lines, its
    own lines clear of other dots, and no more crossings on its lines than `crossed`."""
    if not 0 < spot[0] < COLUMNS * COLUMN_WIDTH:
        return False
    trial = list(points)
    trial[k] = spot
    for a, b in lines:
        if k not in (a, b):
            d = _distance(spot, trial[a], trial[b])
            if d is not None and d < CLEAR:
                return False
    for a, b in own:
        for m, point in enumerate(trial):
            d = _distance(point, trial[a], trial[b]) if m not in (a, b) else None
            if d is not None and d < CLEAR:
                return False
    total = 0
    for line in own:
        total += _crossings_of(trial, lines, line)
        if total > crossed:
            return False
    return True


def _crossings_of(
    points: Sequence[Point], lines: Sequence[tuple[int, int]], line: tuple[int, int]
) -> int:
    a, b = line
    return sum(
        len({a, b, c, d}) == 4 and _cross(points[a], points[b], points[c], points[d])
        for c, d in lines
    )


def _distance(p: Point, a: Point, b: Point) -> float | None:
    """How far p is from segment ab, if its foot falls inside the segment; else None."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    span = dx * dx + dy * dy
    along = (p[0] - a[0]) * dx + (p[1] - a[1]) * dy
    if span == 0 or not 0 < along < span:
        return None
    return abs(dx * (p[1] - a[1]) - dy * (p[0] - a[0])) / math.sqrt(span)


def _cross(p1: Point, p2: Point, q1: Point, q2: Point) -> bool:
    def side(a: Point, b: Point, c: Point) -> int:
        value = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
        return (value > 0) - (value < 0)

    return side(p1, p2, q1) * side(p1, p2, q2) < 0 and side(q1, q2, p1) * side(q1, q2, p2) < 0
