"""The expression tree of a score formula, its NumPy kernels, and builders that simplify.

Nodes are small immutable dataclasses; the builders (`add`, `mul`, `call`, ...) fold
constants and drop identities as they build, so a derivative's text stays readable.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np


@dataclass(frozen=True)
class Expr:
    pass


@dataclass(frozen=True)
class Num(Expr):
    value: float
    name: str | None = None  # keeps "pi" / "e" readable in the derivative text


@dataclass(frozen=True)
class Var(Expr):
    name: str  # "z", "i" or "n"


@dataclass(frozen=True)
class Neg(Expr):
    arg: Expr


@dataclass(frozen=True)
class Bin(Expr):
    op: str  # "+", "-", "*", "/", "**"
    left: Expr
    right: Expr


@dataclass(frozen=True)
class Call(Expr):
    fn: str
    args: tuple[Expr, ...]


@dataclass(frozen=True)
class Where(Expr):
    """where(left <op> right, then, other): only produced by differentiation (kinks)."""

    op: str  # ">=", "<=", ">"
    left: Expr
    right: Expr
    then: Expr
    other: Expr


ZERO, ONE, TWO = Num(0.0), Num(1.0), Num(2.0)


# --------------------------------------------------------------------------- numeric kernels


def _sigmoid(x: Any) -> Any:
    # exp(-|x|) never overflows, so both branches are finite for every finite x.
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e))


def _softplus(x: Any) -> Any:
    return np.log1p(np.exp(-np.abs(x))) + np.maximum(x, 0)


# User-callable functions with their arity; "sign" is internal (derivative of abs).
USER_FUNCS: dict[str, int] = {
    "abs": 1, "cos": 1, "exp": 1, "log": 1, "max": 2, "min": 2, "relu": 1,
    "sigmoid": 1, "sin": 1, "softplus": 1, "sqrt": 1, "tanh": 1,
}  # fmt: skip
KERNELS: dict[str, Callable[..., Any]] = {
    "abs": np.abs, "cos": np.cos, "exp": np.exp, "log": np.log, "max": np.maximum,
    "min": np.minimum, "relu": lambda x: np.maximum(x, 0), "sigmoid": _sigmoid, "sin": np.sin,
    "softplus": _softplus, "sqrt": np.sqrt, "tanh": np.tanh, "sign": np.sign,
}  # fmt: skip
BINOPS: dict[str, Callable[[Any, Any], Any]] = {
    "+": np.add, "-": np.subtract, "*": np.multiply, "/": np.divide, "**": np.power,
}  # fmt: skip
CMP: dict[str, Callable[[Any, Any], Any]] = {
    ">=": np.greater_equal, "<=": np.less_equal, ">": np.greater,
}  # fmt: skip
VARS = ("z", "i", "n")
CONSTS = {"pi": math.pi, "e": math.e}


# --------------------------------------------------------------------------- simplifying builders


def _fold(fn: Callable[..., Any], *values: float) -> Num | None:
    # Folding is done in float64 like evaluation would; non-finite results are left symbolic
    # so the text never shows "nan"/"inf" and evaluation reproduces them at run time.
    with np.errstate(all="ignore"):
        v = float(fn(*(np.float64(x) for x in values)))
    return Num(v) if math.isfinite(v) else None


def is_num(e: Expr, value: float) -> bool:
    return isinstance(e, Num) and e.value == value


def neg(a: Expr) -> Expr:
    if isinstance(a, Num):
        return Num(-a.value)
    if isinstance(a, Neg):
        return a.arg
    return Neg(a)


def const_bin(op: str, a: Expr, b: Expr) -> Expr | None:
    """The node for two constants (folded when finite), or None if either side is symbolic."""
    if isinstance(a, Num) and isinstance(b, Num):
        return _fold(BINOPS[op], a.value, b.value) or Bin(op, a, b)
    return None


def add(a: Expr, b: Expr) -> Expr:
    # Identities come before folding so that 0 + pi stays "pi".
    if is_num(a, 0):
        return b
    if is_num(b, 0):
        return a
    if (c := const_bin("+", a, b)) is not None:
        return c
    if isinstance(b, Neg):
        return sub(a, b.arg)
    if isinstance(b, Num) and b.value < 0:
        return sub(a, Num(-b.value))
    if isinstance(a, Neg):
        return sub(b, a.arg)
    return Bin("+", a, b)


def sub(a: Expr, b: Expr) -> Expr:
    if is_num(b, 0):
        return a
    if is_num(a, 0):
        return neg(b)
    if (c := const_bin("-", a, b)) is not None:
        return c
    if isinstance(b, Neg):
        return add(a, b.arg)
    if isinstance(b, Num) and b.value < 0:
        return add(a, Num(-b.value))
    return Bin("-", a, b)


def mul(a: Expr, b: Expr) -> Expr:
    # Dropping x*0 ignores inf*0 = nan; that is what users expect from a simplified formula.
    if is_num(a, 0) or is_num(b, 0):
        return ZERO
    if is_num(a, 1):
        return b
    if is_num(b, 1):
        return a
    if (c := const_bin("*", a, b)) is not None:
        return c
    if is_num(a, -1):
        return neg(b)
    if is_num(b, -1):
        return neg(a)
    if isinstance(a, Neg):
        return neg(mul(a.arg, b))
    if isinstance(b, Neg):
        return neg(mul(a, b.arg))
    if isinstance(b, Num):  # constants first reads better: 2*exp(z)
        return mul(b, a)
    if isinstance(a, Bin) and a.op == "/":  # (p/q)*b -> p*b/q so chain rules read naturally
        return div(mul(a.left, b), a.right)
    if isinstance(b, Bin) and b.op == "/":
        return div(mul(a, b.left), b.right)
    if isinstance(b, Bin) and b.op == "*" and isinstance(b.left, Num):
        if isinstance(a, Num):
            return mul(mul(a, b.left), b.right)
        return mul(b.left, mul(a, b.right))
    return Bin("*", a, b)


def div(a: Expr, b: Expr) -> Expr:
    if is_num(a, 0):
        return ZERO
    if is_num(b, 1):
        return a
    if (c := const_bin("/", a, b)) is not None:
        return c
    if is_num(b, -1):
        return neg(a)
    if isinstance(a, Neg):
        return neg(div(a.arg, b))
    if isinstance(b, Neg):
        return neg(div(a, b.arg))
    return Bin("/", a, b)


def power(a: Expr, b: Expr) -> Expr:
    if is_num(b, 0):
        return ONE
    if is_num(b, 1):
        return a
    if (c := const_bin("**", a, b)) is not None:
        return c
    return Bin("**", a, b)


def call(fn: str, *args: Expr) -> Expr:
    values = [a.value for a in args if isinstance(a, Num)]
    if len(values) == len(args):
        return _fold(KERNELS[fn], *values) or Call(fn, args)
    return Call(fn, args)


def where(op: str, left: Expr, right: Expr, then: Expr, other: Expr) -> Expr:
    if isinstance(then, Num) and isinstance(other, Num) and then.value == other.value:
        return then
    if isinstance(left, Num) and isinstance(right, Num):
        return then if CMP[op](left.value, right.value) else other
    return Where(op, left, right, then, other)
