"""The stages run in order, and what `build`, `serve` and `check` make of them.

- `stages.Pipeline`: load → link → plan → render → outputs → review, each once;
  `parallel` spreads parsing and rendering over the cores, `spool` keeps
  rendered pages on disk until written;
- `incremental`: which pages a change reaches (`site.dependencies`), rendered;
  `session.RebuildSession`: one rebuild from the last build, with its search
  index's plan, for `build` and `serve`;
- `build`: the output folder `outdir` checks, then nothing to do (`summary`
  says so) or `publish`: a session with the build cache (`cache`), written
  through `output.Output` (staging, spare, spool, swap: `swap`);
- `check`: the same run, stopping before anything is written.
"""
