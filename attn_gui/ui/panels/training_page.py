"""The Training tab: what to do while there is no data, then the live plots and final results.

The plots and result tables are built only once there is data to train on: the first
frame then paints sooner, and an empty window says what to do instead of showing blank
axes. They are built a part a turn of the event loop (`build_soon`), or at once by a
caller that needs them now (`build`).
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...core.runs import Run
from ...core.training import EpochReport, Trainer
from ..jobs.paint_budget import PaintClock, RefreshGuarantee, TimedPaint
from ..jobs.steps import Steps
from ..plots.attention_bars import AttentionBars
from ..plots.attention_history import AttentionHistory
from ..plots.curves import CurvePlot, Series
from ..plots.style import TRAIN_COLOR, VALID_COLOR
from ..widgets.placeholder import Placeholder
from .evidence import EvidenceLabel
from .group_state import GroupState
from .training_results import TrainingResults

__all__ = ["TrainingPage"]



class TrainingPage(QWidget):
    """Loss, score, attention now and over the epochs, above the final results.

    The plots are created once and only given new data: `add_epoch` stores, the
    refresh guarantee (which each plot joins as it is built) draws.
    """

    importanceRequested = Signal()  # the user asked to shuffle the columns

    def __init__(self, guarantee: RefreshGuarantee, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._guarantee = guarantee
        self._score_key = "f1"
        self._latest: EpochReport | None = None
        self._bars_epoch = 0
        self._bars_dirty = False
        self._attention_on = True
        self._features: list[str] = []
        self.group = GroupState()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self._guide = QLabel(self.tr(
            "Open a CSV file or a workbook (Ctrl+O), or a demo from Help ▸ Demos, and press "
            "Start (Ctrl+R). "
            "The loss, the F1 score and the weight of every feature are drawn here while the "
            "network trains; the final metrics and the confusion matrix follow."))
        self._guide.setWordWrap(True)
        self._guide.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._guide.setContentsMargins(40, 0, 40, 0)
        layout.addWidget(self._guide)
        # Each part is built hidden and shown a step later: its construction and its first
        # paint then fall in different turns of the event loop.
        self._hidden: list[Placeholder] = []
        self._steps = Steps(self, start=False)  # until build_soon(): nothing to show yet
        self._steps.add(self._build_frame)
        for build in (self._build_loss, self._build_score, self._build_bars,
                      self._build_history, self._build_results):
            self._steps.add(build, self._reveal)

    # -- construction --------------------------------------------------------
    @property
    def built(self) -> bool:
        return not self._steps.pending

    def build(self) -> None:
        """Build the plots and result tables now, whatever is left of them."""
        self._steps.finish()

    def build_soon(self) -> None:
        """Build the page one part a turn of the event loop, so no turn holds the window
        long."""
        self._steps.start()

    def _build_frame(self) -> None:
        """The page's layout with an empty cell for each plot and the results: each part
        then fills a cell whose size is already settled, so only it is painted anew."""
        self._cells = {name: Placeholder() for name in ("loss", "score", "bars", "history",
                                                        "results")}
        live = QWidget()
        grid = QGridLayout(live)
        grid.setContentsMargins(0, 0, 0, 0)
        for name, row, column in (("loss", 0, 0), ("score", 0, 1), ("bars", 1, 0),
                                  ("history", 1, 1)):
            grid.addWidget(self._cells[name], row, column)
        # With the frame, not in a later step: its height is then settled before the plots
        # are, and filling it does not move (and repaint) all four of them at once.
        grid.addWidget(self._evidence_row(), 2, 0, 1, 2)
        grid.setRowStretch(0, 1)
        grid.setRowStretch(1, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(live)
        splitter.addWidget(self._cells["results"])
        splitter.setSizes([520, 400])  # proportions: the live plots get a little more than half
        splitter.setChildrenCollapsible(False)
        self._guide.hide()
        self.layout().addWidget(splitter)
        splitter.show()  # now, not on the next event-loop turn: the plots are used at once

    def _fill(self, name: str, widget: QWidget) -> None:
        cell = self._cells.pop(name)
        cell.fill(widget)
        self._hidden.append(cell)

    def _reveal(self) -> None:
        for cell in self._hidden:
            cell.reveal()
        self._hidden = []

    def _build_loss(self) -> None:
        self.loss_plot = CurvePlot(self.tr("Loss"), self.tr("loss"), self._split_series())
        self._watch("loss", self.loss_plot, self.loss_plot.refresh)
        self._fill("loss", self.loss_plot)

    def _build_score(self) -> None:
        self.score_plot = CurvePlot(self.tr("F1 score"), self.tr("F1"), self._split_series())
        self._watch("score", self.score_plot, self.score_plot.refresh)
        self._fill("score", self.score_plot)

    def _split_series(self) -> list[Series]:
        return [Series("train", self.tr("train"), TRAIN_COLOR),
                Series("valid", self.tr("validation"), VALID_COLOR)]

    def _build_bars(self) -> None:
        self.attention_bars = AttentionBars()
        self._watch("bars", self.attention_bars, self._refresh_bars)
        self._fill("bars", self.attention_bars)

    def _build_history(self) -> None:
        self.attention_history = AttentionHistory()
        self._watch("history", self.attention_history, self.attention_history.refresh)
        self._fill("history", self.attention_history)

    def _evidence_row(self) -> QWidget:
        self.importance_button = QPushButton(self.tr("Shuffle columns"))
        self.importance_button.setToolTip(self.tr(
            "Permutation importance: shuffle each column of the validation rows 5 times, in "
            "every run of the group, and measure how much the loss rises; a column the "
            "predictions need raises it. Drawn beside attention, with groups of correlated "
            "columns shuffled together. Runs in the background."))
        self.importance_button.setEnabled(False)
        self.importance_button.clicked.connect(self.importanceRequested)
        self.evidence = EvidenceLabel()
        row = QWidget()
        evidence = QHBoxLayout(row)
        evidence.setContentsMargins(0, 0, 0, 0)
        evidence.addWidget(self.importance_button, 0, Qt.AlignmentFlag.AlignTop)
        evidence.addWidget(self.evidence, 1)
        return row

    def _watch(self, name: str, plot: TimedPaint, refresh: Callable[[], bool]) -> None:
        plot.paint_clock = PaintClock(total=self._guarantee.budget.clock)
        self._guarantee.add(name, refresh, plot.paint_clock)

    def _build_results(self) -> None:
        self.results = TrainingResults()
        self._fill("results", self.results)

    # -- a run ---------------------------------------------------------------
    def begin(self, task: str, features: list[str], attention_on: bool, runs: int = 1) -> None:
        """A new run's first epoch: the last run's plots and results give way to it (not
        before, so a run that fails at once leaves them in place). `runs`: the runs of its
        group (repeats or folds)."""
        for step in self.begin_steps(task, features, attention_on, runs):
            step()

    def begin_steps(self, task: str, features: list[str], attention_on: bool,
                    runs: int = 1) -> list[Callable[[], object]]:
        """`begin` as steps of one plot each: each step's repaint gets a turn of its own.
        The first sets the run's state; until the last, nothing else may draw the page."""

        def state() -> None:
            self._latest = None
            self._bars_epoch = 0
            self._attention_on = attention_on
            self._features = features if attention_on else []
            self.group = GroupState(runs)
            self._score_key = "r2" if task == "regression" else "f1"
            self.evidence.clear()
            self.importance_button.setEnabled(False)

        def curves(plot: CurvePlot, labels: tuple[str, str] | None = None) -> None:
            plot.reset()
            plot.clear_bands()
            if labels is not None:
                plot.set_labels(*labels)

        def results() -> None:
            self.results.clear()
            self.results.set_task(task)

        def attention() -> None:
            self.attention_history.set_features(self._features)
            # Uniform 1/m weights are not learned ones: say so instead of drawing them.
            note = "" if attention_on else self.tr(
                "Attention off: every feature gets weight 1/m.")
            for plot in (self.attention_bars, self.attention_history):
                plot.set_note(note)
            # Not drawn now but in the bars' own refresh: a turn of its own.
            self.attention_bars.forget()
            self._bars_dirty = True

        return [state, lambda: curves(self.loss_plot),
                lambda: curves(self.score_plot, self._score_labels()), results, attention]

    def start_member(self, index: int) -> None:
        """Run `index` (1-based) of the group starts: its curves replace the last run's, and
        the finished runs stay in the bands."""
        self.group.index = index
        if index > 1:
            self._latest = None
            self.loss_plot.reset()
            self.score_plot.reset()
            self.attention_history.set_features(self._features)

    def end_member(self, final: EpochReport) -> None:
        """A run of the group ended: it joins the mean curves, bands and error bars."""
        self.group.add(final)
        self._latest = None
        self._bars_dirty = True
        if self.group.is_group:
            self._draw_bands()

    def _draw_bands(self) -> None:
        for plot, metric in ((self.loss_plot, "loss"), (self.score_plot, self._score_key)):
            for split in ("train", "valid"):
                plot.set_band(split, *self.group.band(f"{split}_{metric}"))

    def clear(self) -> None:
        """No run to show (another file's runs are gone): empty plots, not stale ones."""
        self._latest = None
        self._bars_epoch = 0
        self.group = GroupState()
        for plot in (self.loss_plot, self.score_plot):
            plot.reset()
            plot.clear_bands()
            plot.fit_x()
            plot.refresh()  # now: no run is coming whose redraws would empty them
        self.results.clear()
        self.attention_bars.set_importance(None)
        self.attention_bars.set_weights({})
        self.evidence.clear()
        self.importance_button.setEnabled(False)
        self.attention_history.set_features([])
        for plot in (self.attention_bars, self.attention_history):
            plot.set_note("")

    def _score_labels(self) -> tuple[str, str]:
        """The score plot's title and axis label."""
        if self._score_key == "r2":
            return self.tr("R²"), self.tr("R²")
        return self.tr("F1 score"), self.tr("F1")

    def add_epoch(self, report: EpochReport) -> None:
        """Store an epoch's values; the refresh guarantee draws them."""
        score = self._score_key
        for plot in self._epoch_plots():
            plot.grow_x(report.epochs)
        self.loss_plot.append(report.epoch, {"train": report.train["loss"],
                                             "valid": report.valid["loss"]})
        self.score_plot.append(report.epoch, {"train": report.train.get(score, math.nan),
                                              "valid": report.valid.get(score, math.nan)})
        for plot in (self.loss_plot, self.score_plot):
            plot.mark_best(report.best_epoch)
        if self._attention_on:
            self.attention_history.append(report.epoch, report.attention)
            self._bars_dirty = True
        self._latest = report

    def _refresh_bars(self) -> bool:
        if not self._bars_dirty:
            return False
        self._bars_dirty = False
        if not self._attention_on:
            self.attention_bars.set_weights({})  # the last run's bars go; none are learned
            return True
        live = None if self._latest is None else self._latest.attention
        if self._latest is not None:
            self._bars_epoch = self._latest.epoch
        # One run: its latest weights; a group: their mean with the finished runs', ± sd.
        self.attention_bars.set_weights(*self.group.attention(live))
        return True

    def show_final(self, final: EpochReport, trainer: Trainer, summary: dict | None = None,
                   finals: list[EpochReport] | None = None) -> None:
        """The kept run's final report; for a group, `summary` (`core.repeats.summarise`)
        and the final reports of the runs it covers."""
        for step in self.final_steps(final, trainer, summary, finals):
            step()

    def final_steps(self, final: EpochReport, trainer: Trainer, summary: dict | None = None,
                    finals: list[EpochReport] | None = None) -> list[Callable[[], object]]:
        """`show_final` as steps of one plot or table each, in the order a user reads
        them; each draws its plot once, with the final state (a live redraw of the same
        plot just before it would be wasted)."""
        runs = len(finals or [final])

        def curves() -> None:
            if finals is not None and len(finals) > 1:
                # The kept run's curves (its best epoch marked) under the group's bands.
                self._show_history(final.history)
                self.group = GroupState(len(finals))
                for report in finals:
                    self.group.add(report)
                self._draw_bands()
            self._finish_curve(self.loss_plot, final.best_epoch)

        def attention() -> None:
            if self._attention_on:
                if summary is not None and summary["attention_sd"] is not None:
                    self.attention_bars.set_weights(summary["attention"],
                                                    summary["attention_sd"])
                else:
                    self.attention_bars.set_weights(final.attention)  # the kept (best) weights
            elif self._bars_dirty:  # a run too short for the bars' refresh to empty them
                self.attention_bars.set_weights({})
            self._bars_dirty = False
            self.evidence.set_stability(None if summary is None else summary["stability"], runs)

        return [curves, lambda: self._finish_curve(self.score_plot, final.best_epoch),
                lambda: self._finish_curve(self.attention_history, 0), attention,
                *self.results.final_steps(final, trainer, summary, runs)]

    @staticmethod
    def _finish_curve(plot: CurvePlot, best_epoch: int) -> None:
        """A curve plot's final draw: its best epoch marked (0: none), its x-axis fitted."""
        plot.mark_best(best_epoch)
        plot.fit_x()
        plot.refresh()

    def _epoch_plots(self) -> tuple[CurvePlot, ...]:
        return self.loss_plot, self.score_plot, self.attention_history

    def _show_history(self, history: dict[str, list[float]]) -> None:
        score = self._score_key
        self.loss_plot.reset()
        self.score_plot.reset()
        for epoch in range(len(history.get("valid_loss", []))):
            for plot, metric in ((self.loss_plot, "loss"), (self.score_plot, score)):
                plot.append(epoch + 1, {split: _at(history.get(f"{split}_{metric}", []), epoch)
                                        for split in ("train", "valid")})

    def show_run(self, run: Run) -> None:
        """A saved run: its curves (the kept run's) with the group's bands, attention with
        its spread, importance and the sentences, its metrics."""
        attention_on = run.config.attention != "off"
        self.begin(run.task, run.features, attention_on, run.runs)
        self._show_history(run.history)
        group = run.group
        if group is not None:
            for plot, metric in ((self.loss_plot, "loss"), (self.score_plot, self._score_key)):
                for split in ("train", "valid"):
                    curve = group["curves"].get(f"{split}_{metric}")
                    if curve is not None:
                        mean = np.asarray(curve["mean"], dtype=np.float64)
                        plot.set_band(split, np.arange(1, len(mean) + 1, dtype=np.float64),
                                      mean, np.asarray(curve["sd"], dtype=np.float64))
        for plot in self._epoch_plots():
            plot.fit_x()
        for plot in (self.loss_plot, self.score_plot):
            plot.mark_best(run.best_epoch)
            plot.refresh()
        if attention_on:
            self.attention_bars.set_weights(run.attention,
                                            None if group is None else group["attention_sd"])
            if run.importance is not None:
                self.show_importance(run.importance, run.attention, run.runs)
        else:
            self.attention_bars.set_weights({})  # now: no run's refreshes will come
        self._bars_dirty = False
        self.evidence.set_stability(None if group is None else group["stability"], run.runs)
        self.results.show_run(run)

    def show_importance(self, report: dict, attention: dict[str, float], runs: int) -> None:
        """`core.importance.importance_report`'s numbers beside the attention they explain."""
        self.attention_bars.set_importance(report["importance"], report["groups"])
        self.evidence.set_importance(report, attention, runs)


def _at(curve: list[float], epoch: int) -> float:
    return curve[epoch] if epoch < len(curve) else math.nan
