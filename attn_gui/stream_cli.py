"""`train` and `predict` on a CSV read in parts (`core/stream`): with --stream, with a
--memory cap the file does not fit, or by themselves when it does not fit in the memory
available. The JSON has the keys of a run read whole. Never imports Qt."""

from __future__ import annotations

import argparse
import os
import sys
import time

from .core import memory
from .core.config import TrainConfig
from .core.errors import UserError
from .core.repeats import summarise
from .core.thresholds import threshold_summary

__all__ = ["add_flags", "predict_streamed", "streamed", "train_streamed"]

# options a streamed run cannot honour: each needs every row in memory or many runs over it
_REFUSED = (("repeats", "--repeats"), ("cv", "--cv"), ("importance", "--importance"),
            ("compare_off", "--compare-off"), ("report", "--report"), ("checks", "--checks"),
            ("valid_data", "--valid-data"))


class StreamError(UserError):
    """A streamed run was asked for something it cannot do."""


def add_flags(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--stream", action="store_true",
                        help="read the CSV in parts instead of whole: statistics in one pass "
                        "(two with --outliers clip or drop), then every epoch reads the file "
                        "again; for files larger than memory (chosen by itself when the file "
                        "does not fit)")
    parser.add_argument("--memory", metavar="SIZE", type=_size,
                        help="the memory the run may use, e.g. 512MB or 2GB: a CSV that needs "
                        "more to be read whole is streamed (default: the memory available)")


def _size(text: str) -> int:
    try:
        return memory.parse_size(text)
    except UserError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def streamed(args: argparse.Namespace) -> bool:
    """Whether to read `args.data` in parts; when it is chosen for the file's size, one line
    on stderr says so."""
    if args.stream:
        return True
    from .core.stream import needs_stream

    path = args.data
    if not needs_stream(path, args.memory):
        return False  # a workbook or a missing file: the reader gives its own sentence
    size = os.path.getsize(path)
    budget = args.memory if args.memory is not None else memory.available_memory()
    print(f"note: '{os.path.basename(path)}' ({memory.format_bytes(size)}) needs about "
          f"{memory.format_bytes(size * memory.READ_FACTOR)} to be read whole, more than "
          f"the {memory.format_bytes(budget)} allowed; it is streamed (read in parts)",
          file=sys.stderr)
    return True


def _refuse(args: argparse.Namespace, config: TrainConfig) -> None:
    given = {"repeats": config.repeats > 1, "cv": bool(config.cv)}
    for name, flag in _REFUSED:
        if given.get(name, bool(getattr(args, name, None))):
            raise StreamError("{flag} cannot be used on a streamed file: it needs every row in "
                              "memory or many runs over the file; train without it, or on "
                              "an extract that fits in memory", flag=flag)
    if getattr(args, "sheet", None) is not None:
        raise StreamError("--sheet applies to workbooks, which cannot be streamed")


def train_streamed(args: argparse.Namespace, config: TrainConfig, progress) -> dict:
    """Train, save with --save, and give the result a normal `train` prints."""
    from .core.stream import StreamTrainer, fit_stream, open_source

    _refuse(args, config)
    t0 = time.perf_counter()
    source = open_source(args.data)
    fitted = fit_stream(source, config)
    load_seconds = time.perf_counter() - t0
    trainer = StreamTrainer(config, source, fitted)
    show_progress(trainer, progress)
    return streamed_result(args, config, trainer, source.head, load_seconds, source.path)


def show_progress(trainer, progress) -> None:
    """Run `trainer` to its end, its epochs shown on `progress` (if any)."""
    for report in trainer.run():
        if progress is not None and getattr(report, "train", None) is not None:
            progress.show(report)
    if progress is not None:
        progress.close()


def streamed_result(args: argparse.Namespace, config: TrainConfig, trainer, head,
                    load_seconds: float, data_path) -> dict:
    """What a normal `train` prints, for a trained streamed run (in this process or on a
    cluster), saved with --save; `head`: the table of the file's first rows."""
    from .core.project import save_model, saved_model
    from .core.repeats import Run

    data, final = trainer.data, trainer.final_
    result = {
        "task": data.task, "target": data.target, "classes": data.classes,
        "positive": data.classes[data.positive] if data.positive is not None else None,
        "features": data.features, "excluded": data.excluded,
        "n_train": trainer.n_train, "n_valid": trainer.n_valid,
        "epochs": final.epoch, "best_epoch": final.best_epoch,
        "stop_reason": final.stop_reason,
        "seconds": trainer.train_seconds_, "train_seconds": trainer.train_seconds_,
        "fit_seconds": final.elapsed, "load_seconds": load_seconds,
        **summarise([Run(config.seed, None, data, trainer, final)]),
        "confusion": final.valid.get("confusion"),
        "reader": {"encoding": head.encoding, "delimiter": head.delimiter,
                   "decimal": head.decimal, "warnings": head.warnings},
        "preprocessing": data.report,
        "streamed": True,
    }
    proba = (trainer.model_.predict_batches(data.X_valid)
             if data.task == "classification" else None)
    result.update(threshold_summary(data.task, len(data.classes), data.positive, data.y_valid,
                                    proba, config.threshold, config.fp_cost))
    if args.save:
        save_model(args.save, saved_model(config, data, trainer, final, data_path))
    return result


def predicted_result(saved, output: str, result) -> dict:
    """What a normal `predict` prints, for a file scored in parts (here or on a cluster)."""
    return {"rows": result.rows, "output": output, "task": saved.task,
            "target": saved.target, "classes": saved.target_info.classes,
            "threshold": saved.threshold if len(saved.target_info.classes) == 2 else None,
            "preprocessing": result.report, "metrics": result.metrics, "streamed": True}


def predict_streamed(args: argparse.Namespace, saved) -> dict:
    """Score the file in parts into --output; the summary a normal `predict` gives."""
    from .core.stream import open_source, predict_stream

    if args.sheet is not None:
        raise StreamError("--sheet applies to workbooks, which cannot be streamed")
    source = open_source(args.data)
    try:
        result = predict_stream(saved, source, args.output, attention=args.attention)
    except OSError as exc:
        raise StreamError("cannot write '{path}': {reason}", path=args.output,
                          reason=exc.strerror or exc) from None
    return predicted_result(saved, args.output, result)
