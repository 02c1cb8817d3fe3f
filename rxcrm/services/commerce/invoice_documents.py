"""An invoice's Word document from an invoice template, kept as a file of its deal (else account)."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from rxcrm.db.models import Account, Attachment, Contact, Contract, Invoice, Opportunity, QuoteTemplate, User
from rxcrm.documents.invoice_document import InvoiceBlock, InvoiceDocument
from rxcrm.documents.quote_document import OpportunityBlock, OwnerBlock, amount_text, day_text
from rxcrm.documents.quote_render import DOCX_TYPE, render_quote
from rxcrm.domain.commerce.invoices import STATUS_LABELS
from rxcrm.domain.records.history import FieldChange
from rxcrm.services.commerce.file_store import write_in_unit
from rxcrm.services.commerce.invoices import get_invoice, status_of
from rxcrm.services.commerce.quote_documents import _account_block, _contact_block, document_filename
from rxcrm.services.commerce.quote_templates import template_bytes, template_for_invoice, templates_of_kind
from rxcrm.services.people.field_visibility import hidden_fields, require_visible
from rxcrm.services.people.permissions import require
from rxcrm.services.people.time_zones import today_for
from rxcrm.services.records.events import ChangeEvent, publish

HISTORY_FIELD = "invoice_document"


def _billed(session: Session, invoice: Invoice, deal: Opportunity | None) -> str:
    contract = session.get(Contract, invoice.contract_id) if invoice.contract_id else None
    return contract.name if contract else (deal.name if deal else "")


def invoice_view(session: Session, actor: User, invoice: Invoice) -> InvoiceDocument:
    """The view model of an invoice document: the invoice, its account, deal, contact and owner."""
    deal = session.get(Opportunity, invoice.opportunity_id) if invoice.opportunity_id else None
    account = session.get(Account, invoice.account_id) if invoice.account_id else None
    contact = session.get(Contact, deal.contact_id) if deal and deal.contact_id else None
    owner_id = deal.owner_id if deal else (account.owner_id if account else None)
    owner = session.get(User, owner_id) if owner_id else None
    close_hidden = "close_date" in hidden_fields(session, actor, "opportunity")
    today = today_for(actor)
    return InvoiceDocument(
        account=_account_block(session, actor, account),
        contact=_contact_block(session, actor, contact),
        opportunity=OpportunityBlock(
            name=deal.name if deal else "",
            close_date="" if deal is None or close_hidden else day_text(deal.close_date),
        ),
        owner=OwnerBlock(name=owner.name if owner else "", email=owner.email if owner else ""),
        invoice=InvoiceBlock(
            number=invoice.number,
            issue_date=day_text(invoice.issue_date),
            due_date=day_text(invoice.due_date),
            amount=amount_text(invoice.amount),
            currency=invoice.currency,
            status=STATUS_LABELS[status_of(invoice, today)],
            billed=_billed(session, invoice, deal),
        ),
        today=day_text(today),
    )


def _holder(invoice: Invoice) -> tuple[str, Any]:
    """The record the document is filed on: the invoice's deal, else its account."""
    if invoice.opportunity_id is not None:
        return "opportunity", invoice.opportunity_id
    return "account", invoice.account_id


def invoice_templates(session: Session, actor: User) -> list[QuoteTemplate]:
    """The templates whoever may see invoices can print one with (the default first)."""
    require(session, actor, "invoices", "view")
    return templates_of_kind(session, "invoice")


def generate_invoice_document(
    session: Session, actor: User, invoice_id: Any, template_id: int | None = None
) -> Attachment:
    """Fill an invoice template, keep the .docx as a file of the deal (else account), note it in history.

    The template is the one asked for (an invoice template; a quote template is refused), else the
    newest uploaded invoice template, else the default. Whoever may see the invoice may print it (else
    'not found'); refused to a user the deal amount is hidden from (the invoice amount is the deal's).
    """
    invoice = get_invoice(session, actor, invoice_id)
    require_visible(session, actor, "opportunity", ("amount",), "An invoice document")
    template = template_for_invoice(session, template_id)
    view = invoice_view(session, actor, invoice)
    data = render_quote(template_bytes(template.storage_key), view)  # type: ignore[arg-type]
    entity, entity_id = _holder(invoice)
    attachment = Attachment(
        entity=entity,
        entity_id=entity_id,
        filename=document_filename(f"Invoice {invoice.number}", today_for(actor).isoformat()),
        content_type=DOCX_TYPE,
        size=len(data),
        storage_key=write_in_unit(session, data, ".docx"),
        created_by_id=actor.id,
    )
    session.add(attachment)
    session.flush()
    change = FieldChange(HISTORY_FIELD, None, attachment.filename)
    publish(session, ChangeEvent(entity, entity_id, "update", (change,), actor.id))
    return attachment
