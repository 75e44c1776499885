"""The confusion matrix names every predicted class, however narrow the plot."""

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
