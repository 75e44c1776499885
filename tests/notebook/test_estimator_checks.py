"""scikit-learn's own checks of the estimators, one test per check."""

from __future__ import annotations

import pytest

pytest.importorskip("sklearn")

from sklearn.utils.estimator_checks import parametrize_with_checks  # noqa: E402

from attn_gui import AttentionClassifier, AttentionRegressor  # noqa: E402

# Few epochs keep the ~50 checks quick; each still trains through the whole engine.
SMALL = {"epochs": 30}


@parametrize_with_checks([AttentionClassifier(**SMALL), AttentionRegressor(**SMALL)])
def test_scikit_learn_check(estimator, check):
    check(estimator)
