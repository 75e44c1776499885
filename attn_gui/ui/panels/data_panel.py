"""The data side of a run: open a CSV, see what was detected, choose roles and cleaning.

The table is read off the UI thread by `TableLoader`; the preview shows the loaded frame
(never copied). The effect of the preprocessing choices is fitted by the core, off the GUI
thread too (`PreprocessingEffect`).
"""

from __future__ import annotations

import dataclasses
import html
import os

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QLabel,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...core.config import TrainConfig
from ...core.io import Table
from ..app.core_text import translated
from ..jobs.loader import LoadedTable, TableLoader
from ..jobs.steps import Steps
from ..widgets.colors import ERROR, WARN, colored
from ..widgets.option_form import OptionForm, options_of
from ..widgets.table_preview import TablePreview
from .column_table import FEATURE, IGNORE, TARGET, ColumnTable, default_roles
from .load_row import LoadRow
from .preprocessing_effect import PreprocessingEffect
from .target_box import TargetBox

__all__ = ["DataPanel", "FEATURE", "IGNORE", "TARGET"]

_DEFAULT_THRESHOLD = {"zscore": 3.0, "iqr": 1.5}


class DataPanel(QWidget):
    """Loads a table and collects target, features, task and preprocessing settings."""

    tableLoaded = Signal(object)  # attn_gui.core.io.Table
    loadFailed = Signal(str)  # the reader's sentence for the user
    changed = Signal()  # any change the user makes to roles, task or preprocessing
    effectShown = Signal()  # the fitted-effect line was recomputed (or its error shown)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._table: Table | None = None
        self._roles: dict[str, str] = {}
        self._pending: TrainConfig | None = None
        self._hint = ""  # why the last role change was refused
        self._split = (TrainConfig.valid_fraction, TrainConfig.seed)
        self._loader = TableLoader(self)
        self._showing = Steps(self)  # a loaded table, shown a part at a time
        self._effect = PreprocessingEffect(self._effect_config, self)
        self._effect.shown.connect(self._show_effect)
        self._build()
        self._loader.progress.connect(self.load_row.set_progress)
        self._loader.loaded.connect(self._on_loaded)
        self._loader.failed.connect(self._on_failed)
        self._set_preprocessing(TrainConfig())

    # -- construction --------------------------------------------------------------------
    def _build(self) -> None:
        self.load_row = LoadRow()
        self.load_row.fileChosen.connect(self.load)
        self.load_row.cancelClicked.connect(self.cancel_load)
        self.load_row.sheetChosen.connect(self._on_sheet_chosen)
        self.info_label = self._wrapping_label()
        self.info_label.setText(self.tr("No table loaded yet: open a CSV file or a workbook."))
        self.warnings_label = self._wrapping_label(WARN)
        self.error_label = self._wrapping_label(ERROR)
        self.column_table = ColumnTable()
        self.column_table.roleChosen.connect(self._on_role_chosen)
        self.roles_label = self._wrapping_label()
        self.preview_view = TablePreview()

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

        self._target_box = TargetBox(self.target)
        self._target_box.changed.connect(self._on_user_change)
        self._target_box.targetChosen.connect(lambda name: self._on_role_chosen(name, TARGET))
        # The panel's own names for them: apply_to reads the choices here.
        self.target_combo = self._target_box.column_combo
        self.target_warning = self._target_box.warning_label
        self.task_combo = self._target_box.task_combo
        self.positive_combo = self._target_box.positive_combo

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.load_row)
        layout.addWidget(self.info_label)
        layout.addWidget(self.warnings_label)
        layout.addWidget(self.error_label)
        layout.addWidget(splitter, 1)
        layout.addWidget(self._target_box)
        layout.addWidget(self._build_preprocessing_box())

    def _build_preprocessing_box(self) -> QGroupBox:
        box = OptionForm(self.tr("Preprocessing"), options_of("preprocessing"))
        self.preprocessing = box
        self.effect_label = self._wrapping_label()
        self.effect_label.setToolTip(self.tr(
            "Computed by fitting the chosen preprocessing on the training split, exactly as "
            "training will."))
        box.form.addRow(self.effect_label)
        box.changed.connect(self._on_user_change)
        box.field("outliers").currentIndexChanged.connect(self._enable_outlier_options)
        box.field("outlier_rule").currentIndexChanged.connect(self._on_rule_changed)
        return box

    def _wrapping_label(self, color: str | None = None) -> QLabel:
        label = QLabel()
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if color:
            label.setStyleSheet(f"color: {color};")
        label.setVisible(color is None)
        return label

    # -- public API ------------------------------------------------------------------------
    def load(self, path: str | os.PathLike[str], sheet: str | None = None,
             memory_cap: int | None = None) -> None:
        """Start reading `path` (a workbook's `sheet`, None: its first with data) in the
        background; `tableLoaded` or `loadFailed` follows. A CSV that needs more than
        `memory_cap` bytes (None: the memory available) to be read whole is streamed."""
        self._loader.memory_cap = memory_cap
        self._show_message(self.error_label, "")
        self.load_row.set_busy(True)
        self._loader.start(path, sheet)

    def _on_sheet_chosen(self, sheet: str) -> None:
        if self._table is not None and sheet != self._table.sheet:
            self.load(self._table.path, sheet)

    def cancel_load(self) -> None:
        if not self._loader.is_busy():
            return
        self._loader.cancel()
        self._pending = None
        self.load_row.set_busy(False)
        self._show_message(self.error_label, self.tr("Loading was cancelled."))

    def is_loading(self) -> bool:
        """From load() until the table shows (`tableLoaded`) or the read failed."""
        return self._loader.is_busy() or self._showing.pending

    def table(self) -> Table | None:
        return self._table

    def role(self, name: str) -> str:
        return self._roles[name]

    def roles(self) -> dict[str, str]:
        return dict(self._roles)

    def role_combo(self, name: str) -> QComboBox:
        """The combo box in the column list that sets `name`'s role."""
        return self.column_table.role_combo(name)

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
        self.preprocessing.apply_to(config)
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
        if self._table is None or self.is_loading():
            self._pending = dataclasses.replace(config)
            if config.target and self._loader.is_busy():
                self._loader.want(config.target)
        else:
            self._apply_data_choices(config)
        self._schedule_effect()

    def shutdown(self, timeout_ms: int = 3000) -> bool:
        """Stop loading and the pending recomputation; True if their threads ended."""
        self._showing.cancel()
        effect_ended = self._effect.shutdown(timeout_ms)
        return self._loader.shutdown(timeout_ms) and effect_ended

    # -- loading ---------------------------------------------------------------------------
    def _on_failed(self, message: object) -> None:
        self._pending = None  # meant for the file that failed, not for the next one
        self.load_row.set_busy(False)
        message = translated(message)
        shown = message
        if self._table is not None:
            shown += self.tr(" — still showing {name}.").format(
                name=os.path.basename(self._table.path))
        self._show_message(self.error_label, shown)
        self.loadFailed.emit(message)

    def _on_loaded(self, loaded: LoadedTable) -> None:
        """Show the table a part a turn of the event loop (the preview and the column list
        each take a turn of their own); `tableLoaded` once all of it shows."""
        table = loaded.table
        self._table = table
        self._roles = default_roles(table, table.default_target())  # the loader checked it
        self._showing.add(lambda: self._show_loaded(loaded),
                          lambda: self.preview_view.show_table(table),
                          lambda: self.column_table.fill(table, self._roles, translated),
                          self._loaded_shown)

    def _show_loaded(self, loaded: LoadedTable) -> None:
        table = loaded.table
        self.load_row.set_busy(False)
        self.load_row.show_sheets(table.sheet, table.sheets)
        self._target_box.set_table(table, loaded.targets)
        self._effect.set_table(table)
        self._show_table_info(table)

    def _loaded_shown(self) -> None:
        table = self._table
        self._show_roles_summary()
        self._target_box.refresh(None, infer=True)
        if self._pending is not None:
            self._apply_data_choices(self._pending)
            self._pending = None
        self._schedule_effect()
        self.tableLoaded.emit(table)

    def _show_table_info(self, table: Table) -> None:
        delimiters = {",": self.tr("comma"), ";": self.tr("semicolon"), "\t": self.tr("tab"),
                      "|": self.tr("pipe")}
        decimals = {".": self.tr("point"), ",": self.tr("comma")}
        encodings = {"utf-8-sig": "UTF-8 (BOM)", "cp1252": "Windows-1252", "latin-1": "Latin-1"}
        name = os.path.basename(table.path) or table.path
        if table.sheet is not None:
            self.info_label.setText(self.tr(
                "<b>{name}</b>, sheet <b>{sheet}</b> — {rows:,} rows × {columns:,} columns").format(
                name=_escape(name), sheet=_escape(table.sheet), rows=table.n_rows,
                columns=len(table.columns)))
            self.info_label.setToolTip(table.path)
            self._show_message(self.warnings_label,
                               "\n".join("⚠ " + translated(w) for w in table.warnings))
            return
        self.info_label.setText(self.tr(
            "<b>{name}</b> — {rows:,} rows × {columns:,} columns<br>"
            "encoding {encoding} · delimiter: {delimiter} · decimal mark: {decimal}").format(
            name=_escape(name), rows=table.n_rows, columns=len(table.columns),
            encoding=encodings.get(table.encoding, table.encoding.upper()),
            delimiter=delimiters.get(table.delimiter, repr(table.delimiter)),
            decimal=decimals.get(table.decimal, table.decimal)))
        self.info_label.setToolTip(table.path)
        self._show_message(self.warnings_label,
                           "\n".join("⚠ " + translated(w) for w in table.warnings))

    # -- roles -----------------------------------------------------------------------------
    def _on_role_chosen(self, name: str, role: str) -> None:
        # A click on the last table's list while the next one is being shown names a
        # column the new table may not have.
        if name in self._roles and role != self._roles[name]:
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
            self._target_box.refresh(None, infer=True)
        else:
            self._roles[name] = role
        self._hint = ""
        self._schedule_effect()
        return True

    def _sync_roles(self) -> None:
        """Make the column list and the summary under it show `_roles`."""
        if self._table is None:
            return
        self.column_table.show_roles(self._roles)
        self._show_roles_summary()

    def _show_roles_summary(self) -> None:
        n_features = len(self.features())
        n_ignored = sum(r == IGNORE for r in self._roles.values())
        summary = self.tr("Target <b>{target}</b> · {features:,} features · {ignored:,} "
                          "ignored").format(target=_escape(self.target() or ""),
                                            features=n_features, ignored=n_ignored)
        if self._hint:
            summary += f" — <span style='color:{WARN}'>{_escape(self._hint)}</span>"
        self.roles_label.setText(summary)

    # -- preprocessing -----------------------------------------------------------------------
    def _set_preprocessing(self, config: TrainConfig) -> None:
        self.preprocessing.set_from(config)
        self._enable_outlier_options()

    def _enable_outlier_options(self) -> None:
        active = self.preprocessing.field("outliers").currentData() != "none"
        for name in ("outlier_rule", "outlier_threshold"):
            self.preprocessing.field(name).setEnabled(active)

    def _on_rule_changed(self) -> None:
        # k = 3 standard deviations and k = 1.5 IQRs are the conventional fences; set
        # before the form's own `changed` reaches `_on_user_change`.
        threshold = self.preprocessing.field("outlier_threshold")
        threshold.blockSignals(True)
        threshold.set_exact(_DEFAULT_THRESHOLD[self.preprocessing.field("outlier_rule").currentData()])
        threshold.blockSignals(False)

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
        roles = default_roles(table, target)
        if features:
            roles = {n: TARGET if n == target else FEATURE if n in features else IGNORE
                     for n in names}
        self._roles = roles
        self._target_box.refresh(config.task, infer=config.task is None)
        self._target_box.refresh_positive(config.positive)
        self._hint = ""
        self._sync_roles()

    # -- the effect of the preprocessing -----------------------------------------------------
    def _schedule_effect(self) -> None:
        self._effect.schedule()

    def _effect_config(self) -> TrainConfig:
        config = TrainConfig(valid_fraction=self._split[0], seed=self._split[1])
        self.apply_to(config)
        return config

    def _show_effect(self, text: str, error: bool) -> None:
        colored(self.effect_label, text, ERROR if error else None)
        self.effectShown.emit()

    def _show_message(self, label: QLabel, text: str) -> None:
        label.setText(text)
        label.setVisible(bool(text))


def _escape(text: str) -> str:
    return html.escape(text, quote=False)
