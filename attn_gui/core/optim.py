"""Optimisers (in-place updates of a parameter dict) and learning-rate schedules."""

from __future__ import annotations

import math

import numpy as np

OPTIMIZERS = ("gd", "sgd", "momentum", "adam")
SCHEDULES = ("constant", "cosine", "step")


class Optimizer:
    """gd and sgd share the plain update; they differ only in the batch size the loop uses."""

    def __init__(self, kind: str, lr: float, momentum: float = 0.9,
                 betas: tuple[float, float] = (0.9, 0.999), eps: float = 1e-8,
                 lr_scale: dict[str, float] | None = None):
        self.kind = kind
        self.lr = lr
        self.lr_scale = lr_scale or {}
        self.momentum = momentum
        self.beta1, self.beta2 = betas
        self.eps = eps
        self.t = 0
        self.state: dict[str, tuple[np.ndarray, ...]] = {}

    def step(self, params: dict[str, np.ndarray], grads: dict[str, np.ndarray], lr: float) -> None:
        self.t += 1
        for name, g in grads.items():
            p = params[name]
            lr_p = lr * self.lr_scale.get(name, 1.0)
            if self.kind in ("gd", "sgd"):
                p -= lr_p * g
            elif self.kind == "momentum":
                if name not in self.state:
                    self.state[name] = (np.zeros_like(p),)
                (v,) = self.state[name]
                v *= self.momentum
                v += g
                p -= lr_p * v
            else:
                if name not in self.state:
                    self.state[name] = (np.zeros_like(p), np.zeros_like(p))
                m, v = self.state[name]
                m *= self.beta1
                m += (1 - self.beta1) * g
                v *= self.beta2
                v += (1 - self.beta2) * g * g
                # Bias corrections folded into the step size (Kingma & Ba, section 2).
                step = lr_p * math.sqrt(1 - self.beta2**self.t) / (1 - self.beta1**self.t)
                denom = np.sqrt(v)
                denom += self.eps
                p -= step * m / denom


def learning_rate(schedule: str, base: float, epoch: int, n_epochs: int) -> float:
    """The rate for a 0-based epoch: constant, cosine decay to 1% or ×0.5 every quarter."""
    if schedule == "cosine":
        frac = epoch / max(n_epochs - 1, 1)
        return base * (0.01 + 0.99 * 0.5 * (1 + math.cos(math.pi * frac)))
    if schedule == "step":
        return base * 0.5 ** (epoch // max(n_epochs // 4, 1))
    return base
