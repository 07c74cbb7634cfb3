"""The rules a site is checked against beyond loading and linking (translations,
sources, aliases, drafts, Markdown links and anchors), run by `check` and `build`."""
