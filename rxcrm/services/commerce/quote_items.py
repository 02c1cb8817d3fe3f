"""A quote's lines: from a price-book entry, a bundle, free text, or the rounding item; change, remove.

Every change prices all lines again (domain pricing) before anything is written: bad input writes
nothing, and the active quote's total stays the deal amount.
"""

from __future__ import annotations

from dataclasses import asdict
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from rxcrm.db.models import Bundle, BundleItem, PriceBookEntry, Product, Quote, QuoteItem, User
from rxcrm.domain.commerce.pricing import Line, bundle_shares
from rxcrm.domain.commerce.quotes import ROUNDING_NAME, check_no_rounding_yet, read_line, rounding_line
from rxcrm.domain.errors import NotFound, ValidationFailed
from rxcrm.domain.records.validation import FieldErrors, clean_texts, record_id
from rxcrm.services.commerce.catalogue import CATALOGUE
from rxcrm.services.commerce.quote_totals import (
    StoredLine,
    converter,
    line_of,
    next_position,
    price_lines,
    save_totals,
    stored_lines,
)
from rxcrm.services.commerce.quotes import writable_quote
from rxcrm.services.people.permissions import require

NUMBERS = ("quantity", "unit_price", "discount_percent", "discount_amount", "target_total")
DISCOUNTS = ("quantity", "discount_percent", "discount_amount")
TEXTS = {"name": 200, "description": 2000, "unit": 30}


def _numbers(data: dict[str, Any], allowed: tuple[str, ...]) -> dict[str, Any]:
    return {k: data[k] for k in allowed if k in data}


def _texts(data: dict[str, Any], name_required: bool) -> dict[str, Any]:
    errors = FieldErrors()
    values = clean_texts(errors, data, TEXTS)
    if (name_required or "name" in data) and not values.get("name"):
        errors.add("name", "is required")
    errors.raise_if_any()
    return values


def entry_price(session: Session, actor: User, quote: Quote, entry_id: Any) -> tuple[PriceBookEntry, Decimal]:
    """A price-book entry and its price in the quote's currency (422 naming entry_id without a rate).

    Catalogue prices are for roles that may view price books; others add free items only.
    """
    require(session, actor, CATALOGUE, "view")
    number = record_id(entry_id)
    entry = session.get(PriceBookEntry, number) if number is not None else None
    if entry is None:
        raise ValidationFailed.from_fields({"entry_id": "no such price-book entry"})
    return entry, converter(session, entry.currency, quote.currency, "entry_id")(entry.price)


def _entry_items(session: Session, actor: User, quote: Quote, data: dict[str, Any]) -> list[QuoteItem]:
    entry, price = entry_price(session, actor, quote, data.get("entry_id"))
    product = session.get(Product, entry.product_id)
    line = read_line(_numbers(data, DISCOUNTS), Line(unit_price=price))
    texts = _texts(data, name_required=False)
    return [
        _item(
            line,
            entry_id=entry.id,
            product_id=product.id,
            name=texts.get("name") or product.name,
            description=texts.get("description") or product.description,
            unit=entry.unit,
        )
    ]


def _bundle_items(session: Session, actor: User, quote: Quote, data: dict[str, Any]) -> list[QuoteItem]:
    require(session, actor, CATALOGUE, "view")
    number = record_id(data.get("bundle_id"))
    bundle = session.get(Bundle, number) if number is not None else None
    if bundle is None:
        raise ValidationFailed.from_fields({"bundle_id": "no such bundle"})
    rows = session.execute(
        select(BundleItem.weight, PriceBookEntry, Product)
        .join(PriceBookEntry, PriceBookEntry.id == BundleItem.entry_id)
        .join(Product, Product.id == PriceBookEntry.product_id)
        .where(BundleItem.bundle_id == bundle.id)
        .order_by(BundleItem.position, BundleItem.id)
    ).all()
    if not rows:
        raise ValidationFailed.from_fields({"bundle_id": "this bundle has no items yet"})
    quantity = read_line(_numbers(data, ("quantity",))).quantity
    price = converter(session, bundle.currency, quote.currency, "bundle_id")(bundle.price)
    shares = bundle_shares(price, [weight for weight, _, _ in rows])
    return [
        _item(
            Line(quantity=quantity, unit_price=share),
            entry_id=entry.id,
            product_id=product.id,
            bundle_id=bundle.id,
            name=product.name,
            description=bundle.name,
            unit=entry.unit,
        )
        for (_, entry, product), share in zip(rows, shares, strict=True)
    ]


def _free_item(data: dict[str, Any]) -> list[QuoteItem]:
    if "unit_price" not in data:
        raise ValidationFailed.from_fields({"unit_price": "is required"})
    line = read_line(_numbers(data, ("quantity", "unit_price", "discount_percent", "discount_amount")))
    return [_item(line, **_texts(data, name_required=True))]


def _rounding_item(data: dict[str, Any], lines: list[StoredLine]) -> list[QuoteItem]:
    check_no_rounding_yet(any(s.line.is_rounding for s in lines))
    line = read_line({"target_total": data.get("target_total")}, rounding_line(None))
    texts = _texts(data, name_required=False)
    return [_item(line, name=texts.get("name") or ROUNDING_NAME, description=texts.get("description"))]


def _item(line: Line, **fields: Any) -> QuoteItem:
    # a Line's fields are the QuoteItem columns of the same names
    return QuoteItem(**asdict(line), **fields)


def _new_items(
    session: Session, actor: User, quote: Quote, data: dict[str, Any], lines: list[StoredLine]
) -> list[QuoteItem]:
    if data.get("is_rounding"):
        return _rounding_item(data, lines)
    if data.get("bundle_id") is not None and data.get("entry_id") is not None:
        raise ValidationFailed.from_fields({"bundle_id": "add either a price-book entry or a bundle"})
    if data.get("bundle_id") is not None:
        return _bundle_items(session, actor, quote, data)
    if data.get("entry_id") is not None:
        return _entry_items(session, actor, quote, data)
    return _free_item(data)


def add_item(session: Session, actor: User, quote_id: Any, data: dict[str, Any]) -> Quote:
    """Add an entry, a bundle (one line per bundle item), a free item or the rounding item."""
    quote, deal = writable_quote(session, actor, quote_id)
    lines = stored_lines(session, quote.id)
    items = _new_items(session, actor, quote, data, lines)
    totals = price_lines([*lines, *(StoredLine(None, line_of(i)) for i in items)])
    position = next_position(session, quote.id)
    for k, item in enumerate(items):
        item.quote_id, item.position, item.total = quote.id, position + k, totals.line_totals[len(lines) + k]
    session.add_all(items)
    save_totals(session, actor, quote, deal, lines, totals)
    return quote


def _quote_item(session: Session, quote: Quote, item_id: Any) -> QuoteItem:
    number = record_id(item_id)
    item = session.get(QuoteItem, number) if number is not None else None
    if item is None or item.quote_id != quote.id:
        raise NotFound(f"quote item {item_id} not found")
    return item


def _changed_line(item: QuoteItem, data: dict[str, Any]) -> Line:
    wrong = [f for f in NUMBERS[:4] if f in data]
    if item.is_rounding and wrong:
        field = wrong[0]
        raise ValidationFailed.from_fields({field: "a rounding item only takes a target total"})
    if not item.is_rounding and "target_total" in data:
        raise ValidationFailed.from_fields({"target_total": "only the rounding item has a target total"})
    return read_line(_numbers(data, NUMBERS), line_of(item))


def update_item(session: Session, actor: User, quote_id: Any, item_id: Any, data: dict[str, Any]) -> Quote:
    """Change a line's quantity, price, discount or texts (the rounding item: its target total)."""
    quote, deal = writable_quote(session, actor, quote_id)
    item = _quote_item(session, quote, item_id)
    line = _changed_line(item, data)
    texts = _texts(data, name_required=False)
    lines = stored_lines(session, quote.id)
    index = next(i for i, s in enumerate(lines) if s.id == item.id)
    lines[index] = StoredLine(item.id, line)
    field = next((f for f in NUMBERS if f in data), "quantity")
    totals = price_lines(lines, field)
    values = {f: getattr(line, f) for f in NUMBERS} | texts
    for key, value in values.items():
        setattr(item, key, value)
    item.total = totals.line_totals[index]
    lines[index] = StoredLine(item.id, line, item.total)
    session.add(item)
    save_totals(session, actor, quote, deal, lines, totals)
    return quote


def delete_item(session: Session, actor: User, quote_id: Any, item_id: Any) -> Quote:
    """Remove a line; the other lines (and the rounding item) are priced again."""
    quote, deal = writable_quote(session, actor, quote_id)
    item = _quote_item(session, quote, item_id)
    lines = [s for s in stored_lines(session, quote.id) if s.id != item.id]
    totals = price_lines(lines)
    session.delete(item)
    save_totals(session, actor, quote, deal, lines, totals)
    return quote
