"""Dashboard and board clicks end to end in Chromium: from the click until the new screen is drawn.

Usage: python bench/dashboard_clicks_browser.py [--repeat 10]

Starts the app the way the browser tests do (tests/ui/conftest.py: prod mode, port RXCRM_TEST_PORT,
a fresh SQLite database with the demo company of `rxcrm seed-demo`), holding the browser lock
/tmp/rxcrm-browser.lock itself (do not wrap it in `flock`). The demo director, at 1280x800, times
  (a) title: a widget title click until the opportunities list shows the widget's banner and rows,
  (b) tab:   a dashboard page switch until every widget of the new page has drawn its Plotly chart,
  (c) search: board search input until the board shows the matching cards (150 ms debounce included),
each --repeat times, p50/p95 against a 300 ms target. Start and end are taken in the page
(`performance.now()` at the click/input event, then on the first animation frame showing the result),
so Playwright's own round trips are not counted. The app server's CPU time per operation (its process
tree's user+system time, from /proc) is printed next to the wall time; the load average too.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.ui.conftest import CHROMIUM_ARGS, PORT, _app_env, _run_cli, running_app  # noqa: E402
from tests.ui.screenshots import DEMO_PASSWORD, DIRECTOR, VIEWPORT, browser_lock, settle  # noqa: E402
from tests.ui.test_accounts_flow import log_in  # noqa: E402

TARGET_MS = 300.0
TIMEOUT_MS = 30_000
# The moment of the user's action, in page time: the first click / input event after arming.
ARM_JS = """() => {
  window.__t0 = null;
  if (!window.__armed) {
    window.__armed = true;
    for (const kind of ['click', 'input']) {
      document.addEventListener(kind, () => {
        if (window.__t0 === null) window.__t0 = performance.now();
      }, true);
    }
  }
}"""
CARDS_JS = "Array.from(document.querySelectorAll('[data-testid=widget-title]')).map(t => t.innerText)"
# (b) every card of the expected page is there and has drawn its chart.
TAB_DONE_JS = """(want) => {
  const titles = Array.from(document.querySelectorAll('[data-testid=widget-title]'));
  if (JSON.stringify(titles.map(t => t.innerText)) !== JSON.stringify(want)) return false;
  if (!titles.every(t => t.closest('.rt-BaseCard')?.querySelector('.main-svg'))) return false;
  return window.__t0 === null ? false : performance.now() - window.__t0;
}"""
# (a) the list shows the banner of the clicked widget (not the previous one's) with its total, and its
# rows (or says it has none). The banner names the widget's kind, so consecutive clicks use other kinds.
LIST_DONE_JS = """([kind, before]) => {
  if (location.pathname !== '/opportunities' || new URLSearchParams(location.search).get('widget') !== kind) {
    return false;
  }
  const banner = document.querySelector('[data-testid=behind-widget] strong');
  const total = document.querySelector('[data-testid=behind-total]');
  if (!banner || banner.innerText === before || !total || !total.innerText) return false;
  const rows = document.querySelectorAll('[data-testid=opportunity-row]').length;
  if (!(rows > 0 || total.innerText.startsWith('0 deals'))) return false;
  return window.__t0 === null ? false : performance.now() - window.__t0;
}"""
# Title and kind of each widget whose title opens the opportunities list, one per kind.
DEAL_LINKS_JS = """Array.from(document.querySelectorAll('[data-testid=widget-link]'))
  .map(a => [a.innerText, new URL(a.href)])
  .filter(([, url]) => url.pathname === '/opportunities')
  .map(([title, url]) => [title, url.searchParams.get('widget')])
  .filter(([, kind], i, all) => all.findIndex(([, k]) => k === kind) === i)"""
BANNER_JS = "document.querySelector('[data-testid=behind-widget]')?.innerText"
BOARD_JS = (
    "Array.from(document.querySelectorAll('[data-testid=kanban-board] [data-testid^=opportunity-card-]'))"
    ".map(c => c.dataset.testid)"
)
# (c) the board shows exactly the expected cards.
BOARD_DONE_JS = """(want) => {
  const cards = document.querySelectorAll('[data-testid=kanban-board] [data-testid^=opportunity-card-]');
  const ids = Array.from(cards).map(c => c.dataset.testid);
  if (JSON.stringify(ids) !== JSON.stringify(want)) return false;
  return window.__t0 === null ? false : performance.now() - window.__t0;
}"""


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=10, help="repetitions per measurement (default 10)")
    return parser.parse_args()


def _tree_cpu_s(pid: int) -> float:
    """User+system CPU seconds of a process and all its descendants (Linux /proc)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            children.setdefault(int(fields[1]), []).append(int(entry))
    total, todo, tick = 0.0, [pid], os.sysconf("SC_CLK_TCK")
    while todo:
        current = todo.pop()
        try:
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick
        except OSError:
            pass
        todo += children.get(current, [])
    return total


def _server_pid(port: int) -> int:
    """The session leader of the app server listening on `port` (reflex run), found via its cmdline."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                cmd = Path(f"/proc/{entry}/cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if b"run" in cmd and str(port).encode() in cmd and any(b"reflex" in c for c in cmd):
                found.append(int(entry))
    if not found:
        raise SystemExit("app server process not found")
    return min(found)


def _wait(page, script: str, arg: object) -> float:  # noqa: ANN001
    """Milliseconds from the armed event to the first animation frame where `script` holds."""
    return float(page.wait_for_function(script, arg=arg, polling="raf", timeout=TIMEOUT_MS).json_value())


def _settled(page, script: str, arg: object) -> None:  # noqa: ANN001
    """Wait (untimed) until `script` holds."""
    page.evaluate("window.__t0 = 0")
    page.wait_for_function(script, arg=arg, polling="raf", timeout=TIMEOUT_MS)


def _report(name: str, walls: list[float], cpus: list[float]) -> bool:
    walls_sorted = sorted(walls)
    p50 = statistics.median(walls_sorted)
    p95 = walls_sorted[min(len(walls_sorted) - 1, round(0.95 * (len(walls_sorted) - 1)))]
    ok = p95 <= TARGET_MS
    print(
        f"{name:8} n={len(walls):3}  wall p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  max {max(walls):7.1f} ms  "
        f"server CPU p50 {statistics.median(cpus):6.1f} ms  "
        f"{'OK' if ok else 'MISS'} (target {TARGET_MS:.0f} ms)",
        flush=True,
    )
    return ok


def _measure(page, server: int, act, script: str, arg: object) -> tuple[float, float]:  # noqa: ANN001
    """One timed action: wall ms in the page, server CPU ms over the same span."""
    page.evaluate(ARM_JS)
    cpu = _tree_cpu_s(server)
    act()
    wall = _wait(page, script, arg)
    return wall, (_tree_cpu_s(server) - cpu) * 1000


def bench_dashboard(page, server: int, base_url: str, repeat: int) -> dict[str, tuple[list, list]]:  # noqa: ANN001
    """(a) title click -> list and (b) page switch, as the director on the dashboard."""
    page.goto(base_url + "/")
    page.get_by_test_id("dashboard-page-results").wait_for()
    page.locator(".rt-BaseCard .main-svg").first.wait_for()
    settle(page)
    pages = ("results", "statistics")
    want: dict[str, list[str]] = {}
    for name in (*pages, pages[0]):  # learn each page's cards once (not timed)
        page.get_by_test_id(f"dashboard-page-{name}").click()
        page.locator(".rt-BaseCard .main-svg").first.wait_for()
        settle(page)
        want[name] = page.evaluate(CARDS_JS)
    tabs: tuple[list, list] = ([], [])
    current = pages[0]
    for n in range(2 * repeat):
        target = pages[(pages.index(current) + 1) % 2]
        button = page.get_by_test_id(f"dashboard-page-{target}")
        wall, cpu = _measure(page, server, button.click, TAB_DONE_JS, want[target])
        if n >= 1 or repeat == 1:  # the first switch to a page is its cold start
            tabs[0].append(wall)
            tabs[1].append(cpu)
        print(f"  tab {target}: {wall:.0f} ms, server CPU {cpu:.0f} ms", flush=True)
        current = target
        time.sleep(0.3)
    if current != pages[0]:
        page.get_by_test_id(f"dashboard-page-{pages[0]}").click()
    settle(page)
    titles: tuple[list, list] = ([], [])
    links = page.evaluate(DEAL_LINKS_JS)
    print(f"dashboard: {want}; deal widget links: {links}", flush=True)
    if len(links) < 2:
        raise SystemExit("the dashboard needs two deal widgets of different kinds")
    before = ""
    for n in range(repeat):
        title, kind = links[n % len(links)]
        link = page.get_by_test_id("widget-link").filter(has_text=title).first
        try:
            wall, cpu = _measure(page, server, link.click, LIST_DONE_JS, [kind, before])
        except Exception:
            print("list not shown:", page.url, page.evaluate(BANNER_JS), flush=True)
            raise
        before = page.evaluate("document.querySelector('[data-testid=behind-widget] strong').innerText")
        titles[0].append(wall)
        titles[1].append(cpu)
        print(f"  title {title!r}: {wall:.0f} ms, server CPU {cpu:.0f} ms", flush=True)
        page.go_back()
        _settled(page, TAB_DONE_JS, want[pages[0]])
        time.sleep(0.3)
    return {"title": titles, "tab": tabs}


def bench_board(page, server: int, base_url: str, repeat: int) -> tuple[list, list]:  # noqa: ANN001
    """(c) board search: alternate a narrow search and the empty one, until the cards shown change."""
    page.goto(base_url + "/pipeline")
    page.locator("[data-testid=kanban-board] [data-testid^=opportunity-card-]").first.wait_for()
    settle(page)
    everything = page.evaluate(BOARD_JS)
    first = page.locator("[data-testid=kanban-board] [data-testid^=opportunity-card-]").first
    term = first.inner_text().split("\n")[0].strip()
    search = page.get_by_test_id("board-search")
    search.fill(term)
    page.wait_for_function(f"() => ({BOARD_JS}).length !== {len(everything)}", timeout=TIMEOUT_MS)
    settle(page)
    narrow = page.evaluate(BOARD_JS)
    search.fill("")
    _settled(page, BOARD_DONE_JS, everything)
    print(f"board: {len(everything)} cards, search {term!r} shows {len(narrow)}", flush=True)
    walls, cpus = [], []
    for n in range(2 * repeat):
        text, want = (term, narrow) if n % 2 == 0 else ("", everything)
        wall, cpu = _measure(page, server, lambda t=text: search.fill(t), BOARD_DONE_JS, want)
        walls.append(wall)
        cpus.append(cpu)
        print(f"  search {text!r}: {wall:.0f} ms, server CPU {cpu:.0f} ms", flush=True)
        time.sleep(0.3)
    return walls, cpus


def main() -> int:
    """Start the app with the demo data, time the three clicks, print p50/p95; exit 1 on a miss."""
    args = _arguments()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # `kill` still stops the app server it started
    from playwright.sync_api import sync_playwright

    with browser_lock(), tempfile.TemporaryDirectory(prefix="rxcrm-clicks-") as tmp:
        scratch = Path(tmp)
        env = _app_env(scratch, f"sqlite:///{scratch / 'crm.db'}")
        _run_cli(["init-db"], env, scratch / "reflex.log")
        _run_cli(["seed-demo"], env, scratch / "reflex.log")
        with running_app(scratch, PORT) as base_url, sync_playwright() as playwright:
            server = _server_pid(PORT)
            browser = playwright.chromium.launch(
                executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                headless=True,
                args=CHROMIUM_ARGS,
            )
            try:
                context = browser.new_context(base_url=base_url, viewport=VIEWPORT)
                context.set_default_timeout(TIMEOUT_MS)
                page = context.new_page()
                log_in(page, base_url, DIRECTOR, DEMO_PASSWORD)
                page.get_by_test_id("nav-accounts").wait_for()
                results = bench_dashboard(page, server, base_url, args.repeat)
                results["search"] = bench_board(page, server, base_url, args.repeat)
            finally:
                browser.close()
    print(f"load average: {Path('/proc/loadavg').read_text().strip()}  (cores: {os.cpu_count()})")
    ok = [_report(name, walls, cpus) for name, (walls, cpus) in results.items()]
    return 0 if all(ok) else 1


if __name__ == "__main__":
    sys.exit(main())
