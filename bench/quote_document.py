"""Quote document speed (issue 11): a quote with 200 items, its .docx generated and stored server-side.

Usage: python bench/quote_document.py [--items 200] [--repeat 30] [--keep]

Builds a fresh SQLite file (Alembic migrations + default configuration, like `rxcrm init-db`) with a
rep, an account with address, a contact, an opportunity and one quote of N items (plus a rounding
item), then runs `services.commerce.quote_documents.generate_quote_document` end to end, each time in
its own unit of work as the REST route and the UI do: look the quote up through the deal's access
filter, read the template, build the view model from the rows, render the default Word template
(docxtpl in Jinja's sandbox), write the file into RXCRM_FILES_DIR, insert the Attachment row and the
history line, commit. Prints the first (cold) run and p50/p95 of the rest; target p95 <= 400 ms.
"""

from __future__ import annotations

import argparse
import statistics
import time
from decimal import Decimal

from lead_setup import database_and_files

TARGET_P95_MS = 400.0


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--items", type=int, default=200, help="items on the quote (default 200)")
    parser.add_argument("--repeat", type=int, default=30, help="measured generations (default 30)")
    parser.add_argument("--keep", action="store_true", help="keep the database and files and print where")
    return parser.parse_args()


def build_quote(items: int) -> tuple[int, int]:
    """A rep's deal with account, contact and a quote of `items` priced lines; (rep id, quote id)."""
    from sqlmodel import select

    from rxcrm.db.models import Account, Contact, Opportunity, Quote, QuoteItem, Stage, User
    from rxcrm.db.session import unit_of_work
    from rxcrm.services.settings.defaults import install_defaults

    with unit_of_work() as session:
        install_defaults(session)
        rep = User(email="rep@bench.test", name="Rita Rep", role="rep", password_hash="x")
        account = Account(name="Müller & Söhne GmbH", street="Hauptstraße 5", zip="10115", city="Berlin")
        session.add_all([rep, account])
        session.flush()
        contact = Contact(first_name="Jana", last_name="Nováková", account_id=account.id)
        stage = session.exec(select(Stage).order_by(Stage.position)).first()
        session.add(contact)
        session.flush()
        deal = Opportunity(
            name="Roll-out", owner_id=rep.id, stage_id=stage.id, account_id=account.id, contact_id=contact.id
        )
        session.add(deal)
        session.flush()
        quote = Quote(opportunity_id=deal.id, name="Roll-out offer", active=True)
        session.add(quote)
        session.flush()
        for n in range(1, items + 1):
            price = Decimal(10 + n % 90) + Decimal("0.99")
            session.add(
                QuoteItem(
                    quote_id=quote.id,
                    position=n,
                    name=f"Product {n:03d} — licence tier {n % 7}",
                    description=f"Subscription per user and month, line {n}",
                    quantity=Decimal(n % 12 + 1),
                    unit="user/month",
                    unit_price=price,
                    discount_percent=Decimal(5) if n % 3 == 0 else None,
                    total=price * (n % 12 + 1),
                )
            )
        quote.subtotal = quote.total = Decimal("123456.78")
        return rep.id, quote.id


def generate(rep_id: int, quote_id: int) -> float:
    """One generation in its own unit of work, in milliseconds."""
    from rxcrm.db.models import User
    from rxcrm.db.session import unit_of_work
    from rxcrm.services.commerce.quote_documents import generate_quote_document

    started = time.perf_counter()
    with unit_of_work() as session:
        generate_quote_document(session, session.get(User, rep_id), quote_id)
    return (time.perf_counter() - started) * 1000


def main() -> None:
    """Build, measure, print."""
    args = _arguments()
    with database_and_files(args.keep) as files:
        rep_id, quote_id = build_quote(args.items)
        cold = generate(rep_id, quote_id)
        runs = sorted(generate(rep_id, quote_id) for _ in range(args.repeat))
        p50 = statistics.median(runs)
        p95 = runs[min(len(runs) - 1, round(0.95 * len(runs)) - 1)]
        stored = sorted(p for p in files.rglob("*.docx"))
        size = stored[-1].stat().st_size if stored else 0
        print(f"quote document, {args.items} items, {args.repeat} runs (+1 cold: {cold:.0f} ms)")
        print(f"  p50 {p50:.0f} ms   p95 {p95:.0f} ms   max {runs[-1]:.0f} ms   file {size / 1024:.0f} KB")
        verdict = "OK" if p95 <= TARGET_P95_MS else "TOO SLOW"
        print(f"  target p95 <= {TARGET_P95_MS:.0f} ms: {verdict}")


if __name__ == "__main__":
    main()
