"""File ▸ Export Report…: the selected run (else the kept one) as the one-file HTML page that
`train --report` writes, in the interface's language.

The page is the core's (`report.py`), built from the run's record and kept predictions
(`run_report.py`); its words go through the same catalogue as the core's messages
(context "CoreMessages", and "Options" for the settings' labels), its values never. It is
built and written off the GUI thread, atomically; a failure is one sentence.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Slot
from PySide6.QtWidgets import QFileDialog

from ...core.config import ConfigError
from ...core.errors import USER_ERRORS
from ..jobs.loader import BackgroundTask
from ..widgets.option_form import option_text
from . import settings
from .core_text import CONTEXT, sentence

if TYPE_CHECKING:
    from ...core.runs import Run
    from .main_window import MainWindow
    from .session import Session

__all__ = ["ReportExport", "report_text"]

log = logging.getLogger(__name__)


def report_text(text: str) -> str:
    """One of the report's words in the interface language: the core's catalogue, else
    the settings' (a setting's label or choice), else as it is."""
    shown = QCoreApplication.translate(CONTEXT, text)
    return shown if shown != text else option_text(text)


class ReportExport(QObject):
    def __init__(self, window: MainWindow, session: Session) -> None:
        super().__init__(window)
        self.window = window
        self.session = session
        self.last_written: Path | None = None
        self._task = BackgroundTask(self)
        self._task.loaded.connect(self._written)
        self._task.failed.connect(self._failed)

    @Slot()
    def ask(self) -> None:
        run = self.window.selected_run()
        if run is None:
            self.window.workflow.error(self.tr("Train or select a run to report on first."))
            return
        folder = Path(settings.read("last_directory") or ".")
        path, _ = QFileDialog.getSaveFileName(
            self.window, self.tr("Export the report of “{0}”").format(run.name),
            str(folder / "report.html"), self.tr("HTML pages (*.html)"))
        if path:
            settings.write("last_directory", str(Path(path).parent))
            self.export(run, Path(path) if Path(path).suffix else Path(path + ".html"))

    def export(self, run: Run, path: Path) -> None:
        """Build and write the page in the background; the status bar says how it went."""
        from ...core.report import write_report
        from ...core.run_report import run_report_input

        data, command = self._data(run), self._command(run)
        language = self.tr("en", "the HTML language code of the report in this translation, "
                           "e.g. zh-CN")

        def task(_progress, _should_stop) -> Path | Exception:
            try:
                write_report(path, run_report_input(run, data, command, language, report_text))
            except USER_ERRORS:
                raise  # a sentence already: the folder cannot be written, …
            except Exception as exc:  # a bug must reach the user as a sentence
                log.exception("the report failed")
                return exc
            return path

        self.window.statusBar().showMessage(
            self.tr("Writing the report of “{0}”…").format(run.name))
        self._task.run(task)

    def _data(self, run: Run) -> dict:
        """The data part: the loaded table if the run was trained on it, else its path."""
        from ...core.report import table_summary

        table = self.session.table
        if table is not None and run.data_path in (None, self.session.data_path):
            return table_summary(table)
        return {"path": run.data_path or "", "columns": [], "warnings": []}

    def _command(self, run: Run) -> str:
        from ...core import command as commands

        data = run.data_path or self.session.data_path or "DATA.csv"
        try:
            return commands.shell_line(commands.train_argv(data, run.config))
        except ConfigError:  # a feature's name holds a comma: only a config file can say it
            return commands.shell_line(commands.train_argv(data, run.config, "SETTINGS.json"))

    @Slot(object)
    def _written(self, path: Path | Exception) -> None:
        if isinstance(path, Exception):
            self._failed(f"{type(path).__name__}: {path}")
            return
        self.last_written = path
        self.window.statusBar().showMessage(self.tr("Wrote the report to {0}.").format(path))

    @Slot(object)
    def _failed(self, error: object) -> None:
        self.window.workflow.error(self.tr("The report was not written: {0}")
                                   .format(sentence(error)))

    def shutdown(self, timeout_ms: int = 3000) -> bool:
        return self._task.shutdown(timeout_ms)
