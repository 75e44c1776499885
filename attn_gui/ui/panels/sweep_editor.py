"""What a sweep changes: a row per setting with its values, and grid or random samples.

A number's row takes a list of values ("0.5, 1, 2") or a range (from, to, how many values,
logarithmic or not); a choice's row has a check box per allowed value; hidden layers take
sizes separated by semicolons. In a grid every combination runs; with random samples a
range is drawn from (uniformly, or log-uniformly) and a list is chosen from. The editor
builds the same JSON object `main.py sweep --spec` reads, and the core checks it
(`core/sweep.py`), so the window and the command line refuse the same sweeps.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...core.config import OPTIONS
from ...core.options import Option
from ...core.sweep import MAX_RUNS, NOT_SWEPT, SweepSpec, parse_spec, parse_values, spaced
from ..widgets.option_form import changed_signal, make_editor, option_text, read_editor, show_value

__all__ = ["SWEEPABLE", "SweepEditor"]

# The window's settings that can be swept: repeats and folds change what a run's metric
# means, a formula and the feature list are edited elsewhere (the command line takes all).
SWEEPABLE = tuple(name for name, o in OPTIONS.items()
                  if o.in_window and name not in NOT_SWEPT and name not in ("repeats", "cv")
                  and o.kind in ("int", "float", "choice", "sizes"))
_MAX_COUNT = 50
# The sweep of the issue that asked for sweeps: weighting × temperature × learning rate.
_PRESET: dict[str, Any] = {"weighting": ["softmax", "sparsemax"], "temperature": "0.5, 1, 2",
                           "lr": (0.003, 0.03, 2, True)}


class _Row(QWidget):
    """One swept setting; `values()` for a grid, `draw()` for random samples."""

    changed = Signal()
    removed = Signal(str)

    def __init__(self, option: Option) -> None:
        super().__init__()
        self.option = option
        self.layout_ = QHBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        label = QLabel(option_text(option.label))
        label.setToolTip(option_text(option.help))
        label.setMinimumWidth(170)
        self.layout_.addWidget(label)
        self.body = QHBoxLayout()
        self.layout_.addLayout(self.body, 1)
        remove = QToolButton()
        remove.setText("×")
        remove.setToolTip(self.tr("Do not sweep this setting"))
        remove.clicked.connect(lambda: self.removed.emit(option.name))
        self.layout_.addWidget(remove)

    def set_random(self, random: bool) -> None:
        """Random samples draw from a range: its count of values does not apply."""

    def values(self) -> list:
        raise NotImplementedError

    def draw(self) -> Any:
        return {"choice": self.values()}


class _ChoiceRow(_Row):
    def __init__(self, option: Option, checked: list[str] | None = None) -> None:
        super().__init__(option)
        self.boxes: dict[str, QCheckBox] = {}
        for choice in option.choices:
            box = QCheckBox(choice.value)
            box.setToolTip(f"{option_text(choice.label)}: {option_text(choice.help)}")
            box.setChecked(choice.value in (checked or [option.default]))
            box.toggled.connect(self.changed)
            self.boxes[choice.value] = box
            self.body.addWidget(box)
        self.body.addStretch(1)

    def values(self) -> list:
        return [value for value, box in self.boxes.items() if box.isChecked()]


class _TextRow(_Row):
    """Values typed in a line: numbers (a list) or layer sizes."""

    def __init__(self, option: Option, text: str) -> None:
        super().__init__(option)
        self.edit = QLineEdit(text)
        self.edit.textChanged.connect(self.changed)
        if option.kind == "sizes":
            self.edit.setToolTip(self.tr("Layer sizes of each value separated by semicolons, "
                                         "e.g. 8; 16,8 (an empty value: no hidden layer)"))
        self.body.addWidget(self.edit, 1)

    def values(self) -> list:
        return parse_values(self.option, self.edit.text())


class _NumberRow(_TextRow):
    """A number: a list of values, or a range from, to, how many, logarithmic."""

    def __init__(self, option: Option, preset: Any = None) -> None:
        default = option.default
        super().__init__(option, preset if isinstance(preset, str) else f"{default:g}")
        self.body.removeWidget(self.edit)
        self.edit.setToolTip(self.tr("Values separated by commas, e.g. 0.5, 1, 2"))
        self.mode = QComboBox()
        self.mode.addItem(self.tr("values"), "values")
        self.mode.addItem(self.tr("range"), "range")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.edit)
        self.stack.addWidget(self._range_widget(preset))
        self.mode.currentIndexChanged.connect(self.stack.setCurrentIndex)
        self.mode.currentIndexChanged.connect(self.changed)
        self.body.addWidget(self.mode)
        self.body.addWidget(self.stack, 1)
        if isinstance(preset, tuple):
            self.mode.setCurrentIndex(1)

    def _range_widget(self, preset: Any) -> QWidget:
        low, high, count, log = preset if isinstance(preset, tuple) else (
            self.option.default, self.option.default, 3, False)
        widget = QWidget()
        row = QHBoxLayout(widget)
        row.setContentsMargins(0, 0, 0, 0)
        self.low, self.high = make_editor(self.option), make_editor(self.option)
        show_value(self.option, self.low, low)
        show_value(self.option, self.high, high)
        self.count = QSpinBox()
        self.count.setRange(1, _MAX_COUNT)
        self.count.setValue(count)
        self.count.setSuffix(self.tr(" values"))
        self.log = QCheckBox(self.tr("log scale"))
        self.log.setChecked(log)
        self.to_label = QLabel(self.tr("to"))
        for widget_ in (self.low, self.to_label, self.high, self.count, self.log):
            row.addWidget(widget_)
        for editor in (self.low, self.high):
            changed_signal(editor).connect(self.changed)
        self.count.valueChanged.connect(self.changed)
        self.log.toggled.connect(self.changed)
        return widget

    def is_range(self) -> bool:
        return self.mode.currentData() == "range"

    def set_random(self, random: bool) -> None:
        self.count.setVisible(not random)

    def _bounds(self) -> tuple[Any, Any]:
        return read_editor(self.option, self.low), read_editor(self.option, self.high)

    def values(self) -> list:
        if not self.is_range():
            return super().values()
        low, high = self._bounds()
        return spaced(low, high, self.count.value(), self.log.isChecked(),
                      self.option.kind == "int")

    def draw(self) -> Any:
        if not self.is_range():
            return {"choice": self.values()}
        return {"log_uniform" if self.log.isChecked() else "uniform": list(self._bounds())}


class SweepEditor(QWidget):
    """The settings a sweep changes and how; `spec()` is the checked sweep."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: dict[str, _Row] = {}
        self.rows_box = QVBoxLayout()
        self.rows_box.setSpacing(2)
        self.add_combo = QComboBox()
        self.add_combo.activated.connect(self._add_chosen)
        self.grid_button = QRadioButton(self.tr("Grid: every combination"))
        self.random_button = QRadioButton(self.tr("Random samples:"))
        self.grid_button.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.grid_button)
        group.addButton(self.random_button)
        self.samples, self.seed = QSpinBox(), QSpinBox()
        self.samples.setRange(1, MAX_RUNS)
        self.samples.setValue(12)
        self.seed.setRange(0, 2**31 - 1)
        self.seed.setPrefix(self.tr("seed "))
        self.seed.setToolTip(self.tr("The same seed draws the same values."))
        for signal in (self.grid_button.toggled, self.samples.valueChanged,
                       self.seed.valueChanged):
            signal.connect(self._mode_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.rows_box)
        layout.addStretch(1)
        # Below the rows, outside the scroll area that holds them: always in view.
        self.mode_bar = QWidget()
        mode = QGridLayout(self.mode_bar)
        mode.setContentsMargins(0, 0, 0, 0)
        mode.addWidget(self.add_combo, 0, 0)
        mode.addWidget(self.grid_button, 0, 1)
        mode.addWidget(self.random_button, 0, 2)
        mode.addWidget(self.samples, 0, 3)
        mode.addWidget(self.seed, 0, 4)
        mode.setColumnStretch(5, 1)
        for name, preset in _PRESET.items():
            self.add(name, preset)
        self._mode_changed()

    def add(self, name: str, preset: Any = None) -> None:
        """Sweep one more setting (`preset`: its first values, as `_PRESET` gives them)."""
        if name in self.rows:
            return
        option = OPTIONS[name]
        if option.kind == "choice":
            row: _Row = _ChoiceRow(option, preset)
        elif option.kind == "sizes":
            row = _TextRow(option, preset or ",".join(map(str, option.default)))
        else:
            row = _NumberRow(option, preset)
        row.changed.connect(self.changed)
        row.removed.connect(self.remove)
        row.set_random(self.random_button.isChecked())
        self.rows[name] = row
        self.rows_box.addWidget(row)
        self._fill_add_combo()
        self.changed.emit()

    def remove(self, name: str) -> None:
        row = self.rows.pop(name, None)
        if row is not None:
            row.setParent(None)
            row.deleteLater()
            self._fill_add_combo()
            self.changed.emit()

    def _fill_add_combo(self) -> None:
        self.add_combo.clear()
        self.add_combo.addItem(self.tr("Add a setting…"), None)
        for name in SWEEPABLE:
            if name not in self.rows:
                self.add_combo.addItem(option_text(OPTIONS[name].label), name)

    def _add_chosen(self, index: int) -> None:
        name = self.add_combo.itemData(index)
        if name:
            self.add(name)
        self.add_combo.setCurrentIndex(0)

    def setEnabled(self, enabled: bool) -> None:  # noqa: N802 (Qt's name)
        super().setEnabled(enabled)
        self.mode_bar.setEnabled(enabled)

    def _mode_changed(self) -> None:
        random = self.random_button.isChecked()
        self.samples.setEnabled(random)
        self.seed.setEnabled(random)
        for row in self.rows.values():
            row.set_random(random)
        self.changed.emit()

    def is_random(self) -> bool:
        return self.random_button.isChecked()

    def spec_dict(self) -> dict:
        """The sweep as `main.py sweep --spec` reads it; a SweepError or ConfigError for a
        value that cannot be read (e.g. "fast" as a learning rate)."""
        if self.is_random():
            return {"random": {"samples": self.samples.value(), "seed": self.seed.value(),
                               "options": {n: r.draw() for n, r in self.rows.items()}}}
        return {"grid": {name: row.values() for name, row in self.rows.items()}}

    def spec(self) -> SweepSpec:
        """The checked sweep, or a SweepError / ConfigError saying what to change."""
        return parse_spec(self.spec_dict())
