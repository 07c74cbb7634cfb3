"""The `explainer` subcommands: one module each, listed in `COMMANDS`.

Each module is thin: it declares its arguments (`add_arguments`) and runs
(`run(root, args) -> exit code`), calling the pipeline, the checks or the
ingester. Problems travel back as `ExplainerError`/`UsageError`; the CLI
(`generator.cli`) prints them once.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from generator.commands import build, check, ingest, init, new, rename, serve, translated


@dataclass(frozen=True)
class Command:
    name: str
    help: str
    add_arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[Path, argparse.Namespace], int]


def _command(module: ModuleType) -> Command:
    return Command(module.NAME, module.HELP, module.add_arguments, module.run)


COMMANDS: tuple[Command, ...] = tuple(
    _command(module) for module in (init, build, ingest, new, rename, serve, check, translated)
)
