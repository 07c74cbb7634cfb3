"""The relationship map: a deterministic circle layout, drawn at build time.

Actors sit on a circle in a fixed order (by kind, then slug), so the same
content always gives the same picture, byte for byte: every coordinate is
rounded to one decimal and written as text here. The template
(`_map.html`) turns the layout into inline SVG; the stance of each edge is
drawn by colour and by dash pattern, and named in the legend and the table
beside the map, so nothing depends on colour alone.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from generator.vocabulary import ACTOR_KINDS

WIDTH = 720
HEIGHT = 600
NODE_RADIUS = 9
LABEL_GAP = 14
LINE_CHARS = 16  # a label wraps after about this many characters
LINE_HEIGHT = 19


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


@dataclass(frozen=True)
class MapLayout:
    width: int
    height: int
    radius: int
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]


def map_order(actors: Sequence[MapActor]) -> list[MapActor]:
    """Actors in map order: by kind (the vocabulary's order), then slug."""

    def key(actor: MapActor) -> tuple[int, str]:
        kind = ACTOR_KINDS.index(actor.kind) if actor.kind in ACTOR_KINDS else len(ACTOR_KINDS)
        return (kind, actor.slug)

    return sorted(actors, key=key)


def layout(actors: Sequence[MapActor], links: Sequence[MapLink]) -> MapLayout:
    """Place `actors` on a circle and draw `links` between the placed ones."""
    ordered = map_order(actors)
    count = len(ordered)
    cx, cy = WIDTH / 2, HEIGHT / 2
    ring = min(WIDTH, HEIGHT) / 2 - 110
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
            ly = y - NODE_RADIUS - 8 - LINE_HEIGHT * (len(lines) - 1) if dy < 0 else y + 30
        else:
            ly = y + 5 - LINE_HEIGHT * (len(lines) - 1) / 2 + 6 * dy
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
            )
        )
    return MapLayout(WIDTH, HEIGHT, NODE_RADIUS, tuple(nodes), tuple(edges))


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
    """A coordinate as text, rounded so that builds are byte-identical."""
    text = f"{value:.1f}"
    return "0.0" if text == "-0.0" else text
