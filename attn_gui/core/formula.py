"""Score formulas s(z, i, n) typed by the user, with an exact symbolic derivative ds/dz.

The text is untrusted, so it is never eval'd or compiled to code: ``ast.parse`` reads it and
only a whitelist of node types is turned into a small immutable expression tree. The same tree
is evaluated with NumPy and differentiated symbolically, so training gets exact gradients.
"""

from __future__ import annotations

import ast
import math
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .errors import UserError

__all__ = ["Formula", "FormulaError", "compile_formula"]

MAX_CHARS = 500
MAX_NODES = 200
MAX_DEPTH = 40
MAX_DERIVATIVE_NODES = 5000
# Evaluation and printing recurse; the derivative of a depth-40 tree stays far below this.
MAX_DERIVATIVE_DEPTH = 400


class FormulaError(UserError):
    """The formula text is not acceptable; the message tells the user why and how to fix it."""


# --------------------------------------------------------------------------- expression tree


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
_USER_FUNCS: dict[str, int] = {
    "abs": 1, "cos": 1, "exp": 1, "log": 1, "max": 2, "min": 2, "relu": 1,
    "sigmoid": 1, "sin": 1, "softplus": 1, "sqrt": 1, "tanh": 1,
}  # fmt: skip
_KERNELS: dict[str, Callable[..., Any]] = {
    "abs": np.abs, "cos": np.cos, "exp": np.exp, "log": np.log, "max": np.maximum,
    "min": np.minimum, "relu": lambda x: np.maximum(x, 0), "sigmoid": _sigmoid, "sin": np.sin,
    "softplus": _softplus, "sqrt": np.sqrt, "tanh": np.tanh, "sign": np.sign,
}  # fmt: skip
_BINOPS: dict[str, Callable[[Any, Any], Any]] = {
    "+": np.add, "-": np.subtract, "*": np.multiply, "/": np.divide, "**": np.power,
}  # fmt: skip
_CMP: dict[str, Callable[[Any, Any], Any]] = {
    ">=": np.greater_equal, "<=": np.less_equal, ">": np.greater,
}  # fmt: skip
_VARS = ("z", "i", "n")
_CONSTS = {"pi": math.pi, "e": math.e}
_ALLOWED_FUNCS_TEXT = ", ".join(sorted(_USER_FUNCS))


# --------------------------------------------------------------------------- simplifying builders


def _fold(fn: Callable[..., Any], *values: float) -> Num | None:
    # Folding is done in float64 like evaluation would; non-finite results are left symbolic
    # so the text never shows "nan"/"inf" and evaluation reproduces them at run time.
    with np.errstate(all="ignore"):
        v = float(fn(*(np.float64(x) for x in values)))
    return Num(v) if math.isfinite(v) else None


def _is(e: Expr, value: float) -> bool:
    return isinstance(e, Num) and e.value == value


def neg(a: Expr) -> Expr:
    if isinstance(a, Num):
        return Num(-a.value)
    if isinstance(a, Neg):
        return a.arg
    return Neg(a)


def _const_bin(op: str, a: Expr, b: Expr) -> Expr | None:
    """The node for two constants (folded when finite), or None if either side is symbolic."""
    if isinstance(a, Num) and isinstance(b, Num):
        return _fold(_BINOPS[op], a.value, b.value) or Bin(op, a, b)
    return None


def add(a: Expr, b: Expr) -> Expr:
    # Identities come before folding so that 0 + pi stays "pi".
    if _is(a, 0):
        return b
    if _is(b, 0):
        return a
    if (c := _const_bin("+", a, b)) is not None:
        return c
    if isinstance(b, Neg):
        return sub(a, b.arg)
    if isinstance(b, Num) and b.value < 0:
        return sub(a, Num(-b.value))
    if isinstance(a, Neg):
        return sub(b, a.arg)
    return Bin("+", a, b)


def sub(a: Expr, b: Expr) -> Expr:
    if _is(b, 0):
        return a
    if _is(a, 0):
        return neg(b)
    if (c := _const_bin("-", a, b)) is not None:
        return c
    if isinstance(b, Neg):
        return add(a, b.arg)
    if isinstance(b, Num) and b.value < 0:
        return add(a, Num(-b.value))
    return Bin("-", a, b)


def mul(a: Expr, b: Expr) -> Expr:
    # Dropping x*0 ignores inf*0 = nan; that is what users expect from a simplified formula.
    if _is(a, 0) or _is(b, 0):
        return ZERO
    if _is(a, 1):
        return b
    if _is(b, 1):
        return a
    if (c := _const_bin("*", a, b)) is not None:
        return c
    if _is(a, -1):
        return neg(b)
    if _is(b, -1):
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
    if _is(a, 0):
        return ZERO
    if _is(b, 1):
        return a
    if (c := _const_bin("/", a, b)) is not None:
        return c
    if _is(b, -1):
        return neg(a)
    if isinstance(a, Neg):
        return neg(div(a.arg, b))
    if isinstance(b, Neg):
        return neg(div(a, b.arg))
    return Bin("/", a, b)


def power(a: Expr, b: Expr) -> Expr:
    if _is(b, 0):
        return ONE
    if _is(b, 1):
        return a
    if (c := _const_bin("**", a, b)) is not None:
        return c
    return Bin("**", a, b)


def call(fn: str, *args: Expr) -> Expr:
    values = [a.value for a in args if isinstance(a, Num)]
    if len(values) == len(args):
        return _fold(_KERNELS[fn], *values) or Call(fn, args)
    return Call(fn, args)


def where(op: str, left: Expr, right: Expr, then: Expr, other: Expr) -> Expr:
    if isinstance(then, Num) and isinstance(other, Num) and then.value == other.value:
        return then
    if isinstance(left, Num) and isinstance(right, Num):
        return then if _CMP[op](left.value, right.value) else other
    return Where(op, left, right, then, other)


# --------------------------------------------------------------------------- differentiation


def _d_outer(fn: str, u: Expr) -> Expr:
    """f'(u) for the one-argument functions."""
    match fn:
        case "exp":
            return call("exp", u)
        case "log":
            return div(ONE, u)
        case "sqrt":
            return div(Num(0.5), call("sqrt", u))
        case "abs":
            return call("sign", u)
        case "tanh":
            return sub(ONE, power(call("tanh", u), TWO))
        case "sigmoid":
            return mul(call("sigmoid", u), sub(ONE, call("sigmoid", u)))
        case "softplus":
            return call("sigmoid", u)
        case "relu":
            return where(">", u, ZERO, ONE, ZERO)
        case "sin":
            return call("cos", u)
        case "cos":
            return neg(call("sin", u))
        case "sign":
            return ZERO
    raise AssertionError(f"no derivative rule for {fn}")


def derivative(e: Expr) -> Expr:
    """Symbolic d e / d z (i and n are constants)."""
    match e:
        case Num():
            return ZERO
        case Var(name):
            return ONE if name == "z" else ZERO
        case Neg(a):
            return neg(derivative(a))
        case Bin("+", a, b):
            return add(derivative(a), derivative(b))
        case Bin("-", a, b):
            return sub(derivative(a), derivative(b))
        case Bin("*", a, b):
            return add(mul(derivative(a), b), mul(a, derivative(b)))
        case Bin("/", a, b):
            return sub(div(derivative(a), b), div(mul(a, derivative(b)), power(b, TWO)))
        case Bin("**", a, b):
            da, db = derivative(a), derivative(b)
            if _is(db, 0):
                # Constant exponent: the general rule would divide by u and give nan at u = 0.
                return mul(mul(b, power(a, sub(b, ONE))), da)
            return mul(e, add(mul(db, call("log", a)), div(mul(b, da), a)))
        case Call("max", (a, b)):
            return where(">=", a, b, derivative(a), derivative(b))
        case Call("min", (a, b)):
            return where("<=", a, b, derivative(a), derivative(b))
        case Call(fn, (u,)):
            return mul(_d_outer(fn, u), derivative(u))
        case Where(op, a, b, t, o):
            return where(op, a, b, derivative(t), derivative(o))
    raise AssertionError(f"cannot differentiate {e!r}")


def _measure(e: Expr) -> tuple[int, int]:
    """(node count as evaluated, depth); memoised because derivative trees share subtrees."""
    memo: dict[int, tuple[int, int]] = {}

    def go(x: Expr) -> tuple[int, int]:
        if id(x) in memo:
            return memo[id(x)]
        kids: tuple[Expr, ...]
        match x:
            case Neg(a):
                kids = (a,)
            case Bin(_, a, b):
                kids = (a, b)
            case Call(_, args):
                kids = args
            case Where(_, a, b, t, o):
                kids = (a, b, t, o)
            case _:
                kids = ()
        sizes = [go(k) for k in kids]
        r = (1 + sum(s for s, _ in sizes), 1 + max((d for _, d in sizes), default=0))
        memo[id(x)] = r
        return r

    return go(e)


# --------------------------------------------------------------------------- text and evaluation

_PREC = {"+": 1, "-": 1, "*": 2, "/": 2, "**": 4}
_NEG_PREC, _ATOM_PREC = 3, 5


def _num_text(v: float) -> str:
    return str(int(v)) if v.is_integer() and abs(v) < 1e16 else repr(v)


def _text(e: Expr) -> tuple[str, int]:
    match e:
        case Num(v, name):
            if name is not None:
                return name, _ATOM_PREC
            return _num_text(v), (_NEG_PREC if v < 0 else _ATOM_PREC)
        case Var(name):
            return name, _ATOM_PREC
        case Neg(a):
            # -a*b means the same as -(a*b), so only sums need parentheses.
            s, p = _text(a)
            return "-" + (f"({s})" if p <= _PREC["+"] else s), _NEG_PREC
        case Bin(op, a, b):
            prec = _PREC[op]
            (ls, lp), (rs, rp) = _text(a), _text(b)
            if op == "**":  # right-associative, and a negative base needs parentheses
                left_paren, right_paren = lp <= prec, rp < prec
            elif op in ("+", "*"):  # shown as associative: a*(b*c) reads as a*b*c
                left_paren, right_paren = lp < prec, rp < prec or rp == _NEG_PREC
            else:
                left_paren, right_paren = lp < prec, rp <= prec or rp == _NEG_PREC
            ls = f"({ls})" if left_paren else ls
            rs = f"({rs})" if right_paren else rs
            sep = f" {op} " if prec == 1 else op
            return ls + sep + rs, prec
        case Call(fn, args):
            return f"{fn}({', '.join(_text(a)[0] for a in args)})", _ATOM_PREC
        case Where(op, a, b, t, o):
            parts = (f"{_text(a)[0]} {op} {_text(b)[0]}", _text(t)[0], _text(o)[0])
            return f"where({', '.join(parts)})", _ATOM_PREC
    raise AssertionError(f"cannot print {e!r}")


def _uses_z(e: Expr) -> bool:
    match e:
        case Var(name):
            return name == "z"
        case Neg(a):
            return _uses_z(a)
        case Bin(_, a, b):
            return _uses_z(a) or _uses_z(b)
        case Call(_, args):
            return any(_uses_z(a) for a in args)
    return False


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
                slot = self._call(_BINOPS[op], op, self._lower(a), self._lower(b))
            case Call(fn, args):
                slot = self._call(_KERNELS[fn], fn, *(self._lower(a) for a in args))
            case Where(op, a, b, t, o):
                cond = self._call(_CMP[op], op, self._lower(a), self._lower(b))
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


# --------------------------------------------------------------------------- parsing

_REFUSED: dict[type, str] = {
    ast.Attribute: "attribute access",
    ast.Subscript: "indexing",
    ast.Lambda: "a lambda",
    ast.ListComp: "a comprehension",
    ast.SetComp: "a comprehension",
    ast.DictComp: "a comprehension",
    ast.GeneratorExp: "a generator expression",
    ast.Compare: "a comparison",
    ast.BoolOp: "'and'/'or'",
    ast.IfExp: "an if/else expression",
    ast.NamedExpr: "assignment (:=)",
    ast.JoinedStr: "an f-string",
    ast.Dict: "a dict",
    ast.Set: "a set",
    ast.List: "a list",
    ast.Tuple: "a tuple",
    ast.Starred: "a starred argument",
    ast.Await: "'await'",
    ast.Yield: "'yield'",
    ast.YieldFrom: "'yield'",
}
_OP_TEXT: dict[type, str] = {
    ast.Mod: "%", ast.FloorDiv: "//", ast.MatMult: "@", ast.LShift: "<<", ast.RShift: ">>",
    ast.BitOr: "|", ast.BitAnd: "&", ast.Not: "not", ast.Invert: "~",
}  # fmt: skip
_AST_BINOPS: dict[type, str] = {
    ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.Pow: "**",
}  # fmt: skip
_HINT = "use only numbers, z, i, n, pi, e, + - * / ** and functions such as exp(z)"


class _Parser:
    def __init__(self, src: str) -> None:
        self.src = src

    def seg(self, node: ast.AST) -> str:
        s = ast.get_source_segment(self.src, node) or type(node).__name__
        return repr(s if len(s) <= 40 else s[:39] + "…")

    def refuse(self, node: ast.AST) -> FormulaError:
        what = _REFUSED.get(type(node), f"a {type(node).__name__} expression")
        return FormulaError(f"{what} ({self.seg(node)}) is not allowed; {_HINT}")

    def convert(self, node: ast.AST) -> Expr:
        match node:
            case ast.Expression(body=body):
                return self.convert(body)
            case ast.Constant(value=value):
                return self.constant(node, value)
            case ast.Name(id=name):
                return self.name(name)
            case ast.UnaryOp(op=ast.USub(), operand=operand):
                arg = self.convert(operand)
                return Num(-arg.value) if isinstance(arg, Num) else Neg(arg)
            case ast.UnaryOp(op=ast.UAdd(), operand=operand):
                return self.convert(operand)
            case ast.UnaryOp(op=op) | ast.BinOp(op=op) if type(op) in _OP_TEXT:
                raise FormulaError(
                    f"the operator '{_OP_TEXT[type(op)]}' is not allowed; "
                    "allowed operators are + - * / **"
                )
            case ast.BinOp(op=ast.BitXor()):
                raise FormulaError(
                    f"'^' ({self.seg(node)}) is not a power here: use ** for powers, e.g. z**2"
                )
            case ast.BinOp(left=left, op=op, right=right) if type(op) in _AST_BINOPS:
                a, b = self.convert(left), self.convert(right)
                sym = _AST_BINOPS[type(op)]
                # Folding pure-constant parts (2*pi, 1/0.5) keeps the derivative text short.
                return _const_bin(sym, a, b) or Bin(sym, a, b)
            case ast.Call():
                return self.call(node)
        raise self.refuse(node)

    def constant(self, node: ast.Constant, value: object) -> Expr:
        if isinstance(value, bool) or not isinstance(value, int | float):
            what = {str: "text", bytes: "bytes", complex: "a complex number", bool: "True/False"}
            kind = what.get(type(value), f"the constant {value!r}")
            raise FormulaError(f"{kind} ({self.seg(node)}) is not allowed; {_HINT}")
        try:
            v = float(value)
        except OverflowError:
            v = math.inf
        if not math.isfinite(v):
            raise FormulaError(
                f"the number {self.seg(node)} is too large; numbers must be below about 1e308"
            )
        return Num(v)

    def name(self, name: str) -> Expr:
        if name in _VARS:
            return Var(name)
        if name in _CONSTS:
            return Num(_CONSTS[name], name)
        if name in _USER_FUNCS:
            raise FormulaError(f"'{name}' is a function: call it with parentheses, e.g. {name}(z)")
        raise FormulaError(f"unknown name '{name}': use z, i, n, pi or e")

    def call(self, node: ast.Call) -> Expr:
        func = node.func
        if isinstance(func, ast.Attribute):
            raise self.refuse(func)
        if not isinstance(func, ast.Name):
            raise FormulaError(
                f"only functions called by name can be used ({self.seg(node)} is not allowed), "
                "e.g. exp(z)"
            )
        fn = func.id
        if fn in _VARS or fn in _CONSTS:
            raise FormulaError(
                f"'{fn}' is not a function, so {self.seg(node)} is not allowed; "
                f"use * to multiply, e.g. {fn}*(z + 1)"
            )
        if fn not in _USER_FUNCS:
            raise FormulaError(f"function '{fn}' is not allowed; allowed: {_ALLOWED_FUNCS_TEXT}")
        if node.keywords:
            raise FormulaError(
                f"keyword arguments ({self.seg(node.keywords[0])}) are not allowed; "
                f"pass plain arguments, e.g. {self.example(fn)}"
            )
        for arg in node.args:
            if isinstance(arg, ast.Starred):
                raise self.refuse(arg)
        arity = _USER_FUNCS[fn]
        if len(node.args) != arity:
            plural = "argument" if arity == 1 else "arguments"
            raise FormulaError(
                f"{fn} takes {arity} {plural} (got {len(node.args)}); "
                f"write it like {self.example(fn)}"
            )
        return call(fn, *(self.convert(a) for a in node.args))

    @staticmethod
    def example(fn: str) -> str:
        return f"{fn}(z, 0)" if _USER_FUNCS[fn] == 2 else f"{fn}(z)"


def _bracket_depth(text: str) -> int:
    # Checked on the raw text: parentheses leave no AST node, and deep brackets are what
    # can exhaust the parser itself.
    depth = deepest = 0
    for ch in text:
        if ch in "([{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in ")]}":
            depth -= 1
    return deepest


def _ast_depth(root: ast.AST) -> int:
    deepest, stack = 0, [(root, 0)]
    while stack:  # iterative: the tree may be thousands of levels deep
        node, depth = stack.pop()
        depth += isinstance(node, ast.expr)
        deepest = max(deepest, depth)
        stack.extend((child, depth) for child in ast.iter_child_nodes(node))
    return deepest


def _parse(text: str) -> ast.Expression:
    try:
        # The parser warns about things like "1if"; as errors they become SyntaxErrors for
        # the user instead of noise on stderr.
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            return ast.parse(text, mode="eval")
    except SyntaxError as exc:
        where = f"column {exc.offset}" if exc.offset else "an unknown position"
        raise FormulaError(f"syntax error at {where}: {exc.msg}") from None
    except (RecursionError, MemoryError) as exc:
        raise FormulaError(f"the formula is too complex to read ({type(exc).__name__})") from None
    except Exception as exc:  # null bytes, surrogates, ...: the UI needs a single error type
        raise FormulaError(f"the formula cannot be read: {exc}") from None


def compile_formula(text: str) -> Formula:
    """Parse and check a user formula; raises only FormulaError."""
    if not isinstance(text, str):
        raise FormulaError(f"the formula must be text, not {type(text).__name__}")
    text = text.strip()
    if not text:
        raise FormulaError("the formula is empty; type an expression in z, e.g. exp(z)")
    if "\n" in text or "\r" in text:
        # One line, as typed in the window; quoted in messages, it must not break them either.
        raise FormulaError("the formula must be on one line; remove the line breaks")
    if len(text) > MAX_CHARS:
        raise FormulaError(f"the formula is too long ({len(text)} characters; at most {MAX_CHARS})")
    too_deep = f"the formula is nested too deeply (more than {MAX_DEPTH} levels); simplify it"
    if _bracket_depth(text) > MAX_DEPTH:
        raise FormulaError(too_deep)
    tree = _parse(text)
    count = sum(isinstance(node, ast.expr) for node in ast.walk(tree))
    if count > MAX_NODES:
        raise FormulaError(
            f"the formula is too complex ({count} parts; at most {MAX_NODES}); simplify it"
        )
    if _ast_depth(tree) > MAX_DEPTH:
        raise FormulaError(too_deep)
    try:
        expr = _Parser(text).convert(tree)
        dexpr = derivative(expr)
        size, depth = _measure(dexpr)
        if size > MAX_DERIVATIVE_NODES or depth > MAX_DERIVATIVE_DEPTH:
            raise FormulaError(
                f"the derivative of this formula is too large ({size} parts; at most "
                f"{MAX_DERIVATIVE_NODES}); simplify the formula"
            )
        return Formula(text, _text(dexpr)[0], _uses_z(expr) and not _is(dexpr, 0), expr, dexpr)
    except (RecursionError, MemoryError) as exc:  # bounds above should make this unreachable
        raise FormulaError(f"the formula is too complex ({type(exc).__name__})") from None
