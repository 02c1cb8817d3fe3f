"""What an e-mail template's tokens print: the view model of the record an e-mail is sent from.

The tokens are the quote document's. From a deal they print its account, owner and active quote
(when the user may see the amount); from an account, contact or lead what that record has. The
`contact` block is always the recipient (a lead written to at its own address: the lead).
"""

from __future__ import annotations

from dataclasses import replace

from sqlmodel import Session, select

from rxcrm.db.models import Account, Contact, Lead, Opportunity, Quote, Ticket, User
from rxcrm.documents.quote_document import (
    AccountBlock,
    ContactBlock,
    OpportunityBlock,
    OwnerBlock,
    QuoteBlock,
    QuoteDocument,
    day_text,
)
from rxcrm.domain.errors import ValidationFailed
from rxcrm.services.commerce.quote_documents import _account_block, _contact_block, quote_view
from rxcrm.services.people.access import get_visible
from rxcrm.services.people.field_visibility import hidden_fields
from rxcrm.services.people.time_zones import today_for

RECORDS: dict[str, type] = {
    "account": Account,
    "contact": Contact,
    "lead": Lead,
    "opportunity": Opportunity,
    "ticket": Ticket,
}


def visible_record(session: Session, actor: User, entity: str, entity_id: int) -> object:
    """The record an e-mail is sent from, if the user may see it (else 'not found')."""
    model = RECORDS.get(entity)
    if model is None:
        raise ValidationFailed.from_fields({"entity": f"must be one of {', '.join(RECORDS)}"})
    return get_visible(session, model, entity_id, actor, entity)


def _owner(session: Session, owner_id: int | None) -> OwnerBlock:
    owner = session.get(User, owner_id) if owner_id else None
    return OwnerBlock(name=owner.name, email=owner.email) if owner else OwnerBlock()


def _plain(session: Session, actor: User, account: AccountBlock, owner_id: int | None) -> QuoteDocument:
    return QuoteDocument(
        account=account,
        contact=_contact_block(session, actor, None),
        opportunity=OpportunityBlock(),
        owner=_owner(session, owner_id),
        quote=QuoteBlock(),
        items=(),
        subtotal="",
        discount_total="",
        total="",
        today=day_text(today_for(actor)),
    )


def _deal_view(session: Session, actor: User, deal: Opportunity) -> QuoteDocument:
    active = session.exec(
        select(Quote).where(Quote.opportunity_id == deal.id, Quote.active.is_(True))
    ).first()
    if active is not None and "amount" not in hidden_fields(session, actor, "opportunity"):
        return quote_view(session, actor, active, deal)
    account = session.get(Account, deal.account_id) if deal.account_id else None
    view = _plain(session, actor, _account_block(session, actor, account), deal.owner_id)
    deal_hidden = hidden_fields(session, actor, "opportunity")
    close = "" if "close_date" in deal_hidden else day_text(deal.close_date)
    return replace(view, opportunity=OpportunityBlock(name=deal.name, close_date=close))


def record_view(session: Session, actor: User, record: object, recipient: Contact | None) -> QuoteDocument:
    """The tokens' values for an e-mail from the record to the recipient."""
    if isinstance(record, Opportunity):
        view = _deal_view(session, actor, record)
    elif isinstance(record, Account):
        view = _plain(session, actor, _account_block(session, actor, record), record.owner_id)
    elif isinstance(record, Contact | Ticket):  # a ticket's assignee signs as its owner
        account = session.get(Account, record.account_id) if record.account_id else None
        owner_id = record.assignee_id if isinstance(record, Ticket) else record.owner_id
        view = _plain(session, actor, _account_block(session, actor, account), owner_id)
    else:
        assert isinstance(record, Lead)
        view = _plain(session, actor, AccountBlock(name=record.company or record.name or ""), record.owner_id)
        if recipient is None:  # written to the lead's own address: the lead is the contact
            return replace(view, contact=_lead_as_contact(record))
    return replace(view, contact=_contact_block(session, actor, recipient))


def _lead_as_contact(lead: Lead) -> ContactBlock:
    """The `contact` tokens of an e-mail to a lead itself."""
    return ContactBlock(name=lead.name or "", email=lead.email or "", phone=lead.phone or "")
