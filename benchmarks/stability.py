"""How alike two default runs' attention is when only the seed changes (issue 15).

Per real file: the Pearson correlation of the attention weight vectors of single runs with
seeds 0…5 (every pair), per column and per group of correlated columns (core/groups.py,
group attention = the sum of its columns'); the same between the means of two `--repeats 5`
groups (seeds 0… and 100…); the agreement of each run's attention with its permutation
importance, per group; and the validation macro F1 (R² for regression). The seed changes
the split, the initial weights and the batch order, as on the command line. The engine is
called in-process; the scikit-learn files are written to a temporary folder.
"""

from __future__ import annotations

import dataclasses
import tempfile
from itertools import combinations
from pathlib import Path

import numpy as np

REAL = Path(__file__).resolve().parent.parent / "tests" / "data" / "real"
FILES = ("penguins", "pima_tr2", "chile", "mroz")
SKLEARN = ("breast_cancer", "iris", "wine", "diabetes")
SEEDS = range(6)
REPEATS, GROUP_SEEDS = 5, (0, 100)


def sklearn_csv(name: str, folder: Path) -> Path:
    """A data set shipped inside scikit-learn, as a CSV with its target last."""
    from sklearn import datasets

    bunch = getattr(datasets, f"load_{name}")(as_frame=True)
    frame = bunch.frame
    if name != "diabetes":  # class labels as words, as an analyst's file holds them
        frame["target"] = np.asarray(bunch.target_names)[bunch.target]
    path = folder / f"{name}.csv"
    frame.to_csv(path, index=False)
    return path


def files(folder: Path) -> list[tuple[str, Path]]:
    return ([(name, REAL / f"{name}.csv") for name in FILES]
            + [(name, sklearn_csv(name, folder)) for name in SKLEARN]
            + [("seattle_weather", REAL / "seattle_weather.csv")])


def _group_sums(weights: np.ndarray, clusters: list[list[int]]) -> np.ndarray:
    return np.array([weights[cols].sum() for cols in clusters])


def _mean_pearson(vectors: list[np.ndarray]) -> float:
    from attn_gui.core.stats import pearson

    rs = [pearson(a, b) for a, b in combinations(vectors, 2)]
    rs = [r for r in rs if r is not None]
    return float(np.mean(rs)) if rs else float("nan")


def measure(path: Path, **settings) -> dict:
    """The figures of one file under the default settings changed by `settings`."""
    from attn_gui.core.config import TrainConfig
    from attn_gui.core.groups import correlated_groups
    from attn_gui.core.importance import importance_report
    from attn_gui.core.io import read_table
    from attn_gui.core.repeats import attention_matrix, train_runs
    from attn_gui.core.stats import pearson

    table = read_table(path)
    base = TrainConfig(**settings)
    runs = [train_runs(table, dataclasses.replace(base, seed=s))[0] for s in SEEDS]
    data = runs[0].data
    clusters = correlated_groups(data.X_train, data.groups, len(data.features))
    columns = [attention_matrix([run])[0] for run in runs]
    agree = []
    for run in runs:
        groups = importance_report([run], run.final.attention)["groups"]
        r = pearson(np.array([g["attention"] for g in groups]),
                    np.array([g["importance"]["mean"] for g in groups]))
        if r is not None:
            agree.append(r)
    means = [attention_matrix(train_runs(table, dataclasses.replace(base, seed=s,
                                                                    repeats=REPEATS))).mean(0)
             for s in GROUP_SEEDS]
    key = "f1_macro" if data.task == "classification" else "r2"
    return {"columns": len(data.features), "groups": len(clusters),
            "per_column": _mean_pearson(columns),
            "per_group": _mean_pearson([_group_sums(c, clusters) for c in columns]),
            "repeats": _mean_pearson(means),
            "importance": float(np.mean(agree)) if agree else float("nan"),
            "score": float(np.mean([run.final.valid[key] for run in runs])),
            "best_epoch": float(np.mean([run.final.best_epoch for run in runs]))}


COLUMNS = ("per_column", "per_group", "repeats", "importance", "score", "best_epoch")


def table_lines(results: dict[str, dict]) -> list[str]:
    lines = ["| file | columns / groups | per column | per group | repeats 5, per column "
             "| attention–importance, per group | F1 (R²) | best epoch |",
             "|---|---|---|---|---|---|---|---|"]
    for name, r in results.items():
        cells = " | ".join(f"{r[k]:.3f}" if k != "best_epoch" else f"{r[k]:.1f}"
                           for k in COLUMNS)
        lines.append(f"| {name} | {r['columns']} / {r['groups']} | {cells} |")
    core = [r for name, r in results.items() if name not in ("diabetes", "seattle_weather")]
    for label, rows in (("mean of the 7 files of session 4", core),
                        ("mean of all", list(results.values()))):
        cells = " | ".join(f"{np.nanmean([r[k] for r in rows]):.3f}" for k in COLUMNS)
        lines.append(f"| **{label}** | | {cells} |")
    return lines


def run(**settings) -> list[str]:
    with tempfile.TemporaryDirectory() as folder:
        results = {name: measure(path, **settings) for name, path in files(Path(folder))}
    return table_lines(results)


def main() -> list[str]:
    return ["## Attention from seed to seed (issue 15)", "",
            f"Default settings; Pearson r of the attention weights between single runs with "
            f"seeds {SEEDS.start}–{SEEDS.stop - 1} (every pair), per column and per group of "
            f"correlated columns (|Spearman| ≥ 0.7); between the means of two --repeats "
            f"{REPEATS} groups (seeds {GROUP_SEEDS[0]}… and {GROUP_SEEDS[1]}…); attention "
            "against permutation importance per group (mean over runs); validation macro F1 "
            "(R² for diabetes); the mean best epoch.", "", *run()]


if __name__ == "__main__":
    print("\n".join(main()))
