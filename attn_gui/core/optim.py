"""Optimisers and learning-rate schedules.

Parameters live in one flat float vector (the model's arrays are views into it),
so an update is a handful of NumPy calls per step rather than a handful per
parameter array: on small networks that per-call overhead is most of the cost.
"""

from __future__ import annotations

import math

import numpy as np

OPTIMIZERS = ("gd", "sgd", "momentum", "adam")
SCHEDULES = ("constant", "cosine", "step")


class FlatParams:
    """Packs a dict of arrays into one vector and gives views of it back, for values and grads."""

    def __init__(self, params: dict[str, np.ndarray]):
        self.names = list(params)
        self.shapes = {k: v.shape for k, v in params.items()}
        dtype = next(iter(params.values())).dtype
        self.vector = np.concatenate([v.ravel() for v in params.values()]).astype(dtype)
        self.grad = np.zeros_like(self.vector)
        self.values = self.views(self.vector)
        self.grads = self.views(self.grad)

    def views(self, flat: np.ndarray) -> dict[str, np.ndarray]:
        views, start = {}, 0
        for name in self.names:
            size = math.prod(self.shapes[name])
            views[name] = flat[start : start + size].reshape(self.shapes[name])
            start += size
        return views

    def mask(self, names) -> np.ndarray:
        """1 where the vector holds one of `names`, else 0."""
        out = np.zeros_like(self.vector)
        for name in names:
            self.views(out)[name][...] = 1
        return out


class Optimizer:
    """gd and sgd share the plain update; they differ only in the batch size the loop uses.

    `scale` multiplies the learning rate per element (e.g. faster attention logits).
    """

    def __init__(self, kind: str, lr: float, momentum: float = 0.9,
                 betas: tuple[float, float] = (0.9, 0.999), eps: float = 1e-8):
        self.kind = kind
        self.lr = lr
        self.momentum = momentum
        self.beta1, self.beta2 = betas
        self.eps = eps
        self.t = 0
        self.m: np.ndarray | None = None
        self.v: np.ndarray | None = None
        self._work: np.ndarray | None = None  # the step's temporaries, made once

    def step(self, p: np.ndarray, g: np.ndarray, lr: float, scale: np.ndarray | None = None) -> None:
        self.t += 1
        if self._work is None:
            self._work = np.empty((2, *p.shape), dtype=p.dtype)
        update, tmp = self._work
        if self.kind in ("gd", "sgd"):
            update[...] = g
        elif self.kind == "momentum":
            if self.v is None:
                self.v = np.zeros_like(p)
            self.v *= self.momentum
            self.v += g
            update[...] = self.v
        else:
            lr = self._adam(g, lr, update, tmp)
        if scale is not None:
            update *= scale
        update *= lr
        p -= update

    def _adam(self, g: np.ndarray, lr: float, update: np.ndarray, tmp: np.ndarray) -> float:
        """Adam's direction m / (√v + ε) into `update`; returns the bias-corrected rate."""
        if self.m is None:
            self.m, self.v = np.zeros_like(g), np.zeros_like(g)
        m, v = self.m, self.v
        m *= self.beta1
        m += np.multiply(g, 1 - self.beta1, out=tmp)
        v *= self.beta2
        tmp = np.multiply(g, g, out=tmp)
        tmp *= 1 - self.beta2
        v += tmp
        np.sqrt(v, out=update)
        update += self.eps
        np.divide(m, update, out=update)
        # Bias corrections folded into the step size (Kingma & Ba, section 2).
        return lr * math.sqrt(1 - self.beta2**self.t) / (1 - self.beta1**self.t)


def learning_rate(schedule: str, base: float, epoch: int, n_epochs: int) -> float:
    """The rate for a 0-based epoch: constant, cosine decay to 1% or ×0.5 every quarter."""
    if schedule == "cosine":
        frac = epoch / max(n_epochs - 1, 1)
        return base * (0.01 + 0.99 * 0.5 * (1 + math.cos(math.pi * frac)))
    if schedule == "step":
        return base * 0.5 ** (epoch // max(n_epochs // 4, 1))
    return base
