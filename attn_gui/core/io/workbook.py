"""Workbooks (.xlsx, .xlsm, .xls, .ods) read through pandas with the calamine engine, a
Rust reader 7× faster than openpyxl on a 50,000-row sheet (benchmarks/workbook.py).

A sheet becomes the same raw frame a CSV gives, so the same column analysis follows
(`columns.py`). The table is found as people lay sheets out: empty rows and columns around
it, a title line above it (one cell), and a header of one row or two (a merged group
over its sub-headers, "Sales" over "Q1" and "Q2", becomes "Sales Q1" and "Sales Q2").
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..errors import Phrase
from .common import TableError
from .sniff import MARKERS, Sniff, unique_names

if TYPE_CHECKING:
    import pandas as pd

SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
_OLE = b"\xd0\xcf\x11\xe0"  # an encrypted .xlsx is an OLE container, not a zip


@dataclass
class Sheet:
    frame: pd.DataFrame  # the data rows, one column per header name, cells as read
    sniff: Sniff
    name: str  # the sheet read
    names: list[str]  # every sheet with data, in the workbook's order


def is_workbook(path: str) -> bool:
    return os.path.splitext(path)[1].lower() in SUFFIXES


def read_sheet(path: str, sheet: str | int | None, notes: list[str]) -> Sheet:
    """The sheet asked for (a name, or its position from 1), else the first with data."""
    import pandas as pd

    name = os.path.basename(path) or path
    book = _open(path, name)
    try:
        names = _data_sheets(book)
        if not names:
            raise TableError("the workbook '{name}' has no sheet with data (only empty sheets, "
                             "charts or macros)", name=name)
        chosen = _choose(sheet, names, _all_sheets(book), name)
        raw = pd.read_excel(book, sheet_name=chosen, header=None, na_values=MARKERS,
                            keep_default_na=True)
    except TableError:
        raise
    except Exception as exc:  # calamine's own errors: a damaged file
        raise _failure(exc, name) from None
    finally:
        book.close()
    frame, found = _table(raw, notes)
    if len(frame) == 0:
        raise TableError("the sheet '{sheet}' of '{name}' has a header but no data rows",
                         sheet=chosen, name=name)
    return Sheet(pd.DataFrame(frame), found, chosen, names)


def sheet_names(path: str) -> list[str]:
    """The workbook's sheets with data, the one `read_table` reads by default first."""
    name = os.path.basename(path) or path
    try:
        book = _open(path, name)
    except FileNotFoundError:
        raise TableError("no such file: '{path}'", path=path) from None
    except OSError as exc:
        raise TableError("could not read '{path}': {reason}", path=path,
                         reason=exc.strerror or exc) from None
    try:
        return _data_sheets(book)
    except Exception as exc:  # calamine's own errors: a damaged file
        raise _failure(exc, name) from None
    finally:
        book.close()


def _open(path: str, name: str) -> Any:
    import pandas as pd

    try:
        with open(path, "rb") as raw:
            head = raw.read(len(_OLE))
    except OSError:
        raise  # read_table words it
    if head == _OLE and not path.lower().endswith(".xls"):
        raise _protected(name)
    try:
        return pd.ExcelFile(path, engine="calamine")
    except Exception as exc:
        raise _failure(exc, name) from None


def _data_sheets(book: Any) -> list[str]:
    """Worksheets that hold a cell, visible ones first: charts and macro sheets hold no
    table, and a hidden sheet is seldom the one meant."""
    from python_calamine import SheetTypeEnum, SheetVisibleEnum

    listed = [m for m in book.book.sheets_metadata if m.typ == SheetTypeEnum.WorkSheet]
    listed.sort(key=lambda m: m.visible != SheetVisibleEnum.Visible)
    return [m.name for m in listed if book.book.get_sheet_by_name(m.name).height > 0]


def _all_sheets(book: Any) -> list[str]:
    return list(book.sheet_names)


def _choose(sheet: str | int | None, names: list[str], every: list[str], name: str) -> str:
    if sheet is None:
        return names[0]
    if isinstance(sheet, str) and sheet in every:
        chosen = sheet
    else:
        position = _position(sheet)
        if position is None or not 1 <= position <= len(every):
            raise TableError("the workbook '{name}' has no sheet '{sheet}'; its sheets are: "
                             "{sheets}", name=name, sheet=sheet,
                             sheets=", ".join(f"'{s}'" for s in every))
        chosen = every[position - 1]
    if chosen not in names:
        raise TableError("the sheet '{sheet}' of '{name}' holds no data; the sheets with data "
                         "are: {sheets}", sheet=chosen, name=name,
                         sheets=", ".join(f"'{s}'" for s in names))
    return chosen


def _position(sheet: str | int) -> int | None:
    if isinstance(sheet, int):
        return sheet
    text = sheet.strip()
    return int(text) if text.isdigit() else None


def _table(raw: pd.DataFrame, notes: list[str]) -> tuple[pd.DataFrame, Sniff]:
    """The data rows under their header, and what `analyse` needs to know of the layout."""
    raw = raw.dropna(how="all").dropna(axis=1, how="all")
    if raw.empty:
        raise TableError("the sheet holds no cells")  # _data_sheets keeps this from happening
    rows = raw.to_numpy(dtype=object)
    filled = raw.notna().to_numpy()
    top = 0
    while top + 1 < len(rows) and filled[top].sum() == 1 < filled[top + 1].sum():
        notes.append(Phrase("the title line '{title}' above the table was skipped",
                            title=_text(rows[top][filled[top]][0])))
        top += 1
    header = rows[top]
    has_header = any(isinstance(v, str) for v in header[filled[top]])
    depth = 2 if has_header and _two_row_header(rows[top:], filled[top:]) else int(has_header)
    if depth == 2:
        raw_names = _joined(header, rows[top + 1])
        notes.append(Phrase("the header has two rows (a merged group over its columns); "
                            "their names were joined"))
    elif has_header:
        raw_names = [_text(v) for v in header]
    else:
        raw_names = [""] * len(header)
        notes.append(Phrase("the first row looks like data, not column names, so the columns "
                            "are named column_1, column_2, …"))
    index_first = has_header and raw_names[0] == ""
    unnamed = [i for i, n in enumerate(raw_names) if has_header and not n and i > 0]
    names = unique_names(raw_names, has_header, notes)
    frame = raw.iloc[top + depth:].reset_index(drop=True)
    frame.columns = names
    frame = frame.infer_objects()
    found = Sniff(encoding="", pandas_encoding="", skip_bytes=0, delimiter="", decimal=".",
                  thousands=None, names=names, has_header=has_header, skip_rows=0,
                  index_first=index_first, unnamed=unnamed, text=[], ascii_sample=True,
                  errors="strict")
    return frame, found


def _two_row_header(rows: Any, filled: Any) -> bool:
    """A group row with gaps (a merged cell fills only its first) over a row of names, with
    data below: the second row is all text, and names columns the first leaves blank."""
    if len(rows) < 3:
        return False
    first, second = filled[0], filled[1]
    words = all(isinstance(v, str) for v in rows[1][second])
    return bool(words and (second & ~first).any() and first.any()
                and not all(isinstance(v, str) for v in rows[2][filled[2]]))


def _joined(groups: Any, names: Any) -> list[str]:
    out, group = [], ""
    for top, below in zip(groups, names, strict=True):
        group = _text(top) or group  # a merged cell's value stands over the cells it spans
        below = _text(below)
        out.append(f"{group} {below}".strip() if group != below else below)
    return out


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _protected(name: str) -> TableError:
    return TableError("the workbook '{name}' is protected by a password; save a copy without "
                      "the password (or as CSV) and open that", name=name)


def _failure(exc: BaseException, name: str) -> TableError:
    from python_calamine import PasswordError

    if isinstance(exc, PasswordError) or "password" in str(exc).lower():
        return _protected(name)
    # calamine's own words ("Cannot detect file format") would stay English in the window
    return TableError("could not read '{name}' as a workbook: it is damaged, or not a "
                      "workbook despite its name", name=name)
