"""What ROC AUC, average precision and the Brier score add to an epoch, as a ratio.

Every epoch scores both splits (`classification_metrics`); the new scores sort each
scored class's probabilities once. A run of 200,000 training and 50,000 validation rows
(20 -> 32 -> k, batch 128, Adam, global softmax attention) is timed with the scores and
with them replaced by constants, in the same process; the best of three runs each.
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


def _epoch_seconds(data) -> float:
    from attn_gui.core.config import TrainConfig
    from attn_gui.core.training import Trainer

    best = np.inf
    for _ in range(3):
        trainer = Trainer(TrainConfig(epochs=EPOCHS, patience=0), data)
        t0 = time.perf_counter()
        for report in trainer.run():
            if getattr(report, "valid", None) is not None and report.epoch == EPOCHS:
                break  # before the final report, which re-scores both splits once more
        best = min(best, (time.perf_counter() - t0) / EPOCHS)
    return best


def main() -> list[str]:
    from attn_gui.core import metrics

    lines = ["## Scores per epoch (ROC AUC, average precision, Brier)", "",
             f"{N_TRAIN:,} training + {N_VALID:,} validation rows, {EPOCHS} epochs.", "",
             "| classes | epoch without the scores | epoch with them | added |",
             "|---|---|---|---|"]
    for k in (2, 3):
        data = _data(k)
        with_scores = _epoch_seconds(data)
        real = metrics.ranking_scores, metrics.brier
        metrics.ranking_scores = lambda *a: {"roc_auc": 0.0, "average_precision": 0.0}
        metrics.brier = lambda *a: 0.0
        try:
            without = _epoch_seconds(data)
        finally:
            metrics.ranking_scores, metrics.brier = real
        lines.append(f"| {k} | 1.00 | {with_scores / without:.3f} | "
                     f"{(with_scores - without) / without:+.1%} |")
    return lines


if __name__ == "__main__":
    print("\n".join(main()))
