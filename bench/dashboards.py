"""Dashboard widget speed: every widget's `widget_rows`, a whole 8-widget page, and a naive pandas version.

Usage: python bench/dashboards.py [--deals 100000] [--activities 1000000] [--leads 50000] [--repeat 20]
                                  [--naive-repeat 3] [--keep]

Builds a fresh SQLite file (Alembic migrations + default configuration) with 20 reps (one with access
level limited_crm), a director, 2,000 accounts, 5,000 contacts, 30 campaigns, 15 partners, targets per
rep and month, `--deals` opportunities over three years (45 % open, 35 % won, 20 % lost; EUR/USD/GBP with
rates, 1 % CHF without), `--leads` leads and `--activities` activities. Each widget runs in its own unit
of work (as one API request does) for the director and the limited rep; the page runs 8 widgets in one.
Backward-looking widgets ask for the last 12 months, pipeline and forecast for the next 12 months.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from lead_setup import migrated_database  # noqa: E402

TARGET_WIDGET_MS = 150.0
TARGET_PAGE_MS = 600.0
PAGE = (
    "revenue",
    "pipeline_by_stage",
    "won_by_person",
    "targets",
    "leaderboard",
    "forecast",
    "activities",
    "funnel",
)
AHEAD = ("pipeline_by_stage", "forecast")


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--deals", type=int, default=100_000)
    parser.add_argument("--activities", type=int, default=1_000_000)
    parser.add_argument("--leads", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=20, help="runs per widget measurement (default 20)")
    parser.add_argument("--naive-repeat", type=int, default=3, help="runs of each naive widget (default 3)")
    parser.add_argument("--keep", action="store_true", help="keep the database file and print its path")
    parser.add_argument("--db", type=Path, help="reuse a database kept by an earlier run (no data built)")
    return parser.parse_args()


def _ms(run: Callable[[], object], repeat: int) -> tuple[float, float]:
    """p50 and p95 of `repeat` runs, in milliseconds."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]


def _database(args: argparse.Namespace) -> tuple[Path, dict[str, int]]:
    """A fresh database filled with the bench data (or the kept one given by --db); the users' ids."""
    if args.db is not None:
        os.environ["RXCRM_DATABASE_URL"] = f"sqlite:///{args.db}"
        os.chdir(ROOT)
        from dashboard_data import users_of

        return args.db.parent, users_of()
    directory = Path(tempfile.mkdtemp(prefix="rxcrm-dash-"))
    migrated_database(directory)
    os.chdir(ROOT)
    from dashboard_data import build

    from rxcrm.db.session import unit_of_work

    started = time.perf_counter()
    with unit_of_work() as session:
        ids = build(session, args.deals, args.activities, args.leads)
    took = time.perf_counter() - started
    print(
        f"data built in {took:.0f} s: {args.deals:,} deals, {args.activities:,} activities, "
        f"{args.leads:,} leads"
    )
    return directory, ids


def _params(kind: str) -> Any:
    from rxcrm.domain.dashboards.widgets import WidgetParams

    today = date.today()
    if kind in AHEAD:
        return WidgetParams(today, today + timedelta(days=365))
    return WidgetParams(today - timedelta(days=365), today)


def _run(user_id: int, kinds: tuple[str, ...], naive: bool = False) -> list[Any]:
    """The widgets' data in one unit of work, as one request (or one page load) computes it."""
    from dashboard_naive import NAIVE

    from rxcrm.analytics.widgets import widget_rows
    from rxcrm.db.models import User
    from rxcrm.db.session import unit_of_work

    with unit_of_work() as session:
        actor = session.get(User, user_id)
        if naive:
            return [NAIVE[kind](session, actor, _params(kind)) for kind in kinds]
        return [widget_rows(session, actor, kind, _params(kind)) for kind in kinds]


def _widget_line(kind: str, ids: dict[str, int], args: argparse.Namespace) -> float:
    """Print one widget's row of the table; its worst p95."""
    from dashboard_naive import check_figure

    d50, d95 = _ms(lambda: _run(ids["director"], (kind,)), args.repeat)
    l50, l95 = _ms(lambda: _run(ids["limited"], (kind,)), args.repeat)
    n50, _ = _ms(lambda: _run(ids["director"], (kind,), naive=True), args.naive_repeat)
    sql_figure = check_figure(kind, _run(ids["director"], (kind,))[0])
    naive_figure = _run(ids["director"], (kind,), naive=True)[0]
    same = "yes" if abs(sql_figure - naive_figure) <= max(1.0, abs(naive_figure) * 1e-9) else "NO"
    print(
        f"| {kind} | {d50:.1f} / {d95:.1f} | {l50:.1f} / {l95:.1f} | {n50:.0f} | {n50 / d50:.0f}× | {same} |"
    )
    return max(d95, l95)


def main() -> None:
    """Build the data, time every widget and a page, print the table."""
    args = _arguments()
    directory, ids = _database(args)
    from rxcrm.analytics.widgets import WIDGETS

    print(
        "\n| widget | director p50 / p95 ms | limited rep p50 / p95 ms | naive p50 ms | naive ÷ SQL | same |"
    )
    print("|---|---|---|---|---|---|")
    from dashboard_naive import NAIVE

    worst = max(_widget_line(kind, ids, args) for kind in WIDGETS if kind in NAIVE)
    unchecked = [kind for kind in WIDGETS if kind not in NAIVE]
    if unchecked:
        print(f"\nwithout a naive version (not timed here): {', '.join(unchecked)}")
    p50, p95 = _ms(lambda: _run(ids["director"], PAGE), args.repeat)
    r50, r95 = _ms(lambda: _run(ids["limited"], PAGE), args.repeat)
    print(f"\n8-widget page ({', '.join(PAGE)}):")
    print(f"  director p50 {p50:.0f} ms / p95 {p95:.0f} ms; limited rep p50 {r50:.0f} ms / p95 {r95:.0f} ms")
    met = worst <= TARGET_WIDGET_MS and max(p95, r95) <= TARGET_PAGE_MS
    print(
        f"targets: widget p95 <= {TARGET_WIDGET_MS:.0f} ms (worst {worst:.0f}), "
        f"page p95 <= {TARGET_PAGE_MS:.0f} ms -> {'MET' if met else 'NOT MET'}"
    )
    if args.keep or args.db is not None:
        print(f"database kept: {args.db or directory / 'bench.db'}")
    else:
        for leftover in directory.iterdir():
            leftover.unlink()
        directory.rmdir()


if __name__ == "__main__":
    main()
