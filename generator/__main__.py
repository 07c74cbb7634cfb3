"""`python -m generator` does what the `explainer` console script does."""

from generator.cli import main

raise SystemExit(main())
