"""The relationship map's drawing, stage by stage: `slots` (a staggered grid, and what a
line between two slots would cross), `place` (communities, then a search for few
crossings), `nudge` (dots moved off lines), `labels` (each label where fewest lines run)
and `layout` (the drawing, as text the template writes); `geometry` holds the plane tests
they share. What a page shows of it (the map of each period, the matrix) is
`site.map_view`."""
