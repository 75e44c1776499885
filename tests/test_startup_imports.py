"""The window's first frame must not wait for pandas: it is imported on first use."""

import importlib.util
import os
import subprocess
import sys

CHECK = (
    "import os, sys, tempfile\n"
    "import attn_gui.ui.app.main_window\n"
    "print('pandas' in sys.modules)\n"
    "from attn_gui.core.io import read_table\n"
    "path = os.path.join(tempfile.mkdtemp(), 'small.csv')\n"
    "with open(path, 'w') as f:\n"
    "    f.write('a,b\\n1,x\\n2,y\\n')\n"
    "print(read_table(path).frame.shape, 'pandas' in sys.modules)\n"
)


def test_opening_the_window_module_does_not_import_pandas_until_used():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYQTGRAPH_QT_LIB="PySide6")
    out = subprocess.run([sys.executable, "-c", CHECK], env=env, capture_output=True,
                         text=True, check=True).stdout.split()
    assert out == ["False", "(2,", "2)", "True"]


def test_importing_the_package_loads_neither_scikit_learn_nor_pandas():
    """The notebook estimators are attributes of the package, imported when first used."""
    code = ("import sys, attn_gui\n"
            "print('sklearn' in sys.modules, 'pandas' in sys.modules)\n"
            "if sys.argv[1] == 'yes':\n"
            "    from attn_gui import AttentionClassifier, AttentionRegressor\n"
            "    print(AttentionClassifier.__name__, 'sklearn' in sys.modules)\n")
    present = "yes" if importlib.util.find_spec("sklearn") else "no"
    out = subprocess.run([sys.executable, "-c", code, present], capture_output=True, text=True,
                         check=True).stdout.split()
    assert out[:2] == ["False", "False"]
    if present == "yes":
        assert out[2:] == ["AttentionClassifier", "True"]
