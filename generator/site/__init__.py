"""Graph → pages: the page-kind registry and plan (`kinds`), each page's typed record
(`records`, the `fill_*` modules) and the dossiers it read (`context`), URLs, the charts,
the relationship map (`map/` draws it, `map_view` shows it), and rendering with Jinja.
Templates receive data only, never loaders."""
