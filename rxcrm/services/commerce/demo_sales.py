"""Demo sales: a few won demo deals get a quote from the 2026 price book, are sold and billed."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import Session, select

from rxcrm.db.models import Contract, Invoice, Opportunity, PriceBook, PriceBookEntry, Product, User
from rxcrm.services.commerce.invoices import issue_invoice, update_invoice
from rxcrm.services.commerce.quote_items import add_item
from rxcrm.services.commerce.quotes import create_quote
from rxcrm.services.pipeline.moves import mark_sold

DEMO_BOOK = "Standard 2026"
# The invoice of each sold demo deal, for the pending payments page: its status, issued how many days ago.
DEMO_INVOICES = (("sent", 45), ("paid", 40), ("sent", 5))
# What each sold demo deal bought: (product code, quantity).
BASKETS = (
    (("CRM-SEAT", "25"), ("SUPPORT-STD", "25"), ("ONBOARD", "3")),
    (("SUPPORT-PREM", "40"), ("GATEWAY", "2"), ("ANALYTICS", "40")),
    (("CLOUD-NODE", "4"), ("WARRANTY-EXT", "4"), ("CUSTOM-DEV", "5")),
)


def _entries(session: Session) -> dict[str, int]:
    """The demo price book's first entry per product code."""
    statement = (
        select(Product.code, PriceBookEntry.id)
        .join(PriceBookEntry, PriceBookEntry.product_id == Product.id)
        .join(PriceBook, PriceBook.id == PriceBookEntry.price_book_id)
        .where(PriceBook.name == DEMO_BOOK)
        .order_by(PriceBookEntry.id.desc())
    )
    return dict(session.exec(statement).all())


def seed_demo_sales(session: Session) -> int:
    """Sell up to three won demo deals through quotes; returns how many contracts that made."""
    entries = _entries(session)
    book = session.exec(select(PriceBook).where(PriceBook.name == DEMO_BOOK)).first()
    deals = session.exec(
        select(Opportunity)
        .where(Opportunity.status == "won", Opportunity.account_id.is_not(None))
        .order_by(Opportunity.id)
        .limit(len(BASKETS))
    ).all()
    if book is None:
        return 0
    for deal, basket in zip(deals, BASKETS, strict=False):
        owner = session.get(User, deal.owner_id)
        sold_on = deal.closed_at.date() if deal.closed_at else None
        data = {"opportunity_id": deal.id, "name": f"Offer {deal.name}", "price_book_id": book.id}
        quote = create_quote(session, owner, data | {"valid_from": sold_on})
        for code, quantity in basket:
            add_item(session, owner, quote.id, {"entry_id": entries[code], "quantity": quantity})
        mark_sold(session, owner, deal.id)
    for deal, (status, days_ago) in zip(deals, DEMO_INVOICES, strict=False):
        _demo_invoice(session, session.get(User, deal.owner_id), deal, status, days_ago)
    made = select(Contract.id).where(Contract.opportunity_id.in_([d.id for d in deals]))
    return len(session.exec(made).all())


def _demo_invoice(session: Session, owner: User, deal: Opportunity, status: str, days_ago: int) -> Invoice:
    """Bill a sold demo deal, back-dated by `days_ago` (the first one is overdue), and move it to `status`."""
    invoice = issue_invoice(session, owner, {"opportunity_id": deal.id})
    for step in ("sent", "paid")[: ("sent", "paid").index(status) + 1]:
        update_invoice(session, owner, invoice.id, {"status": step})
    shift = timedelta(days=days_ago)
    invoice.issue_date, invoice.due_date = invoice.issue_date - shift, invoice.due_date - shift
    invoice.sent_on = invoice.issue_date
    invoice.paid_on = invoice.due_date - timedelta(days=10) if status == "paid" else None
    session.add(invoice)
    session.flush()
    return invoice
