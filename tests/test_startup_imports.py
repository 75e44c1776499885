"""The window's first frame must not wait for pandas: it is imported on first use."""

import os
import subprocess
import sys

CHECK = (
    "import sys\n"
    "import attn_gui.ui.app.main_window\n"
    "print('pandas' in sys.modules)\n"
    "from attn_gui.core.io import read_table\n"
    "from attn_gui.core.lazy import pd\n"
    "print(pd.DataFrame({'a': [1]}).shape)\n"
)


def test_opening_the_window_module_does_not_import_pandas_until_used():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYQTGRAPH_QT_LIB="PySide6")
    out = subprocess.run([sys.executable, "-c", CHECK], env=env, capture_output=True,
                         text=True, check=True).stdout.split()
    assert out == ["False", "(1,", "1)"]
