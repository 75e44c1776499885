"""Score formulas: safe parsing, refusals with clear messages, and exact derivatives."""

from __future__ import annotations

import warnings
import zlib

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from attn_gui.core.formula import Formula, FormulaError, compile_formula

D = 6
IDX = np.arange(D)

# --------------------------------------------------------------------------- derivative vs FD


def five_point(f: Formula, z: np.ndarray, h: float = 1e-3) -> np.ndarray:
    s = lambda dz: f.score(z + dz, IDX, D)  # noqa: E731
    return (-s(2 * h) + 8 * s(h) - 8 * s(-h) + s(-2 * h)) / (12 * h)


def away_from(z: np.ndarray, kinks: tuple[float, ...], gap: float = 0.05) -> np.ndarray:
    keep = np.ones(z.shape, dtype=bool)
    for k in kinks:
        keep &= np.abs(z - k) > gap
    return z[keep]


# (formula, z range, kink locations to avoid)
FD_CASES = [
    ("exp(z)", (-3, 3), ()),
    ("exp(z/0.5)", (-3, 2), ()),
    ("softplus(z)", (-5, 5), ()),
    ("relu(z)+0.01", (-2, 2), (0.0,)),
    ("z**2+1", (-3, 3), ()),
    ("exp(z)*0.9**i", (-2, 2), ()),
    ("sigmoid(z)*(n-i)", (-5, 5), ()),
    ("sqrt(z**2+1)", (-3, 3), ()),
    ("abs(z)+1", (-2, 2), (0.0,)),
    ("max(z, 0)+1e-3", (-2, 2), (0.0,)),
    ("exp(-(z-1)**2)", (-2, 3), ()),
    ("log(1+exp(z))", (-5, 5), ()),
    ("2**z", (-3, 3), ()),
    ("z**z", (0.2, 2.5), ()),
    ("tanh(z)+1.5", (-3, 3), ()),
    ("cos(z)+2", (-3, 3), ()),
    ("min(z,1)+3", (-2, 3), (1.0,)),
    ("sin(z)**2 + z/(1+z**2)", (-3, 3), ()),
    ("z**i + 1", (0.2, 2.5), ()),
    ("log(z)*sqrt(z) - 1/z", (0.2, 3), ()),
    ("-z**3/(n + i) + pi*e**z", (-2, 2), ()),
    ("abs(sin(z))**1.5 + relu(z - 0.5)*i", (-3, 3), (0.0, 0.5)),
    ("max(sigmoid(z), 0.5 + tanh(z))", (-3, 3), (0.0,)),
]


@pytest.mark.parametrize(("text", "span", "kinks"), FD_CASES)
def test_dscore_matches_finite_differences(text, span, kinks):
    f = compile_formula(text)
    rng = np.random.default_rng(zlib.crc32(text.encode()))
    z = away_from(rng.uniform(*span, size=(40, D)), kinks).reshape(-1, 1)
    ds = f.dscore(z, IDX, D)
    fd = five_point(f, z)
    assert ds.shape == fd.shape == (z.shape[0], D)
    assert np.all(np.isfinite(ds))
    np.testing.assert_allclose(ds, fd, rtol=1e-6, atol=1e-10)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("exp(z)", "exp(z)"),
        ("exp(z/0.5)", "2*exp(z/0.5)"),
        ("z**2+1", "2*z"),
        ("z*1 + 0", "1"),
        ("sqrt(z**2+1)", "z/sqrt(z**2 + 1)"),
        ("log(1+exp(z))", "exp(z)/(1 + exp(z))"),
        ("cos(z)+2", "-sin(z)"),
        ("softplus(z)", "sigmoid(z)"),
        ("relu(z)+0.01", "where(z > 0, 1, 0)"),
        ("max(z, 0)+1e-3", "where(z >= 0, 1, 0)"),
        ("abs(z)+1", "sign(z)"),
        ("exp(z)*0.9**i", "exp(z)*0.9**i"),
        ("exp(z*pi)", "pi*exp(z*pi)"),
        ("1", "0"),
        ("i+1", "0"),
    ],
)
def test_derivative_text(text, expected):
    assert compile_formula(text).derivative_text == expected


@pytest.mark.parametrize(
    "text",
    ["exp(z)", "z**2+1", "sqrt(z**2+1)", "log(1+exp(z))", "sigmoid(z)*(n-i)", "2**z", "z**z"],
)
def test_derivative_text_is_itself_a_formula_for_dscore(text):
    f = compile_formula(text)
    g = compile_formula(f.derivative_text)
    z = np.linspace(0.1, 2.0, 12).reshape(2, D)
    np.testing.assert_allclose(g.score(z, IDX, D), f.dscore(z, IDX, D), rtol=1e-12)


def test_public_attributes_and_uses_z():
    f = compile_formula("  exp(z) * 0.9**i  ")
    assert f.text == "exp(z) * 0.9**i"
    assert f.uses_z
    assert not compile_formula("1").uses_z
    assert not compile_formula("i+1").uses_z
    assert not compile_formula("n - i + pi*e").uses_z
    assert not compile_formula("z - z + 1").uses_z  # derivative is exactly 0: nothing to learn


# --------------------------------------------------------------------------- evaluation contract


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_dtype_and_broadcast_shape(dtype):
    z = np.linspace(-1, 1, 3 * D, dtype=dtype).reshape(3, D)
    for text in ["exp(z)*0.9**i", "sigmoid(z)*(n-i)", "1", "i+1", "z", "max(z, 0)+1e-3"]:
        f = compile_formula(text)
        for out in (f.score(z, IDX, D), f.dscore(z, IDX, D)):
            assert out.dtype == dtype
            assert out.shape == (3, D)
            assert out.flags.writeable


def test_result_never_aliases_the_input():
    z = np.ones(D)
    s = compile_formula("z").score(z, IDX, D)
    s[:] = 5.0
    assert np.all(z == 1.0)


def test_non_finite_values_are_returned_not_raised():
    z = np.array([-1.0, 0.0, 1.0, 1000.0, np.nan, np.inf])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for text in ["log(z)", "1/z", "sqrt(z)", "exp(z)", "z**z", "log(z)*0"]:
            f = compile_formula(text)
            s, ds = f.score(z, IDX, D), f.dscore(z, IDX, D)
            assert s.shape == ds.shape == (D,)
        assert np.isnan(compile_formula("log(z)").score(z, IDX, D)[0])
        assert np.isinf(compile_formula("1/z").score(z, IDX, D)[1])
        s32 = compile_formula("exp(z)").score(z.astype(np.float32), IDX, D)
        assert s32.dtype == np.float32 and np.isinf(s32[3])


def test_sigmoid_and_softplus_are_stable():
    z = np.array([-1000.0, -50.0, 0.0, 50.0, 1000.0])
    i = np.arange(5)
    assert np.allclose(compile_formula("sigmoid(z)").score(z, i, 5), [0, 0, 0.5, 1, 1])
    assert np.allclose(compile_formula("softplus(z)").score(z, i, 5), [0, 0, np.log(2), 50, 1000])
    assert np.all(np.isfinite(compile_formula("softplus(z)").dscore(z, i, 5)))


# --------------------------------------------------------------------------- refusals


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("z.__class__", "attribute access ('z.__class__') is not allowed"),
        ("().__class__", "attribute access"),
        ("z.real", "attribute access ('z.real')"),
        ("np.exp(z)", "attribute access ('np.exp')"),
        ("open('x')", "function 'open' is not allowed; allowed: abs, cos, exp"),
        ("__import__('os')", "function '__import__' is not allowed"),
        ("eval('1')", "function 'eval' is not allowed"),
        ("lambda: 1", "lambda"),
        ("(lambda x: x)(z)", "only functions called by name"),
        ("x+1", "unknown name 'x': use z, i, n, pi or e"),
        ("z[0]", "indexing ('z[0]') is not allowed"),
        ("'abc'", "text"),
        ("b'abc'", "bytes"),
        ("1j", "complex number"),
        ("True", "True/False"),
        ("exp(z, out=1)", "keyword arguments ('out=1') are not allowed"),
        ("exp(**{})", "keyword arguments"),
        ("exp(*z)", "starred argument"),
        ("exp(z, 1)", "exp takes 1 argument (got 2)"),
        ("max(z)", "max takes 2 arguments (got 1)"),
        ("z^2", "use ** for powers"),
        ("z % 2", "the operator '%' is not allowed"),
        ("z // 2", "the operator '//' is not allowed"),
        ("~z", "the operator '~' is not allowed"),
        ("not z", "the operator 'not' is not allowed"),
        ("z < 1", "comparison"),
        ("z and 1", "'and'/'or'"),
        ("z if i else 1", "if/else"),
        ("(w := 1)", "assignment (:=)"),
        ("f'{z}'", "f-string"),
        ("[z]", "a list"),
        ("(z, 1)", "a tuple"),
        ("{z: 1}", "a dict"),
        ("{z}", "a set"),
        ("[x for x in z]", "comprehension"),
        ("z(2)", "'z' is not a function"),
        ("exp + 1", "'exp' is a function: call it with parentheses"),
        ("exp(z", "syntax error at column"),
        ("2z", "syntax error at column 1"),
        ("", "the formula is empty"),
        ("   ", "the formula is empty"),
        ("z" + " + z" * 150, "the formula is too long (601 characters; at most 500)"),
        ("(" * 100 + "z" + ")" * 100, "nested too deeply"),
        ("exp(" * 45 + "z" + ")" * 45, "nested too deeply"),
        ("-" * 150 + "z", "nested too deeply"),
        ("+".join(["z"] * 150), "too complex (299 parts; at most 200)"),
        ("9" * 400, "is too large"),
        ("1e999", "is too large"),
        ("a\x00", "syntax error"),
        ("1if z else 2", "syntax error at column 1"),
    ],
)
def test_refusals_name_the_reason(text, fragment):
    with pytest.raises(FormulaError) as info:
        compile_formula(text)
    message = str(info.value)
    assert fragment in message
    assert "\n" not in message


def test_formula_error_is_a_value_error():
    assert issubclass(FormulaError, ValueError)
    with pytest.raises(FormulaError):
        compile_formula(None)  # type: ignore[arg-type]


def test_derivative_size_is_capped():
    chain = "**".join(["z"] * 39)  # depth 39, 77 nodes, but a quadratic derivative
    compile_formula(chain)
    with pytest.raises(FormulaError, match="derivative of this formula is too large"):
        compile_formula(f"{chain} + {chain}")


def test_no_eval_or_exec_in_module():
    from pathlib import Path

    import attn_gui.core.formula as package

    sources = sorted(Path(package.__file__).parent.glob("*.py"))
    assert len(sources) > 1  # every module of the package, not its __init__ alone
    for path in sources:
        source = path.read_text(encoding="utf-8")
        for banned in ("eval(", "exec(", "pickle", "compile(", "PySide6", "Qt"):
            assert banned not in source.replace("compile_formula(", "").replace("_eval(", ""), path


# --------------------------------------------------------------------------- fuzzing

FUZZ_Z = np.array([-2.5, -1.0, -0.0, 0.0, 0.5, 3.0])
FUNCS = ["exp", "log", "sqrt", "abs", "tanh", "sigmoid", "softplus", "relu", "sin", "cos"]
NAMES = ["z", "i", "n", "pi", "e", *FUNCS, "max", "min"]
ALPHABET = "".join(sorted(set("".join(NAMES)))) + "0123456789+-*/^(),. "
TOKENS = [*NAMES, "(", ")", ",", "**", "+", "-", "*", "/", "^", ".", " ", "1", "0.5", "1e", "_"]


def compile_or_refuse(text: str) -> Formula | None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the parser's SyntaxWarnings must not leak either
        try:
            return compile_formula(text)
        except FormulaError:
            return None


def evaluate_quietly(f: Formula) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for z in (FUZZ_Z, FUZZ_Z.astype(np.float32)):
            for out in (f.score(z, IDX, D), f.dscore(z, IDX, D)):
                assert out.shape == (D,) and out.dtype == z.dtype


FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(st.text())
def test_arbitrary_text_only_raises_formula_error(text):
    f = compile_or_refuse(text)
    if f is not None:
        evaluate_quietly(f)


@FUZZ
@given(st.text(alphabet=ALPHABET, max_size=60))
def test_formula_alphabet_only_raises_formula_error(text):
    f = compile_or_refuse(text)
    if f is not None:
        evaluate_quietly(f)


@FUZZ
@given(st.lists(st.sampled_from(TOKENS), max_size=30).map("".join))
def test_formula_tokens_only_raise_formula_error(text):
    f = compile_or_refuse(text)
    if f is not None:
        evaluate_quietly(f)


LEAVES = st.sampled_from(["z", "z", "z", "i", "n", "pi", "e", "0.5", "2", "3", "1.5", "1e-3"])


def expressions(depth: int) -> st.SearchStrategy[str]:
    if depth == 0:
        return LEAVES
    sub = expressions(depth - 1)
    return st.one_of(
        LEAVES,
        st.builds("{}({})".format, st.sampled_from(FUNCS), sub),
        st.builds("-({})".format, sub),
        st.builds("({}){}({})".format, sub, st.sampled_from(["+", "-", "*", "/", "**"]), sub),
        st.builds("{}({}, {})".format, st.sampled_from(["max", "min"]), sub, sub),
    )


# Irrational-looking points, so kinks at "nice" values (0, 0.5, 1, pi, ...) are never hit exactly.
GRID = np.array([-2.3719, -1.4142, -0.5713, 0.3173, 1.2399, 2.6651])


def test_random_valid_formulas_have_exact_derivatives():
    compared: list[int] = []

    @settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(expressions(4))
    def check(text):
        f = compile_formula(text)  # every grammar string must compile
        evaluate_quietly(f)
        z, h = GRID, 1e-3
        with np.errstate(all="ignore"):
            s = lambda dz: f.score(z + dz, IDX, D)  # noqa: E731
            s0, sp, sm, sp2, sm2 = s(0), s(h), s(-h), s(h / 2), s(-h / 2)
            ds = f.dscore(z, IDX, D)
            fd1, fd2 = (sp - sm) / (2 * h), (sp2 - sm2) / h
            rich = (4 * fd2 - fd1) / 3
            # A kink inside the stencil shows up as second differences that scale like 1/h.
            sd1, sd2 = (sp - 2 * s0 + sm) / h**2, (sp2 - 2 * s0 + sm2) / (h / 2) ** 2
            big = np.max(np.abs([s0, sp, sm]), axis=0)
            noise = 1e3 * np.finfo(float).eps * (1 + big)
            tol = 1e-5 * (1 + np.abs(rich)) + noise / h
            usable = (
                np.all(np.isfinite([s0, sp, sm, sp2, sm2, ds]), axis=0)
                & (big < 1e6)
                & (np.abs(ds) < 1e6)
                & (np.abs(fd1 - fd2) <= tol)
                & (np.abs(sd1 - sd2) <= 1e-2 * (1 + np.abs(sd1)) + noise / h**2)
            )
        bad = usable & ~(np.abs(ds - rich) <= tol)
        assert not bad.any(), (text, z[bad], ds[bad], rich[bad])
        compared.append(int(usable.sum()))

    check()
    assert sum(compared) > 800  # the check above must actually have compared something
