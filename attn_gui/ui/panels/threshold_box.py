"""The decision threshold of a two-class run, moved live over its kept validation
predictions: the confusion matrix, precision, recall, F1 and the cost of errors follow at
once (no training), the threshold of least cost is found for the cost the user sets, and
"Use this threshold" gives it to the run, its model and so Save, Predict and the project.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QWidget,
)

from ...core.config import OPTIONS
from ...core.thresholds import at_threshold, best_threshold
from ..widgets.option_form import option_text

if TYPE_CHECKING:
    from ...core.runs import Run

__all__ = ["ThresholdBox"]

_STEPS = 1000  # the slider's resolution: thresholds 0.001 … 0.999


class ThresholdBox(QGroupBox):
    measured = Signal(object)  # core at_threshold()'s dict, at every move
    bestChanged = Signal(float)  # the threshold of least cost, when the cost changes
    useRequested = Signal(object, float, float)  # the Run, its new threshold and cost

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Decision threshold"), parent)
        self.run: Run | None = None
        self._loaded: tuple[float, float] | None = None  # the run's threshold and cost shown
        self.best = 0.5
        self.result: dict | None = None
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(1, _STEPS - 1)
        self.spin = QDoubleSpinBox()
        self.spin.setRange(1 / _STEPS, 1 - 1 / _STEPS)
        self.spin.setDecimals(3)
        self.spin.setSingleStep(0.01)
        self.spin.setToolTip(option_text(OPTIONS["threshold"].help))
        self.cost = QDoubleSpinBox()
        self.cost.setRange(0.001, 1e6)
        self.cost.setDecimals(3)
        self.cost.setSingleStep(0.1)
        self.cost.setToolTip(option_text(OPTIONS["fp_cost"].help))
        self.best_label = QLabel()
        self.best_button = QPushButton(self.tr("Go to least cost"))
        self.best_button.setToolTip(self.tr("Move the threshold to the one of least cost."))
        self.metrics_label = QLabel()
        self.metrics_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.use_button = QPushButton(self.tr("Use this threshold"))
        self.use_button.setToolTip(self.tr(
            "Give the run this threshold and cost: its metrics, its saved model and its "
            "predictions use them."))
        self.note = QLabel()
        self.note.setWordWrap(True)

        grid = QGridLayout(self)
        # the symbols that mark both on the ROC and precision–recall curves
        grid.addWidget(QLabel(self.tr("● Threshold")), 0, 0)
        grid.addWidget(self.slider, 0, 1)
        grid.addWidget(self.spin, 0, 2)
        grid.addWidget(QLabel(option_text(OPTIONS["fp_cost"].label)), 1, 0)
        cost_row = QHBoxLayout()
        cost_row.addWidget(self.cost)
        cost_row.addWidget(self.best_label, 1)
        cost_row.addWidget(self.best_button)
        grid.addLayout(cost_row, 1, 1, 1, 2)
        grid.addWidget(self.metrics_label, 2, 0, 1, 3)
        buttons = QHBoxLayout()
        buttons.addWidget(self.note, 1)
        buttons.addWidget(self.use_button)
        grid.addLayout(buttons, 3, 0, 1, 3)
        grid.setColumnStretch(1, 1)

        self.slider.valueChanged.connect(lambda v: self.spin.setValue(v / _STEPS))
        self.spin.valueChanged.connect(self._moved)
        self.cost.valueChanged.connect(self._cost_changed)
        self.best_button.clicked.connect(lambda: self.spin.setValue(self.best))
        self.use_button.clicked.connect(self._use)
        self.set_run(None, "")

    @property
    def threshold(self) -> float:
        return self.spin.value()

    def set_run(self, run: Run | None, reason: str) -> None:
        """Move the threshold of `run` (a two-class run with its predictions), or explain
        in `reason` why there is none to move. The same run with the same settings keeps
        the threshold and cost the user has moved to (the page redraws for other reasons)."""
        loaded = None if run is None else (run.config.threshold, run.config.fp_cost)
        keep = run is not None and run is self.run and loaded == self._loaded
        self.run, self._loaded = run, loaded
        for widget in (self.slider, self.spin, self.cost, self.best_button):
            widget.setEnabled(run is not None)
        self.note.setText(reason if run is None else self.tr("The threshold of “{0}”.")
                          .format(run.name))
        if run is None:
            self.result = None
            self.metrics_label.clear()
            self.best_label.clear()
            self.use_button.setEnabled(False)
            return
        if not keep:
            for widget, value in ((self.cost, run.config.fp_cost),
                                  (self.spin, run.config.threshold),
                                  (self.slider, round(run.config.threshold * _STEPS))):
                widget.blockSignals(True)
                widget.setValue(value)
                widget.blockSignals(False)
        self._cost_changed(self.cost.value())  # measures at the run's threshold too

    @Slot(float)
    def _moved(self, value: float) -> None:
        self.slider.blockSignals(True)
        self.slider.setValue(round(value * _STEPS))
        self.slider.blockSignals(False)
        self._measure()

    @Slot(float)
    def _cost_changed(self, _value: float) -> None:
        if self.run is None:
            return
        p = self.run.predictions
        self.best, per_row = best_threshold(p.actual, p.output, p.positive, self.cost.value())
        self.best_label.setText(self.tr("★ least cost at {0:.3f} ({1:.4f} a row)")
                                .format(self.best, per_row))
        self.bestChanged.emit(self.best)
        self._measure()

    def _measure(self) -> None:
        if self.run is None:
            return
        p = self.run.predictions
        self.result = at_threshold(p.actual, p.output, p.positive, self.threshold,
                                   self.cost.value())
        r = self.result
        self.metrics_label.setText(self.tr(
            "precision {0:.3f} · recall {1:.3f} · F1 {2:.3f} · accuracy {3:.3f} · "
            "cost {4:.4f} a row").format(r["precision"], r["recall"], r["f1"], r["accuracy"],
                                         r["cost_per_row"]))
        config = self.run.config
        self.use_button.setEnabled(
            (round(self.threshold, 3), self.cost.value()) != (config.threshold, config.fp_cost))
        self.measured.emit(r)

    @Slot()
    def _use(self) -> None:
        if self.run is not None:
            self.useRequested.emit(self.run, round(self.threshold, 3), self.cost.value())
