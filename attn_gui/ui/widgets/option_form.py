"""The window's widgets for settings, made from their declarations in `core/config.py`.

Each `Option` gets the editor its kind calls for (a spin box with the option's bounds, a
combo box of its choices with their help, a line edit for layer sizes or text), labelled
and explained in the interface language. `apply_to` reads every editor into a
`TrainConfig` and `set_from` shows one, so a new setting appears in the window, is saved
with the project and reaches the run without code of its own here.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from ...core.config import JOINTS, OPTIONS, TrainConfig
from ...core.options import ConfigError, Option, parse_sizes
from .colors import ERROR
from .compact import add_item, compact
from .joint_editor import JointEditor

__all__ = ["ExactSpinBox", "OptionForm", "option_text", "options_of"]

_CONTEXT = "Options"
_INVALID_STYLE = f"QLineEdit {{ border: 1px solid {ERROR}; }}"


def option_text(text: str) -> str:
    """An option's label, help or choice in the interface language."""
    return QCoreApplication.translate(_CONTEXT, text) if text else text


def options_of(group: str) -> list[str]:
    """The window's settings of one group, in the order they are declared."""
    return [name for name, o in OPTIONS.items() if o.group == group and o.in_window]


class ExactSpinBox(QDoubleSpinBox):
    """A spin box that hands back a value set in code (e.g. base e) unrounded, unless the
    user has changed it since; QDoubleSpinBox alone rounds to its displayed decimals, and
    "Copy as command" must repeat the run the window made."""

    def __init__(self, minimum: float, maximum: float, decimals: int, step: float) -> None:
        super().__init__()
        self.setDecimals(decimals)
        self.setRange(minimum, maximum)
        self.setSingleStep(step)
        self._exact: float | None = None

    def set_exact(self, value: float) -> None:
        self._exact = value
        self.setValue(value)

    def exact(self) -> float:
        value = self.value()
        if self._exact is not None and round(self._exact, self.decimals()) == value:
            return self._exact
        return value


def _tooltip(option: Option) -> str:
    lines = [option_text(option.help)]
    lines += [f"{option_text(c.label)}: {option_text(c.help)}" for c in option.choices if c.help]
    return "\n".join(lines)


def _bounds(option: Option) -> tuple[float, float]:
    """The editor's range: an open bound moves in by the smallest step it shows, so a value
    the engine refuses cannot be entered."""
    tick = 1 if option.kind == "int" else 10.0 ** -option.decimals
    low = 0.0 if option.low is None else option.low + (tick if option.low_open else 0)
    high = option.upper if option.upper is not None else 2**31 - 1
    return low, high - (tick if option.high_open else 0)


def make_editor(option: Option) -> QWidget:
    """The editor of one option, with its tooltip; its value is read by `read_editor`."""
    if option.kind == "int":
        low, high = _bounds(option)
        editor: QWidget = QSpinBox()
        editor.setRange(int(low), int(high))
        if option.off_text:
            editor.setSpecialValueText(option_text(option.off_text))
    elif option.kind == "float":
        editor = ExactSpinBox(*_bounds(option), option.decimals, option.step)
        # Steps one digit below the leading one (0.01 → 0.011): useful across orders of
        # magnitude, as a learning rate or a penalty needs.
        editor.setStepType(QAbstractSpinBox.StepType.AdaptiveDecimalStepType)
    elif option.kind == "choice":
        editor = QComboBox()
        for choice in option.choices:
            add_item(editor, option_text(choice.label), choice.value, option_text(choice.help))
        compact(editor)
    else:
        editor = QLineEdit()
        editor.setPlaceholderText(option_text(option.placeholder))
    editor.setToolTip(_tooltip(option))
    return editor


def read_editor(option: Option, editor: QWidget) -> Any:
    if option.kind == "int":
        return editor.value()
    if option.kind == "float":
        return editor.exact()
    if option.kind == "choice":
        return editor.currentData()
    if option.kind == "sizes":
        return parse_sizes(option, editor.text())
    return editor.text()


def show_value(option: Option, editor: QWidget, value: Any) -> None:
    if option.kind == "int":
        editor.setValue(value)
    elif option.kind == "float":
        editor.set_exact(value)
    elif option.kind == "choice":
        index = editor.findData(value)
        if index >= 0:
            editor.setCurrentIndex(index)
    elif option.kind == "sizes":
        editor.setText(",".join(str(v) for v in value))
    else:
        editor.setText(value or "")


def changed_signal(editor: QWidget):
    if isinstance(editor, QComboBox):
        return editor.currentIndexChanged
    if isinstance(editor, QLineEdit):
        return editor.textChanged
    return editor.valueChanged


class OptionForm(QGroupBox):
    """A titled form of settings; `changed` follows every edit the user makes."""

    changed = Signal()

    def __init__(self, title: str, names: Iterable[str], parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.options = {name: OPTIONS[name] for name in names}
        self.form = QFormLayout(self)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        # Labels move above their fields when the panel is narrow (next to other panels).
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self._editors: dict[str, QWidget] = {}
        # Settings edited as one (repeats and folds) share one editor, placed at the first.
        self.joints: dict[str, JointEditor] = {}
        joined = {field: joint for joint in JOINTS.values() for field in joint.fields}
        for name, option in self.options.items():
            if name in joined:
                self._add_joint(name, joined[name])
                continue
            editor = make_editor(option)
            self._editors[name] = editor
            self.form.addRow(option_text(option.label), editor)
            changed_signal(editor).connect(self.changed)
            if option.kind == "sizes":
                editor.textChanged.connect(lambda _=None, n=name: self._mark_sizes(n))

    def _add_joint(self, name: str, joint) -> None:
        editor = next((e for e in self.joints.values() if e.joint is joint), None)
        if editor is None:
            editor = JointEditor(joint)
            self.form.addRow(option_text(joint.label), editor)
            editor.changed.connect(self.changed)
        self.joints[name] = editor

    def field(self, name: str) -> QWidget:
        """The editor of one setting; settings edited as one share their `JointEditor`."""
        return self.joints.get(name) or self._editors[name]

    def _read(self, name: str) -> Any:
        if name in self.joints:
            return self.joints[name].values()[name]
        return read_editor(self.options[name], self._editors[name])

    def apply_to(self, config: TrainConfig) -> TrainConfig:
        """Write every editor's value into `config` (in place) and return it.

        Raises ConfigError for text that cannot be read (e.g. hidden layers "abc"); range
        checks are `TrainConfig.validate()`'s, so the window and the CLI refuse the same.
        """
        for name in self.options:
            setattr(config, name, self._read(name))
        return config

    def apply_valid(self, config: TrainConfig) -> list[str]:
        """Write what can be read; the labels of the settings that could not be."""
        unreadable = []
        for name, option in self.options.items():
            try:
                setattr(config, name, self._read(name))
            except ConfigError:
                unreadable.append(option_text(option.label))
        return unreadable

    def set_from(self, config: TrainConfig) -> None:
        """Show `config`'s values; emits no `changed`."""
        for editor in set(self.joints.values()):
            editor.show_values({f: getattr(config, f) for f in editor.joint.fields})
        for name, option in self.options.items():
            if name in self.joints:
                continue
            editor = self._editors[name]
            editor.blockSignals(True)
            try:
                show_value(option, editor, getattr(config, name))
            finally:
                editor.blockSignals(False)
            if option.kind == "sizes":
                self._mark_sizes(name)

    def _mark_sizes(self, name: str) -> None:
        editor = self._editors[name]
        try:
            read_editor(self.options[name], editor)
        except ConfigError:
            editor.setStyleSheet(_INVALID_STYLE)
        else:
            editor.setStyleSheet("")
