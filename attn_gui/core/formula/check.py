"""Refusing, before training, a formula that training would refuse on its first batches.

Training divides each score by the row's total and needs s(z, i, n) > 0 or at least one
positive score per row, finite, with a finite ds/dz, in the network's float32. Logits start
at 0 (global attention) or within a few hundredths of the bias (per-row attention starts with
weights of sd 0.01 on standardised inputs), and a logit gap of 20 already puts e^20 ≈ 5e8
times the weight on one column: trained logits stay inside [-Z_LIMIT, Z_LIMIT]. The formula
is evaluated there, on a grid that holds every integer, for every feature i < n of a few
widths n. A bounded grid keeps the cost fixed: one NumPy call per node of the formula and of
its derivative, each on about 12,000 numbers.
"""

from __future__ import annotations

import numpy as np

from ..errors import Phrase
from .evaluate import Formula
from .parse import FormulaError

Z_LIMIT = 10
_STEP = 0.125  # a power of two: every grid point, integers included, is exact in float32
_WIDTHS = (1, 2, 3, 8, 64)
DTYPE = np.float32  # training's dtype: a score that overflows there fails there

_Z = np.arange(-Z_LIMIT, Z_LIMIT + _STEP, _STEP, dtype=DTYPE)
_N = np.concatenate([np.full(n, n) for n in _WIDTHS]).astype(DTYPE)
_I = np.concatenate([np.arange(n) for n in _WIDTHS]).astype(DTYPE)
# A failure is named at the simplest logit: integers first, then the nearest to 0.
_ORDER = np.lexsort((_Z, np.abs(_Z), np.round(_Z) != _Z))


def check_score(formula: Formula) -> None:
    """Raise FormulaError naming a logit where `formula` is no usable score."""
    s, ds = formula.bind(_I, _N, DTYPE)(_Z[:, None])
    bad = ~(np.isfinite(s) & (s >= 0))
    if bad.any():
        z, col = _first(bad)
        raise FormulaError(
            "'{formula}' gives {value} at {where}; a score must be positive and finite for "
            "every logit from -{limit} to {limit}, e.g. exp(z) or softplus(z)",
            formula=formula.text, value=_number(s[z, col]), where=_where(bad, z, col),
            limit=Z_LIMIT)
    bad = ~np.isfinite(ds)
    if bad.any():
        z, col = _first(bad)
        raise FormulaError(
            "the derivative of '{formula}' is {value} at {where}, so training cannot follow "
            "it; smooth the formula there, e.g. sqrt(z**2 + 1) for abs(z)",
            formula=formula.text, value=_number(ds[z, col]), where=_where(bad, z, col))
    _check_some_positive(formula.text, s == 0)


def _check_some_positive(text: str, zero: np.ndarray) -> None:
    """A row whose every feature scores 0 has no weights; refuse when each feature of some
    width has a logit scoring it 0, so such a row exists."""
    start = 0
    for n in _WIDTHS:
        block = zero[:, start:start + n]
        start += n
        if block.any(axis=0).all():
            z, _ = _first(block)
            raise FormulaError(
                "'{formula}' scores every feature 0 at z = {z}, so the weights are "
                "undefined; add a small constant, e.g. {formula} + 0.001",
                formula=text, z=_number(_Z[z]))


def _first(bad: np.ndarray) -> tuple[int, int]:
    """The simplest failing logit's row, and its first failing column (smallest n, then i)."""
    rows = bad.any(axis=1)
    z = int(_ORDER[np.argmax(rows[_ORDER])])
    return z, int(np.argmax(bad[z]))


def _where(bad: np.ndarray, z: int, col: int) -> str:
    """"z = -1", with the feature when not every feature fails at that logit."""
    if bad[z].all():
        return Phrase("z = {z}", z=_number(_Z[z]))
    return Phrase("z = {z} for feature i = {i} of n = {n}",
                  z=_number(_Z[z]), i=int(_I[col]), n=int(_N[col]))


def _number(value: np.floating) -> str:
    return f"{float(value):.4g}"
