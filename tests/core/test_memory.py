"""A file the machine cannot hold is refused before it is read, with its size and the memory
available; the figure for the memory available is patched, so no huge file is needed."""

import json

import pytest

from attn_gui.cli import main
from attn_gui.core import memory
from attn_gui.core.io import TableError, read_table
from attn_gui.core.io import table as table_module


@pytest.fixture
def csv(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("x,y\n" + "".join(f"{i * 0.5},{'ab'[i % 2]}\n" for i in range(20_000)))
    return path


def test_format_bytes_uses_the_units_file_managers_show():
    assert memory.format_bytes(512) == "512 bytes"
    assert memory.format_bytes(199_456_000) == "199 MB"
    assert memory.format_bytes(12_400_000_000) == "12.4 GB"
    assert memory.format_bytes(3.5e12) == "3.5 TB"


def test_a_file_larger_than_memory_is_refused_before_it_is_read(csv, monkeypatch):
    size = csv.stat().st_size
    monkeypatch.setattr(memory, "available_memory", lambda: size)  # needs twice its size
    parsed = []
    monkeypatch.setattr(table_module, "parse", lambda *args: parsed.append(args))
    with pytest.raises(TableError) as error:
        read_table(csv)
    assert parsed == []  # refused up front, not after filling the memory
    assert str(error.value) == (
        f"the file 'export.csv' is {memory.format_bytes(size)}; reading it needs about "
        f"{memory.format_bytes(2 * size)} of memory, but only {memory.format_bytes(size)} is "
        "available: open an export with fewer rows or columns, or close other programs")


def test_a_file_that_fits_is_read(csv, monkeypatch):
    monkeypatch.setattr(memory, "available_memory", lambda: 2 * csv.stat().st_size)
    assert read_table(csv).n_rows == 20_000


def test_the_command_line_refuses_with_one_error_line(csv, monkeypatch, capsys):
    monkeypatch.setattr(memory, "available_memory", lambda: 999)
    assert main(["inspect", str(csv)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("error: the file 'export.csv' is ")
    assert err.endswith("but only 999 bytes is available: open an export with fewer rows "
                        "or columns, or close other programs\n")
    assert err.count("\n") == 1


def test_the_command_line_streams_a_csv_too_large_to_train_on_whole(csv, monkeypatch, capsys):
    monkeypatch.setattr(memory, "available_memory", lambda: 999)
    assert main(["train", str(csv), "--epochs", "1", "--json"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)["streamed"] is True
    assert err.startswith("note: 'export.csv' ") and err.count("\n") == 1
