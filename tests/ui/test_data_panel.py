"""DataPanel, TableLoader and FrameModel with real files, real widgets and the real core."""

import threading
import tracemalloc
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from PySide6.QtCore import Qt

from attn_gui.core.config import TrainConfig
from attn_gui.core.dataset import prepare
from attn_gui.core.io import read_table
from attn_gui.ui.jobs.loader import TableLoader, value_counts
from attn_gui.ui.panels.data_panel import FEATURE, IGNORE, TARGET, DataPanel
from attn_gui.ui.widgets.table_model import FrameModel

NAME, KIND, MISSING, ROLE, SUMMARY = range(5)


def load(qtbot, panel: DataPanel, path: Path):
    with qtbot.waitSignal(panel.tableLoaded, timeout=20000) as blocker:
        panel.load(path)
    return blocker.args[0]


def row_of(panel: DataPanel, name: str) -> int:
    grid = panel.column_table
    return next(r for r in range(grid.rowCount()) if grid.item(r, NAME).text() == name)


def choose(combo, value) -> None:
    index = combo.findData(value)
    assert index >= 0, value
    combo.setCurrentIndex(index)


def settings(panel: DataPanel) -> TrainConfig:
    config = TrainConfig()
    panel.apply_to(config)
    return config


def effect_after(qtbot, panel: DataPanel, change) -> str:
    """Make a change and wait for the debounced fitted-effect line to be recomputed."""
    with qtbot.waitSignal(panel.effectShown, timeout=5000):
        change()
    return panel.effect_label.text()


def test_loading_chile_shows_what_was_detected(qtbot, panel, real_data):
    table = load(qtbot, panel, real_data / "chile.csv")
    assert panel.table() is table and table.n_rows == 2700
    info = panel.info_label.text()
    assert "chile.csv" in info and "2,700 rows" in info and "UTF-8" in info
    assert "comma" in info and "point" in info
    assert not panel.load_row.progress_bar.isVisible() and not panel.error_label.isVisible()
    grid = panel.column_table
    assert grid.rowCount() == 9
    assert grid.item(row_of(panel, "age"), KIND).text() == "numeric"
    assert grid.item(row_of(panel, "region"), KIND).text() == "text"
    assert grid.item(row_of(panel, "income"), MISSING).text() == "98"
    index_row = row_of(panel, "Unnamed: 0")
    reason = table.info("Unnamed: 0").excluded
    assert reason and "unnamed first column" in reason
    assert grid.item(index_row, KIND).text() == "ID"
    assert reason in grid.item(index_row, NAME).toolTip()
    assert grid.item(index_row, SUMMARY).text() == reason
    assert panel.role("Unnamed: 0") == IGNORE
    muted = panel.palette().color(panel.palette().ColorGroup.Disabled,
                                  panel.palette().ColorRole.Text)
    assert grid.item(index_row, NAME).foreground().color() == muted
    assert panel.target() == "vote" and panel.role_combo("vote").currentData() == TARGET
    assert panel.preview_view.model().rowCount() == 2700
    header_tip = panel.preview_view.model().headerData(6, Qt.Orientation.Horizontal,
                                                       Qt.ItemDataRole.ToolTipRole)
    assert "missing: 98" in header_tip


def test_chinese_headers_and_gb18030(qtbot, panel, real_data):
    table = load(qtbot, panel, real_data / "pima_zh_gb18030.csv")
    assert "GB18030" in panel.info_label.text()
    assert panel.target() == "糖尿病"
    assert [panel.column_table.item(r, NAME).text() for r in range(8)] == \
        [c.name for c in table.columns]
    # two classes: the positive class can be chosen, minority by default
    assert panel.positive_combo.isEnabled()
    assert [panel.positive_combo.itemData(i) for i in range(3)] == [None, "否", "是"]
    assert settings(panel).positive is None
    choose(panel.positive_combo, "是")
    assert settings(panel).positive == "是"


def test_roles_reach_the_config(qtbot, panel, real_data):
    load(qtbot, panel, real_data / "chile.csv")
    with qtbot.waitSignal(panel.changed, timeout=1000):
        choose(panel.role_combo("income"), IGNORE)
    choose(panel.role_combo("sex"), TARGET)
    assert panel.role("vote") == FEATURE  # the old target is demoted, not lost
    assert panel.role_combo("vote").currentData() == FEATURE
    config = settings(panel)
    assert config.target == "sex"
    assert config.features == ["region", "population", "age", "education", "statusquo", "vote"]
    assert config.task == "classification"
    assert panel.positive_combo.isEnabled()  # F / M
    choose(panel.positive_combo, "M")
    assert settings(panel).positive == "M"
    assert "Target <b>sex</b>" in panel.roles_label.text()


def test_the_target_and_the_last_feature_cannot_be_removed(qtbot, panel, real_data):
    load(qtbot, panel, real_data / "chile.csv")
    choose(panel.role_combo("vote"), IGNORE)
    assert panel.role("vote") == TARGET
    assert panel.role_combo("vote").currentData() == TARGET
    assert "make another column the target" in panel.roles_label.text()
    for name in panel.features()[:-1]:
        assert panel.set_role(name, IGNORE)
    last = panel.features()
    assert len(last) == 1
    assert not panel.set_role(last[0], IGNORE)
    assert settings(panel).features == last
    assert "At least one feature" in panel.roles_label.text()


def test_task_is_inferred_and_can_be_overridden(qtbot, panel, real_data):
    load(qtbot, panel, real_data / "pima_zh_gb18030.csv")
    assert panel.task_combo.currentData() == "classification"
    panel.set_role("年龄", TARGET)  # 44 distinct ages in 300 rows: a number to predict
    assert panel.task_combo.currentData() == "regression"
    assert not panel.positive_combo.isEnabled()
    choose(panel.task_combo, "classification")
    assert settings(panel).task == "classification"
    panel.set_role("糖尿病", TARGET)
    # a text target cannot be regressed: the item is disabled
    model = panel.task_combo.model()
    assert not model.item(panel.task_combo.findData("regression")).isEnabled()
    assert panel.task_combo.currentData() == "classification"


def test_fitted_effect_follows_the_preprocessing_choices(qtbot, panel, real_data):
    table = load(qtbot, panel, real_data / "chile.csv")
    qtbot.waitUntil(lambda: "training rows" in panel.effect_label.text(), timeout=3000)
    report = prepare(table, TrainConfig(target="vote")).report
    train = report["train"]
    text = panel.effect_label.text()
    assert f"fitted on {train['rows_in']:,} training rows" in text.lower()
    assert f"{train['values_imputed']:,} values imputed" in text
    assert f"{report['rows_without_target']:,} rows without a target" in text

    text = effect_after(qtbot, panel, lambda: choose(panel.preprocessing.field("missing"), "drop"))
    dropped = prepare(table, TrainConfig(target="vote", missing="drop")).report["train"]
    assert dropped["rows_dropped_missing"] > 0
    assert f"{dropped['rows_dropped_missing']:,} rows dropped" in text

    assert not panel.preprocessing.field("outlier_rule").isEnabled()
    choose(panel.preprocessing.field("outliers"), "clip")
    assert panel.preprocessing.field("outlier_rule").isEnabled() and panel.preprocessing.field("outlier_threshold").isEnabled()
    text = effect_after(qtbot, panel, lambda: choose(panel.preprocessing.field("outlier_rule"), "iqr"))
    assert panel.preprocessing.field("outlier_threshold").value() == 1.5
    clipped = prepare(table, TrainConfig(target="vote", missing="drop", outliers="clip",
                                         outlier_rule="iqr", outlier_threshold=1.5))
    n_clipped = clipped.report["train"]["values_clipped"]
    assert n_clipped > 0 and f"{n_clipped:,} values clipped" in text

    # a role change recomputes too
    text = effect_after(qtbot, panel, lambda: panel.set_role("income", IGNORE))
    assert "values clipped" in text and f"{n_clipped:,} values clipped" not in text


def test_the_effect_is_fitted_off_the_gui_thread_and_stale_fits_are_dropped(
        qtbot, panel, real_data, monkeypatch):
    import attn_gui.ui.panels.preprocessing_effect as preprocessing_effect

    calls = []  # (thread, missing setting) of every fit
    release = threading.Event()

    def recording_prepare(table, config, *args, **kwargs):
        calls.append((threading.current_thread(), config.missing))
        if config.missing == "drop":
            release.wait(10)  # still fitting when the user changes their mind
        return prepare(table, config, *args, **kwargs)

    monkeypatch.setattr(preprocessing_effect, "prepare", recording_prepare)
    table = load(qtbot, panel, real_data / "chile.csv")
    qtbot.waitUntil(lambda: "training rows" in panel.effect_label.text(), timeout=5000)
    assert calls and all(thread is not threading.main_thread() for thread, _ in calls)

    choose(panel.preprocessing.field("missing"), "drop")
    qtbot.waitUntil(lambda: calls[-1][1] == "drop", timeout=5000)
    with qtbot.waitSignal(panel.effectShown, timeout=5000):
        choose(panel.preprocessing.field("missing"), "mean")
    release.set()
    qtbot.wait(300)  # the stale "drop" fit ends now; its result must not replace "mean"'s
    mean = prepare(table, TrainConfig(target="vote", missing="mean")).report["train"]
    assert mean["rows_dropped_missing"] == 0 and mean["values_imputed"] > 0
    text = panel.effect_label.text()
    assert "0 rows dropped" in text and f"{mean['values_imputed']:,} values imputed" in text
    assert all(thread is not threading.main_thread() for thread, _ in calls)


def test_a_setting_the_core_refuses_is_shown_in_red(qtbot, panel, tmp_path):
    path = tmp_path / "gaps.csv"
    # every row lacks x or z, so dropping incomplete rows leaves nothing to train on
    rows = "".join(f"{i * 0.5},,{'ab'[i % 2]}\n" if i % 2 else f",{i * 0.3},{'ab'[i % 2]}\n"
                   for i in range(40))
    path.write_text("x,z,y\n" + rows, encoding="utf-8")
    load(qtbot, panel, path)
    text = effect_after(qtbot, panel, lambda: choose(panel.preprocessing.field("missing"), "drop"))
    assert text == "no training rows are left after preprocessing; choose another " \
                   "missing-value or outlier setting"
    assert "c62828" in panel.effect_label.styleSheet()
    text = effect_after(qtbot, panel, lambda: choose(panel.preprocessing.field("missing"), "median"))
    assert "training rows" in text and "c62828" not in panel.effect_label.styleSheet()


def test_a_broken_file_keeps_the_previous_table(qtbot, panel, real_data, tmp_path):
    table = load(qtbot, panel, real_data / "chile.csv")
    choose(panel.role_combo("income"), IGNORE)
    binary = tmp_path / "picture.csv"
    binary.write_bytes(bytes(range(256)) * 64)
    for bad in (binary, tmp_path / "missing.csv"):
        with qtbot.assertNotEmitted(panel.tableLoaded), \
                qtbot.waitSignal(panel.loadFailed, timeout=10000) as failed:
            panel.load(bad)
        message = failed.args[0]
        assert bad.name in message
        assert panel.error_label.isVisible()
        assert panel.error_label.text() == f"{message} — still showing chile.csv."
        assert "c62828" in panel.error_label.styleSheet()
        assert "Traceback" not in message
        assert panel.table() is table
        assert panel.preview_view.model().rowCount() == 2700
        assert panel.role("income") == IGNORE
        assert "chile.csv" in panel.info_label.text()
    assert "binary" in panel.error_label.text() or "no such file" in panel.error_label.text()
    # the next good load clears the error
    load(qtbot, panel, real_data / "pima_zh_gb18030.csv")
    assert not panel.error_label.isVisible()


def write_big_csv(path: Path, rows: int) -> None:
    rng = np.random.default_rng(0)
    pd.DataFrame({"a": rng.normal(size=rows), "b": rng.integers(0, 9, rows),
                  "y": rng.integers(0, 2, rows)}).to_csv(path, index=False)


def test_cancelling_keeps_the_old_table_and_ignores_the_late_result(qtbot, panel, real_data,
                                                                    tmp_path):
    table = load(qtbot, panel, real_data / "chile.csv")
    big = tmp_path / "big.csv"
    write_big_csv(big, 300_000)
    with qtbot.assertNotEmitted(panel.tableLoaded, wait=500), \
            qtbot.assertNotEmitted(panel.loadFailed):
        panel.load(big)
        assert panel.load_row.progress_bar.isVisible() and panel.load_row.cancel_button.isVisible()
        panel.load_row.cancel_button.click()
    assert not panel.is_loading() and not panel.load_row.progress_bar.isVisible()
    assert panel.table() is table
    assert "cancelled" in panel.error_label.text()


def test_set_from_and_apply_to_round_trip(qtbot, panel, real_data):
    config = TrainConfig(target="sex", features=["age", "income", "vote"], task="classification",
                         positive="F", missing="most_frequent", outliers="drop",
                         outlier_rule="iqr", outlier_threshold=2.25, scaling="robust",
                         valid_fraction=0.3, seed=7)
    panel.set_from(config)  # before the table: roles wait for it
    assert settings(panel).scaling == "robust" and settings(panel).target is None
    load(qtbot, panel, real_data / "chile.csv")
    out = TrainConfig()
    panel.apply_to(out)
    for name in ("target", "features", "task", "positive", "missing", "outliers",
                 "outlier_rule", "outlier_threshold", "scaling"):
        assert getattr(out, name) == getattr(config, name), name
    assert panel.role("region") == IGNORE
    with qtbot.assertNotEmitted(panel.changed):
        panel.set_from(TrainConfig(target="vote", positive=None))
    out = settings(panel)
    assert out.target == "vote" and out.positive is None and out.missing == "median"
    assert out.features == ["region", "population", "sex", "age", "education", "income",
                            "statusquo"]


def test_a_wide_file_fills_its_column_list_over_several_turns(qtbot, panel, tmp_path):
    """Role combo boxes and preview column widths for 150 columns are made a batch per
    turn of the event loop, so the window keeps answering; a combo asked for early exists."""
    rng = np.random.default_rng(3)
    names = [f"c{i}" for i in range(150)]
    frame = pd.DataFrame(rng.normal(size=(200, 150)).round(2), columns=names)
    frame["y"] = rng.choice(["no", "yes"], 200)
    path = tmp_path / "wide.csv"
    frame.to_csv(path, index=False)
    load(qtbot, panel, path)
    grid, view = panel.column_table, panel.preview_view
    assert grid.rowCount() == 151
    assert grid.cellWidget(0, ROLE) is not None and grid.cellWidget(150, ROLE) is None
    assert panel.set_role("c149", IGNORE)  # before its combo box exists
    assert panel.role_combo("c120").currentData() == FEATURE
    qtbot.waitUntil(lambda: grid.cellWidget(150, ROLE) is not None, timeout=5000)
    shown = {grid.item(r, NAME).text(): grid.cellWidget(r, ROLE).currentData()
             for r in range(151)}
    assert shown == panel.roles() and shown["c149"] == IGNORE and shown["y"] == TARGET
    choose(panel.role_combo("c3"), TARGET)
    assert panel.target() == "c3" and panel.role_combo("y").currentData() == FEATURE

    # two-decimal numbers are narrower than the default width, so a sized column shows
    default = view.horizontalHeader().defaultSectionSize()
    qtbot.waitUntil(lambda: all(view.columnWidth(c) != default for c in range(151)), timeout=5000)
    for column in range(0, 151, 10):
        width = view.columnWidth(column)
        view.resizeColumnToContents(column)
        assert view.columnWidth(column) == width, column


def test_loader_shutdown_joins_a_running_thread(qtbot, tmp_path):
    big = tmp_path / "big.csv"
    write_big_csv(big, 300_000)
    loader = TableLoader()
    seen = []
    loader.loaded.connect(seen.append)
    loader.start(big)
    assert loader.is_busy()
    assert loader.shutdown(timeout_ms=5000)
    qtbot.wait(100)
    assert seen == [] and not loader.is_busy()


def test_loader_reports_progress_and_the_table(qtbot, real_data):
    loader = TableLoader()
    fractions = []
    loader.progress.connect(fractions.append)
    with qtbot.waitSignal(loader.loaded, timeout=10000) as done:
        loader.start(real_data / "chile.csv")
    loaded = done.args[0]
    assert loaded.table.n_rows == 2700
    assert fractions and fractions[-1] == 1.0 and fractions == sorted(fractions)
    assert set(loaded.targets) == {"vote"}  # four levels: no class counts
    assert loaded.targets["vote"].task == "classification"
    assert loaded.targets["vote"].counts is None
    assert loader.shutdown()


def test_the_target_is_summarised_off_the_gui_thread(qtbot, panel, real_data, monkeypatch):
    """Task and class counts are passes over a million rows on a large file: the loader's
    thread works them out for the default target and for a project's, not the window's."""
    import attn_gui.ui.jobs.loader as loader

    passes = []  # (thread, column) of every pass over a target column
    original_counts = pd.Series.value_counts
    original_infer = loader.infer_task

    def counting(series, *args, **kwargs):
        passes.append((threading.current_thread(), series.name))
        return original_counts(series, *args, **kwargs)

    def inferring(series, kind):
        passes.append((threading.current_thread(), series.name))
        return original_infer(series, kind)

    original_read = loader.read_table
    opened = threading.Event()

    def reading_until_the_project_is_open(*args, **kwargs):
        assert opened.wait(10)
        return original_read(*args, **kwargs)

    monkeypatch.setattr(pd.Series, "value_counts", counting)
    monkeypatch.setattr(loader, "infer_task", inferring)
    monkeypatch.setattr(loader, "read_table", reading_until_the_project_is_open)
    with qtbot.waitSignal(panel.tableLoaded, timeout=20000):
        panel.load(real_data / "chile.csv")
        panel.set_from(TrainConfig(target="sex", positive="F"))  # a project opened meanwhile
        opened.set()
    assert panel.target() == "sex" and settings(panel).positive == "F"
    assert [panel.positive_combo.itemData(i) for i in range(3)] == [None, "F", "M"]
    assert sorted(name for _, name in passes) == ["sex", "sex", "vote"]
    assert all(thread is not threading.main_thread() for thread, _ in passes)
    # a target chosen later is summarised once, however often the settings change
    choose(panel.role_combo("vote"), TARGET)
    choose(panel.role_combo("sex"), TARGET)
    assert sorted(name for _, name in passes) == ["sex", "sex", "vote"]


# --------------------------------------------------------------------------- FrameModel


@pytest.mark.parametrize("text", ["object", "str", "string[pyarrow]", "category"])
def test_frame_model_is_virtual_over_a_million_rows(text):
    """Whatever holds the text: object (what `read_table` gives), pandas 3's `str` (pyarrow
    when installed), a nullable pyarrow string or a categorical."""
    if "pyarrow" in text:
        pytest.importorskip("pyarrow")
    rows = 1_000_000
    labels = pd.Series(np.where(np.arange(rows) % 3 == 0, "a", "b"), dtype=object)
    labels[999_997] = None
    frame = pd.DataFrame({"x": np.arange(rows, dtype=np.float64) / 4,
                          "label": labels.astype(text)})
    frame.loc[999_998, "x"] = np.nan
    tracemalloc.start()
    model = FrameModel(frame)
    allocated = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert allocated < 1_000_000  # a copy of one column alone would be 8 MB
    assert np.shares_memory(model.column_array(0), frame["x"].to_numpy())
    if text == "object":
        assert np.shares_memory(model.column_array(1), frame["label"].to_numpy())
    assert model.rowCount() == rows and model.columnCount() == 2
    far = model.index(999_999, 0)
    assert model.data(far) == "249999.75"
    assert model.data(model.index(999_999, 1)) == "a"
    assert model.data(model.index(999_998, 1)) == "b"
    for missing in (model.index(999_998, 0), model.index(999_997, 1)):
        assert model.data(missing) == ""
        assert model.data(missing, Qt.ItemDataRole.BackgroundRole) is not None
    assert model.data(far, Qt.ItemDataRole.BackgroundRole) is None
    assert model.headerData(999_999, Qt.Orientation.Vertical) == "1000000"


def test_frame_model_formats_compactly_and_explains_headers(real_data):
    table = read_table(real_data / "chile.csv")
    model = FrameModel(table.frame, table.columns)
    column = list(table.frame.columns).index("population")
    assert model.data(model.index(0, column)) == "175000"
    column = list(table.frame.columns).index("statusquo")
    assert model.data(model.index(1, column)) == "-1.29617"
    tip = model.headerData(0, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert "kind: id" in tip and "unnamed first column" in tip


def test_a_file_without_usable_features_still_offers_one(qtbot, panel, tmp_path):
    path = tmp_path / "ids.csv"
    path.write_text("id,y\n" + "".join(f"{i},{'ny'[i % 2]}\n" for i in range(1, 41)),
                    encoding="utf-8")
    table = load(qtbot, panel, path)
    assert table.info("id").excluded  # consecutive whole numbers: an ID
    assert panel.target() == "y" and settings(panel).features == ["id"]


@pytest.mark.parametrize("values", [["no", "yes"], [0, 1], [0.0, 1.0, np.nan]])
def test_a_large_column_is_counted_in_slices_as_pandas_counts_it_whole(values):
    rng = np.random.default_rng(7)
    column = pd.Series(rng.choice(values, 250_001, p=np.linspace(1, 2, len(values)) /
                                  np.linspace(1, 2, len(values)).sum()), name="label")
    pd.testing.assert_series_equal(value_counts(column), column.value_counts())
