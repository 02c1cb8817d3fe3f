"""Quotes and contracts on top of `widget_data`'s fixed deals, for the product details widgets.

Active quotes (the inactive one and the lost deal's must not count):
| deal | quote | items |
| --- | --- | --- |
| d5 (ann, won 2026-01-15) | EUR | Cloud ×10 = 2000.00; Set-up (no product) ×1 = 1000.00; rounding 0.00 |
| d5 | EUR, inactive | Cloud ×99 = 9999.00 |
| d6 (bob, won 2026-02-20) | USD (0.5) | Cloud ×4 = 1000.00 USD -> 500.00 EUR |
| d7 (lina, won 2026-03-31) | CHF (no rate) | Cloud ×1 = 700.00 |
| d8 (ann, lost) | EUR | Cloud ×3 = 300.00 |
| d10 (bob, won 2026-04-02) | EUR | Cloud ×5 = 3000.00 |

Contracts (term unless said), their month count and MRR in EUR:
| contract | deal/owner | type | start – end | amount | months | MRR |
| --- | --- | --- | --- | --- | --- | --- |
| k1 | d5 ann | Subscription | 2026-01-15 – 2027-01-14 | 1200 EUR | 12 | 100.00 |
| k2 | d6 bob | Subscription | 2026-02-20 – 2027-02-19 | 600 USD | 12 | 25.00 |
| k3 | d5 ann | Support | 2026-01-01 – 2026-03-30 | 300 EUR | ended before 31 Mar | |
| k4 | d5 ann | Support | 2026-03-01 – 2026-08-31 | 600 EUR | 6 | 100.00 |
| k5 | d7 lina | Support | 2026-01-01 – 2026-12-31 | 500 CHF | no rate | |
| k6 | d5 ann | Hardware, one-off | 2026-01-15 | 900 EUR | | |
| k7 | d5 ann | Support, cancelled | 2026-01-01 – 2026-12-31 | 1200 EUR | | |
| k8 | d10 bob | Subscription | 2026-04-02 – 2027-04-01 | 2400 EUR | starts after 31 Mar | 200.00 |
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from sqlmodel import Session

from rxcrm.db.models import Contract, Opportunity, Product
from tests.analytics.widget_data import Crm
from tests.conftest import make_active_quote


def _item(name: str, product: Product | None, quantity: str, total: str) -> dict[str, Any]:
    return {
        "name": name,
        "product_id": product.id if product else None,
        "quantity": Decimal(quantity),
        "total": Decimal(total),
    }


def _quotes(session: Session, deals: dict[str, Opportunity], cloud: Product) -> None:
    make_active_quote(
        session,
        deals["d5"],
        [
            _item("Cloud", cloud, "10", "2000.00"),
            _item("Set-up", None, "1", "1000.00"),
            {"name": "Rounding", "is_rounding": True, "total": Decimal("0.00")},
        ],
        currency="EUR",
    )
    make_active_quote(session, deals["d5"], [_item("Cloud", cloud, "99", "9999.00")], active=False)
    make_active_quote(session, deals["d6"], [_item("Cloud", cloud, "4", "1000.00")], currency="USD")
    make_active_quote(session, deals["d7"], [_item("Cloud", cloud, "1", "700.00")], currency="CHF")
    make_active_quote(session, deals["d8"], [_item("Cloud", cloud, "3", "300.00")], currency="EUR")
    make_active_quote(session, deals["d10"], [_item("Cloud", cloud, "5", "3000.00")], currency="EUR")


def _contract(deal: Opportunity, kind: str, start: str, end: str | None, amount: str, **kw: Any) -> Contract:
    return Contract(
        name=kind,
        type=kind,
        kind="term" if end else "one_off",
        opportunity_id=deal.id,
        account_id=deal.account_id,
        owner_id=deal.owner_id,
        start=date.fromisoformat(start),
        end=date.fromisoformat(end) if end else None,
        amount=Decimal(amount),
        **kw,
    )


def product_crm(session: Session, crm: Crm) -> Product:
    """Store the quotes and contracts of the module docstring; returns the Cloud product."""
    cloud = Product(name="Cloud", code="CLOUD")
    session.add(cloud)
    session.flush()
    d = crm.deals
    _quotes(session, d, cloud)
    session.add_all(
        [
            _contract(d["d5"], "Subscription", "2026-01-15", "2027-01-14", "1200"),
            _contract(d["d6"], "Subscription", "2026-02-20", "2027-02-19", "600", currency="USD"),
            _contract(d["d5"], "Support", "2026-01-01", "2026-03-30", "300"),
            _contract(d["d5"], "Support", "2026-03-01", "2026-08-31", "600"),
            _contract(d["d7"], "Support", "2026-01-01", "2026-12-31", "500", currency="CHF"),
            _contract(d["d5"], "Hardware", "2026-01-15", None, "900"),
            _contract(d["d5"], "Support", "2026-01-01", "2026-12-31", "1200", status="cancelled"),
            _contract(d["d10"], "Subscription", "2026-04-02", "2027-04-01", "2400"),
        ]
    )
    session.flush()
    return cloud
