"""The map's last touch: move a dot off a line that passes over it, and count what is left.

The slot search (`place`) keeps lines away from the dots they do not join,
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

from generator.site.map.geometry import Line, Point, crossings_of, distance
from generator.site.map.slots import COLUMN_WIDTH, COLUMNS

CLEAR = 30  # units from a dot's centre to any line it is not an end of
PASSES = 2
MAX_PUSHES = 24  # attempts in all: a crowded map keeps what the search left
EXTRA = (1, 15, 30)  # how much further than just clear a push may go, nearest first
MAX_SHIFT = 35  # from its slot: a dot stays in its row and column (the focus order)


def nudge(points: list[Point[int]], lines: Sequence[Line]) -> list[Point[int]]:
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
                gap = distance(points[k], points[a], points[b])
                if gap is None or gap >= CLEAR:
                    continue
                tries += 1
                spot = _push(points, lines, k, a, b, gap, home[k])
                if spot is not None:
                    points[k] = spot
                    moved = True
        if not moved:
            break
    return points


def overdrawn(points: Sequence[Point[int]], lines: Sequence[Line]) -> int:
    """Lines that pass within CLEAR of a dot they do not join."""
    total = 0
    for a, b in lines:
        for k, point in enumerate(points):
            if k not in (a, b):
                gap = distance(point, points[a], points[b])
                total += gap is not None and gap < CLEAR
    return total


def _push(
    points: list[Point[int]],
    lines: Sequence[Line],
    k: int,
    a: int,
    b: int,
    gap: float,
    home: Point[int],
) -> Point[int] | None:
    (ax, ay), (bx, by), (px, py) = points[a], points[b], points[k]
    length = math.hypot(bx - ax, by - ay)
    nx, ny = -(by - ay) / length, (bx - ax) / length  # square to the line
    side = (px - ax) * nx + (py - ay) * ny
    own = [(c, d) for c, d in lines if k in (c, d)]
    crossed = sum(crossings_of(points, lines, line) for line in own)
    for extra in EXTRA:
        step = CLEAR + extra - gap
        for sign in (1, -1) if side >= 0 else (-1, 1):
            spot = (round(px + sign * nx * step), round(py + sign * ny * step))
            if math.dist(spot, home) > MAX_SHIFT:
                continue
            if _allowed(points, lines, own, crossed, k, spot):
                return spot
    return None


def _allowed(
    points: list[Point[int]],
    lines: Sequence[Line],
    own: Sequence[Line],
    crossed: int,
    k: int,
    spot: Point[int],
) -> bool:
    """Whether dot `k` may move to `spot`: inside the drawing, clear of other lines, its
    own lines clear of other dots, and no more crossings on its lines than `crossed`."""
    if not 0 < spot[0] < COLUMNS * COLUMN_WIDTH:
        return False
    trial = list(points)
    trial[k] = spot
    for a, b in lines:
        if k not in (a, b):
            d = distance(spot, trial[a], trial[b])
            if d is not None and d < CLEAR:
                return False
    for a, b in own:
        for m, point in enumerate(trial):
            d = distance(point, trial[a], trial[b]) if m not in (a, b) else None
            if d is not None and d < CLEAR:
                return False
    total = 0
    for line in own:
        total += crossings_of(trial, lines, line)
        if total > crossed:
            return False
    return True
