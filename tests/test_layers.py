"""The package's layers, read from its imports with `ast` (every import: module level, deferred and
``TYPE_CHECKING``): core imports nothing above it, render only core, site only core and render,
exports and authoring never the command line, and no two modules import each other, even
through others (README "How it is built")."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "generator"

#: Layer -> the generator layers it may import besides itself (the package root only gives
#: ``__version__``).
ALLOWED = {
    "core": set(),
    "render": {"core"},
    "site": {"core", "render"},
    "exports": {"core", "render", "site"},
    "authoring": {"core", "render", "site"},
    "commands": {"core", "render", "site", "exports", "authoring"},
}


def _module_name(path: Path, package: Path = PACKAGE) -> str:
    parts = list(path.relative_to(package.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, root: Path = PACKAGE) -> list[tuple[int, str]]:
    """(line, absolute module) of every import of a generator module in ``path`` (a file of the
    package at ``root``)."""
    module = _module_name(path, root)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.startswith("generator")]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                target = f"{base}.{node.module}" if node.module else base
            elif node.module and node.module.startswith("generator"):
                target = node.module
            else:
                continue
            # `from . import x` / `from .pkg import mod` name modules too.
            found.append((node.lineno, target))
            found += [(node.lineno, f"{target}.{a.name}") for a in node.names]
    return found


def _graph() -> dict[str, dict[str, int]]:
    """Module -> {imported generator module: first line}."""
    files = {
        _module_name(p): p
        for p in PACKAGE.rglob("*.py")
        if "vendor" not in p.relative_to(PACKAGE).parts
    }
    graph: dict[str, dict[str, int]] = {}
    for name, path in files.items():
        edges: dict[str, int] = {}
        for line, target in _imports(path):
            if target in files and target != name:
                edges.setdefault(target, line)
        graph[name] = edges
    return graph


GRAPH = _graph()


def _layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 2 or (len(parts) == 2 and parts[1] in ALLOWED) else ""


def _where(module: str) -> str:
    return str(Path(*module.split(".")).with_suffix(".py"))


def test_the_graph_is_read():
    # A check that finds no imports would pass every rule below.
    assert "generator.core.schema" in GRAPH["generator.core.course"]
    assert "generator.render.context" in GRAPH["generator.render.pages"]
    assert "generator.core.check_cache" in GRAPH["generator.site.pipeline"]  # a deferred import


def test_each_layer_imports_only_the_layers_below_it():
    wrong = []
    for module, edges in sorted(GRAPH.items()):
        layer = _layer(module)
        if layer not in ALLOWED:
            continue
        for target, line in edges.items():
            other = _layer(target)
            if other and other != layer and other not in ALLOWED[layer]:
                wrong.append(f"{_where(module)}:{line}: {layer}/ imports {target} ({other}/)")
    assert wrong == []


def _cycles(graph: dict[str, dict[str, int]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, {}):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_no_import_cycles():
    # A package's __init__ importing its own modules is not a cycle a reader trips on; none does.
    assert _cycles(GRAPH) == []


def test_the_cycle_check_finds_a_cycle():
    assert _cycles({"a": {"b": 1}, "b": {"c": 1}, "c": {"a": 1}, "d": {"a": 1}}) == [
        ["a", "b", "c"]
    ]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from .x import y", ["generator.core.x", "generator.core.x.y"]),
        ("from ..render import pages", ["generator.render", "generator.render.pages"]),
        ("import generator.site.plugin", ["generator.site.plugin"]),
        ("import os\nfrom yaml import safe_load", []),
        ("def f():\n    from .. import __version__", ["generator", "generator.__version__"]),
    ],
)
def test_imports_are_resolved_to_modules(tmp_path, source, expected):
    probe = tmp_path / "generator" / "core" / "probe.py"
    probe.parent.mkdir(parents=True)
    probe.write_text(source)
    assert [t for _, t in _imports(probe, tmp_path / "generator")] == expected


def test_layers_are_named_by_their_folder():
    assert _layer("generator.core.schema") == "core"
    assert _layer("generator.commands") == "commands"
    assert _layer("generator") == ""
