"""Under the attention chart: how stable attention is across runs, how well it agrees with
shuffling, and the plain sentences the command line prints when they disagree or when
correlated columns make a per-column split unidentifiable."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from ...core.importance import disagreement, group_note
from ..app.core_text import translated

__all__ = ["EvidenceLabel"]


def _number(value: float | None, digits: int = 2) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def _clause(note: object) -> str:
    """A core clause as a sentence, its first letter kept: it may begin with a column's
    name, which is shown as it is."""
    text = translated(note)
    cjk = any("\u4e00" <= char <= "\u9fff" for char in text)
    return text + ("。" if cjk else ".")


class EvidenceLabel(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # Two lines kept free: the sentences a run's end writes here then do not move the
        # plots above, which would repaint all four at once.
        self.setMinimumHeight(2 * self.fontMetrics().lineSpacing())
        self._stability = ""
        self._importance: list[str] = []

    def clear(self) -> None:
        self._stability = ""
        self._importance = []
        self._show()

    def set_stability(self, stability: dict | None, runs: int) -> None:
        """`core.repeats.stability` of the runs' attention (None for one run)."""
        if stability is None:
            self._stability = ""
        else:
            self._stability = self.tr(
                "Across {0} runs, attention agrees with Pearson r {1} (total variation {2})."
            ).format(runs, _number(stability["pearson"]), _number(stability["tv"]))
        self._show()

    def set_importance(self, report: dict | None, attention: dict[str, float], runs: int) -> None:
        """`core.importance.importance_report`'s agreement, disagreement and groups."""
        self._importance = []
        if report is not None:
            a = report["agreement"]
            self._importance.append(self.tr(
                "Attention vs shuffling: Pearson {0}, Spearman {1}, top-3 overlap {2}.").format(
                _number(a["pearson"]), _number(a["spearman"]), _number(a["top3"])))
            notes = [disagreement(attention, report["importance"])]
            notes += [group_note(g, runs) for g in report["groups"]]
            self._importance += [_clause(note) for note in notes if note is not None]
        self._show()

    @property
    def lines(self) -> list[str]:
        return [t for t in (self._stability, *self._importance) if t]

    def _show(self) -> None:
        self.setText("\n".join(self.lines))
