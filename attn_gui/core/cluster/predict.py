"""A saved model applied on the workers, partition by partition, written as one CSV.

Each worker scores its partition and renders it as CSV text; the client appends the parts
in file order (`prefetch` in flight) to a temporary file next to the output, which replaces
the output at the end. One file, as a single-process `predict` writes, and the client needs
neither a file system shared with the workers nor more memory than a few parts' text.
"""

from __future__ import annotations

import os
import tempfile
from collections import deque

from ..io import Table
from ..predict import neutralise_formulas, predict
from ..project import SavedModel
from ..stream.predict import StreamedPrediction, _metrics, _sample
from .source import DaskSource, Reading

__all__ = ["predict_cluster", "score_part"]


def score_part(frame, first: bool, saved: SavedModel, reading: Reading, path: str,
               attention: bool) -> tuple[str, int, dict, object]:
    """The partition's rows and predictions as CSV text (with the header when `first`), its
    row count, preprocessing counts, and a sample of its [target, outputs] for the metrics."""
    columns, frame = reading.analysed(frame)
    sniff = reading.sniff
    table = Table(frame, path, sniff.encoding, sniff.delimiter, sniff.decimal, columns, [])
    result = predict(saved, table, attention=attention)
    # CRLF, as write_csv: a lone "\r" in a cell is then quoted
    text = neutralise_formulas(result.frame).to_csv(index=False, header=first,
                                                    lineterminator="\r\n")
    scored = _sample(saved, table, None) if saved.target in frame.columns else None
    return text, len(frame), result.report, scored


def predict_cluster(saved: SavedModel, source: DaskSource, output: str | os.PathLike[str],
                    client, attention: bool = False, prefetch: int = 2
                    ) -> StreamedPrediction:
    import dask

    output = os.fspath(output)
    model = client.scatter(saved, broadcast=True)
    todo = deque(enumerate(source.parts()))
    pending: deque = deque()

    def submit() -> None:
        i, part = todo.popleft()
        pending.append(client.compute(dask.delayed(score_part)(
            part, i == 0, model, source.reading, source.files[0], attention)))

    fd, temporary = tempfile.mkstemp(prefix=".predict-", suffix=".csv",
                                     dir=os.path.dirname(os.path.abspath(output)))
    rows, report, scored = 0, {}, None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            while todo and len(pending) < prefetch:
                submit()
            while pending:
                text, n, counts, sample = pending.popleft().result()
                if todo:
                    submit()
                handle.write(text)
                rows += n
                for key, value in counts.items():
                    report[key] = report.get(key, 0) + value
                if sample is not None:
                    scored = sample if scored is None else _merge(scored, sample)
        os.replace(temporary, output)
    except BaseException:
        client.cancel(list(pending))
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
    return StreamedPrediction(rows, report, _metrics(saved, scored))


def _merge(left, right):
    left.merge(right)
    return left
