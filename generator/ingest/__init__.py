"""Ingest: news articles become source dossiers and stub actor and relationship dossiers.

`ingest(config, paths, dry_run=...)` reads article files (or folders of
*.txt), writes dossiers under `content/` without ever overwriting a writer's
edit, and returns an `IngestReport`; `format_report(report, "text"|"json")`
renders it. The steps, one module each: read (bytes → text), clean
(furniture out), dates, metadata, actors (gazetteer), quotes and speakers,
clauses, anaphora, members (a group's members listed) and relations (one sentence), stance (weighing a pair's findings
across the article), discovery (an article's candidate actors: sightings,
persons and name_links read them, with names' grammar, on name_reader's
records, from lexicon's words and the countries of ISO 3166), candidates
(the run's candidates merged), accept and review_file (the writer's choice
of them), analyse (one article), plan (file texts), write (manifest, atomic
writes), reminders (what the writer was already told), report, run (a whole
run). Their words and rules are data, one file per language in `languages/`
(chosen by `language`, compiled by `rules`), extendable under `ingest:` in
site.yaml (its `cues` and `furniture`).
"""

from __future__ import annotations

from generator.ingest.records import IngestReport
from generator.ingest.report import format_report
from generator.ingest.run import ingest

__all__ = ["IngestReport", "format_report", "ingest"]
