"""Training on a CSV larger than memory: statistics in one pass, then mini-batches.

The pieces, each usable alone (a cluster engine computes `FileStats` per partition on its
workers and merges them, then trains from the merged state):

- `open_source(path) -> Source`: the CSV sniffed as `read_table` sniffs it, its first
  `HEAD_ROWS` rows analysed (`Source.head`, a `Table`: the preview and the columns' kinds);
  `Source.chunks(chunk_rows, progress, should_stop)` yields `Chunk(start, frame, columns)`,
  each read by pandas' C engine and analysed as the whole-file reader analyses a file.
- `plan_for(source, config) -> Plan`: the target, features, kinds, words, the split's seed
  and fraction. `FileStats(plan)` is the mergeable state of the statistics pass:
  `update(start, frame)` adds a chunk whose first row is row `start` of the file,
  `merge(other)` adds another part's state, `bounds()`, `preprocessor()` and
  `target_info()` give the results. `fit_stream(source, config, ...) -> Fitted` runs the
  pass (two with outliers clipped or dropped: the fences come first) in this process;
  `fit_with(source, config, one_pass)` the same with each pass run elsewhere (a cluster).
- Accumulators (`sketch.py`), each with `update` and `merge`: `Moments` (exact count, mean,
  variance by Welford's update and Chan's merge, min, max), `Reservoir` (a seeded uniform
  sample of `SAMPLE_ROWS` rows; a quantile's rank error is at most `RANK_ERROR` = 0.0085
  with probability 1 - 1e-6, about 0.0016 at the median; exact with fewer rows),
  `LevelCounts` (exact counts of text levels).
- `validation_rows(start, n, seed, fraction)`: the split by a hash of the row's position and
  the seed, the same in every pass, chunk size and partition.
- `StreamTrainer(config, source, fitted)`: `Trainer.run()`'s reports (BatchReport,
  EpochReport, the final report) from epochs that read the file through a seeded shuffle
  buffer; its `model_` saves as any run's (`project.saved_model`).
- `predict_stream(saved, source, output, ...)`: a file of any size scored in chunks and
  written as it goes, atomically.
- `open_table(path)`: the first rows as a `Table` whose `stream` is the `Source`, for the
  window; `run_streamed(table, config, control)` yields `repeats.RunReport`s as
  `run_group` does; `needs_stream(path, budget)` says whether a CSV is to be streamed.
"""

from .fit import Fitted, fit_stream, fit_with, gather, plan_for
from .group import needs_stream, run_streamed
from .predict import predict_stream
from .sketch import RANK_ERROR, SAMPLE_ROWS, LevelCounts, Moments, Reservoir
from .source import Chunk, Source, open_source, open_table
from .split import validation_rows
from .stats import FileStats, Plan
from .train import StreamTrainer

__all__ = ["RANK_ERROR", "SAMPLE_ROWS", "Chunk", "FileStats", "Fitted", "LevelCounts",
           "Moments", "Plan", "Reservoir", "Source", "StreamTrainer", "fit_stream", "fit_with",
           "gather", "needs_stream", "open_source", "open_table", "plan_for", "predict_stream",
           "run_streamed", "validation_rows"]
