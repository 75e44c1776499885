"""The training panel: hyper-parameters, start/pause/stop, live curves and the final results.

Reports arrive from the worker thread as queued signals. Their slots only store them; a
timer pushes whatever changed to the plots, so the cost of drawing does not grow with the
number of reports.
"""

from __future__ import annotations

import copy
from collections.abc import Callable

from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...core.config import ConfigError, TrainConfig
from ...core.io import Table
from ...core.repeats import RunReport
from ...core.runs import Run
from ...core.training import BatchReport, EpochReport
from ..app.core_text import sentence
from ..jobs.loader import BackgroundTask
from ..jobs.paint_budget import PaintBudget, RefreshGuarantee
from ..jobs.steps import Steps
from ..jobs.turns import ask_turn, withdraw_turn
from ..jobs.worker import TrainingRunner
from ..plots.attention_bars import AttentionBars
from ..plots.attention_history import AttentionHistory
from ..plots.confusion import ConfusionMatrixPlot
from ..plots.curves import CurvePlot
from ..widgets.option_form import OptionForm, options_of
from .run_progress import RunProgress
from .training_page import TrainingPage

__all__ = ["TrainingMonitor"]

REDRAW_MS = 50  # 20 Hz: each main-thread wake-up costs the worker GIL time


class TrainingMonitor(QWidget):
    # {"report": the kept run's final EpochReport, "trainer": its Trainer, "runs": every
    # finished core Run, "kept": those the summary covers, "summary": core summarise()'s}
    runFinished = Signal(object)
    importanceComputed = Signal(object)  # core importance_report()'s dict for the last group
    runFailed = Signal(str)  # the sentence shown in the status line
    settingsChanged = Signal()  # the user changed a training setting

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = TrainingRunner(self)
        # Timer ticks that redrew a plot while a run lasted (not the progress bar, not the
        # drawing of the end): tests check the throttle, the self-test that plots were live.
        self.plot_updates = 0
        self._epochs_done = 0
        self._last_epoch: EpochReport | None = None
        self._last_batch: BatchReport | None = None
        self._progress_dirty = False
        self._paused = False
        self._running_status = ""
        self._prepared: dict | None = None  # the run's task and features, until its 1st epoch
        self._attention_on = True
        self._group_size = 1
        self.last_group: tuple[list, dict] | None = None  # the kept core Runs and summary
        self.importance_task = BackgroundTask(self)
        self.importance_task.progress.connect(self.progress_importance)
        self.importance_task.loaded.connect(self._on_importance)
        self.importance_task.failed.connect(self._on_failed_importance)

        # A run's beginning and end, drawn a step at a time; the page's changes that arrive
        # while the beginning is drawn are held (`_change_page`) and applied in its last step.
        self._page_steps = Steps(self)
        self._held: list[Callable[[TrainingPage], object]] = []
        self.paint_budget = PaintBudget()
        self.refreshes = RefreshGuarantee(self.paint_budget)
        self.progress = RunProgress(self)
        self._page = TrainingPage(self.refreshes)
        self._page.importanceRequested.connect(self.compute_importance)
        self._build_settings()
        self._build_layout()

        self._timer = QTimer(self)
        self._timer.setInterval(REDRAW_MS)
        # The redraw waits for a turn of its own: not in the same turn as another plot's.
        self._timer.timeout.connect(lambda: ask_turn(self, self._redraw))

        self.pause_button.clicked.connect(self.toggle_pause)
        self.stop_button.clicked.connect(self.stop)
        self.runner.prepared.connect(self._on_prepared)
        self.runner.progress.connect(self._on_progress)
        self.runner.epoch.connect(self._on_epoch)
        self.runner.member.connect(self._on_member)
        self.runner.warning.connect(self.progress.warn)
        self.runner.finished.connect(self._on_finished)
        self.runner.failed.connect(self._on_failed)
        self._set_running(False)
        self.set_from(TrainConfig())

    # -- construction ------------------------------------------------------
    def _build_settings(self) -> None:
        self.settings_box = OptionForm(self.tr("Training settings"), options_of("training"))
        self.settings_box.changed.connect(self.settingsChanged)
        self.settings_box.field("optimizer").currentIndexChanged.connect(
            self._update_optimizer_fields)

        self.start_button = QPushButton(self.tr("Start"))
        self.start_button.setToolTip(self.tr("Train a new model with these settings."))
        self.pause_button = QPushButton(self.tr("Pause"))
        self.pause_button.setToolTip(self.tr(
            "Hold the run after the current mini-batch; Resume goes on where it left off."))
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.setToolTip(self.tr(
            "End the run after the current mini-batch and keep the best weights so far."))

    def _build_layout(self) -> None:
        buttons = QHBoxLayout()
        for button in (self.start_button, self.pause_button, self.stop_button):
            buttons.addWidget(button)
        side = QVBoxLayout()
        side.addWidget(self.settings_box)
        side.addStretch(1)
        # Settings and buttons in one widget, so a window can place them elsewhere.
        self.controls = QWidget()
        self.controls.setLayout(side)
        self.controls.setMaximumWidth(340)

        main = QVBoxLayout()
        # The buttons stay beside the progress they control, wherever the settings go.
        buttons.addWidget(self.progress.bar, 1)
        main.addLayout(buttons)
        main.addWidget(self.progress.bar_label)
        main.addWidget(self.progress.status_label)
        main.addWidget(self.progress.warning_label)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self._page, self.tr("Training"))
        main.addWidget(self.tabs, 1)

        outer = QHBoxLayout(self)
        outer.addWidget(self.controls)
        outer.addLayout(main, 1)

    # -- the Training tab ----------------------------------------------------
    @property
    def page_built(self) -> bool:
        return self._page.built

    def page(self) -> TrainingPage:
        """The Training tab with its plots and result tables, built now if they are not yet."""
        self._page.build()
        return self._page

    def clear(self) -> None:
        """Forget the last run's plots and results (a new file starts a new project)."""
        self.importance_task.cancel()
        self.last_group = None
        if self.page_built:
            self.page().clear()
        self.progress.set_status("")

    def show_run(self, run: Run) -> None:
        """A saved run (an opened project's): its models are not in memory, so there is
        nothing to shuffle; what was computed when it trained is shown."""
        if self.runner.is_running:
            return
        self.clear()
        self.page().show_run(run)

    def build_page_soon(self) -> None:
        self._page.build_soon()

    # The plots a project export writes, like page() built on first use.
    @property
    def loss_plot(self) -> CurvePlot:
        return self.page().loss_plot

    @property
    def score_plot(self) -> CurvePlot:
        return self.page().score_plot

    @property
    def attention_bars(self) -> AttentionBars:
        return self.page().attention_bars

    @property
    def attention_history(self) -> AttentionHistory:
        return self.page().attention_history

    @property
    def confusion_plot(self) -> ConfusionMatrixPlot:
        return self.page().results.confusion_plot

    # -- settings ----------------------------------------------------------
    def apply_to(self, config: TrainConfig) -> TrainConfig:
        """Write the training settings into `config` (in place) and return it; ConfigError
        for text that cannot be read (see `OptionForm.apply_to`)."""
        return self.settings_box.apply_to(config)

    def set_from(self, config: TrainConfig) -> None:
        self.settings_box.set_from(config)
        self._update_optimizer_fields()

    def field(self, name: str) -> QWidget:
        """The editor of one training setting (e.g. "lr")."""
        return self.settings_box.field(name)

    @Slot()
    def _update_optimizer_fields(self) -> None:
        optimizer = self.field("optimizer").currentData()
        self.field("batch_size").setEnabled(optimizer != "gd")
        self.field("momentum").setEnabled(optimizer == "momentum")


    # -- running -----------------------------------------------------------
    @property
    def is_running(self) -> bool:
        """From start() until the end of the run has been drawn (runFinished / runFailed)."""
        return self.runner.is_running or self._page_steps.pending

    @property
    def epochs_done(self) -> int:
        """Epoch reports received in the current (or last) run."""
        return self._epochs_done

    def start(self, config: TrainConfig, table: Table | None, own_settings: bool = True) -> bool:
        """Start a run with `config`, overlaid by this panel's settings unless `own_settings`
        is False (a run repeated with changes); False if refused.

        The config is copied first: editing it (or the widgets) later does not reach the run.
        """
        if self.is_running:
            return False
        if table is None:
            self.progress.set_status(self.tr("Load a data file before training."), error=True)
            return False
        try:
            run_config = copy.deepcopy(config)
            if own_settings:
                self.apply_to(run_config)
            run_config.validate()
        except ConfigError as exc:
            self.progress.set_status(sentence(exc), error=True)
            return False
        self._reset(run_config.attention != "off")
        self.importance_task.cancel()
        self.runner.start(run_config, table)
        self._set_running(True)
        self.refreshes.start()
        self._timer.start()
        return True

    @Slot()
    def toggle_pause(self) -> None:
        if self._paused:
            self.resume()
        else:
            self.pause()

    @Slot()
    def pause(self) -> None:
        if not self.runner.is_running or self._paused:
            return
        self.runner.pause()
        self._paused = True
        self.pause_button.setText(self.tr("Resume"))
        self.progress.set_status(
            self.tr("Paused after the current mini-batch; press Resume to go on."))
        self._progress_dirty = True

    @Slot()
    def resume(self) -> None:
        if not self._paused:
            return
        self.runner.resume()
        self._paused = False
        self.pause_button.setText(self.tr("Pause"))
        self.progress.set_status(self._running_status)
        self._progress_dirty = True

    @Slot()
    def stop(self) -> None:
        if not self.runner.is_running:
            return
        self.runner.stop()
        self.pause_button.setEnabled(False)
        self.stop_button.setEnabled(False)
        self.progress.set_status(self.tr("Stopping after the current mini-batch…"))

    def shutdown(self, timeout_ms: int = 5000) -> bool:
        """Stop the run and join its thread within the bound (window close, aboutToQuit)."""
        was_running = self.runner.is_running
        self._stop_redraws()
        self._page_steps.cancel()
        self._held = []
        self.importance_task.shutdown(timeout_ms)
        joined = self.runner.shutdown(timeout_ms)
        if was_running:
            self.progress.set_status(self.tr("Training was stopped before it finished."))
        self._set_running(False)
        return joined

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)

    def _reset(self, attention_on: bool) -> None:
        self._epochs_done = 0
        self._last_epoch = None
        self._last_batch = None
        self._paused = False
        self._prepared = None
        self._attention_on = attention_on
        # Its build goes on while the data is prepared; the first epoch finishes it if not.
        self.build_page_soon()
        self.progress.preparing()

    def _set_running(self, running: bool) -> None:
        self.start_button.setEnabled(not running)
        self.pause_button.setEnabled(running)
        self.stop_button.setEnabled(running)
        self.settings_box.setEnabled(not running)
        if not running:
            self._paused = False
            self.pause_button.setText(self.tr("Pause"))

    # -- reports (GUI thread; they only store, the timer draws) -------------
    @Slot(object)
    def _on_prepared(self, info: dict) -> None:
        self._prepared = info
        self._group_size = info.get("runs", 1)
        self._running_status = self.tr(
            "Training on {0} rows, validating on {1} rows ({2} features).").format(
            info["n_train"], info["n_valid"], len(info["features"]))
        self.progress.training(self._running_status)

    @Slot(object)
    def _on_progress(self, report: BatchReport) -> None:
        self._last_batch = report
        self._progress_dirty = True

    @Slot(object)
    def _on_epoch(self, report: EpochReport) -> None:
        self._begin_plots()
        self._change_page(lambda page: page.add_epoch(report))
        self._last_epoch = report
        self._epochs_done += 1
        self._progress_dirty = True

    @Slot(object)
    def _on_member(self, item: RunReport) -> None:
        """A run of the group starts (its report None) or ends."""
        if item.report is None:
            self.progress.set_run(item.index, item.count)
            if item.index > 1:
                self._change_page(lambda page: page.start_member(item.index))
        else:
            self._begin_plots()
            self._change_page(lambda page: page.end_member(item.report))
        self._progress_dirty = True

    @Slot(object)
    def _on_finished(self, result: dict) -> None:
        """The end of a run, a plot or table a turn of the event loop; `runFinished` once
        everything shows the final state (the monitor counts as running until then)."""
        final: EpochReport = result["report"]
        runs, kept, summary = result["runs"], result["kept"], result["summary"]
        self._stop_redraws()
        self._begin_plots()  # a run stopped before its first epoch still replaces the last
        page = self.page()

        def close() -> None:
            if self._group_size > 1:
                stopped = (len(runs) < self._group_size
                           or runs[-1].final.stop_reason == "stopped")
                self.progress.group_finished(sum(r.final.elapsed for r in runs), len(kept),
                                             stopped)
            else:
                self.progress.finished(final)
            self.last_group = (kept, summary)
            page.importance_button.setEnabled(self._attention_on)
            self._set_running(False)
            self.runFinished.emit(result)

        self._page_steps.add(
            lambda: self.progress.show_latest(self._last_batch, self._last_epoch, False),
            *page.final_steps(final, result["trainer"], summary, [r.final for r in kept]),
            close)

    # -- permutation importance of the last group, in the background ---------------
    @Slot()
    def compute_importance(self) -> bool:
        """Shuffle the columns of the last group's validation rows; False if there is none."""
        if self.last_group is None or self.runner.is_running:
            return False
        from ...core.importance import importance_report

        runs, summary = self.last_group
        attention = summary["attention"]
        self.page().importance_button.setEnabled(False)
        self.progress.importance(0.0)
        self.importance_task.run(lambda progress, _stop: importance_report(runs, attention,
                                                                           progress))
        return True

    @Slot(float)
    def progress_importance(self, fraction: float) -> None:
        self.progress.importance(fraction)

    @Slot(object)
    def _on_importance(self, report: dict) -> None:
        runs, summary = self.last_group
        self.progress.importance(1.0)
        self.page().show_importance(report, summary["attention"], len(runs))
        self.page().importance_button.setEnabled(True)
        self.importanceComputed.emit(report)

    @Slot(object)
    def _on_failed_importance(self, error: object) -> None:
        self.progress.set_status(sentence(error), error=True)
        self.page().importance_button.setEnabled(True)

    @Slot(object)
    def _on_failed(self, error: object) -> None:
        message = sentence(error)
        self._stop_redraws()

        def close() -> None:
            self.progress.failed(message)
            self._set_running(False)
            self.runFailed.emit(message)

        # What epochs there were, a plot a turn; none: the last run's plots stay.
        self._page_steps.add(*self.refreshes.flush_steps(), close)

    def _stop_redraws(self) -> None:
        self._timer.stop()
        withdraw_turn(self._redraw)

    def _begin_plots(self) -> None:
        if self._prepared is not None:
            info, self._prepared = self._prepared, None
            self._page_steps.add(*self.page().begin_steps(
                info["task"], info["features"], self._attention_on, info.get("runs", 1)),
                self._apply_held)

    def _change_page(self, change: Callable[[TrainingPage], object]) -> None:
        """`change` now, or, while the run's beginning is drawn, held and applied with the
        others in its last step (epochs arrive faster than steps are run)."""
        if self._page_steps.pending:
            self._held.append(change)
        else:
            change(self.page())

    def _apply_held(self) -> None:
        held, self._held = self._held, []
        for change in held:
            change(self.page())

    def _redraw(self) -> None:
        # A plot half-way through the run's beginning is not drawn.
        if not self._page_steps.pending and self.refreshes.tick():
            self.plot_updates += 1
        if self._progress_dirty:
            self._progress_dirty = False
            self.progress.show_latest(self._last_batch, self._last_epoch, self._paused)

