"""Parsing a user's formula text into an expression tree, refusing everything else.

The text is untrusted, so it is never eval'd or compiled to code: ``ast.parse`` reads it and
only a whitelist of node types is turned into the tree (`expression.py`).
"""

from __future__ import annotations

import ast
import math
import warnings

from ..errors import Phrase, UserError
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
    ast.Attribute: Phrase("attribute access"),
    ast.Subscript: Phrase("indexing"),
    ast.Lambda: Phrase("a lambda"),
    ast.ListComp: Phrase("a comprehension"),
    ast.SetComp: Phrase("a comprehension"),
    ast.DictComp: Phrase("a comprehension"),
    ast.GeneratorExp: Phrase("a generator expression"),
    ast.Compare: Phrase("a comparison"),
    ast.BoolOp: "'and'/'or'",
    ast.IfExp: Phrase("an if/else expression"),
    ast.NamedExpr: Phrase("assignment (:=)"),
    ast.JoinedStr: Phrase("an f-string"),
    ast.Dict: Phrase("a dict"),
    ast.Set: Phrase("a set"),
    ast.List: Phrase("a list"),
    ast.Tuple: Phrase("a tuple"),
    ast.Starred: Phrase("a starred argument"),
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
_HINT = Phrase("use only numbers, z, i, n, pi, e, + - * / ** and functions such as exp(z)")
_ALLOWED_FUNCS_TEXT = ", ".join(sorted(USER_FUNCS))


class _Parser:
    def __init__(self, src: str) -> None:
        self.src = src

    def seg(self, node: ast.AST) -> str:
        s = ast.get_source_segment(self.src, node) or type(node).__name__
        return repr(s if len(s) <= 40 else s[:39] + "…")

    def refuse(self, node: ast.AST) -> FormulaError:
        what = _REFUSED.get(type(node)) or Phrase("a {kind} expression",
                                                   kind=type(node).__name__)
        return FormulaError("{what} ({code}) is not allowed; {hint}",
                            what=what, code=self.seg(node), hint=_HINT)

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
                    "the operator '{operator}' is not allowed; "
                    "allowed operators are + - * / **", operator=_OP_TEXT[type(op)]
                )
            case ast.BinOp(op=ast.BitXor()):
                raise FormulaError(
                    "'^' ({code}) is not a power here: use ** for powers, e.g. z**2",
                    code=self.seg(node)
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
            what = {str: Phrase("text"), bytes: Phrase("bytes"),
                    complex: Phrase("a complex number"), bool: "True/False"}
            kind = what.get(type(value)) or Phrase("the constant {value!r}", value=value)
            raise FormulaError("{what} ({code}) is not allowed; {hint}",
                               what=kind, code=self.seg(node), hint=_HINT)
        try:
            v = float(value)
        except OverflowError:
            v = math.inf
        if not math.isfinite(v):
            raise FormulaError(
                "the number {code} is too large; numbers must be below about 1e308",
                code=self.seg(node)
            )
        return Num(v)

    def name(self, name: str) -> Expr:
        if name in VARS:
            return Var(name)
        if name in CONSTS:
            return Num(CONSTS[name], name)
        if name in USER_FUNCS:
            raise FormulaError("'{name}' is a function: call it with parentheses, e.g. {name}(z)",
                               name=name)
        raise FormulaError("unknown name '{name}': use z, i, n, pi or e", name=name)

    def call(self, node: ast.Call) -> Expr:
        func = node.func
        if isinstance(func, ast.Attribute):
            raise self.refuse(func)
        if not isinstance(func, ast.Name):
            raise FormulaError(
                "only functions called by name can be used ({code} is not allowed), "
                "e.g. exp(z)", code=self.seg(node)
            )
        fn = func.id
        if fn in VARS or fn in CONSTS:
            raise FormulaError(
                "'{name}' is not a function, so {code} is not allowed; "
                "use * to multiply, e.g. {name}*(z + 1)", name=fn, code=self.seg(node)
            )
        if fn not in USER_FUNCS:
            raise FormulaError("function '{name}' is not allowed; allowed: {allowed}",
                               name=fn, allowed=_ALLOWED_FUNCS_TEXT)
        if node.keywords:
            raise FormulaError(
                "keyword arguments ({code}) are not allowed; "
                "pass plain arguments, e.g. {example}",
                code=self.seg(node.keywords[0]), example=self.example(fn)
            )
        for arg in node.args:
            if isinstance(arg, ast.Starred):
                raise self.refuse(arg)
        arity = USER_FUNCS[fn]
        if len(node.args) != arity:
            plural = Phrase("argument" if arity == 1 else "arguments")
            raise FormulaError(
                "{name} takes {count} {arguments} (got {got}); "
                "write it like {example}",
                name=fn, count=arity, arguments=plural, got=len(node.args), example=self.example(fn)
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
        where = (Phrase("column {column}", column=exc.offset) if exc.offset
                 else Phrase("an unknown position"))
        raise FormulaError("syntax error at {where}: {reason}",
                           where=where, reason=exc.msg) from None
    except (RecursionError, MemoryError) as exc:
        raise FormulaError("the formula is too complex to read ({error})",
                           error=type(exc).__name__) from None
    except Exception as exc:  # null bytes, surrogates, ...: the UI needs a single error type
        raise FormulaError("the formula cannot be read: {reason}", reason=exc) from None


def compile_formula(text: str) -> Formula:
    """Parse and check a user formula; raises only FormulaError."""
    if not isinstance(text, str):
        raise FormulaError("the formula must be text, not {type}", type=type(text).__name__)
    text = text.strip()
    if not text:
        raise FormulaError("the formula is empty; type an expression in z, e.g. exp(z)")
    if "\n" in text or "\r" in text:
        # One line, as typed in the window; quoted in messages, it must not break them either.
        raise FormulaError("the formula must be on one line; remove the line breaks")
    if len(text) > MAX_CHARS:
        raise FormulaError("the formula is too long ({length} characters; at most {limit})",
                           length=len(text), limit=MAX_CHARS)
    too_deep = FormulaError(
        "the formula is nested too deeply (more than {limit} levels); simplify it", limit=MAX_DEPTH)
    if _bracket_depth(text) > MAX_DEPTH:
        raise too_deep
    tree = _parse(text)
    count = sum(isinstance(node, ast.expr) for node in ast.walk(tree))
    if count > MAX_NODES:
        raise FormulaError(
            "the formula is too complex ({count} parts; at most {limit}); simplify it",
            count=count, limit=MAX_NODES
        )
    if _ast_depth(tree) > MAX_DEPTH:
        raise too_deep
    try:
        expr = _Parser(text).convert(tree)
        dexpr = derivative(expr)
        size, depth = measure(dexpr)
        if size > MAX_DERIVATIVE_NODES or depth > MAX_DERIVATIVE_DEPTH:
            raise FormulaError(
                "the derivative of this formula is too large ({count} parts; at most "
                "{limit}); simplify the formula", count=size, limit=MAX_DERIVATIVE_NODES
            )
        return Formula(text, to_text(dexpr), uses_z(expr) and not is_num(dexpr, 0), expr, dexpr)
    except (RecursionError, MemoryError) as exc:  # bounds above should make this unreachable
        raise FormulaError("the formula is too complex ({error})",
                           error=type(exc).__name__) from None
