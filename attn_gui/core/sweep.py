"""A sweep: many runs on one file, each with some settings changed, ranked by one metric.

A sweep is written as JSON (`sweep --spec FILE.json`; the window's Training ▸ Sweep builds
the same object):

    {"grid": {"weighting": ["softmax", "sparsemax"], "temperature": [0.5, 1, 2]},
     "random": {"samples": 4, "seed": 0,
                "options": {"lr": {"log_uniform": [0.0001, 0.1]},
                            "hidden": {"choice": [[32], [64, 32]]}}}}

`grid` lists values per setting and every combination runs (the product of the list
lengths). `random` draws `samples` sets of values, seeded, from a distribution per setting:
`{"uniform": [low, high]}`, `{"log_uniform": [low, high]}` (both for numbers; a whole-number
setting draws whole numbers) or `{"choice": [values]}` (a bare list means the same). With
both, every grid point runs with each of the samples (grid size × samples runs), so the
grid's values are compared on the same draws. Each value is checked by the setting's own
declaration (`options.py`), so a sweep refuses what `train` refuses, with the same
sentence; the settings not swept come from the flags or the window.

Each run trains exactly as `train` does (`repeats.run_group`: repeats and folds included)
and is ranked by its validation F1 (classification) or R² (regression), the mean over the
runs of a group.
"""

from __future__ import annotations

import copy
import dataclasses
import difflib
import itertools
import json
import math
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from .config import OPTIONS, TrainConfig
from .errors import Phrase, UserError
from .io import Table
from .options import ConfigError, Option, check, coerce, parse_sizes
from .repeats import Run, RunReport, run_group, summarise, summarised_runs
from .training import BatchReport, EpochReport, TrainingControl

__all__ = ["MAX_RUNS", "SweepError", "SweepPoint", "SweepResult", "SweepSpec", "best_result",
           "expand", "load_spec", "parse_spec", "parse_values", "results_frame", "run_sweep", "shown_value", "spaced"]

MAX_RUNS = 1000
# One target and one positive class for every run, or their scores would not compare.
NOT_SWEPT = ("target", "task", "positive")
DISTRIBUTIONS = ("uniform", "log_uniform", "choice")
_NUMERIC = ("int", "float")
# Drawn numbers keep 4 significant digits: legible in the table, and typed back the same.
_DIGITS = 4


class SweepError(UserError):
    """A sweep that cannot run as written (one sentence naming the key or value)."""


@dataclass
class SweepSpec:
    grid: dict[str, list] = field(default_factory=dict)
    samples: int = 0  # random samples; 0: no random part
    seed: int = 0
    random: dict[str, dict[str, list]] = field(default_factory=dict)  # name → {kind: args}

    @property
    def names(self) -> list[str]:
        """The swept settings, grid first, each once."""
        return [*self.grid, *self.random]

    @property
    def size(self) -> int:
        return math.prod(len(v) for v in self.grid.values()) * max(self.samples, 1)

    def to_dict(self) -> dict:
        data: dict[str, Any] = {}
        if self.grid:
            data["grid"] = copy.deepcopy(self.grid)
        if self.samples:
            data["random"] = {"samples": self.samples, "seed": self.seed,
                              "options": copy.deepcopy(self.random)}
        return data


@dataclass
class SweepPoint:
    """One run of a sweep: the swept settings' values and the whole config."""

    index: int  # 1-based
    settings: dict[str, Any]
    config: TrainConfig


# -- reading a spec ------------------------------------------------------------------------
def load_spec(path: str | Path) -> SweepSpec:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise SweepError("cannot read the sweep file '{path}': {reason}", path=path,
                         reason=exc.strerror) from None
    except UnicodeDecodeError:
        raise SweepError("the sweep file '{path}' is not UTF-8 text", path=path) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SweepError("the sweep file '{path}' is not valid JSON (line {line}: {reason})",
                         path=path, line=exc.lineno, reason=exc.msg) from None
    return parse_spec(data)


def parse_spec(data: Any) -> SweepSpec:
    """A checked SweepSpec, or a SweepError naming the bad key or value."""
    if not isinstance(data, dict):
        raise SweepError("a sweep must be a JSON object with \"grid\" and/or \"random\"")
    _known_keys(data, ("grid", "random"), Phrase("the sweep"))
    spec = SweepSpec()
    if "grid" in data:
        spec.grid = _grid(data["grid"])
    if "random" in data:
        _random(data["random"], spec)
    if not spec.grid and not spec.samples:
        raise SweepError("the sweep changes no setting; give \"grid\" or \"random\" settings")
    if spec.size > MAX_RUNS:
        raise SweepError("the sweep has {runs} runs; at most {most} are allowed",
                         runs=spec.size, most=MAX_RUNS)
    return spec


def _known_keys(data: dict, known: tuple[str, ...], where: Phrase) -> None:
    unknown = [k for k in data if k not in known]
    if unknown:
        raise SweepError("unknown key '{key}' in {where}; known: {known}", key=unknown[0],
                         where=where, known=", ".join(known))


def _option(name: Any, where: Phrase) -> Option:
    if not isinstance(name, str) or name not in OPTIONS:
        close = difflib.get_close_matches(str(name), OPTIONS, n=1)
        if close:
            raise SweepError("unknown setting '{name}' in {where}; did you mean '{close}'?",
                             name=name, where=where, close=close[0])
        raise SweepError("unknown setting '{name}' in {where}; known: {known}", name=name,
                         where=where, known=", ".join(n for n in OPTIONS if n not in NOT_SWEPT))
    if name in NOT_SWEPT:
        raise SweepError("'{name}' cannot be swept: every run of a sweep has the same target, "
                         "task and positive class", name=name)
    return OPTIONS[name]


def _checked(option: Option, value: Any, where: Phrase) -> Any:
    """The value as the setting's type (a whole number for a number setting: 1 → 1.0)."""
    try:
        check(option, value)
    except ConfigError as exc:
        raise SweepError("{where}: {reason}", where=where, reason=exc) from None
    return copy.deepcopy(coerce(option, value))


def _grid(grid: Any) -> dict[str, list]:
    if not isinstance(grid, dict):
        raise SweepError("the sweep's \"grid\" must be an object of settings and their values, "
                         "e.g. {example}", example='{"lr": [0.001, 0.01]}')
    checked = {}
    for name, values in grid.items():
        option = _option(name, Phrase("the grid"))
        if not isinstance(values, list) or not values:
            raise SweepError("the grid's '{name}' must be a non-empty list of values, not "
                             "{value}", name=name, value=json.dumps(values))
        checked[name] = [_checked(option, v, Phrase("grid '{name}'", name=name)) for v in values]
    return checked


def _random(section: Any, spec: SweepSpec) -> None:
    if not isinstance(section, dict):
        raise SweepError("the sweep's \"random\" must be an object with \"samples\", \"seed\" "
                         "and \"options\"")
    _known_keys(section, ("samples", "seed", "options"), Phrase("\"random\""))
    samples, seed = section.get("samples"), section.get("seed", 0)
    for key, value, low in (("samples", samples, 1), ("seed", seed, 0)):
        if isinstance(value, bool) or not isinstance(value, int) or value < low:
            raise SweepError("\"random\" needs '{key}', a whole number ≥ {low}, not {value}",
                             key=key, low=low, value=json.dumps(value))
    options = section.get("options")
    if not isinstance(options, dict) or not options:
        raise SweepError("\"random\" needs 'options': an object of settings and what to draw, "
                         "e.g. {example}", example='{"lr": {"log_uniform": [0.0001, 0.1]}}')
    spec.samples, spec.seed = samples, seed
    for name, draw in options.items():
        option = _option(name, Phrase("\"random\""))
        if name in spec.grid:
            raise SweepError("'{name}' is both in the grid and drawn at random; give it once",
                             name=name)
        spec.random[name] = _distribution(option, draw)


def _distribution(option: Option, draw: Any) -> dict[str, list]:
    name = option.name
    if isinstance(draw, list):  # the short form of a choice
        draw = {"choice": draw}
    if not isinstance(draw, dict) or len(draw) != 1 or next(iter(draw)) not in DISTRIBUTIONS:
        raise SweepError("'{name}' in \"random\" must be one of {{\"uniform\": [low, high]}}, "
                         "{{\"log_uniform\": [low, high]}} or {{\"choice\": [values]}}, not "
                         "{value}", name=name, value=json.dumps(draw))
    kind, args = next(iter(draw.items()))
    where = Phrase("random '{name}'", name=name)
    if kind == "choice":
        if not isinstance(args, list) or not args:
            raise SweepError("the choice of '{name}' must be a non-empty list of values",
                             name=name)
        return {kind: [_checked(option, v, where) for v in args]}
    if option.kind not in _NUMERIC:
        raise SweepError("'{name}' is not a number: draw it with {{\"choice\": [values]}}",
                         name=name)
    if not isinstance(args, list) or len(args) != 2:
        raise SweepError("{kind} of '{name}' needs [low, high], not {value}", kind=kind,
                         name=name, value=json.dumps(args))
    low, high = (_checked(option, v, where) for v in args)
    if not low < high:
        raise SweepError("{kind} of '{name}' needs low < high, not [{low}, {high}]", kind=kind,
                         name=name, low=low, high=high)
    if kind == "log_uniform" and low <= 0:
        raise SweepError("log_uniform of '{name}' needs low > 0, not {low}", name=name, low=low)
    return {kind: [low, high]}


# -- the runs ------------------------------------------------------------------------------
def expand(spec: SweepSpec, base: TrainConfig) -> list[SweepPoint]:
    """Every run of the sweep, in order: the grid's product (the first setting slowest),
    each with every random sample. A combination `train` would refuse is a SweepError
    naming the run."""
    draws = _draws(spec)
    points = []
    for combo in itertools.product(*spec.grid.values()):
        for drawn in draws:
            settings = {**dict(zip(spec.grid, combo, strict=True)), **drawn}
            config = dataclasses.replace(base, **copy.deepcopy(settings))
            index = len(points) + 1
            try:
                config.validate()
            except ConfigError as exc:
                raise SweepError("run {index} of the sweep ({settings}): {reason}", index=index,
                                 settings=settings_text(settings), reason=exc) from None
            points.append(SweepPoint(index, settings, config))
    return points


def _draws(spec: SweepSpec) -> list[dict[str, Any]]:
    """The random part's samples (one empty sample without one), the same for every seed."""
    if not spec.samples:
        return [{}]
    rng = np.random.default_rng(spec.seed)
    return [{name: _draw(rng, OPTIONS[name], draw) for name, draw in spec.random.items()}
            for _ in range(spec.samples)]


def _draw(rng: np.random.Generator, option: Option, draw: dict[str, list]) -> Any:
    kind, args = next(iter(draw.items()))
    if kind == "choice":
        return copy.deepcopy(args[int(rng.integers(len(args)))])
    low, high = args
    if option.kind == "int" and kind == "uniform":
        return int(rng.integers(low, high, endpoint=True))
    if kind == "uniform":
        value = float(rng.uniform(low, high))
    else:
        value = math.exp(rng.uniform(math.log(low), math.log(high)))
    if option.kind == "int":
        return min(max(round(value), low), high)
    short = float(f"{value:.{_DIGITS}g}")
    try:  # rounding must not cross an open bound, e.g. a threshold of 0.99996 → 1
        check(option, short)
    except ConfigError:
        return value
    return short if low <= short <= high else value


def spaced(low: float, high: float, count: int, log: bool = False, whole: bool = False
           ) -> list:
    """`count` values from `low` to `high`, evenly spaced (geometrically with `log`): a
    grid's values given as a range. Numbers keep 4 significant digits; whole numbers are
    rounded and each kept once."""
    if log and (low <= 0 or high <= 0):
        raise SweepError("a logarithmic range needs numbers > 0, not {low} to {high}",
                         low=low, high=high)
    values = (np.geomspace(low, high, count) if log else np.linspace(low, high, count)).tolist()
    if whole:
        return list(dict.fromkeys(int(round(v)) for v in values))
    return list(dict.fromkeys(float(f"{v:.{_DIGITS}g}") for v in values))


def parse_values(option: Option, text: str) -> list:
    """Values typed in one line: numbers or choices separated by commas or spaces, layer
    sizes separated by semicolons ("8; 16,8"; an empty entry is no hidden layer). Their
    types and ranges are checked by `parse_spec`."""
    if option.kind == "sizes":
        entries = text.split(";")
        if len(entries) > 1 and not entries[-1].strip():
            entries.pop()  # a trailing ";" ends the list rather than adding no layer
        return [parse_sizes(option, entry) for entry in entries]
    tokens = [t for t in text.replace(";", ",").replace(" ", ",").split(",") if t]
    if option.kind not in _NUMERIC:
        return tokens
    values = []
    for token in tokens:
        try:
            values.append(int(token) if token.lstrip("+-").isdigit() else float(token))
        except ValueError:
            raise SweepError("{setting}: '{token}' is not a number", setting=Phrase(option.label),
                             token=token) from None
    return values


def shown_value(value: Any) -> str:
    """A setting's value as a table cell or a CSV field: numbers short, lists with commas."""
    if isinstance(value, float):
        return f"{value:.6g}"
    if isinstance(value, list):
        return ",".join(map(str, value))
    return "" if value is None else str(value)


def settings_text(settings: dict[str, Any]) -> str:
    return ", ".join(f"{k}={shown_value(v)}" for k, v in settings.items())


# -- training them -------------------------------------------------------------------------
@dataclass
class SweepReport:
    """A report of the run under way (its start, a batch, an epoch or its end)."""

    index: int  # the sweep's run, 1-based
    count: int  # runs in the sweep
    settings: dict[str, Any]
    item: RunReport
    fraction: float  # of the whole sweep done, 0 … 1


@dataclass
class SweepResult:
    """One finished run of a sweep. `metrics` and `score` are the means over a group of
    repeats or folds; epochs, best epoch and stop reason are its first run's."""

    index: int
    count: int
    settings: dict[str, Any]
    config: TrainConfig
    task: str | None
    metric: str  # the ranking metric: "f1", or "r2" for regression (validation rows)
    score: float  # NaN when the run failed
    metrics: dict[str, dict[str, float]]  # {"train": {...}, "valid": {...}}
    epochs: int
    best_epoch: int
    stop_reason: str  # finished, early_stopping, stopped (by the user) or failed
    seconds: float  # the whole run: preparing the data and training, every run of a group
    error: UserError | None = None
    # The trained runs (models and prepared data): for a caller that keeps a run's model;
    # anyone holding many results drops them (`light`).
    runs: list[Run] = field(default_factory=list, repr=False)

    @property
    def ok(self) -> bool:
        """Finished on its own with a score: eligible for the best run."""
        return self.error is None and self.stop_reason != "stopped" and math.isfinite(self.score)

    def light(self) -> SweepResult:
        return dataclasses.replace(self, runs=[])


def run_sweep(table: Table, points: list[SweepPoint], control: TrainingControl | None = None,
              valid_table: Table | None = None) -> Iterator[SweepReport | SweepResult]:
    """Train the points one after another as `train` would, yielding every report of the
    run under way and then its result. A run that fails (it diverges, say) is a result
    with its error, and the sweep goes on; a stop request ends the run under way, which
    is reported as stopped, and the sweep."""
    control = control or TrainingControl()
    count = len(points)
    for point in points:
        start, runs = time.perf_counter(), []
        try:
            for item in run_group(table, point.config, control, valid_table):
                if item.run is not None:
                    runs.append(item.run)
                yield SweepReport(point.index, count, point.settings, item,
                                  _fraction(point.index, count, item))
        except UserError as exc:
            yield _failed(point, count, exc.with_traceback(None), time.perf_counter() - start)
        else:
            yield _finished(point, count, runs, time.perf_counter() - start)
        if control.stopped:
            return


def _fraction(index: int, count: int, item: RunReport) -> float:
    """How much of the sweep is done; early stopping makes a run end sooner than its share."""
    report, within = item.report, 0.0
    if isinstance(report, BatchReport):
        within = (report.epoch - 1 + report.batch / report.n_batches) / report.epochs
    elif isinstance(report, EpochReport):
        within = 1.0 if report.final else report.epoch / report.epochs
    return min(1.0, (index - 1 + (item.index - 1 + within) / item.count) / count)


def _finished(point: SweepPoint, count: int, runs: list[Run], seconds: float) -> SweepResult:
    first = runs[0]
    task = first.data.task
    metric = "r2" if task == "regression" else "f1"
    metrics = summarise(summarised_runs(runs))["metrics"]
    stopped = any(run.final.stop_reason == "stopped" for run in runs)
    return SweepResult(
        point.index, count, point.settings, point.config, task, metric,
        float(metrics["valid"].get(metric, math.nan)), metrics, first.final.epoch,
        first.final.best_epoch, "stopped" if stopped else first.final.stop_reason or "finished",
        seconds, runs=runs)


def _failed(point: SweepPoint, count: int, error: UserError, seconds: float) -> SweepResult:
    return SweepResult(point.index, count, point.settings, point.config, None, "", math.nan,
                       {"train": {}, "valid": {}}, 0, 0, "failed", seconds, error)


def best_result(results: list[SweepResult]) -> SweepResult | None:
    """The finished run with the highest validation score (the first of equals)."""
    ranked = [r for r in results if r.ok]
    return max(ranked, key=lambda r: r.score) if ranked else None


def results_frame(results: list[SweepResult], names: list[str]):
    """One row per run: `run`, the swept settings `names`, valid_* and train_* metrics,
    epochs, best_epoch, stop_reason, seconds and error (empty unless the run failed)."""
    import pandas as pd

    metric_keys: dict[str, None] = {}
    for r in results:
        for split in ("valid", "train"):
            metric_keys.update({f"{split}_{k}": None for k in r.metrics.get(split, {})})
    rows = []
    for r in results:
        row: dict[str, Any] = {"run": r.index}
        row.update({name: _cell(r.settings.get(name)) for name in names})
        row.update({key: r.metrics.get(key.split("_", 1)[0], {}).get(key.split("_", 1)[1])
                    for key in metric_keys})
        row.update(epochs=r.epochs, best_epoch=r.best_epoch, stop_reason=r.stop_reason,
                   seconds=r.seconds, error="" if r.error is None else str(r.error))
        rows.append(row)
    columns = ["run", *names, *metric_keys, "epochs", "best_epoch", "stop_reason", "seconds",
               "error"]
    return pd.DataFrame(rows, columns=columns)


def _cell(value: Any) -> Any:
    return shown_value(value) if isinstance(value, list) else value
