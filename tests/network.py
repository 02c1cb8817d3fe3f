"""Local network helpers shared by tests and benchmarks."""

from __future__ import annotations

import socket


def free_port() -> int:
    """A TCP port nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
