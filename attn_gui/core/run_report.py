"""A run of the session as the report's input: what `train --report` writes, from the
values a `Run` keeps instead of a training just finished (the window's File ▸ Export
report). The curves come from the run's kept validation predictions."""

from __future__ import annotations

from collections.abc import Callable

from .diagnostics import classification_curves, regression_diagnostics
from .report import ReportInput
from .runs import Run
from .thresholds import threshold_summary

__all__ = ["run_report_input", "run_result"]


def run_result(run: Run) -> dict:
    """The train JSON's keys that a run's record holds (those it lacks are left out)."""
    group, importance = run.group or {}, run.importance or {}
    prepared = run.prepared or {}
    p = run.predictions
    positive = None if p is None else p.positive
    result = {
        "task": run.task, "target": run.target, "classes": list(run.classes),
        "positive": None if positive is None else run.classes[positive],
        "features": list(run.features), "excluded": prepared.get("excluded", {}),
        "n_train": prepared.get("n_train"),
        "n_valid": prepared.get("n_valid", None if p is None else p.n_rows),
        "epochs": run.epochs, "best_epoch": run.best_epoch, "stop_reason": run.stop_reason,
        "metrics": run.metrics, "metrics_sd": group.get("metrics_sd"),
        "attention": run.attention, "attention_sd": group.get("attention_sd"),
        "stability": group.get("stability"), "confusion": run.confusion,
        "preprocessing": prepared.get("preprocessing"),
    }
    if importance:
        result["importance"] = importance["importance"]
        result["agreement"] = importance["agreement"]
    if p is not None and p.task == "classification":
        result.update(threshold_summary(run.task, len(run.classes), positive, p.actual,
                                        p.output, run.config.threshold, run.config.fp_cost))
    return result


def run_report_input(run: Run, data: dict, command: str, language: str = "en",
                     translate: Callable[[str], str] = str) -> ReportInput:
    """The report of `run`; `data` is `table_summary` of the file it was trained on (or as
    much of it as is known), `command` the line that repeats the run."""
    p = run.predictions
    curves, regression = [], None
    if p is not None and p.task == "classification":
        curves = classification_curves(p.actual, p.output, run.classes, p.positive)
    elif p is not None:
        regression = regression_diagnostics(p.actual, p.output, seed=run.config.seed)
    return ReportInput(result=run_result(run), config=run.config.to_dict(), command=command,
                       data=data, history=run.history, curves=curves, regression=regression,
                       runs=run.runs, language=language, translate=translate)
