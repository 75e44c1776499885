"""Training ▸ Check Attention in the real window: the three checks run in the background
on a real file, and their verdicts stay on screen; Cancel, and settings with nothing to
check."""

from attn_gui.core.checks import CHECK_SEEDS
from attn_gui.ui.app.core_text import sentence
from tests.ui.helpers import TIMEOUT, wait_for


def _open(qtbot, window, path, epochs=4):
    with qtbot.waitSignal(window.data_panel.tableLoaded, timeout=TIMEOUT):
        window.open_path(str(path))
    window.monitor.field("epochs").setValue(epochs)


def test_check_attention_shows_three_verdicts(qtbot, window, real_data):
    assert not window.actions["check_attention"].isEnabled()  # no table yet
    _open(qtbot, window, real_data / "penguins.csv")
    assert window.actions["check_attention"].isEnabled()
    with qtbot.waitSignal(window.monitor.runFinished, timeout=60_000):
        window.start_training()
    action = window.actions["check_attention"]
    assert action.shortcut().toString() == "Ctrl+K"
    action.trigger()
    dialog = window.checks_dialog
    assert dialog.isVisible() and dialog.is_running() and dialog.cancel_button.isVisible()
    assert "“" + window.session.runs[0].name + "”" in dialog.subject.text()
    with qtbot.waitSignal(dialog.finished_checks, timeout=120_000) as done:
        pass
    r = done.args[0]
    assert not dialog.is_running() and not dialog.bar.isVisible()
    shown = dialog.verdicts()
    assert shown == [sentence(r[k]["verdict"]) for k in ("uniform", "seeds", "frozen")]
    assert shown[0].startswith("Attention ") and "macro F1" in shown[0]
    assert shown[2].startswith("Learned attention ") and shown[2].endswith(".")
    assert len(r["uniform"]["with_runs"]) == CHECK_SEEDS
    assert "0." in dialog.frozen.details.text()
    assert dialog.isVisible()  # the verdicts stay until the dialog is closed


def test_cancel_and_settings_with_nothing_to_check(qtbot, window, real_data):
    _open(qtbot, window, real_data / "pima_tr2.csv", epochs=200)
    window.check_attention()
    dialog = window.checks_dialog
    dialog.cancel_button.click()
    assert dialog.status.text() == "Cancelled." and not dialog.is_running()
    assert not dialog.bar.isVisible() and dialog.result is None
    editor = window.weighting_editor
    editor.field("attention").setCurrentIndex(editor.field("attention").findData("off"))
    window.check_attention()
    assert window.checks_dialog is dialog  # one dialog, reused
    wait_for(qtbot, lambda: not dialog.is_running())
    assert dialog.status.text().startswith("The attention checks compare learned attention")
    assert dialog.result is None
