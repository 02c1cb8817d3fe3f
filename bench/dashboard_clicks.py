"""Dashboard click speed: widget title click -> the deals behind it, and a dashboard tab switch.

Usage: python bench/dashboard_clicks.py [--deals 3000] [--repeat 20] [--zone Asia/Tokyo] [--keep]

Builds a fresh SQLite database (Alembic migrations, default configuration and the demo data of
`rxcrm seed-demo`, with N deals) in a temp dir, logs the demo director in, and drives the REAL event
handlers on state instances built without a running app (as the Reflex notes allow for unit tests):
- tab switch: `DashboardState.show_page` (results <-> statistics), every widget of the page recomputed;
- title click: the opportunities list opened from each deal widget's link, i.e. what `open_page` does
  for `/opportunities?widget=...` (`_link_widget` on the address, then `OpportunitiesState.load`);
- first open of the dashboard (`open_global`) for reference.
Times are wall ms and process-CPU ms per handler; not included: the websocket round trip, the state
manager's persistence and the browser's drawing of the Plotly figures.
"""

from __future__ import annotations

import argparse
import asyncio
import inspect
import os
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

ROOT = Path(__file__).resolve().parent.parent
TARGET_MS = 300.0


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--deals", type=int, default=3000, help="demo opportunities (default 3000)")
    parser.add_argument("--repeat", type=int, default=20, help="repetitions per measurement (default 20)")
    parser.add_argument("--zone", default=None, help="the director's time zone (default none = UTC days)")
    parser.add_argument("--keep", action="store_true", help="keep the database file and print its path")
    return parser.parse_args()


ARGS = _arguments() if __name__ == "__main__" else None
TMP = tempfile.mkdtemp(prefix="rxcrm-bench-")
DB_PATH = os.path.join(TMP, "bench.db")
os.environ["RXCRM_DATABASE_URL"] = f"sqlite:///{DB_PATH}"  # before rxcrm is imported
os.environ.setdefault("REFLEX_TELEMETRY_ENABLED", "false")
os.environ.setdefault("REFLEX_CHECK_LATEST_VERSION", "false")
os.chdir(ROOT)
sys.path.insert(0, str(ROOT))

import reflex as rx  # noqa: E402
from sqlmodel import select  # noqa: E402

from rxcrm.cli import migrate  # noqa: E402
from rxcrm.db.models import AuthSession, User  # noqa: E402
from rxcrm.db.session import unit_of_work  # noqa: E402
from rxcrm.db.types import utcnow  # noqa: E402
from rxcrm.services.people.auth import token_digest  # noqa: E402
from rxcrm.services.settings.defaults import install_defaults  # noqa: E402
from rxcrm.services.system.demo import seed_demo  # noqa: E402
from rxcrm.ui.dashboards.state import DashboardState  # noqa: E402
from rxcrm.ui.pipeline.opportunities import OpportunitiesState  # noqa: E402

LOOP = asyncio.new_event_loop()  # one event loop, as in the backend worker


def build_database(deals: int, zone: str | None = None) -> str:
    """Migrations, defaults, demo data; a login token of the demo director (in `zone`, if given)."""
    migrate()
    with unit_of_work() as session:
        install_defaults(session)
        seed_demo(session, deals=deals)
        director = session.exec(select(User).where(User.role == "director").order_by(User.id)).first()
        director.time_zone = zone
        token = "bench-dashboard-director"
        expires = utcnow() + timedelta(1)
        session.add(AuthSession(user_id=director.id, token_hash=token_digest(token), expires_at=expires))
    return token


def new_state(cls: type, token: str) -> tuple[rx.State, Any]:
    """A fresh state tree for one browser tab, logged in."""
    root = rx.State(_reflex_internal_init=True)
    state = root.get_substate(cls.get_full_name().split(".")[1:])
    state.token = token
    return root, state


def timed(handler: Any, state: Any, *args: Any) -> tuple[float, float, Any]:
    """Wall and process-CPU ms of one handler call."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = handler.fn(state, *args)
    if inspect.iscoroutine(result):
        result = LOOP.run_until_complete(result)
    if result is not None and "error" in repr(result):
        raise SystemExit(f"{handler} failed: {result}")
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000, result


def row(label: str, walls: list[float], cpus: list[float], target: float | None = TARGET_MS) -> str:
    ordered = sorted(walls)
    p95 = ordered[min(len(ordered) - 1, max(0, round(0.95 * len(ordered)) - 1))]
    verdict = f"{'PASS' if p95 <= target else 'FAIL'} (p95 <= {target:g} ms)" if target else ""
    cpu = statistics.median(cpus)
    return f"  {label:<44} {statistics.median(walls):8.1f} {p95:8.1f} {cpu:8.1f}  {verdict}"


def main(args: argparse.Namespace) -> None:
    started = time.perf_counter()
    token = build_database(args.deals, args.zone)
    print(f"data: demo, {args.deals} deals, built in {time.perf_counter() - started:.1f} s")
    print(f"director's time zone: {args.zone or 'none (UTC days)'}")
    print(f"load average: {Path('/proc/loadavg').read_text().split()[:3]}")
    print(f"  {'handler':<44} {'p50 ms':>8} {'p95 ms':>8} {'cpu ms':>8}")
    opened: list[tuple[float, float]] = []
    switches: list[tuple[float, float]] = []
    for _ in range(args.repeat):
        _, dashboard = new_state(DashboardState, token)
        opened.append(timed(DashboardState.open_global, dashboard)[:2])
        for page in ("statistics", "results"):
            switches.append(timed(DashboardState.show_page, dashboard, page)[:2])
    print(row("dashboard first open (open_global)", *zip(*opened, strict=True), target=None))
    print(row("tab switch (show_page)", *zip(*switches, strict=True)))
    links = [(c["kind"], c["link"]) for c in dashboard.cards if "widget=" in c["link"]]
    clicks: list[tuple[float, float]] = []
    for kind, link in links:
        per_kind = []
        for _ in range(args.repeat):
            _, listing = new_state(OpportunitiesState, token)
            query = dict(parse_qsl(urlsplit(link).query))
            wall, cpu = time.perf_counter(), time.process_time()
            listing._link_widget(query)
            took, took_cpu, _ = timed(OpportunitiesState.load, listing)
            extra = (time.perf_counter() - wall) * 1000 - took, (time.process_time() - cpu) * 1000 - took_cpu
            per_kind.append((took + extra[0], took_cpu + extra[1]))
        clicks.extend(per_kind)
        print(row(f"title click -> list ({kind})", *zip(*per_kind, strict=True), target=None))
        print(f"    {listing.behind_title}: {listing.behind_total}; list rows {listing.total}")
    print(row("title click -> list (every deal widget)", *zip(*clicks, strict=True)))
    if args.keep:
        print(f"database kept: {DB_PATH}")


if __name__ == "__main__":
    main(ARGS)
