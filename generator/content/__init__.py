"""Source files → model: site.yaml (its keys: `site_keys`), the UI strings, the
front-matter schema (every key: `schema`), the dossiers as loaded, and the reference
and editor schemas printed from those declarations.

Nothing here knows about pages or output; the model keeps every key's line so
later stages point a writer at the exact line without reading files again.
"""
