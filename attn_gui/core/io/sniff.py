"""How a CSV is laid out, judged from a sample: delimiter, decimal mark, header, text columns.

The sample is a few MB from the start and end of the file (see `read_table`); the encoding
is detected first (`encoding.py`), then the csv module splits the decoded text.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from ..errors import Phrase
from .common import TableError
from .encoding import MIXED, SNIFF_CHARS, detect_encoding, legacy_note

_SNIFF_RECORDS = 200
_DELIMITERS = (",", ";", "\t", "|")
# pandas' defaults already cover "", NA, N/A, n/a, NaN, nan, null, NULL, None, #N/A, <NA>
MARKERS = ["", "NA", "N/A", "n/a", "NaN", "nan", "null", "NULL", "None", "?", "-"]
MARKER_SET = frozenset(MARKERS) | frozenset(m.lower() for m in MARKERS) | {"#n/a", "<na>"}
_NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?")
_DOT_DECIMAL = re.compile(r"[+-]?\d*\.\d+")
_COMMA_DECIMAL = re.compile(r"[+-]?(\d{1,3}(\.\d{3})+|\d+),\d+")
DOT_THOUSANDS = re.compile(r"[+-]?\d{1,3}(\.\d{3})+(,\d+)?")
COMMA_THOUSANDS = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?")
_FORMATTING = str.maketrans("", "", "%$€£¥₹₩₽¢()\u00a0\u202f")
_NO_DELIMITERS = str.maketrans("", "", "".join(_DELIMITERS) + '"')
_NOT_TABLES = (
    (re.compile(r"\s*(<!doctype html|<html|<\?xml)", re.IGNORECASE),
     Phrase("a web page (HTML/XML)")),
    (re.compile(r"\s*(\{\s*\"|\[\s*[\[{\"])"), "JSON"),
)


@dataclass
class Sniff:
    encoding: str  # as reported to the user
    pandas_encoding: str
    skip_bytes: int  # a UTF-8 BOM we drop ourselves so pandas keeps its fast UTF-8 path
    delimiter: str
    decimal: str
    thousands: str | None
    names: list[str]
    has_header: bool
    skip_rows: int  # an Excel "sep=;" line
    index_first: bool  # unnamed first column: row names written by R or pandas
    unnamed: list[int]  # other positions whose header name was blank
    text: list[str]  # columns with words in the sample, parsed straight to category codes
    ascii_sample: bool
    errors: str  # "replace" when the sample already had undecodable bytes


def sniff(head: bytes, tail: bytes, complete: bool, name: str, notes: list[str]) -> Sniff:
    if not head.strip():
        raise TableError("the file '{name}' is empty", name=name)
    encoding, text, errors = detect_encoding(head, tail, complete, name)
    _note_encoding(encoding, errors, notes)
    _refuse_non_table(text, complete, name)
    text = text[:SNIFF_CHARS]
    truncated = len(text) == SNIFF_CHARS or not complete
    skip_rows, delimiter, records = _split_sample(text, truncated, name)
    decimal, thousands = _pick_decimal(records, delimiter)
    names, has_header = _raw_names(records, notes)
    index_first = has_header and (names[0] == "" or names[0].startswith("Unnamed: 0"))
    unnamed = [i for i, n in enumerate(names) if has_header and not n and i > 0]
    names = unique_names(names, has_header, notes)
    data = records[1:] if has_header else records
    _note_short_rows(data, len(names), truncated, notes)
    return Sniff(
        encoding=encoding,
        pandas_encoding="utf-8" if encoding == "utf-8-sig" else encoding,
        skip_bytes=len(codecs.BOM_UTF8) if encoding == "utf-8-sig" else 0,
        delimiter=delimiter,
        decimal=decimal,
        thousands=thousands,
        names=names,
        has_header=has_header,
        skip_rows=skip_rows,
        index_first=index_first,
        unnamed=unnamed,
        text=[n for i, n in enumerate(names) if any(i < len(r) and _is_text(r[i]) for r in data)],
        ascii_sample=head.isascii() and tail.isascii(),
        errors=errors,
    )


def _note_encoding(encoding: str, errors: str, notes: list[str]) -> None:
    if encoding in ("latin-1", "cp1252"):
        notes.append(legacy_note(encoding))
    elif errors == MIXED:
        notes.append(Phrase(
            "the file mixes encodings: lines that are not valid UTF-8 were decoded as "
            "Windows-1252; if accented letters look wrong, re-save the file as UTF-8"))


def _refuse_non_table(text: str, complete: bool, name: str) -> None:
    if not text.strip():
        raise TableError("the file '{name}' is empty", name=name)
    if complete and not text.translate(_NO_DELIMITERS).strip():
        raise TableError("the file '{name}' has no values, only delimiters", name=name)
    for pattern, what in _NOT_TABLES:
        if pattern.match(text):
            raise TableError(
                "could not find a table in '{name}': it looks like {what}, not CSV/TSV text",
                name=name, what=what)


def _split_sample(text: str, truncated: bool, name: str) -> tuple[int, str, list[list[str]]]:
    """Rows to skip (an Excel "sep=" line), the delimiter and the sample's records."""
    skip_rows = 0
    forced = re.match(r"sep=(.)\r?\n", text)  # Excel writes this when told the delimiter
    if forced:
        text, skip_rows = text[forced.end() :], 1
    if truncated and "\n" in text:
        text = text[: text.rfind("\n") + 1]
    delimiter, records = _pick_delimiter(text, forced.group(1) if forced else None)
    if truncated and len(records) > 2:
        records = records[:-1]  # may be cut through a quoted field
    if not records:
        raise TableError("the file '{name}' is empty", name=name)
    return skip_rows, delimiter, records


def _raw_names(records: list[list[str]], notes: list[str]) -> tuple[list[str], bool]:
    """The header's names as written ("" where blank, one per column), and whether the
    first line is a header at all."""
    header = [field.strip() for field in records[0]]
    has_header = not _looks_like_data(header)
    width = _common_width(records[1:] or records)
    if has_header:
        names = list(header)
        if width == len(names) + 1:  # R's write.csv(row.names=TRUE) omits the first name
            names.insert(0, "")
        names += [""] * (width - len(names))
    else:
        names = [""] * max(width, len(header))
        notes.append(Phrase(
            "the first line looks like data, not column names, so the columns are "
            "named column_1, column_2, …"))
    return names, has_header


def _note_short_rows(data: list[list[str]], width: int, truncated: bool, notes: list[str]) -> None:
    short = sum(len(r) < width for r in data)
    if 0 < short < len(data):  # when every row is short, the extra names are empty columns
        counted = Phrase("{rows} of the first {sampled}", rows=short,
                         sampled=len(data)) if truncated else str(short)
        notes.append(Phrase(
            "{rows} rows have fewer fields than the header; their last columns were read "
            "as missing", rows=counted))


def _pick_delimiter(text: str, forced: str | None) -> tuple[str, list[list[str]]]:
    """The delimiter that splits the sample into the most consistent number of fields
    (quote-aware via the csv module), preferring one the header agrees with."""
    best: tuple[Any, ...] | None = None
    chosen = ","
    chosen_records: list[list[str]] = []
    for order, delimiter in enumerate(_DELIMITERS if forced is None else (forced,)):
        records = _records(text, delimiter)
        if not records:
            continue
        width = _common_width(records[1:] or records)
        data = records[1:] or records
        consistency = sum(len(r) == width for r in data) / len(data)
        header_fits = 2 if len(records[0]) == width else int(len(records[0]) == width - 1)
        key = (width > 1, header_fits, round(consistency, 2), width, -order)
        if best is None or key > best:
            best, chosen, chosen_records = key, delimiter, records
    return chosen, chosen_records


def _records(text: str, delimiter: str) -> list[list[str]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records: list[list[str]] = []
    try:
        for record in reader:
            if record and any(field.strip() for field in record):
                records.append(record)
                if len(records) >= _SNIFF_RECORDS:
                    break
    except csv.Error:
        pass  # keep what parsed; pandas will judge the rest
    return records


def _common_width(records: list[list[str]]) -> int:
    return Counter(len(r) for r in records).most_common(1)[0][0] if records else 0


def _pick_decimal(records: list[list[str]], delimiter: str) -> tuple[str, str | None]:
    if delimiter == ",":
        return ".", None
    # "€1.200,50" and "12,5 %" tell the decimal mark as well as bare numbers do
    fields = [f.translate(_FORMATTING).strip() for r in records[1:] for f in r]
    commas = sum(1 for f in fields if _COMMA_DECIMAL.fullmatch(f))
    dots = sum(1 for f in fields if _DOT_DECIMAL.fullmatch(f))
    if commas == 0 or commas <= dots:
        return ".", None
    thousands = "." if any(DOT_THOUSANDS.fullmatch(f) for f in fields) else None
    return ",", thousands


def _looks_like_data(header: list[str]) -> bool:
    """A first line of numbers is data, unless it could be names such as years: all
    distinct integers stay a header."""
    if not header or not all(_NUMBER.fullmatch(f) for f in header):
        return False
    return len(set(header)) < len(header) or not all(f.lstrip("+-").isdigit() for f in header)


def _is_text(field: str) -> bool:
    field = field.strip()
    return not (
        field in MARKER_SET
        or _NUMBER.fullmatch(field)
        or field.lower().lstrip("+-") in ("inf", "infinity")
    )


def unique_names(names: list[str], has_header: bool, notes: list[str]) -> list[str]:
    result: list[str] = []
    seen: set[str] = set()
    renamed: list[str] = []
    for position, raw in enumerate(names):
        name = raw
        if not name:
            name = "Unnamed: 0" if position == 0 and has_header else f"column_{position + 1}"
        if name in seen:
            suffix = 1
            while f"{name}.{suffix}" in seen:
                suffix += 1
            renamed.append(f"'{name}' → '{name}.{suffix}'")
            name = f"{name}.{suffix}"
        seen.add(name)
        result.append(name)
    if renamed:
        notes.append(Phrase("duplicate column names were made unique: {renamed}",
                            renamed=", ".join(renamed)))
    return result
