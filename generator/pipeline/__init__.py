"""The stages run in order, and what `build`, `serve` and `check` make of them.

- `stages.Pipeline`: load → link → plan → render → outputs → review, each once;
  `parallel` spreads parsing and rendering over the cores, `spool` keeps
  rendered pages on disk until written;
- `incremental`: which pages a change reaches (`site.dependencies`), rendered;
  `session.RebuildSession`: one rebuild from the last build, with its search
  index's plan, for `build` and `serve`;
- `build`: a session with the build cache (`cache`; `summary`, read first, says
  when there is nothing to do) published through `output.Output` (staging,
  spare, spool, swap: `swap`) into the folder `outdir` checks;
- `check`: the same run, stopping before anything is written.
"""
