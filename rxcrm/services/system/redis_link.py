"""The process's link to Redis for counters shared by every worker (login throttle, intake rate limit).

One client per URL, with short timeouts and no retries; calls go through `RedisCalls`, which answers
None when Redis is unreachable and leaves it alone for a while, so the caller counts in its own
process meanwhile instead of failing the request.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

log = logging.getLogger(__name__)
Clock = Callable[[], float]
RETRY_REDIS = 30.0  # after a failed call, Redis is tried again this many seconds later

_clients: dict[str, redis.Redis] = {}
_clients_lock = threading.Lock()


def redis_client(url: str) -> redis.Redis:
    """The process's client for a Redis URL (1 s timeouts, no retries: a dead Redis fails fast)."""
    with _clients_lock:
        client = _clients.get(url)
        if client is None:
            client = _clients[url] = redis.Redis.from_url(
                url, socket_timeout=1.0, socket_connect_timeout=1.0, retry=Retry(NoBackoff(), 0)
            )
        return client


class RedisCalls:
    """Runs Redis calls for one purpose; None (and Redis left alone for RETRY_REDIS s) when it fails."""

    def __init__(self, purpose: str, clock: Clock = time.monotonic) -> None:
        self._purpose, self._clock, self._down_until = purpose, clock, 0.0

    def __call__(self, action: Callable[[], Any]) -> Any:
        """The action's result, or None while Redis is unreachable."""
        if self._clock() < self._down_until:
            return None
        try:
            return action()
        except redis.RedisError:
            log.warning("%s: Redis unreachable, counting in this process", self._purpose, exc_info=True)
            self._down_until = self._clock() + RETRY_REDIS
            return None
