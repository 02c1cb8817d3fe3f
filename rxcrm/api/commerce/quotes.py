"""REST: /quotes and /opportunities/{id}/quotes — a deal's quotes, their items and actions."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response
from pydantic import BaseModel

from rxcrm.api.deps import DB, Actor, PageWindow
from rxcrm.api.serialize import page_body
from rxcrm.db.schemas.quotes import (
    QuoteCreate,
    QuoteCurrency,
    QuoteItemCreate,
    QuoteItemUpdate,
    QuotePublic,
    QuoteUpdate,
)
from rxcrm.db.schemas.shapes import Page
from rxcrm.services.commerce import quote_items as items
from rxcrm.services.commerce import quotes as service
from rxcrm.services.commerce.quote_read_models import get_quote, quotes_of_deal

router = APIRouter(tags=["quotes"])


def _sent(body: BaseModel) -> dict[str, Any]:
    return body.model_dump(exclude_unset=True)


@router.get("/opportunities/{opportunity_id}/quotes", response_model=Page[QuotePublic])
def list_quotes(opportunity_id: int, window: PageWindow, session: DB, actor: Actor) -> dict[str, Any]:
    """The quotes of a deal, oldest first, with their items."""
    page = quotes_of_deal(session, actor, opportunity_id, window.page)
    return page_body(page, page.items)


@router.post("/quotes", status_code=201, response_model=QuotePublic)
def create_quote(body: QuoteCreate, session: DB, actor: Actor) -> dict[str, Any]:
    """A new quote: active when it is the deal's first (the deal amount follows it)."""
    quote = service.create_quote(session, actor, _sent(body))
    return get_quote(session, actor, quote.id)


@router.get("/quotes/{quote_id}", response_model=QuotePublic)
def read_quote(quote_id: int, session: DB, actor: Actor) -> dict[str, Any]:
    """One quote with its items."""
    return get_quote(session, actor, quote_id)


@router.patch("/quotes/{quote_id}", response_model=QuotePublic)
def update_quote(quote_id: int, body: QuoteUpdate, session: DB, actor: Actor) -> dict[str, Any]:
    """Change a quote's name, brand, price book, product version or validity."""
    service.update_quote(session, actor, quote_id, _sent(body))
    return get_quote(session, actor, quote_id)


@router.delete("/quotes/{quote_id}", status_code=204)
def delete_quote(quote_id: int, session: DB, actor: Actor) -> Response:
    """Delete an inactive quote (the active one answers 409)."""
    service.delete_quote(session, actor, quote_id)
    return Response(status_code=204)


@router.post("/quotes/{quote_id}/items", status_code=201, response_model=QuotePublic)
def add_item(quote_id: int, body: QuoteItemCreate, session: DB, actor: Actor) -> dict[str, Any]:
    """Add an entry, a bundle, a free item or the rounding item; answers the whole quote."""
    items.add_item(session, actor, quote_id, _sent(body))
    return get_quote(session, actor, quote_id)


@router.patch("/quotes/{quote_id}/items/{item_id}", response_model=QuotePublic)
def update_item(
    quote_id: int, item_id: int, body: QuoteItemUpdate, session: DB, actor: Actor
) -> dict[str, Any]:
    """Change a line; answers the whole quote."""
    items.update_item(session, actor, quote_id, item_id, _sent(body))
    return get_quote(session, actor, quote_id)


@router.delete("/quotes/{quote_id}/items/{item_id}", response_model=QuotePublic)
def delete_item(quote_id: int, item_id: int, session: DB, actor: Actor) -> dict[str, Any]:
    """Remove a line; answers the whole quote."""
    items.delete_item(session, actor, quote_id, item_id)
    return get_quote(session, actor, quote_id)


@router.post("/quotes/{quote_id}/activate", response_model=QuotePublic)
def activate_quote(quote_id: int, session: DB, actor: Actor) -> dict[str, Any]:
    """Make this the deal's only active quote: the deal amount and currency become its own."""
    service.activate_quote(session, actor, quote_id)
    return get_quote(session, actor, quote_id)


@router.post("/quotes/{quote_id}/duplicate", status_code=201, response_model=QuotePublic)
def duplicate_quote(quote_id: int, session: DB, actor: Actor) -> dict[str, Any]:
    """An inactive copy 'Copy of …' with copies of the items."""
    copy = service.duplicate_quote(session, actor, quote_id)
    return get_quote(session, actor, copy.id)


@router.post("/quotes/{quote_id}/currency", response_model=QuotePublic)
def change_currency(quote_id: int, body: QuoteCurrency, session: DB, actor: Actor) -> dict[str, Any]:
    """Convert every price of the quote into another currency by the exchange rates."""
    service.change_currency(session, actor, quote_id, body.currency)
    return get_quote(session, actor, quote_id)
