"""The map's slots and what a line between two of them would cross, as bit sets.

The map's actors take slots on a staggered grid: rows alternate between four
and three columns, each slot wide enough for a label of about eleven
characters centred under its dot, and every slot is nudged by a small fixed
offset so that no three slots line up exactly (a line between two actors then
rarely grazes a third). For every pair of slots (a possible line) this module
precomputes, once, as bit sets: which other pairs it crosses, which slots'
dots it passes over, and which slots' labels it runs through; plus its length.
The placement search (`place`) then prices a move with a few integer
operations. All coordinates are integers, so every test is exact; the
crossings are `geometry.crosses` over every two pairs, as bit sets.
"""

from __future__ import annotations

import math

from generator.site.map.geometry import Point, meets_box, turn

COLUMNS = 4  # at 390 px, four labels of about eleven characters side by side
COLUMN_WIDTH = 165  # units: the drawing is COLUMNS × COLUMN_WIDTH wide
ROW_HEIGHT = 100
EDGE = 90  # the outer columns' centres stay this far from the sides (a label's half + jitter)
JITTER = (15, 10)  # the largest nudge of a slot, across and down
CLEARANCE = 22  # the search keeps lines at least this far from the dots they pass
LABEL_BOX = (-60, 12, 60, 62)  # a two-line label under a dot: left, top, right, bottom
NEARBY = 8  # the slots a short move may go to
LENGTH_UNIT = 100  # a pair's length is in hundredths of a column width


def slots(count: int, spare: float) -> list[Point[int]]:
    """At least `spare` × `count` slot centres, numbered row by row, left to right."""
    need = max(math.ceil(spare * count), count)
    width = COLUMNS * COLUMN_WIDTH
    step = (width - 2 * EDGE) // (COLUMNS - 1)
    out: list[Point[int]] = []
    row = 0
    while len(out) < need:
        if row % 2 == 0:
            xs = [EDGE + step * c for c in range(COLUMNS)]
        else:
            xs = [EDGE + step // 2 + step * c for c in range(COLUMNS - 1)]
        for x in xs:
            k = len(out)
            h = (k * 2654435761 + 12345) & 0xFFFFFFFF  # Knuth's multiplicative hash
            dx = h % (2 * JITTER[0] + 1) - JITTER[0]
            dy = (h >> 11) % (2 * JITTER[1] + 1) - JITTER[1]
            out.append((x + dx, row * ROW_HEIGHT + dy))
        row += 1
    return out


class Grid:
    """Per slot pair: `length`, and as bit sets `crosses` (pairs), `over` (slots whose
    dot it passes), `label` (slots whose label it enters); per slot, its `row`, its
    `nearby` slots, and the transposes `passing` and `through` (the pairs that pass
    over its dot, through its label)."""

    def __init__(self, grid: list[Point[int]]) -> None:
        self.size = n = len(grid)
        self.row = [(y + ROW_HEIGHT // 2) // ROW_HEIGHT for _, y in grid]
        self.index = [-1] * (n * n)  # pair number of slots i, j at i * n + j
        ends: list[tuple[int, int]] = []
        for i in range(n):
            for j in range(i + 1, n):
                self.index[i * n + j] = self.index[j * n + i] = len(ends)
                ends.append((i, j))
        self.length = [
            round(LENGTH_UNIT * math.dist(grid[i], grid[j]) / COLUMN_WIDTH) for i, j in ends
        ]
        left: list[int] = []
        right: list[int] = []
        self.over: list[int] = []
        self.label: list[int] = []
        for i, j in ends:
            lmask, rmask, omask = _sides(grid, grid[i], grid[j])
            left.append(lmask)
            right.append(rmask)
            self.over.append(omask)
            self.label.append(_labels_met(grid, i, j))
        self.crosses = _crossings(ends, left, right, n)
        self.passing = _transpose(self.over, n)
        # each slot's NEARBY nearest other slots
        self.nearby = [
            sorted((k for k in range(n) if k != i), key=lambda k: (math.dist(grid[i], grid[k]), k))[
                :NEARBY
            ]
            for i in range(n)
        ]
        self.through = _transpose(self.label, n)


def _sides(grid: list[Point[int]], a: Point[int], b: Point[int]) -> tuple[int, int, int]:
    """The slots strictly left of line ab, strictly right, and near the segment's inside."""
    (ax, ay), (bx, by) = a, b
    dx, dy = bx - ax, by - ay
    span = dx * dx + dy * dy
    left = right = near = 0
    for k, (px, py) in enumerate(grid):
        side = turn(a, b, (px, py))
        if side > 0:
            left |= 1 << k
        elif side < 0:
            right |= 1 << k
        along = (px - ax) * dx + (py - ay) * dy
        if 0 < along < span and side * side < CLEARANCE * CLEARANCE * span:
            near |= 1 << k
    return left, right, near


def _crossings(
    ends: list[tuple[int, int]], left: list[int], right: list[int], size: int
) -> list[int]:
    """For each pair, the pairs whose segment properly crosses its own: each straddles
    the other's line (`geometry.crosses`, read off the sides `_sides` found).

    As bit sets over the pairs, not pair by pair (0.05 -> 0.008 s for 39 slots): the
    pairs straddling s's line have an end on its left and an end on its right; those
    whose line s straddles have one of s's ends on their left, the other on their right.
    """
    with_slot = [0] * size  # slot -> the pairs it ends
    for t, (k, m) in enumerate(ends):
        with_slot[k] |= 1 << t
        with_slot[m] |= 1 << t
    left_of = _transpose(left, size)  # slot -> the pairs whose line has it on the left
    right_of = _transpose(right, size)
    masks = []
    for s, (i, j) in enumerate(ends):
        end_left = end_right = 0
        lmask, rmask, k = left[s], right[s], 0
        while lmask or rmask:
            if lmask & 1:
                end_left |= with_slot[k]
            if rmask & 1:
                end_right |= with_slot[k]
            lmask, rmask, k = lmask >> 1, rmask >> 1, k + 1
        separating = (left_of[i] & right_of[j]) | (right_of[i] & left_of[j])
        masks.append(end_left & end_right & separating)
    return masks


def _labels_met(grid: list[Point[int]], i: int, j: int) -> int:
    """The slots (not i or j) whose label box the segment from slot i to slot j enters."""
    a, b = grid[i], grid[j]
    x0, y0, x1, y1 = LABEL_BOX
    mask = 0
    for k, (x, y) in enumerate(grid):
        if k not in (i, j) and meets_box(a, b, (x + x0, y + y0, x + x1, y + y1)):
            mask |= 1 << k
    return mask


def _transpose(masks: list[int], size: int) -> list[int]:
    """From 'pair s meets slots {k}' to 'slot k is met by pairs {s}'."""
    out = [0] * size
    for s, mask in enumerate(masks):
        k = 0
        while mask:
            if mask & 1:
                out[k] |= 1 << s
            mask >>= 1
            k += 1
    return out
