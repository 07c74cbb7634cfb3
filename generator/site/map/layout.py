"""The relationship map: actors grouped on a staggered grid, few lines crossing.

Where each actor sits comes from `place` (communities of the relationship
graph seed a deterministic search that minimises crossings, lines drawn over
an actor, and length). This module turns the slots into what the template
draws: each actor's dot with its label centred below it, and each line from
dot to dot, shortened to leave the dots clear. Nodes come in reading order
(row by row, left to right), so the keyboard's order follows the drawing.
Every coordinate is written as text here, rounded to whole units, so the same
content always gives the same bytes.

The template (`_map.html`) turns the layout into inline SVG. An edge is drawn
by its category (a stance, or a tie kind such as an affiliation: colour and
dash pattern, named in the legend), the same as in the chart, the table and
the lists; an edge whose last report is older than the site's fade time as
"no reports". Each actor carries its ties again as real paths (one per
category), shown on hover and keyboard focus.
Sizes are chosen for a phone: at 390 px the drawing is about 358 px wide, so
labels of 23 user units (the stylesheet's `.map text`) show at 12 px or more
(23 × 358 / 660 ≈ 12.5), each label has a slot `slots.COLUMN_WIDTH` wide, each
edge carries a 24 px-wide invisible hit line (the stylesheet's stroke), and
each actor an invisible disc 34 px across around its dot (the round
cap of a zero-length path, `M x y h0`, the cheapest element that carries one).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from generator.site.map.labels import place_labels
from generator.site.map.place import Placement, PlacementMemo, place
from generator.site.map.slots import COLUMN_WIDTH, COLUMNS

WIDTH = COLUMNS * COLUMN_WIDTH  # 660
NODE_RADIUS = 11
LINE_CHARS = 11  # a label wraps after about this many characters (≈ 150 units < a slot)
MARGIN = 12  # around the dots and labels


@dataclass(frozen=True)
class MapActor:
    """An actor the map draws."""

    slug: str
    kind: str
    title: str


@dataclass(frozen=True)
class MapLink:
    """A relationship the map draws between two actors."""

    slug: str
    a: str
    b: str
    stance: str | None  # the category it is drawn by
    state: str = "current"  # current | faded ("no reports since") | ended | left (not drawn now)


@dataclass(frozen=True)
class Node:
    """An actor placed on the map, as the template draws it."""

    slug: str
    x: str
    y: str
    label_x: str
    label_y: str
    anchor: str  # start | middle | end
    lines: tuple[str, ...]
    # Its ties, drawn again for the highlight: (class, path data) per category
    ties: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Edge:
    """A relationship placed on the map, as the template draws it."""

    slug: str
    stance: str  # its category
    x1: str
    y1: str
    x2: str
    y2: str
    a: str = ""
    b: str = ""
    state: str = "current"  # current | faded | ended | left: see `MapLink`

    @property
    def now(self) -> bool:
        """Whether the map of the present draws it: not after an actor ended or it was left."""
        return self.state in ("current", "faded")

    @property
    def css(self) -> str:
        """The class it is drawn with: its category's, or "no reports" once faded."""
        return f"stance-{self.stance}" if self.state == "current" else "nr"


@dataclass(frozen=True)
class MapLayout:
    """The map as placed: its size, nodes and edges."""

    width: int
    height: int
    radius: int
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    crossings: int = 0  # chords that cross, for the record and the tests


def placed(
    actors: Sequence[MapActor], links: Sequence[MapLink], memo: PlacementMemo | None = None
) -> Placement:
    """Where `place` puts `actors` for the `links` between them (`memo` keeps it)."""
    known = dict.fromkeys(actor.slug for actor in actors)
    pairs = [(link.a, link.b) for link in links if link.a in known and link.b in known]
    return place(list(known), pairs, memo)


def layout(
    actors: Sequence[MapActor], links: Sequence[MapLink], memo: PlacementMemo | None = None
) -> MapLayout:
    """Place `actors` where `place` puts them, label them, and draw `links`."""
    known = {actor.slug: actor for actor in actors}
    drawn = [link for link in links if link.a in known and link.b in known]
    placement = placed(actors, drawn, memo)
    spots = {slug: (float(x), float(y)) for slug, (x, y) in placement.points}
    texts = {slug: wrap(known[slug].title) for slug in spots}
    segments = [(spots[link.a], spots[link.b]) for link in drawn]
    labels = place_labels(spots, texts, segments, WIDTH, NODE_RADIUS)
    top = min(min(y - NODE_RADIUS, labels[s].box[1]) for s, (_, y) in spots.items()) - MARGIN
    bottom = max(max(y + NODE_RADIUS, labels[s].box[3]) for s, (_, y) in spots.items())
    points = {slug: (x, y - top) for slug, (x, y) in spots.items()}
    edges: list[Edge] = []
    for link in sorted(drawn, key=lambda link: link.slug):
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
                link.a,
                link.b,
                link.state,
            )
        )
    nodes = tuple(
        Node(
            slug,
            _n(x),
            _n(y),
            _n(labels[slug].x),
            _n(labels[slug].y - top),
            labels[slug].anchor,
            texts[slug],
            _ties(slug, edges),
        )
        for slug, (x, y) in points.items()
    )
    height = round(bottom - top + MARGIN)
    return MapLayout(WIDTH, height, NODE_RADIUS, nodes, tuple(edges), placement.crossings)


def _ties(slug: str, edges: Sequence[Edge]) -> tuple[tuple[str, str], ...]:
    """An actor's edges as one path per class: real elements the highlight CSS reaches."""
    paths: dict[str, str] = {}
    for e in edges:
        if slug in (e.a, e.b) and e.now:
            paths[e.css] = paths.get(e.css, "") + f"M{e.x1} {e.y1} {e.x2} {e.y2}"
    return tuple(sorted(paths.items()))


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
