"""A deal's quotes: create, edit, activate, duplicate, change currency, delete — each through the deal."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from typing import Any

from sqlalchemy import delete, func, insert, select
from sqlmodel import Session

from rxcrm.db.models import Opportunity, PriceBook, Quote, QuoteItem, User
from rxcrm.domain.commerce.contracts import check_unlocked
from rxcrm.domain.commerce.money import currency_in
from rxcrm.domain.commerce.quotes import check_deletable, check_validity, copy_name, starts_active
from rxcrm.domain.errors import NotFound, ValidationFailed
from rxcrm.domain.records.history import FieldChange
from rxcrm.domain.records.validation import FieldErrors, clean_texts, read_day, record_id
from rxcrm.services.commerce.quote_totals import (
    StoredLine,
    converter,
    follow_active_quote,
    line_of,
    price_lines,
    save_totals,
)
from rxcrm.services.people.field_visibility import require_visible
from rxcrm.services.people.permissions import require
from rxcrm.services.pipeline.opportunities import get_opportunity
from rxcrm.services.records.changes import delete_record, insert_record, update_record
from rxcrm.services.records.events import ChangeEvent, publish

ENTITY = "quote"
TEXTS = {"name": 200, "brand": 100, "product_version": 50}
COPIED = ("name", "currency", "brand", "price_book_id", "product_version", "valid_from", "valid_until")
COPIED_ITEM = tuple(c.name for c in QuoteItem.__table__.columns if c.name not in ("id", "quote_id"))


def quoted_deal(session: Session, actor: User, opportunity_id: Any) -> Opportunity:
    """A deal whose quotes the user may see: a visible deal (else 'not found') whose amount is not
    hidden from the user (the active quote's total is the deal amount: else 'forbidden')."""
    deal = get_opportunity(session, actor, opportunity_id)
    require_visible(session, actor, "opportunity", ("amount",), "A quote")
    return deal


def quote_and_deal(session: Session, actor: User, quote_id: Any) -> tuple[Quote, Opportunity]:
    """A quote and its deal, when the user may see the deal (else the quote is 'not found')."""
    number = record_id(quote_id)
    quote = session.get(Quote, number) if number is not None else None
    if quote is None:
        raise NotFound(f"quote {quote_id} not found")
    try:
        deal = get_opportunity(session, actor, quote.opportunity_id)
    except NotFound:
        raise NotFound(f"quote {quote_id} not found") from None
    require_visible(session, actor, "opportunity", ("amount",), "A quote")
    return quote, deal


def check_quotes_writable(session: Session, actor: User, deal: Opportunity) -> None:
    """Quote writes need the right to edit deals and a deal that is not sold and locked."""
    require(session, actor, "opportunities", "edit")
    check_unlocked(deal.locked, "change its quotes")


def writable_quote(session: Session, actor: User, quote_id: Any) -> tuple[Quote, Opportunity]:
    """A quote the user may change, with its deal."""
    quote, deal = quote_and_deal(session, actor, quote_id)
    check_quotes_writable(session, actor, deal)
    return quote, deal


def _clean(session: Session, data: dict[str, Any], creating: bool) -> dict[str, Any]:
    errors = FieldErrors()
    values = clean_texts(errors, data, TEXTS)
    if (creating or "name" in data) and not values.get("name"):
        errors.add("name", "is required")
    if data.get("currency") is not None:
        try:
            values["currency"] = currency_in(data["currency"])
        except ValueError as exc:
            errors.add("currency", str(exc))
    if "price_book_id" in data:
        book = record_id(data["price_book_id"]) if data["price_book_id"] is not None else None
        if data["price_book_id"] is not None and (book is None or session.get(PriceBook, book) is None):
            errors.add("price_book_id", "no such price book")
        values["price_book_id"] = book
    for field in ("valid_from", "valid_until"):
        if field in data:
            values[field] = read_day(errors, data[field], field)
    errors.raise_if_any()
    return values


def _tell_deal(session: Session, actor: User, deal: Opportunity, old: str | None, new: str | None) -> None:
    """A quote added or removed is a change of the deal: its history and its followers hear of it."""
    publish(
        session, ChangeEvent("opportunity", deal.id, "update", (FieldChange("quote", old, new),), actor.id)
    )


def create_quote(session: Session, actor: User, data: dict[str, Any]) -> Quote:
    """A new quote on a deal: its first quote is active (the deal amount follows it), later ones not."""
    deal_id = record_id(data.get("opportunity_id"))
    if deal_id is None:
        raise ValidationFailed.from_fields({"opportunity_id": "is required"})
    deal = quoted_deal(session, actor, deal_id)
    check_quotes_writable(session, actor, deal)
    values = _clean(session, data, creating=True)
    values.setdefault("currency", deal.currency)
    check_validity(values.get("valid_from"), values.get("valid_until"))
    count = session.execute(select(func.count()).where(Quote.opportunity_id == deal.id)).scalar_one()
    quote = Quote(**values, opportunity_id=deal.id, active=starts_active(count), created_by_id=actor.id)
    insert_record(session, ENTITY, quote, actor)
    _tell_deal(session, actor, deal, None, quote.name)
    follow_active_quote(session, actor, deal, quote)
    return quote


def update_quote(session: Session, actor: User, quote_id: Any, data: dict[str, Any]) -> Quote:
    """Change a quote's name, brand, product version, price book or validity."""
    quote, _deal = writable_quote(session, actor, quote_id)
    values = _clean(session, {k: v for k, v in data.items() if k != "currency"}, creating=False)
    check_validity(values.get("valid_from", quote.valid_from), values.get("valid_until", quote.valid_until))
    update_record(session, ENTITY, quote, values, actor)
    return quote


def activate_quote(session: Session, actor: User, quote_id: Any) -> Quote:
    """Make a quote the deal's only active one: the deal amount and currency become its own."""
    quote, deal = writable_quote(session, actor, quote_id)
    others = select(Quote).where(
        Quote.opportunity_id == deal.id, Quote.active.is_(True), Quote.id != quote.id
    )
    for other in session.execute(others).scalars():
        update_record(session, ENTITY, other, {"active": False}, actor)
    update_record(session, ENTITY, quote, {"active": True}, actor)
    follow_active_quote(session, actor, deal, quote)
    return quote


def duplicate_quote(session: Session, actor: User, quote_id: Any) -> Quote:
    """An inactive copy of a quote, 'Copy of …', with copies of its items."""
    quote, deal = writable_quote(session, actor, quote_id)
    values = {f: getattr(quote, f) for f in COPIED} | {"name": copy_name(quote.name)}
    sums = {f: getattr(quote, f) for f in ("subtotal", "discount_total", "total")}
    copy = Quote(**values, **sums, opportunity_id=deal.id, active=False, created_by_id=actor.id)
    insert_record(session, ENTITY, copy, actor)
    rows = session.execute(select(QuoteItem.__table__).where(QuoteItem.quote_id == quote.id)).mappings()
    items = [{c: row[c] for c in COPIED_ITEM} | {"quote_id": copy.id} for row in rows]
    if items:
        session.execute(insert(QuoteItem.__table__), items)
    _tell_deal(session, actor, deal, None, copy.name)
    return copy


def change_currency(session: Session, actor: User, quote_id: Any, currency: Any) -> Quote:
    """Convert every price of a quote (and its rounding target) into another currency."""
    quote, deal = writable_quote(session, actor, quote_id)
    try:
        code = currency_in(currency)
    except ValueError as exc:
        raise ValidationFailed.from_fields({"currency": str(exc)}) from exc
    to = converter(session, quote.currency, code, "currency")
    items = list(session.execute(select(QuoteItem).where(QuoteItem.quote_id == quote.id)).scalars())
    lines = [_converted(item, to) for item in items]
    totals = price_lines(lines, "currency")
    for item, stored, total in zip(items, lines, totals.line_totals, strict=True):
        item.unit_price, item.discount_amount = stored.line.unit_price, stored.line.discount_amount
        item.target_total, item.total = stored.line.target_total, total
    update_record(session, ENTITY, quote, {"currency": code}, actor)
    save_totals(session, actor, quote, deal, [], totals)
    return quote


def _converted(item: QuoteItem, to: Callable[[Decimal], Decimal]) -> StoredLine:
    line = line_of(item)
    optional = lambda amount: None if amount is None else to(amount)  # noqa: E731
    return StoredLine(
        None,
        replace(
            line,
            unit_price=to(line.unit_price),
            discount_amount=optional(line.discount_amount),
            target_total=optional(line.target_total),
        ),
    )


def delete_quote(session: Session, actor: User, quote_id: Any) -> None:
    """Delete an inactive quote and its items (the active one is the deal amount: conflict)."""
    quote, deal = writable_quote(session, actor, quote_id)
    check_deletable(quote.active)
    session.execute(delete(QuoteItem.__table__).where(QuoteItem.quote_id == quote.id))
    name = quote.name
    delete_record(session, ENTITY, quote, actor)
    _tell_deal(session, actor, deal, name, None)
