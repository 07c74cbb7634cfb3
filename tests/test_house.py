"""The house rules of the package, checked on every run: layers, types, lint.

The layers point one way (a module may import from its own layer or a lower
one, never a higher one), so the data flows content → graph → site → outputs
→ checks → pipeline → server → commands → cli, and no import cycle can form.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "generator"

# Lowest first. A module's layer is the first entry its dotted name starts with.
LAYERS: tuple[tuple[str, ...], ...] = (
    (
        "generator.errors",
        "generator.vocabulary",
        "generator.theme_files",
        "generator.clock",
        "generator.progress",
        "generator.gcpause",
    ),
    (
        "generator.console",
        "generator.fsguard",
        "generator.sealed",
        "generator.changes",
        "generator.journal",
    ),
    ("generator.content",),
    ("generator.graph",),
    ("generator.site",),
    ("generator.outputs",),
    ("generator.checks",),
    ("generator.ingest",),
    ("generator.pipeline",),
    ("generator.server",),
    ("generator.commands",),
    ("generator.cli", "generator.__main__", "generator"),
)


def layer_of(module: str) -> int:
    for index, prefixes in enumerate(LAYERS):
        if any(module == p or module.startswith(p + ".") for p in prefixes):
            return index
    raise AssertionError(f"{module} belongs to no layer: add it to LAYERS")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """Modules of the package imported at run time (TYPE_CHECKING blocks excluded)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    guarded = {
        id(node)
        for block in ast.walk(tree)
        if isinstance(block, ast.If) and "TYPE_CHECKING" in ast.dump(block.test)
        for stmt in block.body
        for node in ast.walk(stmt)
    }
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in guarded:
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return {name for name in found if name.split(".")[0] == "generator"}


def _known(name: str, modules: set[str]) -> str | None:
    while name:
        if name in modules:
            return name
        name = name.rpartition(".")[0]
    return None


def test_layers_point_one_way() -> None:
    files = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    modules = set(files)
    upward = []
    for name, path in sorted(files.items()):
        for target in sorted({_known(t, modules) for t in imports_of(path)} - {None, name}):
            assert target is not None
            if layer_of(target) > layer_of(name):
                upward.append(f"{name} imports {target}")
    assert not upward, "imports that point up the layers:\n" + "\n".join(upward)


def test_no_import_cycle() -> None:
    files = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    modules = set(files)
    edges = {
        name: {t for t in (_known(i, modules) for i in imports_of(path)) if t and t != name}
        for name, path in files.items()
    }
    # A package's __init__ importing its own submodules is not a cycle of meaning.
    for name in edges:
        edges[name] = {t for t in edges[name] if not t.startswith(name + ".")}
    seen: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        seen[node] = 1
        stack.append(node)
        for target in sorted(edges[node]):
            if seen.get(target) == 1:
                cycle = [*stack[stack.index(target) :], target]
                raise AssertionError("import cycle: " + " -> ".join(cycle))
            if target not in seen:
                visit(target)
        stack.pop()
        seen[node] = 2

    for node in sorted(edges):
        if node not in seen:
            visit(node)


def _tool(name: str) -> list[str]:
    try:
        __import__(name)
    except ImportError:
        message = f"{name} is not installed (pip install -e '.[dev]')"
        if "CI" in __import__("os").environ:
            pytest.fail(message)
        pytest.skip(message)
    return [sys.executable, "-m", name]


@pytest.mark.slow
def test_mypy_is_clean() -> None:
    result = subprocess.run(
        [*_tool("mypy"), "--no-error-summary"],
        cwd=PACKAGE.parent,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_is_clean() -> None:
    ruff = _tool("ruff")
    for args in (
        ["check", "generator", "tests", "bench"],
        ["format", "--check", "generator", "tests", "bench"],
    ):
        result = subprocess.run(
            [*ruff, *args], cwd=PACKAGE.parent, capture_output=True, text=True, timeout=300
        )
        assert result.returncode == 0, result.stdout + result.stderr
