"""The stages run in order: `stages.Pipeline` (load → link → plan → render →
outputs → review), used by `build` (with its cache, `build`), `serve`
(`incremental`, which re-renders what a change reaches: `site.dependencies`) and `check`
(`check`); writing and the atomic swap (`write`, `swap`)."""
