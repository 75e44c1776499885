"""The File menu's commands: projects, models, prediction, export and "Copy as command".

Commands act on the `Session` (the project, its runs, the loaded table) and ask the window
only through its public methods: the current settings, the selected run, the plots to
export, showing settings and loading a file. Every file the user saves goes through the
core's atomic writers; every failure becomes one sentence in the status bar and a message
box, and the window keeps its state.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from ...core.config import ConfigError
from ...core.io import read_table
from ..jobs.loader import BackgroundTask
from . import settings
from .core_text import sentence
from .sweeps import Sweeps

if TYPE_CHECKING:
    from ...core.config import TrainConfig
    from ...core.runs import Project, Run
    from .main_window import MainWindow
    from .session import Session

# The modules that save, score and export are imported inside the commands that use them:
# only once the user asks, not on the window's start-up path (tests/ui/test_lazy_start.py).

__all__ = ["MODEL_SUFFIX", "Workflow"]

MODEL_SUFFIX = ".atmodel"
_TABLES = "*.csv *.tsv *.txt *.dat *.xlsx *.xlsm *.xls *.ods"


class Workflow(QObject):
    recentProjectsChanged = Signal(list)  # the paths of File ▸ Recent Projects

    def __init__(self, window: MainWindow, session: Session) -> None:
        super().__init__(window)
        self.window = window
        self.session = session
        session.modifiedChanged.connect(self.update_title)
        self._expected_sha: str | None = None  # the opened project's data checksum
        self._restoring = False  # an opened project's data is loading: not a user change
        self.message_box: QMessageBox | None = None  # the last message shown
        self.last_prediction: dict | None = None
        self.sweeps = Sweeps(window, self.restore_settings)
        self._task = BackgroundTask(self)
        self._task.loaded.connect(self._predicted)
        self._task.failed.connect(lambda message: self.error(sentence(message)))

    # -- state ---------------------------------------------------------------------------
    @property
    def modified(self) -> bool:
        return self.session.modified

    @property
    def project_path(self) -> Path | None:
        return self.session.path

    @Slot()
    def mark_modified(self) -> None:
        if not self._restoring:
            self._set_modified(True)

    def _set_modified(self, modified: bool) -> None:
        self.session.set_modified(modified)
        self.update_title()

    @Slot()
    def update_title(self) -> None:
        """"project — data.csv — Attention Trainer", with Qt's mark for unsaved changes."""
        parts = [self.project_path.name] if self.project_path else []
        table = self.session.table
        if table is not None:
            parts.append(Path(table.path).name)
        parts.append(self.tr("Attention Trainer"))
        self.window.setWindowTitle(" — ".join(parts) + "[*]")
        self.window.setWindowModified(self.modified)

    def discard_changes(self) -> None:
        """Forget that there is unsaved work (the self-test closes without asking)."""
        self._set_modified(False)

    def keep_work(self) -> bool:
        """Before the work is replaced or the window closes: True to go ahead."""
        if not self.modified:
            return True
        answer = QMessageBox.question(
            self.window, self.tr("Unsaved changes"),
            self.tr("The project has changes that are not saved. Save them first?"),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save)
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def error(self, text: str) -> None:
        """One sentence in the status bar and in a (non-blocking) message box."""
        self._show_box(QMessageBox.Icon.Warning, text)

    def _report(self, text: str) -> None:
        """An outcome the user needs to read (rows scored, metrics): the status bar alone
        loses it to the next message, so it also stays in a (non-blocking) message box."""
        self._show_box(QMessageBox.Icon.Information, text)

    def _show_box(self, icon: QMessageBox.Icon, text: str) -> None:
        self.window.statusBar().showMessage(text)
        box = QMessageBox(icon, self.tr("Attention Trainer"), text,
                          QMessageBox.StandardButton.Ok, self.window)
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.open()
        self.message_box = box

    def _info(self, text: str) -> None:
        self.window.statusBar().showMessage(text)

    def _ask_save_path(self, title: str, suggested: str, file_filter: str) -> Path | None:
        folder = settings.read("last_directory")
        path, _ = QFileDialog.getSaveFileName(self.window, title,
                                              str(Path(folder) / suggested), file_filter)
        if not path:
            return None
        settings.write("last_directory", str(Path(path).parent))
        return Path(path)

    # -- projects ------------------------------------------------------------------------
    def current_project(self) -> Project:
        """The session's project with the settings the window shows now."""
        from ...core import project as projects

        config, unreadable = self.window.settings_to_save(self.session.project.config)
        if unreadable:
            self.error(self.tr("{0} could not be read and kept its previous value in the "
                               "project; the other settings were saved.").format(
                                   ", ".join(unreadable)))
        project = self.session.project
        project.config = config
        project.data_path = self.session.data_path or project.data_path
        if self.session.table is not None:
            project.data_sha256 = projects.file_sha256(project.data_path)
        return project

    def save(self) -> bool:
        if self.project_path is None:
            return self.save_as()
        return self._save_to(self.project_path)

    def save_as(self) -> bool:
        from ...core import project as projects

        table = self.session.table
        stem = Path(table.path).stem if table is not None else self.tr("analysis")
        path = self._ask_save_path(self.tr("Save the project"), stem + projects.PROJECT_SUFFIX,
                                   self.tr("Attention Trainer projects (*{0})").format(
                                       projects.PROJECT_SUFFIX))
        if path is None:
            return False
        if not path.suffix:
            path = path.with_suffix(projects.PROJECT_SUFFIX)
        return self._save_to(path)

    def _save_to(self, path: Path) -> bool:
        from ...core import project as projects

        try:
            projects.save_project(path, self.current_project())
        except (projects.ProjectError, OSError) as exc:
            self.error(self.tr("The project was not saved: {0}").format(sentence(exc)))
            return False
        self.session.path = path
        self._remember_project(path)
        self._set_modified(False)
        self._info(self.tr("Saved the project to {0}.").format(path))
        return True

    def open_project_dialog(self) -> None:
        from ...core import project as projects

        if not self.keep_work():
            return
        path, _ = QFileDialog.getOpenFileName(
            self.window, self.tr("Open a project"), settings.read("last_directory"),
            self.tr("Attention Trainer projects (*{0});;All files (*)").format(projects.PROJECT_SUFFIX))
        if path:
            self.open_project_path(path, ask=False)

    def open_project_path(self, path: str | Path, ask: bool = True) -> bool:
        """Open a project; False (with a message, the window unchanged) if it cannot be."""
        from ...core import project as projects

        window = self.window
        if window.is_training() or (ask and not self.keep_work()):
            return False
        path = Path(path)
        try:
            project = projects.load_project(path)
        except projects.ProjectError as exc:
            self.error(sentence(exc))
            return False
        data_path = project.data_path
        relocated = False
        if data_path and not Path(data_path).is_file():
            data_path = self._locate(data_path)
            relocated = data_path is not None
        self.session.replace(project, path)
        self._remember_project(path)
        self._expected_sha = project.data_sha256
        if data_path:
            self._restoring = True
            project.data_path = str(Path(data_path).resolve())
            window.load_data(data_path, project.data_sheet)
        window.show_config(project.config)  # roles wait for the table, if one is loading
        window.show_run(project.chosen_run)
        self._set_modified(relocated)
        if project.data_path and not data_path:
            self.error(self.tr("The project's data file {0} was not found; its settings and "
                               "runs are open. Open the file with File ▸ Open Table to train "
                               "again.").format(project.data_path))
        else:
            self._info(self.tr("Opened the project {0}.").format(path.name))
        return True

    def _locate(self, missing: str) -> str | None:
        """Ask where a moved data file is now; None if the user does not say."""
        name = Path(missing).name
        path, _ = QFileDialog.getOpenFileName(
            self.window, self.tr("Where is {0} now?").format(name),
            settings.read("last_directory"),
            self.tr("Tables ({0});;All files (*)").format(_TABLES))
        return path or None

    def table_loaded(self, table) -> None:
        """A table arrived: the project's own data (check it is unchanged), or a new file,
        which starts a new project (the user was asked to keep the old one's work)."""
        from ...core import project as projects

        restoring = self._restoring
        self.session.set_table(table)
        if not restoring:
            if not self.session.runs_match_data():
                self.session.start_new()
            self.mark_modified()
        self.update_title()
        if not restoring:
            return
        self._restoring = False
        expected, self._expected_sha = self._expected_sha, None
        if expected and projects.file_sha256(table.path) != expected:
            self.error(self.tr("{0} has changed since the project was saved; new runs will "
                               "use its current contents.").format(Path(table.path).name))

    def load_failed(self) -> None:
        self._restoring = False

    def _remember_project(self, path: Path) -> None:
        self.recentProjectsChanged.emit(settings.add_recent(str(path.resolve()),
                                                            "recent_projects"))

    # -- the selected run's model ---------------------------------------------------------
    def _run_with_model(self) -> Run | None:
        run = self.window.selected_run()
        if run is None or run.model is None:
            self.error(self.tr("Select a run with a model first: a project keeps the model of "
                               "its ★ run only."))
            return None
        return run

    def save_model(self) -> None:
        from ...core import project as projects

        run = self._run_with_model()
        if run is None:
            return
        path = self._ask_save_path(self.tr("Save the model of “{0}”").format(run.name),
                                   "model" + MODEL_SUFFIX,
                                   self.tr("Attention Trainer models (*{0})").format(MODEL_SUFFIX))
        if path is None:
            return
        try:
            projects.save_model(path, run.model)
        except projects.ProjectError as exc:
            self.error(sentence(exc))
            return
        self._info(self.tr("Saved the model of “{0}” to {1}.").format(run.name, path))

    def predict(self) -> None:
        run = self._run_with_model()
        if run is None:
            return
        source, _ = QFileDialog.getOpenFileName(
            self.window, self.tr("Score which file?"), settings.read("last_directory"),
            self.tr("Tables ({0});;All files (*)").format(_TABLES))
        if not source:
            return
        chosen, sheet = self._choose_sheet(source)
        if not chosen:
            return
        output = self._ask_save_path(self.tr("Write the predictions to"),
                                     Path(source).stem + "_predictions.csv",
                                     self.tr("CSV files (*.csv)"))
        if output is not None:
            self.predict_file(run, source, output, sheet)

    def _choose_sheet(self, source: str) -> tuple[bool, str | None]:
        """Whether to go on, and the sheet to score: asked for a workbook of several sheets
        with data; None (the first with data) for one sheet or a CSV."""
        from ...core.io import TableError
        from ...core.io.workbook import is_workbook, sheet_names

        if not is_workbook(source):
            return True, None
        try:
            names = sheet_names(source)
        except TableError as exc:  # a locked or damaged workbook
            self.error(sentence(exc))
            return False, None
        if len(names) < 2:
            return True, None
        name, ok = QInputDialog.getItem(
            self.window, self.tr("Score which sheet?"),
            self.tr("{0} has several sheets; score the rows of:").format(Path(source).name),
            names, 0, False)
        return ok, name if ok else None

    def predict_file(self, run: Run, source: str | Path, output: str | Path,
                     sheet: str | None = None) -> None:
        """Read, score and write off the GUI thread; the status bar reports the outcome.
        `sheet`: a workbook's sheet (None: its first with data)."""
        from ...core import predict as predictions
        from ...core import project as projects

        saved = run.model

        cap = settings.read("memory_cap") or None

        def task(progress: Callable[[float], None], should_stop: Callable[[], bool]) -> dict:
            from ...core import stream

            if sheet is None and stream.needs_stream(str(source), cap):
                result = stream.predict_stream(saved, stream.open_source(source), output,
                                               progress=progress, should_stop=should_stop)
                return {"rows": result.rows, "output": str(output), "report": result.report,
                        "metrics": result.metrics, "sheet": None}
            table = read_table(source, progress=progress, should_stop=should_stop, sheet=sheet)
            result = predictions.predict(saved, table)
            try:
                predictions.write_csv(result.frame, output)
            except OSError as exc:
                raise projects.ProjectError(self.tr("cannot write '{0}': {1}").format(
                    output, exc.strerror)) from None
            return {"rows": table.n_rows, "output": str(output), "report": result.report,
                    "metrics": result.metrics, "sheet": table.sheet}

        self._info(self.tr("Scoring {0} with “{1}”…").format(Path(source).name, run.name))
        self._task.run(task)

    @Slot(object)
    def _predicted(self, summary: dict) -> None:
        if summary.get("sheet") is None:
            text = self.tr("Wrote {0} rows with predictions to {1}.").format(
                summary["rows"], summary["output"])
        else:
            text = self.tr("Wrote the {0} rows of the sheet “{1}” with predictions to {2}."
                           ).format(summary["rows"], summary["sheet"], summary["output"])
        unseen = summary["report"].get("unseen_levels", 0)
        if unseen:
            text += " " + self.tr("{0} cells held categories not seen in training; they were "
                                  "scored as the pooled “(other)” level.").format(unseen)
        if summary["metrics"]:
            text += " " + self.tr("On the file's own target: {0}.").format(", ".join(
                f"{k} {v:.4f}" for k, v in summary["metrics"].items()))
        self.last_prediction = summary
        self._report(text)

    # -- export ----------------------------------------------------------------------------
    def export_plots(self, fmt: str) -> list[Path]:
        if not self.session.runs:
            self.error(self.tr("There is nothing to export yet: train a run first."))
            return []
        path = self._ask_save_path(self.tr("Export the plots (one file per plot)"),
                                   "attention-trainer." + fmt,
                                   self.tr("{0} images (*.{1})").format(fmt.upper(), fmt))
        return [] if path is None else self.export_plots_to(path, fmt)

    def export_plots_to(self, base: Path, fmt: str) -> list[Path]:
        from ..plots import plot_export

        plots = self.window.plots_to_export()
        try:
            written = plot_export.export_plots(plots, base, fmt)
        except OSError as exc:
            self.error(self.tr("The plots were not exported: {0}").format(exc))
            return []
        self._info(self.tr("Exported {0} plots to {1}.").format(len(written), base.parent))
        return written

    def export_csv(self, what: str) -> None:
        names = {"metrics": self.tr("run metrics"), "curves": self.tr("run curves"),
                 "attention": self.tr("attention table")}
        path = self._ask_save_path(self.tr("Export the {0}").format(names[what]),
                                   f"{what}.csv", self.tr("CSV files (*.csv)"))
        if path is not None:
            self.export_csv_to(what, path)

    def export_csv_to(self, what: str, path: Path) -> None:
        """The selected runs (all runs if none is selected) as one CSV file."""
        from ...core import export as exports
        from ...core import predict as predictions

        runs = self.window.selected_runs() or self.session.runs
        frame = {"metrics": exports.metrics_frame, "curves": exports.curves_frame,
                 "attention": exports.attention_frame}[what](runs)
        try:
            predictions.write_csv(frame, path)
        except OSError as exc:
            self.error(self.tr("The file was not written: {0}").format(exc.strerror or exc))
            return
        self._info(self.tr("Wrote {0} rows to {1}.").format(len(frame), path))

    # -- reproducing a run headlessly --------------------------------------------------------
    def _data_path(self, run: Run) -> str | None:
        """The file the run was trained on (older projects did not say: the loaded one)."""
        return run.data_path or self.session.data_path

    def copy_command(self) -> str | None:
        from ...core import command as commands

        run = self.window.selected_run()
        data = None if run is None else self._data_path(run)
        if run is None or data is None:
            self.error(self.tr("Load the data and select a run to copy its command."))
            return None
        try:
            line = commands.shell_line(commands.train_argv(data, run.config,
                                                           sheet=run.data_sheet))
        except ConfigError as exc:
            self.error(sentence(exc))
            return None
        QGuiApplication.clipboard().setText(line)
        self._info(self.tr("Copied the command that repeats “{0}”.").format(run.name))
        return line

    def save_run_config(self) -> None:
        run = self.window.selected_run()
        if run is None:
            return
        path = self._ask_save_path(self.tr("Save the settings of “{0}”").format(run.name),
                                   "run.json", self.tr("JSON files (*.json)"))
        if path is not None:
            self.save_run_config_to(run, path)

    def save_run_config_to(self, run: Run, path: Path) -> str | None:
        """Write the run's settings and copy the `train --config` line that uses them."""
        from ...core import command as commands
        from ...core.files import atomic_write

        try:
            atomic_write(path, json.dumps(run.config.to_dict(), indent=1).encode("utf-8"))
        except OSError as exc:
            self.error(self.tr("The settings were not saved: {0}").format(exc.strerror or exc))
            return None
        data = self._data_path(run) or self.tr("DATA.csv")
        line = commands.shell_line(commands.train_argv(data, run.config, str(path),
                                                       run.data_sheet))
        QGuiApplication.clipboard().setText(line)
        self._info(self.tr("Saved the settings to {0} and copied the command that uses "
                           "them.").format(path))
        return line

    # -- sweeps -----------------------------------------------------------------------------
    def restore_settings(self, config: TrainConfig) -> None:
        """A run's settings back in the window's forms, ready to train again."""
        self.window.show_config(config)
        self.mark_modified()
        self._info(self.tr("Restored the settings of a sweep run; Start trains them."))

    def shutdown(self, timeout_ms: int = 3000) -> bool:
        swept = self.sweeps.shutdown(timeout_ms)
        return self._task.shutdown(timeout_ms) and swept

