"""Every declared setting is in the window, once, and goes through it unchanged."""

import pytest

from attn_gui.core.config import OPTIONS, TrainConfig
from attn_gui.resources import DEMO_CSV
from tests.core.test_options import non_default

from .helpers import TIMEOUT


def forms(window):
    return (window.data_panel.preprocessing, window.weighting_editor.settings_box,
            window.monitor.settings_box)


def test_every_window_option_is_in_exactly_one_form(window):
    shown = [name for form in forms(window) for name in form.options]
    assert sorted(shown) == sorted(n for n, o in OPTIONS.items() if o.in_window)
    assert len(shown) == len(set(shown))
    # the others are the data panel's own: roles (target, features), task, positive class
    assert {n for n, o in OPTIONS.items() if not o.in_window} == {
        "target", "features", "task", "positive"}


@pytest.mark.parametrize("name", [n for n, o in OPTIONS.items() if o.in_window])
def test_each_option_goes_through_the_window_unchanged(qtbot, window, name):
    with qtbot.waitSignal(window.data_panel.tableLoaded, timeout=TIMEOUT):
        window.open_path(str(DEMO_CSV))
    value = non_default(OPTIONS[name])
    window.show_config(TrainConfig(**{name: value}))
    assert getattr(window.current_config(), name) == value


def test_labels_and_tooltips_come_from_the_declarations(window):
    box = window.monitor.settings_box
    lr = box.field("lr")
    assert box.form.labelForField(lr).text() == OPTIONS["lr"].label
    assert lr.toolTip().startswith(OPTIONS["lr"].help)
    optimizer = box.field("optimizer")
    assert [optimizer.itemData(i) for i in range(optimizer.count())] == list(
        OPTIONS["optimizer"].values)
    assert "Adam" in optimizer.toolTip() and "m̂" in optimizer.toolTip()
    assert window.monitor.field("patience").specialValueText() == "off"
