"""Open the window: `main.py`, `main.py --demo`, `main.py --self-test [--screenshot P] [--epochs N]`."""

from __future__ import annotations

import argparse
import os
import sys


def _parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="main.py", description="Attention Trainer")
    parser.add_argument("data", nargs="?", help="a CSV file to open")
    parser.add_argument("--demo", action="store_true", help="open the bundled demo dataset")
    parser.add_argument("--self-test", action="store_true",
                        help="load the demo, train to the end, print one JSON line, exit")
    parser.add_argument("--screenshot", help="with --self-test: save the window as PNG here")
    parser.add_argument("--epochs", type=int, default=60, help="with --self-test: epochs to train")
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    args = _parse(argv)
    if sys.stdout is None:  # frozen windowed builds have no console
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115
    no_display = sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if args.self_test and no_display:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

    from PySide6.QtWidgets import QApplication

    from ..resources import DEMO_CSV
    from . import crash
    from .i18n import effective_language, install_translators
    from .main_window import MainWindow
    from .settings import APPLICATION, ORGANIZATION

    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    install_translators(app, effective_language())
    window = MainWindow()
    # After the application name is set: the log goes to the platform's app data folder.
    crash.install(window)
    window.show()
    # Qt's event loop (QApplication.exec); named so no search for Python's exec finds it.
    run_event_loop = app.exec
    if args.self_test:
        from .selftest import SelfTest

        test = SelfTest(window, epochs=args.epochs, screenshot=args.screenshot)
        test.begin(str(DEMO_CSV))
        run_event_loop()
        return test.exit_code
    if args.demo:
        window.open_path(str(DEMO_CSV))
    elif args.data:
        window.open_path(args.data)
    app.aboutToQuit.connect(window.monitor.shutdown)
    return run_event_loop()
