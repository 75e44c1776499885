"""Every user-facing error is one line, even when it names a column with a line break."""

import pytest

from attn_gui.core.config import TrainConfig
from attn_gui.core.dataset import DataError, prepare
from attn_gui.core.errors import USER_ERRORS
from attn_gui.core.io import read_table


def test_a_column_name_with_a_line_break_is_shown_escaped_in_one_line(tmp_path):
    path = tmp_path / "names.csv"
    path.write_text('x,"two\nlines"\n' + "".join(f"{i},same\n" for i in range(30)))
    with pytest.raises(DataError) as caught:
        prepare(read_table(path), TrainConfig(target="two\nlines"))
    message = str(caught.value)
    assert "\n" not in message and "'two\\nlines'" in message
    assert isinstance(caught.value, USER_ERRORS)
