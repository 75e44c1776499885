"""Entry point: `python main.py` opens the window, `python main.py train ...` runs headless."""

import sys

from attn_gui.app import main

if __name__ == "__main__":
    sys.exit(main())
