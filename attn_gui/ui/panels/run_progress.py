"""How far a run is, in a bar and in words."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QLabel, QProgressBar, QWidget

from ...core.training import BatchReport, EpochReport
from ..widgets.colors import ERROR, WARN, colored

__all__ = ["RunProgress"]

_STEPS = 1000


class RunProgress(QObject):
    """The progress bar with epoch, elapsed time and ETA, a status line and the run's warnings.

    A QObject that owns the widgets rather than a widget around them: the monitor places the
    bar beside the buttons it follows and the lines under them.
    """

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.bar = QProgressBar()
        self.bar.setRange(0, _STEPS)
        self.bar.setValue(0)
        self.bar.setTextVisible(True)
        # Some styles (macOS) never draw the text inside the bar; the label carries it there.
        self.bar_label = QLabel()
        self.bar_label.setVisible(parent.style().name().lower() == "macos")
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.warning_label = QLabel()
        self.warning_label.setWordWrap(True)
        self.warning_label.setStyleSheet(f"color: {WARN};")
        self.warning_label.hide()

    def set_status(self, text: str, error: bool = False) -> None:
        colored(self.status_label, text, ERROR if error else None)

    def warn(self, message: str) -> None:
        lines = [t for t in (self.warning_label.text(), message) if t]
        self.warning_label.setText("\n".join(lines))
        self.warning_label.show()

    def preparing(self) -> None:
        """A new run: no warnings yet, busy until the data is prepared."""
        self.warning_label.clear()
        self.warning_label.hide()
        self.bar.setRange(0, 0)
        self._set_bar_text(self.tr("preparing the data…"))
        self.set_status(self.tr("Preparing the data…"))

    def training(self, status: str) -> None:
        self.bar.setRange(0, _STEPS)
        self.set_status(status)

    def show_latest(self, batch: BatchReport | None, epoch: EpochReport | None,
                    paused: bool) -> None:
        """The latest of the last mini-batch and the last epoch reported."""
        if batch is None and epoch is None:
            return
        if batch is not None and (epoch is None or batch.epoch > epoch.epoch):
            done = batch.epoch - 1 + batch.batch / batch.n_batches
            current, total, elapsed = batch.epoch, batch.epochs, batch.elapsed
        else:
            done, current, total, elapsed = epoch.epoch, epoch.epoch, epoch.epochs, epoch.elapsed
        fraction = min(done / total, 1.0)
        self.bar.setValue(round(fraction * _STEPS))
        text = self.tr("epoch {0}/{1} · {2} elapsed").format(
            current, total, self._duration(elapsed))
        if paused:
            text = self.tr("paused · {0}").format(text)
        elif 0 < fraction < 1:
            # The measured rate so far; early stopping can only make the run shorter.
            text = self.tr("{0} · ETA {1}").format(
                text, self._duration(elapsed * (1 - fraction) / fraction))
        self._set_bar_text(text)

    def finished(self, final: EpochReport) -> None:
        if final.stop_reason != "stopped":  # a stopped run's bar shows how far it got
            self.bar.setValue(_STEPS)
        self._set_bar_text(self.tr("{0} epochs in {1}").format(
            final.epoch, self._duration(final.elapsed)))
        self.set_status(self._outcome(final))

    def failed(self, message: str) -> None:
        self.bar.setRange(0, _STEPS)
        self._set_bar_text(self.tr("failed"))
        self.set_status(message, error=True)

    def _set_bar_text(self, text: str) -> None:
        self.bar.setFormat(text)
        self.bar_label.setText(text)

    def _duration(self, seconds: float) -> str:
        if seconds < 10:
            return self.tr("{0:.1f} s").format(seconds)
        if seconds < 60:
            return self.tr("{0:.0f} s").format(seconds)
        if seconds < 3600:
            minutes, secs = divmod(int(round(seconds)), 60)
            return self.tr("{0} min {1:02d} s").format(minutes, secs)
        hours, rest = divmod(int(round(seconds)), 3600)
        return self.tr("{0} h {1:02d} min").format(hours, rest // 60)

    def _outcome(self, final: EpochReport) -> str:
        if final.stop_reason == "stopped" and final.epoch == 0:
            return self.tr("Stopped before the first epoch ended.")
        if final.stop_reason == "early_stopping":
            text = self.tr("Stopped early at epoch {0}; best epoch {1} (its weights are kept).")
        elif final.stop_reason == "stopped":
            text = self.tr("Stopped by the user at epoch {0}; best epoch {1} "
                           "(its weights are kept).")
        else:
            text = self.tr("Finished {0} epochs; best epoch {1} (its weights are kept).")
        return text.format(final.epoch, final.best_epoch)
