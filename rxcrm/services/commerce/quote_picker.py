"""What a quote editor picks from besides products (typed into the record lookup): bundles and price books."""

from __future__ import annotations

from typing import Any

from sqlalchemy import case, select
from sqlmodel import Session

from rxcrm.db.models import Bundle, PriceBook, User
from rxcrm.domain.commerce.money import money_text
from rxcrm.domain.records.validation import record_id
from rxcrm.services.people.permissions import require


def book_first(book_id: int | None) -> Any:
    """An ORDER BY term putting the rows of the quote's own price book first."""
    return case((PriceBook.id == book_id, 0), else_=1) if book_id is not None else PriceBook.id.is_(None)


def bundle_options(session: Session, actor: User, price_book_id: Any = None) -> list[dict[str, str]]:
    """Active bundles of active price books (the quote's book first), at most 50."""
    require(session, actor, "price_books", "view")
    book_id = record_id(price_book_id) if price_book_id not in (None, "") else None
    statement = (
        select(Bundle, PriceBook)
        .join(PriceBook, PriceBook.id == Bundle.price_book_id)
        .where(Bundle.active.is_(True), PriceBook.active.is_(True))
        .order_by(book_first(book_id), Bundle.name, Bundle.id)
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
