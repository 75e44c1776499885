"""The score check: a formula training would refuse on its first batches is refused first,
in one sentence naming a logit where it fails; the usual scores pass."""

import numpy as np
import pytest

from attn_gui.core.config import ConfigError, TrainConfig
from attn_gui.core.formula import FormulaError, check_score, compile_formula
from attn_gui.core.formula.check import Z_LIMIT
from attn_gui.core.weighting import Weighting, WeightingError, WeightingSpec, validate_spec

ACCEPTED = [
    "exp(z) * 0.9**i", "exp(z)", "softplus(z)", "z**2 + 1", "1 + sigmoid(z)", "relu(z) + 0.001",
    "softplus(2*z) + sigmoid(z)*(n-i)", "exp(z) * 0.1**i", "exp(-z**2)", "cos(z) + 1",
    "sqrt(z**2 + 1)", "exp(z) * 0.9**i + 0.1", "2**z", "max(z, 0) + 1",
]
REFUSED = [
    ("log(z)", "'log(z)' gives -inf at z = 0;"),
    ("sin(z)", "'sin(z)' gives -0.8415 at z = -1;"),
    ("exp(1000*z)", "'exp(1000*z)' gives inf at z = 1;"),
    ("sqrt(z)", "gives nan at z = -1;"),
    ("1/z", "gives inf at z = 0;"),
    ("z - 10", "gives -10 at z = 0;"),
    ("exp(z) * (5 - i)", "gives -1 at z = 0 for feature i = 6 of n = 8;"),
    ("abs(z)**0.5 + 1", "the derivative of 'abs(z)**0.5 + 1' is nan at z = 0,"),
    ("relu(z)", "'relu(z)' scores every feature 0 at z = 0, so the weights are undefined"),
    ("z**2", "scores every feature 0 at z = 0"),
    ("exp(z) * 0", "scores every feature 0 at z = 0"),
]


@pytest.mark.parametrize("text", ACCEPTED)
def test_usual_scores_are_accepted(text):
    check_score(compile_formula(text))
    validate_spec(WeightingSpec(kind="custom", formula=text))


@pytest.mark.parametrize("text,fragment", REFUSED)
def test_unusable_scores_are_refused_naming_a_logit(text, fragment):
    with pytest.raises(FormulaError) as caught:
        check_score(compile_formula(text))
    message = str(caught.value)
    assert fragment in message and "\n" not in message
    with pytest.raises(WeightingError) as spec_error:
        validate_spec(WeightingSpec(kind="custom", formula=text))
    assert str(spec_error.value) == message
    with pytest.raises(ConfigError, match="at z = "):
        TrainConfig(weighting="custom", formula=text).validate()


@pytest.mark.parametrize("text", [t for t, _ in REFUSED])
def test_what_is_refused_training_would_refuse_at_the_named_logit(text):
    """The check and training judge alike: a row of logits where the check fails makes the
    float32 weighting training uses refuse too."""
    message = str(pytest.raises(FormulaError, check_score, compile_formula(text)).value)
    z = float(message.split("at z = ")[1].split()[0].rstrip(",;"))
    weighting = Weighting(WeightingSpec(kind="custom", formula=text), 8, np.float32)
    logits = np.full((1, 8), z, dtype=np.float32)
    with pytest.raises(WeightingError):
        weighting.vjp(logits, weighting.forward(logits), np.ones_like(logits))


@pytest.mark.parametrize("text", ACCEPTED)
def test_what_is_accepted_trains_on_logits_across_the_range(text):
    rng = np.random.default_rng(0)
    logits = rng.uniform(-Z_LIMIT, Z_LIMIT, size=(200, 8)).astype(np.float32)
    weighting = Weighting(WeightingSpec(kind="custom", formula=text), 8, np.float32)
    alpha = weighting.forward(logits)
    grad = weighting.vjp(logits, alpha, np.ones_like(logits) - alpha)
    assert np.isfinite(alpha).all() and np.isfinite(grad).all()
    np.testing.assert_allclose(alpha.sum(axis=1), 1.0, rtol=1e-4)
