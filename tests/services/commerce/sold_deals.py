"""A sold deal to bill: the invoice tests of every layer start from one."""

from __future__ import annotations

from decimal import Decimal

from sqlmodel import Session

from rxcrm.db.models import Opportunity, User
from rxcrm.services.pipeline.moves import mark_sold
from tests.conftest import make_account, make_active_quote, make_opportunity


def sold_deal(
    session: Session, owner: User, totals: tuple[str, ...] = ("1200.00", "300.00"), **deal: object
) -> Opportunity:
    """A deal on a new account whose active quote (one free item per total, in CHF) is sold."""
    account = make_account(session)
    opportunity = make_opportunity(session, owner, account_id=account.id, **deal)
    items = [{"name": f"Item {n}", "total": Decimal(total)} for n, total in enumerate(totals)]
    make_active_quote(session, opportunity, items, currency="CHF")
    mark_sold(session, owner, opportunity.id)
    return opportunity
