"""Nothing clipped or overlapping: bar labels, titles, heatmap names, the Runs and Explain tabs.

Each test lays the real widgets out offscreen at a size a user has (1280 × 800 is the
common laptop window) and checks the geometry pyqtgraph and Qt computed for them.
"""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QPainter, QPicture

from attn_gui.ui.app.main_window import MainWindow
from attn_gui.ui.plots.attention_bars import AttentionBars
from attn_gui.ui.plots.attention_history import AttentionHistory
from attn_gui.ui.plots.curves import CurvePlot, Series
from attn_gui.ui.plots.heatmap import RowHeatmap

from .helpers import TIMEOUT, train_demo_twice, wait_for, write_wide_csv

TOLERANCE = 0.5  # px: layouts place items at fractional positions


def inside(inner: QRectF, outer: QRectF) -> bool:
    return (inner.left() >= outer.left() - TOLERANCE and inner.top() >= outer.top() - TOLERANCE
            and inner.right() <= outer.right() + TOLERANCE
            and inner.bottom() <= outer.bottom() + TOLERANCE)


def plot_fits(plot) -> bool:
    """The plot item (axes, title, view) lies within its widget: the view shows the scene
    1:1 from (0, 0), so scene coordinates are the widget's."""
    return inside(plot.getPlotItem().sceneBoundingRect(), QRectF(plot.rect()))


def drawn_tick_texts(axis) -> list[tuple[QRectF, str]]:
    """The tick labels the axis will paint, where it will paint them (what pyqtgraph keeps
    after dropping labels that stick out of the axis)."""
    picture = QPicture()
    painter = QPainter(picture)
    try:
        _, _, texts = axis.generateDrawSpecs(painter)
    finally:
        painter.end()
    return [(rect, text) for rect, _, text in texts]


def shown(qtbot, widget, width: int, height: int) -> None:
    qtbot.addWidget(widget)
    widget.resize(width, height)
    widget.show()
    qtbot.waitExposed(widget)
    settle(qtbot, widget)


def settle(qtbot, widget) -> None:
    """Paint, then let the layout follow: an axis widens to its tick labels when it first
    paints them, and the plot lays itself out again in the next event loop pass; text
    items take the view's transform when drawn."""
    for _ in range(3):
        widget.grab()
        qtbot.wait(1)


def weights(kind: str) -> dict[str, float]:
    names = ["late_payments", "debt_ratio", "region", "channel", "age", "credit_checks",
             "accounts", "income", "savings", "dependents", "utilisation", "tenure_months"]
    if kind == "one dominant":
        w = np.r_[0.9, np.full(11, 0.1 / 11)]
    elif kind == "uniform":
        w = np.full(12, 1 / 12)
    elif kind == "two large":
        w = np.r_[0.374, 0.275, np.full(10, 0.351 / 10)]
    else:  # many features, some long names
        names = [f"feature_{i}_" + "x" * (i % 7) * 4 for i in range(30)]
        w = np.random.default_rng(1).dirichlet(np.ones(30))
    return dict(zip(names, (float(v) for v in w), strict=True))


@pytest.mark.parametrize("size", [(235, 180), (320, 260), (700, 420)])
@pytest.mark.parametrize("kind", ["one dominant", "uniform", "two large", "thirty"])
def test_every_bar_label_lies_inside_the_view(qtbot, size, kind):
    bars = AttentionBars()
    shown(qtbot, bars, *size)
    given = weights(kind)
    bars.set_weights(given)
    settle(qtbot, bars)
    view = bars.getPlotItem().vb.sceneBoundingRect()
    labels = bars.value_labels
    assert len(labels) == len(bars.names) >= 3
    assert plot_fits(bars)
    for label, name in zip(labels, bars.names, strict=True):
        assert label.toPlainText() == f"{given[name]:.3f}"
        assert inside(label.sceneBoundingRect(), view), (name, label.sceneBoundingRect(), view)
    # Every shown bar still has its name on the axis.
    assert len(drawn_tick_texts(bars.getAxis("left"))) == len(bars.names)


def test_a_long_title_is_shortened_and_never_widens_the_plot(qtbot):
    title = "Validation loss of every compared run, in the order they were trained"
    plot = CurvePlot(title, "loss")
    shown(qtbot, plot, 240, 200)
    assert plot_fits(plot)
    assert plot.title == title
    label = plot.getPlotItem().titleLabel
    assert label.text.endswith("…") and title.startswith(label.text[:-1])
    plot.resize(900, 300)
    settle(qtbot, plot)
    assert label.text == title and plot_fits(plot)


def test_attention_bars_say_how_many_they_show_in_the_room_they_have(qtbot):
    bars = AttentionBars(max_bars=5)
    shown(qtbot, bars, 700, 300)
    bars.set_weights(weights("uniform"))
    item = bars.getPlotItem()
    assert item.titleLabel.text == "Attention weights"
    assert item.getAxis("bottom").labelText == "weight (top 5 of 12 features)"
    bars.resize(200, 300)
    settle(qtbot, bars)
    assert item.getAxis("bottom").labelText == "weight (top 5 of 12)" and plot_fits(bars)
    bars.set_weights(dict(list(weights("uniform").items())[:4]))
    assert item.getAxis("bottom").labelText == "weight"


@pytest.mark.parametrize(("height", "listed"), [(180, None), (260, None), (500, 5)])
def test_the_attention_history_legend_lists_as_many_as_fit(qtbot, height, listed):
    plot = AttentionHistory(top=5)
    shown(qtbot, plot, 300, height)
    given = weights("uniform")
    plot.set_features(list(given))
    for epoch in range(1, 6):
        plot.append(epoch, {name: w * epoch ** (i % 3) for i, (name, w) in
                            enumerate(given.items())})
    plot.refresh()
    qtbot.waitUntil(lambda: all(map(plot.has_curve, given)))  # a few curves a turn
    settle(qtbot, plot)
    legend = plot.getPlotItem().legend
    assert 1 <= len(legend.items) <= 5 and (listed is None or len(legend.items) == listed)
    assert_legend_beside_the_data(plot)


def assert_legend_beside_the_data(plot) -> None:
    """The legend lies within the plot and covers none of its view."""
    legend = plot.getPlotItem().legend.sceneBoundingRect()
    view = plot.getPlotItem().vb.sceneBoundingRect()
    assert inside(legend, QRectF(plot.rect())) and plot_fits(plot), (legend, plot.rect())
    assert not legend.intersects(view), (legend, view)


@pytest.mark.parametrize("width", [240, 320, 700])
def test_a_curve_legend_sits_above_the_curves_with_the_best_epoch(qtbot, width):
    plot = CurvePlot("Loss", "loss", [Series("train", "train", "#1f77b4"),
                                      Series("valid", "validation", "#ff7f0e")])
    shown(qtbot, plot, width, 260)
    for epoch in range(1, 21):
        plot.append(epoch, {"train": 1 / epoch, "valid": 1.2 / epoch})
    plot.mark_best(17)
    plot.refresh()
    settle(qtbot, plot)
    texts = [label.text for _, label in plot.getPlotItem().legend.items]
    assert texts == ["train", "validation", "best epoch"] and plot.best_epoch == 17
    assert_legend_beside_the_data(plot)


@pytest.mark.parametrize("n", [12, 28])
@pytest.mark.parametrize("width", [220, 420, 900])
def test_heatmap_column_names_never_overlap(qtbot, n, width):
    features = [f"{stem}_{i}" for i, stem in zip(range(n), ["age", "late_payments",
                                                            "utilisation", "credit_checks"] * 7,
                                                strict=False)]
    heatmap = RowHeatmap()
    shown(qtbot, heatmap, width, 400)
    heatmap.set_alpha(np.random.default_rng(0).dirichlet(np.ones(n), size=50), features)
    settle(qtbot, heatmap)
    assert plot_fits(heatmap)
    every = heatmap.named_every
    drawn = drawn_tick_texts(heatmap.getAxis("bottom"))
    # None dropped by pyqtgraph for sticking out, one per k-th column, in order.
    assert len(drawn) == len(range(0, n, every))
    rects = sorted((rect for rect, _ in drawn), key=QRectF.left)
    for left, right in zip(rects, rects[1:], strict=False):
        assert left.right() <= right.left(), (left, right)
    for (_, text), i in zip(drawn, range(0, n, every), strict=True):
        head, _, tail = text.partition("…")  # elided in the middle
        assert text == features[i] or (features[i].startswith(head)
                                      and features[i].endswith(tail)), (text, features[i])
    if width >= 900 and n == 12:
        assert every == 1  # room for a name under every column


def test_hovering_a_heatmap_cell_names_its_feature_row_and_weight(qtbot):
    features = [f"a_rather_long_feature_name_{i}" for i in range(28)]
    alpha = np.random.default_rng(0).dirichlet(np.ones(28), size=40)
    heatmap = RowHeatmap()
    shown(qtbot, heatmap, 260, 400)
    heatmap.set_alpha(alpha, features)
    settle(qtbot, heatmap)
    assert heatmap.named_every > 1
    vb = heatmap.getPlotItem().vb
    image = heatmap.getPlotItem().items[0]
    heatmap.scene().sigMouseMoved.emit(vb.mapViewToScene(QPointF(17.5, 6.5)))
    assert image.toolTip() == (f"{features[17]}\nvalidation row 7: weight {alpha[6, 17]:.4f}")
    heatmap.scene().sigMouseMoved.emit(QPointF(1.0, 1.0))  # on the title, off the image
    assert image.toolTip() == ""


def fully_visible(widget) -> bool:
    """Not cut off by a parent (e.g. a splitter squeezed below its children's minimum lays
    the last of them out past its own edge), up to the window."""
    rect = widget.rect()
    while not widget.isWindow():
        rect = rect.translated(widget.pos())
        widget = widget.parentWidget()
        if not widget.rect().contains(rect):
            return False
    return True


@pytest.mark.parametrize(("language", "size"), [("en", (1280, 800)), ("en", (1920, 1080)),
                                                ("zh_CN", (1280, 800))])
def test_runs_and_explain_tabs_fit_the_window(qtbot, request, language, size):
    if language != "en":
        request.getfixturevalue("zh_cn")
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(*size)
    window.reset_layout()
    window.show()
    qtbot.waitExposed(window)
    train_demo_twice(qtbot, window)
    runs = window.runs_view
    assert runs.table.item(1, 1).text() not in ("", "softmax")  # the run without attention
    runs.table.selectAll()  # both runs compared
    tabs = window.monitor.tabs
    tabs.setCurrentWidget(runs)
    settle(qtbot, window)
    hint = runs.minimumSizeHint()
    assert hint.width() <= runs.width() and hint.height() <= runs.height(), (hint, runs.size())
    for plot in (runs.loss_plot, runs.score_plot, runs.attention_plot):
        assert fully_visible(plot) and plot_fits(plot), type(plot).__name__
        assert plot.width() >= 160 and plot.height() >= 140  # readable, not a sliver

    if size[0] == 1280:  # the three columns fit side by side, none needs a scroll bar
        splitter = window.splitter
        columns = [splitter.widget(i) for i in range(splitter.count())]
        assert sum(c.minimumSizeHint().width() for c in columns) <= size[0] - 20, [
            c.minimumSizeHint().width() for c in columns]
        assert not columns[1].horizontalScrollBar().isVisible()  # weighting + training
        metrics = window.monitor.page().results.metrics_table
        assert metrics.horizontalHeader().length() <= metrics.viewport().width()

    runs.table.selectRow(0)  # the run with per-row attention
    tabs.setCurrentWidget(window.explain_view)
    wait_for(qtbot, lambda: window.explain_view.source is not None)
    settle(qtbot, window)
    heatmap = window.explain_view.heatmap
    assert fully_visible(heatmap) and plot_fits(heatmap)
    drawn = drawn_tick_texts(heatmap.getAxis("bottom"))
    assert len(drawn) == len(range(0, len(heatmap.features), heatmap.named_every)) > 1
    window.workflow.discard_changes()
    window.close()


def whole(table, index, text: str) -> bool:
    """The text is drawn without eliding in the cell at `index`."""
    room = table.visualRect(index).width() - 2 * table.style().pixelMetric(
        table.style().PixelMetric.PM_FocusFrameHMargin) - 2
    return table.fontMetrics().horizontalAdvance(text) <= room


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_final_metrics_are_whole_with_a_long_class_name(qtbot, request, tmp_path, language):
    if language != "en":
        request.getfixturevalue("zh_cn")
    path = write_wide_csv(tmp_path / "tumours.csv", n=400, m=6, k=2,
                          label="malignant_tissue_sample")
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.reset_layout()
    window.show()
    qtbot.waitExposed(window)
    with qtbot.waitSignal(window.data_panel.tableLoaded, timeout=TIMEOUT):
        window.open_path(str(path))
    window.monitor.field("epochs").setValue(3)
    with qtbot.waitSignal(window.monitor.runFinished, timeout=60_000):
        window.start_training()
    window.monitor.tabs.setCurrentIndex(0)
    settle(qtbot, window)
    results = window.monitor.page().results
    for table in (results.metrics_table, results.per_class_table):
        assert table.rowCount() >= 2 and fully_visible(table)
        header = table.horizontalHeader()
        assert header.length() <= table.viewport().width()
        for c in range(table.columnCount()):
            assert header.sectionSize(c) >= header.sectionSizeHint(c), (c, header.sectionSize(c))
            for r in range(table.rowCount()):
                item = table.item(r, c)
                if c or table is results.metrics_table:  # numbers; class names may elide
                    assert whole(table, table.model().index(r, c), item.text()), item.text()
    labels = [results.metrics_table.verticalHeaderItem(r) for r in
              range(results.metrics_table.rowCount())]
    assert any("malignant_tissue_sample" in label.toolTip() for label in labels)
    window.close()


def test_error_bars_only_where_there_is_a_spread(qtbot):
    """One run has no spread: no bar, not even the beam of a bar of zero width."""
    bars = AttentionBars()
    shown(qtbot, bars, 700, 300)
    given = weights("uniform")
    bars.set_weights(given)
    assert not bars.error_item.isVisible()
    names = list(given)
    bars.set_weights(given, {names[0]: 0.02, names[1]: 0.0})
    errors = bars.error_item
    assert errors.isVisible()
    assert list(errors.opts["left"]) == [0.02]
    assert errors.opts["y"][0] == bars.rows.labels.index(names[0])
    bars.set_importance({n: {"mean": 0.1, "sd": 0.0} for n in names})
    assert not bars.importance_error_item.isVisible()
    bars.set_importance({n: {"mean": 0.1, "sd": 0.01 if n == names[2] else 0.0} for n in names})
    assert bars.importance_error_item.isVisible()
    assert len(bars.importance_error_item.opts["x"]) == 1
