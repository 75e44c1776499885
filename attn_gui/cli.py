"""Headless command line: `train`, `predict`, `inspect`. Never imports Qt.

Every bad input ends with exit code 2 and one line `error: ...` on stderr.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
import time
from pathlib import Path

from . import cluster_cli, stream_cli
from .core.compare import check_compare_off, compare_runs
from .core.config import OPTIONS, TrainConfig
from .core.errors import USER_ERRORS
from .core.io import read_table
from .core.metrics import json_finite, scalars
from .core.options import ConfigError, Option, parse_sizes
from .core.predict import predict, write_csv
from .core.project import ProjectError, load_model, save_model, saved_model
from .core.repeats import summarise, train_runs
from .core.thresholds import threshold_summary
from .core.training import EpochReport

EXIT_USER_ERROR = 2


class _Parser(argparse.ArgumentParser):
    """argparse, but a bad flag is one `error: ...` line and exit 2, like every other bad input."""

    def error(self, message: str):
        raise SystemExit(_fail(f"{message} (see '{self.prog} --help')"))


def _fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return EXIT_USER_ERROR


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="main.py", description="Attention Trainer, headless.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    train = sub.add_parser("train", help="train on a CSV and report metrics and attention")
    train.add_argument("data", help="the CSV/TSV file or workbook (.xlsx, .xlsm, .xls, .ods) "
                       "to train on")
    _add_sheet(train)
    _add_run_flags(train)
    train.add_argument("--save", metavar="MODEL",
                       help="save the trained model and its preprocessing; with --repeats or "
                       "--cv, the first run's (seed --seed, fold 1): the same model one run "
                       "with that seed would save, not one picked for its validation loss")
    train.add_argument("--importance", action="store_true",
                       help="also shuffle each column of the validation rows and report the "
                       "rise in loss, groups of correlated columns, and how well attention "
                       "agrees (averaged over the runs with --repeats or --cv)")
    train.add_argument("--compare-off", action="store_true",
                       help="also train the same runs (seeds and folds) with attention off "
                       "and compare each metric by the corrected resampled t-test (Nadeau & "
                       "Bengio); needs --repeats or --cv")
    train.add_argument("--report", metavar="FILE.html",
                       help="also write the run as one HTML page that opens offline: the "
                       "data, preprocessing, settings and the command line, curves, metrics, "
                       "confusion matrix, ROC and precision-recall, attention")
    train.add_argument("--checks", action="store_true",
                       help="also run the three checks of Wiegreffe & Pinter (2019): the same "
                       "settings without attention, the spread of attention across seeds, and "
                       "a fresh network on the learned attention frozen vs uniform weights "
                       "(max(--repeats, 5) seeds on one split; not with --cv)")
    train.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    stream_cli.add_flags(train)
    cluster_cli.add_flags(train)
    _add_settings(train)

    sweep = sub.add_parser("sweep", help="train many runs with settings from a JSON file "
                           "(a grid, random samples) and write their metrics as CSV")
    sweep.add_argument("data", help="the CSV/TSV file or workbook to train on")
    _add_sheet(sweep)
    sweep.add_argument("--spec", required=True, metavar="SPEC.json",
                       help="the settings to sweep and their values: {\"grid\": {\"lr\": "
                       "[0.001, 0.01]}, \"random\": {\"samples\": N, \"seed\": S, \"options\": "
                       "{\"temperature\": {\"log_uniform\": [0.1, 10]}}}} (see README)")
    sweep.add_argument("--output", required=True, metavar="RESULTS.csv",
                       help="where to write one row per run: the swept settings, the metrics, "
                       "epochs, best_epoch, stop_reason, seconds and error")
    _add_run_flags(sweep)
    sweep.add_argument("--json", action="store_true",
                       help="print a JSON summary on stdout, with the best run's settings")
    _add_settings(sweep)

    predict = sub.add_parser("predict", help="apply a saved model to a new CSV")
    predict.add_argument("model", help="a model saved with 'train --save', or a project file")
    predict.add_argument("data", help="the CSV/TSV file or workbook to score")
    _add_sheet(predict)
    predict.add_argument("--output", required=True,
                         help="where to write the input columns plus prediction and proba_<class>")
    predict.add_argument("--attention", action="store_true",
                         help="add attention_<column>: each row's attention weights (the "
                         "model's one set of weights on every row unless it has per-row "
                         "attention)")
    predict.add_argument("--json", action="store_true")
    stream_cli.add_flags(predict)
    cluster_cli.add_flags(predict)

    inspect = sub.add_parser("inspect", help="show what the reader detects in a CSV")
    inspect.add_argument("data")
    _add_sheet(inspect)
    inspect.add_argument("--json", action="store_true")
    return parser


def _add_run_flags(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", help="settings as a JSON file (flags override it)")
    parser.add_argument("--valid-data",
                        help="use this file as the validation set instead of a split")
    parser.add_argument("--valid-sheet", metavar="NAME|INDEX",
                        help="the sheet of a --valid-data workbook, by name or position (1 is "
                        "the first); default: the first sheet with data")


def _add_settings(parser: argparse.ArgumentParser) -> None:
    settings = parser.add_argument_group("settings (defaults in attn_gui/core/config.py)")
    for option in OPTIONS.values():
        _add_flag(settings, option)


def _add_sheet(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--sheet", metavar="NAME|INDEX",
                        help="a workbook's sheet, by name or position (1 is the first); "
                        "default: the first sheet with data")


def _sheet_fields(table) -> dict:
    """What the JSON says of a workbook: the sheet read and the sheets there were."""
    return {"sheet": table.sheet, "sheets": table.sheets} if table.sheet is not None else {}


def _source(table) -> str:
    return f"{table.path} (sheet '{table.sheet}')" if table.sheet is not None else table.path


def _add_flag(group: argparse._ArgumentGroup, option: Option) -> None:
    """The flag of one declared setting: its type, its choices, its help and default."""
    parse = {"int": int, "float": float, "sizes": _sizes, "names": _names}.get(option.kind)
    default = option.default
    shown = ",".join(map(str, default)) if isinstance(default, list) else default
    text = option.help + ("" if default is None else f" (default: {shown})")
    group.add_argument(option.flag, type=parse, choices=option.values or None,
                       help=text.replace("%", "%%"))


def _names(text: str) -> list[str]:
    return [t.strip() for t in text.split(",") if t.strip()]


def _sizes(text: str) -> list[int]:
    try:
        return parse_sizes(OPTIONS["hidden"], text)
    except ConfigError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def config_from_args(args: argparse.Namespace) -> TrainConfig:
    config = TrainConfig.load(args.config) if args.config else TrainConfig()
    for name in OPTIONS:
        value = getattr(args, name, None)
        if value is not None:
            setattr(config, name, value)
    return config.validate()


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if getattr(args, "valid_sheet", None) is not None and not args.valid_data:
        return _fail("--valid-sheet chooses a sheet of the --valid-data workbook; give "
                     "--valid-data too")
    try:
        if args.command == "train":
            return _train(args)
        if args.command == "predict":
            return _predict(args)
        if args.command == "sweep":
            return _sweep(args)
        return _inspect(args)
    except USER_ERRORS as exc:
        return _fail(str(exc))
    except MemoryError:
        return _fail("the machine ran out of memory; use a smaller file or fewer features")
    except KeyboardInterrupt:
        return 130


def _writable(path: str, what: str) -> None:
    """Refuse an output path up front, before minutes of work are spent."""
    target = Path(path)
    if target.is_dir():
        raise ProjectError("the {kind} path '{path}' is a folder; give a file name",
                           kind=what, path=path)
    if not target.resolve().parent.is_dir():
        raise ProjectError("the folder of the {kind} path '{path}' does not exist",
                           kind=what, path=path)
    if not os.access(target.resolve().parent, os.W_OK):
        raise ProjectError("no permission to write in the folder of the {kind} path '{path}'",
                           kind=what, path=path)


def _train(args: argparse.Namespace) -> int:
    config = config_from_args(args)
    if args.compare_off:
        check_compare_off(config.attention, config.repeats, config.cv)
    if args.checks:
        from .core.checks import refuse

        refuse(config)
    for path, kind in ((args.save, "model"), (args.report, "report")):
        if path:
            _writable(path, kind)
    if cluster_cli.wanted(args) or stream_cli.streamed(args):
        return _train_streamed(args, config)
    t0 = time.perf_counter()
    table = read_table(args.data, sheet=args.sheet)
    valid = read_table(args.valid_data, sheet=args.valid_sheet) if args.valid_data else None
    load_seconds = time.perf_counter() - t0
    progress = None if args.json else _Progress()
    runs = train_runs(table, config, valid, progress.show if progress else None)
    baseline = (train_runs(table, dataclasses.replace(config, attention="off"), valid,
                           progress.show if progress else None) if args.compare_off else None)
    if progress:
        progress.close()
    kept = runs[0]
    data, final = kept.data, kept.final
    train_seconds = sum(run.trainer.train_seconds_ for run in runs)
    result = {
        "task": data.task,
        "target": data.target,
        "classes": data.classes,
        "positive": data.classes[data.positive] if data.positive is not None else None,
        "features": data.features,
        "excluded": data.excluded,
        "n_train": int(len(data.X_train)),
        "n_valid": int(len(data.X_valid)),
        "epochs": final.epoch,
        "best_epoch": final.best_epoch,
        "stop_reason": final.stop_reason,
        # the updates alone, as before; and the whole fit, with each epoch's evaluation
        # on both splits, as the window's elapsed time and scikit-learn's fit() count it;
        # over every run with --repeats or --cv
        "seconds": train_seconds,
        "train_seconds": train_seconds,
        "fit_seconds": sum(run.final.elapsed for run in runs),
        "load_seconds": load_seconds,
        **summarise(runs),
        "confusion": final.valid.get("confusion"),
        "reader": {"encoding": table.encoding, "delimiter": table.delimiter,
                   "decimal": table.decimal, "warnings": table.warnings,
                   **_sheet_fields(table),
                   **({"valid_sheet": valid.sheet} if valid is not None and valid.sheet else {})},
        "preprocessing": data.report, "streamed": False,
    }
    proba = kept.trainer.model_.predict_batches(data.X_valid) if data.task == "classification" else None
    result.update(threshold_summary(data.task, len(data.classes), data.positive, data.y_valid,
                                    proba, config.threshold, config.fp_cost))
    if baseline is not None:
        result["comparison"] = _comparison(baseline, runs, config)
    if args.importance:
        from .core.importance import importance_report

        result.update(importance_report(runs, result["attention"]))
    if args.checks:
        from .core.checks import run_checks

        if progress:
            sys.stderr.write("checking attention…\n")
        result["checks"] = run_checks(table, config, valid, runs)
    if args.report:
        _report(args, config, table, runs, result, proba)
    if args.save:
        save_model(args.save, saved_model(kept.trainer.config, data, kept.trainer, final,
                                          table.path, table.sheet))
    if args.json:
        print(json.dumps(json_finite(result), allow_nan=False, ensure_ascii=False))
    else:
        if table.sheet is not None:
            print(f"read sheet '{table.sheet}' of {table.path}")
        print(_summary(result, len(runs)))
    return 0


def _train_streamed(args: argparse.Namespace, config: TrainConfig) -> int:
    """Read in parts, by this process or (--engine dask) by Dask's workers."""
    train = cluster_cli.train_cluster if args.engine == "dask" else stream_cli.train_streamed
    result = train(args, config, None if args.json else _Progress())
    if args.json:
        print(json.dumps(json_finite(result), allow_nan=False, ensure_ascii=False))
    else:
        print(_summary(result, 1))
    return 0


def _sweep(args: argparse.Namespace) -> int:
    from .sweep_cli import run_sweep_command

    config = config_from_args(args)
    _writable(args.output, "output")
    return run_sweep_command(args, config)


def _comparison(off: list, on: list, config: TrainConfig) -> dict:
    ratio = sum(len(r.data.X_valid) / len(r.data.X_train) for r in on) / len(on)
    headline = "r2" if on[0].data.task == "regression" else "f1"
    return compare_runs([scalars(r.final.valid) for r in off], [scalars(r.final.valid) for r in on],
                        ratio, headline, "attention off", f"attention {config.attention}")


def _report(args: argparse.Namespace, config: TrainConfig, table, runs: list, result: dict,
            proba) -> None:
    from .core.command import shell_line, train_argv
    from .core.diagnostics import classification_curves, regression_diagnostics
    from .core.report import ReportInput, table_summary, write_report

    data, model = runs[0].data, runs[0].trainer.model_
    try:
        argv = train_argv(args.data, config, sheet=table.sheet)
    except ConfigError:  # a feature's name holds a comma: only a config file can say it
        argv = train_argv(args.data, config, "SETTINGS.json", table.sheet)
    argv += [*(["--valid-data", args.valid_data] if args.valid_data else []),
             *(["--valid-sheet", args.valid_sheet] if args.valid_sheet else []),
             *(["--importance"] if args.importance else []),
             *(["--compare-off"] if args.compare_off else [])]
    curves, regression = [], None
    if proba is not None:
        curves = classification_curves(data.y_valid, proba, data.classes, data.positive)
    else:
        info = data.target_info
        predicted = model.predict_batches(data.X_valid).astype("float64") * info.std + info.mean
        regression = regression_diagnostics(data.y_valid * info.std + info.mean, predicted,
                                            seed=config.seed)
    write_report(args.report, ReportInput(
        result=result, config=config.to_dict(), command=shell_line(argv),
        data=table_summary(table), history=runs[0].final.history, curves=curves,
        regression=regression, runs=len(runs)))


def _summary(r: dict, n_runs: int) -> str:
    lines = [f"{r['task']} of '{r['target']}' from {len(r['features'])} columns "
             f"({r['n_train']} training rows, {r['n_valid']} validation rows)"]
    if r["classes"]:
        lines.append("classes: " + ", ".join(r["classes"])
                     + (f" (positive: {r['positive']})" if r["positive"] is not None else ""))
    for name, reason in r["excluded"].items():
        lines.append(f"excluded '{name}': {reason}")
    lines.append(f"{r['epochs']} epochs in {r['fit_seconds']:.2f} s ({r['train_seconds']:.2f} s "
                 f"of updates), best epoch {r['best_epoch']} "
                 f"({r['stop_reason'].replace('_', ' ')})")
    if n_runs > 1:
        lines[-1] = f"{n_runs} runs; the first: " + lines[-1]
    for split in ("train", "valid"):
        m, sd = r["metrics"][split], (r["metrics_sd"] or {}).get(split, {})
        lines.append(f"{split:>5}: " + "  ".join(
            f"{k} {v:.4f}" + (f" ± {sd[k]:.4f}" if k in sd else "") for k, v in m.items()))
    if r["threshold"] is not None:
        cost = r["cost"]
        lines.append(f"threshold {r['threshold']:.3f}: cost {cost['per_row']:.4f} a row "
                     f"(a false positive costs {cost['false_positive']:g}, a false negative 1); "
                     f"least at threshold {r['best_threshold']:.3f}: "
                     f"{cost['per_row_at_best']:.4f}")
    lines.append("attention" + (" (mean over the runs ± sd):" if n_runs > 1 else ":"))
    spread = r["attention_sd"] or {}
    for name, w in sorted(r["attention"].items(), key=lambda kv: -kv[1]):
        sd = f" ± {spread[name]:.3f}" if name in spread else ""
        lines.append(f"  {w:6.3f}{sd}  {'#' * round(w * 40):<40}  {name}")
    if r["stability"]:
        s = r["stability"]
        pearson = "undefined" if s["pearson"] is None else f"{s['pearson']:.3f}"
        lines.append(f"stability across runs: Pearson r {pearson}, total variation {s['tv']:.3f}")
    if "comparison" in r:
        lines.append(f"on the validation rows, over {r['comparison']['runs']} paired runs: "
                     + r["comparison"]["sentence"])
    if "importance" in r:
        lines.extend(_importance_lines(r))
    if "checks" in r:
        lines.append("checks of attention (Wiegreffe & Pinter, 2019):")
        for key, name in (("uniform", "uniform baseline"), ("seeds", "across seeds"),
                          ("frozen", "frozen attention")):
            lines.append(f"  {name}: {r['checks'][key]['verdict']}")
    return "\n".join(lines)


def _importance_lines(r: dict) -> list[str]:
    from .core.importance import disagreement

    lines = ["rise in validation loss when a column is shuffled:"]
    for name, imp in sorted(r["importance"].items(), key=lambda kv: -kv[1]["mean"]):
        lines.append(f"  {imp['mean']:+.4f} ± {imp['sd']:.4f}  {name}")
    for group in r["groups"]:
        if len(group["columns"]) > 1:
            lines.append(f"correlated: {', '.join(group['columns'])} (attention "
                         f"{group['attention']:.3f}, shuffled together "
                         f"{group['importance']['mean']:+.4f})")
    a = r["agreement"]
    shown = {k: "undefined" if v is None else f"{v:.2f}" for k, v in a.items()}
    lines.append(f"attention vs shuffling: Pearson {shown['pearson']}, Spearman "
                 f"{shown['spearman']}, top-3 overlap {shown['top3']}")
    note = disagreement(r["attention"], r["importance"])
    if note:
        lines.append(note)
    return lines


class _Progress:
    """A one-line progress bar on stderr, redrawn at most ten times a second."""

    def __init__(self):
        self.last = 0.0

    def show(self, report: EpochReport) -> None:
        now = time.perf_counter()
        if now - self.last < 0.1 and report.epoch != report.epochs:
            return
        self.last = now
        done = report.epoch / report.epochs
        bar = "#" * int(done * 30)
        score = report.valid.get("f1", report.valid.get("r2", 0.0))
        name = "f1" if "f1" in report.valid else "r2"
        sys.stderr.write(f"\r[{bar:<30}] epoch {report.epoch}/{report.epochs} "
                         f"loss {report.train['loss']:.4f} valid {name} {score:.4f}")
        sys.stderr.flush()

    def close(self) -> None:
        sys.stderr.write("\n")


def _predict(args: argparse.Namespace) -> int:
    _writable(args.output, "output")
    saved = load_model(args.model)
    if cluster_cli.wanted(args):
        summary = cluster_cli.predict_cluster(args, saved)
        source = f"{args.data} (on Dask's workers)"
    elif stream_cli.streamed(args):
        summary = stream_cli.predict_streamed(args, saved)
        source = f"{args.data} (streamed)"
    else:
        table = read_table(args.data, sheet=args.sheet)
        result = predict(saved, table, attention=args.attention)
        try:
            write_csv(result.frame, args.output)
        except OSError as exc:
            return _fail(f"cannot write '{args.output}': {exc.strerror}")
        summary = {"rows": table.n_rows, "output": args.output, "task": saved.task,
                   "target": saved.target, "classes": saved.target_info.classes,
                   "threshold": saved.threshold if len(saved.target_info.classes) == 2 else None,
                   "preprocessing": result.report, "metrics": result.metrics,
                   "streamed": False, **_sheet_fields(table)}
        source = _source(table)
    if args.json:
        print(json.dumps(json_finite(summary), allow_nan=False, ensure_ascii=False))
        return 0
    print(f"wrote {summary['rows']} rows of {source} to {args.output}")
    unseen, metrics = summary["preprocessing"]["unseen_levels"], summary["metrics"]
    if unseen:
        print(f"note: {unseen} cells held categories not seen in training; they were scored "
              "as '(other)' or as no category")
    if metrics:
        print("metrics on the file's own target: "
              + "  ".join(f"{k} {v:.4f}" for k, v in metrics.items()))
    return 0


def _inspect(args: argparse.Namespace) -> int:
    table = read_table(args.data, sheet=args.sheet)
    target = table.default_target()
    info = {
        "path": table.path, "encoding": table.encoding, "delimiter": table.delimiter,
        "decimal": table.decimal, "rows": table.n_rows, "default_target": target,
        "columns": [{"name": c.name, "kind": c.kind, "missing": c.missing, "unique": c.n_unique,
                     "excluded": c.excluded, "summary": c.summary} for c in table.columns],
        "warnings": table.warnings, **_sheet_fields(table),
    }
    if args.json:
        print(json.dumps(json_finite(info), allow_nan=False, ensure_ascii=False))
        return 0
    if table.sheet is not None:
        others = [f"'{s}'" for s in table.sheets if s != table.sheet]
        print(f"{table.path}: sheet '{table.sheet}', {table.n_rows} rows"
              + (f" (other sheets: {', '.join(others)})" if others else ""))
    else:
        delim = {"\t": "tab"}.get(table.delimiter, table.delimiter)
        print(f"{table.path}: {table.n_rows} rows, encoding {table.encoding}, "
              f"delimiter '{delim}', decimal '{table.decimal}'")
    for c in table.columns:
        note = f"excluded: {c.excluded}" if c.excluded else c.summary
        mark = "  (default target)" if c.name == target else ""
        print(f"  {c.name:<24} {c.kind:<12} missing {c.missing:<6} {note}{mark}")
    for w in table.warnings:
        print(f"warning: {w}")
    return 0
