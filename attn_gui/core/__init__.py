"""Pure NumPy/pandas engine. Never imports Qt: the CLI and the window share it."""
