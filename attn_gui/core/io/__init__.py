"""Reading CSV files into a `Table`: encoding and layout detection (`encoding`, `sniff`),
the parse (`parse`) and the classification of every column (`columns`, `distinct`)."""

from .common import ColumnInfo, TableError
from .table import Table, frame_table, infer_task, read_table

__all__ = ["ColumnInfo", "Table", "TableError", "frame_table", "infer_task", "read_table"]
