"""`train` and `predict --engine dask`: a file, a glob or a folder of CSV or Parquet files
read, analysed and encoded on Dask's workers (`core/cluster`), one network trained on the
client. The JSON has the keys of a streamed run. Never imports Qt, nor Dask until asked."""

from __future__ import annotations

import argparse
import contextlib
import time
from collections.abc import Iterator

from .core.errors import UserError
from .stream_cli import _REFUSED, predicted_result, show_progress, streamed_result

__all__ = ["add_flags", "predict_cluster", "train_cluster", "wanted"]


class EngineError(UserError):
    """An option the cluster engine cannot honour."""


def add_flags(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--engine", choices=("local", "dask"), default="local",
                        help="local: this process (in memory, or streamed); dask: read and "
                        "encode on Dask workers, for a file, a glob ('data/*.csv') or a "
                        "folder of CSV or Parquet files (needs the cluster extra)")
    parser.add_argument("--scheduler", metavar="ADDRESS",
                        help="the Dask scheduler, e.g. tcp://10.0.0.5:8786 (default: a local "
                        "cluster started for the run)")
    parser.add_argument("--workers", metavar="N", type=int, default=None,
                        help="workers of the local cluster (default: 2)")


def wanted(args: argparse.Namespace) -> bool:
    """Whether the run goes to Dask; the cluster flags alone are refused in one sentence."""
    if args.engine == "dask":
        if args.scheduler is not None and args.workers is not None:
            raise EngineError("--workers sizes the local cluster; a --scheduler has its own")
        if args.workers is not None and args.workers < 1:
            raise EngineError("--workers must be at least 1")
        return True
    for flag, value in (("--scheduler", args.scheduler), ("--workers", args.workers)):
        if value is not None:
            raise EngineError("{flag} applies to --engine dask", flag=flag)
    return False


def _client(args: argparse.Namespace):
    from .core.cluster import client_for
    from .core.cluster.engine import LOCAL_WORKERS

    return client_for(args.scheduler, args.workers or LOCAL_WORKERS)


def _source(args: argparse.Namespace):
    """The files partitioned, before any cluster is started: a bad path costs no wait."""
    from .core.cluster import open_dask_source, require_dask

    require_dask()
    with _dask_errors():
        return open_dask_source(args.data)


def _refuse(args: argparse.Namespace, config) -> None:
    given = {"repeats": config.repeats > 1, "cv": bool(config.cv)}
    for name, flag in _REFUSED:
        if given.get(name, bool(getattr(args, name, None))):
            raise EngineError("{flag} cannot be used with --engine dask: it needs every row "
                              "in memory or many runs over the data", flag=flag)
    if getattr(args, "sheet", None) is not None:
        raise EngineError("--sheet applies to workbooks, which --engine dask does not read")


def train_cluster(args: argparse.Namespace, config, progress) -> dict:
    """Train, save with --save, and give the result a normal `train` prints."""
    from .core.cluster import ClusterTrainer, fit_cluster

    _refuse(args, config)
    t0 = time.perf_counter()
    source = _source(args)
    with _client(args) as client, _dask_errors():
        fitted = fit_cluster(source, config, client)
        load_seconds = time.perf_counter() - t0
        trainer = ClusterTrainer(config, source, fitted, client)
        show_progress(trainer, progress)
        workers = len(client.nthreads())
    result = streamed_result(args, config, trainer, source.head, load_seconds,
                             source.files[0])
    result["engine"] = {"name": "dask", "workers": workers, "files": len(source.files),
                        "partitions": len(source.starts) - 1}
    return result


def predict_cluster(args: argparse.Namespace, saved) -> dict:
    """Score on the workers into --output; the summary a normal `predict` gives."""
    from .core.cluster import predict_cluster as score

    if args.sheet is not None:
        raise EngineError("--sheet applies to workbooks, which --engine dask does not read")
    source = _source(args)
    with _client(args) as client, _dask_errors():
        try:
            result = score(saved, source, args.output, client, attention=args.attention)
        except OSError as exc:
            raise EngineError("cannot write '{path}': {reason}", path=args.output,
                              reason=exc.strerror or exc) from None
    return {**predicted_result(saved, args.output, result),
            "engine": {"name": "dask", "files": len(source.files),
                       "partitions": source.frame.npartitions}}


@contextlib.contextmanager
def _dask_errors() -> Iterator[None]:
    """Dask's own words for data it cannot partition, as one sentence."""
    try:
        yield
    except ValueError as exc:
        if "Mismatched dtypes" not in str(exc):
            raise
        raise EngineError("a column changes type between the parts of the data (numbers in "
                          "the first rows, text later); clean that column, or train without "
                          "--engine dask") from None
