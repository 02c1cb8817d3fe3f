"""Demo data: a few won demo deals are sold through quotes, so contracts and product widgets show data."""

from __future__ import annotations

from sqlmodel import Session, select

from rxcrm.analytics.widgets import widget_rows
from rxcrm.db.models import Contract, Opportunity, Quote, User
from rxcrm.domain.dashboards.widgets import WidgetParams
from rxcrm.services.system.demo import seed_demo


def test_the_demo_sells_three_won_deals_with_quotes_and_contracts(session: Session) -> None:
    counts = seed_demo(session, accounts=10, contacts=20, deals=40)
    sold = session.exec(select(Opportunity).where(Opportunity.locked.is_(True))).all()
    assert len(sold) == 3 and all(d.status == "won" for d in sold)
    assert counts["contracts"] == 9
    for deal in sold:
        active = select(Quote).where(Quote.opportunity_id == deal.id, Quote.active.is_(True))
        quote = session.exec(active).one()
        contracts = session.exec(select(Contract).where(Contract.opportunity_id == deal.id)).all()
        assert deal.amount == quote.total == sum(c.amount for c in contracts)
        assert {c.start for c in contracts} == {deal.closed_at.date()}


def test_the_demo_bills_its_sold_deals_so_pending_payments_shows_each_widget(session: Session) -> None:
    seed_demo(session, accounts=10, contacts=20, deals=40)
    director = session.exec(select(User).where(User.role == "director")).first()
    for kind in ("open_invoices_by_due_week", "overdue_by_account", "paid_per_month"):
        rows = widget_rows(session, director, kind, WidgetParams())
        assert sum(row["count"] for row in rows) == 1 + (kind == "open_invoices_by_due_week")
