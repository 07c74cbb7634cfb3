"""The relationship map, stage by stage: `slots` (a staggered grid, and what a line
between two slots would cross), `place` (communities, then a search for few crossings),
`nudge` (dots moved off lines), `labels` (each label where fewest lines run), `layout`
(the drawing, as text the template writes) and `view` (the page data: the map of the
present, the map of each period, the matrix); `geometry` holds the plane tests they share."""
