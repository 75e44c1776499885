"""A Dask local cluster of two in-process workers for the cluster engine's tests (the CLI
tests run one with a process per worker), and real CSV files cut into parts."""

import pytest

pytest.importorskip("distributed")
pytest.importorskip("dask.dataframe")


# For this package's tests only: a cluster kept for the whole session kept its workers'
# monitors reading /proc in background threads through every later test.
@pytest.fixture(scope="package")
def client():
    from attn_gui.core.cluster import client_for

    with client_for(None, workers=2, processes=False) as client:
        yield client


def cut(source, folder, parts: int):
    """The CSV `source` as `parts` files of consecutive rows, each with the header, in
    `folder`; the files' sorted order is the rows' order."""
    lines = source.read_text(encoding="utf-8").splitlines()
    n = len(lines) - 1
    folder.mkdir(parents=True, exist_ok=True)
    edges = [1 + n * i // parts for i in range(parts + 1)]
    for i in range(parts):
        (folder / f"part{i:02d}.csv").write_text(
            "\n".join([lines[0], *lines[edges[i]:edges[i + 1]]]) + "\n", encoding="utf-8")
    return folder
