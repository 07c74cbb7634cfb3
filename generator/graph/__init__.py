"""Model → graph: references resolved, and the views pages show (backlinks,
relationships, people, timelines, current stances, translation status)."""
