"""The Target box's column selector and its warning, driven through the real DataPanel."""

from pathlib import Path

import numpy as np
import pandas as pd
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from attn_gui.core.config import TrainConfig
from attn_gui.ui.panels.data_panel import FEATURE, TARGET, DataPanel
from attn_gui.ui.widgets.colors import WARN


def load(qtbot, panel: DataPanel, path: Path) -> None:
    with qtbot.waitSignal(panel.tableLoaded, timeout=20000):
        panel.load(path)


def selector(panel: DataPanel):
    return panel.target_combo


def warning(panel: DataPanel) -> QLabel:
    return panel.target_warning


def penguins_raw_like(tmp_path: Path) -> Path:
    """275 penguins; `Comments`, last, holds a remark in 40 rows."""
    rng = np.random.default_rng(0)
    n = 275
    comments = np.full(n, None, dtype=object)
    comments[:40] = rng.choice(["Nest never observed with full clutch.",
                                "Not enough blood for isotopes."], 40)
    frame = pd.DataFrame({
        "Species": rng.choice(["Adelie", "Gentoo", "Chinstrap"], n),
        "Island": rng.choice(["Biscoe", "Dream", "Torgersen"], n),
        "Culmen Length (mm)": rng.normal(44, 5, n).round(1),
        "Flipper Length (mm)": rng.normal(200, 14, n).round(0),
        "Comments": comments,
    })
    path = tmp_path / "penguins_raw.csv"
    frame.to_csv(path, index=False)
    return path


def test_the_selector_lists_the_columns_and_shows_the_default(qtbot, panel, real_data):
    load(qtbot, panel, real_data / "penguins.csv")
    combo = selector(panel)
    names = [c.name for c in panel.table().columns]
    assert [combo.itemData(i) for i in range(combo.count())] == names
    assert combo.currentData() == panel.target() == "species"
    assert "predict" in combo.toolTip()


def test_choosing_in_the_selector_makes_the_target(qtbot, panel, real_data):
    load(qtbot, panel, real_data / "penguins.csv")
    combo = selector(panel)
    with qtbot.waitSignal(panel.changed):
        combo.setCurrentIndex(combo.findData("island"))
    assert panel.target() == "island" and panel.role("species") == FEATURE
    assert panel.role_combo("island").currentData() == TARGET
    assert panel.role_combo("species").currentData() == FEATURE
    config = TrainConfig()
    panel.apply_to(config)
    assert config.target == "island" and config.task == "classification"
    assert "<b>island</b>" in panel.roles_label.text()


def test_a_role_combo_moves_the_selector(qtbot, panel, real_data):
    load(qtbot, panel, real_data / "penguins.csv")
    role = panel.role_combo("body_mass_g")
    role.setCurrentIndex(role.findData(TARGET))
    assert selector(panel).currentData() == "body_mass_g"
    assert panel.task_combo.currentData() == "regression"
    panel.set_from(TrainConfig(target="sex"))  # a project's target moves it too
    assert selector(panel).currentData() == "sex"


def test_the_selector_is_reached_and_used_with_the_keyboard(qtbot, panel, real_data):
    load(qtbot, panel, real_data / "penguins.csv")
    combo = selector(panel)
    assert combo.focusPolicy() & Qt.FocusPolicy.TabFocus
    buddies = [label for label in combo.parent().findChildren(QLabel)
               if label.buddy() is combo]
    assert buddies and "&" in buddies[0].text()  # Alt + its letter focuses the selector
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # the column after `species`
    assert panel.target() == "island"


def test_a_target_missing_in_many_rows_is_warned_about_in_colour(qtbot, panel, tmp_path):
    load(qtbot, panel, penguins_raw_like(tmp_path))
    assert panel.target() == "Species" and not warning(panel).isVisible()
    combo = selector(panel)
    combo.setCurrentIndex(combo.findData("Comments"))
    label = warning(panel)
    assert label.isVisible() and WARN in label.styleSheet()
    text = label.text()
    assert "'Comments'" in text and "235 of 275 rows" in text and "only the 40 rows" in text
    # it sits in the Target box, next to the selector, not with the file's notes above
    assert label.parent() is combo.parent()
    combo.setCurrentIndex(combo.findData("Species"))
    assert not label.isVisible() and label.text() == ""


def test_a_default_target_with_missing_values_is_warned_about_on_loading(qtbot, panel,
                                                                        tmp_path):
    rng = np.random.default_rng(3)
    n = 200
    label = np.where(np.arange(n) % 4 == 0, None, rng.choice(["yes", "no"], n))
    frame = pd.DataFrame({"a": rng.normal(size=n).round(3), "outcome": label})
    path = tmp_path / "gaps.csv"
    frame.to_csv(path, index=False)
    load(qtbot, panel, path)
    assert panel.target() == "outcome"
    assert warning(panel).isVisible() and "50 of 200 rows" in warning(panel).text()


def test_a_few_missing_targets_in_a_large_file_are_not_warned_about(qtbot, panel, real_data):
    load(qtbot, panel, real_data / "chile.csv")  # `vote` is missing in 168 of 2,700 rows
    assert panel.target() == "vote" and not warning(panel).isVisible()
