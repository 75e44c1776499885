"""The confusion matrix names every predicted class, however narrow the plot."""

import numpy as np
from PySide6.QtGui import QFontMetrics

from attn_gui.ui.plots.confusion import ConfusionMatrixPlot


def test_predicted_class_names_fit_their_cells(qtbot):
    plot = ConfusionMatrixPlot()
    qtbot.addWidget(plot)
    plot.resize(300, 300)
    plot.show()
    classes = ["benign_tissue_class", "malignant_tumour_class"]
    plot.set_matrix([[1842, 153], [134, 1871]], classes)
    qtbot.wait(50)
    view = plot.getPlotItem().vb
    (left, right), _ = view.viewRange()
    cell = view.width() / (right - left)
    (ticks,) = plot.getAxis("bottom")._tickLevels
    fm = QFontMetrics(plot.font())
    assert len(ticks) == 2 and all(name for _, name in ticks)  # both shown, none dropped
    assert all(fm.horizontalAdvance(name) < cell for _, name in ticks)
    assert [name[:2] for _, name in ticks] == ["be", "ma"]  # elided, not replaced


def test_a_matrix_with_more_classes_refits_the_names(qtbot):
    plot = ConfusionMatrixPlot()
    qtbot.addWidget(plot)
    plot.resize(700, 700)
    plot.show()
    plot.set_matrix([[5, 1], [2, 7]], ["benign_tissue_class", "malignant_tumour_class"])
    qtbot.wait(50)
    classes = [f"class_number_{k}" for k in range(6)]
    plot.set_matrix(np.eye(6, dtype=int).tolist(), classes)
    qtbot.wait(50)
    view = plot.getPlotItem().vb
    (left, right), _ = view.viewRange()
    cell = view.width() / (right - left)
    (ticks,) = plot.getAxis("bottom")._tickLevels
    fm = QFontMetrics(plot.font())
    assert len(ticks) == 6 and all(fm.horizontalAdvance(name) < cell for _, name in ticks)
    assert all(name.startswith("class") and name.endswith(str(k))
               for k, (_, name) in enumerate(ticks))  # elided in the middle, ends kept


def test_an_empty_matrix_shows_no_class_and_no_number_on_its_axes(qtbot):
    plot = ConfusionMatrixPlot()
    qtbot.addWidget(plot)
    plot.resize(300, 300)
    plot.show()
    qtbot.wait(50)
    for side in ("bottom", "left"):  # before any run: not pyqtgraph's -0.4 ... 0.4
        assert plot.getAxis(side)._tickLevels == [[]]  # no ticks, not automatic ones
    plot.set_matrix([[5, 1], [2, 7]], ["No", "Yes"])
    plot.set_matrix([], [])  # a new run on another file starts
    qtbot.wait(50)
    for side in ("bottom", "left"):
        assert plot.getAxis(side)._tickLevels == [[]]  # no ticks, not automatic ones
