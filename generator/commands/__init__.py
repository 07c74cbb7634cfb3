"""The `explainer` subcommands: one module each, listed in `COMMANDS`.

Each module is thin: it declares its arguments (`add_arguments`) and runs
(`run(root, args) -> exit code`), calling the pipeline, the checks or the
ingester. Problems travel back as `ExplainerError`/`UsageError`; the CLI
(`generator.cli`) prints them once.

The table names each command and its one-line help; a command's module is
imported only when that command runs (or its `--help` is asked for), so
`explainer build` with nothing to do never imports the ingester, and the
pipeline only once it has work (`commands.build`).
"""

from __future__ import annotations

import argparse
import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, cast

from generator.gcpause import gc_paused


class CommandModule(Protocol):
    """What a command's module provides."""

    def add_arguments(self, parser: argparse.ArgumentParser) -> None: ...

    def run(self, root: Path, args: argparse.Namespace) -> int: ...


@dataclass(frozen=True)
class Command:
    """A subcommand: its name, its one-line help, and its module, loaded on demand."""

    name: str
    help: str

    def load(self) -> CommandModule:
        """The command's module. Imported with the cyclic GC paused, then frozen (as
        `pipeline.build` imports the pipeline): what it imports (for `check`, the whole
        pipeline) lives as long as the process, and collections walked it again and again
        as it came (about 20 ms of `check`'s start-up)."""
        with gc_paused(freeze=True):
            module = importlib.import_module(f"generator.commands.{self.name}")
        return cast(CommandModule, module)


COMMANDS: tuple[Command, ...] = (
    Command("init", "create a new, empty site in DIR"),
    Command("build", "build the site into public/"),
    Command("ingest", "turn article files into source and stub dossiers"),
    Command("new", "create a dossier in every language from its archetype"),
    Command(
        "rename", "give a dossier a new slug, rewriting every reference and redirecting old URLs"
    ),
    Command("serve", "build, serve with live reload, rebuild on change"),
    Command("check", "report every problem without writing public/"),
    Command("translated", "stamp a translation as up to date with its original"),
    Command("schema", "write JSON Schemas of the front-matter for editors into .schema/"),
)
