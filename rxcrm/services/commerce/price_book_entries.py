"""Price-book entries: a product's price per unit (user/month, piece, day…) in one price book."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, select

from rxcrm.db.models import PriceBookEntry, Product, User
from rxcrm.domain.commerce.catalogue_rules import check_entry
from rxcrm.domain.errors import Conflict, NotFound, ValidationFailed
from rxcrm.domain.records.validation import record_id
from rxcrm.services.commerce.catalogue import CATALOGUE, merged_values
from rxcrm.services.commerce.price_books import get_price_book
from rxcrm.services.people.permissions import require
from rxcrm.services.records.changes import delete_record, insert_record, update_record
from rxcrm.services.records.listing import FIRST_PAGE, ListWindow, Page, searched

ENTITY = "price_book_entry"
FIELDS = ("product_id", "unit", "price", "currency")


def list_entries(
    session: Session, actor: User, price_book_id: int, q: str | None = None, window: ListWindow = FIRST_PAGE
) -> Page:
    """One page of a price book's entries with their products, by product name and unit.

    Each item is a (PriceBookEntry, Product) pair; `q` searches the product's name and code.
    """
    book = get_price_book(session, actor, price_book_id)
    statement = (
        select(PriceBookEntry, Product)
        .join(Product, Product.id == PriceBookEntry.product_id)
        .where(PriceBookEntry.price_book_id == book.id)
    )
    statement = searched(statement, q, Product.name, Product.code)
    order = (Product.name.asc(), PriceBookEntry.unit.asc(), PriceBookEntry.id.asc())
    return window.fetch(session, statement, order)


def get_entry(session: Session, actor: User, price_book_id: int, entry_id: int) -> PriceBookEntry:
    """One entry of a price book, or NotFound."""
    book = get_price_book(session, actor, price_book_id)
    entry = session.get(PriceBookEntry, entry_id) if record_id(entry_id) else None
    if entry is None or entry.price_book_id != book.id:
        raise NotFound(f"entry {entry_id} not found in price book {price_book_id}")
    return entry


def _checked(session: Session, data: dict[str, Any], book_id: int, entry_id: int | None) -> dict[str, Any]:
    values = check_entry(data)
    product = session.get(Product, values["product_id"])
    if product is None:
        raise ValidationFailed.from_fields({"product_id": f"no product {values['product_id']}"})
    clash = session.exec(
        select(PriceBookEntry.id).where(
            PriceBookEntry.price_book_id == book_id,
            PriceBookEntry.product_id == product.id,
            PriceBookEntry.unit == values["unit"],
        )
    ).first()
    if clash is not None and clash != entry_id:
        raise Conflict(
            f"{product.name} already has a price per '{values['unit']}' in this price book.",
            {"unit": "is already priced for this product"},
        )
    return values


def add_entry(session: Session, actor: User, price_book_id: int, data: dict[str, Any]) -> PriceBookEntry:
    """Price a product per unit in a price book (a product may have several units)."""
    book = get_price_book(session, actor, price_book_id)
    require(session, actor, CATALOGUE, "add")
    entry = PriceBookEntry(price_book_id=book.id, **_checked(session, data, book.id, None))
    return insert_record(session, ENTITY, entry, actor)


def update_entry(
    session: Session, actor: User, price_book_id: int, entry_id: int, data: dict[str, Any]
) -> PriceBookEntry:
    """Change an entry's price, currency, unit or product."""
    entry = get_entry(session, actor, price_book_id, entry_id)
    require(session, actor, CATALOGUE, "edit")
    merged = merged_values(entry, data, FIELDS)
    update_record(session, ENTITY, entry, _checked(session, merged, entry.price_book_id, entry.id), actor)
    return entry


def delete_entry(session: Session, actor: User, price_book_id: int, entry_id: int) -> None:
    """Remove a price from a price book; quotes keep the items they copied."""
    entry = get_entry(session, actor, price_book_id, entry_id)
    require(session, actor, CATALOGUE, "delete")
    delete_record(session, ENTITY, entry, actor)


def entry_books(session: Session, entry_ids: list[int]) -> dict[int, int]:
    """The price book each of the given entries belongs to."""
    if not entry_ids:
        return {}
    rows = session.exec(
        select(PriceBookEntry.id, PriceBookEntry.price_book_id).where(PriceBookEntry.id.in_(entry_ids))
    ).all()
    return dict(rows)
