"""The main window: data panel, weighting editor and training monitor side by side.

Thin by design: it builds a TrainConfig from the three panels and hands it,
with the loaded table, to the training monitor. Every number comes from core.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QMainWindow,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ..core.config import TrainConfig
from . import settings
from .about import show_about
from .data_panel import DataPanel
from .demos import demos_menu
from .training_monitor import TrainingMonitor
from .weighting_editor import WeightingEditor

CSV_FILTER = "Tables (*.csv *.tsv *.txt);;All files (*)"


class MainWindow(QMainWindow):
    def __init__(self):
        super().__init__()
        self.setWindowTitle(self.tr("Attention Trainer"))
        self.setAcceptDrops(True)
        self.data_panel = DataPanel()
        self.weighting_editor = WeightingEditor()
        self.monitor = TrainingMonitor()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        for widget in (self.data_panel, self._settings_column(), self.monitor):
            self.splitter.addWidget(widget)
        # The monitor holds four plots and the results: it gets most of the width.
        for index, stretch in enumerate((3, 2, 6)):
            self.splitter.setStretchFactor(index, stretch)
        self.setCentralWidget(self.splitter)
        # Every QAction in one registry, so tests can check which are enabled.
        self.actions: dict[str, QAction] = {}
        self._build_menus()
        self.data_panel.tableLoaded.connect(self._table_loaded)
        self.data_panel.loadFailed.connect(self._load_failed)
        self.weighting_editor.changed.connect(self._update_actions)
        self.monitor.runFinished.connect(self._run_ended)
        self.monitor.runFailed.connect(self._run_failed)
        self.monitor.start_button.clicked.connect(self.start_training)
        self._restore_layout()
        self._update_actions()
        self.statusBar().showMessage(self.tr("Open a CSV file (Ctrl+O) or drop one on the window."))

    def _settings_column(self) -> QScrollArea:
        """Everything the user sets before a run, in one column: weighting, then training.

        The monitor's own settings move here so its whole width goes to the plots.
        """
        column = QWidget()
        layout = QVBoxLayout(column)
        layout.setContentsMargins(0, 0, 0, 0)
        self.weighting_editor.plot.setMaximumHeight(240)
        layout.addWidget(self.weighting_editor)
        self.monitor.controls.setMaximumWidth(16777215)
        layout.addWidget(self.monitor.controls)
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(column)
        scroll.setMinimumWidth(330)
        return scroll

    # -- menus -------------------------------------------------------------
    def _action(self, key: str, text: str, slot, shortcut=None, tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setStatusTip(tip)
        action.triggered.connect(slot)
        self.actions[key] = action
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addAction(self._action("open", self.tr("&Open CSV…"), self.open_dialog,
                                         QKeySequence.StandardKey.Open,
                                         self.tr("Read a CSV or TSV file")))
        self.recent_menu = file_menu.addMenu(self.tr("Open &Recent"))
        self._fill_recent(settings.read("recent_files"))
        file_menu.addSeparator()
        file_menu.addAction(self._action("quit", self.tr("&Quit"), self.close,
                                         QKeySequence.StandardKey.Quit))
        train_menu = bar.addMenu(self.tr("&Training"))
        train_menu.addAction(self._action("start", self.tr("&Start"), self.start_training,
                                          "Ctrl+R", self.tr("Train with the current settings")))
        train_menu.addAction(self._action("pause", self.tr("&Pause / Resume"),
                                          self.monitor.toggle_pause, "Ctrl+P"))
        train_menu.addAction(self._action("stop", self.tr("S&top"), self.monitor.stop, "Ctrl+."))
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addMenu(demos_menu(self))
        help_menu.addAction(self._action("about", self.tr("&About"), self.about))

    def _fill_recent(self, paths: list[str]) -> None:
        self.recent_menu.clear()
        for path in paths:
            action = self.recent_menu.addAction(path)
            action.triggered.connect(lambda _=False, p=path: self.open_path(p))
        self.recent_menu.setEnabled(bool(paths))

    def _update_actions(self) -> None:
        running = self.monitor.is_running
        have_table = self.data_panel.table() is not None
        self.actions["start"].setEnabled(have_table and not running)
        self.monitor.start_button.setEnabled(have_table and not running)
        self.actions["pause"].setEnabled(running)
        self.actions["stop"].setEnabled(running)
        self.actions["open"].setEnabled(not running)

    # -- data --------------------------------------------------------------
    def open_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open a table"),
                                              settings.read("last_directory"), CSV_FILTER)
        if path:
            self.open_path(path)

    def open_path(self, path: str | Path) -> None:
        if self.monitor.is_running:
            self.statusBar().showMessage(self.tr("Stop the training run before opening another file."))
            return
        self.statusBar().showMessage(self.tr("Reading {0}…").format(Path(path).name))
        self.data_panel.load(str(path))

    def _table_loaded(self, table) -> None:
        path = str(Path(table.path).resolve())
        self._fill_recent(settings.add_recent(path))
        settings.write("last_directory", str(Path(path).parent))
        self.setWindowTitle(self.tr("Attention Trainer — {0}").format(Path(path).name))
        self.statusBar().showMessage(self.tr("{0}: {1} rows, {2} columns").format(
            Path(path).name, table.n_rows, len(table.columns)))
        self._update_actions()

    def _load_failed(self, message: str) -> None:
        self.statusBar().showMessage(message)
        self._update_actions()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        urls = [u for u in event.mimeData().urls() if u.isLocalFile()]
        if urls:
            self.open_path(urls[0].toLocalFile())
            event.acceptProposedAction()

    # -- training ----------------------------------------------------------
    def current_config(self, with_training: bool = True) -> TrainConfig:
        """Every setting copied out of the widgets into plain values.

        Raises ConfigError for a training setting the user must fix (e.g. hidden "abc").
        """
        config = TrainConfig()
        self.data_panel.apply_to(config)
        self.weighting_editor.apply_to(config)
        if with_training:
            self.monitor.apply_to(config)
        return config

    def start_training(self) -> None:
        table = self.data_panel.table()
        if table is None or self.monitor.is_running:
            return
        if not self.weighting_editor.is_valid():
            self.statusBar().showMessage(self.weighting_editor.error_text())
            return
        # The monitor applies its own settings inside start(), where a bad one is shown.
        self.monitor.start(self.current_config(with_training=False), table)
        self._update_actions()

    def _run_ended(self, _result) -> None:
        self._update_actions()

    def _run_failed(self, message: str) -> None:
        self.statusBar().showMessage(message)
        self._update_actions()

    # -- window ------------------------------------------------------------
    def about(self) -> None:
        show_about(self)

    def _restore_layout(self) -> None:
        geometry = settings.read("geometry")
        if geometry:
            self.restoreGeometry(QByteArray(geometry))
        else:
            self.resize(1680, 960)
        splitter = settings.read("splitter")
        if splitter:
            self.splitter.restoreState(QByteArray(splitter))
        else:
            self.reset_layout()

    def reset_layout(self) -> None:
        """Default column widths: the live plots get half the window."""
        width = max(self.width(), 1200)
        self.splitter.setSizes([int(width * 0.26), int(width * 0.24), int(width * 0.5)])

    def closeEvent(self, event: QCloseEvent) -> None:
        # Stop and join the worker threads first: no "QThread: Destroyed while running".
        self.monitor.shutdown()
        self.data_panel.shutdown()
        settings.write("geometry", bytes(self.saveGeometry().data()))
        settings.write("splitter", bytes(self.splitter.saveState().data()))
        super().closeEvent(event)
