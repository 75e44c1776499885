"""A plot's right-click menu is built on the first right click, not with the plot; a
plot whose menu is disabled never builds one."""

from __future__ import annotations

from attn_gui.ui.plots.attention_bars import AttentionBars
from attn_gui.ui.plots.curves import CurvePlot, Series
from attn_gui.ui.plots.style import TRAIN_COLOR


def test_the_view_menu_is_built_when_first_asked_for(qtbot):
    plot = CurvePlot("Loss", "loss", [Series("train", "train", TRAIN_COLOR)])
    qtbot.addWidget(plot)
    view = plot.getPlotItem().vb
    assert view.menu is None and view.menuEnabled()
    actions = view.getContextMenus(None)
    assert view.menu is not None and actions  # "View All", the axes' ranges, ...
    view.setMenuEnabled(False)
    assert view.menu is None and view.getContextMenus(None) == []


def test_a_frozen_plot_builds_no_menu(qtbot):
    bars = AttentionBars()
    qtbot.addWidget(bars)
    view = bars.getPlotItem().vb
    assert not view.menuEnabled()
    assert view.getContextMenus(None) == [] and view.menu is None
