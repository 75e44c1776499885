"""The feature-attention network: attention over input columns, then an MLP head.

    z      = a (global: one logit per column)    or   tanh(X V + c) W_a + b_a (per row)
    alpha  = g(z)                                 on the simplex over the m input columns
    X~     = m · alpha[group] ⊙ X                 (uniform alpha leaves X unchanged)
    output = MLP(X~)                              softmax (classes) or linear (regression)

A categorical column one-hot encoded into k columns shares one weight: the
attention answers "which columns matter", and a column with many levels gets
no head start from its number of encoded columns.

Everything is explicit NumPy so every gradient can be checked against finite
differences (tests/core/test_gradients.py).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .reductions import column_sums, row_max, row_sums
from .weighting import Weighting, WeightingSpec

ATTENTION_MODES = ("global", "row", "off")
ACTIVATIONS = ("relu", "tanh")
# The first layer starts near zero, a thousandth of He's scale. From He's scale a column's
# attention follows whether its random first-layer weights happen to point somewhere useful
# (the gradient of a column's weight is the product of its first-layer weights and their
# gradient), and what the data cannot tell apart, such as two correlated columns, keeps
# that random start: two seeds gave uncorrelated attention on the same rows. From near
# zero the first layer grows along the data's gradient, and attention with it.
FIRST_LAYER_SCALE = 1e-3


@dataclass(frozen=True)
class NetSpec:
    n_features: int  # encoded columns the head sees
    n_outputs: int  # classes, or 1 for regression
    task: str  # "classification" | "regression"
    attention: str = "global"
    hidden: tuple[int, ...] = (32,)
    activation: str = "relu"
    weighting: WeightingSpec = WeightingSpec()
    groups: tuple[int, ...] | None = None  # input column of each encoded column; None: one each
    # Per-row attention: units of the tanh layer that scores each row; 0 is the linear
    # scorer z = X W_a + b_a of models saved before it (model version 1).
    attention_hidden: int = 0

    @property
    def n_columns(self) -> int:
        return self.n_features if self.groups is None else max(self.groups) + 1

    def group_array(self) -> np.ndarray:
        if self.groups is None:
            return np.arange(self.n_features)
        return np.asarray(self.groups, dtype=np.int64)


class AttentionNet:
    def __init__(self, spec: NetSpec, dtype=np.float32):
        self.spec = spec
        self.dtype = np.dtype(dtype)
        self.n_columns = spec.n_columns
        self.n_layers = len(spec.hidden) + 1
        self._weight_names = [f"W{k}" for k in range(self.n_layers)]
        self.weighting = Weighting(spec.weighting, self.n_columns, self.dtype)
        self.groups = spec.group_array()
        # Sums encoded-column gradients back to their input column (D × m, 0/1); None when
        # every column is its own group, the common all-numeric case, to skip the work.
        identity = np.array_equal(self.groups, np.arange(spec.n_features))
        self.group_matrix = None if identity else np.eye(self.n_columns, dtype=self.dtype)[self.groups]
        self.params: dict[str, np.ndarray] = {}
        self._starts: dict[tuple[int, int], np.ndarray] = {}

    # -- parameters --------------------------------------------------------
    def init(self, rng: np.random.Generator) -> AttentionNet:
        p: dict[str, np.ndarray] = {}
        for name, shape in param_shapes(self.spec).items():
            if name == "att_W":
                # Small weights: attention starts near uniform, so the head sees X first.
                p[name] = rng.normal(0.0, 0.01, size=shape)
            elif name == "att_V":
                p[name] = rng.normal(0.0, np.sqrt(1.0 / shape[0]), size=shape)
            elif name.startswith("W"):
                k = int(name[1:])
                gain = 2.0 if self.spec.activation == "relu" and k < self.n_layers - 1 else 1.0
                std = np.sqrt(gain / shape[0]) * (FIRST_LAYER_SCALE if k == 0 else 1.0)
                p[name] = rng.normal(0.0, std, size=shape)
            else:
                p[name] = np.zeros(shape)  # biases, and global logits: uniform attention
        self.params = {k: v.astype(self.dtype) for k, v in p.items()}
        return self

    def weight_names(self) -> list[str]:
        """Parameters that L2 regularisation shrinks (weight matrices of the head)."""
        return self._weight_names

    # -- forward -----------------------------------------------------------
    def attention_logits(self, X: np.ndarray, cache: dict | None = None) -> np.ndarray | None:
        """z for the rows of X; `cache` keeps what the backward pass needs."""
        mode = self.spec.attention
        if mode == "global":
            return self.params["att_a"][None, :]
        if mode == "row":
            t = self._row_hidden(X)
            if cache is not None:
                cache["att_hidden"] = t
            z = t @ self.params["att_W"]
            z += self.params["att_b"]
            return z
        return None

    def _row_hidden(self, X: np.ndarray) -> np.ndarray:
        """What the per-row scorer's last layer reads: X itself for the linear scorer.

        A linear scorer cannot say "x1 matters where x11 < 0": every column's logit moves
        with every input the same way in every row. One tanh layer lets the weights switch
        with the row (INVASE's Syn4–6, benchmarks/syn.py)."""
        if not self.spec.attention_hidden:
            return X
        t = X @ self.params["att_V"]
        t += self.params["att_c"]
        return np.tanh(t, out=t)

    def attention(self, X: np.ndarray) -> np.ndarray:
        """Weights per input column and row (rows × m); one shared row for global; uniform off."""
        z = self.attention_logits(X)
        if z is None:
            m = self.n_columns
            return np.full((1, m), 1.0 / m, dtype=self.dtype)
        return self.weighting.forward(z)

    def forward(self, X: np.ndarray) -> tuple[np.ndarray, dict]:
        """Output (probabilities or predictions in standardised units) and the cache."""
        cache: dict = {"X": X}
        z = self.attention_logits(X, cache)
        W0 = self.params["W0"]
        if z is not None:
            alpha, saved = self.weighting.forward_saving(z)
            expanded = alpha if self.group_matrix is None else alpha[:, self.groups]
            scale = self.n_columns * expanded
            cache.update(z=z, alpha=alpha, scale=scale, saved=saved)
            if self.spec.attention == "global":
                # (X·s) W0 = X (s W0): scaling W0's rows costs D×H, not the batch's N×D,
                # and the backward pass then needs no N×H×D product for ds.
                W0 = W0 * scale.T
                h = X
            else:
                h = X * scale
        else:
            h = X
        acts, masks = [h], []
        for k in range(self.n_layers):
            # Each layer's product is a fresh array, so bias and activation go in place.
            h = h @ (W0 if k == 0 else self.params[f"W{k}"])
            h += self.params[f"b{k}"]
            if k < self.n_layers - 1:
                acts.append(self._activate(h, masks))
        cache.update(acts=acts, masks=masks)
        out = _softmax(h) if self.spec.task == "classification" else h[:, 0]
        return out, cache

    def _activate(self, h: np.ndarray, masks: list) -> np.ndarray:
        """The hidden activation in place; ReLU keeps its mask for the backward pass."""
        if self.spec.activation != "relu":
            return np.tanh(h, out=h)
        # h·(h > 0) is ReLU (NaN stays NaN, as with maximum) at a third of np.maximum's cost
        # on a batch, and the mask is the backward pass's as well.
        mask = h > 0
        masks.append(mask)
        return np.multiply(h, mask, out=h)

    # -- loss and backward -------------------------------------------------
    def loss_and_grads(
        self,
        X: np.ndarray,
        y: np.ndarray,
        sample_weight: np.ndarray | None = None,
        l2: float = 0.0,
        entropy: float = 0.0,
        grads: dict[str, np.ndarray] | None = None,
    ) -> tuple[float, dict[str, np.ndarray], np.ndarray]:
        """Mean loss over the batch plus penalties, its gradient for every parameter, the output.

        `grads`: arrays shaped like the parameters to write the gradients into (the
        optimiser's flat vector, so a step copies nothing); new ones when None."""
        if grads is None:
            grads = {name: np.empty_like(p) for name, p in self.params.items()}
        out, cache = self.forward(X)
        loss, dout = self._loss(out, y, sample_weight)
        if l2:
            for name in self.weight_names():
                W = self.params[name]
                loss += 0.5 * l2 * float(np.vdot(W, W))
        dscale = self._head_backward(cache, dout.astype(self.dtype, copy=False), l2, grads)
        if dscale is not None:
            loss += self._attention_backward(cache, dscale, entropy, grads)
        return loss, grads, out

    def _loss(self, out: np.ndarray, y: np.ndarray, w: np.ndarray | None
              ) -> tuple[float, np.ndarray]:
        """The mean loss of a batch and its gradient with respect to the output."""
        n = len(out)
        if self.spec.task == "classification":
            # Each row's true class as one index into the flattened output: a 1-D gather
            # and scatter cost half what indexing by (row, class) pairs does.
            truth = self._row_starts(n, out.shape[1]) + y
            logp = out.reshape(-1)[truth]  # a fresh array: the logs go in place
            np.log(np.maximum(logp, 1e-12, out=logp), out=logp)
            loss = float(-logp.sum() / n if w is None else -np.dot(w, logp) / n)
            dout = out.copy()
            dout.reshape(-1)[truth] -= 1
            dout *= 1.0 / n if w is None else (w / n)[:, None]
            return loss, dout
        err = out - y
        loss = float(np.dot(err, err) / n if w is None else np.dot(w, err * err) / n)
        return loss, (2.0 * err / n if w is None else 2.0 * w * err / n)[:, None]

    def _row_starts(self, n: int, width: int) -> np.ndarray:
        """0, width, 2·width, …: where each of n rows starts in a flattened (n × width) array;
        made once per batch size."""
        starts = self._starts.get((n, width))
        if starts is None:
            starts = self._starts[(n, width)] = np.arange(n) * width
            starts.flags.writeable = False
        return starts

    def _head_backward(self, cache: dict, delta: np.ndarray, l2: float,
                       grads: dict) -> np.ndarray | None:
        """Gradients of the head's layers into `grads`; returns d loss / d s, the attention
        scale's gradient (None without attention)."""
        acts, masks = cache["acts"], cache["masks"]
        attention = self.spec.attention if "alpha" in cache else "off"
        dscale = None
        for k in reversed(range(self.n_layers)):
            W = self.params[f"W{k}"]
            G = np.matmul(acts[k].T, delta, out=grads[f"W{k}"])
            if k == 0 and attention == "global":
                dscale = row_sums(G * W).T  # d loss / d s, s scaling W0's rows
                G *= cache["scale"].T
            if l2:
                G += l2 * W
            column_sums(delta, out=grads[f"b{k}"])
            if k == 0:
                break
            delta = delta @ W.T
            if self.spec.activation == "relu":
                np.multiply(delta, masks[k - 1], out=delta)
            else:
                a = acts[k]
                delta *= 1 - a * a
        if attention == "row":
            dscale = delta @ W.T
            dscale *= cache["X"]
        return dscale

    def _attention_backward(self, cache: dict, dscale: np.ndarray, entropy: float,
                            grads: dict) -> float:
        """Gradient from s = m·alpha[group] into the attention parameters; returns the entropy
        penalty. `dscale` is d loss / d s: one row for global attention, one per row else."""
        X, z, alpha = cache["X"], cache["z"], cache["alpha"]
        dalpha = dscale
        if self.group_matrix is not None:
            dalpha = dalpha @ self.group_matrix
        dalpha *= self.n_columns
        penalty = 0.0
        if entropy:
            # Mean entropy of the weights per row; 0·log 0 = 0 for sparsemax's exact zeros.
            safe = np.where(alpha > 0, alpha, 1)
            logs = np.log(safe)
            penalty = float(entropy * np.mean(-row_sums(alpha * logs)))
            dalpha = dalpha + entropy * np.where(alpha > 0, -(logs + 1), 0) / alpha.shape[0]
        dz = self.weighting.vjp(z, alpha, dalpha.astype(self.dtype, copy=False), cache["saved"])
        if self.spec.attention == "global":
            grads["att_a"][...] = dz[0]
            return penalty
        column_sums(dz, out=grads["att_b"])
        if not self.spec.attention_hidden:
            np.matmul(X.T, dz, out=grads["att_W"])
            return penalty
        t = cache["att_hidden"]
        np.matmul(t.T, dz, out=grads["att_W"])
        du = dz @ self.params["att_W"].T
        du *= 1 - t * t
        np.matmul(X.T, du, out=grads["att_V"])
        column_sums(du, out=grads["att_c"])
        return penalty

    # -- prediction --------------------------------------------------------
    def predict_batches(self, X: np.ndarray, batch: int = 16384) -> np.ndarray:
        """Forward pass in slices written into one output, so predicting a large file holds
        neither every activation nor a list of outputs to join."""
        out = None
        for i in range(0, max(len(X), 1), batch):
            part = self.forward(X[i : i + batch])[0]
            if out is None:
                out = np.empty((len(X), *part.shape[1:]), dtype=part.dtype)
            out[i : i + len(part)] = part
        return out

    def attention_batches(self, X: np.ndarray, batch: int = 65536) -> np.ndarray:
        """Per-row weights for per-row attention; otherwise the one shared row."""
        if self.spec.attention != "row":
            return self.attention(X[:1])
        return np.concatenate([self.attention(X[i : i + batch]) for i in range(0, len(X), batch)])


def param_shapes(spec: NetSpec) -> dict[str, tuple[int, ...]]:
    d, m = spec.n_features, spec.n_columns
    shapes: dict[str, tuple[int, ...]] = {}
    if spec.attention == "global":
        shapes["att_a"] = (m,)
    elif spec.attention == "row" and spec.attention_hidden:
        h = spec.attention_hidden
        shapes["att_V"], shapes["att_c"] = (d, h), (h,)
        shapes["att_W"], shapes["att_b"] = (h, m), (m,)
    elif spec.attention == "row":
        shapes["att_W"], shapes["att_b"] = (d, m), (m,)
    sizes = (d, *spec.hidden, spec.n_outputs)
    for k, (a, b) in enumerate(zip(sizes[:-1], sizes[1:], strict=True)):
        shapes[f"W{k}"], shapes[f"b{k}"] = (a, b), (b,)
    return shapes


def _softmax(h: np.ndarray) -> np.ndarray:
    """In place: the output layer's sums are not kept."""
    h -= row_max(h)
    np.exp(h, out=h)
    h /= row_sums(h)
    return h
