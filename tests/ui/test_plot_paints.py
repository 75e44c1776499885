"""A plot whose data changes is painted once, not twice: pyqtgraph applies a new range's
transform at the start of the next paint, which then schedules a second one; the plots
apply it as the data changes (`FittedPlot.settle`)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject

from attn_gui.ui.plots.curves import CurvePlot, Series
from attn_gui.ui.plots.style import TRAIN_COLOR, VALID_COLOR


class _Paints(QObject):
    def __init__(self, widget) -> None:
        super().__init__()
        self.widget, self.count = widget, 0

    def eventFilter(self, watched, event) -> bool:  # noqa: N802  (Qt's name)
        if watched is self.widget and event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def test_each_refresh_of_a_growing_curve_is_one_paint(qtbot, qapp):
    plot = CurvePlot("Loss", "loss", [Series("train", "train", TRAIN_COLOR),
                                      Series("valid", "validation", VALID_COLOR)])
    qtbot.addWidget(plot)
    plot.resize(600, 400)
    plot.show()
    qtbot.waitExposed(plot)
    qtbot.wait(50)
    paints = _Paints(plot.viewport())
    qapp.installEventFilter(paints)
    try:
        for epoch in range(1, 21):  # every refresh moves the range: the curves grow
            plot.append(epoch, {"train": 1 / epoch, "valid": 1.2 / epoch})
            assert plot.refresh()
            for _ in range(3):
                qapp.processEvents()
    finally:
        qapp.removeEventFilter(paints)
    # One a refresh (41 before), one more when the first shows, and a little room for a
    # paint the platform splits in two when the suite shares the machine.
    assert paints.count <= 24


def test_a_live_curve_grows_its_x_axis_in_spans_then_fits_the_data(qtbot):
    """While a run lasts the x-axis stays still between doublings (an axis that moves is laid
    out and labelled anew at every paint); at the end it fits the epochs there were."""
    plot = CurvePlot("Loss", "loss", [Series("valid", "validation", VALID_COLOR)])
    qtbot.addWidget(plot)
    plot.resize(600, 400)
    plot.show()
    view = plot.getPlotItem().vb
    ends = []
    for epoch in range(1, 31):
        plot.grow_x(30)
        plot.append(epoch, {"valid": 1 / epoch})
        plot.refresh()
        ends.append(view.viewRange()[0][1])
        assert ends[-1] >= epoch  # the newest point is always in view
    assert len({round(end) for end in ends}) == 3  # spans of 10, 20 and 30 epochs
    assert ends[0] < 11 and ends[-1] < 31
    plot.fit_x()
    plot.refresh()
    assert view.autoRangeEnabled()[0]


def test_many_curves_are_drawn_thin_few_wide(qtbot):
    """Qt strokes a 2 px pen several times slower than a 1 px one: sixty attention curves
    are drawn 1 px wide, a loss plot's two stay 2 px."""
    many = CurvePlot("Attention", "weight",
                     [Series(f"f{i}", f"f{i}", VALID_COLOR) for i in range(60)])
    few = CurvePlot("Loss", "loss", [Series("train", "train", TRAIN_COLOR),
                                     Series("valid", "validation", VALID_COLOR)])
    for plot in (many, few):
        qtbot.addWidget(plot)
    assert {many.curve(f"f{i}").opts["pen"].width() for i in range(60)} == {1}
    assert {few.curve(key).opts["pen"].width() for key in ("train", "valid")} == {2}
