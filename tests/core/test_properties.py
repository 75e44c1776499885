"""Properties that must hold for any input an analyst or a colleague's file can produce.

The reader: random bytes and "almost CSV" text give a Table or a one-line TableError, and
a table the reader accepts gives finite training arrays and an epoch of training, or a
one-line refusal. Formulas: random
strings, hostile ones included, compile or raise FormulaError, never run anything (an
audit hook watches for code execution, imports, files and processes), stay within the
parser's size bounds, and a compiled formula gives finite weights or a WeightingError.

`make test` runs the "ci" hypothesis profile (tests/conftest.py). The long run by hand:

    HYPOTHESIS_PROFILE=thorough .venv/bin/python -m pytest tests/core/test_properties.py -k formula
"""

from __future__ import annotations

import codecs
import os
import sys
import warnings
from contextlib import contextmanager

import numpy as np
import pytest
from hypothesis import event, given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from attn_gui.core.config import TrainConfig
from attn_gui.core.dataset import DataError, prepare
from attn_gui.core.formula import FormulaError, compile_formula
from attn_gui.core.formula import parse as formula_parse
from attn_gui.core.formula.derivative import measure
from attn_gui.core.io import TableError, read_table
from attn_gui.core.training import Trainer, TrainingError
from attn_gui.core.weighting import Weighting, WeightingError, WeightingSpec, validate_spec

# --------------------------------------------------------------------------- the reader

MARKERS = ["", "NA", "N/A", "n/a", "NaN", "nan", "null", "NULL", "None", "?", "-", "#N/A"]
FIELDS = st.one_of(
    st.sampled_from([*MARKERS, "inf", "-Infinity", "1e400", "true", "No", "#DIV/0!", "sep=;"]),
    st.integers(-10**6, 10**6).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.integers(0, 10**7).map("{:,}".format),  # thousands commas
    st.floats(-1e4, 1e4).map(lambda x: f"{x:.2f}".replace(".", ",")),  # decimal comma
    st.text(max_size=8),
    st.text(alphabet=',;\t|"\n\r ', max_size=4),  # delimiters, quotes and breaks in a field
    st.builds('"{}"'.format, st.text(max_size=8)),  # quoted, perhaps with a stray quote
    st.sampled_from(["x" * 3000, "Köln", "是", "😀", "\x0c", "\x00"]),
)
LINES = st.lists(st.lists(FIELDS, min_size=1, max_size=6), max_size=30)


@st.composite
def damaged_tables(draw) -> list[list[str]]:
    """A real table (numbers and a label column) with a few cells replaced by odd fields,
    so that many examples get past the reader into training."""
    width = draw(st.integers(2, 5))
    rows = [[f"c{k}" for k in range(width - 1)] + ["label"]]
    for _ in range(draw(st.integers(1, 40))):
        numbers = draw(st.lists(st.floats(-1e3, 1e3), min_size=width - 1, max_size=width - 1))
        rows.append([f"{x:.3g}" for x in numbers] + [draw(st.sampled_from(["yes", "no", "maybe"]))])
    for _ in range(draw(st.integers(0, 4))):
        row = draw(st.integers(0, len(rows) - 1))
        rows[row][draw(st.integers(0, width - 1))] = draw(FIELDS)
    return rows


@st.composite
def almost_csv(draw) -> bytes:
    """A table as colleagues send them: any delimiter, line ending, encoding and damage."""
    delimiter = draw(st.sampled_from([",", ";", "\t", "|"]))
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    lines = [delimiter.join(fields) for fields in draw(st.one_of(LINES, damaged_tables()))]
    if draw(st.booleans()):
        lines.insert(0, f"sep={delimiter}")
    text = newline.join(lines) + draw(st.sampled_from(["", newline, newline * 3]))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "latin-1",
                                     "cp1252", "gb18030"]))
    data = text.encode(encoding, errors="replace")
    if draw(st.booleans()):  # cut anywhere, even inside a character
        data = data[: draw(st.integers(0, len(data)))]
    return data + draw(st.sampled_from([b"", b"\xff\xfe", b"\x80", codecs.BOM_UTF8]))


def one_sentence(exc: Exception) -> None:
    message = str(exc)
    assert message and "\n" not in message and "Traceback" not in message


@given(data=st.one_of(st.binary(max_size=2000), almost_csv()))
def test_reader_gives_a_table_or_its_own_error(tmp_path, data):
    path = tmp_path / "colleague.csv"
    path.write_bytes(data)
    try:
        table = read_table(path)
    except TableError as exc:
        one_sentence(exc)
        event("refused by the reader")
        return
    assert table.n_rows > 0 and len(table.columns) == table.frame.shape[1]
    assert [c.name for c in table.columns] == list(table.frame.columns)
    assert len(set(table.frame.columns)) == table.frame.shape[1]
    for column in table.columns:
        assert column.kind in ("numeric", "boolean", "categorical", "id", "constant", "empty")
        assert 0 <= column.missing <= table.n_rows
    for warning in table.warnings:
        assert warning and "\n" not in warning
    # What the reader accepts, training either takes as finite arrays or refuses in a sentence.
    try:
        data_set = prepare(table, TrainConfig())
    except (DataError, TableError) as exc:
        one_sentence(exc)
        event("read; refused by prepare")
        return
    for array in (data_set.X_train, data_set.X_valid, data_set.y_train, data_set.y_valid):
        assert np.isfinite(array).all()
    assert len(data_set.X_train) and len(data_set.X_valid) and data_set.X_train.shape[1]
    # ... and one epoch of training on them ends with a report or a sentence.
    try:
        reports = list(Trainer(TrainConfig(epochs=1, hidden=[4]), data_set).run())
    except TrainingError as exc:
        one_sentence(exc)
        event("read; refused by training")
        return
    event("read and trained")
    final = reports[-1]
    assert final.final and np.isfinite(list(final.attention.values())).all()


# --------------------------------------------------------------------------- formulas

FUNCTIONS = ["exp", "log", "sqrt", "abs", "tanh", "sigmoid", "softplus", "relu", "sin", "cos"]
SAFE_LEAVES = ["z", "i", "n", "pi", "e", "0", "1", "0.5", "2", "1e-3", "1e308", "-1"]
HOSTILE = [
    "__import__('os').system('touch /tmp/pwned')", "().__class__.__mro__[1].__subclasses__()",
    "open('/etc/passwd').read()", "eval('1')", "exec('x=1')", "compile('1','','eval')",
    "globals()", "vars()", "getattr(z, 'real')", "breakpoint()", "input()", "lambda: 1",
    "[z for z in ()]", "(x := 1)", "f'{z}'", "'a'", "b'a'", "1j", "True", "None", "...",
    "z.real", "z[0]", "z if z else 1", "z < 1", "not z", "~z", "z @ z", "z % 2", "z // 2",
    "z << 1", "z ^ 2", "*z", "**z", "os", "np", "numpy.exp(z)", "exp.__globals__",
    "yield z", "await z", "#", "\\\n", "\x00", "\ud800", "9" * 400, "1e309", "9**9**9**9",
    "exp(z, z)", "exp(z=1)", "max(z)", "z(1)", "pi(2)", "1/0", "0/0", "log(0)", "sqrt(-1)",
    "(" * 60 + "z" + ")" * 60, "-" * 300 + "z", "z**" * 45 + "z", "exp(" * 45 + "z" + ")" * 45,
]
OPERATORS = ["+", "-", "*", "/", "**", " ", "", ",", "(", ")"]


def _tree(leaf: st.SearchStrategy[str], max_leaves: int) -> st.SearchStrategy[str]:
    return st.recursive(leaf, lambda inner: st.one_of(
        st.builds("{}({})".format, st.sampled_from(FUNCTIONS), inner),
        st.builds("{}({}, {})".format, st.sampled_from(["max", "min"]), inner, inner),
        st.builds("({}){}({})".format, inner, st.sampled_from(OPERATORS[:5]), inner),
        st.builds("-{}".format, inner),
    ), max_leaves=max_leaves)


def formulas() -> st.SearchStrategy[str]:
    """Any text; a soup of tokens; well-formed formulas (most compile); and well-formed
    formulas with hostile pieces inside."""
    safe = st.sampled_from(SAFE_LEAVES)
    return st.one_of(
        st.text(max_size=80),
        st.lists(st.sampled_from(SAFE_LEAVES + HOSTILE + OPERATORS + FUNCTIONS), max_size=25)
        .map("".join),
        _tree(safe, 40),
        _tree(st.one_of(safe, safe, st.sampled_from(HOSTILE)), 20),
    )


# Audit events that mean code ran, a module was imported, or the formula reached the system.
_FORBIDDEN = ("exec", "import", "open", "os.", "subprocess.", "socket.", "shutil.", "ctypes.",
              "builtins.input", "pickle.", "marshal.", "urllib.", "webbrowser.")
_watch: list[str] | None = None


def _audit(event: str, _args) -> None:
    if _watch is not None and event.startswith(_FORBIDDEN):
        _watch.append(f"{event} {str(_args)[:80]}")


sys.addaudithook(_audit)  # cannot be removed; it only records while `nothing_runs` is active


@contextmanager
def nothing_runs():
    global _watch
    _watch = seen = []
    try:
        yield
    finally:
        _watch = None
    assert not seen, f"the formula code triggered {seen}"


def compile_or_refuse(text: str):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a parser warning must become the parser's error
        try:
            return compile_formula(text)
        except FormulaError as exc:
            one_sentence(exc)
            return None


LOGITS = st.sampled_from([np.float32, np.float64]).flatmap(lambda dtype: hnp.arrays(
    dtype, hnp.array_shapes(min_dims=2, max_dims=2, max_side=7),
    elements=st.floats(-100, 100, width=32)))


@given(text=formulas(), z=LOGITS)
def test_formula_compiles_or_refuses_runs_nothing_and_weights_are_finite(text, z):
    with nothing_runs():
        formula = compile_or_refuse(text)
    if formula is None:
        event("refused by the parser")
        return
    # Evaluation cost is bounded by the tree sizes the parser allows.
    assert measure(formula._tree)[0] <= formula_parse.MAX_NODES
    size, depth = measure(formula._dtree)
    assert size <= formula_parse.MAX_DERIVATIVE_NODES
    assert depth <= formula_parse.MAX_DERIVATIVE_DEPTH
    spec = WeightingSpec(kind="custom", formula=text)
    with nothing_runs():
        try:
            validate_spec(spec)  # the check on the logits' range refuses in one sentence too
        except WeightingError as exc:
            one_sentence(exc)
    weighting = Weighting(spec, z.shape[1], z.dtype)
    # As in training: overflow is judged by the results, not by NumPy's warnings.
    with nothing_runs(), np.errstate(all="ignore"):
        try:
            alpha = weighting.forward(z)
            grad = weighting.vjp(z, alpha, np.ones_like(z) - alpha)
        except WeightingError as exc:
            one_sentence(exc)
            event("compiled; refused by the weighting")
            return
    event("compiled; finite weights")
    assert alpha.shape == z.shape and np.isfinite(alpha).all() and (alpha >= 0).all()
    np.testing.assert_allclose(alpha.sum(axis=1), 1.0, rtol=1e-4)
    assert grad.shape == z.shape and np.isfinite(grad).all()


def test_the_audit_hook_sees_code_running():
    """The guard above is only worth something if it notices execution."""
    with pytest.raises(AssertionError, match="open"), nothing_runs(), open(os.devnull):
        pass


@pytest.mark.parametrize("text", ["0\\\n/0", "exp(\nz)", "1\r+z"])
def test_a_formula_with_a_line_break_is_refused(text):
    """Found by the 10,000-string run: a continuation line compiled, and the refusal that
    quoted it later spanned two lines. Blanks around the formula are only stripped."""
    with pytest.raises(FormulaError, match="^the formula must be on one line"):
        compile_formula(text)
    assert compile_formula(" exp(z)\n").text == "exp(z)"
