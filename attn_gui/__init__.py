"""Attention Trainer: feature-attention networks on an analyst's CSV."""

__version__ = "0.1.0"
