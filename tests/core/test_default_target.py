"""Table.default_target on real files and on one small table per rule it follows."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from attn_gui.core.io import read_table

REAL = Path(__file__).resolve().parents[1] / "data" / "real"


def target_of(tmp_path: Path, frame: pd.DataFrame) -> str:
    path = tmp_path / "table.csv"
    frame.to_csv(path, index=False)
    return read_table(path).default_target()


@pytest.mark.parametrize(("name", "target"), [
    ("penguins.csv", "species"),  # named like a label; the last column is `year`
    ("chile.csv", "vote"),  # four classes at the end
    ("mroz.csv", "work"),  # yes/no at the start (after the index); the end is numeric
    ("mroz_semicolon_decimal_comma.csv", "work"),
    ("pima_tr2.csv", "type"),  # yes/no at the end
    ("pima_zh_gb18030.csv", "糖尿病"),  # 是/否 at the end
    ("seattle_weather.csv", "weather"),  # five classes at the end
])
def test_real_files(name, target):
    assert read_table(REAL / name).default_target() == target


@pytest.mark.parametrize("name", ["iris.csv", "breast_cancer.csv", "wine_data.csv"])
def test_scikit_learn_files_keep_their_class_codes_last(name):
    sklearn = pytest.importorskip("sklearn")
    path = Path(sklearn.__file__).parent / "datasets" / "data" / name
    if not path.exists():
        pytest.skip(f"this scikit-learn has no {name}")
    table = read_table(path)
    # their header is a count line, so no name helps: the last column holds the class codes
    assert table.default_target() == table.columns[-1].name
    assert table.info(table.default_target()).n_unique <= 3


def test_penguins_raw_like_mostly_empty_comments_last(tmp_path):
    rng = np.random.default_rng(0)
    n = 275
    comments = np.full(n, None, dtype=object)
    comments[:40] = rng.choice(["Nest never observed with full clutch.",
                                "Not enough blood for isotopes.", "Adult not sampled.",
                                "No blood sample obtained for sexing."], 40)
    frame = pd.DataFrame({
        "studyName": rng.choice(["PAL0708", "PAL0809", "PAL0910"], n),
        "Sample Number": np.tile(np.arange(1, 56), 5),
        "Species": rng.choice(["Adelie Penguin (Pygoscelis adeliae)",
                               "Gentoo penguin (Pygoscelis papua)"], n),
        "Individual ID": [f"N{i // 2}A{i % 2 + 1}" for i in range(n)],
        "Clutch Completion": rng.choice(["Yes", "No"], n),
        "Culmen Length (mm)": rng.normal(44, 5, n).round(1),
        "Sex": rng.choice(["MALE", "FEMALE"], n),
        "Comments": comments,
    })
    assert target_of(tmp_path, frame) == "Species"
    # without its telling name, the last column with classes that is mostly filled: `Sex`
    assert target_of(tmp_path, frame.rename(columns={"Species": "Kind"})) == "Sex"


def test_islr_default_like(tmp_path):
    rng = np.random.default_rng(1)
    n = 300
    frame = pd.DataFrame({
        "default": rng.choice(["No", "Yes"], n, p=[0.9, 0.1]),
        "student": rng.choice(["No", "Yes"], n),
        "balance": rng.gamma(2.0, 400.0, n).round(2),
        "income": rng.normal(33000, 13000, n).round(2),
    })
    assert target_of(tmp_path, frame) == "default"
    # under another name it is still found: yes/no at an end beats a number at the other
    assert target_of(tmp_path, frame.rename(columns={"default": "paid"})) == "paid"


def small(n: int = 60, **columns) -> pd.DataFrame:
    rng = np.random.default_rng(2)
    base = {"size": rng.normal(10, 2, n).round(3), "group": rng.choice(["a", "b", "c"], n)}
    return pd.DataFrame({**base, **columns})


def test_a_mostly_empty_column_is_skipped(tmp_path):
    remark = np.where(np.arange(60) < 12, np.resize(["late", "ok"], 60), None)
    assert target_of(tmp_path, small(remark=remark)) == "group"


def test_free_text_is_skipped(tmp_path):
    # 40 sentences in 60 rows: not one per row (so not an ID), yet mostly distinct
    notes = np.resize([f"called on day {i} about the order" for i in range(40)], 60)
    assert target_of(tmp_path, small(note=notes)) == "group"


def test_an_id_like_column_is_skipped(tmp_path):
    # not consecutive, so the reader keeps it; its name gives it away
    frame = small(weight=np.linspace(1, 5, 60).round(2),
                  customerID=np.arange(60) * 37 + 1000)
    assert target_of(tmp_path, frame) == "weight"


def test_a_name_like_a_label_wins(tmp_path):
    n = 60
    frame = small(Survived=np.resize([0, 1, 1], n), Embarked=np.resize(["S", "C", "Q"], n))
    assert target_of(tmp_path, frame) == "Survived"
    frame = small(is_fraud=np.resize([True, False, False], n), amount=np.arange(n) * 1.5)
    assert target_of(tmp_path, frame) == "is_fraud"
    # seaborn's titanic: `survived` first, `class` later; survival is the question
    frame = small(survived=np.resize([0, 1], n), **{"class": np.resize(["First", "Third"], n)})
    assert target_of(tmp_path, frame) == "survived"


def test_words_that_also_name_inputs_count_only_as_the_whole_name(tmp_path):
    n = 60
    frame = small(marital_status=np.resize(["single", "married"], n),
                  income=np.resize([">50K", "<=50K", "<=50K"], n))
    assert target_of(tmp_path, frame) == "income"


def test_classes_at_the_ends_beat_numbers_and_later_wins(tmp_path):
    frame = small()  # size, group
    assert target_of(tmp_path, frame) == "group"
    frame = frame.assign(score=np.arange(60) / 7)
    # a class column in the middle does not beat the last number (insurance.csv: `region`
    # sits before `charges`)
    assert target_of(tmp_path, frame) == "score"

