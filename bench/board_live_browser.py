"""Pipeline board in real browsers: how fast a move reaches another viewer, and what goes over the wire.

Usage (against a running app with the demo data, e.g. after `make run`):
    python bench/board_live_browser.py [--url http://localhost:3000] [--moves 20]

Two headless Chromium browsers log in (demo admin moves cards, demo director watches), the admin drags
the top card of the first column to another open column, and the script measures
  - the time from releasing the mouse until the director's board shows the card in its new column,
  - the websocket frames each browser receives for one move (bytes, as sent by the server).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.ui.conftest import CHROMIUM_ARGS  # noqa: E402

PASSWORD = "demo1234"
TARGET_SECONDS = 2.0
TARGET_DELTA_BYTES = 10 * 1024


def _board(browser, url: str, email: str) -> tuple[Page, list[int]]:  # noqa: ANN001
    page = browser.new_page(viewport={"width": 2300, "height": 1000})
    frames: list[int] = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda f: frames.append(len(f))))
    page.goto(f"{url}/login")
    page.get_by_test_id("login-email").fill(email)
    page.get_by_test_id("login-password").fill(PASSWORD)
    page.get_by_test_id("login-submit").click()
    page.get_by_test_id("nav-pipeline").wait_for(timeout=30_000)
    page.goto(f"{url}/pipeline")
    page.locator("[data-testid^=opportunity-card-]").first.wait_for(timeout=30_000)
    return page, frames


def _columns(page: Page) -> list[str]:
    ids = page.locator("[data-testid^=kanban-column-count-]").evaluate_all(
        "els => els.map(e => e.dataset.testid.split('-').pop())"
    )
    return ids[:5]  # the default pipeline's open stages come first


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://localhost:3000")
    parser.add_argument("--moves", type=int, default=20)
    args = parser.parse_args()
    with sync_playwright() as playwright:
        browsers = [
            playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            for _ in range(2)
        ]
        mover, mover_frames = _board(browsers[0], args.url, "admin@rxcrm.demo")
        watcher, watcher_frames = _board(browsers[1], args.url, "director@rxcrm.demo")
        columns = _columns(mover)
        latencies, mover_bytes, watcher_bytes = [], [], []
        for n in range(args.moves):
            source, target = columns[n % 2], columns[2 + n % 3]
            card = mover.locator(
                f"[data-testid=kanban-column-{source}] [data-testid^=opportunity-card-]"
            ).first
            card_id = card.get_attribute("data-testid")
            time.sleep(0.5)
            mover_frames.clear()
            watcher_frames.clear()
            card.drag_to(mover.get_by_test_id(f"kanban-column-{target}"), target_position={"x": 120, "y": 30})
            dropped = time.monotonic()
            watcher.locator(f"[data-testid=kanban-column-{target}] [data-testid={card_id}]").wait_for(
                timeout=10_000
            )
            latencies.append(time.monotonic() - dropped)
            time.sleep(0.5)
            mover_bytes.append(max(mover_frames, default=0))
            watcher_bytes.append(max(watcher_frames, default=0))
        for browser in browsers:
            browser.close()
    p95 = sorted(latencies)[max(0, round(0.95 * len(latencies)) - 1)]
    print(f"moves: {len(latencies)} (admin drags, director watches) against {args.url}")
    print(
        f"seen by the other browser after: p50 {statistics.median(latencies) * 1000:.0f} ms, "
        f"p95 {p95 * 1000:.0f} ms, max {max(latencies) * 1000:.0f} ms  "
        f"{'PASS' if p95 <= TARGET_SECONDS else 'FAIL'} (target 2 s)"
    )
    largest = max(mover_bytes + watcher_bytes)
    print(
        f"largest websocket frame per move: mover median {statistics.median(mover_bytes) / 1024:.1f} KiB, "
        f"watcher median {statistics.median(watcher_bytes) / 1024:.1f} KiB, max {largest / 1024:.1f} KiB  "
        f"{'PASS' if largest <= TARGET_DELTA_BYTES else 'FAIL'} (target 10 KiB)"
    )


if __name__ == "__main__":
    main()
