"""read_table on real exports and on the awkward files analysts really have."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from attn_gui.core.io import ColumnInfo, Table, TableError, infer_task, read_table
from attn_gui.core.io.distinct import count_distinct_floats

REAL = Path(__file__).parent.parent / "data" / "real"


def write(tmp_path: Path, data: bytes | str, name: str = "data.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def kinds(table: Table) -> dict[str, str]:
    return {c.name: c.kind for c in table.columns}


# --------------------------------------------------------------------------- real data


def test_chile_index_column_missing_votes_and_text_categories():
    table = read_table(REAL / "chile.csv")
    assert (table.encoding, table.delimiter, table.decimal) == ("utf-8", ",", ".")
    first = table.columns[0]
    assert first.name == "Unnamed: 0" and first.kind == "id"
    assert "index" in first.excluded
    vote = table.info("vote")
    assert vote.kind == "categorical" and vote.missing > 0 and vote.excluded is None
    assert vote.missing == pd.read_csv(REAL / "chile.csv")["vote"].isna().sum()
    assert table.info("region").kind == "categorical"
    assert table.info("statusquo").kind == "numeric"
    assert table.default_target() == "vote"
    assert "Unnamed: 0" not in table.default_features("vote")
    assert table.frame["vote"].dtype.kind == "O"
    assert table.n_rows == 2700


def test_penguins_kinds_and_missing_match_pandas():
    table = read_table(REAL / "penguins.csv")
    reference = pd.read_csv(REAL / "penguins.csv")
    assert list(table.frame.columns) == list(reference.columns)
    assert table.n_rows == len(reference)
    for column in table.columns:
        assert column.missing == reference[column.name].isna().sum(), column.name
        numeric = pd.api.types.is_numeric_dtype(reference[column.name])
        assert (column.kind == "numeric") == numeric, column.name
        assert column.n_unique == reference[column.name].nunique(), column.name
    assert kinds(table)["species"] == "categorical"
    assert table.info("species").summary.startswith("3 levels: Adelie")
    assert table.default_target() == "species"  # named like a label
    np.testing.assert_allclose(table.frame["body_mass_g"], reference["body_mass_g"])


def test_mroz_semicolon_decimal_comma_matches_the_comma_file():
    table = read_table(REAL / "mroz_semicolon_decimal_comma.csv")
    plain = read_table(REAL / "mroz.csv")
    assert (table.delimiter, table.decimal) == (";", ",")
    hearnw = table.frame["hearnw"]
    assert table.info("hearnw").kind == "numeric"
    assert (hearnw != hearnw.round()).any()  # decimals survived the comma
    for name in table.frame.columns:
        np.testing.assert_allclose(table.frame[name], plain.frame[name], err_msg=name)
    assert plain.info("Unnamed: 0").kind == "id"
    assert table.info("work").kind == plain.info("work").kind == "boolean"


def test_pima_gb18030_chinese_headers():
    table = read_table(REAL / "pima_zh_gb18030.csv")
    assert table.encoding == "gb18030"
    assert list(table.frame.columns) == [
        "怀孕次数",
        "血糖",
        "血压",
        "皮褶厚度",
        "体重指数",
        "遗传系数",
        "年龄",
        "糖尿病",
    ]
    assert table.default_target() == "糖尿病"
    assert table.info("糖尿病").kind == "categorical"
    assert set(table.frame["糖尿病"]) == {"是", "否"}
    english = read_table(REAL / "pima_tr2.csv")
    np.testing.assert_allclose(table.frame["血糖"], english.frame["glu"])
    assert table.info("皮褶厚度").missing == english.info("skin").missing > 0
    assert table.warnings == []


def test_pima_r_export():
    table = read_table(REAL / "pima_tr2.csv")
    assert table.info("Unnamed: 0").excluded is not None
    assert table.info("type").kind == "boolean"
    assert table.info("type").summary.endswith("% Yes")
    assert table.info("type").labels == ("No", "Yes")
    assert table.default_features("type") == ["npreg", "glu", "bp", "skin", "bmi", "ped", "age"]


def test_seattle_date_is_a_date_feature_and_weather_the_target():
    table = read_table(REAL / "seattle_weather.csv")
    date = table.info("date")
    assert date.kind == "date" and date.excluded is None and date.order == "iso"
    assert str(table.frame["date"].iloc[0]) == "2012-01-01 00:00:00"
    assert table.default_target() == "weather"
    assert table.default_features("weather") == ["date", "precipitation", "temp_max",
                                                 "temp_min", "wind"]
    assert infer_task(table.frame["weather"], "categorical") == "classification"
    assert infer_task(table.frame["temp_max"], "numeric") == "regression"


@pytest.mark.parametrize("name", sorted(p.name for p in REAL.glob("*.csv")))
def test_every_real_file_gives_float_or_text_columns(name):
    table = read_table(REAL / name)
    assert table.n_rows > 100 and table.warnings == []
    for column in table.columns:
        dtype = table.frame[column.name].dtype
        if column.kind in ("numeric", "boolean"):
            assert dtype == np.float64
        elif column.kind == "date":
            assert dtype == "datetime64[ns]"
        elif column.kind == "categorical":
            assert dtype.kind == "O"
            values = table.frame[column.name].dropna()
            assert all(isinstance(v, str) for v in values)


# --------------------------------------------------------------------------- encodings


def test_utf8_bom_is_stripped(tmp_path):
    table = read_table(write(tmp_path, "\ufeffname,value\nä,1\nö,2\n".encode()))
    assert table.encoding == "utf-8-sig"
    assert list(table.frame.columns) == ["name", "value"]
    assert list(table.frame["name"]) == ["ä", "ö"]


def test_latin1_accents(tmp_path):
    data = "name,city\nJosé,Zürich\nAnna,Köln\nÅsa,Malmö\n".encode("latin-1")
    table = read_table(write(tmp_path, data))
    assert table.encoding == "latin-1"
    assert list(table.frame["city"]) == ["Zürich", "Köln", "Malmö"]
    assert any("Latin-1" in w for w in table.warnings)


def test_windows_1252_quotes_and_euro(tmp_path):
    data = "item,price\n“Widget”,€5\nGadget,3\n".encode("cp1252")
    table = read_table(write(tmp_path, data))
    assert table.encoding == "cp1252"
    assert table.frame["item"][0] == "“Widget”"


def test_gb18030_written_by_chinese_excel(tmp_path):
    data = "名字,城市,年龄\n张三,北京,30\n李四,上海,41\n".encode("gb18030")
    table = read_table(write(tmp_path, data))
    assert table.encoding == "gb18030"
    assert list(table.frame.columns) == ["名字", "城市", "年龄"]
    assert list(table.frame["城市"]) == ["北京", "上海"]


def test_utf16_unicode_text_from_excel(tmp_path):
    table = read_table(write(tmp_path, "a\tb\n1\tx\n2\ty\n".encode("utf-16")))
    assert (table.encoding, table.delimiter) == ("utf-16", "\t")
    assert list(table.frame["b"]) == ["x", "y"]


# --------------------------------------------------------------------------- delimiters


@pytest.mark.parametrize("delimiter", ["\t", "|", ";", ","])
def test_delimiters(tmp_path, delimiter):
    rows = ["id", "size", "colour"], ["1", "2.5", "red"], ["2", "3.5", "blue, dark"]
    lines = [delimiter.join(f'"{f}"' if delimiter in f else f for f in r) for r in rows]
    table = read_table(write(tmp_path, "\n".join(lines) + "\n"))
    assert table.delimiter == delimiter
    assert list(table.frame.columns) == ["id", "size", "colour"]
    assert list(table.frame["size"]) == [2.5, 3.5]
    assert table.frame["colour"][1] == "blue, dark"


def test_semicolon_with_decimal_comma_and_thousands(tmp_path):
    table = read_table(write(tmp_path, "a;b;c\n1.234,5;2,5;x\n3,25;4,0;y\n7;1,5;z\n"))
    assert (table.delimiter, table.decimal) == (";", ",")
    assert list(table.frame["a"]) == [1234.5, 3.25, 7.0]
    assert list(table.frame["b"]) == [2.5, 4.0, 1.5]


def test_german_export_keeps_dates_as_text(tmp_path):
    data = "Datum;Betrag;Menge\n01.02.2020;1.234,50;3\n02.02.2020;12,5;4\n03.02.2020;2.000;5\n"
    table = read_table(write(tmp_path, data))
    assert kinds(table) == {"Datum": "categorical", "Betrag": "numeric", "Menge": "numeric"}
    assert list(table.frame["Betrag"]) == [1234.5, 12.5, 2000.0]
    assert table.frame["Datum"][0] == "01.02.2020"


def test_tab_with_decimal_comma(tmp_path):
    table = read_table(write(tmp_path, "x\ty\n0,5\t1\n1,25\t2\n"))
    assert (table.delimiter, table.decimal) == ("\t", ",")
    assert list(table.frame["x"]) == [0.5, 1.25]


def test_quoted_fields_with_newlines_commas_and_quotes(tmp_path):
    data = 'id,text,v\n1,"hello\nworld",2\n2,"a, b",3\n3,"say ""hi""",4\n'
    table = read_table(write(tmp_path, data))
    assert table.n_rows == 3
    assert list(table.frame["text"]) == ["hello\nworld", "a, b", 'say "hi"']
    assert list(table.frame["v"]) == [2.0, 3.0, 4.0]
    assert "\n" not in table.info("text").summary


def test_crlf_and_old_mac_line_endings(tmp_path):
    for ending in ("\r\n", "\r"):
        table = read_table(write(tmp_path, ending.join(["a,b", "1,2", "3,4"]) + ending))
        assert table.n_rows == 2 and list(table.frame["b"]) == [2.0, 4.0]


def test_excel_sep_line(tmp_path):
    table = read_table(write(tmp_path, "sep=;\na;b\n1;2\n3;4\n"))
    assert table.delimiter == ";" and list(table.frame.columns) == ["a", "b"]


# --------------------------------------------------------------------------- missing values


MARKERS = ["", "NA", "N/A", "n/a", "NaN", "nan", "null", "NULL", "None", "?", "-", '""']


def test_every_missing_marker_in_a_numeric_column(tmp_path):
    values = ["1.5", *MARKERS, "inf", "-inf", "Infinity", "2.5"]
    data = "x,label\n" + "".join(f"{v},r{i % 3}\n" for i, v in enumerate(values))
    table = read_table(write(tmp_path, data))
    x = table.info("x")
    assert x.kind == "numeric"
    assert x.missing == len(values) - 2
    assert x.n_unique == 2
    assert np.isfinite(table.frame["x"].dropna()).all()
    assert table.frame["x"].dtype == np.float64


def test_missing_markers_in_a_text_column(tmp_path):
    values = ["red", "blue", *MARKERS, "red"]
    data = "colour,n\n" + "".join(f"{v},{i}\n" for i, v in enumerate(values))
    table = read_table(write(tmp_path, data))
    colour = table.info("colour")
    assert colour.kind == "categorical" and colour.n_unique == 2
    assert colour.missing == len(MARKERS)


def test_inf_counts_as_missing(tmp_path):
    table = read_table(write(tmp_path, "a,b\n1.5,1\ninf,2\n-inf,3\n2.5,4\n"))
    assert table.info("a").missing == 2
    assert table.frame["a"].isna().sum() == 2


def test_a_few_junk_values_in_a_numeric_column_become_missing(tmp_path):
    data = "a,b\n" + "".join(f"{i},x{i % 2}\n" for i in range(60)) + "#DIV/0!,x1\n"
    table = read_table(write(tmp_path, data))
    assert table.info("a").kind == "numeric" and table.info("a").missing == 1
    assert any("#DIV/0!" in w for w in table.warnings)


# --------------------------------------------------------------------------- kinds


def test_booleans(tmp_path):
    data = (
        "a,b,c,d,e,f\ntrue,yes,Y,T,0,yes \nfalse,no,N,F,1,no\nTRUE,,y,t,1,no\nFalse,yes,n,f,0,yes\n"
    )
    table = read_table(write(tmp_path, data))
    assert kinds(table) == {
        "a": "boolean",
        "b": "boolean",
        "c": "boolean",
        "d": "boolean",
        "e": "numeric",
        "f": "boolean",
    }
    assert list(table.frame["a"]) == [1.0, 0.0, 1.0, 0.0]
    assert table.frame["b"].isna().sum() == 1 and table.info("b").missing == 1
    assert table.info("a").summary.lower() == "50% true"
    assert table.info("b").labels == ("no", "yes")
    assert table.info("f").labels == ("no", "yes") and table.info("f").n_unique == 2
    assert table.info("e").labels is None
    assert infer_task(table.frame["a"], "boolean") == "classification"


def test_constant_and_all_missing_columns(tmp_path):
    data = "k,t,gone,x\n" + "".join(f"3,same,NA,{i}.5\n" for i in range(5))
    table = read_table(write(tmp_path, data))
    assert table.info("k").kind == "constant"
    assert table.info("k").excluded == "constant (every value is 3)"
    assert table.info("t").kind == "constant"
    gone = table.info("gone")
    assert gone.kind == "empty" and gone.excluded == "all values missing" and gone.n_unique == 0
    assert table.default_features("x") == []


def test_id_columns(tmp_path):
    n = 40
    rng = np.random.default_rng(0)
    frame = pd.DataFrame(
        {
            "code": [f"P{i:04d}" for i in rng.permutation(n)],
            "row": np.arange(1, n + 1),
            "shuffled": rng.permutation(n) + 100,
            "gappy": np.arange(n) * 7,
            "measure": rng.normal(size=n).round(6),
            "y": rng.integers(0, 2, n),
        }
    )
    path = tmp_path / "ids.csv"
    frame.to_csv(path, index=False)
    table = read_table(path)
    assert table.info("code").kind == "id"
    assert table.info("code").excluded == "unique per row (looks like an ID)"
    assert table.info("row").kind == "id" and table.info("shuffled").kind == "id"
    assert table.info("gappy").kind == "numeric"
    assert table.info("measure").kind == "numeric"  # unique floats are measurements
    assert table.default_features("y") == ["gappy", "measure"]


def test_small_files_have_no_ids(tmp_path):
    table = read_table(write(tmp_path, "name,n\na,1\nb,2\nc,3\n"))
    assert kinds(table) == {"name": "categorical", "n": "numeric"}


def test_free_text_is_excluded(tmp_path):
    rng = np.random.default_rng(1)
    comments = [f"comment {i}" for i in rng.integers(0, 900, 1000)]
    frame = pd.DataFrame({"comment": comments, "y": rng.integers(0, 3, 1000)})
    frame.to_csv(tmp_path / "text.csv", index=False)
    info = read_table(tmp_path / "text.csv").info("comment")
    assert info.kind == "categorical"
    assert info.excluded == f"free text: {info.n_unique} distinct values in 1000 rows"


def test_duplicate_and_empty_header_names(tmp_path):
    table = read_table(write(tmp_path, "a,a,b,,c,a.1\n1,2,3,4,5,6\n6,7,8,9,10,11\n"))
    assert list(table.frame.columns) == ["a", "a.1", "b", "column_4", "c", "a.1.1"]
    assert any("duplicate" in w for w in table.warnings)
    assert any("column_4" in w for w in table.warnings)
    assert list(table.frame["column_4"]) == [4.0, 9.0]


def test_r_header_without_row_name_column(tmp_path):
    table = read_table(write(tmp_path, "a,b\n1,5,x\n2,6,y\n3,7,z\n"))
    assert list(table.frame.columns) == ["Unnamed: 0", "a", "b"]
    assert table.info("Unnamed: 0").excluded is not None
    assert list(table.frame["b"]) == ["x", "y", "z"]


def test_headerless_numbers(tmp_path):
    table = read_table(write(tmp_path, "1.5,2,3\n4.5,5,6\n7.5,8,9\n"))
    assert list(table.frame.columns) == ["column_1", "column_2", "column_3"]
    assert table.n_rows == 3 and table.warnings


def test_year_headers_stay_headers(tmp_path):
    table = read_table(write(tmp_path, "2019,2020,2021\n1.5,2,3\n4.5,5,6\n"))
    assert list(table.frame.columns) == ["2019", "2020", "2021"]


def test_trailing_rows_of_bare_delimiters_are_dropped(tmp_path):
    table = read_table(write(tmp_path, "a,b\n1,2\n3,4\n,\n,\n"))
    assert table.n_rows == 2 and any("empty rows" in w for w in table.warnings)


def test_info_and_defaults(tmp_path):
    table = read_table(write(tmp_path, "x,y\n1,a\n2,b\n3,a\n"))
    assert isinstance(table.info("x"), ColumnInfo)
    with pytest.raises(KeyError):
        table.info("nope")
    assert table.default_target() == "y" and table.default_features("y") == ["x"]
    assert table.default_features("x") == ["y"]


# --------------------------------------------------------------------------- bad files


def test_ragged_rows_are_skipped_with_a_warning(tmp_path):
    data = "a,b\n" + "".join(f"{i},{i}\n" for i in range(20)) + "1,2,3\n4,5\n"
    table = read_table(write(tmp_path, data))
    assert table.n_rows == 21
    assert any("1 rows had more fields than the header" in w for w in table.warnings)


def test_mostly_ragged_rows_are_refused(tmp_path):
    # the first 250 rows decide the layout; the many wider rows after them do not fit it
    data = "a,b\n" + "1,2\n" * 250 + "1,2,3\n" * 600
    with pytest.raises(TableError, match="600 of 850 rows have more fields"):
        read_table(write(tmp_path, data))


def test_unclosed_quote(tmp_path):
    with pytest.raises(TableError, match="never closed"):
        read_table(write(tmp_path, 'a,b\n1,"2\n3,4\n'))


@pytest.mark.parametrize("data", [b"", b"   \n\n", b"\xef\xbb\xbf", b"\xef\xbb\xbf\n"])
def test_empty_file(tmp_path, data):
    with pytest.raises(TableError, match=r"^the file 'data.csv' is empty$"):
        read_table(write(tmp_path, data))


@pytest.mark.parametrize("data", ["a,b,c\n", "a,b,c", "a;b\n,\n"])
def test_header_only(tmp_path, data):
    with pytest.raises(TableError, match="the file has a header but no data rows"):
        read_table(write(tmp_path, data))


@pytest.mark.parametrize(
    "data", [b"\x00\x01\x02\x03abc,def\n", bytes(range(256)) * 20, b"\x89PNG\r\n\x1a\n\x00\x00"]
)
def test_binary_file(tmp_path, data):
    with pytest.raises(TableError, match="looks like a binary file, not CSV/TSV text"):
        read_table(write(tmp_path, data, "x.bin"))


def test_excel_workbook(tmp_path):
    with pytest.raises(TableError, match="Excel workbook"):
        read_table(write(tmp_path, b"PK\x03\x04\x14\x00\x06\x00rest", "book.csv"))
    with pytest.raises(TableError, match="as a workbook: it is damaged"):
        read_table(write(tmp_path, b"PK\x03\x04\x14\x00\x06\x00rest", "book.xlsx"))


def test_directory_and_missing_file(tmp_path):
    with pytest.raises(TableError, match="is a folder, not a file"):
        read_table(tmp_path)
    with pytest.raises(TableError, match=r"^no such file: '.*nope.csv'$"):
        read_table(tmp_path / "nope.csv")


def test_permission_denied(tmp_path, monkeypatch):
    # As root (CI) a chmod 0 file is still readable, so the refusal comes from `open`.
    path = write(tmp_path, "a\n1\n")
    real_open = open

    def refuse(file, *args, **kwargs):
        if str(file) == str(path):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", refuse)
    with pytest.raises(TableError, match="permission denied"):
        read_table(path)


# --------------------------------------------------------------------------- progress, cancel


@pytest.fixture(scope="module")
def big_csv(tmp_path_factory) -> Path:
    """About 6 MB: above the size at which pandas parses on several threads."""
    rng = np.random.default_rng(2)
    n = 120_000
    frame = pd.DataFrame(
        {
            **{f"x{i}": rng.normal(size=n).round(4) for i in range(6)},
            "k": rng.integers(0, 9, n),
            "colour": rng.choice(["red", "green", "blue"], n),
            "flag": rng.choice(["yes", "no"], n),
            "y": rng.random(n).round(3),
        }
    )
    path = tmp_path_factory.mktemp("big") / "big.csv"
    frame.to_csv(path, index=False)
    assert path.stat().st_size > 5_000_000
    return path


def check_progress(calls: list[float]) -> None:
    assert calls and calls[-1] == 1.0
    assert all(0.0 <= f <= 1.0 for f in calls)
    assert (np.diff(calls) > 0).all()


def test_progress_is_monotone_and_reaches_one(tmp_path, big_csv):
    for path in (REAL / "chile.csv", big_csv):
        calls: list[float] = []
        read_table(path, progress=calls.append)
        check_progress(calls)


def test_progress_counts_bytes_of_a_large_non_utf8_file(tmp_path, big_csv):
    path = write(tmp_path, big_csv.read_text().replace("red", "rød").encode("latin-1"))
    calls: list[float] = []
    table = read_table(path, progress=calls.append)
    assert table.encoding == "latin-1" and "rød" in set(table.frame["colour"])
    check_progress(calls)
    assert len(calls) > 10  # a bar that moves, not one jump


def test_big_file_reads_like_pandas(big_csv):
    table = read_table(big_csv)
    reference = pd.read_csv(big_csv)
    assert table.n_rows == len(reference)
    for name in reference.columns:
        info = table.info(name)
        assert info.n_unique == reference[name].nunique(), name
        if info.kind == "numeric":
            np.testing.assert_array_equal(table.frame[name], reference[name].astype(float))
    assert kinds(table)["flag"] == "boolean" and kinds(table)["colour"] == "categorical"
    assert table.frame["colour"].dtype.kind == "O"


def test_distinct_counts_of_continuous_columns_match_pandas(tmp_path):
    """Columns no fixed number of decimals describes are counted by hashing: exact, whatever
    the precision, with signed zeros, repeats, missing cells and huge whole numbers."""
    rng = np.random.default_rng(5)
    n = 150_000
    repeated = rng.normal(size=4_000)[rng.integers(0, 4_000, n)]
    zeros = rng.normal(size=n)
    zeros[rng.random(n) < 0.3] = 0.0
    zeros[rng.random(n) < 0.3] = -0.0
    gappy = rng.lognormal(size=n)
    gappy[rng.random(n) < 0.1] = np.nan
    frame = pd.DataFrame({
        "full": rng.normal(size=n),  # 17 significant digits: nearly all distinct
        "six": np.array([float(f"{v:.6g}") for v in rng.normal(size=n)]),  # many repeats
        "repeated": repeated,
        "zeros": zeros,
        "gappy": gappy,
        "big_whole": rng.integers(0, 10**12, n).astype(float) * 1e6,
    })
    path = tmp_path / "continuous.csv"
    frame.to_csv(path, index=False, float_format="%.17g")
    table = read_table(path)
    reference = pd.read_csv(path)
    for name in reference.columns:
        assert table.info(name).n_unique == reference[name].nunique(), name
        assert table.info(name).kind == "numeric", name
    assert table.info("zeros").n_unique == reference["zeros"].nunique() < n


def test_distinct_count_over_several_hashing_rounds():
    # 1.5 million distinct-ish values overfill the hash table: three rounds and a sort
    rng = np.random.default_rng(6)
    values = np.concatenate([rng.normal(size=1_200_000), rng.normal(size=2_000)[
        rng.integers(0, 2_000, 300_000)], [0.0, -0.0, np.inf, -np.inf]])
    assert count_distinct_floats(values) == pd.Series(values).nunique()


def test_accents_only_in_the_middle_of_a_large_file(tmp_path, big_csv):
    lines = big_csv.read_text().split("\n")
    middle = int(len(lines) * 0.8)  # after the 4 MB head, before the 1 MB tail
    lines[middle] = lines[middle].replace("red", "rød").replace("blue", "blå")
    table = read_table(write(tmp_path, "\n".join(lines).encode("latin-1")))
    assert table.encoding in ("cp1252", "latin-1")
    assert table.n_rows == len(lines) - 2
    assert any("Windows-1252" in w or "Latin-1" in w for w in table.warnings)


def test_mostly_utf8_with_a_broken_byte(tmp_path, big_csv):
    data = big_csv.read_text().replace("red", "rød").encode()
    middle = len(data) // 2
    table = read_table(write(tmp_path, data[:middle] + b"\xff" + data[middle:]))
    assert table.encoding == "utf-8" and "rød" in set(table.frame["colour"])
    assert any("replaced" in w for w in table.warnings)


def test_ragged_rows_in_a_large_file(tmp_path, big_csv):
    lines = big_csv.read_text().split("\n")
    lines[1000] += ",1,2"
    table = read_table(write(tmp_path, "\n".join(lines)))
    assert table.n_rows == len(lines) - 3
    assert any("line 1001" in w for w in table.warnings)


@pytest.mark.parametrize("size", ["small", "big"])
def test_cancellation(tmp_path, big_csv, size):
    path = REAL / "chile.csv" if size == "small" else big_csv
    with pytest.raises(TableError, match=r"^loading was cancelled$"):
        read_table(path, should_stop=lambda: True)
    calls: list[int] = []

    def stop_soon() -> bool:
        calls.append(1)
        return len(calls) > 2

    with pytest.raises(TableError, match=r"^loading was cancelled$"):
        read_table(path, should_stop=stop_soon)


# --------------------------------------------------------------------------- infer_task


def test_infer_task():
    assert infer_task(pd.Series(["a", "b", "a"], dtype=object), "categorical") == "classification"
    assert infer_task(pd.Series([0.0, 1.0, 1.0]), "boolean") == "classification"
    assert infer_task(pd.Series(np.linspace(0, 1, 50)), "numeric") == "regression"
    assert infer_task(pd.Series([1.0, 2.0, 3.0] * 20), "numeric") == "classification"
    assert infer_task(pd.Series([0.0, 1.0, np.nan]), "numeric") == "classification"
    assert infer_task(pd.Series(np.arange(100.0)), "numeric") == "regression"
    # ten whole-number levels in ten rows: too few rows per class to call them classes
    assert infer_task(pd.Series(np.arange(10.0)), "numeric") == "regression"
    assert infer_task(pd.Series([np.nan, np.nan]), "empty") == "regression"


# --------------------------------------------------------------------------- fuzzing


ALMOST_CSV = st.lists(
    st.lists(
        st.one_of(
            st.sampled_from(MARKERS + ["inf", "true", "no", "1,5", "3.25", '"', '""', "x y"]),
            st.integers(-1000, 1000).map(str),
            st.floats(allow_nan=False).map(str),
            st.text(max_size=6),
        ),
        max_size=6,
    ).flatmap(lambda fields: st.sampled_from([",", ";", "\t", "|"]).map(lambda d: d.join(fields))),
    max_size=25,
).flatmap(lambda lines: st.sampled_from(["\n", "\r\n", "\r"]).map(lambda e: e.join(lines)))


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.one_of(st.binary(max_size=300), ALMOST_CSV.map(str.encode)))
def test_anything_gives_a_table_or_a_table_error(tmp_path, data):
    path = write(tmp_path, data, "fuzz.csv")
    try:
        table = read_table(path)
    except TableError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert table.n_rows > 0
    assert len(table.columns) == len(table.frame.columns)
    for column in table.columns:
        assert column.kind in ("numeric", "boolean", "categorical", "id", "constant", "empty")
        assert 0 <= column.missing <= table.n_rows
