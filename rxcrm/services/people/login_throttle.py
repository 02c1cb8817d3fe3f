"""Counting failed logins per account and per address: in this process, or in Redis for every worker.

The rule (how many failures, how long a lockout) is `domain.login_throttle`; this module only keeps
the counts. With `REFLEX_REDIS_URL` set every worker shares them, so a lockout holds behind a load
balancer; should Redis be unreachable the process falls back to its own counts.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from typing import Any, Protocol

from rxcrm.domain.errors import TooManyAttempts
from rxcrm.domain.people.login_throttle import (
    ACCOUNT_LIMIT,
    IP_LIMIT,
    WINDOW,
    Failures,
    after_failure,
    wait_seconds,
)
from rxcrm.domain.people.users import normalize_email
from rxcrm.services.system.redis_link import RedisCalls, redis_client
from rxcrm.settings import deployment

Clock = Callable[[], float]
PREFIX = "rxcrm:login:"
# One atomic step in Redis: forget counts older than the window, count this failure, keep the key a window.
_FAIL_SCRIPT = """
local c = redis.call('HMGET', KEYS[1], 'count', 'last')
local count = tonumber(c[1]) or 0
if tonumber(ARGV[1]) - (tonumber(c[2]) or 0) >= tonumber(ARGV[2]) then count = 0 end
redis.call('HSET', KEYS[1], 'count', count + 1, 'last', ARGV[1])
redis.call('EXPIRE', KEYS[1], ARGV[3])
return count + 1
"""


class FailureStore(Protocol):
    """Where failure counts are kept."""

    def get(self, key: str) -> Failures:
        """The failures recorded for a key."""

    def fail(self, key: str, now: float) -> None:
        """Count one more failure for a key."""

    def reset(self, key: str) -> None:
        """Forget a key's failures."""


class MemoryStore:
    """Failure counts of this process only."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._data: dict[str, Failures] = {}

    def get(self, key: str) -> Failures:
        """The failures recorded for a key."""
        return self._data.get(key, Failures())

    def fail(self, key: str, now: float) -> None:
        """Count one more failure for a key (old keys are dropped when the table grows big)."""
        with self._lock:
            if len(self._data) > 100_000:
                self._data = {k: f for k, f in self._data.items() if now - f.last < WINDOW}
            self._data[key] = after_failure(self.get(key), now)

    def reset(self, key: str) -> None:
        """Forget a key's failures."""
        with self._lock:
            self._data.pop(key, None)


class RedisStore:
    """Failure counts shared by every worker through Redis; this process's counts while Redis is down."""

    def __init__(self, client: Any, prefix: str = PREFIX, clock: Clock = time.monotonic) -> None:
        self._client, self._prefix, self._clock = client, prefix, clock
        self._fallback, self._call = MemoryStore(), RedisCalls("login throttle", clock)
        self._fail = client.register_script(_FAIL_SCRIPT)

    def get(self, key: str) -> Failures:
        """The failures recorded for a key."""
        found = self._call(lambda: self._client.hmget(self._prefix + key, "count", "last"))
        if found is None:
            return self._fallback.get(key)
        count, last = found
        return Failures(int(count), float(last)) if count is not None else Failures()

    def fail(self, key: str, now: float) -> None:
        """Count one more failure for a key."""
        self._fallback.fail(key, now)
        args = [repr(now), WINDOW, math.ceil(WINDOW)]
        self._call(lambda: self._fail(keys=[self._prefix + key], args=args))

    def reset(self, key: str) -> None:
        """Forget a key's failures."""
        self._fallback.reset(key)
        self._call(lambda: self._client.delete(self._prefix + key))


class LoginThrottle:
    """Refuses logins for a locked account or address; counts failures; a success clears the account."""

    def __init__(self, store: FailureStore, clock: Clock = time.time) -> None:
        self.store, self.clock = store, clock

    @staticmethod
    def _keys(email: str, ip: str | None) -> list[tuple[str, int]]:
        keys = [(f"account:{normalize_email(email or '')}", ACCOUNT_LIMIT)]
        return keys + [(f"ip:{ip}", IP_LIMIT)] if ip else keys

    def check(self, email: str, ip: str | None) -> None:
        """Raise TooManyAttempts while the account or the address is locked."""
        now = self.clock()
        wait = max(wait_seconds(self.store.get(key), limit, now) for key, limit in self._keys(email, ip))
        if wait:
            raise TooManyAttempts(f"Too many failed logins. Try again in {_spoken(wait)}.", wait)

    def failed(self, email: str, ip: str | None) -> None:
        """Count a failed login for the account and the address."""
        now = self.clock()
        for key, _ in self._keys(email, ip):
            self.store.fail(key, now)

    def succeeded(self, email: str) -> None:
        """A successful login clears the account's failures (not the address's)."""
        self.store.reset(self._keys(email, None)[0][0])


def _spoken(seconds: int) -> str:
    return f"{seconds} seconds" if seconds < 90 else f"{math.ceil(seconds / 60)} minutes"


_throttle: LoginThrottle | None = None


def login_throttle() -> LoginThrottle:
    """The process's throttle: on Redis when REFLEX_REDIS_URL is set, else in memory."""
    global _throttle
    if _throttle is None:
        url = deployment().redis_url
        _throttle = LoginThrottle(_redis_store(url) if url else MemoryStore())
    return _throttle


def _redis_store(url: str) -> RedisStore:
    return RedisStore(redis_client(url))


def use_login_throttle(throttle: LoginThrottle | None) -> None:
    """Swap the process's throttle (tests; None builds it afresh from the deployment)."""
    global _throttle
    _throttle = throttle
