"""Wait in the browser until a page's data has arrived over the websocket: its DOM has stopped growing.

The pages have no "loaded" marker of their own, so the signal is the DOM holding still; Chromium checks
it (`page.wait_for_function`, every 150 ms), the test never sleeps.
"""

from __future__ import annotations

from playwright.sync_api import Page
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

# Settled: at least MIN_MS after the start, with the same element count for STILL_MS; give up after MAX_MS.
MIN_MS, STILL_MS, MAX_MS, POLL_MS = 800, 450, 8_000, 150
SETTLED_JS = """([minMs, stillMs, watchOverflow]) => {
  const now = performance.now(), size = document.getElementsByTagName('*').length;
  const s = (window.__rxSettle ??= {start: now, since: now, size});
  if (size !== s.size) { s.size = size; s.since = now; }
  const excess = document.documentElement.scrollWidth - window.innerWidth;
  if (watchOverflow && excess > 0) return {excess};
  return now - s.start >= minMs && now - s.since >= stillMs ? {excess: Math.max(excess, 0)} : false;
}"""
EXCESS_JS = "Math.max(document.documentElement.scrollWidth - window.innerWidth, 0)"


def settle(page: Page, *, stop_on_overflow: bool = False) -> int:
    """Wait until the DOM is still (or, if asked, the page is wider than the window); the excess in px.

    A page that keeps changing for MAX_MS is taken as it is then (as a person would see it).
    """
    page.evaluate("delete window.__rxSettle")  # client-side navigation keeps `window`
    try:
        handle = page.wait_for_function(
            SETTLED_JS, arg=[MIN_MS, STILL_MS, stop_on_overflow], polling=POLL_MS, timeout=MAX_MS
        )
    except PlaywrightTimeoutError:
        return page.evaluate(EXCESS_JS)
    return int(handle.json_value()["excess"])
