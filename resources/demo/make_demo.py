"""Regenerates demo.csv: 12 columns, of which only `debt_ratio` and `late_payments` decide
`defaulted`, so the attention plot shows the point at once. Run from the repo root."""

import numpy as np
import pandas as pd

rng = np.random.default_rng(2026)
n = 2000
frame = pd.DataFrame({
    "age": rng.integers(21, 70, n),
    "income": np.round(rng.lognormal(10.5, 0.4, n), -2),
    "debt_ratio": np.round(rng.uniform(0, 1, n), 3),
    "late_payments": rng.poisson(1.5, n),
    "tenure_months": rng.integers(1, 240, n),
    "accounts": rng.integers(1, 9, n),
    "credit_checks": rng.poisson(2, n),
    "savings": np.round(rng.gamma(2, 3000, n), 2),
    "region": rng.choice(["north", "south", "east", "west"], n),
    "channel": rng.choice(["branch", "online", "phone"], n, p=[0.3, 0.5, 0.2]),
    "dependents": rng.integers(0, 5, n),
    "utilisation": np.round(rng.uniform(0, 1, n), 3),
})
score = 4.0 * (frame["debt_ratio"] - 0.5) + 1.2 * (frame["late_payments"] - 1.5)
frame["defaulted"] = np.where(score + rng.normal(0, 0.4, n) > 0, "yes", "no")
frame.loc[rng.choice(n, 40, replace=False), "income"] = np.nan  # a few blanks, as real exports have
frame.to_csv("resources/demo/demo.csv", index=False)
