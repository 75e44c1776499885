"""The data side of a run: open a CSV, see what was detected, choose roles and cleaning.

The table is read off the UI thread by `TableLoader`; the preview is a `FrameModel` over
the loaded frame (never copied). The effect of the preprocessing choices is not guessed:
the core's own `prepare` fits them on the training split, debounced, on at most
`EFFECT_SAMPLE` rows, in a `BackgroundTask`: on a large file drawing the sample and
fitting take longer than a frame, and the window must not freeze while the user is still
choosing. A result the user has already changed the settings away from is dropped.
"""

from __future__ import annotations

import dataclasses
import html
import os
from collections.abc import Callable
from functools import partial

import numpy as np
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.config import TrainConfig
from ...core.dataset import Dataset, label_sort_key, prepare
from ...core.io import ColumnInfo, Table
from ...core.preprocess import target_labels
from ..app.core_text import translated
from ..jobs.loader import BackgroundTask, LoadedTable, TableLoader, TargetFacts, target_facts
from ..widgets.compact import compact
from ..widgets.table_model import FrameModel

# pandas is imported inside the functions that use it: it is kept off the window's start-up path

__all__ = ["DataPanel", "EFFECT_SAMPLE", "FEATURE", "IGNORE", "TARGET"]

FEATURE, TARGET, IGNORE = "feature", "target", "ignore"
EFFECT_SAMPLE = 50_000  # rows; fitting on more only refines counts the user reads as a gauge
_EFFECT_DELAY_MS = 250
_MEASURED_ROWS = 30
# Per turn of the event loop: a role combo box or a preview column's width costs a fraction
# of a millisecond, and a 200-column file must not freeze the window while they are made.
_COMBOS_PER_TURN = 30
_SIZED_PER_TURN = 15
_SAMPLE_SEED = 0
_ERROR = "#c62828"
_WARN = "#b26a00"
_NUMERIC_KINDS = ("numeric", "boolean")
_DEFAULT_THRESHOLD = {"zscore": 3.0, "iqr": 1.5}
_COL_NAME, _COL_KIND, _COL_MISSING, _COL_ROLE, _COL_SUMMARY = range(5)


class DataPanel(QWidget):
    """Loads a table and collects target, features, task and preprocessing settings."""

    tableLoaded = Signal(object)  # attn_gui.core.table.Table
    loadFailed = Signal(str)  # the reader's sentence for the user
    changed = Signal()  # any change the user makes to roles, task or preprocessing
    effectShown = Signal()  # the fitted-effect line was recomputed (or its error shown)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._table: Table | None = None
        self._effect_source: Table | None = None
        # task and class counts of the columns chosen as target so far (the loader brings
        # the default target's): each is a pass over a column, done once per table
        self._target_facts: dict[str, TargetFacts] = {}
        self._translations: dict[str, str] = {}  # the loader's, of the table's core texts
        self._roles: dict[str, str] = {}
        self._role_combos: dict[str, QComboBox] = {}
        self._combo_rows: list[int] = []  # rows of the column list still without a combo box
        self._unsized: list[int] = []  # preview columns not yet sized to their contents
        self._combo_timer = self._zero_timer(self._add_role_combos)
        self._sizing_timer = self._zero_timer(self._size_preview_columns)
        self._pending: TrainConfig | None = None
        self._hint = ""  # why the last role change was refused
        self._split = (TrainConfig.valid_fraction, TrainConfig.seed)
        self._loader = TableLoader(self)
        self._loader.progress.connect(self._on_progress)
        self._loader.loaded.connect(self._on_loaded)
        self._loader.failed.connect(self._on_failed)
        self._effect_timer = QTimer(self)
        self._effect_timer.setSingleShot(True)
        self._effect_timer.setInterval(_EFFECT_DELAY_MS)
        self._effect_timer.timeout.connect(self._update_effect)
        self._effect_task = BackgroundTask(self)
        self._effect_task.loaded.connect(self._show_effect)
        self._effect_task.failed.connect(self._show_effect_error)
        self._build()
        self._set_preprocessing(TrainConfig())

    # -- construction --------------------------------------------------------------------
    def _build(self) -> None:
        self.open_button = QPushButton(self.tr("Open CSV…"))
        self.open_button.setToolTip(self.tr("Read a CSV or TSV file; the encoding, delimiter and "
                                       "decimal mark are detected."))
        self.open_button.clicked.connect(self._choose_file)
        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, 1000)
        self.progress_bar.setTextVisible(False)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Stop reading; the table loaded before stays."))
        self.cancel_button.clicked.connect(self.cancel_load)
        top = QHBoxLayout()
        top.addWidget(self.open_button)
        top.addWidget(self.progress_bar, 1)
        top.addWidget(self.cancel_button)
        top.addStretch(0)
        self._set_busy(False)

        self.info_label = self._wrapping_label()
        self.info_label.setText(self.tr("No table loaded yet: open a CSV file."))
        self.warnings_label = self._wrapping_label(_WARN)
        self.error_label = self._wrapping_label(_ERROR)

        self.column_table = QTableWidget(0, 5)
        self.column_table.setHorizontalHeaderLabels(
            [self.tr("Column"), self.tr("Kind"), self.tr("Missing"), self.tr("Role"),
             self.tr("Summary")])
        self.column_table.verticalHeader().setVisible(False)
        self.column_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.column_table.setWordWrap(False)
        header = self.column_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setToolTip(self.tr("Role: a feature is an input, the target is predicted, an "
                                  "ignored column is not used. Grey columns are left out by "
                                  "default; hover for the reason."))
        self.roles_label = self._wrapping_label()

        self.preview_view = QTableView()
        self.preview_view.setWordWrap(False)
        # No alternating row colours: grey is how a missing cell is shown.
        self.preview_view.horizontalHeader().setDefaultSectionSize(90)
        self.preview_view.horizontalHeader().setMaximumSectionSize(240)
        rows = self.preview_view.verticalHeader()
        # Fixed heights let the view place a million rows without measuring any of them.
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 6)
        # Column widths are measured on the first rows only, not on the default 1000 (Qt 6
        # reads this from the horizontal header when sizing columns).
        self.preview_view.horizontalHeader().setResizeContentsPrecision(_MEASURED_ROWS)
        self._preview_model: FrameModel | None = None

        columns_box = QWidget()
        columns_layout = QVBoxLayout(columns_box)
        columns_layout.setContentsMargins(0, 0, 0, 0)
        columns_layout.addWidget(self.column_table)
        columns_layout.addWidget(self.roles_label)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(columns_box)
        splitter.addWidget(self.preview_view)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.info_label)
        layout.addWidget(self.warnings_label)
        layout.addWidget(self.error_label)
        layout.addWidget(splitter, 1)
        layout.addWidget(self._build_target_box())
        layout.addWidget(self._build_preprocessing_box())

    def _build_target_box(self) -> QGroupBox:
        self.task_combo = QComboBox()
        self._add_item(self.task_combo, self.tr("classification"), "classification",
                       self.tr("Predict a class: softmax output, cross-entropy loss, F1 score."))
        self._add_item(self.task_combo, self.tr("regression"), "regression",
                       self.tr("Predict a number: linear output, squared error, R²."))
        self.task_combo.currentIndexChanged.connect(self._on_task_changed)
        self.positive_combo = QComboBox()
        self.positive_combo.setToolTip(self.tr(
            "For two classes, the class whose precision, recall and F1 are reported. "
            "By default the class with fewer training rows."))
        self.positive_combo.currentIndexChanged.connect(self._on_user_change)
        compact(self.task_combo, self.positive_combo)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("Task"), self.task_combo)
        form.addRow(self.tr("Positive class"), self.positive_combo)
        box = QGroupBox(self.tr("Target"))
        box.setLayout(form)
        return box

    def _build_preprocessing_box(self) -> QGroupBox:
        training_only = self.tr("Statistics are computed on the training rows only, then applied "
                           "unchanged to validation rows and new data.")
        self.missing_combo = QComboBox()
        for text, value, tip in (
            (self.tr("fill with the median"), "median", self.tr(
                "Empty cells get the column's median (robust to outliers); text columns get "
                "their most frequent level.")),
            (self.tr("fill with the mean"), "mean", self.tr(
                "Empty cells get the column's mean; text columns their most frequent level.")),
            (self.tr("fill with the most frequent value"), "most_frequent", self.tr(
                "Empty cells get the column's most common value.")),
            (self.tr("drop rows"), "drop", self.tr(
                "Training rows with any empty feature are dropped; validation rows and new "
                "data are still filled with the median.")),
        ):
            self._add_item(self.missing_combo, text, value, tip)
        self.missing_combo.setToolTip(
            self.tr("How empty feature cells are handled. ") + training_only)

        self.outliers_combo = QComboBox()
        for text, value, tip in (
            (self.tr("keep"), "none", self.tr("Values are used as they are.")),
            (self.tr("clip to the fences"), "clip", self.tr(
                "Values beyond a fence are set to the fence value.")),
            (self.tr("drop rows"), "drop", self.tr(
                "Training rows with a value beyond a fence are dropped; validation rows and "
                "new data are clipped instead.")),
        ):
            self._add_item(self.outliers_combo, text, value, tip)
        self.outliers_combo.setToolTip(self.tr("What happens to extreme numeric values. ")
                                       + training_only)
        self.rule_combo = QComboBox()
        self._add_item(self.rule_combo, self.tr("z-score"), "zscore",
                       self.tr("Fences at mean ± k·standard deviation."))
        self._add_item(self.rule_combo, self.tr("IQR fences"), "iqr",
                       self.tr("Fences at Q1 − k·IQR and Q3 + k·IQR, with IQR = Q3 − Q1 "
                          "(Tukey's rule; robust to the outliers themselves)."))
        self.rule_combo.setToolTip(self.tr("Where the fences for outliers lie."))
        self.threshold_spin = QDoubleSpinBox()
        self.threshold_spin.setRange(0.1, 100.0)
        self.threshold_spin.setDecimals(2)
        self.threshold_spin.setSingleStep(0.5)
        self.threshold_spin.setPrefix("k = ")
        self.threshold_spin.setToolTip(self.tr("The fence multiplier k: 3 is usual for z-scores, "
                                          "1.5 for IQR fences."))
        # The fences get a row of their own: beside the outlier choice they set the width
        # of the whole panel.
        fences = QHBoxLayout()
        fences.addWidget(self.rule_combo, 2)
        fences.addWidget(self.threshold_spin, 1)

        self.scaling_combo = QComboBox()
        for text, value, tip in (
            (self.tr("z-score"), "zscore", self.tr("(x − mean) / standard deviation.")),
            (self.tr("min-max"), "minmax",
             self.tr("(x − min) / (max − min): values from 0 to 1.")),
            (self.tr("robust"), "robust", self.tr(
                "(x − median) / IQR: scaled by the median and the interquartile range, "
                "so a few extreme values barely move it.")),
            (self.tr("none"), "none", self.tr("Values are used as they are.")),
        ):
            self._add_item(self.scaling_combo, text, value, tip)
        self.scaling_combo.setToolTip(self.tr("How numeric features are scaled. ") + training_only)

        self.effect_label = self._wrapping_label()
        self.effect_label.setToolTip(self.tr(
            "Computed by fitting the chosen preprocessing on the training split, exactly as "
            "training will."))

        compact(self.missing_combo, self.outliers_combo, self.scaling_combo)
        compact(self.rule_combo, chars=5)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("Missing values"), self.missing_combo)
        form.addRow(self.tr("Outliers"), self.outliers_combo)
        form.addRow(self.tr("Fences"), fences)
        form.addRow(self.tr("Scaling"), self.scaling_combo)
        form.addRow(self.effect_label)
        box = QGroupBox(self.tr("Preprocessing"))
        box.setLayout(form)

        for combo in (self.missing_combo, self.scaling_combo):
            combo.currentIndexChanged.connect(self._on_user_change)
        self.outliers_combo.currentIndexChanged.connect(self._on_outliers_changed)
        self.rule_combo.currentIndexChanged.connect(self._on_rule_changed)
        self.threshold_spin.valueChanged.connect(self._on_user_change)
        return box

    def _wrapping_label(self, color: str | None = None) -> QLabel:
        label = QLabel()
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if color:
            label.setStyleSheet(f"color: {color};")
        label.setVisible(color is None)
        return label

    @staticmethod
    def _add_item(combo: QComboBox, text: str, value: str, tip: str) -> None:
        combo.addItem(text, value)
        combo.setItemData(combo.count() - 1, tip, Qt.ItemDataRole.ToolTipRole)

    # -- public API ------------------------------------------------------------------------
    def load(self, path: str | os.PathLike[str]) -> None:
        """Start reading `path` in the background; `tableLoaded` or `loadFailed` follows."""
        self._show_message(self.error_label, "")
        self.progress_bar.setValue(0)
        self._set_busy(True)
        self._loader.start(path)

    def cancel_load(self) -> None:
        if not self._loader.is_busy():
            return
        self._loader.cancel()
        self._pending = None
        self._set_busy(False)
        self._show_message(self.error_label, self.tr("Loading was cancelled."))

    def is_loading(self) -> bool:
        return self._loader.is_busy()

    def table(self) -> Table | None:
        return self._table

    def role(self, name: str) -> str:
        return self._roles[name]

    def roles(self) -> dict[str, str]:
        return dict(self._roles)

    def role_combo(self, name: str) -> QComboBox:
        """The combo box in the column list that sets `name`'s role."""
        if name not in self._role_combos:
            self._add_role_combos(len(self._combo_rows))
        return self._role_combos[name]

    def target(self) -> str | None:
        return next((n for n, r in self._roles.items() if r == TARGET), None)

    def features(self) -> list[str]:
        return [n for n, r in self._roles.items() if r == FEATURE]

    def set_role(self, name: str, role: str) -> bool:
        """Give column `name` a role as the user would; False (with a hint) if refused."""
        accepted = self._change_role(name, role)
        self._sync_roles()
        if accepted:
            self.changed.emit()
        return accepted

    def apply_to(self, config: TrainConfig) -> None:
        """Write data settings into `config`. Without a table only preprocessing is set."""
        config.missing = self.missing_combo.currentData()
        config.outliers = self.outliers_combo.currentData()
        config.outlier_rule = self.rule_combo.currentData()
        config.outlier_threshold = self.threshold_spin.value()
        config.scaling = self.scaling_combo.currentData()
        if self._table is None:
            return
        config.target = self.target()
        # A one-column file has no feature to offer; None lets the core say so.
        config.features = self.features() or None
        config.task = self.task_combo.currentData()
        config.positive = self.positive_combo.currentData()

    def set_from(self, config: TrainConfig) -> None:
        """Show `config`'s settings. Roles, task and positive class wait for the table
        being loaded, if any. Emits no `changed`."""
        self._split = (config.valid_fraction, config.seed)
        self._set_preprocessing(config)
        if self._table is None or self._loader.is_busy():
            self._pending = dataclasses.replace(config)
            if config.target and self._loader.is_busy():
                self._loader.want(config.target)
        else:
            self._apply_data_choices(config)
        self._schedule_effect()

    def shutdown(self, timeout_ms: int = 3000) -> bool:
        """Stop loading and the pending recomputation; True if their threads ended."""
        self._effect_timer.stop()
        effect_ended = self._effect_task.shutdown(timeout_ms)
        return self._loader.shutdown(timeout_ms) and effect_ended

    # -- loading ---------------------------------------------------------------------------
    def _choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open a table"), "",
            self.tr("Tables (*.csv *.tsv *.txt *.dat);;All files (*)"))
        if path:
            self.load(path)

    def _set_busy(self, busy: bool) -> None:
        self.progress_bar.setVisible(busy)
        self.cancel_button.setVisible(busy)

    def _on_progress(self, fraction: float) -> None:
        self.progress_bar.setValue(round(fraction * 1000))

    def _on_failed(self, message: str) -> None:
        self._pending = None  # meant for the file that failed, not for the next one
        self._set_busy(False)
        message = translated(message)
        shown = message
        if self._table is not None:
            shown += self.tr(" — still showing {name}.").format(
                name=os.path.basename(self._table.path))
        self._show_message(self.error_label, shown)
        self.loadFailed.emit(message)

    def _on_loaded(self, loaded: LoadedTable) -> None:
        self._set_busy(False)
        table = loaded.table
        target = table.default_target()  # the loader has checked that there is one
        self._table = table
        self._target_facts = dict(loaded.targets)
        self._translations = loaded.translations
        self._effect_source = None  # drawn by the first effect task, off this thread
        self._roles = self._default_roles(table, target)
        self._show_table_info(table)
        self._show_preview(table)
        self._fill_column_table(table)
        self._refresh_target_choices(None, infer=True)
        if self._pending is not None:
            self._apply_data_choices(self._pending)
            self._pending = None
        self._schedule_effect()
        self.tableLoaded.emit(table)

    @staticmethod
    def _default_roles(table: Table, target: str) -> dict[str, str]:
        features = set(table.default_features(target))
        if not features:  # a usable run needs one input; offer the first other column
            others = [c.name for c in table.columns if c.name != target]
            features = set(others[:1])
        return {c.name: TARGET if c.name == target else FEATURE if c.name in features
                else IGNORE for c in table.columns}

    def _show_table_info(self, table: Table) -> None:
        delimiters = {",": self.tr("comma"), ";": self.tr("semicolon"), "\t": self.tr("tab"),
                      "|": self.tr("pipe")}
        decimals = {".": self.tr("point"), ",": self.tr("comma")}
        encodings = {"utf-8-sig": "UTF-8 (BOM)", "cp1252": "Windows-1252", "latin-1": "Latin-1"}
        name = os.path.basename(table.path) or table.path
        self.info_label.setText(self.tr(
            "<b>{name}</b> — {rows:,} rows × {columns:,} columns<br>"
            "encoding {encoding} · delimiter: {delimiter} · decimal mark: {decimal}").format(
            name=_escape(name), rows=table.n_rows, columns=len(table.columns),
            encoding=encodings.get(table.encoding, table.encoding.upper()),
            delimiter=delimiters.get(table.delimiter, repr(table.delimiter)),
            decimal=decimals.get(table.decimal, table.decimal)))
        self.info_label.setToolTip(table.path)
        self._show_message(self.warnings_label,
                           "\n".join("⚠ " + self._core_text(w) for w in table.warnings))

    def _show_preview(self, table: Table) -> None:
        old = self._preview_model
        self._preview_model = FrameModel(table.frame, table.columns, self)
        self.preview_view.setModel(self._preview_model)
        if old is not None:
            old.deleteLater()
        self._unsized = list(range(self._preview_model.columnCount()))
        self._size_preview_columns()

    def _size_preview_columns(self) -> None:
        """Fit a batch of preview columns to their first rows; the rest on later turns."""
        batch, self._unsized = self._unsized[:_SIZED_PER_TURN], self._unsized[_SIZED_PER_TURN:]
        for column in batch:
            self.preview_view.resizeColumnToContents(column)
        if self._unsized:
            self._sizing_timer.start()

    def _fill_column_table(self, table: Table) -> None:
        grid = self.column_table
        grid.setRowCount(0)
        grid.setRowCount(len(table.columns))
        self._role_combos = {}
        kinds = {"numeric": self.tr("numeric"), "boolean": self.tr("yes/no"),
                 "categorical": self.tr("text"), "id": self.tr("ID"),
                 "constant": self.tr("constant"), "empty": self.tr("empty")}
        for row, info in enumerate(table.columns):
            tip = self._column_tooltip(info, table.n_rows)
            cells = {
                _COL_NAME: info.name,
                _COL_KIND: kinds.get(info.kind, info.kind),
                _COL_MISSING: f"{info.missing:,}",
                _COL_SUMMARY: self._core_text(info.excluded or info.summary),
            }
            for column, text in cells.items():
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                item.setToolTip(tip)
                if column == _COL_MISSING:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                grid.setItem(row, column, item)
        self._combo_rows = list(range(len(table.columns)))
        self._add_role_combos()
        self._sync_roles()
        grid.resizeColumnsToContents()
        header = grid.horizontalHeader()
        header.resizeSection(_COL_NAME, min(header.sectionSize(_COL_NAME), 180))
        # The summary takes what is left and elides; its tooltip has the whole text.
        header.setSectionResizeMode(_COL_SUMMARY, QHeaderView.ResizeMode.Stretch)

    def _add_role_combos(self, count: int = _COMBOS_PER_TURN) -> None:
        """Give `count` more rows of the column list their role combo box; the rest follow
        on later turns of the event loop."""
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
            combo.setToolTip(self.column_table.item(row, _COL_NAME).toolTip())
            combo.currentIndexChanged.connect(partial(self._on_role_combo, info.name))
            self.column_table.setCellWidget(row, _COL_ROLE, combo)
            self._role_combos[info.name] = combo
        if self._combo_rows:
            self._combo_timer.start()

    def _zero_timer(self, slot: Callable[[], None]) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(0)
        timer.timeout.connect(slot)
        return timer

    def _column_tooltip(self, info: ColumnInfo, n_rows: int) -> str:
        text = self.tr("{name}: {kind}, {missing:,} of {rows:,} missing, {unique:,} distinct\n"
                       "{summary}").format(name=info.name, kind=info.kind,
                                          missing=info.missing, rows=n_rows,
                                          unique=info.n_unique, summary=self._core_text(info.summary))
        if info.excluded:
            text += "\n" + self.tr("Left out by default: {reason}").format(
                reason=self._core_text(info.excluded))
        return text

    def _core_text(self, message: str) -> str:
        """A summary, reason or note of the table in the interface language."""
        return self._translations.get(message) or translated(message)

    # -- roles -----------------------------------------------------------------------------
    def _on_role_combo(self, name: str, index: int) -> None:
        role = self._role_combos[name].itemData(index)
        if role != self._roles.get(name):
            self.set_role(name, role)

    def _change_role(self, name: str, role: str) -> bool:
        if name not in self._roles or role not in (FEATURE, TARGET, IGNORE):
            raise ValueError(f"no column {name!r} or unknown role {role!r}")
        old = self._roles[name]
        if role == old:
            return True
        if old == TARGET:
            self._hint = self.tr("There must be one target: make another column the target "
                                 "instead.")
            return False
        if old == FEATURE and role == IGNORE and self.features() == [name]:
            self._hint = self.tr("At least one feature is needed.")
            return False
        if role == TARGET:
            previous = self.target()
            if previous is not None:
                self._roles[previous] = FEATURE
            self._roles[name] = TARGET
            self._refresh_target_choices(None, infer=True)
        else:
            self._roles[name] = role
        self._hint = ""
        self._schedule_effect()
        return True

    def _sync_roles(self) -> None:
        """Make the column list show `_roles`: combos, bold target, grey ignored columns."""
        table = self._table
        if table is None:
            return
        muted = self.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        normal = self.palette().color(QPalette.ColorRole.Text)
        for row, info in enumerate(table.columns):
            role = self._roles[info.name]
            combo = self._role_combos.get(info.name)  # None: made later, with the role then
            if combo is not None:
                combo.blockSignals(True)
                combo.setCurrentIndex(combo.findData(role))
                combo.blockSignals(False)
            font = QFont(self.column_table.font())
            font.setBold(role == TARGET)
            for column in (_COL_NAME, _COL_KIND, _COL_MISSING, _COL_SUMMARY):
                item = self.column_table.item(row, column)
                item.setFont(font)
                item.setForeground(muted if role == IGNORE else normal)
        n_features = len(self.features())
        n_ignored = sum(r == IGNORE for r in self._roles.values())
        summary = self.tr("Target <b>{target}</b> · {features:,} features · {ignored:,} "
                          "ignored").format(target=_escape(self.target() or ""),
                                            features=n_features, ignored=n_ignored)
        if self._hint:
            summary += f" — <span style='color:{_WARN}'>{_escape(self._hint)}</span>"
        self.roles_label.setText(summary)

    # -- target: task and positive class -----------------------------------------------------
    def _refresh_target_choices(self, task: str | None, infer: bool) -> None:
        """Refill the task and positive-class choices for the current target."""
        table, target = self._table, self.target()
        if table is None or target is None:
            return
        info = table.info(target)
        inferred = self._facts(target).task
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
        self._refresh_positive(None)

    def _refresh_positive(self, keep: str | None) -> None:
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

        table, target = self._table, self.target()
        if table is None or target is None or self.task_combo.currentData() != "classification":
            return []
        # Counting raw values first keeps a million-row target cheap: only two get labelled.
        counts = self._facts(target).counts
        if counts is None:
            return []
        labels = target_labels(pd.Series(counts.index, dtype=table.frame[target].dtype),
                               table.info(target).labels)
        return sorted(((str(label), int(count)) for label, count in zip(labels, counts, strict=True)),
                      key=lambda pair: label_sort_key(pair[0]))

    def _facts(self, target: str) -> TargetFacts:
        """Worked out once per table and target: task, role and settings changes ask again."""
        facts = self._target_facts.get(target)
        if facts is None:
            assert self._table is not None
            facts = self._target_facts[target] = target_facts(self._table, target)
        return facts

    def _on_task_changed(self) -> None:
        self._refresh_positive(self.positive_combo.currentData())
        self._on_user_change()

    # -- preprocessing -----------------------------------------------------------------------
    def _set_preprocessing(self, config: TrainConfig) -> None:
        widgets = (self.missing_combo, self.outliers_combo, self.rule_combo,
                   self.threshold_spin, self.scaling_combo)
        for widget in widgets:
            widget.blockSignals(True)
        try:
            for combo, value in ((self.missing_combo, config.missing),
                                 (self.outliers_combo, config.outliers),
                                 (self.rule_combo, config.outlier_rule),
                                 (self.scaling_combo, config.scaling)):
                index = combo.findData(value)
                if index >= 0:
                    combo.setCurrentIndex(index)
            self.threshold_spin.setValue(config.outlier_threshold)
        finally:
            for widget in widgets:
                widget.blockSignals(False)
        self._enable_outlier_options()

    def _enable_outlier_options(self) -> None:
        active = self.outliers_combo.currentData() != "none"
        self.rule_combo.setEnabled(active)
        self.threshold_spin.setEnabled(active)

    def _on_outliers_changed(self) -> None:
        self._enable_outlier_options()
        self._on_user_change()

    def _on_rule_changed(self) -> None:
        # k = 3 standard deviations and k = 1.5 IQRs are the conventional fences.
        self.threshold_spin.blockSignals(True)
        self.threshold_spin.setValue(_DEFAULT_THRESHOLD[self.rule_combo.currentData()])
        self.threshold_spin.blockSignals(False)
        self._on_user_change()

    def _on_user_change(self) -> None:
        self._schedule_effect()
        self.changed.emit()

    def _apply_data_choices(self, config: TrainConfig) -> None:
        """Roles, task and positive class from `config`, as far as this table allows."""
        table = self._table
        assert table is not None
        names = [c.name for c in table.columns]
        target = config.target if config.target in names else self.target()
        assert target is not None
        features = [f for f in (config.features or []) if f in names and f != target]
        roles = self._default_roles(table, target)
        if features:
            roles = {n: TARGET if n == target else FEATURE if n in features else IGNORE
                     for n in names}
        self._roles = roles
        self._refresh_target_choices(config.task, infer=config.task is None)
        self._refresh_positive(config.positive)
        self._hint = ""
        self._sync_roles()

    def _schedule_effect(self) -> None:
        # a fit still running is for settings the user has just changed: its result is stale
        self._effect_task.cancel()
        if self._table is not None:
            self._effect_timer.start()

    def _update_effect(self) -> None:
        table = self._table
        if table is None:
            return
        config = TrainConfig(valid_fraction=self._split[0], seed=self._split[1])
        self.apply_to(config)
        sample = self._effect_source
        self._effect_task.run(lambda _progress, _should_stop: _fit_effect(table, sample, config))

    def _show_effect(self, effect: _Effect) -> None:
        table = self._table
        if table is None:
            return
        self._effect_source = effect.source
        if effect.dataset is None:
            self._show_effect_error(effect.error)
            return
        dataset = effect.dataset
        train = dataset.report["train"]
        dropped_missing = train["rows_dropped_missing"]
        dropped_outliers = train["rows_dropped_outliers"]
        text = ""
        if effect.source is not table:
            text = self.tr("Estimated on a random sample of {sample:,} of {rows:,} rows: ").format(
                sample=effect.source.n_rows, rows=table.n_rows)
        text += self.tr(
            "fitted on {rows:,} training rows: {dropped:,} rows dropped, {imputed:,} values "
            "imputed, {clipped:,} values clipped").format(
            rows=train["rows_in"], dropped=dropped_missing + dropped_outliers,
            imputed=train["values_imputed"], clipped=train["values_clipped"])
        if dropped_missing and dropped_outliers:
            text += self.tr(" ({missing:,} with missing values, {outliers:,} as outliers)").format(
                missing=dropped_missing, outliers=dropped_outliers)
        text += self.tr("; {inputs:,} model inputs.").format(inputs=dataset.X_train.shape[1])
        without = dataset.report["rows_without_target"]
        if without:
            text += " " + self.tr("{rows:,} rows without a target value are left out.").format(
                rows=without)
        self.effect_label.setStyleSheet("")
        self.effect_label.setText(text[:1].upper() + text[1:])
        self.effectShown.emit()

    def _show_effect_error(self, message: str) -> None:
        self.effect_label.setStyleSheet(f"color: {_ERROR};")
        self.effect_label.setText(translated(message))
        self.effectShown.emit()

    def _show_message(self, label: QLabel, text: str) -> None:
        label.setText(text)
        label.setVisible(bool(text))


def _escape(text: str) -> str:
    return html.escape(text, quote=False)





@dataclasses.dataclass(frozen=True)
class _Effect:
    """What a fit of the preprocessing on the effect sample found: the dataset, or why not."""

    source: Table  # the sample fitted on, kept for the next fit
    dataset: Dataset | None = None
    error: str = ""


def _fit_effect(table: Table, sample: Table | None, config: TrainConfig) -> _Effect:
    """Runs in a background thread: it reads only `table` and `config`, both no longer
    changed by the panel (a new table or new settings start another fit)."""
    source = sample if sample is not None else _sample(table)
    try:
        return _Effect(source, prepare(source, config))
    except ValueError as exc:  # DataError and friends: one sentence for the user
        return _Effect(source, error=str(exc))


def _sample(table: Table) -> Table:
    if table.n_rows <= EFFECT_SAMPLE:
        return table
    # Generator.choice draws k of n in O(k) (DataFrame.sample permutes all n, holding the
    # GIL and so the window, 30-45 ms at 1M rows); sorted, the rows keep the file's order.
    rows = np.sort(np.random.default_rng(_SAMPLE_SEED).choice(
        table.n_rows, EFFECT_SAMPLE, replace=False))
    return dataclasses.replace(table, frame=table.frame.take(rows).reset_index(drop=True))
