"""A checked formula evaluated with NumPy: s(z, i, n) and ds/dz, lowered once per run to a
flat list of NumPy calls."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .expression import BINOPS, CMP, KERNELS, Bin, Call, Expr, Neg, Num, Var, Where


@dataclass(frozen=True)
class Formula:
    """A checked formula. ``uses_z`` is False when s cannot depend on z (z absent, or the
    derivative simplifies to 0, as in "z - z"): attention weights would then never learn."""

    text: str
    derivative_text: str
    uses_z: bool
    _tree: Expr = field(repr=False)
    _dtree: Expr = field(repr=False)

    def score(self, z: Any, i: Any, n: Any) -> np.ndarray:
        """s(z, i, n) broadcast over z and i, in z's float dtype; non-finite values pass through."""
        return self.bind(i, n, _float_dtype(z))(z)[0]

    def dscore(self, z: Any, i: Any, n: Any) -> np.ndarray:
        """Exact elementwise ds/dz, same shape and dtype as score()."""
        return self.bind(i, n, _float_dtype(z))(z)[1]

    def bind(self, i: Any, n: Any, dtype: Any) -> BoundFormula:
        """The formula ready to evaluate many times for these i and n (e.g. once per run)."""
        return BoundFormula(self, i, n, dtype)


def _float_dtype(z: Any) -> np.dtype:
    dtype = np.asarray(z).dtype
    return dtype if np.issubdtype(dtype, np.floating) else np.dtype(np.float64)


class BoundFormula:
    """s(z) and ds/dz of one formula for fixed i, n and float dtype, as a flat list of NumPy
    calls. Training evaluates the formula on every batch, so the work that does not change
    is done here once: the parts without z (such as 0.9**i) are computed, and a part
    appearing several times (the derivative mostly repeats the score) becomes one call."""

    def __init__(self, formula: Formula, i: Any, n: Any, dtype: Any):
        self.dtype = np.dtype(dtype)
        i, n = np.asarray(i, dtype=self.dtype), np.asarray(n, dtype=self.dtype)
        self._fixed_shape = np.broadcast_shapes(i.shape, n.shape)
        self._shapes: dict[tuple[int, ...], tuple[int, ...]] = {}
        # Slot 0 holds z during a call; a slot is set either once here (without z) or by a step.
        self._values: list[Any] = [None]
        self._constant: set[int] = set()
        self._steps: list[tuple[Callable[..., Any], tuple[int, ...], int]] = []
        self._slot_of: dict[tuple, int] = {}
        self._seen: dict[int, int] = {}
        self._leaves = {"i": i, "n": n}
        with np.errstate(all="ignore"):
            self._s = self._lower(formula._tree)
            self._ds = self._lower(formula._dtree)
        del self._slot_of, self._seen, self._leaves

    def _lower(self, e: Expr) -> int:
        if id(e) in self._seen:  # derivative trees share subtrees by reference
            return self._seen[id(e)]
        match e:
            case Num(v):
                slot = self._leaf(("num", v.hex()), self.dtype.type(v))
            case Var("z"):
                slot = 0
            case Var(name):
                slot = self._leaf(("var", name), self._leaves[name])
            case Neg(a):
                slot = self._call(np.negative, "neg", self._lower(a))
            case Bin(op, a, b):
                slot = self._call(BINOPS[op], op, self._lower(a), self._lower(b))
            case Call(fn, args):
                slot = self._call(KERNELS[fn], fn, *(self._lower(a) for a in args))
            case Where(op, a, b, t, o):
                cond = self._call(CMP[op], op, self._lower(a), self._lower(b))
                slot = self._call(np.where, "where", cond, self._lower(t), self._lower(o))
            case _:
                raise AssertionError(f"cannot evaluate {e!r}")
        self._seen[id(e)] = slot
        return slot

    def _leaf(self, key: tuple, value: Any) -> int:
        if key not in self._slot_of:
            self._slot_of[key] = len(self._values)
            self._values.append(value)
            self._constant.add(self._slot_of[key])
        return self._slot_of[key]

    def _call(self, fn: Callable[..., Any], name: str, *args: int) -> int:
        key = (name, *args)
        if key in self._slot_of:
            return self._slot_of[key]
        if all(a in self._constant for a in args):
            return self._leaf(key, fn(*(self._values[a] for a in args)))
        slot = self._slot_of[key] = len(self._values)
        self._values.append(None)
        self._steps.append((fn, args, slot))
        return slot

    def __call__(self, z: Any) -> tuple[np.ndarray, np.ndarray]:
        """(s, ds/dz) broadcast over z, i and n; non-finite values pass through. The two may
        be one array (as for exp(z)): read them, do not write to them."""
        z = np.asarray(z, dtype=self.dtype)
        values = self._values.copy()
        values[0] = z
        with np.errstate(all="ignore"):
            for fn, args, slot in self._steps:
                values[slot] = fn(*[values[a] for a in args])
        shape = self._shapes.get(z.shape)
        if shape is None:
            shape = self._shapes[z.shape] = np.broadcast_shapes(z.shape, self._fixed_shape)
        return self._result(values, self._s, shape), self._result(values, self._ds, shape)

    def _result(self, values: list[Any], slot: int, shape: tuple[int, ...]) -> np.ndarray:
        out = np.asarray(values[slot], dtype=self.dtype)
        if out.shape == shape and slot != 0 and slot not in self._constant:
            return out
        # A copy, so the caller never gets z itself, a read-only broadcast view or an array
        # this object keeps for the next call.
        return np.array(np.broadcast_to(out, shape))

