"""The core's sentences for Qt's catalogues: every template the core raises or passes on.

The core raises `SomeError("template {name}", name=value)` (a subclass of
attn_gui.core.errors.UserError) and passes interface words as `Phrase("template")`; the
window translates those templates in the "CoreMessages" context. pyside6-lupdate sees
only tr() and QT_TRANSLATE_NOOP calls, so this script reads the core's syntax tree and
prints each template as a QT_TRANSLATE_NOOP line, which `make translations-update` gives
lupdate along with the app's sources. lupdate then treats them as it treats tr() texts:
translations are kept, new templates added unfinished, those the core no longer says
dropped (-no-obsolete).

    python resources/translations/extract_core.py > build/core_messages.py

A template that is not written out as a literal cannot be extracted, so it reaches the
window in English; those calls are listed on stderr.
"""

from __future__ import annotations

import ast
import json
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORE = ROOT / "attn_gui" / "core"
CONTEXT = "CoreMessages"


def user_error_classes(trees: list[ast.Module]) -> set[str]:
    """UserError and the names of the core's classes that derive from it."""
    names = {"UserError"}
    classes = [node for tree in trees for node in ast.walk(tree) if isinstance(node, ast.ClassDef)]
    grown = True
    while grown:
        new = {c.name for c in classes if c.name not in names
               and any(_name(base) in names for base in c.bases)}
        names |= new
        grown = bool(new)
    return names


def _name(node: ast.AST) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def template_calls(tree: ast.Module, errors: set[str]) -> Iterator[ast.Call]:
    """Calls of a UserError class, of a parameter typed `type[SomeError]` (an error class
    chosen by the caller) and of Phrase."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _name(node.func) in errors | {"Phrase"}:
            yield node
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            chosen = {arg.arg for arg in node.args.args + node.args.kwonlyargs
                      if isinstance(arg.annotation, ast.Subscript)
                      and _name(arg.annotation.value) == "type"
                      and _name(arg.annotation.slice) in errors}
            yield from (call for call in ast.walk(node) if isinstance(call, ast.Call)
                        and isinstance(call.func, ast.Name) and call.func.id in chosen)


def core_templates(core: Path = CORE) -> tuple[dict[str, list[str]], list[str]]:
    """Each template with where it is said ("dataset.py:99"), and the places whose template
    is not a literal. Passing on another error's own (`exc.template`) is not a place."""
    paths = sorted(core.rglob("*.py"))
    trees = [ast.parse(path.read_text(encoding="utf-8"), str(path)) for path in paths]
    errors = user_error_classes(trees)
    templates: dict[str, list[str]] = {}
    not_literal = []
    for path, tree in zip(paths, trees, strict=True):
        calls = sorted(template_calls(tree, errors), key=lambda c: (c.lineno, c.col_offset))
        for call in calls:
            where = f"{path.relative_to(core).as_posix()}:{call.lineno}"
            first = call.args[0] if call.args else None
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                templates.setdefault(first.value, []).append(where)
            elif not (isinstance(first, ast.Attribute) and first.attr == "template"):
                not_literal.append(where)
    return templates, not_literal


def main() -> int:
    templates, not_literal = core_templates()
    print(f"# The core's templates for pyside6-lupdate, from {Path(__file__).name}; not imported.")
    for template in templates:
        # JSON's string escapes are Python's, and lupdate reads them.
        print(f"QT_TRANSLATE_NOOP({json.dumps(CONTEXT)}, {json.dumps(template, ensure_ascii=False)})")
    for where in not_literal:
        print(f"extract_core: not a literal template, left in English: {where}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
