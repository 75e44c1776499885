"""TrainConfig: every setting of a run as plain values, each declared once.

The window builds one, the CLI reads one from flags or `--config FILE.json`, and a saved
project stores one; keys are the CLI's long flags with `_`. Each field's `setting(...)`
is the one place that says its type, allowed values, default, label and help: the flags,
the checks and the window's widgets are made from it (see `options.py`).
"""

from __future__ import annotations

import dataclasses
import json
import math
from dataclasses import dataclass
from pathlib import Path

from .model import ACTIVATIONS, ATTENTION_MODES
from .optim import OPTIMIZERS, SCHEDULES
from .options import Choice, ConfigError, Joint, Option, check, coerce, setting
from .preprocess import (
    MISSING,
    OUTLIER_RULES,
    OUTLIERS,
    SCALINGS,
    PreprocessSpec,
)
from .weighting import KINDS, LINEAR_SCORES, WeightingError, WeightingSpec, validate_spec

__all__ = ["JOINTS", "OPTIONS", "ConfigError", "TrainConfig"]

_TRAINING_ONLY = ("Statistics are computed on the training rows only, then applied unchanged "
                  "to validation rows and new data.")


def _choices(values: tuple[str, ...], *described: tuple[str, str]) -> tuple[Choice, ...]:
    """Choices for `values` (the engine's own list, in its order) with label and help."""
    if len(values) != len(described):
        raise ValueError("every allowed value needs a label and help")
    return tuple(Choice(v, label, help) for v, (label, help) in zip(values, described, strict=True))


@dataclass
class TrainConfig:
    # -- data ------------------------------------------------------------------------------
    target: str | None = setting(
        None, "Target", "The column to predict; by default chosen from the file.", "data",
        optional=True, in_window=False)
    features: list[str] | None = setting(
        None, "Features", "Comma-separated input columns; by default every usable column "
        "besides the target.", "data", kind="names", optional=True, in_window=False)
    task: str | None = setting(
        None, "Task", "Classification or regression; by default inferred from the target.",
        "data", optional=True, in_window=False, choices=_choices(
            ("classification", "regression"),
            ("classification", "Predict a class: softmax output, cross-entropy loss, F1 score."),
            ("regression", "Predict a number: linear output, squared error, R².")))
    positive: str | None = setting(
        None, "Positive class", "For two classes, the class whose precision, recall and F1 "
        "are reported. By default the class with fewer training rows.", "data",
        optional=True, in_window=False)
    # -- preprocessing ---------------------------------------------------------------------
    missing: str = setting(
        "median", "Missing values", "How empty feature cells are handled. " + _TRAINING_ONLY,
        "preprocessing", choices=_choices(
            MISSING,
            ("fill with the median", "Empty cells get the column's median (robust to "
             "outliers); text columns get their most frequent level."),
            ("fill with the mean", "Empty cells get the column's mean; text columns their "
             "most frequent level."),
            ("fill with the most frequent value", "Empty cells get the column's most common "
             "value."),
            ("drop rows", "Training rows with any empty feature are dropped; validation rows "
             "and new data are still filled with the median.")))
    outliers: str = setting(
        "none", "Outliers", "What happens to extreme numeric values. " + _TRAINING_ONLY,
        "preprocessing", choices=_choices(
            OUTLIERS,
            ("keep", "Values are used as they are."),
            ("clip to the fences", "Values beyond a fence are set to the fence value."),
            ("drop rows", "Training rows with a value beyond a fence are dropped; validation "
             "rows and new data are clipped instead.")))
    outlier_rule: str = setting(
        "zscore", "Fences", "Where the fences for outliers lie.", "preprocessing",
        choices=_choices(
            OUTLIER_RULES,
            ("z-score", "Fences at mean ± k·standard deviation."),
            ("IQR fences", "Fences at Q1 − k·IQR and Q3 + k·IQR, with IQR = Q3 − Q1 (Tukey's "
             "rule; robust to the outliers themselves).")))
    outlier_threshold: float = setting(
        3.0, "Fence multiplier k", "The fence multiplier k: 3 is usual for z-scores, 1.5 for "
        "IQR fences.", "preprocessing", low=0.0, low_open=True, widget_high=100.0,
        decimals=2, step=0.5)
    scaling: str = setting(
        "zscore", "Scaling", "How numeric features are scaled. " + _TRAINING_ONLY,
        "preprocessing", choices=_choices(
            SCALINGS,
            ("z-score", "(x − mean) / standard deviation."),
            ("min-max", "(x − min) / (max − min): values from 0 to 1."),
            ("robust", "(x − median) / IQR: scaled by the median and the interquartile range, "
             "so a few extreme values barely move it."),
            ("none", "Values are used as they are.")))
    # -- attention -------------------------------------------------------------------------
    attention: str = setting(
        "global", "Attention", "How the attention logits z are obtained.", "attention",
        choices=_choices(
            ATTENTION_MODES,
            ("global: one weight per feature", "One learnable logit z_i per feature, the same "
             "for every row: α = g(z) is the model's overall importance of each feature."),
            ("per row: weights depend on the row", "z = tanh(x·V + c)·W_a + b_a: the logits, "
             "and so the weights, are computed from each row, as in self-attention over "
             "features."),
            ("off: no attention (baseline)", "The inputs pass through unweighted: the run to "
             "compare attention against.")))
    weighting: str = setting(
        "softmax", "Function", "The weighting function g that turns logits into weights.",
        "attention", choices=_choices(
            KINDS,
            ("softmax", "α_i = exp(z_i/T) / Σ_j exp(z_j/T). A low temperature T sharpens the "
             "weights towards one feature; a high T flattens them towards uniform."),
            ("exponential", "α_i = b^z_i / Σ_j b^z_j with base b > 1: softmax with T = 1/ln b."),
            ("linear", "α_i = s(z_i) / Σ_j s(z_j) with a positive score: softplus s(z) = "
             "ln(1 + e^z), or s(z) = max(z, 0) + 0.001 so every feature can come back."),
            ("sparsemax", "α = the point of the simplex closest to z (Euclidean projection): "
             "low logits get exactly 0, switching those features off."),
            ("custom formula", "α_i = s(z_i, i, n) / Σ_j s(z_j, j, n) with your score s: z is "
             "the logit, i the feature's position (0, 1, …) and n the number of features. "
             "The derivative used in training is exact.")))
    temperature: float = setting(
        1.0, "Temperature T", "Softmax temperature T in α_i = exp(z_i/T) / Σ_j exp(z_j/T): "
        "below 1 sharper, above 1 flatter.", "attention",
        low=0.0, low_open=True, widget_high=100.0, decimals=3, step=0.1)
    base: float = setting(
        math.e, "Base b", "Base b > 1 in α_i = b^z_i / Σ_j b^z_j; b = e (2.7183) is softmax "
        "with T = 1.", "attention", low=1.0, low_open=True, widget_high=1000.0, decimals=4,
        step=0.1)
    linear_score: str = setting(
        "softplus", "Linear score", "The positive score s(z) of the linear weighting.",
        "attention", choices=_choices(
            LINEAR_SCORES,
            ("softplus: ln(1 + e^z)", "Smooth and always positive."),
            ("relu: max(z, 0) + 0.001", "Piecewise linear; the 0.001 keeps a switched-off "
             "feature reachable.")))
    decay: float = setting(
        1.0, "Positional decay ρ", "Positional prior: the score of the i-th feature (in column "
        "order, i = 0, 1, …) is multiplied by ρ^i, favouring the first columns, e.g. recent "
        "lags. For sparsemax, i·ln ρ is added to the logit. 1 = no prior.", "attention",
        low=0.0, high=1.0, low_open=True, decimals=3, step=0.05)
    formula: str = setting(
        "", "Formula s(z, i, n)", "Score s(z, i, n) ≥ 0, normalised to weights. Variables: z, "
        "i, n; constants pi, e; operators + - * / **; functions exp, log, sqrt, abs, sin, cos, "
        "tanh, sigmoid, softplus, relu, min, max.", "attention",
        placeholder="e.g. exp(z) * 0.9**i")
    entropy: float = setting(
        0.0, "Entropy penalty λ", "Adds λ·H(α), H = −Σ_i α_i ln α_i, to the loss: a larger λ "
        "pushes the weights towards fewer features. 0 = off.", "attention",
        low=0.0, widget_high=100.0, decimals=4, step=0.01)
    # Adam moves each parameter by about lr per step, and small data often stops within ten
    # epochs: the shared attention logits learn faster so the weights settle before that.
    attention_lr: float = setting(
        10.0, "Attention learning-rate factor", "The attention logits (global logits, or the "
        "per-row bias) start this many times faster than the rest of the network, so the "
        "weights form before early stopping ends a short run; the factor then decays as "
        "3/(3 + epoch), so the weights settle instead of drifting. 1 = the same rate at first.",
        "attention", low=0.0, low_open=True, widget_high=1000.0, decimals=2, step=1.0)
    attention_hidden: int = setting(
        16, "Per-row scorer units", "Per-row attention only: the logits come from one hidden "
        "layer, z = tanh(x·V + c)·W_a + b_a, with this many units, so the weights can switch "
        "with the row (x1 matters where x11 < 0, x3 elsewhere). 0 = the linear scorer "
        "z = x·W_a + b_a.", "attention", low=0, widget_high=1024)
    # -- network and training --------------------------------------------------------------
    epochs: int = setting(
        200, "Epochs", "One epoch is one pass over every training row; the curves get one "
        "point per epoch. Early stopping may end the run sooner.", "training",
        low=1, widget_high=1_000_000)
    batch_size: int = setting(
        128, "Batch size", "Rows per update for SGD, momentum and Adam: each step follows the "
        "mean gradient of B rows, so an epoch of n rows takes ⌈n / B⌉ steps. Small batches "
        "are noisier and slower per epoch but often generalise better. Full-batch gradient "
        "descent ignores it.", "training", low=1, widget_high=10_000_000)
    lr: float = setting(
        0.01, "Learning rate", "Step size η of every update θ ← θ − η·g. Too large and the loss "
        "diverges; too small and it barely moves. Typical: 0.001–0.01 for Adam, 0.01–0.1 for "
        "SGD.", "training", low=0.0, low_open=True, widget_high=100.0, decimals=5, step=0.001)
    optimizer: str = setting(
        "adam", "Optimiser", "How each step follows the gradient.", "training",
        choices=_choices(
            OPTIMIZERS,
            ("Full-batch gradient descent", "θ ← θ − η·∇L over all training rows at once."),
            ("Mini-batch SGD", "The same step on the mean gradient g of each mini-batch."),
            ("Momentum", "v ← β·v + g, θ ← θ − η·v (past steps keep it rolling through flat "
             "and noisy regions)."),
            ("Adam", "m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², θ ← θ − η·m̂ / (√v̂ + ε), with "
             "bias-corrected m̂, v̂ (β₁ = 0.9, β₂ = 0.999, ε = 1e-8): a per-parameter step "
             "size, robust to badly scaled inputs.")))
    momentum: float = setting(
        0.9, "Momentum β", "β in v ← β·v + g: the share of the previous step carried into the "
        "next one (0.9 is usual; 0 is plain SGD). Used by the momentum optimiser only.",
        "training", low=0.0, high=1.0, high_open=True, decimals=3, step=0.05)
    lr_schedule: str = setting(
        "constant", "Rate schedule", "The learning rate per epoch t of T.", "training",
        choices=_choices(
            SCHEDULES,
            ("Constant", "η in every epoch."),
            ("Cosine decay", "η·(0.01 + 0.99·½(1 + cos(π·t/(T−1)))), from η down to 1% of η."),
            ("Step (halve each quarter)", "η halved after every quarter of the epochs.")))
    hidden: list[int] = setting(
        [32], "Hidden layers", "Sizes of the hidden layers after the attention step, separated "
        "by commas: \"32\" is one layer of 32 units, \"64,32\" two layers. Empty: no hidden "
        "layer, a linear (logistic) model on the weighted features.", "training",
        kind="sizes", placeholder="e.g. 64,32")
    activation: str = setting(
        "relu", "Activation", "Non-linearity of the hidden layers.", "training",
        choices=_choices(
            ACTIVATIONS,
            ("ReLU", "max(0, x), fast and the usual choice."),
            ("tanh", "(eˣ − e⁻ˣ)/(eˣ + e⁻ˣ), smooth and bounded in (−1, 1).")))
    patience: int = setting(
        20, "Early-stopping patience", "Early stopping: the run ends once the validation loss "
        "has not improved for this many epochs in a row; the weights of the best epoch are "
        "kept either way. 0 turns early stopping off.", "training",
        low=0, widget_high=1_000_000, off_text="off")
    class_weight: str = setting(
        "none", "Class weights", "How much each class counts in the loss.", "training",
        choices=_choices(
            ("none", "balanced"),
            ("equal", "Every row counts the same."),
            ("balanced", "Each class counts in inverse proportion to its rows (n / (k·n_c)), "
             "so a rare class weighs as much as a common one: higher recall on it, often "
             "lower precision.")))
    threshold: float = setting(
        0.5, "Decision threshold", "Two classes: a row is called positive when the model's "
        "probability of the positive class is at least this; it moves precision, recall, F1 "
        "and the confusion matrix, not the training. 0.5 = the more probable class. Saved "
        "with the model; predictions use it.", "training",
        low=0.0, high=1.0, low_open=True, high_open=True, decimals=3, step=0.05)
    fp_cost: float = setting(
        1.0, "Cost of a false positive", "Two classes: what a false positive costs, with a "
        "false negative costing 1 (e.g. 0.2: a missed positive is five times worse). The "
        "threshold that makes fp_cost·FP + FN least on the validation rows is reported, "
        "to use as the decision threshold.", "training",
        low=0.0, low_open=True, widget_high=1e6, decimals=3, step=0.1)
    valid_fraction: float = setting(
        0.2, "Validation fraction", "The share of rows set aside (stratified by class, "
        "seeded) to measure the model on rows it never trained on; early stopping watches "
        "them. Ignored when a validation file is given.", "training",
        low=0.0, high=1.0, low_open=True, high_open=True, decimals=2, step=0.05)
    seed: int = setting(
        0, "Seed", "Seeds the validation split, the initial weights and the order of the "
        "mini-batches: the same seed and settings give the same run.", "training",
        low=0, widget_high=2**31 - 1)
    repeats: int = setting(
        1, "Repeats", "Train this many runs with seeds seed, seed+1, … on the same split and "
        "report the mean attention and metrics with their spread across runs, and how alike "
        "the runs' attention is. The first run's model is the one saved.", "training",
        low=1, widget_high=1000)
    cv: int = setting(
        0, "Cross-validation folds", "K-fold cross-validation: split the rows into K folds "
        "(stratified by class) and train K runs, each validated on its own fold; reports the "
        "mean over the folds. 0 = off: one validation split.", "training",
        low=0, widget_high=1000, off_text="off")
    l2: float = setting(
        1e-4, "L2 penalty", "Weight decay λ: adds ½·λ·Σw² over the layer weights to the loss, "
        "which pulls weights towards zero and curbs over-fitting. 0 turns it off.", "training",
        low=0.0, widget_high=10.0, decimals=6, step=0.0001)

    # -- derived specs -----------------------------------------------------
    def weighting_spec(self) -> WeightingSpec:
        return WeightingSpec(
            kind=self.weighting, temperature=self.temperature, base=self.base,
            linear_score=self.linear_score, decay=self.decay, formula=self.formula,
        )

    def preprocess_spec(self) -> PreprocessSpec:
        return PreprocessSpec(
            missing=self.missing, outliers=self.outliers, outlier_rule=self.outlier_rule,
            outlier_threshold=self.outlier_threshold, scaling=self.scaling,
        )

    # -- validation and (de)serialisation ----------------------------------
    def validate(self) -> TrainConfig:
        for option in OPTIONS.values():
            check(option, getattr(self, option.name))
        try:
            validate_spec(self.weighting_spec())
        except WeightingError as exc:
            raise ConfigError(exc.template, **exc.values) from None
        if self.cv == 1:
            raise ConfigError("cross-validation needs at least 2 folds, not 1; "
                              "use 0 to turn it off")
        return self

    def to_dict(self) -> dict:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> TrainConfig:
        if not isinstance(data, dict):
            raise ConfigError("the configuration must be a JSON object of settings")
        unknown = sorted(set(data) - set(OPTIONS))
        if unknown:
            raise ConfigError("unknown setting(s) {unknown}; known: {known}",
                              unknown=", ".join(unknown), known=", ".join(OPTIONS))
        return cls(**{name: coerce(OPTIONS[name], value) for name, value in data.items()})

    @classmethod
    def load(cls, path: str | Path) -> TrainConfig:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise ConfigError("cannot read the configuration file '{path}': {reason}",
                              path=path, reason=exc.strerror) from None
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ConfigError("the configuration file '{path}' is not valid JSON "
                              "(line {line}: {reason})", path=path, line=exc.lineno,
                              reason=exc.msg) from None
        return cls.from_dict(data)


def _declared() -> dict[str, Option]:
    return {f.name: dataclasses.replace(f.metadata["option"], name=f.name)
            for f in dataclasses.fields(TrainConfig)}


OPTIONS: dict[str, Option] = _declared()


def _group_values(mode: str, k: int) -> dict[str, int]:
    return {"repeats": k if mode == "repeats" else 1, "cv": k if mode == "cv" else 0}


def _group_mode(values: dict[str, int]) -> tuple[str, int]:
    # Both at once (a config file may ask for it) is shown as its folds; the window itself
    # never sets both.
    if values["cv"]:
        return "cv", values["cv"]
    if values["repeats"] > 1:
        return "repeats", values["repeats"]
    return "one", 5


_KEPT_MODEL = ("Save Model and Predict use the first run's model (seed, fold 1), the same "
               "one a single run with that seed trains, not an average of the runs.")

# The window's one setting for `repeats` and `cv`.
JOINTS: dict[str, Joint] = {"runs": Joint(
    label="Repeats / folds",
    help="Train several runs to see how much the answer moves with the seed or the split: "
    "the plots show the mean over the runs with a band of ±1 standard deviation, attention "
    "with error bars, and the metrics as mean ± sd. " + _KEPT_MODEL,
    fields=("repeats", "cv"),
    modes=(Choice("one", "One run", "One run with the seed and one validation split."),
           Choice("repeats", "K repeats", "K runs with seeds seed, seed+1, …, seed+K−1 on the "
                  "same validation split: how much the answer depends on the initial weights "
                  "and the order of the mini-batches."),
           Choice("cv", "K-fold cross-validation", "The rows split into K folds (stratified by "
                  "class); one run per fold, trained on the other folds and validated on its "
                  "own: every row is validated once, and the spread includes the split's.")),
    low=2, high=1000, default_count=5, values=_group_values, mode=_group_mode)}
