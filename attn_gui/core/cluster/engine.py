"""The Dask client of a run: a scheduler the user names, or a local cluster started for the
run and closed after it. Dask is imported here only, when the engine is asked for, so
neither start-up nor the desktop bundle carries it."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from ..errors import UserError

__all__ = ["EXTRA_HINT", "LOCAL_WORKERS", "ClusterError", "client_for", "require_dask"]

EXTRA_HINT = 'pip install "attn-gui[cluster]"'
LOCAL_WORKERS = 2
LOCAL_PROCESSES = True  # a process per worker, as a real cluster's; tests may use threads
CONNECT_SECONDS = 10


class ClusterError(UserError):
    """The cluster engine cannot run: Dask is missing, or the scheduler cannot be reached."""


def require_dask() -> None:
    """Dask's dataframe and distributed parts, or one sentence on how to install them."""
    try:
        import dask.dataframe  # noqa: F401
        import distributed  # noqa: F401
    except ImportError:
        raise ClusterError("--engine dask needs the cluster extra: {hint}",
                           hint=EXTRA_HINT) from None


@contextlib.contextmanager
def client_for(scheduler: str | None, workers: int = LOCAL_WORKERS,
               processes: bool | None = None) -> Iterator[object]:
    """A `distributed.Client`; without `scheduler`, a `LocalCluster` of `workers` single-
    threaded workers (the network's NumPy already uses a core per worker's process)."""
    require_dask()
    import distributed

    if scheduler is None:
        processes = LOCAL_PROCESSES if processes is None else processes
        # processes listen on the loopback address: a run's cluster is no service for the
        # local network (threads talk in-process)
        where = {"host": "127.0.0.1"} if processes else {}
        with distributed.LocalCluster(n_workers=workers, threads_per_worker=1,
                                      processes=processes, dashboard_address=None,
                                      **where) as cluster, \
                distributed.Client(cluster) as client:
            yield client
        return
    try:
        client = distributed.Client(scheduler, timeout=CONNECT_SECONDS)
    except (OSError, ValueError, TypeError) as exc:
        raise ClusterError("cannot reach the Dask scheduler at '{address}' ({reason}); start "
                           "one with `dask scheduler`, or leave out --scheduler for a local "
                           "cluster", address=scheduler,
                           reason=str(exc).splitlines()[0] if str(exc) else type(exc).__name__
                           ) from None
    with client:
        yield client
