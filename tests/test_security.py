"""Security: no code execution or pickle in the app, np.load never unpickles, model files
are checked against their schema before anything is built from them, and exported CSVs
cannot run as spreadsheet formulas."""

from __future__ import annotations

import ast
import csv
import io
import json
import os
import re
import tokenize
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from attn_gui.cli import main
from attn_gui.core import project
from attn_gui.core.predict import FORMULA_PREFIXES, write_csv
from attn_gui.core.project import ProjectError, load_model
from attn_gui.core.schema import (
    MODEL_SCHEMA,
    Dict,
    Int,
    List,
    Nullable,
    Num,
    Obj,
    SchemaError,
    Str,
    Tagged,
    Text,
    check,
)
from tests.corpus import BAD

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted((ROOT / "attn_gui").rglob("*.py")) + [ROOT / "main.py"]
BANNED = {
    "eval(": re.compile(r"(?<![\w.])eval\s*\("),
    "exec(": re.compile(r"(?<![\w.])exec\s*\("),  # Qt's app.exec is called by another name
    "compile(": re.compile(r"(?<![\w.])compile\s*\("),
    "__import__": re.compile(r"__import__"),
    "pickle": re.compile(r"pickle", re.IGNORECASE),  # pickle, cPickle, read_pickle, allow_pickle
    "marshal / shelve": re.compile(r"\b(marshal|shelve)\b"),
}


def code_lines(source: Path) -> dict[int, str]:
    """Each line's code without comments and docstrings (prose may say "no pickle")."""
    text = source.read_text(encoding="utf-8")
    prose = set()
    for node in ast.walk(ast.parse(text)):
        if (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
                and isinstance(node.value.value, str)):
            prose.update(range(node.lineno, node.end_lineno + 1))
    lines: dict[int, str] = {}
    for token in tokenize.generate_tokens(io.StringIO(text).readline):
        if token.type != tokenize.COMMENT and token.start[0] not in prose:
            lines[token.start[0]] = lines.get(token.start[0], "") + token.string
    return lines


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_code_execution_or_pickle(source):
    for line_number, line in code_lines(source).items():
        # The only mention of pickle allowed is switching it off in np.load.
        code = line.replace("allow_pickle=False", "")
        for what, pattern in BANNED.items():
            assert not pattern.search(code), f"{source.name}:{line_number} uses {what}: {line}"


def test_the_scan_finds_what_it_looks_for(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text('"""No pickle here."""\nimport pickle  # noqa\nx = eval ("1")\n'
                      "y = re.compile('a')\nrun_event_loop = app.exec\n")
    lines = code_lines(sample)
    found = {what for line in lines.values() for what, p in BANNED.items() if p.search(line)}
    assert found == {"pickle", "eval("}


def np_load_calls() -> list[tuple[Path, ast.Call]]:
    calls = []
    for source in SOURCES:
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "load" and isinstance(node.func.value, ast.Name)
                    and node.func.value.id in ("np", "numpy")):
                calls.append((source, node))
    return calls


def test_every_np_load_refuses_pickles():
    calls = np_load_calls()
    assert calls, "model files are read with np.load; the search must find it"
    for source, call in calls:
        flags = {k.arg: k.value for k in call.keywords}
        value = flags.get("allow_pickle")
        assert isinstance(value, ast.Constant) and value.value is False, (
            f"{source.name}:{call.lineno}: np.load without allow_pickle=False")


# --------------------------------------------------------------------------- model files


@pytest.fixture(scope="module")
def model_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("model") / "model.attn"
    code = main(["train", str(BAD / "numeric_target_regression.csv"), "--epochs", "2",
                 "--hidden", "4", "--save", str(path), "--json"])
    assert code == 0
    return path


def rewrite(source: Path, target: Path, meta_change=None, params=None) -> Path:
    """A copy of a model file with its JSON changed and/or its arrays replaced."""
    with zipfile.ZipFile(source) as zf:
        meta = json.loads(zf.read("model.json"))
        arrays = zf.read("params.npz")
    if meta_change is not None:
        meta = meta_change(meta)
    if params is not None:
        buffer = io.BytesIO()
        np.savez(buffer, **params)
        arrays = buffer.getvalue()
    with zipfile.ZipFile(target, "w") as zf:
        zf.writestr("model.json", meta if isinstance(meta, str) else json.dumps(meta))
        zf.writestr("params.npz", arrays)
    return target


def changed(path: tuple[str, ...], value):
    def change(meta: dict) -> dict:
        node = meta
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value
        return meta
    return change


def test_a_saved_model_passes_its_schema(model_file):
    with zipfile.ZipFile(model_file) as zf:
        check(json.loads(zf.read("model.json")), MODEL_SCHEMA)
    assert load_model(model_file).task == "regression"


@pytest.mark.parametrize(("change", "reason"), [
    (changed(("net", "hidden"), [10**9]),
     "net.hidden[0] must be a whole number from 1 to 65536, not 1000000000"),
    (changed(("net", "groups"), [10**7]), "net.groups[0] must be a whole number from 0 to"),
    (changed(("net", "groups"), [5]), "net: groups must name one input column"),
    (changed(("net", "weighting", "kind"), "os.system"), "net.weighting.kind must be one of"),
    (changed(("net", "dtype"), "object"), "net.dtype must be one of 'float32', 'float64'"),
    (changed(("target_info", "std"), 0), "target_info.std must be a positive finite number"),
    (changed(("preprocessor", "steps", "x1", "scale"), float("nan")),
     "preprocessor.steps['x1'].scale must be a positive finite number, not nan"),
    (changed(("preprocessor", "steps", "x1", "type"), "module"),
     "preprocessor.steps['x1'].type must be one of 'numeric', 'date', 'categorical'"),
    (changed(("net", "__class__"), "x"), "net has unknown entries: '__class__'"),
    (changed(("target",), ["not", "text"]), "target must be text of at most"),
    (lambda meta: {k: v for k, v in meta.items() if k != "net"}, "the contents lack 'net'"),
])
def test_a_tampered_model_file_is_refused_before_use(model_file, tmp_path, change, reason):
    bad = rewrite(model_file, tmp_path / "bad.attn", change)
    with pytest.raises(ProjectError) as refused:
        load_model(bad)
    message = str(refused.value)
    assert message.startswith(f"the model file '{bad}' is damaged: ")
    assert reason in message and "\n" not in message


def test_json_nested_thousands_deep_is_refused(model_file, tmp_path):
    bad = rewrite(model_file, tmp_path / "deep.attn", lambda meta: "[" * 100_000)
    with pytest.raises(ProjectError, match="not an Attention Trainer model file"):
        load_model(bad)


def test_an_unpacked_size_beyond_the_limit_is_refused(model_file, monkeypatch):
    # A zip bomb: declared sizes are checked before anything is unpacked.
    monkeypatch.setattr(project, "_MAX_UNPACKED_BYTES", 100)
    with pytest.raises(ProjectError, match="not an Attention Trainer model file"):
        load_model(model_file)


class Payload:
    """Unpickling this would create a folder: the proof that nothing was unpickled."""

    def __init__(self, target: Path) -> None:
        self.target = str(target)

    def __reduce__(self):
        return (os.mkdir, (self.target,))


def test_a_pickle_inside_the_arrays_is_never_loaded(model_file, tmp_path):
    proof = tmp_path / "pwned"
    with zipfile.ZipFile(model_file) as zf, np.load(io.BytesIO(zf.read("params.npz"))) as npz:
        params = {k: npz[k] for k in npz.files}
    params["W0"] = np.array([Payload(proof)], dtype=object)
    bad = rewrite(model_file, tmp_path / "pickled.attn", params=params)
    with pytest.raises(ProjectError):
        load_model(bad)
    assert not proof.exists()


def test_the_cli_refuses_a_tampered_model_in_one_line(model_file, tmp_path, capsys):
    bad = rewrite(model_file, tmp_path / "bad.attn", changed(("net", "hidden"), [-1]))
    code = main(["predict", str(bad), str(BAD / "numeric_target_regression.csv"),
                 "--output", str(tmp_path / "out.csv")])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert err == (f"error: the model file '{bad}' is damaged: net.hidden[0] must be a whole "
                   "number from 1 to 65536, not -1\n")


# --------------------------------------------------------------------------- the validator


@pytest.mark.parametrize(("schema", "good", "bad", "reason"), [
    (Int(1, 5), 3, True, "x must be a whole number from 1 to 5, not True"),
    (Num(), -2.5, float("inf"), "x must be a finite number, not inf"),
    (Num(positive=True), 0.1, 0, "x must be a positive finite number, not 0"),
    (Text(3), "abc", "abcd", "x must be text of at most 3 characters, not 'abcd'"),
    (Str(("a", "b")), "a", ["a"], "x must be one of 'a', 'b', not ['a']"),
    (Nullable(Int(0, 1)), None, 2, "x must be a whole number from 0 to 1, not 2"),
    (List(Int(0, 9), 2), [1, 2], [1, 2, 3], "x must be a list of at most 2 items"),
    (List(Int(0, 9), 2), [], [1, "2"], "x[1] must be a whole number from 0 to 9, not '2'"),
    (Dict(Num(), 5), {"k": 1}, {"k": None}, "x['k'] must be a finite number, not None"),
    (Obj({"a": Int(0, 1)}, optional=frozenset({"a"})), {}, {"b": 1}, "x has unknown entries: 'b'"),
    (Obj({"a": Int(0, 9), "b": Int(0, 9)}, rules=((lambda o: o["a"] < o["b"], "a below b"),)),
     {"a": 1, "b": 2}, {"a": 2, "b": 1}, "x: a below b"),
    (Tagged("type", {"t": Obj({"type": Str(("t",))})}), {"type": "t"}, {"type": "u"},
     "x.type must be one of 't', not 'u'"),
])
def test_the_validator(schema, good, bad, reason):
    wrapped = Obj({"x": schema})
    check({"x": good}, wrapped)
    with pytest.raises(SchemaError) as refused:
        check({"x": bad}, wrapped)
    assert str(refused.value).startswith(reason)


# --------------------------------------------------------------------------- exported CSVs


def test_exported_csv_cells_and_names_cannot_run_as_formulas(tmp_path):
    risky = ["=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1:A9)", "\t=1+1", "\r=1+1"]
    frame = pd.DataFrame({"note": [*risky, "plain"], "=HYPERLINK(\"http://x\")": ["a"] * 7,
                          "value": [-1.5, 2, 3, 4, 5, 6, 7]})
    out = tmp_path / "out.csv"
    write_csv(frame, out)
    with out.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    cells = [cell for row in rows for cell in row]
    text_cells = [cell for cell in cells if not re.fullmatch(r"-?\d+(\.\d+)?", cell)]
    assert not [c for c in text_cells if c.startswith(FORMULA_PREFIXES)]
    assert [row[0] for row in rows[1:]] == [f"'{r}" for r in risky] + ["plain"]
    assert rows[0][1] == "'=HYPERLINK(\"http://x\")"
    assert [row[2] for row in rows[1:]][0] == "-1.5"  # numbers stay numbers


def test_predicting_the_injection_corpus_file_writes_no_formula(model_file, tmp_path, capsys):
    source = BAD / "formula_injection.csv"
    saved = tmp_path / "injection.attn"
    assert main(["train", str(source), "--epochs", "2", "--hidden", "4", "--save", str(saved),
                 "--json"]) == 0
    out = tmp_path / "scored.csv"
    assert main(["predict", str(saved), str(source), "--output", str(out)]) == 0
    capsys.readouterr()
    written = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert not written["name"].str.startswith(FORMULA_PREFIXES).any()
    assert (written["name"].str.startswith("'=") | (written["name"] == "plain")
            | written["name"].str.startswith(("'+", "'-", "'@"))).all()
