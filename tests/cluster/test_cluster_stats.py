"""The statistics pass on Dask's workers equals the single-process streamed pass over the
same rows: the split, counts, moments and level counts to 1e-9, and so the preprocessing
(every sample is exact below `SAMPLE_ROWS` rows; the benchmark checks a sampled one)."""

import numpy as np
import pandas as pd
import pytest

from attn_gui.core.cluster import fit_cluster, open_dask_source
from attn_gui.core.config import TrainConfig
from attn_gui.core.io.common import TableError
from attn_gui.core.stream import fit_stream, open_source
from tests.conftest import REAL
from tests.nested import assert_close

from .conftest import cut

CASES = [("penguins.csv", {}), ("seattle_weather.csv", {"scaling": "robust"}),
         ("chile.csv", {"outliers": "clip"}), ("mroz.csv", {"missing": "drop"}),
         ("pima_tr2.csv", {"outliers": "drop", "outlier_rule": "iqr"})]


def assert_same_stats(got, ref):
    a, b = got.stats, ref.stats
    for name in ("rows", "train_rows", "valid_rows", "kept", "counted"):
        assert getattr(a, name) == getattr(b, name), name
    for name in ("count", "mean", "m2", "low", "high"):
        np.testing.assert_allclose(getattr(a.moments, name), getattr(b.moments, name),
                                   rtol=1e-9, atol=1e-9, err_msg=name)
    assert {f: c.counts for f, c in a.levels.items()} == {f: c.counts for f, c in b.levels.items()}
    assert a.classes.counts == b.classes.counts
    assert a.kept_classes.counts == b.kept_classes.counts
    assert (got.target, got.features, got.task, got.positive) == \
        (ref.target, ref.features, ref.task, ref.positive)
    assert_close(got.preprocessor.to_dict(), ref.preprocessor.to_dict())


@pytest.mark.parametrize(("name", "spec"), CASES)
def test_statistics_from_a_folder_of_parts_equal_the_single_process_pass(
        client, tmp_path, name, spec):
    config = TrainConfig(seed=3, **spec)
    folder = cut(REAL / name, tmp_path / "parts", 4)
    source = open_dask_source(str(folder), block_bytes=2_000)
    assert len(source.files) == 4 and source.frame.npartitions >= 4
    assert_same_stats(fit_cluster(source, config, client),
                      fit_stream(open_source(REAL / name), config))


def test_a_glob_and_one_file_give_the_same_statistics(client, tmp_path):
    config = TrainConfig(seed=1)
    ref = fit_stream(open_source(REAL / "chile.csv"), config)
    cut(REAL / "chile.csv", tmp_path, 3)
    (tmp_path / "notes.txt").write_text("not data")
    for path in (str(tmp_path / "part*.csv"), str(REAL / "chile.csv")):
        source = open_dask_source(path, block_bytes=20_000)
        assert source.frame.npartitions > len(source.files)  # files cut in blocks
        assert_same_stats(fit_cluster(source, config, client), ref)


def test_parquet_parts_give_the_statistics_of_the_csv(client, tmp_path):
    frame = pd.read_csv(REAL / "penguins.csv")
    for i, part in enumerate(np.array_split(np.arange(len(frame)), 3)):
        frame.iloc[part].to_parquet(tmp_path / f"part{i}.parquet", index=False)
    config = TrainConfig(seed=2)
    got = fit_cluster(open_dask_source(str(tmp_path)), config, client)
    ref = fit_stream(open_source(REAL / "penguins.csv"), config)
    assert_same_stats(got, ref)


@pytest.mark.parametrize("path", ["missing/*.csv", "missing.csv"])
def test_no_data_to_read_is_one_sentence(tmp_path, path):
    with pytest.raises(TableError, match="no such file|no CSV or Parquet file matches"):
        open_dask_source(str(tmp_path / path))


def test_a_folder_mixing_csv_and_parquet_is_refused(tmp_path):
    (tmp_path / "a.parquet").write_bytes(b"")
    (tmp_path / "b.parquet").write_bytes(b"")
    with pytest.raises(TableError, match="no CSV or Parquet"):
        open_dask_source(str(tmp_path / "*.csv"))
    (tmp_path / "c.csv").write_text("a,b\n1,2\n")
    with pytest.raises(TableError, match="both CSV and Parquet"):
        open_dask_source(str(tmp_path / "*"))
