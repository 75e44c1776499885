"""Training and scoring through Dask: a file, a glob or a folder of CSV (or Parquet)
partitioned by dask.dataframe, on a scheduler's workers or a local cluster.

- `open_dask_source(path)`: the files, sniffed and partitioned (`DaskSource`); each
  partition is read and analysed on a worker as a streamed chunk is (`Reading`), and
  `count_rows` gives each partition's global first row for the split by row hash.
- `fit_cluster(source, config, client) -> stream.Fitted`: `FileStats` per partition on the
  workers, merged in a fixed tree; exact statistics equal the single-process pass, the
  sampled ones are within `stream.RANK_ERROR`.
- `ClusterTrainer(config, source, fitted, client)`: the workers encode partitions, the
  client trains one network on them through `StreamTrainer`'s shuffle buffer and reports.
- `predict_cluster(saved, source, output, client)`: scored on the workers, one CSV.
- `client_for(scheduler)`: the client, or a `LocalCluster` for the run.

Dask is imported only inside these functions: `require_dask` says how to install it.
"""

from .engine import EXTRA_HINT, ClusterError, client_for, require_dask
from .fit import fit_cluster, gather_cluster
from .predict import predict_cluster
from .source import DaskSource, open_dask_source
from .train import ClusterTrainer

__all__ = ["EXTRA_HINT", "ClusterError", "ClusterTrainer", "DaskSource", "client_for",
           "fit_cluster", "gather_cluster", "open_dask_source", "predict_cluster",
           "require_dask"]
