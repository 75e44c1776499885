"""File ▸ Open Model: a model file becomes a run of the session.

A model saved by the window (Save Model), by `main.py train --save` or by a notebook's
`AttentionClassifier.save` is listed on the Runs page as a run: its attention bars, its
metrics when the file has them, ★ to keep it, Predict on a Table and Save Project with it.
A model file says which data it learned from (unless it learned from a notebook's data
frame); the run keeps that file as its own whatever table is loaded, so the rules for a
run of another file hold (Train without attention refuses it with a sentence). A dropped
file is opened as what it is: a model, a project, or else a table.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog

from . import settings
from .core_text import sentence
from .workflow import MODEL_SUFFIX

if TYPE_CHECKING:
    from PySide6.QtGui import QDragEnterEvent, QDropEvent

    from ...core.runs import Run
    from .main_window import MainWindow
    from .session import Session

__all__ = ["MODEL_SUFFIXES", "ModelFiles"]

# The window's own suffix, and the one the command line's examples and tests use.
MODEL_SUFFIXES = (MODEL_SUFFIX, ".attn")


class ModelFiles(QObject):
    """Opening model files (File ▸ Open Model, drag and drop) into the session."""

    def __init__(self, window: MainWindow, session: Session) -> None:
        super().__init__(window)
        self.window = window
        self.session = session

    def open_dialog(self) -> None:
        patterns = " ".join("*" + suffix for suffix in MODEL_SUFFIXES)
        path, _ = QFileDialog.getOpenFileName(
            self.window, self.tr("Open a model"), settings.read("last_directory"),
            self.tr("Attention Trainer models ({0});;All files (*)").format(patterns))
        if path:
            self.open_path(path)

    def open_path(self, path: str | Path) -> Run | None:
        """Add the model in `path` to the session's runs and show it on the Runs page; None
        (one sentence, the session unchanged) for a file that is not a model."""
        from ...core import project as projects

        window = self.window
        if window.is_training():
            window.statusBar().showMessage(self.tr(
                "Stop the training run before opening a model."))
            return None
        path = Path(path)
        try:
            saved = projects.load_model(path)
            run = projects.run_from_model(self.session.project.next_name(path.stem), saved,
                                          path)
        except projects.ProjectError as exc:
            window.workflow.error(sentence(exc))
            return None
        self.session.add_opened(run)
        settings.write("last_directory", str(path.parent))
        window.monitor.tabs.setCurrentWidget(window.runs_view)
        window.statusBar().showMessage(self._opened_text(run, path))
        return run

    def _opened_text(self, run: Run, path: Path) -> str:
        text = self.tr("Opened the model {0} as the run “{1}”; it predicts {2}.").format(
            path.name, run.name, run.target)
        if run.data_path is None:
            return text + " " + self.tr("The file does not say which data it learned from "
                                        "(a notebook's data frame has no file).")
        if run.data_path != self.session.data_path:
            return text + " " + self.tr("It learned from {0}: open that file to train its "
                                        "settings again.").format(Path(run.data_path).name)
        return text

    # -- drag and drop -------------------------------------------------------------------
    def accept_drag(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def drop(self, event: QDropEvent) -> None:
        """A dropped model opens as a run, a project as the project, anything else as a
        table; a damaged model or project gets its own sentence, not a table reader's."""
        urls = [u for u in event.mimeData().urls() if u.isLocalFile()]
        if not urls:
            return
        event.acceptProposedAction()
        path = urls[0].toLocalFile()
        kind = dropped_kind(path)
        if kind == "model":
            self.open_path(path)
        elif kind == "project":
            self.window.workflow.open_project_path(path)
        else:
            self.window.open_path(path)


def dropped_kind(path: str | Path) -> str:
    """"model", "project" or "table": by the app's suffixes, else by what the file holds."""
    from ...core import project as projects

    suffix = Path(path).suffix.lower()
    if suffix in MODEL_SUFFIXES:
        return "model"
    if suffix == projects.PROJECT_SUFFIX:
        return "project"
    return projects.saved_kind(path) or "table"
