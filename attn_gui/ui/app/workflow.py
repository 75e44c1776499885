"""The File menu's commands: projects, models, prediction, export and "Copy as command".

Every file the user saves goes through the core's atomic writers; every failure becomes
one sentence in the status bar and a message box, and the window keeps its state.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox

from ...core.config import ConfigError
from ...core.io import read_table
from ...core.lazy import lazy
from ..jobs.loader import BackgroundTask
from ..jobs.worker import sentence
from . import settings

if TYPE_CHECKING:
    from ...core.project import Project, Run
    from .main_window import MainWindow

# Used only once the user asks for them: imported then, not on the window's start-up path.
commands = lazy("attn_gui.core.command")
exports = lazy("attn_gui.core.export")
plot_export = lazy("attn_gui.ui.plots.plot_export")
predictions = lazy("attn_gui.core.predict")
projects = lazy("attn_gui.core.project")

__all__ = ["MODEL_SUFFIX", "Workflow"]

MODEL_SUFFIX = ".atmodel"


class Workflow(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.project_path: Path | None = None
        self.modified = False
        self._expected_sha: str | None = None  # the opened project's data checksum
        self._restoring = False  # an opened project's data is loading: not a user change
        self.message_box: QMessageBox | None = None  # the last message shown
        self.last_prediction: dict | None = None
        self._task = BackgroundTask(self)
        self._task.loaded.connect(self._predicted)
        self._task.failed.connect(lambda message: self.error(sentence(message)))

    # -- state ---------------------------------------------------------------------------
    @Slot()
    def mark_modified(self) -> None:
        if not self._restoring:
            self._set_modified(True)

    def _set_modified(self, modified: bool) -> None:
        self.modified = modified
        self.update_title()

    def update_title(self) -> None:
        """"project — data.csv — Attention Trainer", with Qt's mark for unsaved changes."""
        parts = [self.project_path.name] if self.project_path else []
        table = self.window.data_panel.table()
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
        self.window.statusBar().showMessage(text)
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Attention Trainer"), text,
                          QMessageBox.StandardButton.Ok, self.window)
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
        window = self.window
        try:
            config = window.current_config()
        except ConfigError:  # an unreadable training field is not saved; the rest is
            config = window.current_config(with_training=False)
        table = window.data_panel.table()
        data_path = str(Path(table.path).resolve()) if table is not None else None
        return projects.Project(
            config=config, data_path=data_path,
            data_sha256=projects.file_sha256(data_path) if data_path else None,
            runs=window.runs_view.runs(), chosen=window.runs_view.chosen)

    def save(self) -> bool:
        if self.project_path is None:
            return self.save_as()
        return self._save_to(self.project_path)

    def save_as(self) -> bool:
        table = self.window.data_panel.table()
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
        try:
            projects.save_project(path, self.current_project())
        except (projects.ProjectError, OSError) as exc:
            self.error(self.tr("The project was not saved: {0}").format(sentence(str(exc))))
            return False
        self.project_path = path
        self._remember_project(path)
        self._set_modified(False)
        self._info(self.tr("Saved the project to {0}.").format(path))
        return True

    def open_project_dialog(self) -> None:
        if not self.keep_work():
            return
        path, _ = QFileDialog.getOpenFileName(
            self.window, self.tr("Open a project"), settings.read("last_directory"),
            self.tr("Attention Trainer projects (*{0});;All files (*)").format(projects.PROJECT_SUFFIX))
        if path:
            self.open_project_path(path, ask=False)

    def open_project_path(self, path: str | Path, ask: bool = True) -> bool:
        """Open a project; False (with a message, the window unchanged) if it cannot be."""
        window = self.window
        if window.monitor.is_running or (ask and not self.keep_work()):
            return False
        path = Path(path)
        try:
            project = projects.load_project(path)
        except projects.ProjectError as exc:
            self.error(sentence(str(exc)))
            return False
        data_path = project.data_path
        relocated = False
        if data_path and not Path(data_path).is_file():
            data_path = self._locate(data_path)
            relocated = data_path is not None
        config = project.config
        window.weighting_editor.set_from(config)
        window.monitor.set_from(config)
        window.runs_view.set_runs(project.runs, project.chosen)
        window._latest_data = None
        self.project_path = path
        self._remember_project(path)
        self._expected_sha = project.data_sha256
        if data_path:
            self._restoring = True
            window.data_panel.load(data_path)
        window.data_panel.set_from(config)  # roles wait for the table, if one is loading
        self._set_modified(relocated)
        if project.data_path and not data_path:
            self.error(self.tr("The project's data file {0} was not found; its settings and "
                               "runs are open. Open the CSV with File ▸ Open CSV to train "
                               "again.").format(project.data_path))
        else:
            self._info(self.tr("Opened the project {0}.").format(path.name))
        window._update_actions()
        return True

    def _locate(self, missing: str) -> str | None:
        """Ask where a moved data file is now; None if the user does not say."""
        name = Path(missing).name
        path, _ = QFileDialog.getOpenFileName(
            self.window, self.tr("Where is {0} now?").format(name),
            settings.read("last_directory"), self.tr("Tables (*.csv *.tsv *.txt);;All files (*)"))
        return path or None

    def table_loaded(self, table) -> None:
        """A table arrived: the project's own data (check it is unchanged), or a new file."""
        if not self._restoring:
            self.mark_modified()
        self.update_title()
        if not self._restoring:
            return
        self._restoring = False
        expected, self._expected_sha = self._expected_sha, None
        if expected and projects.file_sha256(table.path) != expected:
            self.error(self.tr("{0} has changed since the project was saved; new runs will "
                               "use its current contents.").format(Path(table.path).name))

    def load_failed(self) -> None:
        self._restoring = False

    def _remember_project(self, path: Path) -> None:
        self.window._fill_recent_projects(settings.add_recent(str(path.resolve()),
                                                              "recent_projects"))

    # -- the selected run's model ---------------------------------------------------------
    def _run_with_model(self) -> Run | None:
        run = self.window.runs_view.current_run()
        if run is None or run.model is None:
            self.error(self.tr("Select a run with a model first: a project keeps the model of "
                               "its ★ run only."))
            return None
        return run

    def save_model(self) -> None:
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
            self.error(sentence(str(exc)))
            return
        self._info(self.tr("Saved the model of “{0}” to {1}.").format(run.name, path))

    def predict(self) -> None:
        run = self._run_with_model()
        if run is None:
            return
        source, _ = QFileDialog.getOpenFileName(
            self.window, self.tr("Score which file?"), settings.read("last_directory"),
            self.tr("Tables (*.csv *.tsv *.txt);;All files (*)"))
        if not source:
            return
        output = self._ask_save_path(self.tr("Write the predictions to"),
                                     Path(source).stem + "_predictions.csv",
                                     self.tr("CSV files (*.csv)"))
        if output is not None:
            self.predict_file(run, source, output)

    def predict_file(self, run: Run, source: str | Path, output: str | Path) -> None:
        """Read, score and write off the GUI thread; the status bar reports the outcome."""
        saved = run.model

        def task(progress: Callable[[float], None], should_stop: Callable[[], bool]) -> dict:
            table = read_table(source, progress=progress, should_stop=should_stop)
            result = predictions.predict(saved, table)
            try:
                predictions.write_csv(result.frame, output)
            except OSError as exc:
                raise projects.ProjectError(self.tr("cannot write '{0}': {1}").format(
                    output, exc.strerror)) from None
            return {"rows": table.n_rows, "output": str(output), "report": result.report,
                    "metrics": result.metrics}

        self._info(self.tr("Scoring {0} with “{1}”…").format(Path(source).name, run.name))
        self._task.run(task)

    @Slot(object)
    def _predicted(self, summary: dict) -> None:
        text = self.tr("Wrote {0} rows with predictions to {1}.").format(
            summary["rows"], summary["output"])
        unseen = summary["report"].get("unseen_levels", 0)
        if unseen:
            text += " " + self.tr("{0} cells held categories not seen in training; they were "
                                  "scored as the pooled “(other)” level.").format(unseen)
        if summary["metrics"]:
            text += " " + self.tr("On the file's own target: {0}.").format(", ".join(
                f"{k} {v:.4f}" for k, v in summary["metrics"].items()))
        self.last_prediction = summary
        self._info(text)

    # -- export ----------------------------------------------------------------------------
    def export_plots(self, fmt: str) -> list[Path]:
        path = self._ask_save_path(self.tr("Export the plots (one file per plot)"),
                                   "attention-trainer." + fmt,
                                   self.tr("{0} images (*.{1})").format(fmt.upper(), fmt))
        return [] if path is None else self.export_plots_to(path, fmt)

    def export_plots_to(self, base: Path, fmt: str) -> list[Path]:
        monitor, runs = self.window.monitor, self.window.runs_view
        plots = {"loss": monitor.loss_plot, "score": monitor.score_plot,
                 "attention": monitor.attention_bars, "attention-history": monitor.attention_history}
        if not monitor.confusion_plot.isHidden() and monitor.confusion_plot.matrix.size:
            plots["confusion"] = monitor.confusion_plot
        if runs.runs():
            plots.update({"runs-loss": runs.loss_plot, "runs-score": runs.score_plot,
                          "runs-attention": runs.attention_plot})
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
        view = self.window.runs_view
        runs = view.selected_runs() or view.runs()
        frame = {"metrics": exports.metrics_frame, "curves": exports.curves_frame,
                 "attention": exports.attention_frame}[what](runs)
        try:
            predictions.write_csv(frame, path)
        except OSError as exc:
            self.error(self.tr("The file was not written: {0}").format(exc.strerror or exc))
            return
        self._info(self.tr("Wrote {0} rows to {1}.").format(len(frame), path))

    # -- reproducing a run headlessly --------------------------------------------------------
    def _data_path(self) -> str | None:
        table = self.window.data_panel.table()
        return str(Path(table.path).resolve()) if table is not None else None

    def copy_command(self) -> str | None:
        run = self.window.runs_view.current_run()
        data = self._data_path()
        if run is None or data is None:
            self.error(self.tr("Load the data and select a run to copy its command."))
            return None
        try:
            line = commands.shell_line(commands.train_argv(data, run.config))
        except ConfigError as exc:
            self.error(sentence(str(exc)))
            return None
        QGuiApplication.clipboard().setText(line)
        self._info(self.tr("Copied the command that repeats “{0}”.").format(run.name))
        return line

    def save_run_config(self) -> None:
        run = self.window.runs_view.current_run()
        if run is None:
            return
        path = self._ask_save_path(self.tr("Save the settings of “{0}”").format(run.name),
                                   "run.json", self.tr("JSON files (*.json)"))
        if path is not None:
            self.save_run_config_to(run, path)

    def save_run_config_to(self, run: Run, path: Path) -> str | None:
        """Write the run's settings and copy the `train --config` line that uses them."""
        try:
            projects.atomic_write(path, json.dumps(run.config.to_dict(), indent=1).encode("utf-8"))
        except OSError as exc:
            self.error(self.tr("The settings were not saved: {0}").format(exc.strerror or exc))
            return None
        data = self._data_path() or self.tr("DATA.csv")
        line = commands.shell_line(commands.train_argv(data, run.config, str(path)))
        QGuiApplication.clipboard().setText(line)
        self._info(self.tr("Saved the settings to {0} and copied the command that uses "
                           "them.").format(path))
        return line

    def shutdown(self, timeout_ms: int = 3000) -> bool:
        return self._task.shutdown(timeout_ms)

