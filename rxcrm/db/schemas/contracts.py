"""Contract shapes: what a customer bought on a sold deal (one-off or a term with its renewal)."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel


class ContractPublic(BaseModel):
    """A contract: one-off, or a term with a start, an end (= its renewal date) and a status."""

    id: int
    name: str
    opportunity_id: int | None
    account_id: int | None
    owner_id: int | None
    product_id: int | None
    quote_item_id: int | None
    kind: str
    type: str
    start: date
    end: date | None
    renewal_date: date | None
    quantity: str
    unit: str | None
    amount: str | None
    currency: str
    status: str
