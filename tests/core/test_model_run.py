"""A model file as a run (File ▸ Open Model): what the file says of its training comes
back, an older file without it still opens, and a summary that does not fit is damage."""

import dataclasses
import math
from pathlib import Path

import pytest

from attn_gui.core import project as project_module
from attn_gui.core.config import TrainConfig
from attn_gui.core.dataset import prepare
from attn_gui.core.io import read_table
from attn_gui.core.project import (
    Project,
    ProjectError,
    load_model,
    load_project,
    run_from_model,
    run_from_training,
    save_model,
    save_project,
    saved_kind,
)
from attn_gui.core.runs import Run
from attn_gui.core.training import Trainer

PENGUINS = Path(__file__).resolve().parents[1] / "data" / "real" / "penguins.csv"


@pytest.fixture(scope="module")
def trained():
    config = TrainConfig(target="species", epochs=5, patience=0).validate()
    data = prepare(read_table(PENGUINS), config)
    trainer = Trainer(config, data)
    final = [r for r in trainer.run() if getattr(r, "final", False)][-1]
    return run_from_training("1: softmax", config, trainer, final, data_path=str(PENGUINS))


def test_a_saved_model_comes_back_as_the_run_it_was(trained, tmp_path):
    path = tmp_path / "penguins.atmodel"
    save_model(path, trained.model)
    run = run_from_model("2: penguins", load_model(path), path)
    assert run.model_file == str(path.resolve()) and run.model is not None
    for field in ("task", "classes", "features", "metrics", "attention", "epochs",
                  "best_epoch", "seconds", "target", "data_path", "data_sheet"):
        assert getattr(run, field) == getattr(trained, field), field
    assert run.config == trained.config and run.history == {}
    assert run.data_path == str(PENGUINS.resolve())
    assert saved_kind(path) == "model" and saved_kind(PENGUINS) is None


def test_a_model_file_from_before_epochs_and_data_were_kept_still_opens(trained, tmp_path):
    old = dataclasses.replace(trained.model, summary={
        k: trained.model.summary[k] for k in ("metrics", "attention")})
    path = tmp_path / "old.attn"
    save_model(path, old)
    run = run_from_model("old", load_model(path), path)
    assert run.epochs == 0 and math.isnan(run.seconds)
    assert run.data_path is None and run.target == "species"
    assert run.attention == trained.attention


@pytest.mark.parametrize("summary", [
    {"metrics": {}},  # no attention
    {"attention": {"island": "a lot"}},
    {"attention": {"island": 1.0}, "metrics": {"valid": [0.5]}},
    {"attention": {"island": 1.0}, "data": {"path": 7}},
])
def test_a_summary_that_does_not_fit_is_a_damaged_file(trained, tmp_path, summary):
    path = tmp_path / "odd.atmodel"
    save_model(path, dataclasses.replace(trained.model, summary=summary))
    with pytest.raises(ProjectError, match="is damaged"):
        run_from_model("odd", load_model(path), path)


def test_a_project_keeps_where_an_opened_run_came_from(trained, tmp_path):
    model = tmp_path / "m.atmodel"
    save_model(model, trained.model)
    run = run_from_model("m", load_model(model), model)
    path = tmp_path / "p.atproj"
    save_project(path, Project(runs=[run], chosen=0))
    back = load_project(path).runs[0]
    assert back.model_file == run.model_file and back.model is not None
    assert saved_kind(path) == "project"
    record = run.to_dict()
    del record["model_file"]  # a project saved before models could be opened
    assert Run.from_dict(record).model_file is None
    assert project_module.load_model(path).summary["data"]["path"] == str(PENGUINS.resolve())
