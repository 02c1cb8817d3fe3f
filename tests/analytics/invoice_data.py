"""Invoices on `widget_data`'s won deals, dated around today, for the pending payments widgets.

Board currency EUR; USD at 0.5; CHF has no rate. T = today on the UTC calendar (the fixed users
have no time zone). Deals get accounts: d5 Alpen AG, d6 and d10 Birch Ltd, d7 Cedar SA.

| invoice | deal (owner, partner) | amount | status | due | paid on | in the widgets |
| --- | --- | --- | --- | --- | --- | --- |
| i1 | d5 (ann) | 1000.00 EUR | sent | T-10 | | open, overdue 10 days |
| i2 | d5 (ann) | 400.00 USD = 200.00 | sent | T+3 | | open, not yet due |
| i3 | d6 (bob, p1) | 600.00 EUR | sent | T-40 | | open, overdue 40 days |
| i4 | d6 (bob, p1) | 300.00 EUR | paid | 2026-01-20 | 2026-01-15 | paid in January 2026 |
| i5 | d7 (lina, p1) | 500.00 USD = 250.00 | paid | 2026-02-10 | 2026-02-03 | paid in February 2026 |
| i6 | d5 (ann) | 9999.00 EUR | draft | T-5 | | none: a draft is not owed |
| i7 | d10 (bob) | 800.00 CHF | sent | T-20 | | none: CHF has no rate |
| i8 | d7 (lina, p1) | 50.00 EUR | sent | T-1 | | open, overdue 1 day |
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from sqlmodel import Session

from rxcrm.db.models import Invoice
from rxcrm.services.people.time_zones import today_for
from tests.analytics.widget_data import Crm
from tests.conftest import make_account


def week(day: date) -> date:
    """The Monday starting the ISO week of a day."""
    return day - timedelta(days=day.weekday())


def _invoice(
    n: int, deal_id: int, account_id: int, amount: str, currency: str, status: str, due: date
) -> Invoice:
    return Invoice(
        number=f"2026-{n:04d}",
        year=2026,
        sequence=n,
        account_id=account_id,
        opportunity_id=deal_id,
        issue_date=min(due, date(2026, 1, 1)),
        due_date=due,
        amount=Decimal(amount),
        currency=currency,
        status=status,
    )


def invoice_crm(session: Session, crm: Crm) -> dict[str, Invoice]:
    """Store the invoices of the module docstring (accounts set on their deals); returns them by name."""
    t = today_for(None)
    d = crm.deals
    accounts = {name: make_account(session, name=name).id for name in ("Alpen AG", "Birch Ltd", "Cedar SA")}
    for deal, account in (("d5", "Alpen AG"), ("d6", "Birch Ltd"), ("d10", "Birch Ltd"), ("d7", "Cedar SA")):
        d[deal].account_id = accounts[account]
        session.add(d[deal])
    table = (
        ("i1", "d5", "1000.00", "EUR", "sent", t - timedelta(days=10), None),
        ("i2", "d5", "400.00", "USD", "sent", t + timedelta(days=3), None),
        ("i3", "d6", "600.00", "EUR", "sent", t - timedelta(days=40), None),
        ("i4", "d6", "300.00", "EUR", "paid", date(2026, 1, 20), date(2026, 1, 15)),
        ("i5", "d7", "500.00", "USD", "paid", date(2026, 2, 10), date(2026, 2, 3)),
        ("i6", "d5", "9999.00", "EUR", "draft", t - timedelta(days=5), None),
        ("i7", "d10", "800.00", "CHF", "sent", t - timedelta(days=20), None),
        ("i8", "d7", "50.00", "EUR", "sent", t - timedelta(days=1), None),
    )
    invoices = {}
    for n, (name, deal, amount, currency, status, due, paid_on) in enumerate(table, start=1):
        invoice = _invoice(n, d[deal].id, d[deal].account_id, amount, currency, status, due)
        invoice.paid_on = paid_on
        session.add(invoice)
        invoices[name] = invoice
    session.flush()
    return invoices
