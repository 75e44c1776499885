"""Training throughput (samples/s) on one data set and network shape, as ratios.

Shape 20 -> 64 -> 2, batch 256, Adam, every attention mode and weighting. Baselines
measured in the same run: scikit-learn's MLPClassifier (same shape, batch and optimiser)
and a bare NumPy MLP without attention (the floor our attention layer adds cost to).
Every side is timed over the whole fit, as `MLPClassifier.fit()` is: set-up, each epoch's
shuffle, the updates and the per-epoch metrics (ours: metrics on both splits and the best
weights' final report; the bare MLP: the training loss and accuracy of the epoch's batches
and the loss and accuracy of the validation rows). Each BLAS thread count runs in its own
process, because OpenBLAS reads its thread count from the environment once, when NumPy is
imported.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import warnings

import numpy as np

N, D, EPOCHS, BATCH, HIDDEN = 100_000, 20, 5, 256, 64
N_VALID = 2_000
REPEATS = 5


def make_data(seed=0):
    """Training rows, then validation rows of the same distribution."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(N + N_VALID, D)).astype(np.float32)
    y = (X[:, 0] - X[:, 1] + 0.5 * rng.normal(size=N + N_VALID) > 0).astype(np.int64)
    return X[:N], y[:N], X[N:], y[N:]


# (label, attention, weighting, extra settings)
MODES = (
    ("global softmax", "global", "softmax", {}),
    ("global exponential", "global", "exponential", {"base": 2.0}),
    ("global linear", "global", "linear", {}),
    ("global sparsemax", "global", "sparsemax", {}),
    ("global softmax + positional decay", "global", "softmax", {"decay": 0.9}),
    ("global custom formula", "global", "custom", {"formula": "exp(z)*0.9**i"}),
    ("row softmax", "row", "softmax", {}),
    ("off", "off", "softmax", {}),
)
THREADS = (1, 2)
_THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def ours(X, y, Xv, yv, attention="global", weighting="softmax", extra=None) -> float:
    from attn_gui.core.config import TrainConfig
    from attn_gui.core.dataset import Dataset, TargetInfo
    from attn_gui.core.preprocess import NumericStep, Preprocessor
    from attn_gui.core.training import Trainer

    names = [f"x{i}" for i in range(D)]
    pre = Preprocessor(features=names, kinds=dict.fromkeys(names, "numeric"),
                       steps={f: NumericStep(0, -np.inf, np.inf, 0, 1) for f in names})
    data = Dataset("classification", "y", names, {}, TargetInfo("classification", ["0", "1"]),
                   1, pre, X, y, Xv, yv, {})
    config = TrainConfig(epochs=EPOCHS, batch_size=BATCH, hidden=[HIDDEN], optimizer="adam",
                         attention=attention, weighting=weighting, patience=0, lr=1e-3,
                         **(extra or {}))
    t0 = time.perf_counter()
    for _ in Trainer(config, data).run():
        pass
    return N * EPOCHS / (time.perf_counter() - t0)


def sklearn_mlp(X, y, Xv, yv) -> float:
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPClassifier

    clf = MLPClassifier(hidden_layer_sizes=(HIDDEN,), batch_size=BATCH, max_iter=EPOCHS,
                        solver="adam", learning_rate_init=1e-3, tol=0, n_iter_no_change=10**9,
                        random_state=0, shuffle=True)
    t0 = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        clf.fit(X, y)
    return N * EPOCHS / (time.perf_counter() - t0)


def _probabilities(p: dict, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    h = np.maximum(x @ p["W0"] + p["b0"], 0)
    o = h @ p["W1"] + p["b1"]
    e = np.exp(o - o.max(1, keepdims=True))
    return h, e / e.sum(1, keepdims=True)


def _epoch_metrics(p: dict, Xv, yv, loss_sum: float, correct: int) -> dict:
    """What every epoch reports: the training loss and accuracy of its batches, the
    validation rows' loss and accuracy."""
    pv = _probabilities(p, Xv)[1]
    rows = np.arange(len(yv))
    return {"loss": loss_sum / N, "accuracy": correct / N,
            "valid_loss": float(-np.log(np.maximum(pv[rows, yv], 1e-12)).mean()),
            "valid_accuracy": float((pv.argmax(1) == yv).mean())}


def bare_numpy(X, y, Xv, yv) -> float:
    """The plainest float32 MLP with Adam: forward, backward, update, the epoch's metrics."""
    t0 = time.perf_counter()
    rng = np.random.default_rng(0)
    p = {"W0": rng.normal(0, np.sqrt(2 / D), (D, HIDDEN)).astype(np.float32),
         "b0": np.zeros(HIDDEN, np.float32),
         "W1": rng.normal(0, np.sqrt(1 / HIDDEN), (HIDDEN, 2)).astype(np.float32),
         "b1": np.zeros(2, np.float32)}
    m = {k: np.zeros_like(v) for k, v in p.items()}
    v = {k: np.zeros_like(val) for k, val in p.items()}
    t = 0
    for _ in range(EPOCHS):
        perm = rng.permutation(N)
        loss_sum, correct = 0.0, 0
        for i in range(0, N, BATCH):
            idx = perm[i : i + BATCH]
            xb, yb = X[idx], y[idx]
            h, pr = _probabilities(p, xb)
            rows = np.arange(len(yb))
            loss_sum -= float(np.log(np.maximum(pr[rows, yb], 1e-12)).sum())
            correct += int((pr.argmax(1) == yb).sum())
            pr[rows, yb] -= 1
            pr /= len(yb)
            g = {"W1": h.T @ pr, "b1": pr.sum(0)}
            dh = (pr @ p["W1"].T) * (h > 0)
            g["W0"], g["b0"] = xb.T @ dh, dh.sum(0)
            t += 1
            for k in p:
                m[k] = 0.9 * m[k] + 0.1 * g[k]
                v[k] = 0.999 * v[k] + 0.001 * g[k] * g[k]
                p[k] -= 1e-3 * (m[k] / (1 - 0.9**t)) / (np.sqrt(v[k] / (1 - 0.999**t)) + 1e-8)
        _epoch_metrics(p, Xv, yv, loss_sum, correct)
    return N * EPOCHS / (time.perf_counter() - t0)


def best_of(fn, *args, repeats=REPEATS) -> float:
    return max(fn(*args) for _ in range(repeats))


def measure() -> dict:
    """Every figure at the BLAS thread count this process was started with."""
    data = make_data()
    figures = {"sklearn": best_of(sklearn_mlp, *data), "bare": best_of(bare_numpy, *data)}
    for label, attention, weighting, extra in MODES:
        figures[label] = best_of(ours, *data, attention, weighting, extra)
    return figures


def in_subprocess(threads: int) -> dict:
    env = dict(os.environ, **dict.fromkeys(_THREAD_VARIABLES, str(threads)))
    out = subprocess.run([sys.executable, "-m", "benchmarks.throughput"], env=env,
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out.splitlines()[-1])


def main() -> list[str]:
    runs = {threads: in_subprocess(threads) for threads in THREADS}
    lines = [
        "## Training throughput",
        "",
        f"Data: {N:,} rows × {D} features ({N_VALID:,} more to validate on), {EPOCHS} "
        f"epochs, network {D} → {HIDDEN} → 2, batch {BATCH}, Adam. Every side timed over the "
        "whole fit: set-up, each epoch's shuffle, the updates and the per-epoch metrics (ours "
        "also the best weights' final report). Best of "
        f"{REPEATS} runs each; every BLAS thread count in its own process.",
        "",
    ]
    for threads, run in runs.items():
        sk, bare = run["sklearn"], run["bare"]
        lines += [
            f"**{threads} BLAS thread{'s' if threads > 1 else ''}**: baselines scikit-learn "
            f"MLPClassifier {sk:,.0f} samples/s, bare NumPy MLP {bare:,.0f} samples/s.",
            "",
            "| attention | samples/s | vs MLPClassifier (goal ≥ 2×) "
            "| vs bare NumPy (goal ≥ 1× for global attention) |",
            "|---|---|---|---|",
        ]
        lines += [f"| {label} | {run[label]:,.0f} | {run[label] / sk:.2f}× | "
                  f"{run[label] / bare:.2f}× |" for label, *_ in MODES]
        lines.append("")
    return lines[:-1]


if __name__ == "__main__":
    print(json.dumps(measure()))
