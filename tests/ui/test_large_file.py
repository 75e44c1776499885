"""A file larger than the memory available is refused in the window with one sentence, and
the table already open stays (the memory figure is patched, not a real huge file)."""

from attn_gui.core import memory
from attn_gui.resources import DEMO_CSV

from .helpers import TIMEOUT


def test_a_file_larger_than_memory_is_refused_and_the_open_table_kept(
        qtbot, window, tmp_path, monkeypatch):
    panel = window.data_panel
    with qtbot.waitSignal(panel.tableLoaded, timeout=TIMEOUT):
        window.open_path(DEMO_CSV)
    table, roles = panel.table(), panel.roles()
    big = tmp_path / "export.csv"
    big.write_text("x,y\n" + "1.5,a\n" * 50_000)
    monkeypatch.setattr(memory, "available_memory", lambda: 120_000)
    with qtbot.waitSignal(panel.loadFailed, timeout=TIMEOUT) as blocker:
        window.open_path(big)
    sentence = ("the file 'export.csv' is 300 KB; reading it needs about 600 KB of memory, but "
                "only 120 KB is available: open an export with fewer rows or columns, or close "
                "other programs")
    assert blocker.args == [sentence]
    assert panel.error_label.isVisible()
    assert panel.error_label.text() == f"{sentence} — still showing demo.csv."
    assert panel.table() is table and panel.roles() == roles
    window.workflow.discard_changes()  # nothing to save: the fixture then closes the window
