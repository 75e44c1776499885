"""The streamed statistics pass learns the preprocessing the in-memory fit learns from the
same training rows: exact statistics to 1e-9, sketched ones within the reservoir's stated
rank error; the split and the statistics do not depend on how the file is cut."""

from dataclasses import replace

import numpy as np
import pytest

from attn_gui.core.config import TrainConfig
from attn_gui.core.io import read_table
from attn_gui.core.preprocess import Preprocessor
from attn_gui.core.stream import (
    FileStats,
    LevelCounts,
    Moments,
    Reservoir,
    fit_stream,
    open_source,
    plan_for,
    validation_rows,
)
from attn_gui.core.stream.sketch import rank_error
from tests.nested import assert_close


def _in_memory(path, config):
    """The in-memory fit on the training rows the streamed split chooses."""
    source = open_source(path)
    plan = plan_for(source, config)
    table = read_table(path)
    valid = validation_rows(0, table.n_rows, config.seed, config.valid_fraction)
    rows = np.flatnonzero(plan.usable(table.frame) & ~valid)
    kinds = {f: table.info(f).kind for f in plan.features}
    return Preprocessor(config.preprocess_spec()).fit(
        table.frame, plan.features, kinds, plan.words, rows=rows, orders=plan.orders)


SPECS = [dict(), dict(scaling="robust", missing="mean"), dict(scaling="minmax", missing="drop"),
         dict(outliers="clip"), dict(outliers="drop", outlier_rule="iqr", scaling="robust"),
         dict(missing="most_frequent", outliers="drop")]


@pytest.mark.parametrize("name", ["pima_tr2.csv", "seattle_weather.csv", "penguins.csv",
                                  "chile.csv"])
@pytest.mark.parametrize("spec", SPECS)
def test_streamed_preprocessing_equals_the_in_memory_fit(real_data, name, spec):
    config = TrainConfig(**spec, seed=4)
    fitted = fit_stream(open_source(real_data / name), config, chunk_rows=97)
    assert_close(fitted.preprocessor.to_dict(), _in_memory(real_data / name, config).to_dict())


def test_moments_are_exact_and_merge():
    rng = np.random.default_rng(0)
    values = rng.normal(5, 3, (1000, 3))
    values[rng.random(values.shape) < 0.1] = np.nan
    whole, a, b = Moments(3), Moments(3), Moments(3)
    for part in np.array_split(values, 7):
        whole.update(part)
    a.update(values[:400])
    b.update(values[400:])
    a.merge(b)
    for m in (whole, a):
        np.testing.assert_allclose(m.mean, np.nanmean(values, axis=0), rtol=1e-12)
        np.testing.assert_allclose(m.std(), np.nanstd(values, axis=0), rtol=1e-12)
        np.testing.assert_array_equal(m.low, np.nanmin(values, axis=0))


def test_reservoir_quantiles_within_the_stated_rank_error():
    rng = np.random.default_rng(1)
    values = rng.lognormal(size=200_000)
    capacity = 5_000
    sample = Reservoir(1, capacity, seed=3)
    for part in np.array_split(values, 37):
        sample.update(part[:, None])
    assert sample.seen == len(values) and len(sample.rows) == capacity
    ordered = np.sort(values)
    for q in (0.25, 0.5, 0.75):
        estimate = np.percentile(sample.column(0), 100 * q)
        rank = np.searchsorted(ordered, estimate) / len(values)
        assert abs(rank - q) <= rank_error(capacity)


def test_reservoir_merge_keeps_every_row_while_they_fit():
    a, b = Reservoir(1, 100), Reservoir(1, 100)
    a.update(np.arange(30.0)[:, None])
    b.update(np.arange(30.0, 70.0)[:, None])
    a.merge(b)
    assert sorted(a.column(0)) == list(np.arange(70.0))


def test_level_counts_merge():
    a, b = LevelCounts(), LevelCounts()
    a.update(np.array(["x", "y", None], dtype=object))
    b.update(np.array(["x", "x"], dtype=object))
    a.merge(b)
    assert (a.counts, a.missing, a.rows) == ({"x": 3, "y": 1}, 1, 5)


def test_the_split_is_the_same_for_every_chunk_size(real_data):
    path = real_data / "chile.csv"
    config = TrainConfig(seed=7)
    fits = [fit_stream(open_source(path), config, chunk_rows=n) for n in (50, 333, 100_000)]
    counts = {(f.stats.train_rows, f.stats.valid_rows, f.stats.kept) for f in fits}
    assert len(counts) == 1
    for f in fits[1:]:
        assert_close(f.preprocessor.to_dict(), fits[0].preprocessor.to_dict())
    whole = validation_rows(0, 1000, 7, 0.2)
    cut = np.concatenate([validation_rows(s, 100, 7, 0.2) for s in range(0, 1000, 100)])
    np.testing.assert_array_equal(whole, cut)


def test_two_halves_merged_equal_one_pass(real_data):
    source = open_source(real_data / "penguins.csv")
    plan = plan_for(source, TrainConfig(seed=2))
    one, first, second = FileStats(plan), FileStats(plan), FileStats(plan)
    for chunk in source.chunks(40):
        one.update(chunk.start, chunk.frame)
        (first if chunk.start < 160 else second).update(chunk.start, chunk.frame)
    first.merge(second)
    assert (first.rows, first.train_rows, first.valid_rows, first.kept) == \
        (one.rows, one.train_rows, one.valid_rows, one.kept)
    np.testing.assert_allclose(first.moments.mean, one.moments.mean, rtol=1e-12)
    np.testing.assert_allclose(first.moments.m2, one.moments.m2, rtol=1e-9)
    assert {f: c.counts for f, c in first.levels.items()} == \
        {f: c.counts for f, c in one.levels.items()}
    assert_close(first.preprocessor().to_dict(), one.preprocessor().to_dict())


def test_sketched_median_within_the_rank_error(real_data):
    """With fewer sample rows than training rows the fill is the sample's median: its rank
    among the training values is within the reservoir's rank error."""
    path = real_data / "chile.csv"
    config = TrainConfig(seed=1)
    source = open_source(path)
    plan = replace(plan_for(source, config), capacity=400)
    stats = FileStats(plan)
    for chunk in source.chunks(250):
        stats.update(chunk.start, chunk.frame)
    pre = stats.preprocessor()
    exact = _in_memory(path, config)
    table = read_table(path)
    valid = validation_rows(0, table.n_rows, 1, config.valid_fraction)
    rows = np.flatnonzero(plan.usable(table.frame) & ~valid)
    for f in plan.numeric:
        raw = table.frame[f].to_numpy(dtype=float)[rows]
        values = np.sort(raw[~np.isnan(raw)])
        rank = np.searchsorted(values, pre.steps[f].fill, side="right") / len(values)
        low = np.searchsorted(values, pre.steps[f].fill, side="left") / len(values)
        assert low - rank_error(400) <= 0.5 <= rank + rank_error(400), f
        if len(values) == len(raw):  # else the mean counts each missing value as the fill
            assert pre.steps[f].center == pytest.approx(exact.steps[f].center, rel=1e-9)
