"""Running an async event handler in a unit test, on an event loop of its own.

After the browser tests Playwright keeps an event loop running in the main thread, where
`asyncio.run` refuses to start another one: the coroutine runs in a worker thread instead.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any


def run_alone(coroutine: Coroutine[Any, Any, Any]) -> Any:
    """Run a coroutine to its end on a fresh event loop in a thread of its own."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()
