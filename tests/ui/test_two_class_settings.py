"""The decision threshold and the false-positive cost are offered only for two classes."""

from __future__ import annotations

from pathlib import Path

REAL = Path(__file__).resolve().parents[1] / "data" / "real"


def _open(qtbot, window, name: str) -> None:
    with qtbot.waitSignal(window.data_panel.tableLoaded, timeout=20_000):
        window.open_path(str(REAL / name))


def test_threshold_and_cost_follow_the_number_of_classes(window, qtbot):
    fields = [window.monitor.field(name) for name in ("threshold", "fp_cost")]
    _open(qtbot, window, "pima_tr2.csv")  # type: Yes / No
    assert all(field.isEnabled() for field in fields)
    window.workflow.discard_changes()
    _open(qtbot, window, "penguins.csv")  # species: three classes
    assert not any(field.isEnabled() for field in fields)
