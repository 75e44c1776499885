"""The per-batch and per-row fast paths give the same numbers as the plain ones: formulas
lowered to a flat program, scores saved for the backward pass, short-axis reductions,
float32 sparsemax, and targets, splits and text columns handled in chunks."""

import numpy as np
import pandas as pd
import pytest

import attn_gui.core.dataset as dataset_module
import attn_gui.core.preprocess as preprocess_module
from attn_gui.core.config import TrainConfig
from attn_gui.core.dataset import prepare, split
from attn_gui.core.formula import compile_formula
from attn_gui.core.io import ColumnInfo, Table
from attn_gui.core.model import AttentionNet, NetSpec
from attn_gui.core.reductions import column_sums, row_max, row_sums
from attn_gui.core.weighting import Weighting, WeightingSpec, sparsemax

D = 7
IDX = np.arange(D)


def test_parts_without_z_are_computed_once_and_shared_with_the_derivative():
    bound = compile_formula("exp(z) * 0.9**i").bind(IDX, D, np.float64)
    # 0.9**i is a constant of the run; ds/dz is the score itself: exp, then one product.
    assert [fn for fn, _, _ in bound._steps] == [np.exp, np.multiply]
    z = np.random.default_rng(0).normal(size=(3, D))
    s, ds = bound(z)
    assert np.array_equal(s, np.exp(z) * 0.9**IDX) and np.array_equal(ds, s)


@pytest.mark.parametrize("text", ["z", "i + 1", "exp(z) * 0.9**i", "max(z, 0) + 1e-3"])
def test_results_are_fresh_arrays_on_every_call(text):
    bound = compile_formula(text).bind(IDX, D, np.float32)
    z = np.linspace(-1, 1, 2 * D, dtype=np.float32).reshape(2, D)
    first, _ = bound(z)
    expected = bound(z)[0].copy()
    first[:] = 99.0
    again, _ = bound(z)
    assert again.dtype == np.float32 and again.flags.writeable
    assert np.array_equal(again, expected) and np.all(z <= 1)


SPECS = [
    WeightingSpec("softmax", temperature=0.7),
    WeightingSpec("exponential", base=2.0),
    WeightingSpec("linear"),
    WeightingSpec("linear", linear_score="relu", decay=0.8),
    WeightingSpec("sparsemax", decay=0.9),
    WeightingSpec("custom", formula="softplus(2*z) + sigmoid(z)*(n-i)", decay=0.9),
]


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.kind)
@pytest.mark.parametrize("rows", [1, 5])
def test_backward_from_saved_scores_equals_recomputing_them(spec, rows):
    rng = np.random.default_rng(2)
    weighting = Weighting(spec, D)
    z, grad = rng.normal(size=(rows, D)), rng.normal(size=(rows, D))
    alpha, saved = weighting.forward_saving(z)
    assert np.array_equal(alpha, weighting.forward(z))
    assert np.array_equal(weighting.vjp(z, alpha, grad, saved), weighting.vjp(z, alpha, grad))


def test_float32_sparsemax_stays_float32_through_the_network():
    z = np.random.default_rng(3).normal(size=(4, D)).astype(np.float32)
    assert sparsemax(z).dtype == np.float32
    np.testing.assert_allclose(sparsemax(z), sparsemax(z.astype(np.float64)), atol=1e-6)
    spec = NetSpec(D, 2, "classification", weighting=WeightingSpec("sparsemax"))
    net = AttentionNet(spec, dtype=np.float32).init(np.random.default_rng(0))
    net.params["att_a"][:] = np.random.default_rng(1).normal(size=D)
    X = np.random.default_rng(4).normal(size=(16, D)).astype(np.float32)
    _, grads, out = net.loss_and_grads(X, np.arange(16) % 2, l2=0.01)
    assert out.dtype == np.float32
    assert all(g.dtype == np.float32 for g in grads.values())


@pytest.mark.parametrize("rows", [1, 37])
@pytest.mark.parametrize("width", [1, 2, 4, 5, 20, 33])
def test_short_axis_reductions_match_numpy(width, rows):
    a = np.random.default_rng(width).normal(size=(rows, width))
    a[rows // 2, width // 2] = np.nan
    np.testing.assert_array_equal(row_max(a), a.max(axis=1, keepdims=True))
    np.testing.assert_allclose(row_sums(a), a.sum(axis=1, keepdims=True), rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(column_sums(a), a.sum(axis=0), rtol=1e-12, atol=1e-12)
    # the cached vectors of ones are the same for every caller and stay ones
    assert np.array_equal(column_sums(np.ones((rows, 3))), np.full(3, float(rows)))


def test_split_partitions_the_usable_rows_by_class():
    rng = np.random.default_rng(5)
    y = rng.choice([0, 1, 2], size=1000, p=[0.6, 0.3, 0.1])
    y[rng.random(1000) < 0.1] = -1  # rows without a target
    train, valid = split(y, y >= 0, "classification", 0.2, np.random.default_rng(0))
    assert np.all(np.diff(train) > 0) and np.all(np.diff(valid) > 0)
    assert not np.intersect1d(train, valid).size
    assert np.array_equal(np.union1d(train, valid), np.flatnonzero(y >= 0))
    for c in range(3):
        assert (y[valid] == c).sum() == round(0.2 * (y == c).sum())
    again = split(y, y >= 0, "classification", 0.2, np.random.default_rng(0))
    assert np.array_equal(again[0], train) and np.array_equal(again[1], valid)


def _table(rows: int) -> Table:
    rng = np.random.default_rng(6)
    frame = pd.DataFrame({"x": rng.normal(size=rows), "n": rng.integers(0, 3, rows)})
    frame["colour"] = np.array(["red", "green", "blue"], dtype=object)[rng.integers(0, 3, rows)]
    frame.loc[rng.random(rows) < 0.05, "colour"] = None
    frame["label"] = np.where(frame["x"] > 0, "up", "down").astype(object)
    frame.loc[rng.random(rows) < 0.02, "label"] = None
    kinds = {"x": "numeric", "n": "numeric", "colour": "categorical", "label": "categorical"}
    columns = [ColumnInfo(c, kinds[c], int(frame[c].isna().sum()), 0, None, "") for c in frame]
    return Table(frame, "chunks.csv", "utf-8", ",", ".", columns, [])


def test_chunked_targets_and_text_columns_match_whole_columns(monkeypatch):
    table, config = _table(5000), TrainConfig(target="label")
    whole = prepare(table, config)
    monkeypatch.setattr(dataset_module, "_CHUNK_ROWS", 999)
    monkeypatch.setattr(preprocess_module, "_CHUNK_ROWS", 777)
    chunked = prepare(table, config)
    assert chunked.classes == whole.classes == ["down", "up"]
    for name in ("X_train", "y_train", "X_valid", "y_valid", "valid_rows"):
        assert np.array_equal(getattr(chunked, name), getattr(whole, name)), name
    assert chunked.report == whole.report


@pytest.mark.parametrize("attention", ["global", "row", "off"])
def test_gradients_written_into_the_flat_vector_equal_fresh_ones(attention):
    from attn_gui.core.optim import FlatParams

    spec = NetSpec(D, 3, "classification", attention=attention, hidden=(6, 5),
                   attention_hidden=4 if attention == "row" else 0)
    net = AttentionNet(spec, dtype=np.float32).init(np.random.default_rng(0))
    flat = FlatParams(net.params)
    net.params = flat.values
    rng = np.random.default_rng(1)
    for _ in range(2):  # a second batch overwrites every gradient of the first
        X = rng.normal(size=(16, D)).astype(np.float32)
        y = rng.integers(0, 3, 16)
        loss, fresh, out = net.loss_and_grads(X, y, l2=0.01)
        loss_in, written, out_in = net.loss_and_grads(X, y, l2=0.01, grads=flat.grads)
        assert written is flat.grads and loss_in == loss and np.array_equal(out_in, out)
        for name, g in fresh.items():
            assert np.array_equal(flat.grads[name], g), name
    if attention == "off":  # the head in place gives what the plain formula gives
        h = np.maximum(X @ net.params["W0"] + net.params["b0"], 0)
        h = np.maximum(h @ net.params["W1"] + net.params["b1"], 0)
        o = h @ net.params["W2"] + net.params["b2"]
        e = np.exp(o - o.max(axis=1, keepdims=True))
        np.testing.assert_allclose(net.forward(X)[0], e / e.sum(axis=1, keepdims=True), rtol=1e-6)
