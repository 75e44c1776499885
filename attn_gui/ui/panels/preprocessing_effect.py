"""What the chosen preprocessing does to the table, in one sentence.

The effect is not guessed: the core's own `prepare` fits the choices on the training split,
debounced, on at most `EFFECT_SAMPLE` rows, in a `BackgroundTask`: on a large file drawing
the sample and fitting take longer than a frame, and the window must not freeze while the
user is still choosing. A result the user has already changed the settings away from is
dropped.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QObject, QTimer, Signal

from ...core.config import TrainConfig
from ...core.dataset import Dataset, prepare
from ...core.io import Table
from ..app.core_text import translated
from ..jobs.loader import BackgroundTask

__all__ = ["EFFECT_SAMPLE", "PreprocessingEffect"]

EFFECT_SAMPLE = 50_000  # rows; fitting on more only refines counts the user reads as a gauge
_EFFECT_DELAY_MS = 250
_SAMPLE_SEED = 0


class PreprocessingEffect(QObject):
    """Fits the preprocessing of `config()` on the table, off the GUI thread, and says what
    it did: rows dropped, values imputed and clipped, model inputs."""

    shown = Signal(str, bool)  # the sentence for the user; True if it says why the fit failed

    def __init__(self, config: Callable[[], TrainConfig], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._config = config
        self._table: Table | None = None
        self._source: Table | None = None  # the sample fitted on, kept for the next fit
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(_EFFECT_DELAY_MS)
        self._timer.timeout.connect(self._fit)
        self._task = BackgroundTask(self)
        self._task.loaded.connect(self._show)
        self._task.failed.connect(self._show_error)

    def set_table(self, table: Table) -> None:
        self._table = table
        self._source = None  # drawn by the first fit, off this thread

    def schedule(self) -> None:
        """Fit again once the user has paused."""
        # a fit still running is for settings the user has just changed: its result is stale
        self._task.cancel()
        if self._table is not None:
            self._timer.start()

    def shutdown(self, timeout_ms: int) -> bool:
        """Stop the pending fit; True if its thread ended."""
        self._timer.stop()
        return self._task.shutdown(timeout_ms)

    def _fit(self) -> None:
        table = self._table
        if table is None:
            return
        config = self._config()
        sample = self._source
        self._task.run(lambda _progress, _should_stop: _fit_effect(table, sample, config))

    def _show(self, effect: _Effect) -> None:
        table = self._table
        if table is None:
            return
        self._source = effect.source
        if effect.dataset is None:
            self._show_error(effect.error)
            return
        dataset = effect.dataset
        train = dataset.report["train"]
        dropped_missing = train["rows_dropped_missing"]
        dropped_outliers = train["rows_dropped_outliers"]
        text = ""
        if effect.source is not table:
            text = self.tr("Estimated on a random sample of {sample:,} of {rows:,} rows: ").format(
                sample=effect.source.n_rows, rows=table.n_rows)
        text += self.tr(
            "fitted on {rows:,} training rows: {dropped:,} rows dropped, {imputed:,} values "
            "imputed, {clipped:,} values clipped").format(
            rows=train["rows_in"], dropped=dropped_missing + dropped_outliers,
            imputed=train["values_imputed"], clipped=train["values_clipped"])
        if dropped_missing and dropped_outliers:
            text += self.tr(" ({missing:,} with missing values, {outliers:,} as outliers)").format(
                missing=dropped_missing, outliers=dropped_outliers)
        text += self.tr("; {inputs:,} model inputs.").format(inputs=dataset.X_train.shape[1])
        without = dataset.report["rows_without_target"]
        if without:
            text += " " + self.tr("{rows:,} rows without a target value are left out.").format(
                rows=without)
        self.shown.emit(text[:1].upper() + text[1:], False)

    def _show_error(self, message: object) -> None:
        self.shown.emit(translated(message), True)


@dataclasses.dataclass(frozen=True)
class _Effect:
    """What a fit of the preprocessing on the effect sample found: the dataset, or why not."""

    source: Table  # the sample fitted on, kept for the next fit
    dataset: Dataset | None = None
    error: ValueError | None = None


def _fit_effect(table: Table, sample: Table | None, config: TrainConfig) -> _Effect:
    """Runs in a background thread: it reads only `table` and `config`, both no longer
    changed by the panel (a new table or new settings start another fit)."""
    source = sample if sample is not None else _sample(table)
    try:
        return _Effect(source, prepare(source, config))
    except ValueError as exc:  # DataError and friends: one sentence for the user
        return _Effect(source, error=exc)


def _sample(table: Table) -> Table:
    if table.n_rows <= EFFECT_SAMPLE:
        return table
    # Generator.choice draws k of n in O(k) (DataFrame.sample permutes all n, holding the
    # GIL and so the window, 30-45 ms at 1M rows); sorted, the rows keep the file's order.
    rows = np.sort(np.random.default_rng(_SAMPLE_SEED).choice(
        table.n_rows, EFFECT_SAMPLE, replace=False))
    return dataclasses.replace(table, frame=table.frame.take(rows).reset_index(drop=True))
