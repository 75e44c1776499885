"""Preprocessing reads the training and validation rows out of the loaded frame by position,
one column at a time, and encodes in row blocks: the same numbers as on a copied-out frame,
without the copy."""

import itertools
import tracemalloc

import numpy as np
import pandas as pd
import pytest

from attn_gui.core.config import TrainConfig
from attn_gui.core.dataset import prepare
from attn_gui.core.io import ColumnInfo, Table
from attn_gui.core.preprocess import _BLOCK_ROWS, Preprocessor, PreprocessSpec

ROWS = 2 * _BLOCK_ROWS + 123  # a last block shorter than the others


def frame_with_gaps(rows: int, numbers: int = 3) -> pd.DataFrame:
    rng = np.random.default_rng(4)
    frame = pd.DataFrame(rng.normal(size=(rows, numbers)) * [1, 10, 100][:numbers],
                         columns=[f"x{i}" for i in range(numbers)])
    frame.loc[rng.random(rows) < 0.05, "x0"] = np.nan
    frame.loc[rng.random(rows) < 0.01, "x1"] = 1e6  # outliers to clip or drop
    colours = np.array(["red", "green", "blue", "rare"], dtype=object)
    frame["colour"] = colours[rng.choice(4, rows, p=[0.5, 0.3, 0.195, 0.005])]
    frame.loc[rng.random(rows) < 0.03, "colour"] = None
    frame["flag"] = pd.Series(rng.integers(0, 2, rows).astype(object)).map({0: "no", 1: "yes"})
    return frame


SPECS = [PreprocessSpec(missing=m, outliers=o, outlier_rule=r)
         for m, o, r in itertools.product(("median", "drop", "most_frequent"),
                                          ("none", "clip", "drop"), ("zscore", "iqr"))]


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: f"{s.missing}-{s.outliers}-{s.outlier_rule}")
def test_rows_by_position_match_a_copied_frame(spec):
    frame = frame_with_gaps(ROWS)
    features = list(frame.columns)
    kinds = {f: "numeric" for f in features[:3]} | {"colour": "categorical", "flag": "categorical"}
    rows = np.sort(np.random.default_rng(5).choice(ROWS, int(ROWS * 0.8), replace=False))
    copied = frame.iloc[rows].reset_index(drop=True)
    by_copy = Preprocessor(spec).fit(copied, features, kinds)
    by_rows = Preprocessor(spec).fit(frame, features, kinds, rows=rows)
    assert by_rows.to_dict() == by_copy.to_dict()
    for drop_rows in (True, False):
        X_copy, keep_copy, report_copy = by_copy.transform(copied, drop_rows=drop_rows)
        X_rows, keep_rows, report_rows = by_rows.transform(frame, drop_rows=drop_rows, rows=rows)
        np.testing.assert_allclose(X_rows, X_copy, rtol=0, atol=1e-9)
        assert np.array_equal(keep_rows, keep_copy) and report_rows == report_copy
    X_all, _, _ = by_rows.transform(frame, drop_rows=False)
    X_some, _, _ = by_rows.transform(frame, drop_rows=False, rows=rows)
    np.testing.assert_allclose(X_all[rows], X_some, rtol=0, atol=1e-9)


def test_prepare_allocates_little_beyond_the_matrices_it_returns():
    rows, numbers = 200_000, 10
    frame = frame_with_gaps(rows, numbers=3)
    for i in range(3, numbers):
        frame[f"x{i}"] = np.random.default_rng(i).normal(size=rows)
    frame["y"] = np.where(frame["x2"].to_numpy() > 0, "up", "down").astype(object)
    kinds = {c: "categorical" if frame[c].dtype == object else "numeric" for c in frame.columns}
    table = Table(frame, "synthetic.csv", "utf-8", ",", ".",
                  [ColumnInfo(c, kinds[c], int(frame[c].isna().sum()), 0, None, "")
                   for c in frame.columns], [])
    tracemalloc.start()
    try:
        data = prepare(table, TrainConfig(target="y"))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    returned = data.X_train.nbytes + data.X_valid.nbytes
    # copying the training rows out of the frame first peaked at 4.6 times `returned`; now 1.9
    assert peak < 1.6 * returned + 8 * rows * 4, (peak, returned)


@pytest.mark.parametrize("scaling", ["zscore", "robust"])
@pytest.mark.parametrize("outliers", ["none", "clip"])
def test_numbers_beyond_1e154_are_scaled_like_any_others(scaling, outliers):
    """Their squares overflow: a column of them got an infinite spread and became zeros."""
    values = np.random.default_rng(9).normal(size=400)
    frame = pd.DataFrame({"huge": values * 1e160, "plain": values})
    spec = PreprocessSpec(scaling=scaling, outliers=outliers)
    with np.errstate(all="raise"):
        pre = Preprocessor(spec).fit(frame, ["huge", "plain"], {"huge": "numeric",
                                                                 "plain": "numeric"})
        X, _, _ = pre.transform(frame, dtype=np.float64)
    np.testing.assert_allclose(X[:, 0], X[:, 1], rtol=1e-9, atol=1e-12)
