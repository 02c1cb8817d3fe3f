"""A per-key request budget: at most N requests in any 60-second window (fixed one-second buckets)."""

from __future__ import annotations

import math
from collections import deque

WINDOW = 60.0


class RequestBudget:
    """Requests one client made in the last minute; answers how long to wait when it is spent."""

    def __init__(self) -> None:
        self.times: deque[float] = deque()

    def take(self, limit: int, now: float) -> int:
        """Count a request at `now`; 0 when allowed, else the whole seconds to wait before retrying."""
        while self.times and self.times[0] <= now - WINDOW:
            self.times.popleft()
        if limit <= 0:
            return 0
        if len(self.times) >= limit:
            return max(1, math.ceil(self.times[0] + WINDOW - now))
        self.times.append(now)
        return 0
