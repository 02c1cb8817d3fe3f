"""TEMPORARY (helper H2): measure board search latency in the browser and take screenshots; deleted after."""

from __future__ import annotations

import time

from playwright.sync_api import Page, expect

from tests.ui.rest import ADMIN, Rest
from tests.ui.test_accounts_flow import log_in


def test_measure(page: Page, app_server: str) -> None:
    admin = Rest(app_server)
    for n in range(60):
        admin.create("/opportunities", name=f"Measure Deal {n:03d}", amount=f"{n}00.00", close_date="2021-05-01" if n % 3 == 0 else "2099-01-01")
    log_in(page, app_server, *ADMIN)
    expect(page.get_by_test_id("nav-pipeline")).to_be_visible(timeout=15_000)
    for size in ({"width": 1280, "height": 800}, {"width": 1440, "height": 900}):
        page.set_viewport_size(size)
        page.goto(f"{app_server}/pipeline")
        expect(page.get_by_test_id("kanban-board")).to_be_visible(timeout=15_000)
        page.wait_for_timeout(1500)
        page.screenshot(path=f"/tmp/h2_board_{size['width']}.png")
        print("fit", size, page.evaluate("() => [document.documentElement.scrollWidth, innerWidth, document.documentElement.scrollHeight, innerHeight]"))
    frames = []

    def watch(ws):  # noqa: ANN001
        ws.on("framesent", lambda f: frames.append(("sent", time.perf_counter(), str(f)[:120])))
        ws.on("framereceived", lambda f: frames.append(("recv", time.perf_counter(), str(f)[:80])))

    page.on("websocket", watch)
    page.reload()
    expect(page.get_by_test_id("kanban-board")).to_be_visible(timeout=15_000)
    page.wait_for_timeout(1500)
    times = []
    for word in ("Measure Deal 00", "Measure Deal 01", "Measure Deal 05", "Measure Deal 059", "Measure Deal 02", "Measure Deal 03"):
        box = page.get_by_test_id("board-search")
        box.fill("")
        page.wait_for_timeout(800)
        started = time.perf_counter()
        frames.clear()
        box.fill(word)
        expected = {"Measure Deal 00": 10, "Measure Deal 01": 10, "Measure Deal 05": 10, "Measure Deal 059": 1, "Measure": 20, "Measure Deal 02": 10, "Measure Deal 03": 10}[word]
        page.wait_for_function("n => document.querySelectorAll('[data-testid^=opportunity-card-]').length === n", arg=expected, polling="raf", timeout=10_000)
        times.append((time.perf_counter() - started) * 1000)
        print(word, [(k, round((t - started) * 1000), txt[:60]) for k, t, txt in frames])
    print("search ms (incl. 250 ms debounce):", [round(t) for t in times])
    page.get_by_test_id("board-search").fill("Measure Deal 00")
    page.wait_for_timeout(1200)
    page.screenshot(path="/tmp/h2_board_search.png")
