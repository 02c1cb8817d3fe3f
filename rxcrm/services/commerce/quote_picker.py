"""What a quote editor picks from: price-book entries found by product name or code, and bundles."""

from __future__ import annotations

from typing import Any

from sqlalchemy import case, or_, select
from sqlmodel import Session

from rxcrm.db.models import Bundle, PriceBook, PriceBookEntry, Product, User
from rxcrm.domain.commerce.money import money_text
from rxcrm.domain.validation import record_id
from rxcrm.services.listing import search_clause
from rxcrm.services.permissions import require

PICKER_ROWS = 20


def _book_first(book_id: int | None) -> Any:
    return case((PriceBook.id == book_id, 0), else_=1) if book_id is not None else PriceBook.id.is_(None)


def search_entries(
    session: Session, actor: User, q: str | None, price_book_id: Any = None, only_book: bool = False
) -> list[dict[str, str]]:
    """Active entries of active products in active price books matching a product name or code.

    The quote's own price book comes first (or alone with `only_book`); at most 20 rows.
    """
    require(session, actor, "price_books", "view")
    book_id = record_id(price_book_id) if price_book_id not in (None, "") else None
    statement = (
        select(PriceBookEntry, Product, PriceBook)
        .join(Product, Product.id == PriceBookEntry.product_id)
        .join(PriceBook, PriceBook.id == PriceBookEntry.price_book_id)
        .where(Product.active.is_(True), PriceBook.active.is_(True))
    )
    name, code = search_clause(q, Product.name), search_clause(q, Product.code)
    if name is not None:
        statement = statement.where(or_(name, code))
    if only_book and book_id is not None:
        statement = statement.where(PriceBook.id == book_id)
    statement = statement.order_by(_book_first(book_id), Product.name, PriceBookEntry.unit, PriceBookEntry.id)
    return [_entry_option(e, p, b) for e, p, b in session.execute(statement.limit(PICKER_ROWS)).all()]


def _entry_option(entry: PriceBookEntry, product: Product, book: PriceBook) -> dict[str, str]:
    return {
        "entry_id": str(entry.id),
        "product": product.name,
        "code": product.code,
        "unit": entry.unit,
        "price": money_text(entry.price),
        "currency": entry.currency,
        "book": book.name,
        "book_id": str(book.id),
    }


def bundle_options(session: Session, actor: User, price_book_id: Any = None) -> list[dict[str, str]]:
    """Active bundles of active price books (the quote's book first), at most 50."""
    require(session, actor, "price_books", "view")
    book_id = record_id(price_book_id) if price_book_id not in (None, "") else None
    statement = (
        select(Bundle, PriceBook)
        .join(PriceBook, PriceBook.id == Bundle.price_book_id)
        .where(Bundle.active.is_(True), PriceBook.active.is_(True))
        .order_by(_book_first(book_id), Bundle.name, Bundle.id)
        .limit(50)
    )
    return [
        {
            "id": str(b.id),
            "name": b.name,
            "code": b.code or "",
            "price": money_text(b.price),
            "currency": b.currency,
            "book": book.name,
        }
        for b, book in session.execute(statement).all()
    ]


def price_book_options(session: Session, actor: User) -> list[dict[str, str]]:
    """Active price books to choose a quote's book from."""
    require(session, actor, "price_books", "view")
    books = session.execute(
        select(PriceBook.id, PriceBook.name).where(PriceBook.active.is_(True)).order_by(PriceBook.name)
    ).all()
    return [{"value": str(i), "label": n} for i, n in books]
