"""REST: /price-books and their entries (a product's price per unit)."""

from __future__ import annotations

from fastapi import APIRouter, Response

from rxcrm.api.deps import DB, Actor, PageWindow
from rxcrm.api.records.crud import CrudRoutes
from rxcrm.api.serialize import page_body
from rxcrm.db.models import PriceBook
from rxcrm.db.schemas.catalogue import (
    EntryCreate,
    EntryPublic,
    EntryUpdate,
    PriceBookCreate,
    PriceBookPublic,
    PriceBookUpdate,
)
from rxcrm.db.schemas.shapes import Page
from rxcrm.services.commerce import price_book_entries as entries
from rxcrm.services.commerce import price_books as service
from rxcrm.services.commerce.catalogue_views import entry_out, entry_view, price_book_views

router = APIRouter(prefix="/price-books", tags=["price books"])


def _one(session: DB, book: PriceBook) -> dict:
    return price_book_views(session, [book])[0]


@router.get("", response_model=Page[PriceBookPublic])
def list_price_books(session: DB, actor: Actor, window: PageWindow, active: bool | None = None) -> dict:
    """One page of price books; `q` searches name, brand and version."""
    page = service.list_price_books(session, actor, window.q, active, window.page)
    items = price_book_views(session, page.items)
    return page_body(page, items)


crud = CrudRoutes(
    router, "price_book", PriceBookPublic, PriceBookCreate, PriceBookUpdate, out=_one, read_verb="get"
)
crud.create(service.create_price_book, "Add a price book.", unset=False)
crud.read(service.get_price_book, "One price book.")
crud.update(service.update_price_book, "Change a price book, its projects or the book it updates.")
crud.delete(service.delete_price_book, "Remove a price book with its entries and bundles.")


@router.get("/{price_book_id}/entries", response_model=Page[EntryPublic])
def list_entries(price_book_id: int, session: DB, actor: Actor, window: PageWindow) -> dict:
    """One page of the book's entries; `q` searches product name and code."""
    page = entries.list_entries(session, actor, price_book_id, window.q, window.page)
    items = [entry_view(entry, product) for entry, product in page.items]
    return page_body(page, items)


@router.post("/{price_book_id}/entries", status_code=201, response_model=EntryPublic)
def add_entry(price_book_id: int, body: EntryCreate, session: DB, actor: Actor) -> dict:
    """Price a product per unit in the book (409 when that unit is priced already)."""
    return entry_out(session, entries.add_entry(session, actor, price_book_id, body.model_dump()))


@router.patch("/{price_book_id}/entries/{entry_id}", response_model=EntryPublic)
def update_entry(price_book_id: int, entry_id: int, body: EntryUpdate, session: DB, actor: Actor) -> dict:
    """Change an entry's price, currency or unit."""
    changes = body.model_dump(exclude_unset=True)
    return entry_out(session, entries.update_entry(session, actor, price_book_id, entry_id, changes))


@router.delete("/{price_book_id}/entries/{entry_id}", status_code=204)
def delete_entry(price_book_id: int, entry_id: int, session: DB, actor: Actor) -> Response:
    """Remove an entry from the book."""
    entries.delete_entry(session, actor, price_book_id, entry_id)
    return Response(status_code=204)
