"""Numbers formatted for people (`12%`, `$1,200`, `€1.200,50`, `(1,200)`) read as numbers."""

import csv
import io
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from attn_gui.core.io import read_table
from attn_gui.core.io.formats import read_formatted

FORMATTED = Path(__file__).parent.parent / "data" / "formatted"


def test_us_sales_percent_currency_parentheses_and_thousands():
    table = read_table(FORMATTED / "sales_us.csv")
    frame = table.frame
    assert frame["discount"].iloc[:3].tolist() == pytest.approx([0.12, 0.20, 0.10])
    assert frame["revenue"].iloc[:2].tolist() == [17871.46, 23157.01]
    # "($2,597.03)" in the file: an accounting negative
    assert frame["margin"].min() == pytest.approx(-2597.03)
    for name in ("discount", "revenue", "margin"):
        assert table.info(name).kind == "numeric" and table.info(name).excluded is None
    assert "percentages (divided by 100)" in table.info("discount").summary
    margin = table.info("margin").summary
    assert "currency $" in margin and "parentheses read as minus" in margin
    assert "thousands separators (decimal mark '.')" in margin
    assert "formatted" not in table.info("units").summary


def test_european_sales_comma_decimal_euro_after_and_spaced_percent():
    table = read_table(FORMATTED / "sales_eu.csv")
    assert (table.delimiter, table.decimal) == (";", ",")
    frame = table.frame
    # "10 %", "0 %", "12,5 %" and "13.848,15 €", "€248,46"
    assert frame["Rabatt"].iloc[:3].tolist() == pytest.approx([0.10, 0.0, 0.125])
    assert frame["Umsatz"].iloc[0] == 13848.15 and frame["Preis"].iloc[0] == 248.46
    assert "decimal mark ','" in table.info("Umsatz").summary


def test_yen_with_and_without_grouping():
    table = read_table(FORMATTED / "prices_jp.csv")
    assert table.frame["価格"].iloc[0] == 5681 and table.frame["売上"].iloc[0] == 304
    assert table.info("割引").kind == "numeric"


def test_summary_is_a_translatable_phrase():
    summary = read_table(FORMATTED / "sales_us.csv").info("margin").summary
    assert summary.template == "{summary}; read from formatted numbers: {stripped}"
    assert summary.values["summary"].template == "mean {mean}, range {span}"


@pytest.mark.parametrize(("values", "decimal", "expected"), [
    (["1,234,567", "2,000"], ".", [1234567, 2000]),  # grouping alone, no decimal part
    (["1.200,50", "3,00"], ".", [1200.5, 3.0]),  # the column shows its comma decimal
    (["1 234,5", "12,5"], ",", [1234.5, 12.5]),
    (["CHF 1'234.50", "-$3"], ".", [1234.5, -3]),  # Swiss grouping, a currency code
    (["−12%", "(3 %)"], ".", [-0.12, -0.03]),  # a Unicode minus; a negative percentage
])
def test_read_formatted(values, decimal, expected):
    read = read_formatted(np.array(values, dtype=object), decimal)
    assert read is not None and read.numbers.tolist() == pytest.approx(expected)


@pytest.mark.parametrize("values", [["12", "3.5"], ["abc", "12 apples"], ["1-2", "$"]])
def test_unformatted_or_text_is_not_read_as_formatted(values):
    read = read_formatted(np.array(values, dtype=object), ".")
    assert read is None or np.isnan(read.numbers).all()


def test_text_with_a_few_prices_stays_text(tmp_path):
    rows = "\n".join(f"item {i},{'$3' if i < 2 else f'note {i}'},{i % 2}" for i in range(30))
    path = tmp_path / "t.csv"
    path.write_text("what,price,y\n" + rows + "\n", encoding="utf-8")
    assert read_table(path).info("price").kind == "categorical"


# ----------------------------------------------------------------------- round trip

_STYLES = st.fixed_dictionaries({
    "decimal": st.sampled_from([".", ","]),
    "thousands": st.sampled_from(["", ",", ".", " ", "\u00a0", "'"]),
    "currency": st.sampled_from(["", "$", "€", "¥", "£", "USD "]),
    "after": st.booleans(),  # the currency symbol after the number
    "percent": st.booleans(),
    "parentheses": st.booleans(),  # negatives as (1,200) rather than -1,200
})


def _format(cents: int, style: dict) -> str:
    """`cents` / 100 written the way `style` says, always with two decimals (without
    them, "1.200" alone cannot tell a thousands point from a decimal one)."""
    text = f"{abs(cents) / 100:,.2f}"
    text = text.replace(",", "\0").replace(".", style["decimal"])
    text = text.replace("\0", style["thousands"])
    if style["percent"]:
        text += "%"
    elif style["currency"]:
        symbol = style["currency"].strip()
        text = f"{text} {symbol}" if style["after"] else style["currency"] + text
    if cents < 0:
        text = f"({text})" if style["parentheses"] else "-" + text
    return text


@given(cents=st.lists(st.integers(-10**11, 10**11), min_size=3, max_size=30), style=_STYLES)
def test_formatting_numbers_and_reading_them_back_gives_the_numbers(tmp_path_factory, cents,
                                                                    style):
    if style["thousands"] == style["decimal"]:
        style["thousands"] = ""
    delimiter = ";" if style["decimal"] == "," else ","
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerow(["amount", "label"])
    for i, c in enumerate(cents):
        writer.writerow([_format(c, style), "ab"[i % 2]])
    path = tmp_path_factory.mktemp("formats") / "amounts.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    table = read_table(path)
    expected = np.array(cents) / (10_000 if style["percent"] else 100)
    np.testing.assert_allclose(table.frame["amount"].to_numpy(np.float64), expected,
                               rtol=1e-12, atol=1e-15)
    assert table.info("amount").kind in ("numeric", "constant")
