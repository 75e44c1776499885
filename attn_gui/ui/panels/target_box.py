"""The target column: which it is, how many rows have a value for it, the task, and for two
classes the class reported on."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLabel, QWidget

from ...core.config import OPTIONS
from ...core.dataset import label_sort_key
from ...core.io import ColumnInfo, Table
from ...core.preprocess import target_labels
from ..jobs.loader import TargetFacts, target_facts
from ..widgets.colors import WARN
from ..widgets.compact import compact
from ..widgets.option_form import make_editor, option_text

# pandas is imported inside the functions that use it: it is kept off the window's start-up path

__all__ = ["TargetBox"]

_NUMERIC_KINDS = ("numeric", "boolean")
# A target missing in this share of the rows, or leaving fewer rows than this, is warned
# about: those rows are left out of training and validation, which the user may not expect.
_MISSING_SHARE = 0.1
_FEW_ROWS = 100


class TargetBox(QGroupBox):
    """The target that `target()` names, with its task and positive class."""

    changed = Signal()  # the user chose another task or positive class
    targetChosen = Signal(str)  # the user chose this column as the target in the selector

    def __init__(self, target: Callable[[], str | None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._target = target
        self._table: Table | None = None
        # task and class counts of the columns chosen as target so far (the loader brings
        # the default target's): each is a pass over a column, done once per table
        self._facts: dict[str, TargetFacts] = {}
        self.setTitle(self.tr("Target"))
        self.column_combo = QComboBox()
        self.column_combo.setToolTip(self.tr(
            "The target is the column the network learns to predict from the features. "
            "Choosing it here is the same as giving it the role 'target' in the column list."))
        self.column_combo.currentIndexChanged.connect(self._on_column_chosen)
        self.warning_label = QLabel()
        self.warning_label.setWordWrap(True)
        self.warning_label.setTextFormat(Qt.TextFormat.PlainText)  # a column may be named "<b>"
        self.warning_label.setStyleSheet(f"color: {WARN};")
        self.warning_label.setVisible(False)
        self.task_combo = make_editor(OPTIONS["task"])
        self.task_combo.currentIndexChanged.connect(self._on_task_changed)
        self.positive_combo = QComboBox()
        self.positive_combo.setToolTip(option_text(OPTIONS["positive"].help))
        self.positive_combo.currentIndexChanged.connect(self.changed)
        compact(self.column_combo, self.task_combo, self.positive_combo)
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        # the form makes a label with a mnemonic the selector's buddy: Alt+C reaches it
        form.addRow(self.tr("&Column"), self.column_combo)
        form.addRow(self.warning_label)
        form.addRow(option_text(OPTIONS["task"].label), self.task_combo)
        form.addRow(option_text(OPTIONS["positive"].label), self.positive_combo)

    def set_table(self, table: Table, facts: dict[str, TargetFacts]) -> None:
        """A new table, with the facts the loader already found about its columns."""
        self._table = table
        self._facts = dict(facts)
        self.column_combo.blockSignals(True)
        self.column_combo.clear()
        for column in table.columns:
            self.column_combo.addItem(column.name, column.name)
        self.column_combo.blockSignals(False)

    def refresh(self, task: str | None, infer: bool) -> None:
        """Refill the task and positive-class choices for the current target."""
        table, target = self._table, self._target()
        if table is None or target is None:
            return
        info = table.info(target)
        self._show_target(info, table.n_rows)
        inferred = self._facts_of(target).task
        numeric = info.kind in _NUMERIC_KINDS
        self.task_combo.blockSignals(True)
        model = self.task_combo.model()
        model.item(self.task_combo.findData("regression")).setEnabled(numeric)
        chosen = inferred if infer or task is None else task
        if chosen == "regression" and not numeric:
            chosen = "classification"
        self.task_combo.setCurrentIndex(self.task_combo.findData(chosen))
        self.task_combo.blockSignals(False)
        self.task_combo.setToolTip(self.tr(
            "Detected from '{target}' ({unique:,} distinct values): {task}. You can change it."
        ).format(target=target, unique=info.n_unique, task=inferred))
        self.refresh_positive(None)

    def refresh_positive(self, keep: str | None) -> None:
        """Refill the positive-class choice, keeping the class `keep` if it is still there."""
        combo = self.positive_combo
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(self.tr("(minority class)"), None)
        classes = self._binary_classes()
        for label, count in classes:
            combo.addItem(self.tr("{label} ({count:,} rows)").format(label=label, count=count),
                          label)
        index = combo.findData(keep) if keep is not None else -1
        combo.setCurrentIndex(max(index, 0))
        combo.setEnabled(bool(classes))
        combo.blockSignals(False)

    def _binary_classes(self) -> list[tuple[str, int]]:
        """The two classes of the target with their row counts; [] unless exactly two."""
        import pandas as pd

        table, target = self._table, self._target()
        if table is None or target is None or self.task_combo.currentData() != "classification":
            return []
        # Counting raw values first keeps a million-row target cheap: only two get labelled.
        counts = self._facts_of(target).counts
        if counts is None:
            return []
        labels = target_labels(pd.Series(counts.index, dtype=table.frame[target].dtype),
                               table.info(target).labels)
        pairs = ((str(label), int(count)) for label, count in zip(labels, counts, strict=True))
        return sorted(pairs, key=lambda pair: label_sort_key(pair[0]))

    def _show_target(self, info: ColumnInfo, n_rows: int) -> None:
        """Select `info`'s column in the selector and warn if many rows lack a value for it."""
        self.column_combo.blockSignals(True)
        self.column_combo.setCurrentIndex(self.column_combo.findData(info.name))
        self.column_combo.blockSignals(False)
        present = n_rows - info.missing
        warn = info.missing > 0 and (info.missing >= _MISSING_SHARE * n_rows
                                     or present < _FEW_ROWS)
        self.warning_label.setText(self.tr(
            "⚠ '{target}' is empty in {missing:,} of {rows:,} rows: only the {present:,} rows "
            "with a value are used for training and validation.").format(
            target=info.name, missing=info.missing, rows=n_rows, present=present)
            if warn else "")
        self.warning_label.setVisible(warn)

    def _on_column_chosen(self, index: int) -> None:
        self.targetChosen.emit(self.column_combo.itemData(index))

    def _facts_of(self, target: str) -> TargetFacts:
        """Worked out once per table and target: task, role and settings changes ask again."""
        facts = self._facts.get(target)
        if facts is None:
            assert self._table is not None
            facts = self._facts[target] = target_facts(self._table, target)
        return facts

    def _on_task_changed(self) -> None:
        self.refresh_positive(self.positive_combo.currentData())
        self.changed.emit()
