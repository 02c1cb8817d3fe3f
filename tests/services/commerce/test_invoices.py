"""Invoices: issued from a contract or a sold deal, who sees them, status steps, overdue and history."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlmodel import Session, select

from rxcrm.db.models import Contract, Invoice, InvoiceCounter
from rxcrm.db.types import utcnow
from rxcrm.domain.errors import Conflict, Forbidden, NotFound, ValidationFailed
from rxcrm.domain.people.time_zones import today_in
from rxcrm.services.commerce.invoices import (
    InvoiceFilter,
    get_invoice,
    issue_invoice,
    list_invoices,
    status_of,
    update_invoice,
)
from rxcrm.services.people.permissions import set_permission
from rxcrm.services.people.time_zones import today_for
from rxcrm.services.records.history import history_of
from rxcrm.services.settings.toggles import update_settings
from tests.conftest import make_opportunity, make_partner, make_user
from tests.services.commerce.sold_deals import sold_deal


def _contracts(session: Session, deal_id: int) -> list[Contract]:
    return list(session.exec(select(Contract).where(Contract.opportunity_id == deal_id)).all())


def test_a_sold_deal_is_billed_once_for_its_contracts_with_the_next_number(session: Session, rep) -> None:
    deal = sold_deal(session, rep)
    invoice = issue_invoice(session, rep, {"opportunity_id": deal.id})
    today = today_for(rep)
    assert invoice.number == f"{today.year}-0001"
    assert (invoice.amount, invoice.currency, invoice.status) == (Decimal("1500.00"), "CHF", "draft")
    assert (invoice.account_id, invoice.opportunity_id, invoice.contract_id) == (
        deal.account_id,
        deal.id,
        None,
    )
    assert (invoice.issue_date, (invoice.due_date - invoice.issue_date).days) == (today, 30)
    second = issue_invoice(session, rep, {"contract_id": _contracts(session, deal.id)[1].id})
    assert (second.number, second.amount, second.contract_id) == (
        f"{today.year}-0002",
        Decimal("300.00"),
        _contracts(session, deal.id)[1].id,
    )
    assert [line["field"] for line in history_of(session, "invoice", invoice.id)][-1] == "(created)"


def test_an_unsold_deal_or_a_cancelled_contract_is_refused_using_no_number(session: Session, rep) -> None:
    open_deal = make_opportunity(session, rep, amount=Decimal("10.00"))
    with pytest.raises(Conflict, match="not sold"):
        issue_invoice(session, rep, {"opportunity_id": open_deal.id})
    deal = sold_deal(session, rep)
    contract = _contracts(session, deal.id)[0]
    contract.status = "cancelled"
    with pytest.raises(Conflict, match="cancelled"):
        issue_invoice(session, rep, {"contract_id": contract.id})
    with pytest.raises(ValidationFailed) as both:
        issue_invoice(session, rep, {"contract_id": contract.id, "opportunity_id": deal.id})
    assert set(both.value.fields) == {"contract_id", "opportunity_id"}
    with pytest.raises(ValidationFailed):
        issue_invoice(session, rep, {})
    assert session.exec(select(InvoiceCounter)).all() == []


def test_a_failed_issue_leaves_no_gap(session: Session, rep) -> None:
    deal = sold_deal(session, rep)
    issue_invoice(session, rep, {"opportunity_id": deal.id})
    session.commit()
    issue_invoice(session, rep, {"opportunity_id": deal.id})
    session.rollback()  # the unit failed after its number was taken
    assert issue_invoice(session, rep, {"opportunity_id": deal.id}).number.endswith("-0002")


def test_the_due_date_follows_the_payment_term_setting(session: Session, admin) -> None:
    update_settings(session, admin, {"invoice_payment_days": 14})
    invoice = issue_invoice(session, admin, {"opportunity_id": sold_deal(session, admin).id})
    assert (invoice.due_date - invoice.issue_date).days == 14
    with pytest.raises(ValidationFailed):
        update_settings(session, admin, {"invoice_payment_days": 400})


def test_invoices_are_seen_like_their_deals_and_partners_see_only_their_own(session: Session, rep) -> None:
    other = make_user(session, access_level="limited_opportunities")
    partner_user = make_user(session, role="partner", partner_id=make_partner(session).id)
    invoice = issue_invoice(session, rep, {"opportunity_id": sold_deal(session, rep).id})
    assert get_invoice(session, rep, invoice.id).id == invoice.id
    for outsider in (other, partner_user):
        with pytest.raises(NotFound):
            get_invoice(session, outsider, invoice.id)
        assert list_invoices(session, outsider, InvoiceFilter()).total == 0
    set_permission(session, make_user(session, role="admin"), "rep", "invoices", "edit", False)
    with pytest.raises(Forbidden):
        update_invoice(session, rep, invoice.id, {"status": "sent"})


def test_a_sent_invoice_past_due_is_overdue_on_the_viewers_calendar(session: Session, rep) -> None:
    east = make_user(session, role="admin", time_zone="Pacific/Kiritimati")  # UTC+14
    west = make_user(session, role="admin", time_zone="Pacific/Pago_Pago")  # UTC-11: always a day behind
    # issued on the western calendar, so "due today in the west" is never before the issue date
    invoice = issue_invoice(session, west, {"opportunity_id": sold_deal(session, rep).id})
    due = today_in(west.time_zone, utcnow())
    update_invoice(session, rep, invoice.id, {"status": "sent", "due_date": due})
    assert (status_of(invoice, today_for(west)), status_of(invoice, today_for(east))) == ("sent", "overdue")
    assert [i.id for i in list_invoices(session, east, InvoiceFilter(status="overdue")).items] == [invoice.id]
    assert list_invoices(session, east, InvoiceFilter(status="sent")).total == 0
    assert [i.id for i in list_invoices(session, west, InvoiceFilter(status="sent")).items] == [invoice.id]
    assert list_invoices(session, west, InvoiceFilter(status="overdue")).total == 0
    update_invoice(session, rep, invoice.id, {"status": "paid"})
    assert (invoice.status, invoice.paid_on, status_of(invoice, today_for(east))) == (
        "paid",
        today_for(rep),
        "paid",
    )


def test_the_list_filters_by_account_and_status_and_history_records_the_steps(session: Session, rep) -> None:
    first = issue_invoice(session, rep, {"opportunity_id": sold_deal(session, rep).id})
    second = issue_invoice(session, rep, {"opportunity_id": sold_deal(session, rep).id})
    update_invoice(session, rep, second.id, {"status": "sent"})
    by_account = list_invoices(session, rep, InvoiceFilter(account_id=first.account_id)).items
    assert [i.id for i in by_account] == [first.id]
    assert [i.id for i in list_invoices(session, rep, InvoiceFilter(status="draft")).items] == [first.id]
    assert [i.id for i in list_invoices(session, rep, InvoiceFilter(q="-0002")).items] == [second.id]
    with pytest.raises(ValidationFailed):
        list_invoices(session, rep, InvoiceFilter(status="late"))
    steps = [(h["field"], h["old"], h["new"]) for h in history_of(session, "invoice", second.id)]
    assert ("status", "draft", "sent") in steps
    assert session.get(Invoice, second.id).sent_on == today_for(rep)
