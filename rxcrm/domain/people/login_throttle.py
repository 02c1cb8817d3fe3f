"""Login throttling: after a few failed logins within a window, a lockout that doubles with each failure."""

from __future__ import annotations

import math
from dataclasses import dataclass

WINDOW = 15 * 60.0  # failures older than this (since the last one) are forgotten
ACCOUNT_LIMIT = 5  # failed logins for one e-mail address before it is locked
IP_LIMIT = 20  # failed logins from one address (over any accounts) before it is locked
FIRST_LOCK = 30.0
LONGEST_LOCK = 15 * 60.0


@dataclass(frozen=True)
class Failures:
    """How often logins failed for one account or address, and when the last one failed."""

    count: int = 0
    last: float = 0.0


def lockout(failures: int, limit: int) -> float:
    """Seconds locked after the last failure: none below the limit, then 30 s doubling up to 15 min."""
    if failures < limit:
        return 0.0
    return min(FIRST_LOCK * 2 ** min(failures - limit, 32), LONGEST_LOCK)


def current(failures: Failures, now: float) -> Failures:
    """The failures still counted at `now`: all of them within the window, none after it."""
    return failures if now - failures.last < WINDOW else Failures()


def wait_seconds(failures: Failures, limit: int, now: float) -> int:
    """Whole seconds until another login may be tried (0: now)."""
    counted = current(failures, now)
    left = counted.last + lockout(counted.count, limit) - now
    return max(0, math.ceil(left))


def after_failure(failures: Failures, now: float) -> Failures:
    """The record once another login failed at `now`."""
    return Failures(current(failures, now).count + 1, now)
