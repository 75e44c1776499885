"""Choosing how attention weights are computed, with live validation and a live preview.

Every number shown comes from the core: `validate_spec` and `compile_formula` give the
reasons a setting is refused, `preview` gives the weights drawn for the example logits.
"""

from __future__ import annotations

import math
import os
import re

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ...core.config import TrainConfig
from ...core.formula import Formula, FormulaError, compile_formula
from ...core.weighting import WeightingError, WeightingSpec, preview, validate_spec
from ..app.core_text import translated
from ..widgets.colors import ERROR, OK, WARN, colored
from ..widgets.option_form import OptionForm, options_of

os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")
import pyqtgraph as pg  # noqa: E402  (the binding must be pinned before the import)

__all__ = ["WeightingEditor"]

_MAX_EXAMPLE = 30  # more bars than this stop being readable at the editor's width
_BAR_BRUSH = (66, 133, 244)



class WeightingEditor(QWidget):
    """Attention mode, weighting function and its parameters, and a preview of the weights."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._error = ""
        self._weights = np.zeros(0)
        self._labels: list[pg.TextItem] = []
        self._build()
        self.set_from(TrainConfig())

    # -- construction --------------------------------------------------------------------
    def _build(self) -> None:
        settings = self._build_settings_box()
        preview_box = self._build_preview_box()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(settings)
        layout.addWidget(preview_box, 1)

        self.settings_box.changed.connect(self._on_user_change)
        self.example_edit.textChanged.connect(self._refresh)

    def _build_settings_box(self) -> QGroupBox:
        self.settings_box = OptionForm(self.tr("Attention weighting"), options_of("attention"))
        self.formula_status = QLabel()
        self.formula_status.setWordWrap(True)
        self.formula_status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form = self.settings_box.form
        formula_row, _ = form.getWidgetPosition(self.field("formula"))
        form.insertRow(formula_row + 1, "", self.formula_status)
        self._form, self._status_row = form, formula_row + 1
        return self.settings_box

    def field(self, name: str) -> QWidget:
        """The editor of one attention setting (e.g. "temperature")."""
        return self.settings_box.field(name)

    def _build_preview_box(self) -> QGroupBox:
        self.math_label = QLabel()
        self.math_label.setWordWrap(True)
        self.example_edit = QLineEdit("1, 2, 3")
        self.example_edit.setToolTip(self.tr(
            "Example logits z_0, z_1, … separated by commas; the chart shows the weights the "
            "function gives them. Not saved with the run."))
        self.preview_status = QLabel()
        self.preview_status.setWordWrap(True)
        self._build_plot()

        example = QFormLayout()
        example.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        example.addRow(self.tr("Example logits z"), self.example_edit)
        preview_box = QGroupBox(self.tr("Preview"))
        preview_layout = QVBoxLayout(preview_box)
        preview_layout.addWidget(self.math_label)
        preview_layout.addLayout(example)
        preview_layout.addWidget(self.plot, 1)
        preview_layout.addWidget(self.preview_status)
        return preview_box

    def _build_plot(self) -> None:
        self.plot = pg.PlotWidget()
        self.plot.setBackground(self.palette().color(QPalette.ColorRole.Base))
        self.plot.setMinimumHeight(180)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.hideButtons()
        self.plot.setMenuEnabled(False)
        self.plot.setYRange(0.0, 1.15, padding=0)
        self.plot.setLabel("left", self.tr("weight α"))
        self.plot.setLabel("bottom",
                           self.tr("features i = 0, 1, …, each ticked with its logit z"))
        self.plot.getAxis("bottom").enableAutoSIPrefix(False)
        self.bars = pg.BarGraphItem(x=[], height=[], width=0.6, brush=_BAR_BRUSH)
        self.plot.addItem(self.bars)

    # -- public API ------------------------------------------------------------------------
    def apply_to(self, config: TrainConfig) -> None:
        """Write the attention settings into `config` (other fields are left alone)."""
        self.settings_box.apply_to(config)
        config.formula = config.formula.strip()

    def set_from(self, config: TrainConfig) -> None:
        """Show `config`'s attention settings; emits no `changed`."""
        self.settings_box.set_from(config)
        self._refresh()

    def spec(self) -> WeightingSpec:
        return self._config().weighting_spec()

    def _config(self) -> TrainConfig:
        config = TrainConfig()
        self.apply_to(config)
        return config

    def is_valid(self) -> bool:
        return not self._error

    def error_text(self) -> str:
        """Why the settings would be refused (the core's sentence), or ""."""
        return self._error

    def preview_weights(self) -> np.ndarray:
        """The weights drawn in the preview (empty when nothing can be drawn)."""
        return self._weights.copy()

    def bar_labels(self) -> list[str]:
        """The numbers written above the bars, left to right."""
        return [label.textItem.toPlainText() for label in self._labels if label.isVisible()]

    # -- behaviour ---------------------------------------------------------------------------
    def _on_user_change(self) -> None:
        self._refresh()
        self.changed.emit()

    def _refresh(self) -> None:
        spec = self.spec()
        mode = self.field("attention").currentData()
        attention = mode != "off"
        for name in ("weighting", "decay", "entropy", "attention_lr"):
            self.field(name).setEnabled(attention)
        self.field("attention_hidden").setEnabled(mode == "row")
        for name, kind in (("temperature", "softmax"), ("base", "exponential"),
                           ("linear_score", "linear"), ("formula", "custom")):
            self.field(name).setEnabled(attention and spec.kind == kind)
        try:
            formula = validate_spec(spec)
            self._error = ""
        except WeightingError as exc:
            formula, self._error = None, translated(exc)
        self._show_formula_status(spec, formula)
        self.math_label.setText(self._math_text(spec, attention))
        self._update_preview(spec)

    def _show_formula_status(self, spec: WeightingSpec, formula: Formula | None) -> None:
        """`formula` is the spec's formula as `validate_spec` checked it, None if refused."""
        # The status row only takes space while there is a formula to judge.
        self._form.setRowVisible(self._status_row, spec.kind == "custom")
        if spec.kind != "custom":
            colored(self.formula_status, "", None)
            return
        if formula is None:
            # Parsing is cheap; it tells a formula that does not parse (its own reason,
            # without the spec's "formula refused:") from one the score check refused.
            try:
                compile_formula(spec.formula)
                reason = self._error
            except FormulaError as exc:
                reason = translated(exc)
            colored(self.formula_status, reason, ERROR)
            return
        text = self.tr("ok — ds/dz = {derivative}").format(derivative=formula.derivative_text)
        if not formula.uses_z:
            text += self.tr(
                "; but the score does not depend on z, so training cannot change the weights")
            colored(self.formula_status, text, WARN)
        else:
            colored(self.formula_status, text, OK)

    def _math_text(self, spec: WeightingSpec, attention: bool) -> str:
        if not attention:
            return self.tr("Attention is off: the inputs pass through unweighted. "
                           "The preview shows the function chosen for when it is on.")
        if spec.kind == "softmax":
            text = self.tr("α_i = exp(z_i / T) / Σ_j exp(z_j / T), T = {t:g}").format(
                t=spec.temperature)
        elif spec.kind == "exponential":
            text = self.tr("α_i = b^z_i / Σ_j b^z_j, b = {b:.4g} (softmax with T = {t:.3g})").format(
                b=spec.base, t=1.0 / math.log(spec.base))
        elif spec.kind == "linear":
            score = "ln(1 + e^z)" if spec.linear_score == "softplus" else "max(z, 0) + 0.001"
            text = self.tr("α_i = s(z_i) / Σ_j s(z_j), s(z) = {score}").format(score=score)
        elif spec.kind == "sparsemax":
            text = self.tr("α = sparsemax(z): the projection of z onto the simplex; "
                           "low logits get exactly 0")
        else:
            text = self.tr("α_i = s(z_i, i, n) / Σ_j s(z_j, j, n), s = your formula")
        if spec.decay < 1:
            prior = (self.tr("plus i·ln ρ on each logit") if spec.kind == "sparsemax"
                     else self.tr("times the prior ρ^i on each score"))
            text += self.tr(", {prior} (ρ = {rho:g})").format(prior=prior, rho=spec.decay)
        return text

    def _parse_example(self) -> np.ndarray | None:
        parts = [p for p in re.split(r"[,;\s]+", self.example_edit.text().strip()) if p]
        try:
            values = np.array([float(p) for p in parts], dtype=np.float64)
        except ValueError:
            return None
        if not 1 <= values.size <= _MAX_EXAMPLE or not np.all(np.isfinite(values)):
            return None
        return values

    def _update_preview(self, spec: WeightingSpec) -> None:
        logits = self._parse_example()
        if logits is None:
            self._draw(np.zeros(0), np.zeros(0))
            colored(self.preview_status, self.tr(
                "The example logits must be 1 to {n} numbers separated by commas, e.g. 1, 2, 3."
            ).format(n=_MAX_EXAMPLE), ERROR)
            return
        if self._error:
            self._draw(np.zeros(0), np.zeros(0))
            colored(self.preview_status, self.tr("No preview until the settings are valid."),
                     ERROR)
            return
        try:
            weights = preview(spec, logits, validated=True)
        except WeightingError as exc:
            self._draw(np.zeros(0), np.zeros(0))
            colored(self.preview_status, self.tr("With these logits: {reason}").format(
                reason=translated(exc)), ERROR)
            return
        self._draw(logits, weights)
        zeros = int(np.count_nonzero(weights == 0))
        text = self.tr("The weights sum to 1.")
        if zeros:
            text += " " + self.tr("{zeros} of {n} are exactly 0.").format(
                zeros=zeros, n=weights.size)
        colored(self.preview_status, text, None)

    def _draw(self, logits: np.ndarray, weights: np.ndarray) -> None:
        self._weights = weights
        x = np.arange(weights.size, dtype=np.float64)
        self.bars.setOpts(x=x, height=weights, width=0.6)
        # Text items are reused, so typing in the example field creates nothing per keystroke.
        color = self.palette().color(QPalette.ColorRole.Text)
        while len(self._labels) < weights.size:
            label = pg.TextItem(anchor=(0.5, 1.0), color=color)
            self.plot.addItem(label)
            self._labels.append(label)
        for i, label in enumerate(self._labels):
            if i < weights.size:
                label.setText(f"{weights[i]:.3f}")
                label.setPos(float(i), float(weights[i]))
            label.setVisible(i < weights.size)
        self.plot.getAxis("bottom").setTicks([[(float(i), f"{z:g}") for i, z in enumerate(logits)]])
        self.plot.setXRange(-0.6, max(weights.size, 1) - 0.4, padding=0)
