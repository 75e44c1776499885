"""Numbers formatted for people: `12%`, `12,5 %`, `$1,200`, `€1.200,50`, `¥3000`, `(1,200)`.

Such a column is text to pandas. Here its distinct values are stripped of currency
symbols, percent signs, accounting parentheses and thousands separators, and read as
numbers; what was stripped is said in the column's summary. A percentage is read as a
fraction (`12%` is 0.12), as a spreadsheet stores a cell formatted as a percentage, so a
workbook and its CSV export agree.

The decimal mark is the column's own where its values show it (`1.200,50`: the last mark
is the decimal one; `12,5`: a comma before fewer or more than three digits), else the
file's; the other mark, spaces and apostrophes then only group digits by three.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from ..errors import Phrase

_SYMBOLS = "$€£¥₹₩₽¢"
_CODES = ("USD", "EUR", "GBP", "JPY", "CNY", "RMB", "CHF", "CAD", "AUD", "INR", "US$", "R$")
_SPACES = " \u00a0\u202f\u2009"
_CURRENCY = "(?:[" + re.escape(_SYMBOLS) + "]|" + "|".join(re.escape(c) for c in _CODES) + ")"
# sign, currency, sign, digits with any grouping, percent or currency after
_SHAPE = re.compile(
    rf"(?P<sign1>[-+\u2212]?)[{_SPACES}]*(?P<before>{_CURRENCY}?)[{_SPACES}]*(?P<sign2>[-+\u2212]?)"
    rf"[{_SPACES}]*(?P<digits>[\d.,'’{_SPACES}]*\d[\d.,'’{_SPACES}]*)"
    rf"[{_SPACES}]*(?P<after>%|{_CURRENCY})?"
)
_GROUPED = {
    ".": re.compile(r"\d{1,3}(,\d{3})*(\.\d*)?|\.\d+"),
    ",": re.compile(r"\d{1,3}(\.\d{3})*(,\d*)?|,\d+"),
}
_PLAIN = {".": re.compile(r"\d+(\.\d*)?|\.\d+"), ",": re.compile(r"\d+(,\d*)?|,\d+")}
# a grouping mark, then the other mark: the decimal one (group 2)
_BOTH_MARKS = re.compile(r"\d([.,])\d{3}(?:\1\d{3})*(?!\1)([.,])\d")
_COMMA_DECIMAL = re.compile(r"(?:^|[^\d,])\d+,(?:\d{1,2}|\d{4,})(?:$|[^\d,])")


@dataclass
class Formatted:
    numbers: np.ndarray  # float64 for each distinct value, NaN where it is not a number
    summary: Phrase  # what was stripped, for the column's summary


def read_formatted(values: np.ndarray, decimal: str) -> Formatted | None:
    """Numbers for `values` (distinct stripped strings) read as formatted numbers; None
    when none of them holds any formatting (the plain reading stands)."""
    mark = _column_decimal(values, decimal)
    numbers = np.full(len(values), np.nan)
    seen = {"percent": False, "negative": False, "grouped": False}
    currencies: dict[str, None] = {}
    for i, value in enumerate(values):
        parsed = _one(str(value), mark, seen, currencies)
        if parsed is not None:
            numbers[i] = parsed
    if not (any(seen.values()) or currencies):
        return None
    return Formatted(numbers, _summary(seen, currencies, mark))


def _column_decimal(values: np.ndarray, decimal: str) -> str:
    """The column's decimal mark when its values show one, else the file's."""
    marks = {m: 0 for m in ".,"}
    for value in values[:2000]:
        both = _BOTH_MARKS.search(str(value))
        if both:
            marks[both.group(2)] += 1
        elif _COMMA_DECIMAL.search(str(value)):
            marks[","] += 1
    if marks[","] > marks["."]:
        return ","
    if marks["."] > marks[","]:
        return "."
    return decimal


def _one(value: str, mark: str, seen: dict[str, bool], currencies: dict[str, None]) -> float | None:
    negative = value.startswith("(") and value.endswith(")")
    if negative:
        value = value[1:-1].strip(_SPACES)
    shape = _SHAPE.fullmatch(value)
    if shape is None:
        return None
    sign1, sign2 = shape.group("sign1"), shape.group("sign2")
    before, after = shape.group("before"), shape.group("after") or ""
    if (sign1 and sign2) or (before and after) or (negative and (sign1 or sign2)):
        return None
    digits = shape.group("digits").strip(_SPACES)
    for space in _SPACES + "'’":
        digits = digits.replace(space, "," if mark == "." else ".")
    if _PLAIN[mark].fullmatch(digits):
        grouped = False
    elif _GROUPED[mark].fullmatch(digits):
        grouped = True
    else:
        return None
    number = float(digits.replace("," if mark == "." else ".", "").replace(",", "."))
    if "-" in sign1 + sign2 or "\u2212" in sign1 + sign2 or negative:
        number = -number
    if after == "%":
        number /= 100
        seen["percent"] = True
    elif after:
        currencies[after] = None
    if before:
        currencies[before] = None
    seen["negative"] |= negative
    seen["grouped"] |= grouped
    return number


def _summary(seen: dict[str, bool], currencies: dict[str, None], mark: str) -> Phrase:
    parts: list[Phrase] = []
    if currencies:
        parts.append(Phrase("currency {symbols}", symbols=" ".join(currencies)))
    if seen["percent"]:
        parts.append(Phrase("percentages (divided by 100)"))
    if seen["negative"]:
        parts.append(Phrase("parentheses read as minus"))
    if seen["grouped"]:
        parts.append(Phrase("thousands separators (decimal mark '{mark}')", mark=mark))
    stripped = parts[0]
    for part in parts[1:]:
        stripped = Phrase("{first}, {then}", first=stripped, then=part)
    return stripped


def with_formats(summary: Phrase, formats: Phrase | None) -> Phrase:
    """A numeric column's summary, followed by what was stripped to read its numbers."""
    if formats is None:
        return summary
    return Phrase("{summary}; read from formatted numbers: {stripped}", summary=summary,
                  stripped=formats)
