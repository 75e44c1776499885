"""`main.py sweep DATA --spec SPEC.json --output RESULTS.csv`: many runs, one CSV.

The settings not swept come from the same flags and `--config` as `train`; each run trains
as `train` would (`core/sweep.py`). A line per finished run goes to stderr; stdout gets a
summary, or with `--json` one object with the best run's settings. Ctrl+C writes the runs
finished so far and exits 130. Never imports Qt.
"""

from __future__ import annotations

import argparse
import json
import sys
import time

from .core.config import TrainConfig
from .core.io import read_table
from .core.metrics import json_finite
from .core.predict import write_csv
from .core.project import ProjectError
from .core.sweep import (
    SweepError,
    SweepReport,
    SweepResult,
    best_result,
    expand,
    load_spec,
    results_frame,
    run_sweep,
    settings_text,
)

__all__ = ["run_sweep_command"]

_SHOWN = 5  # runs listed in the text summary, best first


def run_sweep_command(args: argparse.Namespace, config: TrainConfig) -> int:
    spec = load_spec(args.spec)
    points = expand(spec, config)
    table = read_table(args.data, sheet=args.sheet)
    valid = read_table(args.valid_data, sheet=args.valid_sheet) if args.valid_data else None
    progress = _Progress(sys.stderr)
    results: list[SweepResult] = []
    target = None
    start = time.perf_counter()
    interrupted = False
    try:
        for event in run_sweep(table, points, valid_table=valid):
            if isinstance(event, SweepResult):
                target = target or (event.runs[0].data.target if event.runs else None)
                results.append(event.light())  # the models and prepared data can go
                progress.result(event)
            else:
                progress.show(event)
    except KeyboardInterrupt:
        interrupted = True
    progress.clear()
    try:
        write_csv(results_frame(results, spec.names), args.output)
    except OSError as exc:
        raise ProjectError("cannot write '{path}': {reason}", path=args.output,
                           reason=exc.strerror) from None
    if interrupted:
        sys.stderr.write(f"interrupted: wrote the {len(results)} finished runs to "
                         f"{args.output}\n")
        return 130
    if all(r.error is not None for r in results):
        raise SweepError("every run of the sweep failed; the first: {reason}",
                         reason=results[0].error)
    summary = _summary(args.output, spec.names, results, target, time.perf_counter() - start)
    if args.json:
        print(json.dumps(json_finite(summary), allow_nan=False, ensure_ascii=False))
    else:
        print(_text(summary, results))
    return 0


def _summary(output: str, names: list[str], results: list[SweepResult], target: str | None,
             seconds: float) -> dict:
    best = best_result(results)
    first = next(r for r in results if r.error is None)
    return {
        "runs": len(results),
        "completed": sum(r.ok for r in results),
        "failed": sum(r.error is not None for r in results),
        "output": output,
        "task": first.task,
        "target": target,
        "metric": f"valid_{first.metric}",
        "swept": names,
        "seconds": seconds,
        "best": None if best is None else {
            "run": best.index, "settings": best.settings, "score": best.score,
            "metrics": best.metrics, "epochs": best.epochs, "best_epoch": best.best_epoch,
            "seconds": best.seconds, "config": best.config.to_dict()},
    }


def _text(summary: dict, results: list[SweepResult]) -> str:
    metric = summary["metric"]
    lines = [f"wrote {summary['runs']} runs to {summary['output']} in "
             f"{summary['seconds']:.2f} s, ranked by {metric.replace('_', ' ')}"]
    ranked = sorted((r for r in results if r.ok), key=lambda r: -r.score)
    for place, r in enumerate(ranked[:_SHOWN], 1):
        lines.append(f"{place:>3}. run {r.index:<4} {r.score:.4f}  {settings_text(r.settings)}")
    if summary["failed"]:
        lines.append(f"{summary['failed']} runs failed (see the error column)")
    return "\n".join(lines)


class _Progress:
    """A line per finished run; on a terminal also the epoch under way, redrawn in place
    at most ten times a second."""

    def __init__(self, stream) -> None:
        self.stream = stream
        self.live = stream.isatty()
        self.last = 0.0
        self.drawn = False

    def show(self, event: SweepReport) -> None:
        now = time.perf_counter()
        if not self.live or now - self.last < 0.1:
            return
        self.last = now
        report = event.item.report
        epoch = "" if report is None else f" epoch {report.epoch}/{report.epochs}"
        self.stream.write(f"\r[{'#' * int(event.fraction * 30):<30}] run "
                          f"{event.index}/{event.count}{epoch}\033[K")
        self.stream.flush()
        self.drawn = True

    def result(self, r: SweepResult) -> None:
        self.clear()
        head = f"run {r.index}/{r.count} ({settings_text(r.settings)})"
        if r.error is not None:
            self.stream.write(f"{head}: failed: {r.error}\n")
        else:
            self.stream.write(f"{head}: valid {r.metric} {r.score:.4f}, {r.epochs} epochs "
                              f"(best {r.best_epoch}), {r.seconds:.2f} s\n")
        self.stream.flush()

    def clear(self) -> None:
        if self.drawn:
            self.stream.write("\r\033[K")
            self.drawn = False
