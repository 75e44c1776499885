"""Attention Trainer: feature-attention networks on an analyst's CSV."""

__version__ = "0.1.0"

# The notebook estimators load scikit-learn and pandas: imported on first use, so that
# `import attn_gui` (the window's and the command line's start) stays cheap.
_ESTIMATORS = ("AttentionClassifier", "AttentionRegressor")


def __getattr__(name: str):
    if name in _ESTIMATORS:
        from . import estimator

        return getattr(estimator, name)
    raise AttributeError(f"module 'attn_gui' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_ESTIMATORS])
