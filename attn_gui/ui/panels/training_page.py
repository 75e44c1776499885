"""The Training tab: what to do while there is no data, then the live plots and final results.

The plots and result tables are built only once there is data to train on: the first
frame then paints sooner, and an empty window says what to do instead of showing blank
axes. They are built a step at a time, a frame apart (`build_soon`), or at once by a
caller that needs them now (`build`).
"""

from __future__ import annotations

import math

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtWidgets import QGridLayout, QLabel, QSplitter, QVBoxLayout, QWidget

from ...core.training import EpochReport, Trainer
from ..jobs.paint_budget import PaintClock
from ..plots.attention_bars import AttentionBars
from ..plots.attention_history import AttentionHistory
from ..plots.curves import CurvePlot, Series
from ..plots.style import TRAIN_COLOR, VALID_COLOR
from .training_results import TrainingResults

__all__ = ["TrainingPage"]

_BUILD_STEP_MS = 16  # between the steps that build the page: input and paints go in between


class TrainingPage(QWidget):
    """Loss, score, attention now and over the epochs, above the final results.

    The plots are created once and only given new data: `add_epoch` stores,
    `draw_next` draws, one plot a call.
    """

    def __init__(self, paint_clock: PaintClock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._paint_clock = paint_clock
        self._score_key = "f1"
        self._latest: EpochReport | None = None
        self._turn = 0
        self._bars_epoch = 0
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
        for plot in (self.loss_plot, self.score_plot):
            plot.paint_clock = self._paint_clock

    def _build_attention_plots(self) -> None:
        self.attention_bars = AttentionBars()
        self.attention_history = AttentionHistory()
        for plot in (self.attention_history, self.attention_bars):
            plot.paint_clock = self._paint_clock

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
    def reset(self) -> None:
        self._latest = None
        self.loss_plot.reset()
        self.score_plot.reset()
        self.attention_history.reset()
        self.attention_bars.set_weights({})
        self.results.clear()

    def set_task(self, task: str, features: list[str]) -> None:
        if task == "regression":
            self._score_key = "r2"
            self.score_plot.set_labels(self.tr("R²"), self.tr("R²"))
        else:
            self._score_key = "f1"
            self.score_plot.set_labels(self.tr("F1 score"), self.tr("F1"))
        self.attention_history.set_features(features)
        self.results.set_task(task)

    def add_epoch(self, report: EpochReport) -> None:
        """Store an epoch's values; the plots show them at their next turn in `draw_next`."""
        score = self._score_key
        self.loss_plot.append(report.epoch, {"train": report.train["loss"],
                                             "valid": report.valid["loss"]})
        self.score_plot.append(report.epoch, {"train": report.train.get(score, math.nan),
                                              "valid": report.valid.get(score, math.nan)})
        self.attention_history.append(report.epoch, report.attention)
        self._latest = report

    def draw_next(self) -> bool:
        """Redraw the next plot in turn; False if it had nothing new to show.

        One plot a call: each repaint then covers one plot, so no single event-loop turn
        holds the window for the cost of painting all four.
        """
        self._turn = (self._turn + 1) % 4
        if self._turn < 3:
            return (self.loss_plot, self.score_plot, self.attention_history)[self._turn].refresh()
        if self._latest is not None and self._bars_epoch != self._latest.epoch:
            self._bars_epoch = self._latest.epoch
            self.attention_bars.set_weights(self._latest.attention)
            return True
        return False

    def show_final(self, final: EpochReport, trainer: Trainer) -> None:
        self.attention_bars.set_weights(final.attention)  # the kept (best) weights
        self.results.show_final(final, trainer)
