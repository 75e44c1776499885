"""Imported by every Python process the tests start (via PYTHONPATH): no network there either."""

import socket

from no_network import guard

socket.socket.connect = guard(socket.socket.connect)
