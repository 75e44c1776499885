"""The INVASE synthetic data of `python -m benchmarks syn` and its scores of attention."""

import numpy as np
import pytest
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

from benchmarks import syn

# f(x) written out again from the paper, columns 1-based as there: P(y = 1) = 1 / (1 + e^f)
F = {
    "Syn1": lambda x1, x2, x3, x4, x5, x6, x7, x8, x9, x10, x11: x1 * x2,
    "Syn2": lambda x1, x2, x3, x4, x5, x6, x7, x8, x9, x10, x11: x3**2 + x4**2 + x5**2 + x6**2 - 4,
    "Syn3": lambda x1, x2, x3, x4, x5, x6, x7, x8, x9, x10, x11: (
        -10 * np.sin(0.2 * x7) + abs(x8) + x9 + np.exp(-x10) - 2.4),
}
SWITCHED = {"Syn4": ("Syn1", "Syn2"), "Syn5": ("Syn1", "Syn3"), "Syn6": ("Syn2", "Syn3")}
RELEVANT = {"Syn1": {1, 2}, "Syn2": {3, 4, 5, 6}, "Syn3": {7, 8, 9, 10}}


def expected_f(name, X):
    columns = list(X.T)
    if name in F:
        return F[name](*columns)
    below, above = SWITCHED[name]
    return np.where(X[:, 10] < 0, F[below](*columns), F[above](*columns))


def expected_mask(name, x):
    """The relevant 1-based columns of one row."""
    if name in RELEVANT:
        return RELEVANT[name]
    below, above = SWITCHED[name]
    return RELEVANT[below if x[10] < 0 else above] | {11}


@pytest.mark.parametrize("name", syn.NAMES)
def test_rows_probabilities_and_masks_follow_the_definitions(name):
    data = syn.generate(name, 400, seed=3)
    assert data.X.shape == data.mask.shape == (400, 11)
    assert data.p.shape == data.y.shape == (400,)
    assert set(np.unique(data.y)) <= {0, 1}
    np.testing.assert_allclose(data.p, 1 / (1 + np.exp(expected_f(name, data.X))), rtol=1e-9)
    for x, mask in zip(data.X, data.mask, strict=True):
        assert set(np.flatnonzero(mask) + 1) == expected_mask(name, x)


def test_features_are_standard_normal_and_the_test_rows_differ_from_the_training_rows():
    train, test = syn.splits("Syn4", seed=0)
    assert train.X.shape == test.X.shape == (syn.TRAIN_ROWS, 11)
    assert np.abs(train.X.mean(axis=0)).max() < 0.05
    assert np.abs(train.X.std(axis=0) - 1).max() < 0.05
    assert not np.allclose(train.X[:10], test.X[:10])
    again, _ = syn.splits("Syn4", seed=0)
    np.testing.assert_array_equal(train.y, again.y)


def test_labels_are_drawn_with_probability_one_over_one_plus_e_to_the_f():
    data = syn.generate("Syn1", 40_000, seed=1)
    f = data.X[:, 0] * data.X[:, 1]
    # the Bayes AUC two ways: from the probabilities, and from −f (they rank rows alike)
    assert roc_auc_score(data.y, data.p) == pytest.approx(roc_auc_score(data.y, -f), abs=1e-12)
    # y against f: a logistic regression finds slope −1 and intercept 0 (the sign as written)
    fit = LogisticRegression(C=1e6).fit(f[:, None], data.y)
    assert fit.coef_[0, 0] == pytest.approx(-1.0, abs=0.06)
    assert fit.intercept_[0] == pytest.approx(0.0, abs=0.04)


def test_top_k_scores_count_ties_against_the_truth():
    mask = np.array([[True, True, False, False], [False, True, True, True]])
    perfect = np.array([[0.4, 0.3, 0.2, 0.1], [0.1, 0.3, 0.3, 0.3]])
    assert syn.row_topk(perfect, mask) == (1.0, 0.0)
    assert syn.row_auroc(perfect, mask) == 1.0
    uniform = np.full(4, 0.25)
    tpr, fdr = syn.row_topk(uniform, mask)
    assert tpr == pytest.approx(0.5 * (0 / 2 + 2 / 3)) and fdr == pytest.approx(1 - tpr)
    assert syn.row_auroc(uniform, mask) == 0.5
    # global: k = 2 columns relevant in the first row; the weights rank them first, or last
    assert syn.global_topk_tpr(np.array([0.3, 0.4, 0.1, 0.2]), mask[:1]) == 1.0
    assert syn.global_topk_tpr(np.array([0.1, 0.2, 0.3, 0.4]), mask[:1]) == 0.0
    assert syn.global_topk_tpr(np.array([0.4, 0.3, 0.3, 0.2]), mask[:1]) == 0.5


def test_row_auroc_is_the_mean_of_sklearns_over_rows_with_both_kinds():
    rng = np.random.default_rng(0)
    alpha = rng.random((50, 11)).round(1)  # rounded, so ties occur
    mask = rng.random((50, 11)) < 0.4
    mask[0], mask[1] = True, False  # rows without both kinds are left out
    mixed = mask.any(axis=1) & ~mask.all(axis=1)
    expected = np.mean([roc_auc_score(m, a) for a, m in zip(alpha[mixed], mask[mixed],
                                                            strict=True)])
    assert syn.row_auroc(alpha, mask) == pytest.approx(expected)


@pytest.mark.parametrize("settings", ["TUNED", "TUNED_ROW"])
def test_the_flags_of_the_tuned_settings_are_the_command_lines(settings):
    from attn_gui.cli import build_parser, config_from_args

    tuned = getattr(syn, settings)
    args = build_parser().parse_args(["train", "x.csv", *syn.flags(tuned).split()])
    config = config_from_args(args)
    for key, value in tuned.items():
        assert getattr(config, key) == value
