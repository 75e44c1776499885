"""Workbooks read into the same Table as a CSV: layouts people make, sheets, refusals."""

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from attn_gui.cli import main
from attn_gui.core.io import TableError, read_table

openpyxl = pytest.importorskip("openpyxl")

REAL = Path(__file__).parent.parent / "data" / "real"
WORKBOOKS = Path(__file__).parent.parent / "data" / "workbooks"


@pytest.fixture(scope="module")
def penguins(tmp_path_factory) -> tuple[Path, Path]:
    """penguins.csv and the same rows in an .xlsx written by openpyxl."""
    folder = tmp_path_factory.mktemp("books")
    book = folder / "penguins.xlsx"
    pd.read_csv(REAL / "penguins.csv").to_excel(book, index=False, engine="openpyxl")
    return REAL / "penguins.csv", book


def same_table(a, b) -> None:
    assert [(c.name, c.kind, c.missing, c.n_unique, c.excluded, str(c.summary))
            for c in a.columns] == [(c.name, c.kind, c.missing, c.n_unique, c.excluded,
                                     str(c.summary)) for c in b.columns]
    for name in a.frame.columns:
        left, right = a.frame[name], b.frame[name]
        if left.dtype == np.float64:
            np.testing.assert_array_equal(left.to_numpy(), right.to_numpy())
        else:
            assert left.astype(object).where(left.notna(), None).tolist() == \
                right.astype(object).where(right.notna(), None).tolist()


def test_a_sheet_gives_the_same_table_as_its_csv(penguins):
    csv, book = penguins
    table = read_table(book)
    assert (table.sheet, table.sheets) == ("Sheet1", ["Sheet1"])
    same_table(read_table(csv), table)


def test_a_workbook_trains_to_the_same_metrics_as_its_csv(penguins, capsys):
    results = []
    for path in penguins:
        assert main(["train", str(path), "--epochs", "15", "--seed", "3", "--json"]) == 0
        results.append(json.loads(capsys.readouterr().out))
    csv, book = results
    assert book["reader"]["sheet"] == "Sheet1" and "sheet" not in csv["reader"]
    assert book["metrics"] == csv["metrics"] and book["attention"] == csv["attention"]


def _chinese_book(path: Path) -> None:
    book = openpyxl.Workbook()
    notes = book.active
    notes.title = "说明"
    sheet = book.create_sheet("销售数据")
    sheet.append(["地区", "销售额", "利润率", "是否流失"])
    rng = np.random.default_rng(1)
    for i in range(40):
        sheet.append([["华北", "华南", "西部"][i % 3], float(rng.integers(100, 9000)),
                      round(float(rng.random()), 3), ["是", "否"][int(rng.random() < 0.4)]])
    book.move_sheet("销售数据", offset=-1)  # the data first, then the notes
    notes["A1"] = "数据来源：内部系统"
    book.save(path)


def test_chinese_sheet_and_column_names_and_choosing_a_sheet(tmp_path, capsys):
    path = tmp_path / "销售.xlsx"
    _chinese_book(path)
    table = read_table(path)
    assert table.sheet == "销售数据" and table.sheets == ["销售数据", "说明"]
    assert [c.name for c in table.columns] == ["地区", "销售额", "利润率", "是否流失"]
    assert table.info("销售额").kind == "numeric" and table.default_target() == "是否流失"
    assert read_table(path, sheet="销售数据").n_rows == read_table(path, sheet=1).n_rows == 40
    assert main(["inspect", str(path), "--sheet", "销售数据", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["sheet"] == "销售数据" and shown["sheets"] == ["销售数据", "说明"]
    assert main(["inspect", str(path)]) == 0
    assert "sheet '销售数据'" in capsys.readouterr().out.splitlines()[0]
    assert main(["inspect", str(path), "--sheet", "3"]) == 2
    assert capsys.readouterr().err.strip() == (
        "error: the workbook '销售.xlsx' has no sheet '3'; its sheets are: '销售数据', '说明'")
    with pytest.raises(TableError, match="header but no data rows"):
        read_table(path, sheet="说明")


def test_title_line_empty_margins_and_a_merged_two_row_header(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet["B2"] = "Quarterly sales 2024"  # a title, then an empty row, the table from B4
    sheet.append([])
    header = [None, "region", "Sales", None, "Returns", None, "churned"]
    sheet.append(header)
    sheet.append([None, None, "Q1", "Q2", "Q1", "Q2", None])
    sheet.merge_cells("C4:D4")
    sheet.merge_cells("E4:F4")
    rng = np.random.default_rng(2)
    for i in range(30):
        sheet.append([None, ["north", "south"][i % 2], *rng.integers(1, 100, 4).tolist(),
                      ["yes", "no"][i % 3 == 0]])
    path = tmp_path / "layout.xlsx"
    book.save(path)
    table = read_table(path)
    assert [c.name for c in table.columns] == ["region", "Sales Q1", "Sales Q2", "Returns Q1",
                                               "Returns Q2", "churned"]
    assert table.n_rows == 30 and table.info("Sales Q1").kind == "numeric"
    assert table.info("churned").kind == "boolean"
    assert any("'Quarterly sales 2024'" in w for w in table.warnings)
    assert any("two rows" in w for w in table.warnings)


def test_ods_with_dates_percentages_and_an_index_column(tmp_path):
    pytest.importorskip("odf")
    frame = pd.DataFrame({
        "day": pd.date_range("2024-01-01", periods=50, freq="D"),
        "share": np.linspace(0.05, 0.5, 50),
        "note": ["ok", "late"] * 25,
        "y": [0, 1, 1, 0, 1] * 10,
    })
    path = tmp_path / "days.ods"
    frame.to_excel(path, engine="odf")  # with pandas' index as an unnamed first column
    table = read_table(path)
    assert table.columns[0].kind == "id"
    day = table.info("day")
    assert day.kind == "date" and table.frame["day"].iloc[0] == pd.Timestamp("2024-01-01")
    np.testing.assert_allclose(table.frame["share"], frame["share"])


def test_xlsm_reads_like_xlsx(penguins, tmp_path):
    macro = tmp_path / "penguins.xlsm"
    macro.write_bytes(penguins[1].read_bytes())
    assert read_table(macro).n_rows == 344


def test_a_workbook_without_a_data_sheet_is_refused(tmp_path, capsys):
    book = openpyxl.Workbook()
    book.create_sheet("Chart")
    path = tmp_path / "empty.xlsx"
    book.save(path)
    assert main(["inspect", str(path)]) == 2
    assert capsys.readouterr().err.strip() == (
        "error: the workbook 'empty.xlsx' has no sheet with data (only empty sheets, charts "
        "or macros)")


def test_a_password_protected_workbook_is_refused(penguins, tmp_path, capsys):
    msoffcrypto = pytest.importorskip("msoffcrypto")
    from msoffcrypto.format.ooxml import OOXMLFile

    locked = tmp_path / "locked.xlsx"
    with open(penguins[1], "rb") as plain, open(locked, "wb") as out:
        OOXMLFile(plain).encrypt("secret", out)
    with open(locked, "rb") as sealed:
        assert msoffcrypto.OfficeFile(sealed).is_encrypted()
    assert main(["train", str(locked)]) == 2
    assert capsys.readouterr().err.strip() == (
        "error: the workbook 'locked.xlsx' is protected by a password; save a copy without the "
        "password (or as CSV) and open that")


def test_sheet_on_a_csv_is_refused(capsys):
    assert main(["inspect", str(REAL / "penguins.csv"), "--sheet", "1"]) == 2
    assert "has no sheets" in capsys.readouterr().err


def test_predict_on_a_workbook_names_the_sheet(penguins, tmp_path, capsys):
    model = tmp_path / "m.atm"
    assert main(["train", str(penguins[0]), "--epochs", "3", "--save", str(model)]) == 0
    capsys.readouterr()
    out = tmp_path / "scored.csv"
    assert main(["predict", str(model), str(penguins[1]), "--output", str(out), "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["sheet"] == "Sheet1" and summary["rows"] == 344
    assert len(pd.read_csv(out)) == 344


@pytest.mark.parametrize(("book", "csv"), [
    ("pima_tr2.ods", "pima_tr2.csv"),  # LibreOffice Calc 7.4 exports of the CSVs
    ("pima_tr2.xls", "pima_tr2.csv"),
    ("seattle_weather.xlsx", "seattle_weather.csv"),  # its dates became date cells
])
def test_libreoffice_exports_train_to_the_same_metrics_as_the_csv(book, csv, capsys):
    same_table(read_table(REAL / csv), read_table(WORKBOOKS / book))
    results = []
    for path in (WORKBOOKS / book, REAL / csv):
        assert main(["train", str(path), "--epochs", "10", "--json"]) == 0
        results.append(json.loads(capsys.readouterr().out))
    assert results[0]["metrics"] == results[1]["metrics"]
    assert results[0]["features"] == results[1]["features"]


def test_valid_data_reads_the_sheet_valid_sheet_names(tmp_path, capsys):
    """--valid-sheet is to --valid-data what --sheet is to the training data."""
    frame = pd.read_csv(REAL / "penguins.csv").sample(frac=1.0, random_state=0)
    train, valid_csv, book = tmp_path / "train.csv", tmp_path / "valid.csv", tmp_path / "v.xlsx"
    frame.iloc[:250].to_csv(train, index=False)
    frame.iloc[250:].to_csv(valid_csv, index=False)
    with pd.ExcelWriter(book, engine="openpyxl") as writer:
        pd.DataFrame({"note": ["not the data"]}).to_excel(writer, sheet_name="readme",
                                                          index=False)
        frame.iloc[250:].to_excel(writer, sheet_name="valid", index=False)
    common = ["train", str(train), "--epochs", "10", "--target", "species", "--json"]
    results = []
    for extra in (["--valid-data", str(valid_csv)],
                  ["--valid-data", str(book), "--valid-sheet", "valid"],
                  ["--valid-data", str(book), "--valid-sheet", "2"]):
        assert main([*common, *extra]) == 0
        results.append(json.loads(capsys.readouterr().out))
    assert results[1]["reader"]["valid_sheet"] == results[2]["reader"]["valid_sheet"] == "valid"
    assert "valid_sheet" not in results[0]["reader"]
    assert results[0]["n_valid"] == results[1]["n_valid"] == len(frame) - 250
    assert results[0]["metrics"] == results[1]["metrics"] == results[2]["metrics"]
    assert main([*common, "--valid-sheet", "valid"]) == 2
    assert capsys.readouterr().err.strip() == (
        "error: --valid-sheet chooses a sheet of the --valid-data workbook; give --valid-data too")
    assert main([*common, "--valid-data", str(book), "--valid-sheet", "sales"]) == 2
    assert "has no sheet 'sales'; its sheets are: 'readme', 'valid'" in capsys.readouterr().err
