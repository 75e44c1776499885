"""Project files: every setting, run and curve comes back; a failed save keeps the old file."""

import dataclasses
import json
import math
import zipfile
from pathlib import Path

import numpy as np
import pytest

from attn_gui.core import files as files_module
from attn_gui.core import project as project_module
from attn_gui.core.config import TrainConfig
from attn_gui.core.dataset import prepare
from attn_gui.core.io import read_table
from attn_gui.core.predict import predict
from attn_gui.core.project import (
    Project,
    ProjectError,
    file_sha256,
    load_model,
    load_project,
    run_from_training,
    save_project,
)
from attn_gui.core.runs import Run
from attn_gui.core.training import Trainer

DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo" / "demo.csv"


def train_run(name: str, **settings):
    config = TrainConfig(epochs=6, patience=0, **settings).validate()
    table = read_table(DEMO)
    data = prepare(table, config)
    trainer = Trainer(config, data)
    final = [r for r in trainer.run() if getattr(r, "final", False)][-1]
    return run_from_training(name, config, trainer, final), table


@pytest.fixture(scope="module")
def two_runs():
    with_attention, table = train_run("softmax", target="defaulted", weighting="softmax")
    without, _ = train_run("off", target="defaulted", attention="off")
    return table, [with_attention, without]


def test_round_trip_keeps_settings_runs_curves_and_the_chosen_model(two_runs, tmp_path):
    table, runs = two_runs
    config = TrainConfig(target="defaulted", features=["debt_ratio", "late_payments", "region"],
                         missing="mean", scaling="minmax", weighting="sparsemax", seed=7)
    project = Project(config=config, data_path=str(DEMO), data_sha256=file_sha256(DEMO),
                      runs=runs, chosen=0)
    path = tmp_path / "analysis.atproj"
    save_project(path, project)
    back = load_project(path)
    assert back.config == config
    assert back.data_path == str(DEMO) and back.data_sha256 == file_sha256(DEMO)
    assert back.chosen == 0 and len(back.runs) == 2
    for original, loaded in zip(runs, back.runs, strict=True):
        assert loaded == original  # every field, curves included (model compared below)
        assert set(loaded.history) >= {"train_loss", "valid_loss", "valid_f1"}
    assert back.runs[1].model is None  # only the chosen run's model is stored
    new = predict(back.runs[0].model, table).frame
    old = predict(runs[0].model, table).frame
    assert (new["prediction"] == old["prediction"]).all()
    np.testing.assert_allclose(new["proba_yes"], old["proba_yes"], atol=0)


def test_predict_accepts_a_project_and_refuses_one_without_a_model(two_runs, tmp_path):
    _, runs = two_runs
    with_model, without_model = tmp_path / "a.atproj", tmp_path / "b.atproj"
    save_project(with_model, Project(runs=runs, chosen=1))
    save_project(without_model, Project(runs=runs, chosen=None))
    assert load_model(with_model).config.attention == "off"
    with pytest.raises(ProjectError, match="holds no trained model"):
        load_model(without_model)


def test_nan_in_a_curve_survives_strict_json(two_runs, tmp_path):
    _, runs = two_runs
    run = runs[0]
    odd = project_module.Run(**{**run.__dict__, "history": {"valid_f1": [0.5, math.nan]}})
    path = tmp_path / "nan.atproj"
    save_project(path, Project(runs=[odd]))
    with zipfile.ZipFile(path) as zf:
        json.loads(zf.read("project.json"))  # strict JSON
    assert math.isnan(load_project(path).runs[0].history["valid_f1"][1])


def test_a_save_that_fails_halfway_leaves_the_previous_file_intact(two_runs, tmp_path,
                                                                   monkeypatch):
    _, runs = two_runs
    path = tmp_path / "keep.atproj"
    save_project(path, Project(runs=runs[:1], chosen=0))
    before = path.read_bytes()

    real_fsync = files_module.os.fsync

    def crash(fd):  # the data is half on disk when the machine "dies"
        real_fsync(fd)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files_module.os, "fsync", crash)
    with pytest.raises(ProjectError, match="No space left on device"):
        save_project(path, Project(runs=runs, chosen=1))
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert len(load_project(path).runs) == 1
    assert [p.name for p in tmp_path.iterdir()] == ["keep.atproj"]  # no temporary left behind


@pytest.mark.parametrize("content, sentence", [
    (b"", "not an Attention Trainer project file, or it is damaged"),
    (b"target,x\n1,2\n", "not an Attention Trainer project file, or it is damaged"),
])
def test_non_project_files_are_refused_in_one_sentence(tmp_path, content, sentence):
    path = tmp_path / "bad.atproj"
    path.write_bytes(content)
    with pytest.raises(ProjectError, match=sentence):
        load_project(path)


def test_truncated_newer_and_tampered_projects_are_refused(two_runs, tmp_path):
    _, runs = two_runs
    good = tmp_path / "good.atproj"
    save_project(good, Project(runs=runs, chosen=0))
    truncated = tmp_path / "truncated.atproj"
    truncated.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    with pytest.raises(ProjectError, match="damaged"):
        load_project(truncated)

    def rewrite(name, change):
        with zipfile.ZipFile(good) as zf:
            meta = json.loads(zf.read("project.json"))
        change(meta)
        out = tmp_path / name
        with zipfile.ZipFile(out, "w") as zf:
            zf.writestr("project.json", json.dumps(meta))
        return out

    newer = rewrite("newer.atproj", lambda m: m.update(version=99))
    with pytest.raises(ProjectError, match="newer Attention Trainer"):
        load_project(newer)
    bad_chosen = rewrite("chosen.atproj", lambda m: m.update(chosen=5))
    with pytest.raises(ProjectError, match="damaged"):
        load_project(bad_chosen)
    bad_run = rewrite("run.atproj", lambda m: m["runs"][0].update(epochs="many"))
    with pytest.raises(ProjectError, match="damaged"):
        load_project(bad_run)
    model_file = tmp_path / "model.attn"
    project_module.save_model(model_file, runs[0].model)
    with pytest.raises(ProjectError, match="not an Attention Trainer project file"):
        load_project(model_file)


def test_runs_name_their_data_and_older_projects_without_it_still_open(two_runs, tmp_path):
    _, runs = two_runs
    run = dataclasses.replace(runs[0], data_path=str(DEMO), target="defaulted",
                              data_sheet="销售数据")
    assert Run.from_dict(run.to_dict()) == run
    old = run.to_dict()
    del old["data_path"], old["target"], old["data_sheet"]  # before runs named their data
    assert Run.from_dict(old).data_path is None and Run.from_dict(old).target is None
    assert Run.from_dict(old).data_sheet is None


def test_the_project_keeps_one_chosen_run_through_adds_renames_and_deletes(two_runs):
    _, (first, second) = two_runs
    project = Project()
    assert project.add_run(first) == 0 and project.add_run(second) == 1
    assert project.chosen == 1  # the newest run is kept until the user keeps another
    assert project.next_name("softmax") == "3: softmax"
    assert not project.rename(1, "  ") and not project.rename(1, first.name)
    assert project.rename(1, " baseline ") and project.runs[1].name == "baseline"
    assert project.runs[1].model is second.model  # a renamed run keeps its model
    assert project.keep(0) and not project.keep(0) and not project.keep(5)
    project.add_run(dataclasses.replace(second, name="third"))
    assert project.chosen == 0  # the user's choice stays when a new run arrives
    project.delete({1, 2})
    assert project.chosen == 0 and project.runs == [first]
    project.delete({0})
    assert project.chosen is None and project.runs == []


def test_a_groups_summary_and_importance_round_trip_and_are_checked(tmp_path):
    from attn_gui.core.importance import importance_report
    from attn_gui.core.repeats import summarise, train_runs

    config = TrainConfig(target="defaulted", epochs=5, patience=0, repeats=2).validate()
    runs = train_runs(read_table(DEMO), config)
    summary = summarise(runs)
    kept = runs[0]
    run = run_from_training("group", config, kept.trainer, kept.final, summary=summary,
                            finals=[r.final for r in runs])
    assert run.metrics == summary["metrics"] and run.attention == summary["attention"]
    assert run.history == kept.final.history and run.runs == 2
    run.importance = importance_report(runs, summary["attention"])
    path = tmp_path / "group.atproj"
    save_project(path, Project(runs=[run], chosen=0))
    back = load_project(path).runs[0]
    assert back == run and back.group == run.group and back.importance == run.importance
    # written before groups: neither entry, and it still opens
    old = run.to_dict()
    del old["group"], old["importance"]
    assert Run.from_dict(old).group is None and Run.from_dict(old).runs == 1
    # a tampered group is refused, in the damaged-file sentence
    for key, value in (("runs", 1), ("curves", {"valid_loss": {"mean": "x", "sd": []}}),
                       ("attention_sd", [1, 2])):
        bad = run.to_dict()
        bad["group"] = {**bad["group"], key: value}
        with pytest.raises(ValueError):
            Run.from_dict(bad)


def test_the_workbook_sheet_read_comes_back_and_older_projects_have_none(tmp_path):
    path = tmp_path / "book.atproj"
    save_project(path, Project(data_path="/data/sales.xlsx", data_sheet="销售数据"))
    assert load_project(path).data_sheet == "销售数据"
    with zipfile.ZipFile(path) as zf:
        meta = json.loads(zf.read("project.json"))
    del meta["data"]["sheet"]  # as written before projects named their sheet
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("project.json", json.dumps(meta))
    assert load_project(path).data_sheet is None
