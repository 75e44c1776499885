"""Training from partitions prepared on Dask's workers: the reports, metrics and model file
of a streamed run on the same rows and seed (equal when the shuffle buffer holds the whole
file, or when the parts are cut as the chunks; nearly otherwise), and predictions
scored on the workers equal to the single-process ones."""

import numpy as np
import pandas as pd
import pytest

from attn_gui.core.cluster import ClusterTrainer, fit_cluster, open_dask_source, predict_cluster
from attn_gui.core.config import TrainConfig
from attn_gui.core.project import load_model, save_model, saved_model
from attn_gui.core.stream import StreamTrainer, fit_stream, open_source, predict_stream
from attn_gui.core.training import EpochReport
from tests.conftest import REAL

from .conftest import cut


def _metrics(trainer):
    return trainer.final_.train, trainer.final_.valid


def _runs(client, path, folder, config, buffer_rows, chunk_rows=400, block_bytes=30_000):
    source = open_source(path)
    single = StreamTrainer(config, source, fit_stream(source, config), chunk_rows=chunk_rows,
                           buffer_rows=buffer_rows)
    single_reports = list(single.run())
    parts = open_dask_source(str(folder), block_bytes=block_bytes)
    cluster = ClusterTrainer(config, parts, fit_cluster(parts, config, client), client,
                             buffer_rows=buffer_rows)
    cluster_reports = list(cluster.run())
    return single, single_reports, cluster, cluster_reports


@pytest.fixture(scope="module")
def chile_parts(tmp_path_factory):
    return cut(REAL / "chile.csv", tmp_path_factory.mktemp("chile"), 3)


def test_a_buffer_holding_every_row_trains_as_the_streamed_run(client, chile_parts):
    config = TrainConfig(epochs=3, seed=5)
    single, single_reports, cluster, cluster_reports = _runs(
        client, REAL / "chile.csv", chile_parts, config, buffer_rows=100_000)
    epochs = [r for r in cluster_reports if isinstance(r, EpochReport)]
    assert [r.epoch for r in epochs] == [r.epoch for r in single_reports
                                         if isinstance(r, EpochReport)]
    for got, ref in zip(_metrics(cluster), _metrics(single), strict=True):
        for key, value in ref.items():
            if isinstance(value, float):
                assert got[key] == pytest.approx(value, abs=1e-9), key
    X = single.data.X_valid
    np.testing.assert_array_equal(cluster.data.X_valid, X)
    np.testing.assert_allclose(cluster.model_.attention(X), single.model_.attention(X),
                               atol=1e-6)


def test_parts_cut_as_the_chunks_train_exactly_as_the_streamed_run(client, chile_parts):
    # 3 files of 900 rows, one partition each, against chunks of 900 rows: the shuffle
    # buffer (smaller than a part) receives the same parts, so the same batches
    config = TrainConfig(epochs=3, seed=2)
    single, _, cluster, _ = _runs(client, REAL / "chile.csv", chile_parts, config,
                                  buffer_rows=600, chunk_rows=900, block_bytes=1 << 20)
    for got, ref in zip(_metrics(cluster), _metrics(single), strict=True):
        for key, value in ref.items():
            if isinstance(value, float):
                assert got[key] == pytest.approx(value, abs=1e-9), key


@pytest.mark.parametrize(("name", "config", "key"), [
    ("chile.csv", TrainConfig(epochs=4, seed=2), "f1"),
    ("seattle_weather.csv", TrainConfig(epochs=4, seed=1, task="regression",
                                        target="temp_max"), "r2"),
])
def test_parts_cut_otherwise_give_nearly_the_same_metrics(client, tmp_path, name, config,
                                                          key):
    # parts of other sizes than the chunks reach the buffer in other groups: other batches,
    # as another shuffle seed would give (measured on about 540 and 290 validation rows:
    # valid f1 0.0056 and r2 0.0017 apart; the benchmark's 2M rows are within 0.005)
    folder = cut(REAL / name, tmp_path, 3)
    single, _, cluster, _ = _runs(client, REAL / name, folder, config, buffer_rows=600)
    for got, ref in zip(_metrics(cluster), _metrics(single), strict=True):
        assert abs(got[key] - ref[key]) <= 0.02, (key, got[key], ref[key])


def test_the_model_file_and_predictions_scored_on_the_workers(client, chile_parts, tmp_path):
    config = TrainConfig(epochs=2, seed=0)
    parts = open_dask_source(str(chile_parts / "*.csv"), block_bytes=30_000)
    trainer = ClusterTrainer(config, parts, fit_cluster(parts, config, client), client)
    list(trainer.run())
    model = tmp_path / "model.attn"
    save_model(model, saved_model(config, trainer.data, trainer, trainer.final_,
                                  parts.files[0]))
    saved = load_model(model)
    result = predict_cluster(saved, parts, tmp_path / "dask.csv", client)
    single = predict_stream(saved, open_source(REAL / "chile.csv"), tmp_path / "single.csv")
    assert result.rows == single.rows == 2700
    assert result.report == single.report
    got, ref = pd.read_csv(tmp_path / "dask.csv"), pd.read_csv(tmp_path / "single.csv")
    assert list(got.columns) == list(ref.columns)
    for column in ref.columns:
        if ref[column].dtype.kind == "f":
            # float32 outputs: BLAS may round the last bit differently per batch size
            np.testing.assert_allclose(got[column], ref[column], rtol=1e-6, atol=1e-7)
        else:
            assert got[column].equals(ref[column]), column
    for key, value in single.metrics.items():
        assert result.metrics[key] == pytest.approx(value, abs=1e-6), key
    assert not list(tmp_path.glob(".predict-*"))
