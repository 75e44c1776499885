"""A streamed run trains as a run in memory: the same reports, metrics within 0.02 of an
in-memory run on the same rows and seed (exactly equal when the shuffle buffer holds the
whole file), a model file of the same format, and streamed predictions equal to those
made in memory."""

import numpy as np
import pandas as pd
import pytest

from attn_gui.core.config import TrainConfig
from attn_gui.core.dataset import prepare
from attn_gui.core.io import read_table
from attn_gui.core.metrics import scalars
from attn_gui.core.predict import predict, write_csv
from attn_gui.core.project import load_model, save_model, saved_model
from attn_gui.core.stream import StreamTrainer, fit_stream, open_source, predict_stream
from attn_gui.core.stream.split import validation_rows
from attn_gui.core.training import BatchReport, EpochReport, Trainer, TrainingControl
from tests.conftest import REAL


def _streamed(path, config, buffer_rows, control=None):
    source = open_source(path)
    fitted = fit_stream(source, config, chunk_rows=300)
    trainer = StreamTrainer(config, source, fitted, chunk_rows=300, buffer_rows=buffer_rows)
    reports = list(trainer.run(control))
    return trainer, reports


def _in_memory(path, config):
    """The in-memory run on the rows the streamed split chooses."""
    table = read_table(path)
    fitted = fit_stream(open_source(path), config)
    usable = fitted.plan.usable(table.frame)
    valid = validation_rows(0, table.n_rows, config.seed, config.valid_fraction)
    data = prepare(table, config, rows=(np.flatnonzero(usable & ~valid),
                                        np.flatnonzero(usable & valid)))
    trainer = Trainer(config, data)
    reports = list(trainer.run())
    return trainer, reports


@pytest.fixture(scope="module")
def chile():
    return REAL / "chile.csv"


def test_a_buffer_holding_the_file_trains_exactly_as_in_memory(chile):
    config = TrainConfig(epochs=6, seed=0)
    streamed, _ = _streamed(chile, config, buffer_rows=100_000)
    memory, _ = _in_memory(chile, config)
    a, b = scalars(streamed.final_.valid), scalars(memory.final_.valid)
    for key in a:
        assert a[key] == pytest.approx(b[key], abs=1e-6), key


def test_streamed_metrics_within_002_of_in_memory(chile):
    config = TrainConfig(epochs=20, seed=0)
    streamed, reports = _streamed(chile, config, buffer_rows=512)
    memory, memory_reports = _in_memory(chile, config)
    a, b = scalars(streamed.final_.valid), scalars(memory.final_.valid)
    for key in ("loss", "accuracy", "f1", "roc_auc", "brier"):
        assert a[key] == pytest.approx(b[key], abs=0.02), key
    # the same kinds of reports, with the same keys
    epochs = [r for r in reports if isinstance(r, EpochReport)]
    assert any(isinstance(r, BatchReport) for r in reports)
    assert epochs[-1].final and epochs[-1].history.keys() == memory.final_.history.keys()
    assert epochs[0].train.keys() == memory_reports[-2].train.keys()
    assert sum(epochs[0].attention.values()) == pytest.approx(1.0)
    assert streamed.n_valid == len(memory.data.X_valid)


def test_a_stopped_first_epoch_still_measures_the_run(chile):
    control = TrainingControl()
    config = TrainConfig(epochs=3, seed=0, batch_size=32)
    source = open_source(chile)
    trainer = StreamTrainer(config, source, fit_stream(source, config), chunk_rows=300,
                            buffer_rows=256)
    for report in trainer.run(control):
        if isinstance(report, BatchReport) and report.batch == 5:
            control.stop()
    assert trainer.final_.stop_reason == "stopped"
    assert len(trainer.data.X_valid) == trainer.n_valid


def test_streamed_model_file_and_predictions_equal_in_memory(chile, tmp_path):
    config = TrainConfig(epochs=3, seed=1)
    trainer, _ = _streamed(chile, config, buffer_rows=1024)
    path = tmp_path / "model.attn"
    save_model(path, saved_model(config, trainer.data, trainer, trainer.final_, chile))
    saved = load_model(path)
    streamed = predict_stream(saved, open_source(chile), tmp_path / "s.csv", attention=True,
                              chunk_rows=333)
    memory = predict(saved, read_table(chile), attention=True)
    write_csv(memory.frame, tmp_path / "m.csv")
    a, b = pd.read_csv(tmp_path / "s.csv"), pd.read_csv(tmp_path / "m.csv")
    assert list(a.columns) == list(b.columns) and len(a) == len(b) == streamed.rows
    assert (a["prediction"] == b["prediction"]).all()
    probabilities = [c for c in a.columns if c.startswith(("proba_", "attention_"))]
    np.testing.assert_allclose(a[probabilities], b[probabilities], atol=1e-6)
    assert streamed.report == memory.report
    for key, value in memory.metrics.items():
        assert streamed.metrics[key] == pytest.approx(value, abs=1e-6)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".predict-")]


def _file_passes(monkeypatch):
    """Counts the reads of the CSV that go through every chunk."""
    from attn_gui.core.stream.source import Source

    passes = []
    chunks = Source.chunks

    def counted(self, *args, **kwargs):
        passes.append(1)
        yield from chunks(self, *args, **kwargs)

    monkeypatch.setattr(Source, "chunks", counted)
    return passes


@pytest.mark.parametrize("task", ["vote", "income"])
def test_later_epochs_read_the_spilled_rows_and_train_bit_for_bit_as_rereading(
        chile, monkeypatch, task):
    config = TrainConfig(epochs=4, seed=3, target=task)
    source = open_source(chile)
    fitted = fit_stream(source, config, chunk_rows=300)
    runs = {}
    for spill in (True, False):
        passes = _file_passes(monkeypatch)
        trainer = StreamTrainer(config, source, fitted, chunk_rows=300, buffer_rows=512)
        trainer.batches.spill = spill
        list(trainer.run())
        runs[spill] = trainer, len(passes)
    (spilled, read_once), (reread, read_each) = runs[True], runs[False]
    assert (read_once, read_each) == (1, 4)
    assert spilled.final_.history == reread.final_.history
    for name, value in spilled.model_.params.items():
        assert np.array_equal(value, reread.model_.params[name]), name
    assert spilled.batches._spill is None  # the temporary files are gone with the run


def test_no_room_for_the_spill_reads_the_file_every_epoch(chile, monkeypatch):
    import shutil
    from collections import namedtuple

    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(shutil, "disk_usage", lambda _: usage(1 << 30, 1 << 30, 1 << 20))
    config = TrainConfig(epochs=3, seed=0)
    source = open_source(chile)
    fitted = fit_stream(source, config, chunk_rows=300)
    passes = _file_passes(monkeypatch)
    trainer = StreamTrainer(config, source, fitted, chunk_rows=300, buffer_rows=512)
    list(trainer.run())
    assert len(passes) == 3 and trainer.final_.stop_reason == "finished"
