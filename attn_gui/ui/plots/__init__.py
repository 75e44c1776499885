"""Plots, one class a file, and their export to PNG or SVG.

Importing any of them pins pyqtgraph to PySide6 first: pyqtgraph picks its Qt binding when
it is first imported, and would otherwise take whichever binding it finds.
"""

import os

os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")
