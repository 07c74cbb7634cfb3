"""Where the map's actors sit: communities first, then a search that removes crossings.

The map is not a circle. Its actors take slots on a staggered grid
(`slots`). The placement starts from the relationship graph's communities
(greedy modularity: actors that share many relationships), laid into the grid
community by community, most connected first. A deterministic annealing then
moves actors between slots (or swaps two) to lower a cost that weighs, in
this order: a line drawn over an actor it does not join, two lines crossing,
a line running through another actor's label, and the total length of the
lines (which keeps communities together). It runs from RESTARTS fixed seeds,
each ending with a greedy pass that keeps every move that still helps, and
keeps the cheapest result.

Deterministic throughout: the random numbers come from a fixed xorshift seed,
the acceptance test and the costs are integers, and the number of moves is
fixed by the number of actors and lines (at most MOVE_BUDGET, and fewer on a
crowded map: LINE_BUDGET). The map shows at most `map_view.MAP_LIMIT` actors,
so its cost does not grow with the site; it is still a few tenths of a second,
so the build keeps the last placements (`PlacementMemo`, in the build cache):
a home page re-rendered for a new title or dossier does not place the map anew.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from generator.site.map.geometry import Point, crossings
from generator.site.map.nudge import nudge, overdrawn
from generator.site.map.slots import Grid, slots

SPARE = 3.0  # slots per actor: room to move (more room, fewer crossings)
MAX_SLOTS = 36  # fewer per actor on a crowded map: the precomputed pairs grow as slots²
W_OVER = 6000  # per line passing over an actor it does not join: worse than a crossing
W_CROSSING = 1000  # per pair of crossing lines
W_LABEL = 100  # per line through another actor's label (the label's halo keeps it legible)
W_ROW = 400  # per row the actors span: a compact map fits a screen
W_LENGTH = 100  # per column width of line (costs are in hundredths: lengths are too)
MOVES_PER_ACTOR = 1000
MOVE_BUDGET = 10_000  # per restart, whatever the number of actors
LINE_BUDGET = 200_000  # line evaluations per restart: a crowded map makes fewer moves
RESTARTS = 2
HOT = 300_000  # the annealing's first heat, in hundredths: three crossings' worth
COOLING_STEPS, COOLING = 64, (15, 16)  # the heat drops by 15/16 in each of 64 steps
# Quantiles of the exponential distribution, in thousandths: Metropolis acceptance with
# integers only (rounded once, so every machine draws the same numbers).
EXP_THOUSANDTHS = tuple(round(-1000 * math.log((k + 0.5) / 256)) for k in range(256))
SEED = 0x9E3779B97F4A7C15
MASK64 = (1 << 64) - 1


@dataclass(frozen=True)
class Placement:
    """Each actor's slot centre in reading order, and what the drawing has left to avoid."""

    points: tuple[tuple[str, Point[int]], ...]  # row by row, left to right
    crossings: int  # pairs of lines that cross, on the final points
    overdrawn: int  # lines passing within nudge.CLEAR of an actor they do not join


def communities(actors: Sequence[str], pairs: Sequence[tuple[str, str]]) -> list[list[str]]:
    """Greedy modularity (Clauset–Newman–Moore): merge the two communities whose merger
    raises modularity most, until none does; ties go to the alphabetically first.
    Largest community first; within one, the most connected actor first."""
    links: dict[str, set[str]] = {a: set() for a in actors}
    for a, b in pairs:
        links[a].add(b)
        links[b].add(a)
    degree = {a: len(links[a]) for a in actors}
    total = 2 * max(len(pairs), 1)
    groups: list[frozenset[str]] = [frozenset([a]) for a in sorted(actors)]
    while True:
        best: tuple[int, int, int] | None = None
        for i, g in enumerate(groups):
            for j in range(i + 1, len(groups)):
                h = groups[j]
                between = sum(len(links[a] & h) for a in g)
                if not between:
                    continue
                # the modularity gain times total², an integer: ties are exact
                gain = between * total - sum(degree[a] for a in g) * sum(degree[b] for b in h)
                if gain > 0 and (best is None or gain > best[0]):
                    best = (gain, i, j)
        if best is None:
            break
        _, i, j = best
        groups = sorted(
            [g for k, g in enumerate(groups) if k not in (i, j)] + [groups[i] | groups[j]],
            key=sorted,
        )
    ordered = sorted(groups, key=lambda g: (-len(g), sorted(g)))
    return [sorted(g, key=lambda a: (-degree[a], a)) for g in ordered]


PlacementKey = tuple[tuple[str, ...], tuple[tuple[str, str], ...]]


@dataclass
class PlacementMemo:
    """The last few placements, by their actors and lines (a placement reads nothing else)."""

    known: dict[PlacementKey, Placement] = field(default_factory=dict)
    size: int = 8  # the map, and the map of each period (all the same actors and lines)
    # The last placements made here, numbered: a forked render worker's own copy of
    # the memo sends back what a page made (`made_since`), so the build cache keeps it.
    made: deque[tuple[int, PlacementKey, Placement]] = field(
        default_factory=lambda: deque(maxlen=8), compare=False
    )
    count: int = field(default=0, compare=False)  # placements made so far

    def get(self, key: PlacementKey) -> Placement | None:
        return self.known.get(key)

    def put(self, key: PlacementKey, placement: Placement, *, made: bool = True) -> None:
        self.known.pop(key, None)
        self.known[key] = placement
        while len(self.known) > self.size:
            del self.known[next(iter(self.known))]
        if made:
            self.made.append((self.count, key, placement))
            self.count += 1

    def made_since(self, start: int) -> tuple[tuple[PlacementKey, Placement], ...]:
        """The placements made since `count` was `start`."""
        return tuple((key, placement) for n, key, placement in self.made if n >= start)

    def __getstate__(self) -> dict[str, object]:
        # What this run made is this run's: the cache keeps the placements alone.
        return {"known": self.known, "size": self.size, "made": deque(maxlen=8), "count": 0}


def place(
    actors: Sequence[str], pairs: Sequence[tuple[str, str]], memo: PlacementMemo | None = None
) -> Placement:
    """The slots of `actors` (slugs) for the lines `pairs`: deterministic."""
    key = (tuple(sorted(actors)), tuple(sorted({(min(p), max(p)) for p in pairs})))
    known = memo.get(key) if memo is not None else None
    placement = known or _place(*key)
    if memo is not None and known is None:
        memo.put(key, placement)
    return placement


@lru_cache(maxsize=8)
def _place(actors: tuple[str, ...], pairs: tuple[tuple[str, str], ...]) -> Placement:
    centres = slots(len(actors), min(SPARE, MAX_SLOTS / max(len(actors), 1)))
    grid = Grid(centres)
    number = {a: n for n, a in enumerate(actors)}
    lines = [(number[a], number[b]) for a, b in pairs]
    start = [number[a] for group in communities(actors, pairs) for a in group]
    per_move = 1 + 4 * len(lines) // max(len(actors), 1)  # lines an average move re-prices
    moves = min(MOVES_PER_ACTOR * len(actors), MOVE_BUDGET, LINE_BUDGET // per_move)
    best: tuple[tuple[int, int], list[Point[int]], _Search] | None = None
    for restart in range(RESTARTS):
        search = _Search(grid, len(actors), lines, start, SEED * (restart + 1) & MASK64)
        search.anneal(moves)
        search.descend()
        points = nudge([centres[search.slot_of[a]] for a in range(len(actors))], lines)
        # judged as drawn: the lines left over dots, the crossings, then the search's cost
        score = (
            W_OVER * overdrawn(points, lines) + W_CROSSING * crossings(points, lines),
            search.cost(),
        )
        if best is None or score < best[0]:
            best = (score, points, search)
    assert best is not None
    _, points, search = best
    order = sorted(range(len(actors)), key=lambda a: search.slot_of[a])  # slots: reading order
    return Placement(
        tuple((actors[a], points[a]) for a in order),
        crossings(points, lines),
        overdrawn(points, lines),
    )


class _Search:
    """One placement under change: each actor's slot, each slot's actor (or -1), and the
    lines and occupied slots as bit sets, so that a move is priced in a few operations."""

    def __init__(
        self, g: Grid, count: int, lines: list[tuple[int, int]], start: list[int], seed: int
    ) -> None:
        self.g = g
        self.count = count
        self.lines = lines
        self.slot_of = [0] * count
        self.at = [-1] * g.size
        for slot, actor in enumerate(start):
            self.slot_of[actor] = slot
            self.at[slot] = actor
        self.peers: list[list[int]] = [[] for _ in range(count)]
        for a, b in lines:
            self.peers[a].append(b)
            self.peers[b].append(a)
        self.state = seed or 1
        self._refresh()

    def _refresh(self) -> None:
        n, so, index = self.g.size, self.slot_of, self.g.index
        self.line_mask = 0
        for a, b in self.lines:
            self.line_mask |= 1 << index[so[a] * n + so[b]]
        self.occupied = 0
        self.per_row = [0] * (self.g.row[-1] + 1)
        for actor in range(self.count):
            self.occupied |= 1 << so[actor]
            self.per_row[self.g.row[so[actor]]] += 1

    def rows(self) -> int:
        """How many rows the actors span, first to last."""
        used = [r for r, count in enumerate(self.per_row) if count]
        return used[-1] - used[0] + 1 if used else 0

    def _pairs(self) -> list[int]:
        n, so, index = self.g.size, self.slot_of, self.g.index
        return [index[so[a] * n + so[b]] for a, b in self.lines]

    def crossings(self) -> int:
        crosses, mask = self.g.crosses, self.line_mask
        return sum((crosses[s] & mask).bit_count() for s in self._pairs()) // 2

    def overdrawn(self) -> int:
        over, occupied = self.g.over, self.occupied
        return sum((over[s] & occupied).bit_count() for s in self._pairs())

    def cost(self) -> int:
        g, occupied = self.g, self.occupied
        pairs = self._pairs()
        label = sum((g.label[s] & occupied).bit_count() for s in pairs)
        length = sum(g.length[s] for s in pairs)
        crossed = W_OVER * self.overdrawn() + W_CROSSING * self.crossings() + W_LABEL * label
        return 100 * (crossed + W_ROW * self.rows()) + W_LENGTH * length

    def _lines_moved(self, actor: int, slot: int) -> tuple[list[int], list[int]]:
        """The slot pairs of the lines a move changes: before and after, line by line."""
        g = self.g
        n, index, so = g.size, g.index, self.slot_of
        here, other = so[actor], self.at[slot]
        old: list[int] = []
        new: list[int] = []
        for peer in self.peers[actor]:
            there = so[peer]
            old.append(index[here * n + there])
            new.append(index[slot * n + (here if peer == other else there)])
        if other >= 0:
            for peer in self.peers[other]:
                if peer != actor:
                    there = so[peer]
                    old.append(index[slot * n + there])
                    new.append(index[here * n + there])
        return old, new

    def delta(self, actor: int, slot: int) -> int:
        """What moving `actor` to `slot` (swapping with its actor, if any) would change."""
        g = self.g
        here, other = self.slot_of[actor], self.at[slot]
        old, new = self._lines_moved(actor, slot)
        old_mask = new_mask = 0
        for s in old:
            old_mask |= 1 << s
        for s in new:
            new_mask |= 1 << s
        rest = self.line_mask & ~old_mask
        occupied = self.occupied
        after = occupied if other >= 0 else (occupied & ~(1 << here)) | (1 << slot)
        crosses, over, label, length = g.crosses, g.over, g.label, g.length
        cross = dots = labels = size = 0
        for s in old:
            c = crosses[s]
            cross -= 2 * (c & rest).bit_count() + (c & old_mask).bit_count()
            dots -= (over[s] & occupied).bit_count()
            labels -= (label[s] & occupied).bit_count()
            size -= length[s]
        for s in new:
            c = crosses[s]
            cross += 2 * (c & rest).bit_count() + (c & new_mask).bit_count()
            dots += (over[s] & after).bit_count()
            labels += (label[s] & after).bit_count()
            size += length[s]
        rows = 0
        if other < 0:  # the lines that stay see an actor leave one slot and take another
            dots += (g.passing[slot] & rest).bit_count() - (g.passing[here] & rest).bit_count()
            labels += (g.through[slot] & rest).bit_count() - (g.through[here] & rest).bit_count()
            if g.row[here] != g.row[slot]:
                rows = self._rows_after(g.row[here], g.row[slot])
        crossed = W_OVER * dots + W_CROSSING * cross // 2 + W_LABEL * labels
        return 100 * (crossed + W_ROW * rows) + W_LENGTH * size

    def _rows_after(self, left: int, taken: int) -> int:
        """The change in rows spanned when an actor leaves row `left` for row `taken`."""
        before = self.rows()
        self.per_row[left] -= 1
        self.per_row[taken] += 1
        after = self.rows()
        self.per_row[left] += 1
        self.per_row[taken] -= 1
        return after - before

    def move(self, actor: int, slot: int) -> None:
        old, new = self._lines_moved(actor, slot)
        for s in old:
            self.line_mask &= ~(1 << s)
        for s in new:
            self.line_mask |= 1 << s
        here, other = self.slot_of[actor], self.at[slot]
        self.slot_of[actor], self.at[slot] = slot, actor
        self.at[here] = other
        if other >= 0:
            self.slot_of[other] = here
        else:
            self.occupied = (self.occupied & ~(1 << here)) | (1 << slot)
            self.per_row[self.g.row[here]] -= 1
            self.per_row[self.g.row[slot]] += 1

    def _random(self, bound: int) -> int:
        x = self.state
        x ^= (x << 13) & MASK64
        x ^= x >> 7
        x ^= (x << 17) & MASK64
        self.state = x
        return x % bound

    def anneal(self, moves: int) -> None:
        """Random moves; a worse one is taken with a chance that shrinks as the heat drops.
        Ends at the cheapest placement seen."""
        current = self.cost()
        best, best_slots = current, list(self.slot_of)
        heat, every = HOT, max(moves // COOLING_STEPS, 1)
        for step in range(moves):
            if step and step % every == 0:
                heat = max(heat * COOLING[0] // COOLING[1], 1)
            actor = self._random(self.count)
            if self._random(4):  # mostly a nearby slot, now and then any slot
                near = self.g.nearby[self.slot_of[actor]]
                slot = near[self._random(len(near))]
            else:
                slot = self._random(self.g.size)
            if slot == self.slot_of[actor]:
                continue
            change = self.delta(actor, slot)
            # Metropolis: a worse move is taken when change < heat × an Exp(1) draw
            if change <= 0 or change * 1000 < heat * EXP_THOUSANDTHS[self._random(256)]:
                self.move(actor, slot)
                current += change
                if current < best:
                    best, best_slots = current, list(self.slot_of)
        self.slot_of = best_slots
        self.at = [-1] * self.g.size
        for actor, slot in enumerate(best_slots):
            self.at[slot] = actor
        self._refresh()

    def descend(self) -> None:
        """Every single move that lowers the cost, until none does."""
        improved = True
        while improved:
            improved = False
            for actor in range(self.count):
                for slot in range(self.g.size):
                    if slot != self.slot_of[actor] and self.delta(actor, slot) < 0:
                        self.move(actor, slot)
                        improved = True
