"""The Training tab: what to do while there is no data, then the live plots and final results.

The plots and result tables are built only once there is data to train on: the first
frame then paints sooner, and an empty window says what to do instead of showing blank
axes. They are built a step at a time, a frame apart (`build_soon`), or at once by a
caller that needs them now (`build`).
"""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtWidgets import QGridLayout, QLabel, QSplitter, QVBoxLayout, QWidget

from ...core.training import EpochReport, Trainer
from ..jobs.paint_budget import PaintClock, RefreshGuarantee, TimedPaint
from ..plots.attention_bars import AttentionBars
from ..plots.attention_history import AttentionHistory
from ..plots.curves import CurvePlot, Series
from ..plots.style import TRAIN_COLOR, VALID_COLOR
from .training_results import TrainingResults

__all__ = ["TrainingPage"]

_BUILD_STEP_MS = 16  # between the steps that build the page: input and paints go in between


class TrainingPage(QWidget):
    """Loss, score, attention now and over the epochs, above the final results.

    The plots are created once and only given new data: `add_epoch` stores, the
    refresh guarantee (which each plot joins as it is built) draws.
    """

    def __init__(self, guarantee: RefreshGuarantee, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._guarantee = guarantee
        self._score_key = "f1"
        self._latest: EpochReport | None = None
        self._bars_epoch = 0
        self._attention_on = True
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self._guide = QLabel(self.tr(
            "Open a CSV file (Ctrl+O), or a demo from Help ▸ Demos, and press Start (Ctrl+R). "
            "The loss, the F1 score and the weight of every feature are drawn here while the "
            "network trains; the final metrics and the confusion matrix follow."))
        self._guide.setWordWrap(True)
        self._guide.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._guide.setContentsMargins(40, 0, 40, 0)
        layout.addWidget(self._guide)
        self._steps = [self._build_curves, self._build_attention_plots, self._build_results,
                       self._place]

    # -- construction --------------------------------------------------------
    @property
    def built(self) -> bool:
        return not self._steps

    def build(self) -> None:
        """Build the plots and result tables now, whatever is left of them."""
        while self._steps:
            self._steps.pop(0)()

    def build_soon(self) -> None:
        """Build the page one step at a time, a frame apart, so no turn holds the window long
        (zero-delay timers would run back to back in one turn)."""
        if self._steps:
            QTimer.singleShot(_BUILD_STEP_MS, self._build_step)

    @Slot()
    def _build_step(self) -> None:
        if self._steps:
            self._steps.pop(0)()
            self.build_soon()

    def _build_curves(self) -> None:
        train, valid = self.tr("train"), self.tr("validation")
        split_series = [Series("train", train, TRAIN_COLOR), Series("valid", valid, VALID_COLOR)]
        self.loss_plot = CurvePlot(self.tr("Loss"), self.tr("loss"), split_series)
        self.score_plot = CurvePlot(self.tr("F1 score"), self.tr("F1"), split_series)
        self._watch("loss", self.loss_plot, self.loss_plot.refresh)
        self._watch("score", self.score_plot, self.score_plot.refresh)

    def _build_attention_plots(self) -> None:
        self.attention_bars = AttentionBars()
        self.attention_history = AttentionHistory()
        self._watch("bars", self.attention_bars, self._refresh_bars)
        self._watch("history", self.attention_history, self.attention_history.refresh)

    def _watch(self, name: str, plot: TimedPaint, refresh: Callable[[], bool]) -> None:
        plot.paint_clock = PaintClock(total=self._guarantee.budget.clock)
        self._guarantee.add(name, refresh, plot.paint_clock)

    def _build_results(self) -> None:
        self.results = TrainingResults()

    def _place(self) -> None:
        live = QWidget()
        grid = QGridLayout(live)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.loss_plot, 0, 0)
        grid.addWidget(self.score_plot, 0, 1)
        grid.addWidget(self.attention_bars, 1, 0)
        grid.addWidget(self.attention_history, 1, 1)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(live)
        splitter.addWidget(self.results)
        splitter.setSizes([520, 400])  # proportions: the live plots get a little more than half
        splitter.setChildrenCollapsible(False)

        self._guide.hide()
        self.layout().addWidget(splitter)
        splitter.show()  # now, not on the next event-loop turn: the plots are used at once

    # -- a run ---------------------------------------------------------------
    def begin(self, task: str, features: list[str], attention_on: bool) -> None:
        """A new run's first epoch: the last run's plots and results give way to it (not
        before, so a run that fails at once leaves them in place)."""
        self._latest = None
        self._bars_epoch = 0
        self._attention_on = attention_on
        self.loss_plot.reset()
        self.score_plot.reset()
        self.results.clear()
        self._set_task(task, features if attention_on else [])
        self.attention_bars.set_weights({})
        # Uniform 1/m weights are not learned ones: say so instead of drawing them.
        note = "" if attention_on else self.tr(
            "Attention off: every feature gets weight 1/m.")
        for plot in (self.attention_bars, self.attention_history):
            plot.set_note(note)

    def clear(self) -> None:
        """No run to show (another file's runs are gone): empty plots, not stale ones."""
        self._latest = None
        self._bars_epoch = 0
        for plot in (self.loss_plot, self.score_plot):
            plot.reset()
            plot.refresh()  # now: no run is coming whose redraws would empty them
        self.results.clear()
        self.attention_bars.set_weights({})
        self.attention_history.set_features([])
        for plot in (self.attention_bars, self.attention_history):
            plot.set_note("")

    def _set_task(self, task: str, features: list[str]) -> None:
        if task == "regression":
            self._score_key = "r2"
            self.score_plot.set_labels(self.tr("R²"), self.tr("R²"))
        else:
            self._score_key = "f1"
            self.score_plot.set_labels(self.tr("F1 score"), self.tr("F1"))
        self.attention_history.set_features(features)
        self.results.set_task(task)

    def add_epoch(self, report: EpochReport) -> None:
        """Store an epoch's values; the refresh guarantee draws them."""
        score = self._score_key
        self.loss_plot.append(report.epoch, {"train": report.train["loss"],
                                             "valid": report.valid["loss"]})
        self.score_plot.append(report.epoch, {"train": report.train.get(score, math.nan),
                                              "valid": report.valid.get(score, math.nan)})
        for plot in (self.loss_plot, self.score_plot):
            plot.mark_best(report.best_epoch)
        if self._attention_on:
            self.attention_history.append(report.epoch, report.attention)
        self._latest = report

    def _refresh_bars(self) -> bool:
        if not self._attention_on or self._latest is None:
            return False
        if self._bars_epoch == self._latest.epoch:
            return False
        self._bars_epoch = self._latest.epoch
        self.attention_bars.set_weights(self._latest.attention)
        return True

    def show_final(self, final: EpochReport, trainer: Trainer) -> None:
        for plot in (self.loss_plot, self.score_plot):
            plot.mark_best(final.best_epoch)
            plot.refresh()
        if self._attention_on:
            self.attention_bars.set_weights(final.attention)  # the kept (best) weights
        self.results.show_final(final, trainer)
