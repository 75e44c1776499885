"""The fitted preprocessing pipeline: impute, denoise, scale, one-hot encode.

Every statistic is learned in `fit` from the training rows only and stored as
plain JSON-able values, so a saved model applies exactly the same steps to a
new file.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from .errors import UserError
from .io.dates import ISO, PARTS, date_parts, day_numbers, parse_dates

if TYPE_CHECKING:
    import pandas as pd
# pandas is imported inside the functions that use it: it is kept off the window's start-up path

MISSING = ("median", "mean", "most_frequent", "drop")
OUTLIERS = ("none", "clip", "drop")
OUTLIER_RULES = ("zscore", "iqr")
SCALINGS = ("zscore", "minmax", "robust", "none")
OTHER = "(other)"
NUMERIC_KINDS = ("numeric", "boolean")
_BLOCK_ROWS = 16_384  # rows encoded at a time: a block of the matrix stays in the CPU cache
_SAFE_MAGNITUDE = 1e150  # squares stay finite below ~1.3e154
_CHUNK_ROWS = 65_536  # rows of a text column turned into level codes at a time


@dataclass(frozen=True)
class PreprocessSpec:
    missing: str = "median"
    outliers: str = "none"
    outlier_rule: str = "zscore"
    outlier_threshold: float = 3.0  # |z| limit, or the IQR fence multiplier
    scaling: str = "zscore"
    rare_fraction: float = 0.01  # levels rarer than this in training are pooled as "(other)"
    max_levels: int = 30


def validate_preprocess(spec: PreprocessSpec, error: type[UserError]) -> None:
    """Raise `error`, the caller's kind of UserError, naming the first setting refused."""
    for name, allowed in (("missing", MISSING), ("outliers", OUTLIERS),
                          ("outlier_rule", OUTLIER_RULES), ("scaling", SCALINGS)):
        if getattr(spec, name) not in allowed:
            raise error("{setting} must be one of {allowed}, not '{value}'", setting=name,
                        allowed=", ".join(allowed), value=getattr(spec, name))
    if not (np.isfinite(spec.outlier_threshold) and spec.outlier_threshold > 0):
        raise error("the outlier threshold must be a number > 0, not {threshold}",
                    threshold=spec.outlier_threshold)


@dataclass
class NumericStep:
    fill: float
    low: float
    high: float
    center: float
    scale: float
    words: list[str] | None = None  # a yes/no column: the words read as 0 and 1


@dataclass
class CategoricalStep:
    levels: list[str]
    fill: str


@dataclass
class DateStep:
    """A date column as several numbers (`io.dates.PARTS`, and "hour" when the training
    dates hold times), each imputed and scaled like a numeric column; never clipped or
    dropped as an outlier, since days since the first date grow by design. `origin` is the
    first training date (days since 1970), `order` how text dates were read."""

    order: str
    origin: float
    parts: list[str]
    steps: list[NumericStep]


@dataclass
class Preprocessor:
    spec: PreprocessSpec = field(default_factory=PreprocessSpec)
    features: list[str] = field(default_factory=list)
    kinds: dict[str, str] = field(default_factory=dict)
    steps: dict[str, NumericStep | CategoricalStep | DateStep] = field(default_factory=dict)

    # -- fitting -----------------------------------------------------------
    def fit(self, frame: pd.DataFrame, features: list[str], kinds: dict[str, str],
            words: dict[str, tuple[str, str]] | None = None,
            rows: np.ndarray | None = None,
            orders: dict[str, str] | None = None) -> Preprocessor:
        """`words`: for yes/no columns, the two words the reader turned into 0 and 1, so a
        new file whose column reads differently is encoded the same way. `rows`: positions
        of the training rows in `frame` (None: all), taken one column at a time, so a
        million-row frame is never copied whole. `orders`: how a date column's text was
        read (ColumnInfo.order), kept for new files."""
        words = words or {}
        self.features = list(features)
        self.kinds = {f: ("numeric" if kinds[f] in NUMERIC_KINDS else
                          "date" if kinds[f] == "date" else "categorical") for f in features}
        self.steps = {}
        numeric = [f for f in features if self.kinds[f] == "numeric"]
        n = len(frame) if rows is None else len(rows)
        keep = np.ones(n, dtype=bool)
        if self.spec.missing == "drop":
            for f in features:
                keep &= _take(frame, f, rows).notna().to_numpy()
        every_row = bool(keep.all())

        def kept_values(f: str) -> np.ndarray:
            v = _as_float(_take(frame, f, rows))
            return v if every_row else v[keep]

        bounds: dict[str, tuple[float, float]] = {}
        inside = None
        if self.spec.outliers == "drop":
            # Scaling is fitted on what remains after outlier rows are dropped.
            inside = np.ones(int(keep.sum()), dtype=bool)
            for f in numeric:
                v = kept_values(f)
                bounds[f] = self._bounds(v)
                inside &= np.isnan(v) | ((v >= bounds[f][0]) & (v <= bounds[f][1]))
        # one column at a time: a float64 copy of every column at once would double the frame
        for f in numeric:
            v = kept_values(f)
            if f not in bounds:
                bounds[f] = self._bounds(v)
            if inside is not None:
                v = v[inside]
            fill = self._fill(v)
            missing = np.isnan(v)
            if missing.any():
                v = np.where(missing, fill, v)
            if self.spec.outliers == "clip":
                v = np.clip(v, *bounds[f])
            center, scale = self._scaling(v)
            self.steps[f] = NumericStep(float(fill), float(bounds[f][0]), float(bounds[f][1]),
                                        float(center), float(scale),
                                        list(words[f]) if f in words else None)
        for f in features:
            if self.kinds[f] == "categorical":
                col = _take(frame, f, rows)
                self.steps[f] = self._fit_levels(col if every_row else col[keep])
            elif self.kinds[f] == "date":
                order = (orders or {}).get(f) or ISO
                days = _days(_take(frame, f, rows), order)
                self.steps[f] = self._fit_date(days if every_row else days[keep], inside, order)
        return self

    def _fit_date(self, days: np.ndarray, inside: np.ndarray | None, order: str) -> DateStep:
        if inside is not None:
            days = days[inside]
        known = days[~np.isnan(days)]
        origin = float(np.floor(known.min())) if known.size else 0.0
        timed = bool(known.size and (known != np.floor(known)).any())
        parts = [*PARTS, "hour"] if timed else list(PARTS)
        steps = []
        for v in date_parts(days, origin, parts).T:
            fill = self._fill(v)
            v = np.where(np.isnan(v), fill, v)
            center, scale = self._scaling(v)
            steps.append(NumericStep(float(fill), -np.inf, np.inf, float(center), float(scale)))
        return DateStep(order, origin, parts, steps)

    def _fill(self, v: np.ndarray) -> float:
        ok = v[~np.isnan(v)]
        if ok.size == 0:
            return 0.0
        if self.spec.missing == "mean":
            return float(ok.mean())
        if self.spec.missing == "most_frequent":
            vals, counts = np.unique(ok, return_counts=True)
            return float(vals[counts.argmax()])
        return float(np.median(ok, overwrite_input=True))  # ok is a copy: sort it in place

    def _bounds(self, v: np.ndarray) -> tuple[float, float]:
        if self.spec.outliers == "none":
            return -np.inf, np.inf
        ok = v[~np.isnan(v)]
        if ok.size == 0:
            return -np.inf, np.inf
        t = self.spec.outlier_threshold
        if self.spec.outlier_rule == "iqr":
            q1, q3 = np.percentile(ok, [25, 75])
            return float(q1 - t * (q3 - q1)), float(q3 + t * (q3 - q1))
        mean, std = _mean_std(ok)
        return mean - t * std, mean + t * std

    def _scaling(self, v: np.ndarray) -> tuple[float, float]:
        kind = self.spec.scaling
        if kind == "none" or v.size == 0:
            return 0.0, 1.0
        if kind == "minmax":
            lo, hi = float(v.min()), float(v.max())
            return lo, (hi - lo) or 1.0
        if kind == "robust":
            q1, med, q3 = np.percentile(v, [25, 50, 75])
            return float(med), float(q3 - q1) or _mean_std(v)[1] or 1.0
        mean, std = _mean_std(v)
        return mean, std or 1.0

    def _fit_levels(self, col: pd.Series) -> CategoricalStep:
        import pandas as pd

        # a copy: pandas 3 may hand back counts in a read-only array, refused by `+=` below
        counts = pd.Series(target_labels(col.dropna())).value_counts().copy()
        fill = str(counts.index[0]) if len(counts) else OTHER
        if len(counts) and self.spec.missing != "drop" and col.isna().any():
            counts[fill] += int(col.isna().sum())
        minimum = self.spec.rare_fraction * max(len(col), 1)
        frequent = counts[counts >= minimum].index[: self.spec.max_levels]
        levels = sorted(str(v) for v in frequent)
        if len(frequent) < len(counts):
            levels.append(OTHER)
        return CategoricalStep(levels=levels, fill=fill)

    # -- applying ------------------------------------------------------------
    @property
    def encoded_names(self) -> list[str]:
        names = []
        for f in self.features:
            step = self.steps[f]
            if isinstance(step, DateStep):
                names += [f"{f}:{part}" for part in step.parts]
            else:
                names += [f] if isinstance(step, NumericStep) else [f"{f}={lv}" for lv in step.levels]
        return names

    @property
    def groups(self) -> np.ndarray:
        """For every encoded column, the index of the input column it came from."""
        idx = []
        for i, f in enumerate(self.features):
            step = self.steps[f]
            idx += [i] * _width(step)
        return np.asarray(idx, dtype=np.int64)

    def transform(self, frame: pd.DataFrame, drop_rows: bool = True,
                  dtype=np.float32, rows: np.ndarray | None = None
                  ) -> tuple[np.ndarray, np.ndarray, dict]:
        """Encoded matrix, mask of the kept input rows, and what was done (counts).

        `rows`: positions of the rows to encode (None: all), as in `fit`. With
        drop_rows=False (prediction) no row is ever dropped: missing values are imputed
        and outliers clipped instead, so the output keeps every input row.
        """
        missing_cols = [f for f in self.features if f not in frame.columns]
        if missing_cols:
            raise KeyError(missing_cols)
        n = len(frame) if rows is None else len(rows)
        keep = np.ones(n, dtype=bool)
        report = {"rows_in": n, "rows_dropped_missing": 0, "rows_dropped_outliers": 0,
                  "values_imputed": 0, "values_clipped": 0, "unseen_levels": 0}
        if drop_rows and self.spec.missing == "drop":
            for f in self.features:
                keep &= _take(frame, f, rows).notna().to_numpy()
            report["rows_dropped_missing"] = int(n - keep.sum())
        if drop_rows and self.spec.outliers == "drop":
            inside = np.ones(n, dtype=bool)
            for f in self.features:
                step = self.steps[f]
                if isinstance(step, NumericStep):
                    v = _as_float(_take(frame, f, rows), step.words)
                    inside &= np.isnan(v) | ((v >= step.low) & (v <= step.high))
            report["rows_dropped_outliers"] = int((keep & ~inside).sum())
            keep &= inside
        selected = rows
        if not keep.all():
            selected = np.flatnonzero(keep) if rows is None else rows[keep]
        n_out = int(keep.sum())
        sources = [self._source(frame, f, selected, report) for f in self.features]
        X = np.empty((n_out, len(self.encoded_names)), dtype=dtype)
        # Row blocks, every column of a block before the next: writing X column by column
        # touches each of its cache lines once per column, six times slower on 1M rows.
        for start in range(0, n_out, _BLOCK_ROWS):
            block = slice(start, min(start + _BLOCK_ROWS, n_out))
            out = X[block]
            col = 0
            for f, (values, positions) in zip(self.features, sources, strict=True):
                step = self.steps[f]
                part = values[block] if positions is None else values[positions[block]]
                if isinstance(step, NumericStep):
                    self._encode_numbers(part, step, out[:, col], report)
                    col += 1
                elif isinstance(step, DateStep):
                    for k, part_step in enumerate(step.steps):
                        # a missing date is one imputed value, not one for each part
                        counts = report if k == 0 else dict(report)
                        self._encode_numbers(part[:, k], part_step, out[:, col + k], counts)
                    col += len(step.steps)
                else:
                    levels = out[:, col : col + len(step.levels)]
                    levels[:] = 0
                    coded = np.flatnonzero(part >= 0)
                    levels[coded, part[coded]] = 1
                    col += len(step.levels)
        return X, keep, report

    def _source(self, frame: pd.DataFrame, f: str, selected: np.ndarray | None,
                report: dict) -> tuple[np.ndarray, np.ndarray | None]:
        """What `transform` reads for column f, and where the selected rows are in it (None:
        it holds just those rows): the frame's own float64 array when it has one, not a
        copy; else the selected rows as numbers, or as level codes."""
        step = self.steps[f]
        if isinstance(step, NumericStep) and frame[f].dtype == np.float64:
            return _as_float(frame[f]), selected
        if isinstance(step, NumericStep):
            return _as_float(_take(frame, f, selected), step.words), None
        if isinstance(step, DateStep):
            days = _days(_take(frame, f, selected), step.order)
            return date_parts(days, step.origin, step.parts), None
        # A chunk at a time: text, label and lookup copies of every row at once would be
        # tens of MiB on a million rows.
        n = len(frame) if selected is None else len(selected)
        codes = np.empty(n, dtype=np.int64)
        for start in range(0, n, _CHUNK_ROWS):
            stop = min(start + _CHUNK_ROWS, n)
            part = (frame[f].iloc[start:stop] if selected is None
                    else _take(frame, f, selected[start:stop]))
            codes[start:stop], unseen, imputed = _level_codes(part, step)
            report["unseen_levels"] += unseen
            report["values_imputed"] += imputed
        return codes, None

    def _encode_numbers(self, v: np.ndarray, step: NumericStep, out: np.ndarray,
                        report: dict) -> None:
        nan = np.isnan(v)
        report["values_imputed"] += int(nan.sum())
        v = np.where(nan, step.fill, v)
        if self.spec.outliers != "none":
            clipped = np.clip(v, step.low, step.high)
            report["values_clipped"] += int((clipped != v).sum())
            v = clipped
        with np.errstate(over="ignore"):  # beyond float32: caught by the caller
            out[:] = (v - step.center) / step.scale

    # -- persistence -----------------------------------------------------------
    def to_dict(self) -> dict:
        return {
            "spec": asdict(self.spec),
            "features": self.features,
            "kinds": self.kinds,
            "steps": {f: _json_step(s) for f, s in self.steps.items()},
        }

    @classmethod
    def from_dict(cls, data: dict) -> Preprocessor:
        steps: dict[str, NumericStep | CategoricalStep | DateStep] = {}
        for f, s in data["steps"].items():
            s = dict(s)
            kind = s.pop("type")
            if kind == "numeric":
                steps[f] = _numeric_step(s)
            elif kind == "date":
                steps[f] = DateStep(s["order"], s["origin"], list(s["parts"]),
                                    [_numeric_step(dict(p)) for p in s["steps"]])
            else:
                steps[f] = CategoricalStep(**s)
        return cls(spec=PreprocessSpec(**data["spec"]), features=list(data["features"]),
                   kinds=dict(data["kinds"]), steps=steps)


def _mean_std(v: np.ndarray) -> tuple[float, float]:
    """Mean and standard deviation of finite values, also beyond ±1e154, where the squares
    overflow: such a column was scaled by an infinite spread to all zeros. Huge values are
    divided by their largest magnitude first."""
    peak = max(float(v.max()), -float(v.min()))
    if peak <= _SAFE_MAGNITUDE:
        return float(v.mean()), float(v.std())
    unit = v / peak
    return peak * float(unit.mean()), peak * float(unit.std())


def _json_step(step: NumericStep | CategoricalStep | DateStep) -> dict:
    if isinstance(step, CategoricalStep):
        return {"type": "categorical", **asdict(step)}
    if isinstance(step, DateStep):
        return {"type": "date", "order": step.order, "origin": step.origin,
                "parts": step.parts, "steps": [_json_numbers(p) for p in step.steps]}
    return {"type": "numeric", **_json_numbers(step)}


def _json_numbers(step: NumericStep) -> dict:
    d = asdict(step)
    d.update({k: None for k in ("low", "high") if not np.isfinite(d[k])})  # JSON has no inf
    return d


def _numeric_step(s: dict) -> NumericStep:
    s.pop("type", None)
    s["low"] = -np.inf if s["low"] is None else s["low"]
    s["high"] = np.inf if s["high"] is None else s["high"]
    return NumericStep(**s)


def _width(step: NumericStep | CategoricalStep | DateStep) -> int:
    """How many encoded columns the step makes of its input column."""
    if isinstance(step, NumericStep):
        return 1
    return len(step.steps) if isinstance(step, DateStep) else len(step.levels)


def _days(col: pd.Series, order: str) -> np.ndarray:
    """A date column as days since 1970 (NaN where missing or no date)."""
    return day_numbers(parse_dates(col, order))


def target_labels(col: pd.Series, words: tuple[str, str] | list[str] | None = None) -> np.ndarray:
    """Values as label text: whole numbers lose their ".0" (1.0 -> "1"), and a yes/no
    column read as 0/1 gets its words back. The same text whether a file's column was
    read as numbers or as text, so training and new files agree."""
    import pandas as pd

    if words is not None and pd.api.types.is_numeric_dtype(col.dtype):
        v = col.to_numpy(dtype=np.float64, na_value=np.nan)
        out = np.full(len(v), None, dtype=object)
        for code, word in enumerate(words):
            out[v == code] = word
        return out
    if pd.api.types.is_numeric_dtype(col.dtype):
        v = col.to_numpy(dtype=np.float64, na_value=np.nan)
        out = np.full(len(v), None, dtype=object)
        ok = np.isfinite(v)
        whole = ok & (v == np.round(v)) & (np.abs(v) < 2**53)
        out[whole] = v[whole].astype(np.int64).astype(str)
        out[ok & ~whole] = v[ok & ~whole].astype(str)
        return out
    return col.astype("string").to_numpy(dtype=object, na_value=None)


def _take(frame: pd.DataFrame, name: str, rows: np.ndarray | None) -> pd.Series:
    col = frame[name]
    return col if rows is None else col.iloc[rows]


def _as_float(col: pd.Series, words: list[str] | None = None) -> np.ndarray:
    """The column as float64 with NaN for missing and infinite values; read-only, since it
    is the frame's own array when the reader already made it float64 and finite."""
    import pandas as pd

    if col.dtype == np.float64:
        v = col.to_numpy()
        return np.where(np.isinf(v), np.nan, v) if np.isinf(v).any() else v
    if words is not None and not pd.api.types.is_numeric_dtype(col.dtype):
        # The column came as text this time (say every row says "yes"): map the words.
        codes = {w.strip().lower(): float(i) for i, w in enumerate(words)}
        col = col.astype("string").str.strip().str.lower().map(codes)
    v = pd.to_numeric(col, errors="coerce").to_numpy(dtype=np.float64, na_value=np.nan)
    return np.where(np.isfinite(v), v, np.nan)


def _level_codes(col: pd.Series, step: CategoricalStep) -> tuple[np.ndarray, int, int]:
    """Code of each cell's level; unseen levels go to "(other)" if it exists, else all-zero."""
    import pandas as pd

    text = pd.Series(target_labels(col), index=col.index, dtype="string")
    missing = text.isna().to_numpy()
    text = text.fillna(step.fill)
    # get_indexer gives -1 for unseen levels; pd.Categorical would warn (and pandas 4 raise)
    codes = pd.Index(step.levels).get_indexer(text.to_numpy(dtype=object)).astype(np.int64)
    unseen = codes < 0
    if OTHER in step.levels:
        codes[unseen] = step.levels.index(OTHER)
    return codes, int((unseen & ~missing).sum()), int(missing.sum())
