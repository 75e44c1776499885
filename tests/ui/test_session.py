"""The session is the one source of truth: runs belong to the file they were trained on,
and the views show what the session holds."""

from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from attn_gui.resources import DEMO_CSV

from .helpers import TIMEOUT, wait_for

PENGUINS = Path(__file__).resolve().parents[1] / "data" / "real" / "penguins.csv"


def load(qtbot, window, path) -> None:
    with qtbot.waitSignal(window.data_panel.tableLoaded, timeout=TIMEOUT):
        window.open_path(str(path))


def train_once(qtbot, window) -> None:
    window.monitor.field("epochs").setValue(4)
    with qtbot.waitSignal(window.monitor.runFinished, timeout=60_000):
        window.start_training()
    wait_for(qtbot, lambda: window.actions["start"].isEnabled())


def test_a_run_records_the_file_and_target_it_learned_from(qtbot, window):
    load(qtbot, window, DEMO_CSV)
    train_once(qtbot, window)
    (run,) = window.session.runs
    assert run.data_path == str(DEMO_CSV.resolve())
    assert run.target == window.data_panel.target()
    assert window.session.project.chosen == 0 and window.session.modified
    # the Runs page shows the session's runs, and the actions follow the session
    assert window.runs_view.table.rowCount() == 1
    assert window.actions["save_model"].isEnabled()


def test_another_file_starts_a_new_project_after_asking(qtbot, window, unsaved_prompts):
    load(qtbot, window, DEMO_CSV)
    train_once(qtbot, window)
    runs_page = window.runs_view

    unsaved_prompts.answer = QMessageBox.StandardButton.Cancel
    window.open_path(str(PENGUINS))
    assert len(unsaved_prompts.asked) == 1
    qtbot.wait(200)
    assert window.session.table.path == str(DEMO_CSV) and len(window.session.runs) == 1

    unsaved_prompts.answer = QMessageBox.StandardButton.Discard
    load(qtbot, window, PENGUINS)
    assert len(unsaved_prompts.asked) == 2
    assert window.session.runs == [] and window.session.path is None
    assert runs_page.table.rowCount() == 0
    assert not window.actions["save_model"].isEnabled()
    assert not window.actions["export_metrics"].isEnabled()
    # the Training page no longer shows the other file's run
    curve = window.monitor.loss_plot.curve("train").yData
    assert (curve is None or len(curve) == 0) and window.monitor.attention_bars.names == []

    train_once(qtbot, window)
    (run,) = window.session.runs
    assert run.data_path == str(PENGUINS.resolve()) and run.name.startswith("1:")


def test_the_same_file_again_keeps_the_runs(qtbot, window, unsaved_prompts):
    load(qtbot, window, DEMO_CSV)
    train_once(qtbot, window)
    load(qtbot, window, DEMO_CSV)
    assert unsaved_prompts.asked == [] and len(window.session.runs) == 1


def test_renaming_keeping_and_deleting_go_through_the_session(qtbot, window):
    load(qtbot, window, DEMO_CSV)
    train_once(qtbot, window)
    train_once(qtbot, window)
    view, session = window.runs_view, window.session
    changes = []
    session.runsChanged.connect(lambda: changes.append(len(session.runs)))
    view.table.item(0, 0).setText("baseline")
    assert session.runs[0].name == "baseline" and session.runs[0].model is not None
    view.table.item(1, 0).setText("baseline")  # taken: refused, the old name comes back
    assert session.runs[1].name.startswith("2:") and "baseline" not in view.table.item(1, 0).text()
    view.table.selectRow(0)
    view.keep_button.click()
    assert session.project.chosen == 0 and view.table.item(0, 0).text().startswith("★")
    view.table.selectRow(1)
    view.delete_button.click()
    assert [r.name for r in session.runs] == ["baseline"] and session.project.chosen == 0
    assert changes == [2, 2, 1]


def test_a_bad_training_field_keeps_its_old_value_and_the_rest_is_saved(qtbot, window,
                                                                        tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from attn_gui.core.project import load_project

    load(qtbot, window, DEMO_CSV)
    window.monitor.field("lr").setValue(0.05)
    window.monitor.field("hidden").setText("abc")
    path = tmp_path / "p.atproj"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
    assert window.workflow.save()
    saved = load_project(path).config
    assert saved.lr == 0.05 and saved.hidden == [32]
    assert "Hidden layers" in window.workflow.message_box.text()


def test_plots_cannot_be_exported_before_a_run_has_finished(qtbot, window):
    load(qtbot, window, DEMO_CSV)
    assert not window.actions["export_png"].isEnabled()
    assert window.workflow.export_plots("png") == []
    assert "train a run first" in window.workflow.message_box.text()
    train_once(qtbot, window)
    assert window.actions["export_png"].isEnabled() and window.actions["export_svg"].isEnabled()
