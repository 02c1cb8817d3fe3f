"""Invoices count for live dashboards: issuing, sending and paying one touches the invoices topic."""

from __future__ import annotations

from sqlmodel import Session

from rxcrm.services.commerce.invoices import TOPIC, issue_invoice, update_invoice
from rxcrm.services.records import events
from tests.services.commerce.sold_deals import sold_deal


def test_issuing_sending_and_paying_an_invoice_touch_the_invoices_topic_once_committed(
    session: Session, rep
) -> None:
    deal = sold_deal(session, rep)
    session.commit()
    seen: list[dict[str, frozenset]] = []
    handler = events.after_touch(seen.append)
    try:
        invoice = issue_invoice(session, rep, {"opportunity_id": deal.id})
        session.commit()
        for status in ("sent", "paid"):
            update_invoice(session, rep, invoice.id, {"status": status})
            session.commit()
    finally:
        events._after_touch.remove(handler)
    assert [t.get(TOPIC) for t in seen] == [frozenset({invoice.id})] * 3
