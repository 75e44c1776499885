"""Parsing a user's formula text into an expression tree, refusing everything else.

The text is untrusted, so it is never eval'd or compiled to code: ``ast.parse`` reads it and
only a whitelist of node types is turned into the tree (`expression.py`).
"""

from __future__ import annotations

import ast
import math
import warnings

from ..errors import UserError
from .derivative import derivative, measure, uses_z
from .evaluate import Formula
from .expression import CONSTS, USER_FUNCS, VARS, Bin, Expr, Neg, Num, Var, call, const_bin, is_num
from .text import to_text

MAX_CHARS = 500
MAX_NODES = 200
MAX_DEPTH = 40
MAX_DERIVATIVE_NODES = 5000
# Evaluation and printing recurse; the derivative of a depth-40 tree stays far below this.
MAX_DERIVATIVE_DEPTH = 400


class FormulaError(UserError):
    """The formula text is not acceptable; the message tells the user why and how to fix it."""


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
_ALLOWED_FUNCS_TEXT = ", ".join(sorted(USER_FUNCS))


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
                return const_bin(sym, a, b) or Bin(sym, a, b)
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
        if name in VARS:
            return Var(name)
        if name in CONSTS:
            return Num(CONSTS[name], name)
        if name in USER_FUNCS:
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
        if fn in VARS or fn in CONSTS:
            raise FormulaError(
                f"'{fn}' is not a function, so {self.seg(node)} is not allowed; "
                f"use * to multiply, e.g. {fn}*(z + 1)"
            )
        if fn not in USER_FUNCS:
            raise FormulaError(f"function '{fn}' is not allowed; allowed: {_ALLOWED_FUNCS_TEXT}")
        if node.keywords:
            raise FormulaError(
                f"keyword arguments ({self.seg(node.keywords[0])}) are not allowed; "
                f"pass plain arguments, e.g. {self.example(fn)}"
            )
        for arg in node.args:
            if isinstance(arg, ast.Starred):
                raise self.refuse(arg)
        arity = USER_FUNCS[fn]
        if len(node.args) != arity:
            plural = "argument" if arity == 1 else "arguments"
            raise FormulaError(
                f"{fn} takes {arity} {plural} (got {len(node.args)}); "
                f"write it like {self.example(fn)}"
            )
        return call(fn, *(self.convert(a) for a in node.args))

    @staticmethod
    def example(fn: str) -> str:
        return f"{fn}(z, 0)" if USER_FUNCS[fn] == 2 else f"{fn}(z)"


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
        size, depth = measure(dexpr)
        if size > MAX_DERIVATIVE_NODES or depth > MAX_DERIVATIVE_DEPTH:
            raise FormulaError(
                f"the derivative of this formula is too large ({size} parts; at most "
                f"{MAX_DERIVATIVE_NODES}); simplify the formula"
            )
        return Formula(text, to_text(dexpr), uses_z(expr) and not is_num(dexpr, 0), expr, dexpr)
    except (RecursionError, MemoryError) as exc:  # bounds above should make this unreachable
        raise FormulaError(f"the formula is too complex ({type(exc).__name__})") from None
