"""One editor for settings the window shows as one: a mode and a count K."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal, Slot
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QSpinBox, QWidget

from ...core.options import Joint
from .compact import add_item, compact

__all__ = ["JointEditor"]

_CONTEXT = "Options"


def _text(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text) if text else text


class JointEditor(QWidget):
    """A combo of the modes beside a spin box of K, which only the modes that count use."""

    changed = Signal()

    def __init__(self, joint: Joint, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.joint = joint
        self.mode = QComboBox()
        for choice in joint.modes:
            add_item(self.mode, _text(choice.label), choice.value, _text(choice.help))
        compact(self.mode)
        self.count = QSpinBox()
        self.count.setRange(joint.low, joint.high)
        self.count.setPrefix("K = ")
        self.count.setValue(joint.default_count)
        tip = "\n".join([_text(joint.help)]
                        + [f"{_text(c.label)}: {_text(c.help)}" for c in joint.modes])
        for widget in (self, self.mode, self.count):
            widget.setToolTip(tip)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.mode, 1)
        layout.addWidget(self.count)
        self.mode.currentIndexChanged.connect(self._on_mode)
        self.count.valueChanged.connect(self.changed)
        self._on_mode()

    @Slot()
    def _on_mode(self) -> None:
        self.count.setEnabled(self.mode.currentData() != self.joint.modes[0].value)
        self.changed.emit()

    def values(self) -> dict[str, int]:
        return self.joint.values(self.mode.currentData(), self.count.value())

    def show_values(self, values: dict[str, int]) -> None:
        mode, k = self.joint.mode(values)
        self.blockSignals(True)
        try:
            self.mode.setCurrentIndex(max(self.mode.findData(mode), 0))
            self.count.setValue(k)
        finally:
            self.blockSignals(False)
