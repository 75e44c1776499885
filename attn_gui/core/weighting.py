"""Weighting functions g: logits z (rows × d) -> attention weights on the simplex.

Each function gives its value and its vector-Jacobian product (the backward
pass). Score-based functions share one normalisation, alpha = p·s(z) / Σ p·s(z),
with p an optional fixed positional prior; sparsemax is a projection instead.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .errors import UserError
from .formula import BoundFormula, Formula, FormulaError, check_score, compile_formula
from .reductions import row_max, row_sums

KINDS = ("softmax", "exponential", "linear", "sparsemax", "custom")
LINEAR_SCORES = ("softplus", "relu")
_RELU_EPS = 1e-3  # keeps max(z,0)+eps strictly positive so every feature can come back


class WeightingError(UserError):
    """A weighting setting the user must change (one sentence)."""


@dataclass(frozen=True)
class WeightingSpec:
    kind: str = "softmax"
    temperature: float = 1.0
    base: float = math.e
    linear_score: str = "softplus"
    decay: float = 1.0  # positional prior rho**i; 1 means no prior
    formula: str = ""


class Weighting:
    """alpha = g(z) for z of shape (rows, d), and its backward pass."""

    def __init__(self, spec: WeightingSpec, n_features: int, dtype=np.float64):
        self.spec = spec
        self.n = n_features
        positions = np.arange(n_features, dtype=np.float64)
        self.positions = positions
        log_prior = positions * math.log(spec.decay)
        self.has_prior = spec.decay != 1.0
        self.log_prior = log_prior.astype(dtype)
        self.prior = np.exp(log_prior - log_prior.max()).astype(dtype)
        self.formula: Formula | None = None
        if spec.kind == "custom":
            self.formula = compile_formula(spec.formula)
        self._bound: dict[np.dtype, BoundFormula] = {}

    # -- scores -----------------------------------------------------------
    def _score(self, z: np.ndarray) -> tuple[np.ndarray, np.ndarray | None]:
        """s(z) and ds/dz, elementwise (before the prior); ds/dz None where vjp does not
        need it."""
        kind = self.spec.kind
        if kind in ("softmax", "exponential"):
            # Shifting by the row max cancels in the normalisation; it only avoids overflow.
            shifted = z - row_max(z)
            t = _temperature(self.spec)
            if t != 1:
                shifted /= t
            return np.exp(shifted, out=shifted), None  # vjp needs only alpha (ds/dz = s/T)
        if kind == "linear":
            if self.spec.linear_score == "relu":
                return np.maximum(z, 0) + _RELU_EPS, (z > 0).astype(z.dtype)
            sig = 1.0 / (1.0 + np.exp(-np.abs(z)))
            sig = np.where(z >= 0, sig, 1.0 - sig)
            return np.log1p(np.exp(-np.abs(z))) + np.maximum(z, 0), sig.astype(z.dtype)
        s, ds = self._bound_formula(z.dtype)(z)
        # min/max propagate NaN, so two comparisons check finite and non-negative at once.
        if s.size and not (s.min() >= 0 and s.max() < np.inf
                           and ds.min() > -np.inf and ds.max() < np.inf):
            assert self.formula is not None
            raise WeightingError(
                "the formula '{formula}' gave a negative or non-finite score; "
                "use a score that is positive for every logit, e.g. exp(z) or softplus(z)",
                formula=self.formula.text)
        return s, ds

    def _bound_formula(self, dtype: np.dtype) -> BoundFormula:
        bound = self._bound.get(dtype)
        if bound is None:
            assert self.formula is not None
            bound = self._bound[dtype] = self.formula.bind(self.positions, self.n, dtype)
        return bound

    # -- forward / backward ---------------------------------------------------
    def forward(self, z: np.ndarray) -> np.ndarray:
        return self.forward_saving(z)[0]

    def forward_saving(self, z: np.ndarray) -> tuple[np.ndarray, tuple | None]:
        """alpha = g(z), and what vjp needs from this pass (or None) so that the backward
        pass does not evaluate the scores a second time."""
        if self.spec.kind == "sparsemax":
            return sparsemax(z + self.log_prior if self.has_prior else z), None
        s, ds = self._score(z)
        w = s * self.prior if self.has_prior else s
        if self.formula is not None:
            top = self._row_scale(w)
            w, ds = w / top, ds / top
        total = row_sums(w)
        if self.spec.kind in ("softmax", "exponential"):
            w /= total  # exp's own array, and nothing of it is saved
            return w, None
        return w / total, (ds, total)

    def _row_scale(self, w: np.ndarray) -> np.ndarray:
        """Each row's largest score. A typed score may be near the float limit (1e308*...),
        so it is divided by this before summing; the weights are the same ratios."""
        top = row_max(w)
        # Only a typed formula can score every column zero; the built-in scores are > 0.
        if top.size and not top.min() > 0:  # min is NaN if any row's is
            raise WeightingError(
                "every feature got a zero score, so the weights are undefined; "
                "use a score that is positive somewhere (e.g. add a small constant)"
            )
        return top

    def vjp(self, z: np.ndarray, alpha: np.ndarray, grad: np.ndarray,
            saved: tuple | None = None) -> np.ndarray:
        """dL/dz given alpha = forward(z), grad = dL/dalpha and optionally what
        forward_saving(z) saved."""
        if self.spec.kind == "sparsemax":
            support = alpha > 0
            k = np.add.reduce(support, axis=-1, keepdims=True)
            mean = np.add.reduce(grad * support, axis=-1, keepdims=True) / k
            return np.where(support, grad - mean, 0).astype(z.dtype, copy=False)
        centred = grad - row_sums(grad * alpha)
        if self.spec.kind in ("softmax", "exponential"):
            # ds/dz = s/T, so p·ds/Σp·s = alpha/T: no second pass through exp.
            centred *= alpha  # dz = alpha·centred, in the array already made
            t = _temperature(self.spec)
            if t != 1:
                centred /= t
            return centred.astype(z.dtype, copy=False)
        ds, total = saved if saved is not None else self.forward_saving(z)[1]
        dw = centred / total
        return dw * self.prior * ds if self.has_prior else dw * ds


def _temperature(spec: WeightingSpec) -> float:
    # Exponential with base b is softmax with T = 1/ln b: b**z = exp(z ln b).
    if spec.kind == "exponential":
        return 1.0 / math.log(spec.base)
    return spec.temperature


def sparsemax(z: np.ndarray) -> np.ndarray:
    """Euclidean projection of each row of z (rows × d) onto the simplex (Martins & Astudillo,
    2016)."""
    rows, d = z.shape
    zs = np.sort(z, axis=1)[:, ::-1]
    cumsum = zs.cumsum(axis=1)
    ks = np.arange(1, d + 1, dtype=z.dtype)
    # The support is the k largest entries, so counting where the test holds finds k.
    k = np.add.reduce(1 + ks * zs > cumsum, axis=1)
    # k in z's dtype: an integer would turn float32 weights, and the network after them,
    # into float64.
    tau = (cumsum[np.arange(rows), k - 1] - 1) / k.astype(z.dtype)
    return np.maximum(z - tau[:, None], 0)


def validate_spec(spec: WeightingSpec) -> Formula | None:
    """Raise WeightingError with the exact reason a setting is refused; return the checked
    formula of a custom weighting (None otherwise), so a caller need not check it again.

    The bounds repeat what the declared options check, because a spec also comes from a
    model file, which never went through the options."""
    if spec.kind not in KINDS:
        raise WeightingError("unknown weighting '{kind}'; choose one of {kinds}",
                             kind=spec.kind, kinds=", ".join(KINDS))
    if not (math.isfinite(spec.temperature) and spec.temperature > 0):
        raise WeightingError("the temperature must be a positive number, not {temperature}",
                             temperature=spec.temperature)
    if spec.kind == "exponential" and not (math.isfinite(spec.base) and spec.base > 1):
        raise WeightingError("the base must be a number greater than 1, not {base}",
                             base=spec.base)
    if spec.linear_score not in LINEAR_SCORES:
        raise WeightingError("the linear score must be softplus or relu, not '{score}'",
                             score=spec.linear_score)
    if not (math.isfinite(spec.decay) and 0 < spec.decay <= 1):
        raise WeightingError("the positional decay must be in (0, 1], not {decay}",
                             decay=spec.decay)
    if spec.kind == "custom":
        if not spec.formula.strip():
            raise WeightingError("the custom weighting needs a formula, e.g. exp(z) * 0.9**i")
        try:
            formula = compile_formula(spec.formula)
        except FormulaError as exc:
            raise WeightingError("formula refused: {reason}", reason=exc) from None
        try:
            check_score(formula)
        except FormulaError as exc:
            raise WeightingError(exc.template, **exc.values) from None
        return formula
    return None


def preview(spec: WeightingSpec, logits: np.ndarray, validated: bool = False) -> np.ndarray:
    """The weights the function gives one example vector of logits (for the editor, which
    has validated the spec already: checking a formula is its costly part)."""
    if not validated:
        validate_spec(spec)
    z = np.asarray(logits, dtype=np.float64)[None, :]
    return Weighting(spec, z.shape[1]).forward(z)[0]
