"""Graph → pages: the page-kind registry and plan, each page's data (and the
dossiers it read), URLs, the relationship map, and rendering with Jinja.
Templates receive data only, never loaders."""
