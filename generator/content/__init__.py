"""Source files → model: site.yaml, the front-matter schema, the dossiers as loaded.

Nothing here knows about pages or output; the model keeps every key's line so
later stages point a writer at the exact line without reading files again.
"""
