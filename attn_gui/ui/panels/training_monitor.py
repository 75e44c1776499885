"""The training panel: hyper-parameters, start/pause/stop, live curves and the final results.

Reports arrive from the worker thread as queued signals. Their slots only store them; a
timer pushes whatever changed to the plots, so the cost of drawing does not grow with the
number of reports.
"""

from __future__ import annotations

import copy
import re

from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...core.config import ConfigError, TrainConfig
from ...core.table import Table
from ...core.training import BatchReport, EpochReport
from ..jobs.paint_budget import PaintBudget
from ..jobs.worker import TrainingRunner, sentence
from ..plots.attention_bars import AttentionBars
from ..plots.attention_history import AttentionHistory
from ..plots.confusion import ConfusionMatrixPlot
from ..plots.curves import CurvePlot
from ..widgets.compact import compact
from .run_progress import RunProgress
from .training_page import TrainingPage

__all__ = ["TrainingMonitor"]

REDRAW_MS = 50  # 20 Hz, one plot per tick: each main-thread wake-up costs the worker GIL time


class TrainingMonitor(QWidget):
    runFinished = Signal(object)  # {"report": final EpochReport, "trainer": Trainer}
    runFailed = Signal(str)  # the sentence shown in the status line
    settingsChanged = Signal()  # the user changed a training setting

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = TrainingRunner(self)
        self.plot_updates = 0  # timer ticks that redrew something (tests check the throttle)
        self._epochs_done = 0
        self._last_epoch: EpochReport | None = None
        self._last_batch: BatchReport | None = None
        self._progress_dirty = False
        self._paused = False
        self._running_status = ""

        self.paint_budget = PaintBudget()
        self.progress = RunProgress(self)
        self._page = TrainingPage(self.paint_budget.clock)
        self._build_settings()
        self._build_layout()

        self._timer = QTimer(self)
        self._timer.setInterval(REDRAW_MS)
        self._timer.timeout.connect(self._redraw)

        self.pause_button.clicked.connect(self.toggle_pause)
        self.stop_button.clicked.connect(self.stop)
        self.runner.prepared.connect(self._on_prepared)
        self.runner.progress.connect(self._on_progress)
        self.runner.epoch.connect(self._on_epoch)
        self.runner.warning.connect(self.progress.warn)
        self.runner.finished.connect(self._on_finished)
        self.runner.failed.connect(self._on_failed)
        self._set_running(False)
        self.set_from(TrainConfig())
        for spin in (self.epochs_spin, self.batch_spin, self.lr_spin, self.momentum_spin,
                     self.patience_spin, self.seed_spin, self.l2_spin):
            spin.valueChanged.connect(self.settingsChanged)
        for combo in (self.optimizer_combo, self.schedule_combo, self.activation_combo):
            combo.currentIndexChanged.connect(self.settingsChanged)
        self.hidden_edit.textChanged.connect(self.settingsChanged)

    # -- construction ------------------------------------------------------
    def _build_settings(self) -> None:
        self.epochs_spin = QSpinBox()
        self.epochs_spin.setRange(1, 1_000_000)
        self.epochs_spin.setToolTip(self.tr(
            "One epoch is one pass over every training row; the curves get one point per "
            "epoch. Early stopping may end the run sooner."))

        self.batch_spin = QSpinBox()
        self.batch_spin.setRange(1, 10_000_000)
        self.batch_spin.setToolTip(self.tr(
            "Rows per update for SGD, momentum and Adam: each step follows the mean gradient "
            "of B rows, so an epoch of n rows takes ⌈n / B⌉ steps. Small batches are noisier "
            "and slower per epoch but often generalise better. Full-batch gradient descent "
            "ignores it."))

        self.lr_spin = QDoubleSpinBox()
        self.lr_spin.setDecimals(5)
        self.lr_spin.setRange(0.0, 100.0)
        # Steps one digit below the leading one (0.01 → 0.011, 0.001 → 0.0011): useful
        # across orders of magnitude, as a learning rate needs.
        self.lr_spin.setStepType(QAbstractSpinBox.StepType.AdaptiveDecimalStepType)
        self.lr_spin.setToolTip(self.tr(
            "Step size η of every update θ ← θ − η·g. Too large and the loss diverges; too "
            "small and it barely moves. Typical: 0.001–0.01 for Adam, 0.01–0.1 for SGD."))

        self.optimizer_combo = QComboBox()
        for label, value in ((self.tr("Adam"), "adam"), (self.tr("Momentum"), "momentum"),
                             (self.tr("Mini-batch SGD"), "sgd"),
                             (self.tr("Full-batch gradient descent"), "gd")):
            self.optimizer_combo.addItem(label, value)
        self.optimizer_combo.setToolTip(self.tr(
            "Gradient descent: θ ← θ − η·∇L over all training rows at once.\n"
            "SGD: the same step on the mean gradient g of each mini-batch.\n"
            "Momentum: v ← β·v + g, θ ← θ − η·v (past steps keep it rolling through "
            "flat and noisy regions).\n"
            "Adam: m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², θ ← θ − η·m̂ / (√v̂ + ε), "
            "with bias-corrected m̂, v̂ (β₁ = 0.9, β₂ = 0.999, ε = 1e-8): a per-parameter "
            "step size, robust to badly scaled inputs."))
        self.optimizer_combo.currentIndexChanged.connect(self._update_optimizer_fields)

        self.momentum_spin = QDoubleSpinBox()
        self.momentum_spin.setDecimals(3)
        self.momentum_spin.setRange(0.0, 0.999)
        self.momentum_spin.setSingleStep(0.05)
        self.momentum_spin.setToolTip(self.tr(
            "β in v ← β·v + g: the share of the previous step carried into the next one "
            "(0.9 is usual; 0 is plain SGD). Used by the momentum optimiser only."))

        self.schedule_combo = QComboBox()
        for label, value in ((self.tr("Constant"), "constant"), (self.tr("Cosine decay"), "cosine"),
                             (self.tr("Step (halve each quarter)"), "step")):
            self.schedule_combo.addItem(label, value)
        self.schedule_combo.setToolTip(self.tr(
            "Learning rate per epoch t of T. Constant: η. Cosine: η·(0.01 + 0.99·½(1 + "
            "cos(π·t/(T−1)))), from η down to 1% of η. Step: η halved after every quarter "
            "of the epochs."))

        self.hidden_edit = QLineEdit()
        self.hidden_edit.setPlaceholderText(self.tr("e.g. 64,32"))
        self.hidden_edit.setToolTip(self.tr(
            "Sizes of the hidden layers after the attention step, separated by commas: "
            "\"32\" is one layer of 32 units, \"64,32\" two layers. Empty: no hidden layer, "
            "a linear (logistic) model on the weighted features."))
        self.hidden_edit.textChanged.connect(self._check_hidden)

        self.activation_combo = QComboBox()
        for label, value in ((self.tr("ReLU"), "relu"), (self.tr("tanh"), "tanh")):
            self.activation_combo.addItem(label, value)
        self.activation_combo.setToolTip(self.tr(
            "Non-linearity of the hidden layers. ReLU: max(0, x), fast and the usual choice. "
            "tanh: (eˣ − e⁻ˣ)/(eˣ + e⁻ˣ), smooth and bounded in (−1, 1)."))

        self.patience_spin = QSpinBox()
        self.patience_spin.setRange(0, 1_000_000)
        self.patience_spin.setSpecialValueText(self.tr("off"))
        self.patience_spin.setToolTip(self.tr(
            "Early stopping: the run ends once the validation score (F1, or −loss for "
            "regression) has not improved for this many epochs in a row; the weights of the "
            "best epoch are kept either way. 0 turns early stopping off."))

        self.seed_spin = QSpinBox()
        self.seed_spin.setRange(0, 2**31 - 1)
        self.seed_spin.setToolTip(self.tr(
            "Seeds the validation split, the initial weights and the order of the "
            "mini-batches: the same seed and settings give the same run."))

        self.l2_spin = QDoubleSpinBox()
        self.l2_spin.setDecimals(6)
        self.l2_spin.setRange(0.0, 10.0)
        self.l2_spin.setStepType(QAbstractSpinBox.StepType.AdaptiveDecimalStepType)
        self.l2_spin.setToolTip(self.tr(
            "Weight decay λ: adds ½·λ·Σw² over the layer weights to the loss, which pulls "
            "weights towards zero and curbs over-fitting. 0 turns it off."))

        self.settings_box = QGroupBox(self.tr("Training settings"))
        form = QFormLayout(self.settings_box)
        # Labels move above their fields when the panel is narrow (next to other panels).
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        compact(self.optimizer_combo, self.schedule_combo, self.activation_combo)
        form.addRow(self.tr("Epochs"), self.epochs_spin)
        form.addRow(self.tr("Batch size"), self.batch_spin)
        form.addRow(self.tr("Learning rate"), self.lr_spin)
        form.addRow(self.tr("Optimiser"), self.optimizer_combo)
        form.addRow(self.tr("Momentum β"), self.momentum_spin)
        form.addRow(self.tr("Rate schedule"), self.schedule_combo)
        form.addRow(self.tr("Hidden layers"), self.hidden_edit)
        form.addRow(self.tr("Activation"), self.activation_combo)
        form.addRow(self.tr("Early-stopping patience"), self.patience_spin)
        form.addRow(self.tr("Seed"), self.seed_spin)
        form.addRow(self.tr("L2 penalty"), self.l2_spin)

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
        """Write the widgets' values into `config` (in place) and return it.

        Raises ConfigError if the hidden-layer text cannot be read; range checks are
        left to `TrainConfig.validate()`, so the window and the CLI refuse the same things.
        """
        config.epochs = self.epochs_spin.value()
        config.batch_size = self.batch_spin.value()
        config.lr = self.lr_spin.value()
        config.optimizer = self.optimizer_combo.currentData()
        config.momentum = self.momentum_spin.value()
        config.lr_schedule = self.schedule_combo.currentData()
        config.hidden = self._parse_hidden(self.hidden_edit.text())
        config.activation = self.activation_combo.currentData()
        config.patience = self.patience_spin.value()
        config.seed = self.seed_spin.value()
        config.l2 = self.l2_spin.value()
        return config

    def set_from(self, config: TrainConfig) -> None:
        self.epochs_spin.setValue(config.epochs)
        self.batch_spin.setValue(config.batch_size)
        self.lr_spin.setValue(config.lr)
        _select(self.optimizer_combo, config.optimizer)
        self.momentum_spin.setValue(config.momentum)
        _select(self.schedule_combo, config.lr_schedule)
        self.hidden_edit.setText(",".join(str(h) for h in config.hidden))
        _select(self.activation_combo, config.activation)
        self.patience_spin.setValue(config.patience)
        self.seed_spin.setValue(config.seed)
        self.l2_spin.setValue(config.l2)
        self._update_optimizer_fields()

    def _parse_hidden(self, text: str) -> list[int]:
        parts = [p for p in re.split(r"[\s,;]+", text.strip()) if p]
        if not all(p.isdigit() and int(p) >= 1 for p in parts):
            raise ConfigError(self.tr(
                "hidden layers must be whole numbers ≥ 1 separated by commas, e.g. 64,32, "
                "not '{0}'").format(text))
        return [int(p) for p in parts]

    @Slot(str)
    def _check_hidden(self, text: str) -> None:
        try:
            self._parse_hidden(text)
        except ConfigError:
            self.hidden_edit.setStyleSheet("QLineEdit { border: 1px solid #c62828; }")
        else:
            self.hidden_edit.setStyleSheet("")

    @Slot()
    def _update_optimizer_fields(self) -> None:
        optimizer = self.optimizer_combo.currentData()
        self.batch_spin.setEnabled(optimizer != "gd")
        self.momentum_spin.setEnabled(optimizer == "momentum")


    # -- running -----------------------------------------------------------
    @property
    def is_running(self) -> bool:
        return self.runner.is_running

    @property
    def epochs_done(self) -> int:
        """Epoch reports received in the current (or last) run."""
        return self._epochs_done

    def start(self, config: TrainConfig, table: Table | None, own_settings: bool = True) -> bool:
        """Start a run with `config`, overlaid by this panel's settings unless `own_settings`
        is False (a run repeated with changes); False if refused.

        The config is copied first: editing it (or the widgets) later does not reach the run.
        """
        if self.runner.is_running:
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
            self.progress.set_status(sentence(str(exc)), error=True)
            return False
        self._reset()
        self.runner.start(run_config, table)
        self._set_running(True)
        self.paint_budget.start()
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
        self._timer.stop()
        joined = self.runner.shutdown(timeout_ms)
        if was_running:
            self.progress.set_status(self.tr("Training was stopped before it finished."))
        self._set_running(False)
        return joined

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)

    def _reset(self) -> None:
        self._epochs_done = 0
        self._last_epoch = None
        self._last_batch = None
        self._paused = False
        self.page().reset()
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
        self.page().set_task(info["task"], info["features"])
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
        self.page().add_epoch(report)
        self._last_epoch = report
        self._epochs_done += 1
        self._progress_dirty = True

    @Slot(object)
    def _on_finished(self, result: dict) -> None:
        final: EpochReport = result["report"]
        self._timer.stop()
        for _ in range(4):  # every plot's turn: the run is over, nothing competes now
            self._redraw(budgeted=False)
        self.page().show_final(final, result["trainer"])
        self.progress.finished(final)
        self._set_running(False)
        self.runFinished.emit(result)

    @Slot(object)
    def _on_failed(self, message: str) -> None:
        self._timer.stop()
        for _ in range(4):  # every plot's turn, as when a run finishes
            self._redraw(budgeted=False)
        self.progress.failed(message)
        self._set_running(False)
        self.runFailed.emit(message)

    @Slot()
    def _redraw(self, budgeted: bool = True) -> None:
        # Over its budget (see paint_budget), a tick only moves the progress bar.
        changed = (not budgeted or self.paint_budget.allows()) and self.page().draw_next()
        if self._progress_dirty:
            self._progress_dirty = False
            self.progress.show_latest(self._last_batch, self._last_epoch, self._paused)
            changed = True
        if changed:
            self.plot_updates += 1


def _select(combo: QComboBox, value: str) -> None:
    index = combo.findData(value)
    if index >= 0:
        combo.setCurrentIndex(index)

