"""Every weighting function and both attention modes: backward = central finite differences."""

import math

import numpy as np
import pytest

from attn_gui.core.model import AttentionNet, NetSpec
from attn_gui.core.weighting import Weighting, WeightingSpec

SPECS = {
    "softmax": WeightingSpec("softmax"),
    "softmax_T0.5": WeightingSpec("softmax", temperature=0.5),
    "exponential_b3": WeightingSpec("exponential", base=3.0),
    "linear_softplus": WeightingSpec("linear"),
    "linear_relu": WeightingSpec("linear", linear_score="relu"),
    "sparsemax": WeightingSpec("sparsemax"),
    "decay_softmax": WeightingSpec("softmax", decay=0.8),
    "decay_sparsemax": WeightingSpec("sparsemax", decay=0.9),
    "custom": WeightingSpec("custom", formula="exp(z) * 0.9**i + 0.1"),
    "custom_softplus": WeightingSpec("custom", formula="softplus(2*z) + sigmoid(z)*(n-i)"),
}


def _fd_check(f, params: dict, grads: dict, eps=1e-6, tol=1e-6):
    for name, p in params.items():
        it = np.nditer(p, flags=["multi_index"])
        num = np.zeros_like(p)
        for _ in it:
            i = it.multi_index
            old = p[i]
            p[i] = old + eps
            up = f()
            p[i] = old - eps
            down = f()
            p[i] = old
            num[i] = (up - down) / (2 * eps)
        err = np.linalg.norm(num - grads[name]) / max(np.linalg.norm(num) + np.linalg.norm(grads[name]), 1e-12)
        assert err < tol, f"{name}: relative error {err:.2e}"


@pytest.mark.parametrize("name", list(SPECS))
def test_weighting_vjp_matches_finite_differences(name):
    rng = np.random.default_rng(1)
    w = Weighting(SPECS[name], 6)
    z = rng.normal(size=(4, 6))
    g = rng.normal(size=(4, 6))
    alpha = w.forward(z)
    assert np.allclose(alpha.sum(axis=1), 1) and (alpha >= 0).all()
    dz = w.vjp(z, alpha, g)
    _fd_check(lambda: float(np.sum(w.forward(z) * g)), {"z": z}, {"z": dz})


@pytest.mark.parametrize("attention", ["global", "row", "row_hidden", "off"])
@pytest.mark.parametrize("name", list(SPECS))
@pytest.mark.parametrize("task", ["classification", "regression"])
def test_network_gradients(attention, name, task):
    if attention == "off" and name != "softmax":
        pytest.skip("the weighting is unused without attention")
    rng = np.random.default_rng(7)
    d, n = 5, 9
    n_out = 3 if task == "classification" else 1
    # Columns 1-2 are one one-hot encoded input column: they share one attention weight.
    # row_hidden: per-row logits from a tanh layer of 3 units; row: the linear scorer.
    spec = NetSpec(d, n_out, task, attention=attention.removesuffix("_hidden"), hidden=(4,),
                   activation="tanh", weighting=SPECS[name], groups=(0, 1, 1, 2, 3),
                   attention_hidden=3 if attention == "row_hidden" else 0)
    net = AttentionNet(spec, dtype=np.float64).init(rng)
    # Away from the near-zero first layer and the uniform point where training starts, so
    # every term of the gradient is of a size finite differences resolve.
    net.params["W0"][:] = rng.normal(size=net.params["W0"].shape)
    if attention == "global":
        net.params["att_a"][:] = rng.normal(size=4)
    if attention == "row_hidden":
        net.params["att_W"][:] = rng.normal(size=net.params["att_W"].shape)
    X = rng.normal(size=(n, d))
    y = rng.integers(0, 3, n) if task == "classification" else rng.normal(size=n)
    sw = rng.uniform(0.5, 2, n)
    entropy = 0.0 if "sparsemax" in name else 0.05
    loss, grads, _ = net.loss_and_grads(X, y, sw, l2=0.01, entropy=entropy)
    assert set(grads) == set(net.params)
    _fd_check(lambda: net.loss_and_grads(X, y, sw, l2=0.01, entropy=entropy)[0], net.params, grads)


def test_relu_head_gradients():
    rng = np.random.default_rng(3)
    spec = NetSpec(4, 2, "classification", attention="row", hidden=(6, 5), activation="relu")
    net = AttentionNet(spec, dtype=np.float64).init(rng)
    net.params["W0"][:] = rng.normal(size=net.params["W0"].shape)
    X, y = rng.normal(size=(8, 4)), rng.integers(0, 2, 8)
    _, grads, _ = net.loss_and_grads(X, y)
    _fd_check(lambda: net.loss_and_grads(X, y)[0], net.params, grads)


def test_softmax_reference_values():
    from attn_gui.core.weighting import preview

    np.testing.assert_allclose(preview(WeightingSpec("softmax"), [1, 2, 3]),
                               [0.0900, 0.2447, 0.6652], atol=5e-5)


def test_exponential_equals_softmax_with_temperature():
    z = np.array([[0.3, -1.0, 2.0]])
    b = 2.5
    a = Weighting(WeightingSpec("exponential", base=b), 3).forward(z)
    s = Weighting(WeightingSpec("softmax", temperature=1 / math.log(b)), 3).forward(z)
    np.testing.assert_allclose(a, s)
    np.testing.assert_allclose(a[0], b ** z[0] / np.sum(b ** z[0]))


def test_sparsemax_gives_exact_zeros_and_projection():
    from attn_gui.core.weighting import sparsemax

    p = sparsemax(np.array([[3.0, 1.0, -2.0], [0.1, 0.2, 0.15]]))
    assert p[0].tolist() == [1.0, 0.0, 0.0]
    np.testing.assert_allclose(p.sum(axis=1), 1)
    assert (p[1] > 0).all()


def test_positional_decay_multiplies_scores():
    z = np.zeros((1, 4))
    a = Weighting(WeightingSpec("softmax", decay=0.5), 4).forward(z)[0]
    np.testing.assert_allclose(a, 0.5 ** np.arange(4) / np.sum(0.5 ** np.arange(4)))


def test_uniform_attention_leaves_input_unchanged():
    spec = NetSpec(3, 2, "classification", attention="global", hidden=())
    net = AttentionNet(spec, dtype=np.float64).init(np.random.default_rng(0))
    X = np.arange(6.0).reshape(2, 3)
    _, cache = net.forward(X)
    off = AttentionNet(NetSpec(3, 2, "classification", attention="off", hidden=()), np.float64)
    off.params = {k: v for k, v in net.params.items() if not k.startswith("att")}
    np.testing.assert_allclose(net.forward(X)[0], off.forward(X)[0])
