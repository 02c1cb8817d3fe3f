"""Invoices: issued from a contract or a sold deal, numbered gap-free per year, sent and paid.

An invoice is visible to a user exactly when its deal is (without a deal: its account is — never for
partner users) and the user's role may view invoices; its amount is hidden like the deal amount.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import and_
from sqlmodel import Session, select

from rxcrm.db.models import Contract, Invoice, User
from rxcrm.domain.commerce.invoices import (
    DRAFT,
    NOT_SOLD,
    OVERDUE,
    PAID,
    SENT,
    STATUSES,
    check_change,
    default_due_date,
    invoice_number,
    shown_status,
)
from rxcrm.domain.errors import Conflict, ValidationFailed
from rxcrm.domain.records.validation import FieldErrors, read_day
from rxcrm.services.commerce.contracts import get_contract, sale_record_clause
from rxcrm.services.commerce.invoice_numbers import next_sequence
from rxcrm.services.people.access import found_record
from rxcrm.services.people.permissions import require
from rxcrm.services.people.time_zones import today_for
from rxcrm.services.pipeline.opportunities import get_opportunity
from rxcrm.services.records.changes import insert_record, update_record
from rxcrm.services.records.events import touch
from rxcrm.services.records.listing import FIRST_PAGE, ListWindow, Page, searched, sort_clause
from rxcrm.services.settings.toggles import current_settings

ENTITY = "invoice"
TOPIC = "invoices"  # live refresh: the pending-payments dashboard sums invoices
SORTABLE = ("number", "issue_date", "due_date", "amount", "created_at")


@dataclass(frozen=True)
class InvoiceFilter:
    """What the invoices list is narrowed to (each field may be left open)."""

    q: str | None = None
    account_id: int | None = None
    opportunity_id: int | None = None
    contract_id: int | None = None
    status: str | None = None


def invoice_clause(actor: User) -> Any:
    """SQL: the invoices the user may see (through their deal, else their account)."""
    return sale_record_clause(Invoice, actor, "invoices")


def status_clause(status: str, on: date) -> Any:
    """SQL: invoices shown in a status on a day (overdue = sent and due before it)."""
    if status == OVERDUE:
        return and_(Invoice.status == SENT, Invoice.due_date < on)
    if status == SENT:
        return and_(Invoice.status == SENT, Invoice.due_date >= on)
    return Invoice.status == status


def list_invoices(session: Session, actor: User, flt: InvoiceFilter, window: ListWindow = FIRST_PAGE) -> Page:
    """One page of the invoices the user may see, newest first (status as of the user's today)."""
    if flt.status is not None and flt.status not in STATUSES:
        raise ValidationFailed.from_fields({"status": f"must be one of: {', '.join(STATUSES)}"})
    statement = select(Invoice).where(invoice_clause(actor))
    for field in ("account_id", "opportunity_id", "contract_id"):
        value = getattr(flt, field)
        if value is not None:
            statement = statement.where(getattr(Invoice, field) == value)
    if flt.status is not None:
        statement = statement.where(status_clause(flt.status, today_for(actor)))
    statement = searched(statement, flt.q, Invoice.number)
    order = sort_clause(Invoice, window.sort, SORTABLE, "-issue_date")
    return window.fetch(session, statement, order)


def status_of(invoice: Invoice, on: date) -> str:
    """An invoice's status on a day (the viewer's today): draft, sent, paid or overdue."""
    return shown_status(invoice.status, invoice.due_date, on)


def get_invoice(session: Session, actor: User, invoice_id: Any) -> Invoice:
    """One invoice the user may see (else 'not found')."""
    statement = select(Invoice).where(Invoice.id == invoice_id, invoice_clause(actor))
    return found_record(session, statement, invoice_id, "invoice")


@dataclass(frozen=True)
class Billed:
    """What an invoice bills: its account, deal, contract and money."""

    account_id: int | None
    opportunity_id: int | None
    contract_id: int | None
    amount: Decimal
    currency: str


def _from_contract(session: Session, actor: User, contract_id: Any) -> Billed:
    contract = get_contract(session, actor, contract_id)
    if contract.status == "cancelled":
        raise Conflict(f"The contract '{contract.name}' is cancelled and cannot be invoiced.")
    return Billed(
        contract.account_id, contract.opportunity_id, contract.id, contract.amount, contract.currency
    )


def _from_deal(session: Session, actor: User, opportunity_id: Any) -> Billed:
    deal = get_opportunity(session, actor, opportunity_id)
    if deal.status != "won":
        raise Conflict(NOT_SOLD.format(name=deal.name))
    contracts = session.exec(select(Contract).where(Contract.opportunity_id == deal.id)).all()
    if contracts:
        currencies = {c.currency for c in contracts}
        if len(currencies) > 1:
            raise Conflict(
                f"'{deal.name}' has contracts in {', '.join(sorted(currencies))}: invoice each one."
            )
        amount, currency = sum((c.amount for c in contracts), Decimal("0.00")), currencies.pop()
    elif deal.amount is None:
        raise Conflict(f"'{deal.name}' has no amount to invoice.")
    else:
        amount, currency = deal.amount, deal.currency
    return Billed(deal.account_id, deal.id, None, amount, currency)


def issue_invoice(session: Session, actor: User, data: dict[str, Any]) -> Invoice:
    """A draft invoice for a contract or a sold deal, with the year's next number (gap-free)."""
    errors = FieldErrors()
    given = [f for f in ("contract_id", "opportunity_id") if data.get(f) is not None]
    if len(given) != 1:
        message = "give either contract_id or opportunity_id" if given else "give a contract or a sold deal"
        for field in ("contract_id", "opportunity_id"):
            errors.add(field, message)
    issued = today_for(actor)
    due = read_day(errors, data.get("due_date"), "due_date")
    if due is not None and due < issued:
        errors.add("due_date", "must not be before the issue date (today)")
    errors.raise_if_any()
    require(session, actor, "invoices", "add")
    if given == ["contract_id"]:
        billed = _from_contract(session, actor, data["contract_id"])
    else:
        billed = _from_deal(session, actor, data["opportunity_id"])
    if due is None:
        due = default_due_date(issued, current_settings(session)["invoice_payment_days"])
    sequence = next_sequence(session, issued.year)
    invoice = Invoice(
        number=invoice_number(issued.year, sequence),
        year=issued.year,
        sequence=sequence,
        account_id=billed.account_id,
        opportunity_id=billed.opportunity_id,
        contract_id=billed.contract_id,
        issue_date=issued,
        due_date=due,
        amount=billed.amount,
        currency=billed.currency,
        status=DRAFT,
        created_by_id=actor.id,
    )
    insert_record(session, ENTITY, invoice, actor)
    touch(session, TOPIC, invoice.id)
    return invoice


def update_invoice(session: Session, actor: User, invoice_id: Any, data: dict[str, Any]) -> Invoice:
    """Move an invoice a step (draft → sent → paid, paid → sent) and/or change its due date."""
    invoice = get_invoice(session, actor, invoice_id)
    change = check_change(invoice.status, invoice.issue_date, data)
    require(session, actor, "invoices", "edit")
    values: dict[str, Any] = {}
    if change.due_date is not None:
        values["due_date"] = change.due_date
    if change.status is not None and change.status != invoice.status:
        values["status"] = change.status
        today = today_for(actor)
        if change.status == SENT and invoice.sent_on is None:
            values["sent_on"] = today
        values["paid_on"] = today if change.status == PAID else None
    update_record(session, ENTITY, invoice, values, actor)
    touch(session, TOPIC, invoice.id)
    return invoice
