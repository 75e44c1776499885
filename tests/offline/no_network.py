"""Any network connection fails: the app must work offline.

`guard()` wraps `socket.socket.connect` (local sockets, which Qt and multiprocessing use
between processes of the same machine, still connect, and so does TCP to the loopback
address, which a Dask local cluster's processes use). The test process installs it per
test (conftest); the CLI and the window started as child processes install it through
`sitecustomize.py` beside this file, which conftest puts on their PYTHONPATH.
"""

from __future__ import annotations

import socket
from collections.abc import Callable

OFFLINE = "tried to reach the network"
_LOOPBACK = {"127.0.0.1", "::1", "localhost"}


def guard(real_connect: Callable) -> Callable:
    def guarded(sock, address):
        if sock.family == getattr(socket, "AF_UNIX", None) or (
                isinstance(address, tuple) and address[0] in _LOOPBACK):
            return real_connect(sock, address)
        raise AssertionError(f"the app {OFFLINE}: {address!r}")

    return guarded
