"""Applying a saved model to a new table: the same preprocessing, then the network.

Defaults for what a new file may hold: a category never seen in training is
scored as "(other)" when training pooled rare levels, else as no level at all
(every one-hot column 0); a missing value is filled with the training statistic.
A feature column that is absent is refused: there is no honest default for it.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .dataset import DataError, target_labels
from .files import atomic_write
from .io import Table
from .metrics import predicted_classes, scalars
from .project import SavedModel

# What a spreadsheet may read as the start of a formula (OWASP: CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class Prediction:
    frame: pd.DataFrame  # every input column and row, then prediction (and proba_<class>)
    report: dict  # preprocessing counts: values imputed, unseen levels
    metrics: dict | None  # when the file has the target column with known values


def outputs(saved: SavedModel, table: Table) -> tuple[np.ndarray, np.ndarray, dict]:
    """The preprocessed rows, the network's outputs for them (class probabilities, or the
    standardised number) and what preprocessing did."""
    pre = saved.preprocessor
    missing = [f for f in pre.features if f not in table.frame.columns]
    if missing:
        shown = ", ".join(f"'{m}'" for m in missing)
        raise DataError("the file lacks the column(s) {columns} that the model was trained on",
                        columns=shown)
    X, _, report = pre.transform(table.frame, drop_rows=False)
    return X, saved.model.predict_batches(X), report


def predict(saved: SavedModel, table: Table, attention: bool = False) -> Prediction:
    """`attention`: also attention_<column>, each row's weights."""
    X, out, report = outputs(saved, table)
    frame = _as_read(table)
    info = saved.target_info
    metrics = None
    if info.task == "classification":
        chosen = predicted_classes(out, saved.positive, saved.threshold)
        frame[_free(frame, "prediction")] = np.asarray(info.classes, dtype=object)[chosen]
        for j, label in enumerate(info.classes):
            frame[_free(frame, f"proba_{label}")] = out[:, j].astype(np.float64)
    else:
        frame[_free(frame, "prediction")] = out.astype(np.float64) * info.std + info.mean
    if attention:
        _add_attention(frame, saved, X)
    if saved.target in table.frame.columns:
        metrics = _metrics(saved, table, out)
    return Prediction(frame=frame, report=report, metrics=metrics)


def _add_attention(frame: pd.DataFrame, saved: SavedModel, X: np.ndarray) -> None:
    """Global attention (and attention off, uniform) is one row of weights: every row
    gets it."""
    names = saved.preprocessor.features
    alpha = np.zeros((0, len(names))) if len(X) == 0 else saved.model.attention_batches(X)
    alpha = np.broadcast_to(alpha.astype(np.float64), (len(X), len(names)))
    for j, name in enumerate(names):
        frame[_free(frame, f"attention_{name}")] = alpha[:, j]


def _free(frame: pd.DataFrame, name: str) -> str:
    """`name`, or `name_2`, `name_3`…: an input column of that name is never overwritten."""
    candidate, k = name, 1
    while candidate in frame.columns:
        k += 1
        candidate = f"{name}_{k}"
    return candidate


def _metrics(saved: SavedModel, table: Table, out: np.ndarray) -> dict | None:
    info = saved.target_info
    y, ok = info.encode(table.frame[saved.target], table.info(saved.target).labels)
    if not ok.any():
        return None
    return scalars(info.metrics(y[ok], out[ok], saved.positive, saved.threshold))


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """Text cells and column names a spreadsheet would run as a formula get a leading
    apostrophe."""
    frame = frame.rename(columns=lambda name: f"'{name}" if str(name).startswith(FORMULA_PREFIXES)
                         else name)
    for name in frame.columns:
        col = frame[name]
        if col.dtype == object or pd.api.types.is_string_dtype(col.dtype):
            text = col.astype("string")
            risky = text.str.startswith(FORMULA_PREFIXES).fillna(False).to_numpy(dtype=bool)
            if risky.any():
                frame[name] = col.astype(object).where(~risky, "'" + text.astype(object))
    return frame


def _as_read(table: Table) -> pd.DataFrame:
    """The input columns as the file showed them: yes/no words back, whole numbers without
    ".0"."""
    frame = table.frame.copy()
    for info in table.columns:
        name, col = info.name, frame[info.name]
        if info.labels is not None:
            frame[name] = target_labels(col, info.labels)
        elif pd.api.types.is_float_dtype(col.dtype):
            values = col.to_numpy()
            known = values[np.isfinite(values)]
            if known.size and np.all(known == np.round(known)) and np.all(np.abs(known) < 2**53):
                frame[name] = col.astype("Int64")
    return frame


def write_csv(frame: pd.DataFrame, path) -> None:
    """UTF-8 CSV with formula cells neutralised, written atomically."""
    frame = neutralise_formulas(frame)
    buf = io.StringIO()
    # CRLF (RFC 4180) also makes the writer quote a cell holding a lone "\r": written bare,
    # spreadsheets break the row there, and what follows ("\r=cmd|...") starts a formula.
    frame.to_csv(buf, index=False, lineterminator="\r\n")
    atomic_write(path, buf.getvalue().encode("utf-8"))

