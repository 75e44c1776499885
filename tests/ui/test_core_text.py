"""The catalogue of core messages (attn_gui/ui/app/core_text.py) against the core's source.

Every sentence the core can say must have a template, or it reaches a Chinese window in
English; every template must still be said somewhere, or the translators work for nothing.
The core's strings are read from its syntax tree, each placeholder written as "X".
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import attn_gui.core
from attn_gui.core.formula import parse as formula_parse
from attn_gui.core.io import sniff as table_sniff
from attn_gui.ui.app import core_text
from attn_gui.ui.app.core_text import PHRASES, TEMPLATES, sentence, translated
from tests.corpus import expected

from .test_i18n import TECHNICAL, untranslated

CORE = Path(attn_gui.core.__file__).parent

# Strings of the core that are no message: patterns for pandas' own errors, internal
# errors that are caught and replaced by a sentence, and bugs' texts, logged in English.
INTERNAL_CALLS = {"AssertionError", "KeyError", "TypeError", "ValueError", "compile", "search",
                  "match", "split"}
NOT_MESSAGES = {
    "formula/text.py": {" X ", "X X X"},  # the formula printer's separators
    "io/sniff.py": {"'X' → 'X.X'"},  # a renamed column: names only
    "lazy.py": {"<lazily imported module X>"},  # a repr, for debugging
}


def _sample(node: ast.AST) -> str | None:
    """The string `node` builds, each computed part written as X; None if it builds none."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else "X" for v in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _sample(node.left), _sample(node.right)
        if left is None and right is None:
            return None
        return (left if left is not None else "X") + (right if right is not None else "X")
    return None


def core_strings() -> list[tuple[str, int, str]]:
    """(file, line, text) of every string the core builds, outermost expressions only,
    docstrings and the arguments of internal errors and regular expressions left out.
    Files are named by their path inside attn_gui/core, e.g. "io/sniff.py"."""
    found = []
    for path in sorted(CORE.rglob("*.py")):
        relative = path.relative_to(CORE).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip: set[int] = set()
        for node in ast.walk(tree):
            body = getattr(node, "body", None)
            if (isinstance(body, list) and body and isinstance(body[0], ast.Expr)
                    and isinstance(body[0].value, ast.Constant)):
                skip.add(id(body[0].value))
            if isinstance(node, ast.Call):
                func = node.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                if name in INTERNAL_CALLS:
                    skip.update(id(n) for n in ast.walk(node))
        for node in ast.walk(tree):
            if id(node) in skip:
                continue
            text = _sample(node)
            if text is None:
                continue
            skip.update(id(n) for n in ast.walk(node))  # its parts are not strings of their own
            if text not in NOT_MESSAGES.get(relative, ()):
                found.append((relative, node.lineno, text))
    return found


def _matches(text: str, templates: tuple[str, ...]) -> bool:
    return any(core_text._compile(t).regex.fullmatch(text) for t in templates)


def test_every_core_sentence_has_a_template():
    # Two words or more: shorter strings are column kinds, settings' names and such.
    sentences = [(f, n, t) for f, n, t in core_strings() if len(t.split()) >= 3]
    assert len(sentences) > 150  # the walk reached the messages
    missing = [f"{f}:{n}: {t!r}" for f, n, t in sentences
               if not _matches(t, TEMPLATES + PHRASES)]
    assert not missing, ("core sentences without a template in attn_gui/ui/app/core_text.py:\n"
                         + "\n".join(missing))


def test_every_template_is_still_said():
    said = [t for _, _, t in core_strings()]
    # and the plain strings inside them, e.g. the 'the contents' of f"{where or 'the contents'}"
    said += [node.value for path in CORE.rglob("*.py")
             for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
             if isinstance(node, ast.Constant) and isinstance(node.value, str)]
    unused = [t for t in TEMPLATES + PHRASES
              if not any(core_text._compile(t).regex.fullmatch(s) for s in said)]
    assert not unused, "templates the core no longer says:\n" + "\n".join(unused)


def test_short_core_words_shown_inside_messages_are_phrases():
    for what in formula_parse._REFUSED.values():
        assert what in PHRASES or what.startswith("'"), what
    for _, what in table_sniff._NOT_TABLES:
        assert what in PHRASES or what.isupper(), what  # "JSON" reads the same in Chinese


def corpus_messages() -> list[str]:
    messages = []
    for entry in expected().values():
        messages += [entry["refused"]] if "refused" in entry else []
        messages += entry.get("warnings", [])
        messages += [entry["train"]] if entry.get("train", "ok") != "ok" else []
    return list(dict.fromkeys(messages))


def _allowed(message: str) -> set[str]:
    """What may stay as it is: quoted names, command-line options and notation."""
    words = set(TECHNICAL) | {"inf", "gzip", "HTML", "XML"}
    for quoted in re.findall(r"'([^']*)'", message):
        words.update(re.findall(r"[A-Za-z][A-Za-z0-9_.^]*[A-Za-z0-9]", quoted))
    for option in re.findall(r"--[a-z-]+(?: [a-z]+)?", message):
        words.update(re.findall(r"[a-z]+", option))
    return words


def test_corpus_messages_are_shown_in_chinese(zh_cn):
    messages = corpus_messages()
    assert len(messages) > 30
    english = [shown for message in messages
               for shown in [sentence(message)]
               if untranslated([("message", shown)], _allowed(message))
               or not any("\u4e00" <= c <= "\u9fff" for c in shown)]
    assert not english, "corpus messages not in Chinese:\n" + "\n".join(english)


def test_quoted_values_are_data_and_kept(zh_cn):
    # A column called "column 3" stays its name; an unquoted part is a core phrase.
    assert translated("the target 'column 3' is empty in every row; choose another target") == (
        "目标“column 3”在每一行都为空；请选择其他目标")
    assert translated("no such model file: 'm.zip'") == "找不到模型文件：“m.zip”"


def test_a_message_without_a_template_is_not_taken_for_a_phrase(zh_cn):
    # "column {0}" is a phrase of formula positions, not a template for any "column ..." text.
    message = "column 'x': something the catalogue does not know"
    assert translated(message) == message


def test_damaged_model_details_are_translated(zh_cn):
    detail = "net.hidden[0] must be a whole number from 1 to 65536, not 1000000000"
    assert translated(f"the model file 'm.zip' is damaged: {detail}") == (
        "模型文件“m.zip”已损坏：net.hidden[0] 必须是 1 到 65536 之间的整数，而不是 1000000000")
