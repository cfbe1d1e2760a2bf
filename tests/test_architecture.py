"""The shape of the package (shared/DESIGN.md): rooms, one-way data flow, small parts.

readers -> extraction -> graph -> viz: a reader never imports a citation rule, the
loaders never import networkx, viz never parses opinions; no module is over 700 lines
and no function over 80, so that a new rule lands in a part a reader can hold in mind.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = [
    p
    for p in sorted(ROOT.rglob("*.py"))
    if not {"tests", "bench", "eval", "build", "node_modules", ".git"} & set(p.parts)
    and "site-packages" not in p.parts
]
MAX_MODULE_LINES = 700
MAX_FUNCTION_LINES = 80


def _name(path: Path) -> str:
    rel = path.relative_to(ROOT).with_suffix("")
    parts = [p for p in rel.parts if p != "__init__"]
    return ".".join(["citegraph", *parts])


def _imports(path: Path) -> set[str]:
    """Absolute names of the modules `path` imports (relative imports resolved)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = _name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *(node.module.split(".") if node.module else [])])
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


def _in(room: str) -> list[Path]:
    return [p for p in PACKAGE if _name(p) == room or _name(p).startswith(room + ".")]


def test_the_package_is_found() -> None:
    names = {_name(p) for p in PACKAGE}
    assert {"citegraph.loaders", "citegraph.graph", "citegraph.viz", "citegraph.cli"} <= names


@pytest.mark.parametrize(
    ("room", "never"),
    [
        ("citegraph.loaders", "networkx"),
        ("citegraph.loaders.readers", "citegraph.loaders.extraction"),
        ("citegraph.loaders", "citegraph.graph"),
        ("citegraph.loaders", "citegraph.viz"),
        ("citegraph.graph", "citegraph.viz"),
        ("citegraph.viz", "citegraph.loaders"),
        ("citegraph.graph", "citegraph.corpus"),
    ],
)
def test_data_flows_one_way(room: str, never: str) -> None:
    offenders = {
        str(p.relative_to(ROOT)): sorted(
            i for i in _imports(p) if i == never or i.startswith(never + ".")
        )
        for p in _in(room)
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_no_module_is_over_700_lines() -> None:
    long = {
        str(p.relative_to(ROOT)): n
        for p in PACKAGE
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert long == {}


def test_no_function_is_over_80_lines() -> None:
    long: dict[str, int] = {}
    for p in PACKAGE:
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                n = (node.end_lineno or node.lineno) - node.lineno + 1
                if n > MAX_FUNCTION_LINES:
                    long[f"{p.relative_to(ROOT)}:{node.name}"] = n
    assert long == {}
