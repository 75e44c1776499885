"""The main window: data panel, weighting editor and training monitor side by side.

Thin by design: the `Session` holds the project, its runs and the loaded table; the window
hands a TrainConfig from its panels, with the table, to the training monitor, and a
finished run goes to the session, whose signals redraw the Runs page and the actions. The
File menu's commands and Training ▸ Sweep (`workflow.py`) use the window's public methods.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING

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

from ...core.config import ConfigError, TrainConfig
from ..jobs.gui_gc import collect_in_gui_thread, settle
from ..jobs.steps import Steps
from ..panels.data_panel import DataPanel
from ..panels.training_monitor import TrainingMonitor
from ..panels.weighting_editor import WeightingEditor
from ..widgets.lazy_tabs import LazyTabs
from . import pages, settings
from .core_text import attention_mode, sentence
from .demos import demos_menu
from .i18n import language_menu
from .model_files import ModelFiles
from .report_export import ReportExport
from .session import Session
from .workflow import Workflow

if TYPE_CHECKING:
    from ...core.runs import Run
    from ..panels.checks_view import ChecksDialog
    from ..panels.explain_view import ExplainView
    from ..panels.runs_view import RunsView


class MainWindow(QMainWindow):
    def __init__(self):
        super().__init__()
        collect_in_gui_thread()
        self.setWindowTitle(self.tr("Attention Trainer"))
        self.setAcceptDrops(True)
        self.data_panel = DataPanel()
        self.weighting_editor = WeightingEditor()
        self.monitor = TrainingMonitor()
        self.pages = LazyTabs(self.monitor.tabs)
        self.pages.add("runs", self.tr("Runs"), lambda: pages.runs_view(self))
        self.pages.add("explain", self.tr("Explain rows"), pages.explain_view)
        self.pages.add("evaluate", self.tr("Evaluate"), lambda: pages.evaluation_view(self))
        self.session = Session(self)
        self.workflow = Workflow(self, self.session)
        self.report_export = ReportExport(self, self.session)
        self.models = ModelFiles(self, self.session)
        self.checks_dialog: ChecksDialog | None = None
        self._after_load = Steps(self)
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
        for signal in (self.data_panel.tableLoaded, self.data_panel.changed):
            signal.connect(self._enable_two_class_settings)
        self.session.runsChanged.connect(self.update_actions)
        self.session.newProject.connect(self.monitor.clear)
        self.workflow.recentProjectsChanged.connect(self._fill_recent_projects)
        self.data_panel.loadFailed.connect(self._load_failed)
        self.weighting_editor.changed.connect(self.update_actions)
        for signal in (self.data_panel.changed, self.weighting_editor.changed,
                       self.monitor.settingsChanged):
            signal.connect(self.workflow.mark_modified)
        self.monitor.tabs.currentChanged.connect(self._on_tab)
        self.monitor.runFinished.connect(self._run_ended)
        self.monitor.importanceComputed.connect(self._importance_computed)
        self.monitor.runFailed.connect(self._run_failed)
        self.monitor.start_button.clicked.connect(self.start_training)
        self._restore_layout()
        self.update_actions()
        self.statusBar().showMessage(self.tr("Open a CSV file or a workbook (Ctrl+O), or drop one on the window."))

    @property
    def runs_view(self) -> RunsView:
        return self.pages.page("runs")

    @property
    def explain_view(self) -> ExplainView:
        return self.pages.page("explain")

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
        work = self.workflow
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addAction(self._action("open_project", self.tr("Open &Project…"),
                                         work.open_project_dialog, "Ctrl+Shift+O",
                                         self.tr("Open a saved project: data, settings and runs")))
        self.recent_projects_menu = file_menu.addMenu(self.tr("Recent Pro&jects"))
        self._fill_recent_projects(settings.read("recent_projects"))
        file_menu.addAction(self._action("save", self.tr("&Save Project"), work.save,
                                         QKeySequence.StandardKey.Save,
                                         self.tr("Save the settings, every run and the kept model")))
        file_menu.addAction(self._action("save_as", self.tr("Save Project &As…"), work.save_as,
                                         QKeySequence.StandardKey.SaveAs))
        file_menu.addSeparator()
        file_menu.addAction(self._action("open", self.tr("&Open Table…"), self.open_dialog,
                                         QKeySequence.StandardKey.Open,
                                         self.tr("Read a CSV or TSV file, or a workbook")))
        self.recent_menu = file_menu.addMenu(self.tr("Open &Recent"))
        self._fill_recent(settings.read("recent_files"))
        file_menu.addSeparator()
        file_menu.addAction(self._action("open_model", self.tr("Open Mode&l…"), self.models.open_dialog,
                                         tip=self.tr("Add a saved model to the runs: see, keep, score")))
        file_menu.addAction(self._action("save_model", self.tr("Save &Model…"), work.save_model,
                                         "Ctrl+M", self.tr("Save the selected run's model "
                                                           "for 'main.py predict'")))
        file_menu.addAction(self._action("predict", self.tr("Pre&dict on a Table…"), work.predict,
                                         "Ctrl+Shift+P", self.tr(
                                             "Score a new file with the selected run's model")))
        export_menu = file_menu.addMenu(self.tr("&Export"))
        export_menu.addAction(self._action("export_png", self.tr("Plots as &PNG…"),
                                           lambda: work.export_plots("png")))
        export_menu.addAction(self._action("export_svg", self.tr("Plots as &SVG…"),
                                           lambda: work.export_plots("svg")))
        export_menu.addSeparator()
        export_menu.addAction(self._action("export_metrics", self.tr("Run &metrics as CSV…"),
                                           lambda: work.export_csv("metrics")))
        export_menu.addAction(self._action("export_curves", self.tr("Run &curves as CSV…"),
                                           lambda: work.export_csv("curves")))
        export_menu.addAction(self._action("export_attention", self.tr("&Attention table as CSV…"),
                                           lambda: work.export_csv("attention")))
        file_menu.addAction(self._action("export_report", self.tr("Export &Report…"),
                                         self.report_export.ask, tip=self.tr(
                                             "The selected run as one HTML page that opens offline")))
        file_menu.addAction(self._action("copy_command", self.tr("&Copy as Command"),
                                         work.copy_command, "Ctrl+Shift+C", self.tr(
                                             "Copy the 'main.py train' line that repeats the "
                                             "selected run headlessly")))
        file_menu.addAction(self._action("save_config", self.tr("Save Run &Configuration…"),
                                         work.save_run_config, tip=self.tr(
                                             "Save the selected run's settings as JSON for "
                                             "'main.py train --config'")))
        file_menu.addSeparator()
        file_menu.addAction(self._action("quit", self.tr("&Quit"), self.close,
                                         QKeySequence.StandardKey.Quit))
        train_menu = bar.addMenu(self.tr("&Training"))
        train_menu.addAction(self._action("start", self.tr("&Start"), self.start_training,
                                          "Ctrl+R", self.tr("Train with the current settings")))
        train_menu.addAction(self._action("pause", self.tr("&Pause / Resume"),
                                          self.monitor.toggle_pause, "Ctrl+P"))
        train_menu.addAction(self._action("stop", self.tr("S&top"), self.monitor.stop, "Ctrl+."))
        train_menu.addSeparator()
        train_menu.addAction(self._action("check_attention", self.tr("&Check Attention…"),
                                          self.check_attention, "Ctrl+K", self.tr(
                                              "Does attention help, stay put across seeds, "
                                              "and help a fresh network? (Wiegreffe & Pinter)")))
        train_menu.addAction(self._action("sweep", self.tr("S&weep…"), work.sweeps.show))
        view_menu = bar.addMenu(self.tr("&View"))
        view_menu.addMenu(language_menu(self))
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addMenu(demos_menu(self))
        help_menu.addAction(self._action("about", self.tr("&About"), self.about))

    def _fill_recent(self, paths: list[str]) -> None:
        self.recent_menu.clear()
        for path in paths:
            action = self.recent_menu.addAction(path)
            action.triggered.connect(lambda _=False, p=path: self.open_path(p))
        self.recent_menu.setEnabled(bool(paths))

    def _fill_recent_projects(self, paths: list[str]) -> None:
        self.recent_projects_menu.clear()
        for path in paths:
            action = self.recent_projects_menu.addAction(path)
            action.triggered.connect(lambda _=False, p=path: self.workflow.open_project_path(p))
        self.recent_projects_menu.setEnabled(bool(paths))

    def update_actions(self) -> None:
        running = self.monitor.is_running
        busy = running or self.workflow.sweeps.running  # a sweep trains on the open table too
        have_table = self.session.table is not None
        run = self.selected_run()
        have_runs = bool(self.session.runs)
        for key in ("start", "check_attention"):
            self.actions[key].setEnabled(have_table and not busy)
        self.actions["sweep"].setEnabled(have_table and not running)  # shows a running sweep
        self.monitor.start_button.setEnabled(have_table and not busy)
        self.actions["pause"].setEnabled(running)
        self.actions["stop"].setEnabled(running)
        for key in ("open", "open_project", "open_model"):
            self.actions[key].setEnabled(not busy)
        self.recent_menu.setEnabled(not busy and bool(settings.read("recent_files")))
        for key in ("save_model", "predict"):
            self.actions[key].setEnabled(run is not None and run.model is not None)
        for key in ("copy_command", "save_config", "export_report"):
            self.actions[key].setEnabled(run is not None)
        # Until a run has finished there is nothing to draw: an export would be empty axes.
        for key in ("export_metrics", "export_curves", "export_attention", "export_png",
                    "export_svg"):
            self.actions[key].setEnabled(have_runs and not running)

    def _enable_two_class_settings(self) -> None:
        """Threshold and false-positive cost: for two classes, as the positive class is."""
        two_classes = self.data_panel.positive_combo.isEnabled()
        for name in ("threshold", "fp_cost"):
            self.monitor.field(name).setEnabled(two_classes)

    # -- data --------------------------------------------------------------
    def open_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open a table"),
                                              settings.read("last_directory"),
                                              self.tr("Tables (*.csv *.tsv *.txt *.xlsx *.xlsm "
                                                      "*.xls *.ods);;Workbooks (*.xlsx *.xlsm "
                                                      "*.xls *.ods);;All files (*)"))
        if path:
            self.open_path(path)

    def open_path(self, path: str | Path) -> None:
        if self.monitor.is_running:
            self.statusBar().showMessage(self.tr("Stop the training run before opening another file."))
            return
        if self.workflow.sweeps.running:
            self.statusBar().showMessage(self.tr("Stop the sweep before opening another file."))
            return
        # Runs belong to the file they were trained on: another file starts a new project.
        new_file = self.session.data_path != str(Path(path).resolve())
        if new_file and self.session.runs and not self.workflow.keep_work():
            return
        self.statusBar().showMessage(self.tr("Reading {0}…").format(Path(path).name))
        self.data_panel.load(str(path), memory_cap=settings.read("memory_cap") or None)

    def _table_loaded(self, table) -> None:
        self.workflow.table_loaded(table)
        path = str(Path(table.path).resolve())
        # Built while the user looks at the data, a plot a step, so the first run need not,
        # but after the preprocessing effect: its fit holds the GIL on a worker thread, and
        # each Qt call of a paint meanwhile waits for it (80-130 ms stalls at 1M rows).
        self.data_panel.effectShown.connect(self.monitor.build_page_soon,
                                            Qt.ConnectionType.SingleShotConnection)
        self.statusBar().showMessage(self.tr("{0}: {1} rows, {2} columns").format(
            Path(path).name, table.n_rows, len(table.columns)))
        self.update_actions()
        # Each write of the settings file takes tens of ms on a busy disk: a turn of its own.
        self._after_load.add(lambda: self._fill_recent(settings.add_recent(path)),
                             lambda: settings.write("last_directory", str(Path(path).parent)),
                             settle)  # what reading imported is long-lived: no full gc walks it

    def _load_failed(self, message: str) -> None:
        self.workflow.load_failed()
        self.statusBar().showMessage(message)
        self.update_actions()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        self.models.accept_drag(event)

    def dropEvent(self, event: QDropEvent) -> None:  # a model, a project or a table
        self.models.drop(event)

    # -- what commands ask of the window ----------------------------------------------------
    def is_training(self) -> bool:
        return self.monitor.is_running

    def load_data(self, path: str | Path, sheet: str | None = None) -> None:
        """Read a data file (a workbook's `sheet`): a project's own, no question asked."""
        self.data_panel.load(str(path), sheet)

    def show_config(self, config: TrainConfig) -> None:
        self.weighting_editor.set_from(config)
        self.monitor.set_from(config)
        self.data_panel.set_from(config)

    def selected_run(self) -> Run | None:
        """The run an action applies to: the one selected on the Runs page, else the kept one."""
        view = self.pages.built("runs")
        return view.current_run() if view is not None else self.session.project.chosen_run

    def selected_runs(self) -> list[Run]:
        view = self.pages.built("runs")
        return view.selected_runs() if view is not None else []

    def plots_to_export(self) -> dict:
        """The plots File ▸ Export writes, by file-name stem."""
        monitor, runs = self.monitor, self.runs_view
        plots = {"loss": monitor.loss_plot, "score": monitor.score_plot,
                 "attention": monitor.attention_bars, "attention-history": monitor.attention_history}
        if not monitor.confusion_plot.isHidden() and monitor.confusion_plot.matrix.size:
            plots["confusion"] = monitor.confusion_plot
        if self.session.runs:
            plots.update({"runs-loss": runs.loss_plot, "runs-score": runs.score_plot,
                          "runs-attention": runs.attention_plot})
        evaluate = self.pages.built("evaluate")
        if evaluate is not None:  # the curves it shows for the runs it was last asked about
            plots.update({f"evaluate-{name}": plot for name, plot in evaluate.drawn_plots().items()})
        return plots

    def settings_to_save(self, previous: TrainConfig) -> tuple[TrainConfig, list[str]]:
        """Every setting that can be read, and the labels of those that cannot (e.g. hidden
        layers "abc"), which keep their `previous` value rather than losing the rest."""
        config = self._apply_panels(dataclasses.replace(previous))
        return config, self.monitor.settings_box.apply_valid(config)

    # -- training ----------------------------------------------------------
    def current_config(self, with_training: bool = True) -> TrainConfig:
        """Every setting copied out of the widgets into plain values.

        Raises ConfigError for a training setting the user must fix (e.g. hidden "abc").
        """
        config = self._apply_panels(TrainConfig())
        return self.monitor.apply_to(config) if with_training else config

    def _apply_panels(self, config: TrainConfig) -> TrainConfig:
        """The data and weighting settings written into `config`, which is returned."""
        self.data_panel.apply_to(config)
        self.weighting_editor.apply_to(config)
        return config

    def start_training(self) -> None:
        table = self.session.table
        if table is None or self.monitor.is_running:
            return
        if self.workflow.sweeps.running:
            self.statusBar().showMessage(self.tr(
                "A sweep is running: stop it, or wait for it to end, before training."))
            return
        if not self.weighting_editor.is_valid():
            self.statusBar().showMessage(self.weighting_editor.error_text())
            return
        # The monitor applies its own settings inside start(), where a bad one is shown.
        self.monitor.start(self.current_config(with_training=False), table)
        self.update_actions()

    def train_without_attention(self, run: Run) -> None:
        """The run's own settings again, attention off: what does attention add?"""
        table = self.session.table
        if table is None or self.monitor.is_running:
            return
        if run.data_path not in (None, self.session.data_path):
            self.statusBar().showMessage(self.tr(
                "“{0}” was trained on {1}; open that file to train it again.").format(
                    run.name, Path(run.data_path).name))
            return
        config = TrainConfig.from_dict({**run.config.to_dict(), "attention": "off"})
        if self.monitor.start(config, table, own_settings=False):
            self.session.compare_with = run
            self.monitor.tabs.setCurrentIndex(0)
        self.update_actions()

    def check_attention(self) -> None:
        """Wiegreffe & Pinter's three checks of the selected run's settings (the current
        ones when no run of this file is selected), in a dialog that stays open."""
        from ..panels.checks_view import ChecksDialog

        table, run = self.session.table, self.selected_run()
        if table is None or self.monitor.is_running:
            return
        if run is not None and run.data_path not in (None, self.session.data_path):
            run = None
        try:
            config = run.config if run is not None else self.current_config()
        except ConfigError as exc:
            self.statusBar().showMessage(sentence(exc))
            return
        if self.checks_dialog is None:
            self.checks_dialog = ChecksDialog(self)
        self.checks_dialog.start(table, config, run.name if run is not None else None)

    def _run_ended(self, result) -> None:
        trainer, final = result["trainer"], result["report"]
        config = trainer.config
        if config.attention == "off":
            stem = self.tr("no attention")
        else:  # softmax, sparsemax… are names; the attention mode is a word to translate
            stem = self.tr("{0} · {1}").format(config.weighting,
                                               attention_mode(config.attention))
        from ...core.project import run_from_training

        session = self.session
        if config.repeats > 1 or config.cv:
            stem = self.tr("{0} · {1} runs").format(stem, len(result["kept"]))
        run = run_from_training(session.project.next_name(stem), config, trainer, final,
                                data_path=session.data_path, data_sheet=session.table.sheet,
                                summary=result["summary"],
                                finals=[r.final for r in result["kept"]],
                                predictions=result.get("predictions"))
        compare_with = session.compare_with
        session.add_run(run, trainer.data)
        if compare_with is not None:  # the answer to "what does attention add?"
            self.monitor.tabs.setCurrentWidget(self.runs_view)

    def _importance_computed(self, report: dict) -> None:
        """Shuffling is done on the last group trained, the session's newest run."""
        if self.session.latest is not None:
            self.session.set_importance(self.session.latest[0], report)

    def show_run(self, run: Run | None) -> None:
        """A saved run's curves, attention, spread and importance on the Training page."""
        if run is not None:
            self.monitor.show_run(run)

    def _on_tab(self, index: int) -> None:
        if self.monitor.tabs.widget(index) is self.pages.built("explain"):
            run = self.selected_run()
            latest = self.session.latest
            same = latest is not None and run is not None and latest[0].model is run.model
            data = latest[1] if same else None
            self.explain_view.explain(run, self.session.table, data)

    def _run_failed(self, message: str) -> None:
        self.session.compare_with = None
        self.statusBar().showMessage(message)
        self.update_actions()

    # -- window ------------------------------------------------------------
    def about(self) -> None:
        from .about import show_about

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
        if not self.workflow.keep_work():
            event.ignore()
            return
        # Stop and join the worker threads first: no "QThread: Destroyed while running".
        self.monitor.shutdown()
        self.data_panel.shutdown()
        explain = self.pages.built("explain")
        if explain is not None:
            explain.shutdown()
        self.workflow.shutdown()
        self.report_export.shutdown()
        if self.checks_dialog is not None:
            self.checks_dialog.shutdown()
        settings.write("geometry", bytes(self.saveGeometry().data()))
        settings.write("splitter", bytes(self.splitter.saveState().data()))
        settings.flush()  # on disk before the window (perhaps the process) goes
        super().closeEvent(event)
