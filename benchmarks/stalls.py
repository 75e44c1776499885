"""Where the GUI thread's stalls go: `python -m benchmarks.stalls [--epochs N]` runs the
window's `--self-test` in this process while a sampler thread reads the GUI thread's
Python stack every 10 ms whenever a 10 ms timer on it is late, then prints each stall over
50 ms with its most frequent stacks. A diagnosis, not a figure: the sampler itself takes
the GIL, so its stalls run a little longer than the self-test's own meter reports.
"""

from __future__ import annotations

import os
import sys
import threading
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field

THRESHOLD = 0.05
DEPTH = 9


@dataclass
class Stall:
    start: float
    seconds: float = 0.0
    stacks: Counter = field(default_factory=Counter)


class Sampler:
    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.origin = self.last = time.monotonic()
        self.gui = threading.main_thread().ident
        self.stalls: list[Stall] = []
        self.current: Stall | None = None
        self.ticking = False  # before the event loop runs, the start-up is not a stall
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._tick)
        self.timer.start()
        threading.Thread(target=self._watch, daemon=True).start()

    def _tick(self) -> None:
        now = time.monotonic()
        self.ticking = True
        if self.current is not None:
            self.current.seconds = now - self.last
            self.stalls.append(self.current)
            self.current = None
        self.last = now

    def _watch(self) -> None:
        while True:
            time.sleep(0.01)
            if not self.ticking or time.monotonic() - self.last <= THRESHOLD:
                continue
            frame = sys._current_frames().get(self.gui)
            if frame is None:
                continue
            key = " > ".join(f"{os.path.basename(f.filename)}:{f.name}:{f.lineno}"
                             for f in traceback.extract_stack(frame)[-DEPTH:])
            if self.current is None:
                self.current = Stall(self.last - self.origin)
            self.current.stacks[key] += 1

    def report(self) -> None:
        for stall in self.stalls:
            print(f"--- at {stall.start:.2f} s: {stall.seconds * 1000:.0f} ms")
            for key, count in stall.stacks.most_common(4):
                print(f"  {count * 10:4d} ms  {key}")


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from attn_gui.ui.app.launch import main as launch

    app = QApplication.instance() or QApplication([sys.argv[0]])
    sampler = Sampler()
    try:
        launch(["--self-test", *sys.argv[1:]])
    finally:
        sampler.report()
    del app


if __name__ == "__main__":
    main()
