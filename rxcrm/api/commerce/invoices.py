"""REST: /invoices — bills for contracts and sold deals, numbered gap-free per year."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter

from rxcrm.api.commerce.contracts import SaleRecordFilters
from rxcrm.api.deps import DB, Actor, IdFilter, PageWindow
from rxcrm.api.records.files import attachment_url
from rxcrm.api.records.history import add_history_route
from rxcrm.api.records.list_filters import list_filter
from rxcrm.db.models import Invoice
from rxcrm.db.schemas.invoices import InvoiceCreate, InvoicePublic, InvoiceUpdate
from rxcrm.db.schemas.quotes import DocumentCreate, DocumentPublic
from rxcrm.db.schemas.shapes import Page
from rxcrm.domain.commerce.money import money_text
from rxcrm.services.commerce import invoices as service
from rxcrm.services.commerce.contracts import amount_hidden
from rxcrm.services.commerce.invoice_documents import generate_invoice_document
from rxcrm.services.people.time_zones import today_for

router = APIRouter(prefix="/invoices", tags=["invoices"])
STORED = ("id", "number", "account_id", "opportunity_id", "contract_id", "issue_date", "due_date")
STORED_MORE = ("currency", "sent_on", "paid_on", "created_at")


def invoice_public(invoice: Invoice, on: date, hide_amount: bool = False) -> InvoicePublic:
    """An invoice as the API shows it (the amount null for whom the deal amount is hidden)."""
    return InvoicePublic(
        **invoice.model_dump(include={*STORED, *STORED_MORE}),
        amount=None if hide_amount else money_text(invoice.amount),
        status=service.status_of(invoice, on),
    )


class InvoiceFilters(SaleRecordFilters):
    """The invoice list's filters, sent as query parameters."""

    contract_id: IdFilter = None
    status: Literal["draft", "sent", "paid", "overdue"] | None = None


Filtered = Annotated[service.InvoiceFilter, list_filter(InvoiceFilters, service.InvoiceFilter)]


@router.get("", response_model=Page[InvoicePublic])
def list_invoices(session: DB, actor: Actor, flt: Filtered, window: PageWindow) -> Page[InvoicePublic]:
    """Invoices the user may see, filtered and paginated (status as of the caller's today)."""
    page = service.list_invoices(session, actor, flt, window.page)
    hide, on = amount_hidden(session, actor), today_for(actor)
    items = [invoice_public(i, on, hide) for i in page.items]
    return Page[InvoicePublic](items=items, total=page.total, limit=page.limit, offset=page.offset)


@router.post("", status_code=201, response_model=InvoicePublic)
def issue_invoice(body: InvoiceCreate, session: DB, actor: Actor) -> InvoicePublic:
    """A draft invoice for a contract or a sold deal (409 when the deal is not sold)."""
    invoice = service.issue_invoice(session, actor, body.model_dump(exclude_unset=True))
    return invoice_public(invoice, today_for(actor), amount_hidden(session, actor))


@router.get("/{invoice_id}", response_model=InvoicePublic)
def read_invoice(invoice_id: int, session: DB, actor: Actor) -> InvoicePublic:
    """One invoice."""
    invoice = service.get_invoice(session, actor, invoice_id)
    return invoice_public(invoice, today_for(actor), amount_hidden(session, actor))


@router.patch("/{invoice_id}", response_model=InvoicePublic)
def update_invoice(invoice_id: int, body: InvoiceUpdate, session: DB, actor: Actor) -> InvoicePublic:
    """Move the invoice a step (draft → sent → paid) and/or change its due date."""
    invoice = service.update_invoice(session, actor, invoice_id, body.model_dump(exclude_unset=True))
    return invoice_public(invoice, today_for(actor), amount_hidden(session, actor))


@router.post("/{invoice_id}/document", status_code=201, response_model=DocumentPublic)
def generate_document(
    invoice_id: int, session: DB, actor: Actor, body: DocumentCreate | None = None
) -> DocumentPublic:
    """Fill an invoice template (`template_id`, else the newest, else the default); kept on the deal."""
    template_id = body.template_id if body else None
    attachment = generate_invoice_document(session, actor, invoice_id, template_id)
    return DocumentPublic(
        id=attachment.id,
        filename=attachment.filename,
        url=attachment_url(attachment),
        created_at=attachment.created_at,
    )


add_history_route(router, service.ENTITY, service.get_invoice)
