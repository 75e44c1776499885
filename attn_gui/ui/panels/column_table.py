"""The data panel's list of columns: what was detected in each, and the role it plays."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from ...core.io import ColumnInfo, Table

__all__ = ["FEATURE", "IGNORE", "TARGET", "ColumnTable", "default_roles"]

FEATURE, TARGET, IGNORE = "feature", "target", "ignore"
# Per turn of the event loop: a role combo box costs a fraction of a millisecond, and a
# 200-column file must not freeze the window while they are made.
_COMBOS_PER_TURN = 30
_COL_NAME, _COL_KIND, _COL_MISSING, _COL_ROLE, _COL_SUMMARY = range(5)


class ColumnTable(QTableWidget):
    """Name, kind, missing count, role and summary of each column; the target in bold,
    ignored columns grey. A role combo box per row sets the column's role."""

    roleChosen = Signal(str, str)  # column name, role: the user picked it in a combo box

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 5, parent)
        self._roles: dict[str, str] = {}
        self._role_combos: dict[str, QComboBox] = {}
        self._table: Table | None = None
        self._combo_rows: list[int] = []  # rows still without a combo box
        self._combo_timer = QTimer(self)
        self._combo_timer.setSingleShot(True)
        self._combo_timer.setInterval(0)
        self._combo_timer.timeout.connect(self._add_role_combos)
        self.setHorizontalHeaderLabels(
            [self.tr("Column"), self.tr("Kind"), self.tr("Missing"), self.tr("Role"),
             self.tr("Summary")])
        self.verticalHeader().setVisible(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setWordWrap(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setToolTip(self.tr("Role: a feature is an input, the target is predicted, an "
                                  "ignored column is not used. Grey columns are left out by "
                                  "default; hover for the reason."))

    def fill(self, table: Table, roles: Mapping[str, str],
             core_text: Callable[[str], str]) -> None:
        """One row per column of `table`; `core_text` words the core's summaries and reasons
        in the interface language."""
        self._table = table
        self.setRowCount(0)
        self.setRowCount(len(table.columns))
        self._role_combos = {}
        kinds = {"numeric": self.tr("numeric"), "boolean": self.tr("yes/no"),
                 "categorical": self.tr("text"), "date": self.tr("date"), "id": self.tr("ID"),
                 "constant": self.tr("constant"), "empty": self.tr("empty")}
        for row, info in enumerate(table.columns):
            tip = self._tooltip(info, table.n_rows, core_text)
            cells = {
                _COL_NAME: info.name,
                _COL_KIND: kinds.get(info.kind, info.kind),
                _COL_MISSING: f"{info.missing:,}",
                _COL_SUMMARY: core_text(info.excluded or info.summary),
            }
            for column, text in cells.items():
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                item.setToolTip(tip)
                if column == _COL_MISSING:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.setItem(row, column, item)
        self._combo_rows = list(range(len(table.columns)))
        self.show_roles(roles)
        self._add_role_combos()
        self.resizeColumnsToContents()
        header = self.horizontalHeader()
        header.resizeSection(_COL_NAME, min(header.sectionSize(_COL_NAME), 180))
        # The summary takes what is left and elides; its tooltip has the whole text.
        header.setSectionResizeMode(_COL_SUMMARY, QHeaderView.ResizeMode.Stretch)

    def role_combo(self, name: str) -> QComboBox:
        """The combo box that sets `name`'s role, made now if it is not yet."""
        if name not in self._role_combos:
            self._add_role_combos(len(self._combo_rows))
        return self._role_combos[name]

    def show_roles(self, roles: Mapping[str, str]) -> None:
        """Combo boxes, bold target and grey ignored columns as `roles` says."""
        table = self._table
        if table is None:
            return
        self._roles = dict(roles)
        muted = self.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        normal = self.palette().color(QPalette.ColorRole.Text)
        for row, info in enumerate(table.columns):
            role = roles[info.name]
            combo = self._role_combos.get(info.name)  # None: made later, with the role then
            if combo is not None:
                combo.blockSignals(True)
                combo.setCurrentIndex(combo.findData(role))
                combo.blockSignals(False)
            font = QFont(self.font())
            font.setBold(role == TARGET)
            for column in (_COL_NAME, _COL_KIND, _COL_MISSING, _COL_SUMMARY):
                item = self.item(row, column)
                item.setFont(font)
                item.setForeground(muted if role == IGNORE else normal)

    def _add_role_combos(self, count: int = _COMBOS_PER_TURN) -> None:
        """Give `count` more rows their role combo box; the rest follow on later turns of
        the event loop."""
        table = self._table
        if table is None:
            return
        batch, self._combo_rows = self._combo_rows[:count], self._combo_rows[count:]
        for row in batch:
            info = table.columns[row]
            combo = QComboBox()
            combo.addItem(self.tr("feature"), FEATURE)
            combo.addItem(self.tr("target"), TARGET)
            combo.addItem(self.tr("ignore"), IGNORE)
            combo.setCurrentIndex(combo.findData(self._roles[info.name]))
            combo.setToolTip(self.item(row, _COL_NAME).toolTip())
            combo.currentIndexChanged.connect(partial(self._on_role_combo, info.name))
            self.setCellWidget(row, _COL_ROLE, combo)
            self._role_combos[info.name] = combo
        if self._combo_rows:
            self._combo_timer.start()

    def _on_role_combo(self, name: str, index: int) -> None:
        self.roleChosen.emit(name, self._role_combos[name].itemData(index))

    def _tooltip(self, info: ColumnInfo, n_rows: int, core_text: Callable[[str], str]) -> str:
        text = self.tr("{name}: {kind}, {missing:,} of {rows:,} missing, {unique:,} distinct\n"
                       "{summary}").format(name=info.name, kind=info.kind,
                                          missing=info.missing, rows=n_rows,
                                          unique=info.n_unique, summary=core_text(info.summary))
        if info.excluded:
            text += "\n" + self.tr("Left out by default: {reason}").format(
                reason=core_text(info.excluded))
        return text


def default_roles(table: Table, target: str) -> dict[str, str]:
    """`target` the target, the columns the reader suggests the features, the rest ignored."""
    features = set(table.default_features(target))
    if not features:  # a usable run needs one input; offer the first other column
        others = [c.name for c in table.columns if c.name != target]
        features = set(others[:1])
    return {c.name: TARGET if c.name == target else FEATURE if c.name in features
            else IGNORE for c in table.columns}
