"""Training ▸ Check Attention: the three checks of Wiegreffe & Pinter (EMNLP 2019) in one
dialog, run in the background with progress and Cancel, their verdicts kept on screen.

The dialog is not modal: the analyst reads the verdicts beside the runs they judge, and
it stays open (and is reused) until closed. The work is the core's `run_checks` on a copy
of the settings; nothing here computes a number.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...core.checks import run_checks
from ..app.core_text import sentence
from ..jobs.loader import BackgroundTask
from ..widgets.colors import ERROR, colored

if TYPE_CHECKING:
    from ...core.config import TrainConfig
    from ...core.io import Table

__all__ = ["ChecksDialog"]

_STEPS = 1000
_SHOWN_COLUMNS = 3  # the columns whose weight moves most, named under the seeds' verdict


class _Check(QGroupBox):
    """One check: its question as the title, the verdict, then the numbers behind it."""

    def __init__(self, title: str) -> None:
        super().__init__(title)
        self.verdict = QLabel()
        self.details = QLabel()
        for label in (self.verdict, self.details):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.verdict.font()
        font.setBold(True)
        self.verdict.setFont(font)
        self.details.setStyleSheet("color: palette(placeholder-text);")
        layout = QVBoxLayout(self)
        layout.addWidget(self.verdict)
        layout.addWidget(self.details)

    def show_result(self, verdict: str, details: str) -> None:
        self.verdict.setText(verdict)
        self.details.setText(details)

    def clear(self) -> None:
        self.verdict.setText("…")
        self.details.clear()


class ChecksDialog(QDialog):
    finished_checks = Signal(object)  # the core's dict of the three checks

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Attention checks"))
        self.setModal(False)
        self.result: dict | None = None
        self._task = BackgroundTask(self)
        self._task.progress.connect(lambda f: self.bar.setValue(round(f * _STEPS)))
        self._task.loaded.connect(self._done)
        self._task.failed.connect(self._failed)
        self.subject = QLabel()
        self.subject.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, _STEPS)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.cancel)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.uniform = _Check(self.tr("1. Uniform baseline: does attention help at all?"))
        self.seeds = _Check(self.tr("2. Across seeds: does attention stay put?"))
        self.frozen = _Check(self.tr("3. Frozen attention: does a fresh network gain from it?"))
        self._build_layout()
        self.resize(720, 500)

    def _build_layout(self) -> None:
        intro = QLabel(self.tr(
            "Three checks of Wiegreffe & Pinter, “Attention is not not Explanation” "
            "(EMNLP 2019), each over several seeds of one validation split: the same settings "
            "without attention; how much attention moves between seeds; and a fresh network "
            "trained on the inputs weighted by the learned attention, frozen, against uniform "
            "and permuted weights."))
        intro.setWordWrap(True)
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.bar, 1)
        progress_row.addWidget(self.cancel_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.subject)
        layout.addLayout(progress_row)
        layout.addWidget(self.status)
        for check in (self.uniform, self.seeds, self.frozen):
            layout.addWidget(check)
        layout.addStretch(1)
        layout.addWidget(buttons)

    # -- running -------------------------------------------------------------------------
    def start(self, table: Table, config: TrainConfig, run_name: str | None = None) -> None:
        """Check `config` on `table` in the background (a run already under way is
        cancelled); the dialog shows itself and its progress."""
        config = dataclasses.replace(config)  # the worker's own copy
        file = Path(table.path).name
        self.subject.setText(
            self.tr("Checking the settings of “{0}” on {1}.").format(run_name, file)
            if run_name else self.tr("Checking the current settings on {0}.").format(file))
        self.result = None
        for check in (self.uniform, self.seeds, self.frozen):
            check.clear()
        self._running(True)
        self.status.setText(self.tr("Training the runs the checks compare…"))
        self._task.run(lambda progress, should_stop: run_checks(
            table, config, progress=progress, should_stop=should_stop))
        self.show()
        self.raise_()

    def is_running(self) -> bool:
        return self._task.is_busy()

    def cancel(self) -> None:
        if self._task.is_busy():
            self._task.cancel()
            self._running(False)
            self.status.setText(self.tr("Cancelled."))

    def shutdown(self, timeout_ms: int = 3000) -> bool:
        return self._task.shutdown(timeout_ms)

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        self.cancel()
        super().closeEvent(event)

    def _running(self, running: bool) -> None:
        self.bar.setVisible(running)
        self.cancel_button.setVisible(running)
        self.bar.setValue(0)

    def _failed(self, message: object) -> None:
        self._running(False)
        colored(self.status, sentence(message), ERROR)

    def _done(self, result: dict | None) -> None:
        self._running(False)
        if result is None:  # stopped on its own thread after a cancel already shown
            return
        self.result = result
        self.status.clear()
        self._show(result)
        self.finished_checks.emit(result)

    # -- showing -------------------------------------------------------------------------
    def _show(self, r: dict) -> None:
        u, s, f = r["uniform"], r["seeds"], r["frozen"]
        self.uniform.show_result(sentence(u["verdict"]), self.tr(
            "Per seed, with attention: {0}; without: {1}.").format(
                _numbers(u["with_runs"]), _numbers(u["without_runs"])))
        moving = sorted(s["attention_sd"].items(), key=lambda kv: -kv[1])[:_SHOWN_COLUMNS]
        details = self.tr("Moves most (sd of the weight over {0} seeds): {1}.").format(
            s["runs"], ", ".join(f"{name} {sd:.3f}" for name, sd in moving))
        groups = [g for g in s["groups"] if len(g["columns"]) > 1]
        if groups:
            details += " " + self.tr("Correlated columns, weighed together: {0}.").format(
                "; ".join(f"{' + '.join(g['columns'])} {g['attention']:.2f} ± {g['sd']:.2f}"
                          for g in groups))
        self.seeds.show_result(sentence(s["verdict"]), details)
        self.frozen.show_result(sentence(f["verdict"]), self.tr(
            "Per seed, learned weights: {0}; uniform: {1}; permuted: {2}.").format(
                _numbers(f["learned_runs"]), _numbers(f["uniform_runs"]),
                _numbers(f["permuted_runs"])))

    def verdicts(self) -> list[str]:
        """The three verdicts as shown."""
        return [check.verdict.text() for check in (self.uniform, self.seeds, self.frozen)]


def _numbers(values: list[float]) -> str:
    return " ".join(f"{v:.3f}" for v in values)
