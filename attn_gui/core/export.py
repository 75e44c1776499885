"""Runs as tables for CSV export: one row per run, per epoch, or per feature.

Written with predict.write_csv, so a run named "=SUM(A1)" cannot turn into a formula
in a spreadsheet, and the file is replaced atomically.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from .runs import Run

_SETTINGS = ("attention", "weighting", "temperature", "epochs", "batch_size", "lr",
             "optimizer", "hidden", "seed")


def metrics_frame(runs: Sequence[Run]) -> pd.DataFrame:
    """One row per run: its name, main settings, outcome and every final metric."""
    rows = []
    for run in runs:
        row = {"run": run.name}
        for key in _SETTINGS:
            value = getattr(run.config, key)
            row[key] = ",".join(map(str, value)) if isinstance(value, list) else value
        row.update(epochs_trained=run.epochs, best_epoch=run.best_epoch,
                   stop_reason=run.stop_reason, seconds=run.seconds)
        for split, metrics in run.metrics.items():
            row.update({f"{split}_{k}": v for k, v in metrics.items()})
        rows.append(row)
    return pd.DataFrame(rows)


def curves_frame(runs: Sequence[Run]) -> pd.DataFrame:
    """Long format: one row per run and epoch, one column per curve."""
    frames = []
    for run in runs:
        curves = pd.DataFrame(run.history)
        curves.insert(0, "epoch", range(1, len(curves) + 1))
        curves.insert(0, "run", run.name)
        frames.append(curves)
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=["run", "epoch"])


def attention_frame(runs: Sequence[Run]) -> pd.DataFrame:
    """One row per feature, one column of final attention weights per run."""
    features = list(dict.fromkeys(f for run in runs for f in run.attention))
    frame = pd.DataFrame({"feature": features})
    for run in runs:
        frame[run.name] = [run.attention.get(f) for f in features]
    return frame
