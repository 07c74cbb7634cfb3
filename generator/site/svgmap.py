"""The relationship map: a deterministic, crossing-minimised circle layout.

Actors sit on a circle. The order starts grouped by kind (the vocabulary's
order, then slug) and is then improved by a fixed local search (swap two
actors while that removes crossings), so the same content always gives the
same picture, byte for byte: every coordinate is rounded to one decimal and
written as text here. Two chords of a circle cross exactly when their ends
interleave, so crossings are counted on the order alone.

The template (`_map.html`) turns the layout into inline SVG. An edge is drawn
by its stance (colour and dash pattern, named in the legend) or, for an
affiliation or a splinter, as a tie of its own kind, never as "cooperative".
Sizes are chosen for a phone: at 390 px the drawing is about 358 px wide, so
labels of `FONT` user units show at 12 px or more and each edge carries a
24 px-wide invisible hit line.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from generator.vocabulary import ACTOR_KINDS

WIDTH = 660
HEIGHT = 600
FONT = 23  # ≥ 12 px on screen at 358 px wide: 23 × 358 / 660 ≈ 12.5
NODE_RADIUS = 11
LABEL_GAP = 10
LINE_CHARS = 11  # a label wraps after about this many characters
LINE_HEIGHT = 25
TIE_TYPES = ("affiliate", "splinter")  # drawn as a tie of their own kind
HIT_WIDTH = 24  # the invisible stroke that makes an edge easy to tap
SMALL = 0.34  # the per-period maps' scale


@dataclass(frozen=True)
class MapActor:
    slug: str
    kind: str
    title: str


@dataclass(frozen=True)
class MapLink:
    slug: str
    a: str
    b: str
    stance: str | None
    type: str | None = None  # the latest link's type


@dataclass(frozen=True)
class Node:
    slug: str
    x: str
    y: str
    label_x: str
    label_y: str
    anchor: str  # start | middle | end
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Edge:
    slug: str
    stance: str
    x1: str
    y1: str
    x2: str
    y2: str
    tie: str | None = None  # affiliate | splinter, else None
    a: str = ""
    b: str = ""


@dataclass(frozen=True)
class MapLayout:
    width: int
    height: int
    radius: int
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    crossings: int = 0  # chords that cross, for the record and the tests


def map_order(actors: Sequence[MapActor]) -> list[MapActor]:
    """Actors grouped: by kind (the vocabulary's order), then slug."""

    def key(actor: MapActor) -> tuple[int, str]:
        kind = ACTOR_KINDS.index(actor.kind) if actor.kind in ACTOR_KINDS else len(ACTOR_KINDS)
        return (kind, actor.slug)

    return sorted(actors, key=key)


def count_crossings(order: Sequence[str], pairs: Sequence[tuple[str, str]]) -> int:
    """How many pairs of chords cross when actors sit on a circle in `order`."""
    position = {slug: n for n, slug in enumerate(order)}
    chords = []
    for a, b in pairs:
        if a in position and b in position:
            i, j = sorted((position[a], position[b]))
            chords.append((i, j))
    total = 0
    for n, (a1, b1) in enumerate(chords):
        for a2, b2 in chords[n + 1 :]:
            if len({a1, b1, a2, b2}) < 4:
                continue  # chords sharing an actor meet there, they do not cross
            if (a1 < a2 < b1) != (a1 < b2 < b1):
                total += 1
    return total


@lru_cache(maxsize=8)
def _best_order(start: tuple[str, ...], pairs: tuple[tuple[str, str], ...]) -> tuple[str, ...]:
    order = list(start)
    best = count_crossings(order, pairs)
    improved = True
    while improved and best:
        improved = False
        for i in range(1, len(order)):  # the first actor stays on top: rotations are equal
            for j in range(i + 1, len(order)):
                order[i], order[j] = order[j], order[i]
                score = count_crossings(order, pairs)
                if score < best:
                    best, improved = score, True
                else:
                    order[i], order[j] = order[j], order[i]
    return tuple(order)


def layout(actors: Sequence[MapActor], links: Sequence[MapLink]) -> MapLayout:
    """Place `actors` on a circle in the order with fewest crossings; draw `links`."""
    grouped = map_order(actors)
    by_slug = {actor.slug: actor for actor in grouped}
    pairs = tuple(sorted((link.a, link.b) for link in links))
    order = _best_order(tuple(a.slug for a in grouped), pairs)
    ordered = [by_slug[slug] for slug in order]
    count = len(ordered)
    cx, cy = WIDTH / 2, HEIGHT / 2
    ring = min(WIDTH, HEIGHT) / 2 - 125
    nodes: list[Node] = []
    points: dict[str, tuple[float, float]] = {}
    for index, actor in enumerate(ordered):
        angle = -math.pi / 2 + 2 * math.pi * index / max(count, 1)
        dx, dy = math.cos(angle), math.sin(angle)
        x, y = cx + ring * dx, cy + ring * dy
        points[actor.slug] = (x, y)
        lines = wrap(actor.title)
        anchor = "start" if dx > 0.3 else "end" if dx < -0.3 else "middle"
        lx = x + (NODE_RADIUS + LABEL_GAP) * dx
        if anchor == "middle":
            # above the top nodes, below the bottom ones
            ly = y - NODE_RADIUS - 10 - LINE_HEIGHT * (len(lines) - 1) if dy < 0 else y + 38
        else:
            ly = y + 8 - LINE_HEIGHT * (len(lines) - 1) / 2 + 8 * dy
        nodes.append(Node(actor.slug, _n(x), _n(y), _n(lx), _n(ly), anchor, lines))
    edges: list[Edge] = []
    for link in sorted(links, key=lambda link: link.slug):
        if link.a not in points or link.b not in points:
            continue
        (x1, y1), (x2, y2) = points[link.a], points[link.b]
        length = math.hypot(x2 - x1, y2 - y1) or 1.0
        ux, uy = (x2 - x1) / length, (y2 - y1) / length
        gap = NODE_RADIUS + 3
        edges.append(
            Edge(
                link.slug,
                link.stance or "unknown",
                _n(x1 + ux * gap),
                _n(y1 + uy * gap),
                _n(x2 - ux * gap),
                _n(y2 - uy * gap),
                link.type if link.type in TIE_TYPES else None,
                link.a,
                link.b,
            )
        )
    crossings = count_crossings(order, pairs)
    return MapLayout(WIDTH, HEIGHT, NODE_RADIUS, tuple(nodes), tuple(edges), crossings)


def wrap(title: str, width: int = LINE_CHARS) -> tuple[str, ...]:
    """A label broken into lines of about `width` characters, on spaces."""
    lines: list[str] = []
    for word in title.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return tuple(lines) or (title,)


def _n(value: float) -> str:
    """A coordinate as text, rounded to whole units (a unit is about half a pixel on a
    phone) so that builds are byte-identical and the page stays small."""
    text = f"{value:.0f}"
    return "0" if text == "-0" else text
