"""Repeats, folds, permutation importance, groups and agreement against SciPy and
scikit-learn on the same model."""

import numpy as np
import pytest
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform
from scipy.stats import pearsonr, rankdata, spearmanr
from sklearn.base import BaseEstimator, ClassifierMixin, RegressorMixin
from sklearn.inspection import permutation_importance

from attn_gui.core.config import TrainConfig
from attn_gui.core.groups import average_linkage, correlated_groups
from attn_gui.core.importance import agreement, encoded_sets, shuffle_rises, summary
from attn_gui.core.io import read_table
from attn_gui.core.options import ConfigError
from attn_gui.core.repeats import fold_rows, kfold, stability, summarise, train_runs
from attn_gui.core.stats import abs_spearman_matrix, pearson, ranks, spearman


def test_ranks_and_correlations_match_scipy():
    rng = np.random.default_rng(1)
    for _ in range(20):
        a = rng.integers(0, 5, 30).astype(float)  # many ties
        b = a + rng.normal(size=30)
        np.testing.assert_allclose(ranks(a), rankdata(a))
        assert pearson(a, b) == pytest.approx(pearsonr(a, b)[0], abs=1e-12)
        assert spearman(a, b) == pytest.approx(spearmanr(a, b)[0], abs=1e-12)
    assert pearson(np.ones(4), np.arange(4)) is None
    X = rng.normal(size=(50, 4))
    X[:, 1] = X[:, 0] ** 3 + 0.1 * rng.normal(size=50)
    np.testing.assert_allclose(abs_spearman_matrix(X), np.abs(spearmanr(X)[0]), atol=1e-12)


def test_average_linkage_matches_scipy():
    rng = np.random.default_rng(2)
    for trial in range(30):
        base = rng.normal(size=(200, 3))
        X = np.column_stack([base[:, i % 3] + rng.uniform(0.2, 1.5) * rng.normal(size=200)
                             for i in range(7)])
        S = abs_spearman_matrix(X)
        ours = average_linkage(S, 0.7)
        D = 1 - S
        np.fill_diagonal(D, 0)
        labels = fcluster(linkage(squareform(D, checks=False), "average"), 0.3, "distance")
        theirs = sorted(sorted(np.flatnonzero(labels == k).tolist()) for k in set(labels))
        assert ours == theirs, trial


def test_groups_put_every_column_in_one_group():
    rng = np.random.default_rng(3)
    x = rng.normal(size=300)
    X = np.column_stack([x, np.exp(x), rng.normal(size=300), rng.normal(size=300)])
    groups = correlated_groups(X, np.arange(4), 4)
    assert groups == [[0, 1], [2], [3]]


def test_folds_are_stratified_disjoint_and_cover_every_row():
    rng = np.random.default_rng(4)
    y = rng.choice(3, size=203, p=[0.6, 0.3, 0.1])
    usable = rng.random(203) > 0.05
    folds = kfold(y, usable, "classification", 5, rng)
    valid = np.concatenate([v for _, v in folds])
    assert sorted(valid.tolist()) == np.flatnonzero(usable).tolist()
    for train, v in folds:
        assert not set(train) & set(v)
        assert sorted([*train, *v]) == np.flatnonzero(usable).tolist()
        for c in range(3):
            share = np.sum(y[usable] == c) / 5
            assert abs(np.sum(y[v] == c) - share) <= 1
    sizes = [len(v) for _, v in folds]
    assert max(sizes) - min(sizes) <= 1
    folds = kfold(y.astype(float), usable, "regression", 4, rng)
    assert sorted(np.concatenate([v for _, v in folds]).tolist()) == np.flatnonzero(usable).tolist()


def test_too_many_folds_and_one_fold_are_refused(real_data):
    table = read_table(real_data / "penguins.csv")
    with pytest.raises(ConfigError):
        TrainConfig(cv=1).validate()
    with pytest.raises(Exception, match="rows of every class"):
        fold_rows(table, TrainConfig(target="species", cv=1000))


def test_stability_of_known_vectors():
    A = np.array([[0.5, 0.3, 0.2], [0.5, 0.3, 0.2], [0.2, 0.3, 0.5]])
    s = stability(A)
    rs = [pearsonr(A[i], A[j])[0] for i, j in ((0, 1), (0, 2), (1, 2))]
    assert s["pearson"] == pytest.approx(np.mean(rs))
    assert s["tv"] == pytest.approx((0 + 0.3 + 0.3) / 3)
    assert stability(A[:1]) is None


class _Wrapped(BaseEstimator):
    """The trained network as a scikit-learn estimator on the encoded validation matrix."""

    def __init__(self, model=None, info=None):
        self.model = model
        self.info = info

    def fit(self, X, y):
        return self


class _Classifier(ClassifierMixin, _Wrapped):
    def predict_proba(self, X):
        return self.model.predict_batches(X.astype(np.float32)).astype(np.float64)

    def predict(self, X):
        return self.predict_proba(X).argmax(axis=1)


class _Regressor(RegressorMixin, _Wrapped):
    def predict(self, X):
        out = self.model.predict_batches(X.astype(np.float32)).astype(np.float64)
        return out * self.info.std + self.info.mean


def _one_run(path, **settings):
    config = TrainConfig(epochs=30, **settings)
    return train_runs(read_table(path), config)[0]


@pytest.mark.parametrize("case", ["classification", "regression"])
def test_permutation_importance_matches_scikit_learn(real_data, case):
    if case == "classification":
        run = _one_run(real_data / "pima_tr2.csv", missing="median")
        est, scoring = _Classifier(run.trainer.model_, run.data.target_info), "neg_log_loss"
        y = run.data.y_valid
        est.classes_ = np.arange(len(run.data.classes))
    else:
        run = _one_run(real_data / "mroz.csv", target="income", features=["agew", "educw", "hoursw", "experience"])
        est, scoring = _Regressor(run.trainer.model_, run.data.target_info), "neg_mean_squared_error"
        info = run.data.target_info
        y = run.data.y_valid.astype(np.float64) * info.std + info.mean
    X = run.data.X_valid.astype(np.float64)
    assert np.array_equal(run.data.groups, np.arange(X.shape[1]))  # numeric: one column each
    ref = permutation_importance(est, X, y, scoring=scoring, n_repeats=5, random_state=7)
    seed = np.random.RandomState(7).randint(np.iinfo(np.int32).max + 1)
    sets = encoded_sets(run.data, [[c] for c in range(X.shape[1])])
    ours = summary(shuffle_rises(run.trainer.model_, run.data, sets, 5, seed))
    scale = max(1.0, float(np.abs(ref.importances_mean).max()))
    np.testing.assert_allclose([o["mean"] for o in ours], ref.importances_mean,
                               atol=1e-5 * scale)
    np.testing.assert_allclose([o["sd"] for o in ours], ref.importances_std, atol=1e-5 * scale)


def test_categorical_levels_are_shuffled_together(real_data):
    run = _one_run(real_data / "penguins.csv", target="sex")
    data = run.data
    island = data.features.index("island")
    cols = encoded_sets(data, [[island]])[0]
    assert len(cols) > 1
    rng = np.random.RandomState(5)
    idx = np.arange(len(data.X_valid))
    rng.shuffle(idx)
    shuffled = data.X_valid.copy()
    shuffled[:, cols] = data.X_valid[idx][:, cols]
    # a shuffled one-hot row still has exactly one level on: the levels moved together
    onehot = shuffled[:, cols]
    assert np.allclose(np.sort(onehot, axis=1), np.sort(data.X_valid[:, cols], axis=1)[idx])


def test_agreement_matches_scipy():
    rng = np.random.default_rng(6)
    a, b = rng.random(8), rng.random(8)
    got = agreement(a, b)
    assert got["pearson"] == pytest.approx(pearsonr(a, b)[0])
    assert got["spearman"] == pytest.approx(spearmanr(a, b)[0])
    top = len(set(np.argsort(-a)[:3]) & set(np.argsort(-b)[:3])) / 3
    assert got["top3"] == pytest.approx(top)


def test_repeats_summary_on_real_data(real_data):
    runs = train_runs(read_table(real_data / "chile.csv"), TrainConfig(epochs=20, repeats=3))
    assert [r.seed for r in runs] == [0, 1, 2]
    assert all(r.data is runs[0].data for r in runs)  # one split
    s = summarise(runs)
    assert sum(s["attention"].values()) == pytest.approx(1.0)
    assert -1 <= s["stability"]["pearson"] <= 1 and 0 <= s["stability"]["tv"] <= 1
    assert {k: set(v) for k, v in s["metrics_sd"].items()} == {
        k: set(v) for k, v in s["metrics"].items()}
    sd = np.std([[r.final.attention[f] for f in s["attention"]] for r in runs], axis=0, ddof=1)
    np.testing.assert_allclose(list(s["attention_sd"].values()), sd)


def test_the_group_generator_tags_every_report_and_train_runs_is_built_on_it(real_data):
    from attn_gui.core.repeats import curve_band, run_group
    from attn_gui.core.training import EpochReport, TrainingControl

    table = read_table(real_data / "penguins.csv")
    config = TrainConfig(epochs=4, patience=0, cv=3, repeats=2).validate()
    items = list(run_group(table, config))
    starts = [i for i in items if i.report is None]
    assert [(i.index, i.count, i.seed, i.fold) for i in starts] == [
        (1, 6, 0, 1), (2, 6, 1, 1), (3, 6, 0, 2), (4, 6, 1, 2), (5, 6, 0, 3), (6, 6, 1, 3)]
    ends = [i.run for i in items if i.run is not None]
    runs = train_runs(table, config)
    assert [r.final.attention for r in runs] == [r.final.attention for r in ends]
    epochs = [i for i in items if isinstance(i.report, EpochReport) and not i.report.final]
    assert [i.report.epoch for i in epochs if i.index == 3] == [1, 2, 3, 4]
    # a stop ends the run under way and the group
    control = TrainingControl()
    seen = []
    for item in run_group(table, config, control):
        seen.append(item)
        if item.index == 2 and item.report is not None:
            control.stop()
    assert max(i.index for i in seen) == 2 and seen[-1].run.final.stop_reason == "stopped"
    # the band of curves of different lengths: each epoch over the runs that reached it
    mean, sd = curve_band([{"k": [1.0, 2.0, 3.0]}, {"k": [3.0, 4.0]}], "k")
    np.testing.assert_allclose(mean, [2.0, 3.0, 3.0])
    np.testing.assert_allclose(sd, [np.sqrt(2), np.sqrt(2), 0.0])
