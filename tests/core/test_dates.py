"""Dates read from text, expanded into numbers by the fitted pipeline, and applied the same
way to a new file by `predict`."""

import json
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from attn_gui.cli import main
from attn_gui.core.config import TrainConfig
from attn_gui.core.dataset import DataError, prepare
from attn_gui.core.io import read_table
from attn_gui.core.io.dates import DAY_FIRST, MONTH_FIRST
from attn_gui.core.predict import predict
from attn_gui.core.preprocess import DateStep, Preprocessor
from attn_gui.core.project import load_model

DATES = Path(__file__).parent.parent / "data" / "dates"


def test_day_first_dates_with_times_and_a_junk_cell():
    table = read_table(DATES / "shop_visits_dmy.csv")
    info = table.info("visited")
    assert (info.kind, info.order, info.missing, info.excluded) == ("date", DAY_FIRST, 1, None)
    # "13/01/2023 ..." can only be day-first: the 13th of January
    assert table.frame["visited"].iloc[12] == pd.Timestamp("2023-01-13 09:00")
    assert "hour of the day" in info.summary and info.summary.startswith("2023-01-01 11:00")
    assert any("'unknown'" in w for w in table.warnings)
    assert "visited" in table.default_features("busy")


def test_month_first_dates():
    table = read_table(DATES / "orders_us.csv")
    info = table.info("order_date")
    assert (info.kind, info.order) == ("date", MONTH_FIRST)
    assert table.frame["order_date"].iloc[0] == pd.Timestamp("2022-11-03")
    assert "hour" not in info.summary


def test_dates_that_never_show_their_order_are_left_out_with_the_reason():
    info = read_table(DATES / "ambiguous_dates.csv").info("when")
    assert info.kind == "categorical"
    assert "day/month order" in info.excluded and "YYYY-MM-DD" in info.excluded


def test_the_pipeline_expands_a_date_into_calendar_numbers():
    table = read_table(DATES / "shop_visits_dmy.csv")
    config = TrainConfig(target="busy", features=["visited", "temperature"], scaling="none")
    data = prepare(table, config)
    pre = data.preprocessor
    step = pre.steps["visited"]
    assert isinstance(step, DateStep) and step.parts == ["year", "month", "weekday", "days",
                                                         "hour"]
    assert pre.encoded_names[:5] == [f"visited:{p}" for p in step.parts]
    assert pre.groups.tolist() == [0, 0, 0, 0, 0, 1]
    X, _, _ = pre.transform(table.frame.iloc[[12]], drop_rows=False)
    # Friday 13 January 2023, 09:00; the origin is the first training date
    origin = np.datetime64("1970-01-01") + np.timedelta64(int(step.origin), "D")
    days = (np.datetime64("2023-01-13") - origin).astype(int)
    assert X[0, :5].tolist() == [2023, 1, 4, days + 9 / 24, 9]


def test_a_date_target_is_refused():
    table = read_table(DATES / "orders_us.csv")
    with pytest.raises(DataError, match="holds dates"):
        prepare(table, TrainConfig(target="order_date"))


def test_predict_reads_a_new_files_dates_in_the_training_order(tmp_path, capsys):
    model = tmp_path / "visits.atm"
    assert main(["train", str(DATES / "shop_visits_dmy.csv"), "--target", "busy", "--epochs",
                 "30", "--save", str(model), "--json"]) == 0
    capsys.readouterr()
    saved = load_model(model)
    assert saved.preprocessor.steps["visited"].order == DAY_FIRST
    full = predict(saved, read_table(DATES / "shop_visits_dmy.csv")).frame
    # a new file whose dates alone could be either order: read as the training file was
    rows = pd.read_csv(DATES / "shop_visits_dmy.csv", dtype=str).iloc[[1, 2, 3, 40]]
    assert rows["visited"].str[:2].astype(int).max() <= 12
    new = tmp_path / "new.csv"
    rows.to_csv(new, index=False)
    table = read_table(new)
    assert table.info("visited").kind != "date"  # on its own the file cannot tell
    scored = predict(saved, table).frame
    proba = [c for c in scored.columns if c.startswith("proba_")]
    np.testing.assert_allclose(scored[proba].to_numpy(float),
                               full.iloc[[1, 2, 3, 40]][proba].to_numpy(float), rtol=1e-6)


def test_model_files_keep_the_date_step_and_older_ones_without_it_open(tmp_path, capsys):
    model = tmp_path / "orders.atm"
    assert main(["train", str(DATES / "orders_us.csv"), "--epochs", "5", "--save",
                 str(model)]) == 0
    with zipfile.ZipFile(model) as zf:
        meta = json.loads(zf.read(next(n for n in zf.namelist() if n.endswith(".json"))))
    step = meta["preprocessor"]["steps"]["order_date"]
    assert step["type"] == "date" and step["order"] == MONTH_FIRST
    assert meta["preprocessor"]["kinds"]["order_date"] == "date"
    again = Preprocessor.from_dict(meta["preprocessor"])
    assert again.steps["order_date"] == load_model(model).preprocessor.steps["order_date"]
    # a model of the app before dates: numeric and categorical steps only
    assert main(["train", str(DATES / "orders_us.csv"), "--features", "amount", "--epochs",
                 "5", "--save", str(tmp_path / "old.atm")]) == 0
    assert load_model(tmp_path / "old.atm").preprocessor.kinds == {"amount": "numeric"}
