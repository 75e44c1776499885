"""One piece of deferred GUI-thread work per turn of the event loop, for the whole window.

Each queue of steps (`Steps`) and each periodic redraw used to run on a timer of its own.
Timers that are due together fire in one pass of the event loop, and the paints they cause
are then delivered in one batch: at the end of a run the ending's step, a curve plot's
next curves and the live-plot refresh ran back to back, and four plots were painted before
input or anything else had a turn (60-80 ms with another process keeping a core busy).
Here every such piece of work asks for a turn; one timer grants them one at a time, in the
order asked, so a turn holds one step and the paint it causes.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Slot
from shiboken6 import isValid

from .foreground import FOREGROUND

__all__ = ["ask_turn", "withdraw_turn"]

Work = Callable[[], object]

# The next piece's timer starts once the events a piece posted are delivered, its paint
# among them, so timers that came due meanwhile (input's, the stall meter's) fire before
# it: a turn holds one piece and its paint. Events posted while posted events are being
# delivered wait for the next pass of the event loop (Qt's guard against live-lock), and a
# plot shown or changed paints at the end of such a chain (layout, the scene's dirty items,
# the paint): the settle event goes round that many passes, last in each (lowest priority,
# below Qt's update requests).
SETTLE_HOPS = 3
_SETTLE_PRIORITY = Qt.EventPriority.LowEventPriority.value - 1


class _Settle(QEvent):
    TYPE = QEvent.Type(QEvent.registerEventType())

    def __init__(self, hops: int) -> None:
        super().__init__(self.TYPE)
        self.hops = hops


class _Turns(QObject):
    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._waiting: deque[tuple[QObject, Work]] = deque()
        self._settling = False  # a piece ran; its paint is not delivered yet
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._run_one)

    def ask(self, owner: QObject, work: Work) -> None:
        if not any(queued == work for _, queued in self._waiting):
            self._waiting.append((owner, work))
        if not (self._settling or self._timer.isActive()):
            self._timer.start()

    def withdraw(self, work: Work) -> None:
        self._waiting = deque(entry for entry in self._waiting if entry[1] != work)

    @Slot()
    def _run_one(self) -> None:
        self._settling = True
        self._post_settle(SETTLE_HOPS)
        while self._waiting:
            owner, work = self._waiting.popleft()
            if isValid(owner):  # a widget closed while it waited is skipped
                with FOREGROUND.claimed():  # background loops wait: the work has the interpreter
                    work()
                return

    def _post_settle(self, hops: int) -> None:
        QCoreApplication.postEvent(self, _Settle(hops), _SETTLE_PRIORITY)

    def event(self, event: QEvent) -> bool:
        if not isinstance(event, _Settle):
            return super().event(event)
        if event.hops > 1:
            self._post_settle(event.hops - 1)
        else:
            self._settling = False
            if self._waiting:
                self._timer.start()
        return True


_turns: _Turns | None = None


def _instance() -> _Turns:
    global _turns
    app = QCoreApplication.instance()
    if _turns is None or not isValid(_turns) or _turns.parent() is not app:
        _turns = _Turns(app)
    return _turns


def ask_turn(owner: QObject, work: Work) -> None:
    """Run `work` (for `owner`, skipped if it is deleted first) in a turn of its own, after
    the work that asked before it; asking again while it waits does not queue it twice."""
    _instance().ask(owner, work)


def withdraw_turn(work: Work) -> None:
    """`work` no longer wants the turn it asked for."""
    if _turns is not None and isValid(_turns):
        _turns.withdraw(work)
