"""Deferred GUI work is granted one piece per turn of the event loop (`ui/jobs/turns.py`)."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QWidget
from shiboken6 import delete

from attn_gui.ui.jobs.steps import Steps
from attn_gui.ui.jobs.turns import ask_turn, withdraw_turn


class _Counted(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.paints = 0

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802  (Qt's name)
        self.paints += 1


def test_queues_take_turns_in_the_order_asked(qtbot):
    done: list[str] = []
    first, second = Steps(), Steps()
    first.add(lambda: done.append("a1"), lambda: done.append("a2"))
    second.add(lambda: done.append("b1"), lambda: done.append("b2"))
    qtbot.waitUntil(lambda: len(done) == 4)
    assert done == ["a1", "b1", "a2", "b2"]


def test_a_piece_is_painted_before_the_next_piece_runs(qtbot):
    widget = _Counted()
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitUntil(lambda: widget.paints > 0)
    before = widget.paints
    seen: list[int] = []
    steps = Steps()
    steps.add(widget.update, lambda: seen.append(widget.paints))
    qtbot.waitUntil(lambda: bool(seen))
    assert seen == [before + 1]


def test_a_timer_due_meanwhile_fires_before_the_next_piece(qtbot):
    order: list[str] = []
    steps = Steps()
    # Started inside the first piece, due at once: it must not wait behind the second.
    steps.add(lambda: QTimer.singleShot(0, lambda: order.append("timer")),
              lambda: order.append("next piece"))
    qtbot.waitUntil(lambda: len(order) == 2)
    assert order == ["timer", "next piece"]


def test_asking_twice_runs_once_and_withdrawn_work_does_not_run(qtbot):
    owner = QObject()
    runs: list[str] = []

    def once() -> None:
        runs.append("once")

    def dropped() -> None:
        runs.append("dropped")

    ask_turn(owner, once)
    ask_turn(owner, once)
    ask_turn(owner, dropped)
    withdraw_turn(dropped)
    steps = Steps()
    steps.add(lambda: runs.append("after"))
    qtbot.waitUntil(lambda: "after" in runs)
    assert runs == ["once", "after"]


def test_the_work_of_a_deleted_owner_is_skipped(qtbot):
    owner = QWidget()
    runs: list[str] = []
    ask_turn(owner, lambda: runs.append("owner's"))
    delete(owner)  # the window closed it before its turn came
    steps = Steps()
    steps.add(lambda: runs.append("after"))
    qtbot.waitUntil(lambda: "after" in runs)
    assert runs == ["after"]
