"""The structure ARCHITECTURE.md describes, checked: small modules and functions, layers
that import one way, and no import cycle."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "attn_gui"
MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 80


def modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def imported(name: str, path: Path) -> set[str]:
    """The attn_gui modules `name` imports, wherever the import stands, except imports
    made for type checkers only."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    known = modules()
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            node.body = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name in known}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            for alias in node.names:
                full = f"{base}.{alias.name}"
                found.add(full if full in known else base)
    return {m for m in found if m in known and m != name}


def test_no_module_is_over_the_limit():
    long = {name: n for name, path in modules().items()
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES}
    assert not long, long


def test_no_function_is_over_the_limit():
    long = {}
    for name, path in modules().items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = node.end_lineno - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    long[f"{name}.{node.name}"] = length
    assert not long, long


def test_there_is_no_import_cycle():
    graph = {name: imported(name, path) for name, path in modules().items()}
    # A package's __init__ importing its own modules is how it exports them, not a cycle.
    graph = {name: {m for m in deps if not name.startswith(m + ".")} for name, deps in graph.items()}
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for dep in sorted(graph[node]):
            if state.get(dep) == 1:
                pytest.fail("import cycle: " + " -> ".join(stack[stack.index(dep):] + [dep]))
            if dep not in state:
                visit(dep)
        stack.pop()
        state[node] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name)


@pytest.mark.parametrize(("layer", "never"), [
    ("attn_gui.core", ("attn_gui.ui", "attn_gui.cli", "attn_gui.app", "attn_gui.estimator")),
    ("attn_gui.ui", ("attn_gui.estimator",)),
    ("attn_gui.cli", ("attn_gui.estimator",)),
    ("attn_gui.ui.widgets", ("attn_gui.ui.app", "attn_gui.ui.panels")),
    ("attn_gui.ui.plots", ("attn_gui.ui.app", "attn_gui.ui.panels")),
    ("attn_gui.ui.jobs", ("attn_gui.ui.app", "attn_gui.ui.panels", "attn_gui.ui.plots")),
    ("attn_gui.ui.panels", ("attn_gui.ui.app.main_window", "attn_gui.ui.app.workflow")),
])
def test_layers_import_one_way(layer, never):
    wrong = {name: sorted(m for m in imported(name, path) if m.startswith(never))
             for name, path in modules().items() if name.startswith(layer)}
    assert not {k: v for k, v in wrong.items() if v}


def test_only_the_notebook_estimators_import_scikit_learn():
    """scikit-learn is an optional extra: the engine, the window and the command line run
    without it."""
    users = set()
    for name, path in modules().items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            if any(n == "sklearn" or n.startswith("sklearn.") for n in names):
                users.add(name)
    assert users == {"attn_gui.estimator"}


def test_ui_is_not_flat():
    flat = [p.name for p in (PACKAGE / "ui").glob("*.py") if p.name != "__init__.py"]
    assert not flat, flat
