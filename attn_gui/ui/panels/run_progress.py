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
        # Two lines kept free: a sentence that wraps to a second line must not move the plots
        # below it, which would repaint them all (four plots and the results at once).
        self.status_label.setMinimumHeight(2 * self.status_label.fontMetrics().lineSpacing())
        self.warning_label = QLabel()
        self.warning_label.setWordWrap(True)
        self.warning_label.setStyleSheet(f"color: {WARN};")
        self.warning_label.hide()
        self.run_of = (1, 1)  # the run under way and the runs of its group

    def set_run(self, index: int, count: int) -> None:
        self.run_of = (index, count)

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
        self.run_of = (1, 1)
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
        index, count = self.run_of
        self.bar.setValue(round((index - 1 + fraction) / count * _STEPS))
        text = self.tr("epoch {0}/{1} · {2} elapsed").format(
            current, total, self._duration(elapsed))
        if count > 1:
            # The elapsed time and ETA are the run's: runs stop early at different epochs.
            text = self.tr("run {0} of {1}, epoch {2} of {3} · {4} elapsed").format(
                index, count, current, total, self._duration(elapsed))
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

    def group_finished(self, seconds: float, kept: int, stopped: bool) -> None:
        """A group's end, after `seconds` of training: `kept` runs are summarised."""
        index, count = self.run_of
        if not stopped:
            self.bar.setValue(_STEPS)
            self._set_bar_text(self.tr("{0} runs in {1}").format(count, self._duration(seconds)))
            self.set_status(self.tr(
                "Finished {0} runs: the plots and metrics show their mean ± sd; Save Model and "
                "Predict use the first run's model.").format(count))
            return
        self._set_bar_text(self.tr("stopped in run {0} of {1}").format(index, count))
        if kept < 2:
            self.set_status(self.tr(
                "Stopped in run {0} of {1}: only the first run is kept, with its best weights.")
                .format(index, count))
        else:
            self.set_status(self.tr(
                "Stopped in run {0} of {1}: the mean ± sd cover the {2} runs that finished "
                "(the first run's model is kept).").format(index, count, kept))

    def importance(self, fraction: float) -> None:
        self.bar.setRange(0, _STEPS)
        self.bar.setValue(round(fraction * _STEPS))
        self._set_bar_text(self.tr("shuffling columns… {0:.0f}%").format(100 * fraction))

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
