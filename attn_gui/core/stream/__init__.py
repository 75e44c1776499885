"""Training on a CSV larger than memory: statistics in one pass, then mini-batches.
"""
