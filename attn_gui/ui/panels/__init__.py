"""The panels the window is made of (data, weighting, training monitor, runs, per-row
explanation) and the parts they are built from."""
