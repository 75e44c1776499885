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

A template computed at run time cannot be extracted, so it reaches the window in
English; those calls are listed on stderr.
"""

from __future__ import annotations

import ast
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[2]
CORE = ROOT / "attn_gui" / "core"
CONTEXT = "CoreMessages"
OPTIONS_CONTEXT = "Options"  # ui/widgets/option_form.py


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


class Site(NamedTuple):
    where: str  # "dataset.py:99"
    call: ast.Call
    texts: list[str] | None  # the templates it can pass; None if computed


def template_sites(core: Path = CORE) -> Iterator[Site]:
    """Every call that passes a template, in the order of the source."""
    paths = sorted(core.rglob("*.py"))
    trees = [ast.parse(path.read_text(encoding="utf-8"), str(path)) for path in paths]
    errors = user_error_classes(trees)
    for path, tree in zip(paths, trees, strict=True):
        scopes = {id(child): node for node in ast.walk(tree)
                  if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
                  for child in ast.walk(node)}
        calls = sorted(template_calls(tree, errors), key=lambda c: (c.lineno, c.col_offset))
        for call in calls:
            first = call.args[0] if call.args else None
            texts = None if first is None else _literals(first, scopes.get(id(call)), set())
            yield Site(f"{path.relative_to(core).as_posix()}:{call.lineno}", call, texts)


def _literals(node: ast.expr, scope: ast.AST | None, seen: set[str]) -> list[str] | None:
    """The texts `node` can be: a literal, either branch of `a if test else b`, or what a
    local name was last assigned before it; None if any of them is computed."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        body, orelse = _literals(node.body, scope, seen), _literals(node.orelse, scope, seen)
        return None if body is None or orelse is None else body + orelse
    if isinstance(node, ast.Name) and scope is not None and node.id not in seen:
        earlier = [a for a in ast.walk(scope) if isinstance(a, ast.Assign)
                   and a.lineno < node.lineno
                   and any(isinstance(t, ast.Name) and t.id == node.id for t in a.targets)]
        if earlier:
            last = max(earlier, key=lambda a: a.lineno)
            return _literals(last.value, scope, seen | {node.id})
    return None


def setting_labels(core: Path = CORE) -> Iterator[tuple[str, str]]:
    """(where, label) of each `setting(default, label, ...)` in the core: an error names
    the setting as Phrase(option.label)."""
    for path in sorted(core.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Call) and _name(node.func) == "setting":
                label = node.args[1] if len(node.args) > 1 else next(
                    (k.value for k in node.keywords if k.arg == "label"), None)
                if isinstance(label, ast.Constant) and isinstance(label.value, str):
                    yield f"{path.relative_to(core).as_posix()}:{node.lineno}", label.value


def core_templates(core: Path = CORE) -> tuple[dict[str, list[str]], list[str]]:
    """Each template with where it is said, and the places whose template is computed.
    Passing on another error's own (`exc.template`) or a setting's label
    (`Phrase(option.label)`, listed from the `setting` calls) is not such a place."""
    templates: dict[str, list[str]] = {}
    computed = []
    for site in template_sites(core):
        first = site.call.args[0] if site.call.args else None
        if site.texts is not None:
            for text in site.texts:
                templates.setdefault(text, []).append(site.where)
        elif not (isinstance(first, ast.Attribute) and first.attr in ("template", "label")):
            computed.append(site.where)
    for where, label in setting_labels(core):
        templates.setdefault(label, []).append(where)
    for where, text in report_texts(core):
        templates.setdefault(text, []).append(where)
    return templates, computed


def report_texts(core: Path = CORE) -> Iterator[tuple[str, str]]:
    """(where, text) of each literal the report passes through its translate hook, `t(...)`
    in report.py, and of the metric names its tables show (compare.LABELS)."""
    for name in ("report.py", "compare.py"):
        path = core / name
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id == "t" and node.args
                    and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, str)):
                yield f"{name}:{node.lineno}", node.args[0].value
            elif (isinstance(node, ast.Assign) and name == "compare.py"
                  and any(isinstance(t, ast.Name) and t.id == "LABELS" for t in node.targets)
                  and isinstance(node.value, ast.Dict)):
                for value in node.value.values:
                    if isinstance(value, ast.Constant) and isinstance(value.value, str):
                        yield f"{name}:{value.lineno}", value.value


def option_texts() -> list[str]:
    """The labels, help, choices and placeholders of every declared setting, which the
    window's forms show in the "Options" context. Read from the declarations themselves
    (the core imports without Qt), as their help is often joined from parts."""
    sys.path.insert(0, str(ROOT))
    from attn_gui.core.config import JOINTS, OPTIONS

    texts: dict[str, None] = {}
    for option in OPTIONS.values():
        for text in (option.label, option.help, option.off_text, option.placeholder,
                     *(t for c in option.choices for t in (c.label, c.help))):
            if text:
                texts[text] = None
    for joint in JOINTS.values():  # settings the window edits as one
        for text in (joint.label, joint.help, *(t for c in joint.modes for t in (c.label, c.help))):
            texts[text] = None
    return list(texts)


def _noop(context: str, text: str) -> str:
    # JSON's string escapes are Python's, and lupdate reads them.
    return f"QT_TRANSLATE_NOOP({json.dumps(context)}, {json.dumps(text, ensure_ascii=False)})"


def main() -> int:
    templates, computed = core_templates()
    print(f"# The core's templates for pyside6-lupdate, from {Path(__file__).name}; not imported.")
    for template in templates:
        print(_noop(CONTEXT, template))
    for text in option_texts():
        print(_noop(OPTIONS_CONTEXT, text))
    for where in computed:
        print(f"extract_core: a computed template, left in English: {where}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
