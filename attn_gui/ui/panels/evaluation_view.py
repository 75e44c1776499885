"""The Evaluate page: how the selected runs' predictions on their validation rows hold up.

Classification: ROC and precision–recall curves (one class against the rest for more than
two), the reliability diagram with the Brier score, and the confusion matrix at a decision
threshold that moves live (two classes). Regression: predicted against actual and the
residuals, with R², RMSE and MAE. Each run is drawn in its colour on the Runs page; every
number comes from the core (`diagnostics.py`, `thresholds.py`) over the run's kept
predictions. The page draws when it is shown, not at each change behind it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QPalette, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ...core.curves import brier
from ...core.diagnostics import ClassCurves, classification_curves, regression_diagnostics
from ...core.thresholds import at_threshold
from ..jobs.steps import Steps
from ..plots.confusion import ConfusionMatrixPlot
from ..plots.overlay import Line, Marker, OverlayPlot
from ..plots.style import LINE_STYLES, run_color
from ..plots.text_fit import elide
from ..widgets.placeholder import Placeholder
from .threshold_box import ThresholdBox

if TYPE_CHECKING:
    from ...core.runs import Run
    from ..app.session import Session

__all__ = ["EvaluationView"]

_EVERY_CLASS = -1
_SOLID = Qt.PenStyle.SolidLine
_NONE = np.empty(0)  # a legend entry's line: its pen is shown, not its points
_PLOTS = ("roc", "pr", "calibration", "confusion", "actual", "residuals")
_OVERLAY = {"roc": {"unit": True, "reference": "diagonal"}, "pr": {"unit": True},
            "calibration": {"unit": True, "reference": "diagonal"},
            "actual": {"reference": "diagonal"}, "residuals": {"reference": "zero"}}


class EvaluationView(QWidget):
    def __init__(self, session: Session, selected: Callable[[], list[Run]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._selected = selected
        self._dirty = True
        self._cache: dict[int, tuple[object, list[ClassCurves]]] = {}
        self.runs: list[tuple[int, Run]] = []  # (index in the session, run) drawn
        # the point of least cost: (of these predictions, at this threshold, its measures)
        self._best: tuple[object, float, dict | None] = (None, 0.0, None)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.class_combo = QComboBox()
        self.class_combo.setToolTip(self.tr("More than two classes: each class against the "
                                            "rest, or every class at once."))
        self.class_combo.currentIndexChanged.connect(self._draw_curves)
        self.class_label = QLabel(self.tr("Class"))
        top = QHBoxLayout()
        top.addWidget(self.note, 1)
        top.addWidget(self.class_label)
        top.addWidget(self.class_combo)

        self.threshold_box = ThresholdBox()
        self.threshold_box.measured.connect(self._threshold_moved)
        self.threshold_box.useRequested.connect(self._use_threshold)
        # Each plot fills its cell a turn of the event loop at a time (and is shown the turn
        # after): built and painted at once, the page's first view froze the window 0.6 s.
        self._cells = {name: Placeholder() for name in _PLOTS}
        for cell in self._cells.values():
            cell.setMinimumSize(180, 150)
        classification = QWidget()
        grid = QGridLayout(classification)
        grid.setContentsMargins(0, 0, 0, 0)
        for k, name in enumerate(("roc", "pr", "calibration", "confusion")):
            grid.addWidget(self._cells[name], k // 2, k % 2)
        grid.addWidget(self.threshold_box, 2, 0, 1, 2)
        grid.setRowStretch(0, 1)
        grid.setRowStretch(1, 1)
        regression = QWidget()
        column = QVBoxLayout(regression)
        column.setContentsMargins(0, 0, 0, 0)
        for name in ("actual", "residuals"):
            column.addWidget(self._cells[name])
        self.stack = QStackedWidget()
        self.stack.addWidget(classification)
        self.stack.addWidget(regression)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)
        self._plots: dict[str, OverlayPlot | ConfusionMatrixPlot] = {}
        self._steps = Steps(self)
        for name in _PLOTS:
            self._steps.add(lambda name=name: self._build(name), self._cells[name].reveal)
        self._steps.add(self._draw_if_due)
        session.runsChanged.connect(self.refresh)

    def _build(self, name: str) -> None:
        if name == "confusion":
            plot = ConfusionMatrixPlot()
        else:
            title, x, y = self._labels(name)
            plot = OverlayPlot(title, x, y, **_OVERLAY[name])
        self._plots[name] = self._cells[name].fill(plot)

    def _labels(self, name: str) -> tuple[str, str, str]:
        """An overlay plot's title and axis labels."""
        if name == "roc":
            return (self.tr("ROC (validation)"), self.tr("false-positive rate"),
                    self.tr("true-positive rate"))
        if name == "pr":
            return self.tr("Precision–recall (validation)"), self.tr("recall"), self.tr("precision")
        if name == "calibration":
            return (self.tr("Calibration (validation)"), self.tr("mean predicted probability"),
                    self.tr("observed frequency"))
        if name == "actual":
            return (self.tr("Predicted against actual (validation)"), self.tr("actual"),
                    self.tr("predicted"))
        return self.tr("Residuals (validation)"), self.tr("predicted"), self.tr("actual − predicted")

    # The plots, built now if they are not yet (File ▸ Export, tests, a draw).
    def _plot(self, name: str):
        self._steps.finish()
        return self._plots[name]

    roc = property(lambda self: self._plot("roc"))
    pr = property(lambda self: self._plot("pr"))
    calibration = property(lambda self: self._plot("calibration"))
    confusion = property(lambda self: self._plot("confusion"))
    actual = property(lambda self: self._plot("actual"))
    residuals = property(lambda self: self._plot("residuals"))

    def drawn_plots(self) -> dict[str, QWidget]:
        """The plots of the page's current kind (classification or regression) that show
        something, by file-name stem, for File ▸ Export."""
        plots = {"roc": self.roc, "pr": self.pr, "calibration": self.calibration,
                 "confusion": self.confusion} if self.stack.currentIndex() == 0 else {
                 "actual": self.actual, "residuals": self.residuals}
        return {name: plot for name, plot in plots.items()
                if (plot.matrix.size if plot is self.confusion else plot.lines)}

    # -- when to draw -------------------------------------------------------------------
    @Slot()
    def refresh(self) -> None:
        """The runs or the selection changed: drawn now if shown, else when next shown
        (or, while the plots are being built, once they are)."""
        self._dirty = True
        self._draw_if_due()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802  (Qt's name)
        super().showEvent(event)
        self._draw_if_due()

    def _draw_if_due(self) -> None:
        if self._dirty and self.isVisible() and not self._steps.pending:
            self.draw()

    # -- what to draw -------------------------------------------------------------------
    def draw(self) -> None:
        self._dirty = False
        all_runs = self.session.runs
        chosen = self.session.project.chosen_run
        asked = self._selected() or ([chosen] if chosen is not None else [])
        index = {id(run): i for i, run in enumerate(all_runs)}
        self._cache = {key: value for key, value in self._cache.items() if key in index}
        asked = [run for run in asked if id(run) in index]
        notes = []
        if not asked:
            notes.append(self.tr("Train a run to see how its predictions on the validation "
                                 "rows hold up."))
        for run in asked:
            if run.predictions is None:
                notes.append(self.tr(
                    "“{0}” has no validation predictions to draw: its project was saved "
                    "without them (older projects, or more than a project keeps); train it "
                    "again to see its curves.").format(run.name))
        drawable = [run for run in asked if run.predictions is not None]
        first = drawable[0] if drawable else None
        same = [run for run in drawable
                if run.task == first.task and run.classes == first.classes]
        for run in drawable:
            if run not in same:
                notes.append(self.tr("“{0}” predicts another target and is not drawn.")
                             .format(run.name))
        for run in same:
            if run.group is not None:
                notes.append(self.tr("“{0}” is a group of {1} runs: its curves are its first "
                                     "run's.").format(run.name, run.runs))
        self.runs = [(index[id(run)], run) for run in same]
        self.note.setText(" ".join(notes))
        self.note.setVisible(bool(notes))
        regression = first is not None and first.task == "regression"
        self.stack.setCurrentIndex(1 if regression else 0)
        if regression:
            self._draw_regression()
            self.class_label.hide()
            self.class_combo.hide()
            return
        self._fill_class_combo(first)
        self._draw_curves()
        self._set_threshold_run(asked, chosen)

    def _fill_class_combo(self, run: Run | None) -> None:
        many = run is not None and len(run.classes) > 2
        self.class_label.setVisible(many)
        self.class_combo.setVisible(many)
        names = run.classes if many else []
        if [self.class_combo.itemText(i) for i in range(1, self.class_combo.count())] == names:
            return
        self.class_combo.blockSignals(True)
        self.class_combo.clear()
        if many:
            self.class_combo.addItem(self.tr("every class"), _EVERY_CLASS)
            for code, name in enumerate(names):
                self.class_combo.addItem(name, code)
        self.class_combo.blockSignals(False)

    def curves(self, run: Run) -> list[ClassCurves]:
        """The run's curves from the core, computed once per set of predictions."""
        p = run.predictions
        cached = self._cache.get(id(run))
        if cached is None or cached[0] is not p:
            cached = self._cache[id(run)] = (p, classification_curves(
                p.actual, p.output, run.classes, p.positive))
        return cached[1]

    @Slot()
    def _draw_curves(self) -> None:
        """A line per run, or with every class of several classes a line per run and class
        (the run's colour, the class's dash)."""
        wanted = self.class_combo.currentData()
        every = wanted == _EVERY_CLASS
        plots = (self.roc, self.pr, self.calibration)
        lines: dict[OverlayPlot, list[Line]] = {plot: [] for plot in plots}
        legend: dict[OverlayPlot, list[Line]] = {plot: [] for plot in plots}
        for i, run in self.runs:
            curves = [c for c in self.curves(run) if wanted in (None, _EVERY_CLASS, c.code)]
            color, name = run_color(i), elide(run.name)
            for c in curves:
                style = LINE_STYLES[c.code % len(LINE_STYLES)] if every else _SOLID
                # one run, every class: the class names each line (the run is its colour)
                who = elide(c.label) if every and len(self.runs) == 1 else name
                scores = (self.tr("{0} · AUC {1:.3f}").format(who, c.auc),
                          self.tr("{0} · AP {1:.3f}").format(who, c.average_precision),
                          self.tr("{0} · Brier {1:.3f}").format(who, c.brier))
                for plot, text, x, y in zip(plots, scores, (c.fpr, c.recall, c.predicted),
                                            (c.tpr, c.precision, c.observed), strict=True):
                    kind = "points" if plot is self.calibration else "line"
                    lines[plot].append(Line(text, x, y, color, style, kind))
            if every and curves:
                macro = (self.tr("{0} · mean AUC {1:.3f}").format(
                             name, np.mean([c.auc for c in curves])),
                         self.tr("{0} · mean AP {1:.3f}").format(
                             name, np.mean([c.average_precision for c in curves])),
                         self.tr("{0} · Brier {1:.3f}").format(name, _brier(run)))
                for plot, text in zip(plots, macro, strict=True):
                    legend[plot].append(Line(text, _NONE, _NONE, color))
        several = every and len(self.runs) > 1
        fg = self.palette().color(QPalette.ColorRole.Text).name()
        classes = [Line(elide(name), _NONE, _NONE, fg, LINE_STYLES[code % len(LINE_STYLES)])
                   for code, name in enumerate(self.runs[0][1].classes)] if several else []
        for plot in plots:
            plot.set_lines(lines[plot], classes + legend[plot] if several else None)
        self.roc.set_note("" if lines[self.roc] else self.tr("No curves to draw."))

    def _draw_regression(self) -> None:
        actual, residuals = [], []
        for i, run in self.runs:
            p = run.predictions
            d = regression_diagnostics(p.actual, p.output, seed=run.config.seed)
            m = d.metrics
            label = self.tr("{0} · R² {1:.3f} · RMSE {2:.4g} · MAE {3:.4g}").format(
                elide(run.name), m["r2"], m["rmse"], m["mae"])
            actual.append(Line(label, d.actual, d.predicted, run_color(i), kind="cloud"))
            residuals.append(Line(label, d.predicted, d.residual, run_color(i), kind="cloud"))
        self.actual.set_lines(actual)
        self.residuals.set_lines(residuals)

    # -- the decision threshold -----------------------------------------------------------
    def _set_threshold_run(self, asked: list[Run], chosen: Run | None) -> None:
        """The run the threshold moves: the one selected, or of several the kept one if it
        is among them, else the first."""
        drawn = [run for _, run in self.runs]
        run = chosen if chosen in drawn and len(drawn) > 1 else (drawn[0] if drawn else None)
        reason = ""
        if run is None:
            reason = self.tr("Select a run with validation predictions.")
        elif len(run.classes) != 2:
            reason = self.tr("The decision threshold applies to a target with two classes.")
        elif run.group is not None:
            reason = self.tr("A group's metrics are means over its runs; train one run to "
                             "move its threshold.")
        # more classes: no threshold to move, and the plots get the room
        self.threshold_box.setVisible(run is None or len(run.classes) == 2)
        self.threshold_box.set_run(None if reason else run, reason)
        if reason:
            self.roc.set_markers([])
            self.pr.set_markers([])
            self.confusion.set_title(self.tr("Confusion (validation)"))
            if run is not None and run.confusion:
                self.confusion.set_matrix(run.confusion, run.classes)

    @Slot(object)
    def _threshold_moved(self, result: dict) -> None:
        """The markers of the threshold and of the least cost follow the box."""
        box = self.threshold_box
        run = box.run
        if run is None:
            return
        self.confusion.set_matrix(result["confusion"], run.classes)
        self.confusion.set_title(self.tr("Confusion at {0:.3f} (validation)")
                                 .format(box.threshold),
                                 self.tr("Confusion at {0:.3f}").format(box.threshold))
        p = run.predictions
        # the point of least cost moves only with the cost: not measured again per move
        if self._best[0] is not p or self._best[1] != box.best:
            self._best = (p, box.best, at_threshold(p.actual, p.output, p.positive, box.best))
        best = self._best[2]
        color = run_color(next(i for i, r in self.runs if r is run))
        here = self.tr("threshold {0:.3f}").format(box.threshold)
        least = self.tr("least cost {0:.3f}").format(box.best)
        self.roc.set_markers([Marker(here, result["fpr"], result["tpr"], color),
                              Marker(least, best["fpr"], best["tpr"], color, "star")])
        self.pr.set_markers([
            Marker(here, result["recall"], _precision(result, p.positive), color),
            Marker(least, best["recall"], _precision(best, p.positive), color, "star")])

    @Slot(object, float, float)
    def _use_threshold(self, run: Run, threshold: float, fp_cost: float) -> None:
        self.session.set_threshold(run, threshold, fp_cost)


def _precision(result: dict, positive: int) -> float:
    """Precision at a threshold as the precision–recall curve draws it: 1 where no row is
    called positive (the curve's end at recall 0)."""
    called = result["confusion"][:, positive].sum()
    return result["precision"] if called else 1.0


def _brier(run: Run) -> float:
    """The run's Brier score over every class (Brier's own definition for several)."""
    p = run.predictions
    return brier(p.actual, p.output, p.positive)
