"""Training throughput (samples/s) on one data set and network shape, as ratios.

Shape 20 -> 64 -> 2, batch 256, Adam, global softmax attention. Baselines measured in
the same run: scikit-learn's MLPClassifier (same shape, batch and optimiser) and a bare
NumPy MLP without attention (the floor our attention layer adds cost to).
Writes benchmarks/RESULTS.md.
"""

from __future__ import annotations

import os
import platform
import time
import warnings

import numpy as np

N, D, EPOCHS, BATCH, HIDDEN = 100_000, 20, 5, 256, 64


def make_data(seed=0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(N, D)).astype(np.float32)
    y = (X[:, 0] - X[:, 1] + 0.5 * rng.normal(size=N) > 0).astype(np.int64)
    return X, y


def ours(X, y, attention="global") -> float:
    from attn_gui.core.config import TrainConfig
    from attn_gui.core.dataset import Dataset, TargetInfo
    from attn_gui.core.preprocess import NumericStep, Preprocessor
    from attn_gui.core.training import Trainer

    names = [f"x{i}" for i in range(D)]
    pre = Preprocessor(features=names, kinds=dict.fromkeys(names, "numeric"),
                       steps={f: NumericStep(0, -np.inf, np.inf, 0, 1) for f in names})
    data = Dataset("classification", "y", names, {}, TargetInfo("classification", ["0", "1"]),
                   1, pre, X, y, X[:2000], y[:2000], {})
    config = TrainConfig(epochs=EPOCHS, batch_size=BATCH, hidden=[HIDDEN], optimizer="adam",
                         attention=attention, patience=0, lr=1e-3)
    trainer = Trainer(config, data)
    for _ in trainer.run():
        pass
    return N * EPOCHS / trainer.train_seconds_


def sklearn_mlp(X, y) -> float:
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


def bare_numpy(X, y) -> float:
    """The plainest float32 MLP with Adam: forward, backward, update; nothing else."""
    rng = np.random.default_rng(0)
    p = {"W0": rng.normal(0, np.sqrt(2 / D), (D, HIDDEN)).astype(np.float32),
         "b0": np.zeros(HIDDEN, np.float32),
         "W1": rng.normal(0, np.sqrt(1 / HIDDEN), (HIDDEN, 2)).astype(np.float32),
         "b1": np.zeros(2, np.float32)}
    m = {k: np.zeros_like(v) for k, v in p.items()}
    v = {k: np.zeros_like(val) for k, val in p.items()}
    t = 0
    t0 = time.perf_counter()
    for _ in range(EPOCHS):
        perm = rng.permutation(N)
        for i in range(0, N, BATCH):
            idx = perm[i : i + BATCH]
            xb, yb = X[idx], y[idx]
            h = np.maximum(xb @ p["W0"] + p["b0"], 0)
            o = h @ p["W1"] + p["b1"]
            e = np.exp(o - o.max(1, keepdims=True))
            pr = e / e.sum(1, keepdims=True)
            pr[np.arange(len(yb)), yb] -= 1
            pr /= len(yb)
            g = {"W1": h.T @ pr, "b1": pr.sum(0)}
            dh = (pr @ p["W1"].T) * (h > 0)
            g["W0"], g["b0"] = xb.T @ dh, dh.sum(0)
            t += 1
            for k in p:
                m[k] = 0.9 * m[k] + 0.1 * g[k]
                v[k] = 0.999 * v[k] + 0.001 * g[k] * g[k]
                p[k] -= 1e-3 * (m[k] / (1 - 0.9**t)) / (np.sqrt(v[k] / (1 - 0.999**t)) + 1e-8)
    return N * EPOCHS / (time.perf_counter() - t0)


def best_of(fn, *args, repeats=3) -> float:
    return max(fn(*args) for _ in range(repeats))


def main() -> list[str]:
    X, y = make_data()
    rows = []
    sk = best_of(sklearn_mlp, X, y)
    bare = best_of(bare_numpy, X, y)
    for mode in ("global", "row", "off"):
        s = best_of(ours, X, y, mode)
        rows.append((mode, s, s / sk, s / bare))
    threads = os.environ.get("OPENBLAS_NUM_THREADS") or os.environ.get("OMP_NUM_THREADS") or "default"
    lines = [
        "## Training throughput",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"NumPy {np.__version__}, BLAS threads: {threads}.",
        f"Data: {N:,} rows × {D} features, {EPOCHS} epochs, network {D} → {HIDDEN} → 2, "
        f"batch {BATCH}, Adam. Best of 3 runs each; all measured in one run of "
        "`python -m benchmarks`.",
        "",
        f"Baselines: scikit-learn MLPClassifier {sk:,.0f} samples/s; bare NumPy MLP {bare:,.0f} samples/s.",
        "",
        "| attention | samples/s | vs MLPClassifier (goal ≥ 2×) | vs bare NumPy (goal ≥ 0.7×) |",
        "|---|---|---|---|",
    ]
    lines += [f"| {mode} | {s:,.0f} | {a:.2f}× | {b:.2f}× |" for mode, s, a, b in rows]
    return lines
