"""Every file of the bad-file corpus opened in the real window over a loaded table: a refused
file shows its sentence and leaves the table and the roles the user chose untouched; a
loaded file replaces them and shows exactly the expected warnings."""

import pytest

from attn_gui.resources import DEMO_CSV
from attn_gui.ui.app.main_window import MainWindow
from tests.corpus import expected
from tests.ui.helpers import TIMEOUT

CORPUS = expected()


@pytest.fixture(scope="module")
def window(qapp):
    # One window for the whole corpus, as an analyst opens file after file.
    w = MainWindow()
    w.show()
    yield w
    w.workflow.discard_changes()  # the module outlives the patched unsaved-work question
    w.close()


def demo_with_a_choice(qtbot, window):
    """The demo loaded, with one role changed by the user: the work a bad file must not undo."""
    panel = window.data_panel
    if panel.table() is None or panel.table().path != str(DEMO_CSV):
        with qtbot.waitSignal(panel.tableLoaded, timeout=TIMEOUT):
            window.open_path(DEMO_CSV)
    panel.set_role("region", "ignore")
    return panel.table(), panel.roles()


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_open_in_the_window(name, qtbot, window, corpus_file):
    entry = CORPUS[name]
    panel = window.data_panel
    table, roles = demo_with_a_choice(qtbot, window)
    path = corpus_file(name)
    if "refused" in entry:
        with qtbot.waitSignal(panel.loadFailed, timeout=TIMEOUT) as blocker:
            window.open_path(path)
        assert blocker.args == [entry["refused"]]
        assert panel.error_label.isVisible()
        assert panel.error_label.text() == f"{entry['refused']} — still showing demo.csv."
        assert window.statusBar().currentMessage() == entry["refused"]
        assert panel.table() is table and panel.roles() == roles
        assert window.actions["start"].isEnabled()
        return
    with qtbot.waitSignal(panel.tableLoaded, timeout=TIMEOUT):
        window.open_path(path)
    assert panel.table().path == str(path)
    assert not panel.error_label.isVisible()
    shown = panel.warnings_label.text()
    assert shown == "\n".join("⚠ " + w for w in entry["warnings"])
    assert panel.warnings_label.isVisible() == bool(entry["warnings"])
    assert window.actions["start"].isEnabled()
