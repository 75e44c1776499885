"""The training panel: hyper-parameters, start/pause/stop, live curves and the final results.

Reports arrive from the worker thread as queued signals. Their slots only append to
buffers; a ~30 Hz timer pushes whatever changed to the plots, so the cost of drawing
does not grow with the number of reports.
"""

from __future__ import annotations

import copy
import math
import re

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...core.config import ConfigError, TrainConfig
from ...core.io import Table
from ...core.training import BatchReport, EpochReport, Trainer
from ..jobs.paint_budget import PaintBudget
from ..jobs.worker import TrainingRunner, sentence
from ..plots.plots import (
    TRAIN_COLOR,
    VALID_COLOR,
    AttentionBars,
    AttentionHistory,
    ConfusionMatrixPlot,
    CurvePlot,
    Series,
    number_item,
)
from ..widgets.compact import compact

__all__ = ["TrainingMonitor"]

# Built on first use (see TrainingMonitor.__getattr__).
_PAGE_PARTS = frozenset({"loss_plot", "score_plot", "attention_bars", "attention_history",
                         "confusion_plot", "metrics_table", "per_class_table", "metrics_box",
                         "per_class_box"})
_BUILD_STEP_MS = 16  # between the steps that build the page: input and paints go in between
REDRAW_MS = 50  # 20 Hz, one plot per tick: each main-thread wake-up costs the worker GIL time
_PROGRESS_STEPS = 1000
_ERROR_STYLE = "color: #c62828;"
_WARNING_STYLE = "color: #b26a00;"


class TrainingMonitor(QWidget):
    runFinished = Signal(object)  # {"report": final EpochReport, "trainer": Trainer}
    runFailed = Signal(str)  # the sentence shown in the status line
    settingsChanged = Signal()  # the user changed a training setting

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = TrainingRunner(self)
        self.plot_updates = 0  # timer ticks that redrew something (tests check the throttle)
        self._epochs_done = 0
        self._task = "classification"
        self._last_epoch: EpochReport | None = None
        self._last_batch: BatchReport | None = None
        self._progress_dirty = False
        self._paused = False
        self._running_status = ""

        self.paint_budget = PaintBudget()
        self._build_settings()
        self._build_layout()
        # The plots and result tables are built only once there is data to train on: the
        # first frame then paints sooner, and an empty window says what to do instead of
        # showing blank axes. Any use of them before that builds them at once.
        self._page_steps = [self._build_curves, self._build_attention_plots,
                            self._build_results, self._place_page]

        self._turn = 0
        self._bars_epoch = 0
        self._timer = QTimer(self)
        self._timer.setInterval(REDRAW_MS)
        self._timer.timeout.connect(self._redraw)

        self.pause_button.clicked.connect(self.toggle_pause)
        self.stop_button.clicked.connect(self.stop)
        self.runner.prepared.connect(self._on_prepared)
        self.runner.progress.connect(self._on_progress)
        self.runner.epoch.connect(self._on_epoch)
        self.runner.warning.connect(self._on_warning)
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

    def __getattr__(self, name: str):
        # Reached only for attributes not set yet: a part of the page built on demand.
        if name in _PAGE_PARTS:
            self.build_page()
            return object.__getattribute__(self, name)
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    @property
    def page_built(self) -> bool:
        return not self._page_steps

    def build_page(self) -> None:
        """Build the plots and result tables now, whatever is left of them."""
        while self._page_steps:
            self._page_steps.pop(0)()

    def build_page_soon(self) -> None:
        """Build the page one step at a time, a frame apart, so no turn holds the window long
        (zero-delay timers would run back to back in one turn)."""
        if self._page_steps:
            QTimer.singleShot(_BUILD_STEP_MS, self._build_page_step)

    @Slot()
    def _build_page_step(self) -> None:
        if self._page_steps:
            self._page_steps.pop(0)()
            self.build_page_soon()

    def _build_curves(self) -> None:
        train, valid = self.tr("train"), self.tr("validation")
        split_series = [Series("train", train, TRAIN_COLOR), Series("valid", valid, VALID_COLOR)]
        self.loss_plot = CurvePlot(self.tr("Loss"), self.tr("loss"), split_series)
        self.score_plot = CurvePlot(self.tr("F1 score"), self.tr("F1"), split_series)
        for plot in (self.loss_plot, self.score_plot):
            plot.paint_clock = self.paint_budget.clock

    def _build_attention_plots(self) -> None:
        self.attention_bars = AttentionBars()
        self.attention_history = AttentionHistory()
        for plot in (self.attention_history, self.attention_bars):
            plot.paint_clock = self.paint_budget.clock

    def _build_results(self) -> None:
        self.metrics_table = _table([self.tr("Train"), self.tr("Validation")])
        self.metrics_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.per_class_table = _table([self.tr("Class"), self.tr("Precision"), self.tr("Recall"),
                                       self.tr("F1"), self.tr("Support")])
        self.per_class_table.verticalHeader().hide()
        header = self.per_class_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.confusion_plot = ConfusionMatrixPlot()

        self.metrics_box = QGroupBox(self.tr("Final metrics (best epoch)"))
        QVBoxLayout(self.metrics_box).addWidget(self.metrics_table)
        self.per_class_box = QGroupBox(self.tr("Per class (validation)"))
        QVBoxLayout(self.per_class_box).addWidget(self.per_class_table)

    def _build_layout(self) -> None:
        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, _PROGRESS_STEPS)
        self.progress_bar.setValue(0)
        self.progress_bar.setTextVisible(True)
        # Some styles (macOS) never draw the text inside the bar; the label carries it there.
        self.progress_label = QLabel()
        self.progress_label.setVisible(self.style().name().lower() == "macos")
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.warning_label = QLabel()
        self.warning_label.setWordWrap(True)
        self.warning_label.setStyleSheet(_WARNING_STYLE)
        self.warning_label.hide()

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
        buttons.addWidget(self.progress_bar, 1)
        main.addLayout(buttons)
        main.addWidget(self.progress_label)
        main.addWidget(self.status_label)
        main.addWidget(self.warning_label)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self._training_page = QWidget()
        page = QVBoxLayout(self._training_page)
        page.setContentsMargins(0, 0, 0, 0)
        self._guide = QLabel(self.tr(
            "Open a CSV file (Ctrl+O), or a demo from Help ▸ Demos, and press Start (Ctrl+R). "
            "The loss, the F1 score and the weight of every feature are drawn here while the "
            "network trains; the final metrics and the confusion matrix follow."))
        self._guide.setWordWrap(True)
        self._guide.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._guide.setContentsMargins(40, 0, 40, 0)
        page.addWidget(self._guide)
        self.tabs.addTab(self._training_page, self.tr("Training"))
        main.addWidget(self.tabs, 1)

        outer = QHBoxLayout(self)
        outer.addWidget(self.controls)
        outer.addLayout(main, 1)

    def _place_page(self) -> None:
        live = QWidget()
        grid = QGridLayout(live)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.loss_plot, 0, 0)
        grid.addWidget(self.score_plot, 0, 1)
        grid.addWidget(self.attention_bars, 1, 0)
        grid.addWidget(self.attention_history, 1, 1)

        # Tables stacked beside the heatmap: narrow enough to sit next to the other panels.
        tables = QVBoxLayout()
        tables.addWidget(self.metrics_box, 3)
        tables.addWidget(self.per_class_box, 2)
        results = QWidget()
        row = QHBoxLayout(results)
        row.setContentsMargins(0, 0, 0, 0)
        row.addLayout(tables, 1)
        row.addWidget(self.confusion_plot, 1)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(live)
        splitter.addWidget(results)
        splitter.setSizes([520, 400])  # proportions: the live plots get a little more than half
        splitter.setChildrenCollapsible(False)

        self._guide.hide()
        self._training_page.layout().addWidget(splitter)
        splitter.show()  # now, not on the next event-loop turn: the plots are used at once

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
            self._set_status(self.tr("Load a data file before training."), error=True)
            return False
        try:
            run_config = copy.deepcopy(config)
            if own_settings:
                self.apply_to(run_config)
            run_config.validate()
        except ConfigError as exc:
            self._set_status(sentence(str(exc)), error=True)
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
        self._set_status(self.tr("Paused after the current mini-batch; press Resume to go on."))
        self._progress_dirty = True

    @Slot()
    def resume(self) -> None:
        if not self._paused:
            return
        self.runner.resume()
        self._paused = False
        self.pause_button.setText(self.tr("Pause"))
        self._set_status(self._running_status)
        self._progress_dirty = True

    @Slot()
    def stop(self) -> None:
        if not self.runner.is_running:
            return
        self.runner.stop()
        self.pause_button.setEnabled(False)
        self.stop_button.setEnabled(False)
        self._set_status(self.tr("Stopping after the current mini-batch…"))

    def shutdown(self, timeout_ms: int = 5000) -> bool:
        """Stop the run and join its thread within the bound (window close, aboutToQuit)."""
        was_running = self.runner.is_running
        self._timer.stop()
        joined = self.runner.shutdown(timeout_ms)
        if was_running:
            self._set_status(self.tr("Training was stopped before it finished."))
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
        self.loss_plot.reset()
        self.score_plot.reset()
        self.attention_history.reset()
        self.attention_bars.set_weights({})
        self.metrics_table.setRowCount(0)
        self.per_class_table.setRowCount(0)
        self.confusion_plot.set_matrix([], [])
        self.warning_label.clear()
        self.warning_label.hide()
        self.progress_bar.setRange(0, 0)  # busy until the data is prepared
        self._set_progress_text(self.tr("preparing the data…"))
        self._set_status(self.tr("Preparing the data…"))

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
        self._task = info["task"]
        regression = self._task == "regression"
        if regression:
            self.score_plot.set_labels(self.tr("R²"), self.tr("R²"))
        else:
            self.score_plot.set_labels(self.tr("F1 score"), self.tr("F1"))
        self.attention_history.set_features(info["features"])
        self.per_class_box.setVisible(not regression)
        self.confusion_plot.setVisible(not regression)
        self.progress_bar.setRange(0, _PROGRESS_STEPS)
        self._running_status = self.tr(
            "Training on {0} rows, validating on {1} rows ({2} features).").format(
            info["n_train"], info["n_valid"], len(info["features"]))
        self._set_status(self._running_status)

    @Slot(object)
    def _on_progress(self, report: BatchReport) -> None:
        self._last_batch = report
        self._progress_dirty = True

    @Slot(object)
    def _on_epoch(self, report: EpochReport) -> None:
        score = "r2" if self._task == "regression" else "f1"
        self.loss_plot.append(report.epoch, {"train": report.train["loss"],
                                             "valid": report.valid["loss"]})
        self.score_plot.append(report.epoch, {"train": report.train.get(score, math.nan),
                                              "valid": report.valid.get(score, math.nan)})
        self.attention_history.append(report.epoch, report.attention)
        self._last_epoch = report
        self._epochs_done += 1
        self._progress_dirty = True

    @Slot(object)
    def _on_warning(self, message: str) -> None:
        lines = [t for t in (self.warning_label.text(), message) if t]
        self.warning_label.setText("\n".join(lines))
        self.warning_label.show()

    @Slot(object)
    def _on_finished(self, result: dict) -> None:
        final: EpochReport = result["report"]
        self._timer.stop()
        for _ in range(4):  # every plot's turn: the run is over, nothing competes now
            self._redraw(budgeted=False)
        self.attention_bars.set_weights(final.attention)  # the kept (best) weights
        self._show_results(final, result["trainer"])
        if final.stop_reason != "stopped":  # a stopped run's bar shows how far it got
            self.progress_bar.setValue(_PROGRESS_STEPS)
        self._set_progress_text(self.tr("{0} epochs in {1}").format(
            final.epoch, self._duration(final.elapsed)))
        self._set_status(self._outcome(final))
        self._set_running(False)
        self.runFinished.emit(result)

    @Slot(object)
    def _on_failed(self, message: str) -> None:
        self._timer.stop()
        for _ in range(4):  # every plot's turn, as when a run finishes
            self._redraw(budgeted=False)
        self.progress_bar.setRange(0, _PROGRESS_STEPS)
        self._set_progress_text(self.tr("failed"))
        self._set_status(message, error=True)
        self._set_running(False)
        self.runFailed.emit(message)

    # -- drawing -------------------------------------------------------------
    @Slot()
    def _redraw(self, budgeted: bool = True) -> None:
        # One plot per tick, in turn: each repaint then covers one plot, so no single
        # event-loop turn holds the window for the cost of painting all four. Over its
        # budget (see paint_budget), a tick only moves the progress bar.
        changed = (not budgeted or self.paint_budget.allows()) and self._draw_next_plot()
        if self._progress_dirty:
            self._progress_dirty = False
            self._update_progress()
            changed = True
        if changed:
            self.plot_updates += 1

    def _draw_next_plot(self) -> bool:
        self._turn = (self._turn + 1) % 4
        if self._turn < 3:
            return (self.loss_plot, self.score_plot, self.attention_history)[self._turn].refresh()
        if self._last_epoch is not None and self._bars_epoch != self._last_epoch.epoch:
            self._bars_epoch = self._last_epoch.epoch
            self.attention_bars.set_weights(self._last_epoch.attention)
            return True
        return False

    def _update_progress(self) -> None:
        batch, epoch = self._last_batch, self._last_epoch
        if batch is None and epoch is None:
            return
        if batch is not None and (epoch is None or batch.epoch > epoch.epoch):
            done = batch.epoch - 1 + batch.batch / batch.n_batches
            current, total, elapsed = batch.epoch, batch.epochs, batch.elapsed
        else:
            done, current, total, elapsed = epoch.epoch, epoch.epoch, epoch.epochs, epoch.elapsed
        fraction = min(done / total, 1.0)
        self.progress_bar.setValue(round(fraction * _PROGRESS_STEPS))
        text = self.tr("epoch {0}/{1} · {2} elapsed").format(
            current, total, self._duration(elapsed))
        if self._paused:
            text = self.tr("paused · {0}").format(text)
        elif 0 < fraction < 1:
            # The measured rate so far; early stopping can only make the run shorter.
            text = self.tr("{0} · ETA {1}").format(
                text, self._duration(elapsed * (1 - fraction) / fraction))
        self._set_progress_text(text)

    def _set_progress_text(self, text: str) -> None:
        self.progress_bar.setFormat(text)
        self.progress_label.setText(text)

    def _set_status(self, text: str, error: bool = False) -> None:
        self.status_label.setText(text)
        self.status_label.setStyleSheet(_ERROR_STYLE if error else "")

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

    # -- final results -------------------------------------------------------
    def _show_results(self, final: EpochReport, trainer: Trainer) -> None:
        data = trainer.data
        if data.task == "regression":
            rows = [(self.tr("R²"), "r2"), (self.tr("RMSE"), "rmse"), (self.tr("MAE"), "mae"),
                    (self.tr("Loss (MSE)"), "loss")]
        else:
            if len(data.classes) == 2 and data.positive is not None:
                which = self.tr("class {0}").format(data.classes[data.positive])
            else:
                which = self.tr("macro")
            rows = [(self.tr("Accuracy"), "accuracy"),
                    (self.tr("Precision ({0})").format(which), "precision"),
                    (self.tr("Recall ({0})").format(which), "recall"),
                    (self.tr("F1 ({0})").format(which), "f1")]
            if len(data.classes) > 2:
                rows.append((self.tr("F1 (weighted)"), "f1_weighted"))
            rows.append((self.tr("Loss (cross-entropy)"), "loss"))
        table = self.metrics_table
        table.setRowCount(len(rows))
        table.setVerticalHeaderLabels([label for label, _ in rows])
        for r, (_, key) in enumerate(rows):
            for c, split in enumerate((final.train, final.valid)):
                table.setItem(r, c, number_item(split.get(key, math.nan)))
        if data.task == "classification":
            self.confusion_plot.set_matrix(final.valid["confusion"], data.classes)
            self._show_per_class(final.valid["per_class"], data.classes)

    def _show_per_class(self, per_class: dict, classes: list[str]) -> None:
        table = self.per_class_table
        table.setRowCount(len(classes))
        for r, name in enumerate(classes):
            table.setItem(r, 0, QTableWidgetItem(str(name)))
            for c, key in enumerate(("precision", "recall", "f1"), start=1):
                table.setItem(r, c, number_item(per_class[key][r]))
            table.setItem(r, 4, number_item(per_class["support"][r], digits=0))


def _table(columns: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(columns))
    table.setHorizontalHeaderLabels(columns)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
    return table


def _select(combo: QComboBox, value: str) -> None:
    index = combo.findData(value)
    if index >= 0:
        combo.setCurrentIndex(index)

