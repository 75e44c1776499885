"""The monitor's pages beyond Training, each built the first time it is shown or asked for
(`LazyTabs`): its module is imported then, not at start-up."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..panels.evaluation_view import EvaluationView
    from ..panels.explain_view import ExplainView
    from ..panels.runs_view import RunsView
    from .main_window import MainWindow

__all__ = ["evaluation_view", "explain_view", "runs_view"]


def runs_view(window: MainWindow) -> RunsView:
    from ..panels.runs_view import RunsView

    view = RunsView(window.session)
    view.table.itemSelectionChanged.connect(window.update_actions)
    view.withoutAttentionRequested.connect(window.train_without_attention)
    return view


def explain_view() -> ExplainView:
    from ..panels.explain_view import ExplainView

    return ExplainView()


def evaluation_view(window: MainWindow) -> EvaluationView:
    """The Evaluate page draws the runs selected on the Runs page (the kept one if none)."""
    from ..panels.evaluation_view import EvaluationView

    view = EvaluationView(window.session, window.selected_runs)
    window.runs_view.table.itemSelectionChanged.connect(view.refresh)
    return view
