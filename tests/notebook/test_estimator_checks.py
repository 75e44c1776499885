"""scikit-learn's own checks of the estimators (`check_estimator`), one test per check: with
the default settings, and with a group of runs and per-row attention."""

from __future__ import annotations

import pytest

pytest.importorskip("sklearn")

from sklearn.utils.estimator_checks import parametrize_with_checks  # noqa: E402

from attn_gui import AttentionClassifier, AttentionRegressor  # noqa: E402

# Few epochs keep the variant quick; each check still trains through the whole engine.
GROUP = {"epochs": 30, "repeats": 2, "attention": "row"}


@parametrize_with_checks([AttentionClassifier(), AttentionRegressor(),
                          AttentionClassifier(**GROUP), AttentionRegressor(**GROUP)])
def test_scikit_learn_check(estimator, check):
    check(estimator)
