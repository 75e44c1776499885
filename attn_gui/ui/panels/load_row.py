"""The data panel's first row: open a table, and while it is read, its progress."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QWidget,
)

__all__ = ["LoadRow"]

_STEPS = 1000


class LoadRow(QWidget):
    """An Open button; while a file is read, a progress bar and a Cancel button beside it;
    for a workbook of several sheets, the sheet shown."""

    fileChosen = Signal(str)  # the path the user picked in the file dialog
    cancelClicked = Signal()
    sheetChosen = Signal(str)  # another sheet of the workbook shown

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.open_button = QPushButton(self.tr("Open Data…"))
        self.open_button.setToolTip(self.tr("Read a CSV or TSV file (the encoding, delimiter "
                                            "and decimal mark are detected) or a workbook "
                                            "(.xlsx, .xlsm, .xls, .ods)."))
        self.open_button.clicked.connect(self._choose_file)
        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, _STEPS)
        self.progress_bar.setTextVisible(False)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Stop reading; the table loaded before stays."))
        self.cancel_button.clicked.connect(self.cancelClicked)
        self.sheet_label = QLabel(self.tr("Sheet:"))
        self.sheet_combo = QComboBox()
        self.sheet_combo.setToolTip(self.tr("The workbook's sheet to read; only sheets that "
                                            "hold cells are listed."))
        self.sheet_combo.activated.connect(
            lambda index: self.sheetChosen.emit(self.sheet_combo.itemText(index)))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.open_button)
        row.addWidget(self.sheet_label)
        row.addWidget(self.sheet_combo)
        row.addWidget(self.progress_bar, 1)
        row.addWidget(self.cancel_button)
        row.addStretch(0)
        self.set_busy(False)
        self.show_sheets(None, [])

    def show_sheets(self, sheet: str | None, sheets: list[str]) -> None:
        """The sheet chooser, shown for a workbook of more than one sheet with data."""
        self.sheet_combo.blockSignals(True)
        self.sheet_combo.clear()
        self.sheet_combo.addItems(sheets)
        self.sheet_combo.setCurrentIndex(max(self.sheet_combo.findText(sheet or ""), 0))
        self.sheet_combo.blockSignals(False)
        for widget in (self.sheet_label, self.sheet_combo):
            widget.setVisible(len(sheets) > 1)

    def set_busy(self, busy: bool) -> None:
        """Show the progress from 0 and the Cancel button while a file is read."""
        if busy:
            self.progress_bar.setValue(0)
        self.progress_bar.setVisible(busy)
        self.cancel_button.setVisible(busy)

    def set_progress(self, fraction: float) -> None:
        self.progress_bar.setValue(round(fraction * _STEPS))

    def _choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open a table"), "",
            self.tr("Tables (*.csv *.tsv *.txt *.dat *.xlsx *.xlsm *.xls *.ods);;"
                    "Workbooks (*.xlsx *.xlsm *.xls *.ods);;All files (*)"))
        if path:
            self.fileChosen.emit(path)
