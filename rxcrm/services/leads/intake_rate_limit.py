"""Counting intake requests per API key: in this process, or in Redis once for every worker.

The in-process count is `domain.rate_limit.RequestBudget` (one per key). With `REFLEX_REDIS_URL`
set, every worker counts in one Redis hash per key (one-second buckets over the last minute,
updated by one atomic script), so N workers together allow the limit once, not N times; should
Redis be unreachable, each process falls back to its own counts. A limit of 0 (off) costs nothing.
"""

from __future__ import annotations

import threading
import time
from typing import Any, Protocol

from rxcrm.domain.leads.rate_limit import WINDOW, RequestBudget
from rxcrm.services.system.redis_link import RedisCalls, redis_client
from rxcrm.settings import deployment

PREFIX = "rxcrm:intake:"
MAX_KEYS = 100_000  # the in-process table forgets idle keys beyond this many
# One atomic step on Redis's own clock: drop buckets older than the window, refuse when the
# remaining requests reach the limit (answering the seconds until the oldest bucket leaves),
# else count this request in the current second's bucket.
_TAKE_SCRIPT = """
local now = tonumber(redis.call('TIME')[1])
local limit, window = tonumber(ARGV[1]), tonumber(ARGV[2])
local flat = redis.call('HGETALL', KEYS[1])
local total, oldest = 0, now
for i = 1, #flat, 2 do
  local second = tonumber(flat[i])
  if second <= now - window then
    redis.call('HDEL', KEYS[1], flat[i])
  else
    total = total + tonumber(flat[i + 1])
    if second < oldest then oldest = second end
  end
end
if total >= limit then return math.max(1, oldest + window - now) end
redis.call('HINCRBY', KEYS[1], now, 1)
redis.call('EXPIRE', KEYS[1], window + 1)
return 0
"""


class IntakeBudgets(Protocol):
    """Where intake requests are counted."""

    def take(self, key: str, limit: int) -> int:
        """Count a request of a key; 0 when allowed, else the whole seconds to wait."""


class MemoryBudgets:
    """Request counts of this process only."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._budgets: dict[str, RequestBudget] = {}

    def take(self, key: str, limit: int) -> int:
        """Count a request of a key; 0 when allowed, else the whole seconds to wait."""
        now = time.monotonic()
        with self._lock:
            if len(self._budgets) > MAX_KEYS:
                self._budgets = {
                    k: b for k, b in self._budgets.items() if b.times and b.times[-1] > now - WINDOW
                }
            return self._budgets.setdefault(key, RequestBudget()).take(limit, now)


class RedisBudgets:
    """Request counts shared by every worker through Redis; this process's counts while Redis is down."""

    def __init__(self, client: Any, prefix: str = PREFIX) -> None:
        self._prefix, self._fallback = prefix, MemoryBudgets()
        self._call = RedisCalls("intake rate limit")
        self._take = client.register_script(_TAKE_SCRIPT)

    def take(self, key: str, limit: int) -> int:
        """Count a request of a key; 0 when allowed, else the whole seconds to wait."""
        if limit <= 0:
            return 0
        wait = self._call(lambda: self._take(keys=[self._prefix + key], args=[limit, int(WINDOW)]))
        return self._fallback.take(key, limit) if wait is None else int(wait)


_budgets: IntakeBudgets | None = None


def intake_budgets() -> IntakeBudgets:
    """The process's counts: in Redis when REFLEX_REDIS_URL is set, else in memory."""
    global _budgets
    if _budgets is None:
        url = deployment().redis_url
        _budgets = RedisBudgets(redis_client(url)) if url else MemoryBudgets()
    return _budgets


def use_intake_budgets(budgets: IntakeBudgets | None) -> None:
    """Swap the process's counts (tests; None builds them afresh from the deployment)."""
    global _budgets
    _budgets = budgets
