"""What ROC AUC, average precision and the Brier score add to an epoch, as a ratio.

Every epoch scores both splits (`classification_metrics`); the new scores sort each
scored class's probabilities once. A run of 200,000 training and 50,000 validation rows
(20 -> 32 -> k, batch 128, Adam, global softmax attention) is timed, and the scoring
functions inside it, so the ratio holds on a machine other work shares.
"""

from __future__ import annotations

import time

import numpy as np

N_TRAIN, N_VALID, D, EPOCHS = 200_000, 50_000, 20, 3


def _data(k: int):
    from attn_gui.core.dataset import Dataset, TargetInfo
    from attn_gui.core.preprocess import NumericStep, Preprocessor

    rng = np.random.default_rng(0)
    X = rng.normal(size=(N_TRAIN + N_VALID, D)).astype(np.float32)
    score = X[:, 0] - X[:, 1] + 0.5 * rng.normal(size=len(X))
    y = np.digitize(score, np.quantile(score, np.linspace(0, 1, k + 1)[1:-1])).astype(np.int64)
    names = [f"x{i}" for i in range(D)]
    pre = Preprocessor(features=names, kinds=dict.fromkeys(names, "numeric"),
                       steps={f: NumericStep(0, -np.inf, np.inf, 0, 1) for f in names})
    info = TargetInfo("classification", [str(c) for c in range(k)])
    return Dataset("classification", "y", names, {}, info, 1 if k == 2 else None, pre,
                   X[:N_TRAIN], y[:N_TRAIN], X[N_TRAIN:], y[N_TRAIN:], {})


def _shares(data) -> tuple[float, float]:
    """Seconds per epoch, and the share of it spent in the new scores: the scoring
    functions are timed inside the same epochs (so a busy machine slows both alike)."""
    from attn_gui.core import metrics
    from attn_gui.core.config import TrainConfig
    from attn_gui.core.training import Trainer

    spent = [0.0]
    real = metrics.ranking_scores, metrics.brier

    def timed(f):
        def inner(*args):
            t0 = time.perf_counter()
            try:
                return f(*args)
            finally:
                spent[0] += time.perf_counter() - t0
        return inner

    metrics.ranking_scores, metrics.brier = timed(real[0]), timed(real[1])
    try:
        rounds = []
        for _ in range(5):
            spent[0] = 0.0
            trainer = Trainer(TrainConfig(epochs=EPOCHS, patience=0), data)
            t0 = time.perf_counter()
            for report in trainer.run():
                if getattr(report, "valid", None) is not None and report.epoch == EPOCHS:
                    break  # before the final report, which re-scores both splits once more
            epoch = (time.perf_counter() - t0) / EPOCHS
            rounds.append((spent[0] / EPOCHS / (epoch - spent[0] / EPOCHS), epoch))
    finally:
        metrics.ranking_scores, metrics.brier = real
    share, epoch = sorted(rounds)[len(rounds) // 2]  # the median round
    return epoch, share


def main() -> list[str]:
    lines = ["## Scores per epoch (ROC AUC, average precision, Brier)", "",
             f"{N_TRAIN:,} training + {N_VALID:,} validation rows, {EPOCHS} epochs; the "
             "time in the new scores over the rest of the epoch (median of 5 runs).", "",
             "| classes | epoch without the scores | epoch with them | one epoch here |",
             "|---|---|---|---|"]
    for k in (2, 3):
        epoch, share = _shares(_data(k))
        lines.append(f"| {k} | 1.00 | {1 + share:.3f} | {epoch:.2f} s |")
    return lines


if __name__ == "__main__":
    print("\n".join(main()))
