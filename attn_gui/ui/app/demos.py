"""Help ▸ Demos: bundled datasets that open ready to train, with settings chosen for each.

Everything is offline: the files ship in resources/demo (sources and licences in its
README.md). A demo's settings are TrainConfig fields, so the CLI's `--config` takes the same.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu

from ...core.config import TrainConfig
from ...resources import DEMO_DIR

CONTEXT = "Demos"


@dataclass(frozen=True)
class Demo:
    key: str
    file: str
    title: str  # English; translated when shown
    summary: str
    settings: dict = field(default_factory=dict)

    @property
    def path(self) -> Path:
        return DEMO_DIR / self.file

    def config(self) -> TrainConfig:
        return TrainConfig.from_dict(self.settings).validate()


DEMOS: tuple[Demo, ...] = (
    Demo(
        key="credit", file="demo.csv",
        title=QT_TRANSLATE_NOOP("Demos", "Credit defaults (synthetic, classification)"),
        summary=QT_TRANSLATE_NOOP(
            "Demos", "2,000 made-up loans: only the debt ratio and late payments decide a "
                     "default, so the attention plot should find those two columns."),
        settings={"target": "defaulted", "task": "classification", "positive": "yes",
                  "missing": "median", "scaling": "zscore", "epochs": 200, "patience": 20},
    ),
    Demo(
        key="penguins", file="penguins.csv",
        title=QT_TRANSLATE_NOOP("Demos", "Palmer penguins (species, classification)"),
        summary=QT_TRANSLATE_NOOP(
            "Demos", "344 penguins of three species measured in Antarctica, with missing "
                     "values and text columns (island, sex)."),
        settings={"target": "species", "task": "classification",
                  "features": ["island", "bill_length_mm", "bill_depth_mm",
                               "flipper_length_mm", "body_mass_g", "sex"],
                  "missing": "median", "scaling": "zscore", "hidden": [16],
                  "batch_size": 32, "epochs": 150, "patience": 20},
    ),
    Demo(
        key="weather", file="seattle_weather.csv",
        title=QT_TRANSLATE_NOOP("Demos", "Seattle weather (daily high, regression)"),
        summary=QT_TRANSLATE_NOOP(
            "Demos", "Four years of daily weather in Seattle: predict the day's highest "
                     "temperature from its lowest, the rain, the wind and the sky."),
        settings={"target": "temp_max", "task": "regression",
                  "features": ["precipitation", "temp_min", "wind", "weather"],
                  "missing": "median", "outliers": "clip", "outlier_rule": "zscore",
                  "outlier_threshold": 3.0, "scaling": "robust", "epochs": 200,
                  "patience": 20},
    ),
)


def demo(key: str) -> Demo:
    """The demo called `key`; KeyError names the known ones."""
    for entry in DEMOS:
        if entry.key == key:
            return entry
    raise KeyError(f"no demo '{key}'; known: {', '.join(d.key for d in DEMOS)}")


def open_demo(window: QMainWindow, entry: Demo) -> bool:
    """Load the demo's file into `window` and set every panel from its settings.

    False if the window refused (a run is going on: it says so in the status bar).
    """
    if window.monitor.is_running:
        window.open_path(entry.path)  # shows why nothing opens
        return False
    config = entry.config()
    window.open_path(entry.path)
    # Roles, task and positive class wait in the data panel until the file is read.
    window.data_panel.set_from(config)
    window.weighting_editor.set_from(config)
    window.monitor.set_from(config)
    return True


def demos_menu(window: QMainWindow) -> QMenu:
    """Help ▸ Demos; each action is also registered in `window.actions` as `demo_<key>`."""
    menu = QMenu(QCoreApplication.translate("Demos", "&Demos"), window)
    for entry in DEMOS:
        action = QAction(QCoreApplication.translate(CONTEXT, entry.title), window)
        action.setStatusTip(QCoreApplication.translate(CONTEXT, entry.summary))
        action.triggered.connect(lambda _=False, e=entry: open_demo(window, e))
        window.actions[f"demo_{entry.key}"] = action
        menu.addAction(action)
    return menu
