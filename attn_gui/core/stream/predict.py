"""A saved model applied to a file of any size: scored chunk by chunk, each chunk written
as soon as it is scored, into a temporary file that replaces the output at the end."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ..metrics import scalars
from ..predict import neutralise_formulas, outputs, predict
from ..project import SavedModel
from .sketch import Reservoir
from .source import CHUNK_ROWS, Source

__all__ = ["METRIC_ROWS", "StreamedPrediction", "predict_stream"]

METRIC_ROWS = 1_000_000  # rows whose target and outputs measure the model; exact below


@dataclass
class StreamedPrediction:
    rows: int
    report: dict  # preprocessing counts over every chunk
    metrics: dict | None  # when the file has the target column with known values


def predict_stream(saved: SavedModel, source: Source, output: str | os.PathLike[str],
                   attention: bool = False, chunk_rows: int = CHUNK_ROWS,
                   progress: Callable[[float], None] | None = None,
                   should_stop: Callable[[], bool] | None = None) -> StreamedPrediction:
    """Write the input columns plus the predictions, as `predict` and `write_csv` do for a
    table in memory; the metrics from at most `METRIC_ROWS` rows drawn uniformly."""
    output = os.fspath(output)
    folder = os.path.dirname(os.path.abspath(output))
    fd, temporary = tempfile.mkstemp(prefix=".predict-", suffix=".csv", dir=folder)
    rows, report = 0, {}
    scored = None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            for chunk in source.chunks(chunk_rows, progress, should_stop):
                table = source.table(chunk)
                result = predict(saved, table, attention=attention)
                # CRLF, as write_csv: a lone "\r" in a cell is then quoted
                neutralise_formulas(result.frame).to_csv(
                    handle, index=False, header=rows == 0, lineterminator="\r\n")
                rows += len(chunk.frame)
                for key, value in result.report.items():
                    report[key] = report.get(key, 0) + value
                if saved.target in table.frame.columns:
                    scored = _sample(saved, table, scored)
        os.replace(temporary, output)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
    return StreamedPrediction(rows, report, _metrics(saved, scored))


def _sample(saved: SavedModel, table, scored: Reservoir | None) -> Reservoir:
    """The rows with a known target, as [y, outputs…], added to a uniform sample."""
    info = saved.target_info
    _, out, _ = outputs(saved, table)
    y, ok = info.encode(table.frame[saved.target], table.info(saved.target).labels)
    out = out.reshape(len(out), -1)
    values = np.column_stack([y, out])[ok]
    if scored is None:
        scored = Reservoir(values.shape[1], METRIC_ROWS, seed=0)
    scored.update(values)
    return scored


def _metrics(saved: SavedModel, scored: Reservoir | None) -> dict | None:
    if scored is None or len(scored.rows) == 0:
        return None
    info = saved.target_info
    y = scored.rows[:, 0]
    out = scored.rows[:, 1:].astype(np.float32)
    if info.task == "classification":
        y = y.astype(np.int64)
    else:
        out = out[:, 0]
    return scalars(info.metrics(y, out, saved.positive, saved.threshold))
