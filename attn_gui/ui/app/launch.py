"""Open the window: `main.py`, `main.py --demo [NAME]`,
`main.py --self-test [--screenshot P] [--epochs N]`."""

from __future__ import annotations

import argparse
import os
import sys


def _parse(argv: list[str]) -> argparse.Namespace:
    from .demos import DEMOS

    keys = [entry.key for entry in DEMOS]
    parser = argparse.ArgumentParser(prog="main.py", description="Attention Trainer")
    parser.add_argument("data", nargs="?", help="a CSV file to open")
    parser.add_argument("--demo", nargs="?", const="credit", metavar="NAME",
                        choices=keys,
                        help=f"open a bundled demo ready to train: {', '.join(keys)} "
                             "(default credit)")
    parser.add_argument("--self-test", action="store_true",
                        help="load the demo, train to the end, print one JSON line, exit")
    parser.add_argument("--screenshot", help="with --self-test: save the window as PNG here")
    parser.add_argument("--epochs", type=int, default=60, help="with --self-test: epochs to train")
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    args = _parse(argv)
    no_display = sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if args.self_test and no_display:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

    from PySide6.QtWidgets import QApplication

    from ... import __version__
    from ...resources import DEMO_CSV
    from . import crash
    from .about import app_icon
    from .demos import demo, open_demo
    from .i18n import LANGUAGES, effective_language, install_translators
    from .main_window import MainWindow
    from .settings import APPLICATION, ORGANIZATION

    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationVersion(__version__)
    app.setWindowIcon(app_icon())
    language = effective_language()
    translated = install_translators(app, language)
    window = MainWindow()
    if language != "en" and not translated:
        # English text would otherwise look like a switch that did nothing.
        window.statusBar().showMessage(
            f"The {LANGUAGES[language]} translation is missing from this installation; "
            "the interface is in English.")
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
        open_demo(window, demo(args.demo))
    elif args.data:
        window.open_path(args.data)
    app.aboutToQuit.connect(window.monitor.shutdown)
    return run_event_loop()
