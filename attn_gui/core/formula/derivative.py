"""The exact symbolic derivative ds/dz of an expression tree, and measures of the result."""

from __future__ import annotations

from .expression import (
    ONE,
    TWO,
    ZERO,
    Bin,
    Call,
    Expr,
    Neg,
    Num,
    Var,
    Where,
    add,
    call,
    div,
    is_num,
    mul,
    neg,
    power,
    sub,
    where,
)


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
            if is_num(db, 0):
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


def measure(e: Expr) -> tuple[int, int]:
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


def uses_z(e: Expr) -> bool:
    match e:
        case Var(name):
            return name == "z"
        case Neg(a):
            return uses_z(a)
        case Bin(_, a, b):
            return uses_z(a) or uses_z(b)
        case Call(_, args):
            return any(uses_z(a) for a in args)
    return False

