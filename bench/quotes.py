"""Quote speed: changing one item of a 500-item quote, and opening the quotes tab of a deal with 20 quotes.

Usage: python bench/quotes.py [--items 500] [--quotes 20] [--repeat 100] [--keep]

Builds a fresh SQLite file migrated like `rxcrm init-db` (shared setup in lead_setup.py), a rep, a deal
followed by two reps, an active quote with `--items` lines (no rounding item, so that every change
moves the deal amount: history, notifications and board touch each time) and a second
deal with `--quotes` quotes of 25 lines each. Then it times, each in its own unit of work with the commit:
- **item change**: `quote_items.update_item` (one SELECT of the lines, Decimal recompute in the domain,
  one bulk UPDATE of the changed line totals, the quote's sums, the deal amount with history,
  notifications and the board touch);
- **tab open**: what `QuotesState.load_quotes` does — `quote_rows` (the deal's quotes with item counts)
  and `item_rows` (the first 50 lines of the active quote).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from lead_setup import clean_up, migrated_database, sales_team  # noqa: E402

TARGET_CHANGE_MS = 30.0
TARGET_TAB_MS = 100.0


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--items", type=int, default=500, help="lines of the big quote (default 500)")
    parser.add_argument("--quotes", type=int, default=20, help="quotes on the tab's deal (default 20)")
    parser.add_argument("--repeat", type=int, default=100, help="repetitions per measurement (default 100)")
    parser.add_argument("--keep", action="store_true", help="keep the database file and print its path")
    return parser.parse_args()


def _lines(quote_id: int, count: int) -> list[dict]:
    return [
        {
            "quote_id": quote_id,
            "position": n,
            "name": f"Line {n}",
            "quantity": Decimal(1 + n % 7),
            "unit": "piece",
            "unit_price": Decimal("19.99") + n,
            "discount_percent": Decimal(5) if n % 3 == 0 else None,
            "total": Decimal(0),
            "is_rounding": False,
        }
        for n in range(count)
    ]


def _quote(session, rep, deal, lines: int, rounding: bool):  # noqa: ANN001, ANN202
    from sqlalchemy import insert

    from rxcrm.db.models import QuoteItem
    from rxcrm.services.commerce.quote_items import add_item
    from rxcrm.services.commerce.quotes import create_quote

    quote = create_quote(session, rep, {"opportunity_id": deal.id, "name": f"Offer {deal.id}"})
    session.execute(insert(QuoteItem.__table__), _lines(quote.id, lines - (1 if rounding else 0)))
    if rounding:
        add_item(session, rep, quote.id, {"is_rounding": True, "target_total": "1000000.00"})
    else:
        add_item(session, rep, quote.id, {"name": "Last", "quantity": "1", "unit_price": "1.00"})
    return quote


def _prepare(items: int, quotes: int) -> tuple[int, int, int, int]:
    from rxcrm.db.models import Opportunity
    from rxcrm.db.session import unit_of_work
    from rxcrm.services.pipeline.stages import list_stages
    from rxcrm.services.records.followers import add_followers

    with unit_of_work() as session:
        _admin, team = sales_team(session, 4)
        rep = team[0]
        stage = list_stages(session)[0]
        big, tabbed = (Opportunity(name=n, owner_id=rep.id, stage_id=stage.id) for n in ("Big", "Tabbed"))
        session.add_all([big, tabbed])
        session.flush()
        add_followers(session, "opportunity", big.id, [rep.id, team[1].id])
        quote = _quote(session, rep, big, items, rounding=False)
        for _ in range(quotes):
            _quote(session, rep, tabbed, 25, rounding=False)
        first_item = min(i.id for i in quote_items_of(session, quote.id))
        return rep.id, quote.id, first_item, tabbed.id


def quote_items_of(session, quote_id: int) -> list:  # noqa: ANN001
    """The big quote's items."""
    from rxcrm.services.commerce.quote_read_models import items_of

    return items_of(session, quote_id)


def _time(run: Callable[[int], None], repeat: int) -> list[float]:
    run(0)  # warm-up: imports, statement caches
    samples = []
    for n in range(repeat):
        started = time.perf_counter()
        run(n + 1)
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def _report(label: str, samples: list[float], target: float) -> None:
    cuts = statistics.quantiles(samples, n=20)
    p50, p95 = statistics.median(samples), cuts[18]
    verdict = "OK" if p95 <= target else "OVER TARGET"
    print(f"{label:<48} p50 {p50:6.1f} ms   p95 {p95:6.1f} ms   (target p95 <= {target:.0f} ms: {verdict})")


def main() -> None:
    args = _arguments()
    folder = Path(tempfile.mkdtemp(prefix="rxcrm-bench-quotes-"))
    migrated_database(folder)
    from sqlmodel import select

    from rxcrm.db.models import Opportunity, User
    from rxcrm.db.session import unit_of_work
    from rxcrm.services.commerce.quote_items import update_item
    from rxcrm.services.commerce.quote_read_models import item_rows, quote_rows

    rep_id, quote_id, item_id, tab_deal = _prepare(args.items, args.quotes)

    def change(n: int) -> None:
        with unit_of_work() as session:
            rep = session.get(User, rep_id)
            update_item(session, rep, quote_id, item_id + n % 50, {"quantity": str(2 + n % 5)})

    def open_tab(_n: int) -> None:
        with unit_of_work() as session:
            rep = session.get(User, rep_id)
            rows = quote_rows(session, rep, tab_deal)
            active = next(r["id"] for r in rows if r["active"])
            item_rows(session, rep, int(active))

    _report(f"change one item of a {args.items}-item quote", _time(change, args.repeat), TARGET_CHANGE_MS)
    _report(f"open the quotes tab ({args.quotes} quotes)", _time(open_tab, args.repeat), TARGET_TAB_MS)
    with unit_of_work() as session:
        deal = session.exec(select(Opportunity).where(Opportunity.name == "Big")).one()
        print(f"deal amount after the run: {deal.amount} {deal.currency}")
    clean_up(folder, args.keep)


if __name__ == "__main__":
    main()
