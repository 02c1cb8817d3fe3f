"""What the quotes tab and the API show of a quote: rows of text, pages of items, live previews."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, select

from rxcrm.db.models import PriceBook, Quote, QuoteItem, User
from rxcrm.domain.commerce.money import decimal_text, money_text
from rxcrm.domain.commerce.pricing import Line, QuoteTotals
from rxcrm.domain.commerce.quotes import read_line
from rxcrm.domain.errors import DomainError
from rxcrm.services.commerce.quote_items import entry_price
from rxcrm.services.commerce.quote_totals import StoredLine, price_lines, stored_lines
from rxcrm.services.commerce.quotes import quote_and_deal, quoted_deal
from rxcrm.services.records.display_text import text
from rxcrm.services.records.listing import FIRST_PAGE, ListWindow, Page

ITEM_PAGE = 50
PREVIEWED = ("quantity", "unit_price", "discount_percent", "discount_amount", "target_total")


def item_out(item: QuoteItem) -> dict[str, Any]:
    """A quote item in the contract's shape (money and quantities as decimal strings)."""
    return {
        "id": item.id,
        "entry_id": item.entry_id,
        "product_id": item.product_id,
        "bundle_id": item.bundle_id,
        "name": item.name,
        "description": item.description,
        "quantity": decimal_text(item.quantity),
        "unit": item.unit,
        "unit_price": money_text(item.unit_price),
        "discount_percent": decimal_text(item.discount_percent),
        "discount_amount": money_text(item.discount_amount),
        "total": money_text(item.total),
        "is_rounding": item.is_rounding,
        "target_total": money_text(item.target_total),
    }


def quote_out(quote: Quote, items: list[QuoteItem]) -> dict[str, Any]:
    """A quote in the contract's shape, with the items given."""
    return {
        "id": quote.id,
        "opportunity_id": quote.opportunity_id,
        "name": quote.name,
        "currency": quote.currency,
        "brand": quote.brand,
        "price_book_id": quote.price_book_id,
        "product_version": quote.product_version,
        "valid_from": quote.valid_from,
        "valid_until": quote.valid_until,
        "active": quote.active,
        "items": [item_out(i) for i in items],
        "subtotal": money_text(quote.subtotal),
        "discount_total": money_text(quote.discount_total),
        "total": money_text(quote.total),
    }


def items_of(session: Session, quote_id: int, limit: int | None = None, offset: int = 0) -> list[QuoteItem]:
    """A quote's items in their order (one page of them when `limit` is given), freshly read."""
    statement = (
        select(QuoteItem)
        .where(QuoteItem.quote_id == quote_id)
        .order_by(QuoteItem.position, QuoteItem.id)
        .offset(offset)
        .limit(limit)
        .execution_options(populate_existing=True)
    )
    return list(session.execute(statement).scalars())


def get_quote(session: Session, actor: User, quote_id: Any) -> dict[str, Any]:
    """One quote the user may see (through its deal) with all its items."""
    quote, _deal = quote_and_deal(session, actor, quote_id)
    return quote_out(quote, items_of(session, quote.id))


def quotes_of_deal(
    session: Session, actor: User, opportunity_id: Any, window: ListWindow = FIRST_PAGE
) -> Page:
    """One page of a deal's quotes with their items, oldest first (the API list)."""
    deal = quoted_deal(session, actor, opportunity_id)
    statement = select(Quote).where(Quote.opportunity_id == deal.id)
    page = window.fetch(session, statement, (Quote.id,))
    items: dict[int, list[QuoteItem]] = {q.id: [] for q in page.items}
    if items:
        statement = (
            select(QuoteItem)
            .where(QuoteItem.quote_id.in_(items))
            .order_by(QuoteItem.quote_id, QuoteItem.position, QuoteItem.id)
        )
        for item in session.execute(statement).scalars():
            items[item.quote_id].append(item)
    return replace(page, items=[quote_out(q, items[q.id]) for q in page.items])


def quote_rows(session: Session, actor: User, opportunity_id: Any) -> list[dict[str, str]]:
    """The quotes tab's list: name, totals, currency, active, validity, price book and item count."""
    deal = quoted_deal(session, actor, opportunity_id)
    counts = select(QuoteItem.quote_id, func.count().label("n")).group_by(QuoteItem.quote_id).subquery()
    statement = (
        select(Quote, PriceBook.name, counts.c.n)
        .outerjoin(PriceBook, PriceBook.id == Quote.price_book_id)
        .outerjoin(counts, counts.c.quote_id == Quote.id)
        .where(Quote.opportunity_id == deal.id)
        .order_by(Quote.id)
    )
    return [_quote_row(q, book, n or 0) for q, book, n in session.execute(statement).all()]


def _quote_row(quote: Quote, book: str | None, items: int) -> dict[str, str]:
    return {
        "id": str(quote.id),
        "name": quote.name,
        "currency": quote.currency,
        "subtotal": text(quote.subtotal),
        "discount_total": text(quote.discount_total),
        "total": text(quote.total),
        "active": "yes" if quote.active else "",
        "valid_from": quote.valid_from.isoformat() if quote.valid_from else "",
        "valid_until": quote.valid_until.isoformat() if quote.valid_until else "",
        "price_book": book or "",
        "price_book_id": str(quote.price_book_id or ""),
        "brand": quote.brand or "",
        "items": str(items),
    }


def item_rows(
    session: Session, actor: User, quote_id: Any, offset: int = 0
) -> tuple[list[dict[str, str]], int]:
    """One page of a quote's items as text rows, and how many items the quote has."""
    quote, _deal = quote_and_deal(session, actor, quote_id)
    count = session.execute(select(func.count()).where(QuoteItem.quote_id == quote.id)).scalar_one()
    page = items_of(session, quote.id, ITEM_PAGE, max(offset, 0))
    return [_item_row(i) for i in page], count


def _item_row(item: QuoteItem) -> dict[str, str]:
    row = {
        k: "" if v is None else ("yes" if v is True else "" if v is False else str(v))
        for k, v in item_out(item).items()
    }
    return {**row, "unit_price": text(item.unit_price), "total": text(item.total)}


@dataclass(frozen=True)
class Preview:
    """What a quote would total with a line changed as typed, or why the input is wrong."""

    subtotal: str
    discount_total: str
    total: str
    line_total: str
    error: str = ""


def preview_totals(
    session: Session, actor: User, quote_id: Any, item_id: int | None, data: dict[str, Any]
) -> Preview:
    """The quote's totals if one line (`item_id`, or a new line when None) had the numbers typed."""
    quote, _deal = quote_and_deal(session, actor, quote_id)
    lines = stored_lines(session, quote.id)
    index = next((i for i, s in enumerate(lines) if s.id == item_id), None)
    numbers = {k: v for k, v in data.items() if k in PREVIEWED}
    try:
        base = lines[index].line if index is not None else _new_line(session, actor, quote, data)
        line = read_line(numbers, base)
        if index is None:
            lines.append(StoredLine(None, line))
            index = len(lines) - 1
        else:
            lines[index] = StoredLine(item_id, line)
        totals = price_lines(lines)
    except DomainError as exc:
        return _shown(quote, None, exc.message)
    return _shown(quote, totals, "", totals.line_totals[index])


def _new_line(session: Session, actor: User, quote: Quote, data: dict[str, Any]) -> Line:
    if data.get("entry_id") is None:
        return Line()
    return Line(unit_price=entry_price(session, actor, quote, data["entry_id"])[1])


def _shown(quote: Quote, totals: QuoteTotals | None, error: str, line: Any = None) -> Preview:
    if totals is None:
        return Preview(text(quote.subtotal), text(quote.discount_total), text(quote.total), "", error)
    shown_line = text(line) if line is not None else ""
    return Preview(text(totals.subtotal), text(totals.discount_total), text(totals.total), shown_line, error)
