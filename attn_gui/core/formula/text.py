"""An expression tree as text, with no more parentheses than the reading needs."""

from __future__ import annotations

from .expression import Bin, Call, Expr, Neg, Num, Var, Where

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


def to_text(e: Expr) -> str:
    return _text(e)[0]
