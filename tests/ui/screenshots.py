"""README screenshots: each persona's main page at 1280x800 on the demo data, reproducible.

`python -m tests.ui.screenshots [--out assets/screenshots]` (or `make screenshots`) starts the app the
way the browser tests do (tests/ui/conftest.py: prod mode, port RXCRM_TEST_PORT, a fresh SQLite
database) with the demo company loaded, logs in as the demo personas and saves one full-viewport PNG
per page. The whole run holds the browser lock /tmp/rxcrm-browser.lock itself (do not wrap it in
`flock`: it would wait for itself). A page that shows an error toast or is wider than the window is
still saved, and the run then exits with status 1 naming it.
Not collected by pytest (no test_ prefix).
"""

from __future__ import annotations

import argparse
import fcntl
import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.ui.conftest import CHROMIUM_ARGS, PORT, PROJECT_ROOT, _app_env, _run_cli, running_app
from tests.ui.test_accounts_flow import log_in

LOCK = Path("/tmp/rxcrm-browser.lock")
VIEWPORT = {"width": 1280, "height": 800}
DEMO_PASSWORD = "demo1234"  # rxcrm.services.system.demo.DEMO_PASSWORD (this module never imports rxcrm)
DIRECTOR, REP, ADMIN = "director@rxcrm.demo", "rita@rxcrm.demo", "admin@rxcrm.demo"
SOLD_BY = "{sold_owner}"  # the rep who sold the deal (demo_ids)
# A page is ready once its DOM has stopped growing: the same element count STILL_POLLS times in a row.
MIN_SETTLE_S, MAX_SETTLE_S, STILL_POLLS = 1.0, 10.0, 5
PROBE_JS = (
    "[document.documentElement.scrollWidth - window.innerWidth, document.getElementsByTagName('*').length]"
)
TOASTS_JS = (
    "Array.from(document.querySelectorAll('[data-sonner-toast]')).map(t => [t.dataset.type, t.innerText])"
)


@dataclass(frozen=True)
class Shot:
    """One screenshot: the file, who looks, where, what must be on screen, and an optional tab."""

    file: str
    persona: str  # a login, or "{sold_owner}": a login from demo_ids()
    path: str  # may name a record of demo_ids(): "/opportunities/{sold_deal}"
    ready: str
    tab: str | None = None


SHOTS = (
    Shot("dashboard.png", DIRECTOR, "/", "[data-testid='widget-total']"),
    Shot("pipeline.png", REP, "/pipeline", "[data-testid='kanban-board']"),
    Shot("opportunity.png", REP, "/opportunities/{rep_deal}", "[data-testid='opportunity-name']"),
    Shot("accounts.png", REP, "/accounts", "[data-testid='account-row']"),
    Shot("account-history.png", REP, "/accounts/{rep_account}", "[data-testid='tab-history']", "tab-history"),
    Shot("quotes.png", SOLD_BY, "/opportunities/{sold_deal}", "[data-testid='quote-total']", "tab-quotes"),
    Shot("leads.png", DIRECTOR, "/leads", "[data-testid='lead-row']"),
    Shot("contracts.png", DIRECTOR, "/contracts", "[data-testid^='contract-row-']"),
    Shot("settings.png", ADMIN, "/settings/permissions", "[data-testid^='permission-matrix-']"),
    Shot("lead-splitter.png", ADMIN, "/leads/splitter", "[data-testid^='splitter-rule-']"),
    Shot("price-book.png", ADMIN, "/price-books/{price_book}", "[data-testid^='entry-row-']"),
)


@contextmanager
def browser_lock() -> Iterator[None]:
    """Hold the lock every browser run on this machine shares (port 3000 and `.web/`)."""
    with LOCK.open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"waiting for {LOCK} ...", flush=True)
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _one(db: sqlite3.Connection, sql: str, *args: object) -> tuple:
    row = db.execute(sql, args).fetchone()
    if row is None:
        raise SystemExit(f"the demo data has no row for: {sql}")
    return row


def demo_ids(database: Path) -> dict[str, object]:
    """What the shots open: the rep's biggest open deal and first account, a sold deal, a price book."""
    with sqlite3.connect(database) as db:
        (rep,) = _one(db, "SELECT id FROM user WHERE email = ?", REP)
        deal_sql = "SELECT id FROM opportunity WHERE owner_id = ? AND status = 'open' AND account_id > 0"
        sold_deal, sold_owner = _one(
            db,
            "SELECT o.id, u.email FROM opportunity o JOIN quote q ON q.opportunity_id = o.id AND q.active "
            "JOIN user u ON u.id = o.owner_id WHERE o.locked AND u.role = 'rep' ORDER BY o.id LIMIT 1",
        )
        return {
            "rep_deal": _one(db, f"{deal_sql} ORDER BY amount DESC, id LIMIT 1", rep)[0],
            "rep_account": _one(db, "SELECT id FROM account WHERE owner_id = ? ORDER BY id LIMIT 1", rep)[0],
            "sold_deal": sold_deal,
            "sold_owner": sold_owner,  # the rep who sold it looks at it
            "price_book": _one(db, "SELECT id FROM pricebook WHERE active ORDER BY id LIMIT 1")[0],
        }


def settle(page) -> int:  # noqa: ANN001
    """Wait until the page's DOM stops growing; return how far it is wider than the window (px)."""
    started, last, still = time.monotonic(), -1, 0
    overflow = 0
    while time.monotonic() - started < MAX_SETTLE_S:
        overflow, count = page.evaluate(PROBE_JS)
        still = still + 1 if count == last else 0
        last = count
        if still >= STILL_POLLS and time.monotonic() - started >= MIN_SETTLE_S:
            break
        time.sleep(0.15)
    return int(overflow)


def take(browser, base_url: str, ids: dict[str, object], out: Path) -> list[str]:  # noqa: ANN001
    """Take every shot, one browser context per persona; return the problems seen."""
    problems: list[str] = []
    for persona in dict.fromkeys(shot.persona.format(**ids) for shot in SHOTS):
        context = browser.new_context(base_url=base_url, viewport=VIEWPORT)
        context.set_default_timeout(20_000)
        page = context.new_page()
        log_in(page, base_url, persona, DEMO_PASSWORD)
        page.get_by_test_id("nav-accounts").wait_for()
        for shot in (s for s in SHOTS if s.persona.format(**ids) == persona):
            path = shot.path.format(**ids)
            page.goto(base_url + path)
            if shot.tab:
                page.get_by_test_id(shot.tab).click()
                page.evaluate("document.activeElement.blur()")  # no focus ring on the picture
            page.locator(shot.ready).first.wait_for()
            overflow = settle(page)
            page.mouse.move(0, VIEWPORT["height"] - 1)  # no hover highlight on the picture
            page.screenshot(path=str(out / shot.file))
            toasts = page.evaluate(TOASTS_JS)
            print(f"{shot.file:22} {persona:22} {path}", flush=True)
            if overflow > 0:
                problems.append(f"{shot.file}: the page is {overflow} px wider than the window")
            problems += [f"{shot.file}: an error toast: {text!r}" for kind, text in toasts if kind == "error"]
        context.close()
    return problems


def main(argv: list[str] | None = None) -> int:
    """Start the app with the demo data and save the screenshots into --out."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=PROJECT_ROOT / "assets" / "screenshots")
    out = parser.parse_args(argv).out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    from playwright.sync_api import sync_playwright

    with browser_lock(), tempfile.TemporaryDirectory(prefix="rxcrm-shots-") as tmp:
        scratch = Path(tmp)
        database = scratch / "crm.db"
        env = _app_env(scratch, f"sqlite:///{database}")
        _run_cli(["init-db"], env, scratch / "reflex.log")
        _run_cli(["seed-demo"], env, scratch / "reflex.log")
        ids = demo_ids(database)
        with running_app(scratch, PORT) as base_url, sync_playwright() as playwright:
            executable = shutil.which("chromium") or "/usr/bin/chromium"
            browser = playwright.chromium.launch(
                executable_path=executable, headless=True, args=CHROMIUM_ARGS
            )
            try:
                problems = take(browser, base_url, ids, out)
            finally:
                browser.close()
    for problem in problems:
        print(f"PROBLEM {problem}", file=sys.stderr)
    print(f"{len(SHOTS)} screenshots in {out}; {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
