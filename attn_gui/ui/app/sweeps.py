"""Training ▸ Sweep from the window: one dialog, kept with its results until the window
closes. While it sweeps, the window neither trains nor opens another file: the sweep
trains on the open table too."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

if TYPE_CHECKING:
    from ...core.config import TrainConfig
    from ..panels.sweep_dialog import SweepDialog
    from .main_window import MainWindow

__all__ = ["Sweeps"]


class Sweeps(QObject):
    def __init__(self, window: MainWindow, restore: Callable[[TrainConfig], None]) -> None:
        super().__init__(window)
        self.window = window
        self._restore = restore
        self.dialog: SweepDialog | None = None

    def show(self) -> None:
        from ..panels.sweep_dialog import SweepDialog

        if self.dialog is None:
            window = self.window
            self.dialog = SweepDialog(window.session, window.current_config, self._restore,
                                      window)
            self.dialog.sweepStarted.connect(window.update_actions)
            self.dialog.sweepEnded.connect(window.update_actions)
        self.dialog.show()
        self.dialog.raise_()

    @property
    def running(self) -> bool:
        return self.dialog is not None and self.dialog.is_running()

    def shutdown(self, timeout_ms: int = 3000) -> bool:
        return self.dialog is None or self.dialog.shutdown(timeout_ms)
