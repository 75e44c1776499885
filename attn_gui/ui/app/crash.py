"""Unexpected errors: written to a rotating log, shown in a dialog, and the app keeps running.

Bad input never gets here (it gets a sentence where it happened); this is for bugs. An
exception that escapes a Qt slot reaches `sys.excepthook`, one on a Python thread reaches
`threading.excepthook`; both end in `CrashReporter`, which logs the traceback to
`<AppDataLocation>/logs/attention-trainer.log` and shows one non-blocking dialog naming
the error and the log file. The dialog is shown from the GUI thread, whichever thread
failed.
"""

from __future__ import annotations

import logging
import platform
import sys
import tempfile
import threading
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, QStandardPaths, Qt, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QWidget

from ... import __version__

__all__ = ["CrashReporter", "install", "log_directory", "uninstall"]

LOG_NAME = "attention-trainer.log"
_LOG_BYTES = 1_000_000
_LOG_BACKUPS = 3
_logger = logging.getLogger("attn_gui.crash")
_installed: CrashReporter | None = None


def log_directory() -> Path:
    """The platform's app data folder (after the application name is set), `logs` below it."""
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(base or tempfile.gettempdir()) / "logs"


def _file_handler(folder: Path) -> RotatingFileHandler:
    """A rotating log in `folder`, or in the temp folder when that one cannot be written."""
    for candidate in (folder, Path(tempfile.gettempdir()) / "attention-trainer-logs"):
        try:
            candidate.mkdir(parents=True, exist_ok=True)
            handler = RotatingFileHandler(candidate / LOG_NAME, maxBytes=_LOG_BYTES,
                                          backupCount=_LOG_BACKUPS, encoding="utf-8")
        except OSError:
            continue
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
        return handler
    raise OSError(f"no folder for the log file: tried {folder} and the temp folder")


class CrashReporter(QObject):
    """Logs unexpected exceptions and shows them; create it in the GUI thread."""

    # Emitted from any thread; queued, so the dialog is built in the GUI thread.
    _report = Signal(str, str)
    shown = Signal(str)  # the message the dialog shows

    def __init__(self, window: QWidget | None, folder: Path) -> None:
        super().__init__()
        self._window = window
        self._handler = _file_handler(folder)
        self.log_path = Path(self._handler.baseFilename)
        _logger.addHandler(self._handler)
        _logger.setLevel(logging.INFO)
        _logger.propagate = False
        self.dialog: QMessageBox | None = None
        self._unseen = 0  # errors that arrived while the dialog was still open
        self._report.connect(self._show, Qt.ConnectionType.QueuedConnection)
        self._previous_hook = sys.excepthook
        self._previous_thread_hook = threading.excepthook

    def install(self) -> None:
        sys.excepthook = self.excepthook
        threading.excepthook = self.thread_excepthook

    def uninstall(self) -> None:
        sys.excepthook = self._previous_hook
        threading.excepthook = self._previous_thread_hook
        _logger.removeHandler(self._handler)
        self._handler.close()

    def excepthook(self, kind: type[BaseException], error: BaseException,
                   trace: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            self._previous_hook(kind, error, trace)
            return
        self.report(kind, error, trace, "the main thread")

    def thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit:  # a thread's normal way out, as Python's own hook treats it
            return
        where = f"thread '{args.thread.name}'" if args.thread else "a thread"
        self.report(args.exc_type, args.exc_value, args.exc_traceback, where)

    def report(self, kind: type[BaseException], error: BaseException | None,
               trace: TracebackType | None, where: str) -> None:
        """Log the error and ask the GUI thread to show it. Never raises: it is the last
        line of defence, and an error here would hide the original one."""
        try:
            _logger.error("unexpected error in %s (Attention Trainer %s, Python %s, %s)",
                          where, __version__, platform.python_version(), platform.platform(),
                          exc_info=(kind, error, trace))
            self._handler.flush()
            summary = traceback.format_exception_only(kind, error)[-1].strip()
            details = "".join(traceback.format_exception(kind, error, trace))
            sys.stderr.write(details)  # developers running from a console still see it
            self._report.emit(summary, details)
        except Exception:  # see the docstring
            pass

    @Slot(str, str)
    def _show(self, summary: str, details: str) -> None:
        if self.dialog is not None and self.dialog.isVisible():
            self._unseen += 1
            self.dialog.setInformativeText(self._informative())
            return
        self._unseen = 0
        message = self.tr("Something went wrong: {error}").format(error=summary)
        parent = self._window if self._window is not None and self._window.isVisible() else None
        dialog = QMessageBox(QMessageBox.Icon.Critical, self.tr("Unexpected error"), message,
                             QMessageBox.StandardButton.Ok, parent)
        dialog.setObjectName("crashDialog")
        dialog.setInformativeText(self._informative())
        dialog.setDetailedText(details)
        dialog.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self._forget_dialog)
        self.dialog = dialog
        # open() runs no nested event loop: the app and the tests keep running meanwhile.
        dialog.open()
        self.shown.emit(message)

    def _informative(self) -> str:
        text = self.tr("The app keeps running and your data is unchanged; you may want to save "
                       "your work. Details are in the log file:\n{path}").format(path=self.log_path)
        if self._unseen:
            text += "\n" + self.tr("Errors since then: {count}; see the log.").format(
                count=self._unseen)
        return text

    @Slot()
    def _forget_dialog(self) -> None:
        self.dialog = None


def install(window: QWidget | None, folder: Path | None = None) -> CrashReporter:
    """Route unexpected exceptions of every thread to a log file and a dialog over `window`."""
    global _installed
    uninstall()
    _installed = CrashReporter(window, folder or log_directory())
    _installed.install()
    return _installed


def uninstall() -> None:
    global _installed
    if _installed is not None:
        _installed.uninstall()
        _installed = None
