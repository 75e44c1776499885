"""Score formulas s(z, i, n) typed by the user, with an exact symbolic derivative ds/dz.

The text is untrusted, so it is never eval'd or compiled to code: ``ast.parse`` reads it and
only a whitelist of node types is turned into a small immutable expression tree (`parse`,
`expression`). The same tree is evaluated with NumPy (`evaluate`) and differentiated
symbolically (`derivative`), so training gets exact gradients.
"""

from .check import check_score
from .evaluate import BoundFormula, Formula
from .parse import FormulaError, compile_formula

__all__ = ["BoundFormula", "Formula", "FormulaError", "check_score", "compile_formula"]
