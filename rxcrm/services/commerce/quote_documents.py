"""Generating a quote's Word document and keeping it as an attachment of the opportunity."""

from __future__ import annotations

import re
from typing import Any

from sqlmodel import Session, select

from rxcrm.db.models import Account, Attachment, Contact, Opportunity, Quote, QuoteItem, QuoteTemplate, User
from rxcrm.documents.quote_document import (
    AccountBlock,
    ContactBlock,
    ItemLine,
    OpportunityBlock,
    OwnerBlock,
    QuoteBlock,
    QuoteDocument,
    amount_text,
    day_text,
    discount_text,
    quantity_text,
)
from rxcrm.documents.quote_render import DOCX_TYPE, printable, render_quote
from rxcrm.domain.accounts.contacts import contact_display_name
from rxcrm.domain.people.time_zones import local_moment
from rxcrm.domain.records.history import FieldChange
from rxcrm.services.commerce.file_store import write_in_unit
from rxcrm.services.commerce.quote_templates import template_bytes, template_for_quote, templates_for_book
from rxcrm.services.commerce.quotes import quote_and_deal
from rxcrm.services.people.field_visibility import hidden_fields
from rxcrm.services.people.time_zones import today_for
from rxcrm.services.records.events import ChangeEvent, publish

HISTORY_FIELD = "quote_document"
UNSAFE_IN_NAME = re.compile(r'[<>:"/\\|?*]+')


def _shown(record: Any, field: str, hidden: set[str]) -> str:
    """A field's value as text, or nothing when the user may not see it."""
    value = getattr(record, field, None) if record is not None else None
    return "" if value is None or field in hidden else str(value)


def _account_block(session: Session, actor: User, account: Account | None) -> AccountBlock:
    hidden = hidden_fields(session, actor, "account")
    zip_code, city = _shown(account, "zip", hidden), _shown(account, "city", hidden)
    return AccountBlock(
        name=_shown(account, "name", set()),
        street=_shown(account, "street", hidden),
        zip=zip_code,
        city=city,
        zip_city=" ".join(p for p in (zip_code, city) if p),
        country=_shown(account, "country", hidden),
        vat_no=_shown(account, "vat_no", hidden),
    )


def _contact_block(session: Session, actor: User, contact: Contact | None) -> ContactBlock:
    if contact is None:
        return ContactBlock()
    hidden = hidden_fields(session, actor, "contact")
    name = contact_display_name(contact.first_name, contact.last_name)
    return ContactBlock(
        name=name, email=_shown(contact, "email", hidden), phone=_shown(contact, "phone", hidden)
    )


def _item_line(item: QuoteItem, number: int) -> ItemLine:
    if item.is_rounding:
        return ItemLine(name="Rounding", description=item.description or "", total=amount_text(item.total))
    return ItemLine(
        position=str(number),
        name=item.name,
        description=item.description or "",
        quantity=quantity_text(item.quantity),
        unit=item.unit or "",
        unit_price=amount_text(item.unit_price),
        discount=discount_text(item.discount_percent, item.discount_amount),
        total=amount_text(item.total),
    )


def _item_lines(session: Session, quote: Quote) -> tuple[ItemLine, ...]:
    """The quote's items in order, numbered; the rounding item last, as a 'Rounding' line."""
    items = session.exec(
        select(QuoteItem).where(QuoteItem.quote_id == quote.id).order_by(QuoteItem.position, QuoteItem.id)
    ).all()
    ordered = [i for i in items if not i.is_rounding] + [i for i in items if i.is_rounding]
    return tuple(_item_line(item, number) for number, item in enumerate(ordered, start=1))


def quote_view(session: Session, actor: User, quote: Quote, deal: Opportunity) -> QuoteDocument:
    """The view model of a quote document, from the quote, its deal, account, contact and owner."""
    account = session.get(Account, deal.account_id) if deal.account_id else None
    contact = session.get(Contact, deal.contact_id) if deal.contact_id else None
    owner = session.get(User, deal.owner_id)
    deal_hidden = hidden_fields(session, actor, "opportunity")
    return QuoteDocument(
        account=_account_block(session, actor, account),
        contact=_contact_block(session, actor, contact),
        opportunity=OpportunityBlock(
            name=deal.name, close_date="" if "close_date" in deal_hidden else day_text(deal.close_date)
        ),
        owner=OwnerBlock(name=owner.name if owner else "", email=owner.email if owner else ""),
        quote=QuoteBlock(
            name=quote.name,
            number=f"Q-{quote.id:05d}",
            currency=quote.currency,
            brand=quote.brand or "",
            valid_from=day_text(quote.valid_from),
            valid_until=day_text(quote.valid_until),
            created=day_text(
                local_moment(quote.created_at, actor.time_zone).date() if quote.created_at else None
            ),
        ),
        items=_item_lines(session, quote),
        subtotal=amount_text(quote.subtotal),
        discount_total=amount_text(quote.discount_total),
        total=amount_text(quote.total),
        today=day_text(today_for(actor)),
    )


def document_templates(session: Session, actor: User, quote_id: int) -> list[QuoteTemplate]:
    """The templates a quote the user may see can be printed with (the default first)."""
    quote, _ = quote_and_deal(session, actor, quote_id)
    return templates_for_book(session, quote.price_book_id)


def document_filename(quote_name: str, day: str) -> str:
    """'<quote name> <YYYY-MM-DD>.docx', without characters file systems refuse."""
    stem = UNSAFE_IN_NAME.sub(" ", printable(quote_name).replace("\n", " "))
    stem = " ".join(stem.split()).strip(". ")[:150] or "Quote"
    return f"{stem} {day}.docx"


def generate_quote_document(
    session: Session, actor: User, quote_id: int, template_id: int | None = None
) -> Attachment:
    """Fill the quote's template, store the .docx as an attachment of the deal and note it in history.

    Allowed on a sold (locked) deal too: the document only prints the quote. Refused to a user the
    deal amount is hidden from (the quote's total is the deal amount).
    """
    quote, deal = quote_and_deal(session, actor, quote_id)
    template = template_for_quote(session, quote.price_book_id, template_id)
    data = render_quote(template_bytes(template.storage_key), quote_view(session, actor, quote, deal))
    attachment = Attachment(
        entity="opportunity",
        entity_id=deal.id,
        filename=document_filename(quote.name, today_for(actor).isoformat()),
        content_type=DOCX_TYPE,
        size=len(data),
        storage_key=write_in_unit(session, data, ".docx"),
        quote_id=quote.id,
        created_by_id=actor.id,
    )
    session.add(attachment)
    session.flush()
    change = FieldChange(HISTORY_FIELD, None, attachment.filename)
    publish(session, ChangeEvent("opportunity", deal.id, "update", (change,), actor.id))
    return attachment
